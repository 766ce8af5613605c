"""Recognising printed shapes shared by every document: numbers, headings, signatures."""

from __future__ import annotations

import re

from .read import Cell, Para, Table
from .text import clean

_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)(\.?)$")
_ROMAN = re.compile(r"^([IVXLC]{1,6})\.?$")
_LEADING = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*\.?|[IVXLC]{1,6}\.)\)?\s+(?=\S)")
_NAME = re.compile(
    r"([А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
    r"|[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s[А-ЯЁ]\.\s?[А-ЯЁ]\.)\s*$"
)
HEADING_STYLES = ("title", "heading", "заголовок", "doc title", "part heading", "chapter")


def parse_number(text: str) -> tuple[str, tuple[int, ...] | None] | None:
    """«1.2.» → ("1.2.", (1, 2)); «IV» → ("IV", None); anything else → None."""
    text = clean(text).rstrip(")")
    match = _NUMBER.match(text)
    if match:
        return text, tuple(int(x) for x in match.group(1).split("."))
    match = _ROMAN.match(text)
    if match:
        return text, None
    return None


def split_number(text: str) -> tuple[str | None, tuple[int, ...] | None, str]:
    """«1.2. Text» → ("1.2.", (1, 2), "Text"); no number → (None, None, text)."""
    text = clean(text)
    match = _LEADING.match(text)
    if not match:
        return None, None, text
    parsed = parse_number(match.group(1))
    if parsed is None:
        return None, None, text
    return parsed[0], parsed[1], text[match.end():]


def stem(number: str) -> str:
    return number.strip().rstrip(".")


def heading_like(para: Para) -> bool:
    style = para.style.lower()
    return para.bold or para.centered or any(s in style for s in HEADING_STYLES)


def visible(blocks) -> list:
    return [b for b in blocks if not isinstance(b, Para) or clean(b.text)]


# --- signatures ---------------------------------------------------------------------------


def signature_table(table: Table) -> dict | None:
    """A signature laid out as a table: position on the left, name on the right."""
    cells = [c for row in table.rows for c in row if c.text and not c.continued]
    if not 1 < len(cells) <= 4 or len(table.rows) > 3:
        return None
    name = clean(cells[-1].text)
    if not _NAME.search(name) or len(name) > 40:
        return None
    position = [clean(line) for c in cells[:-1] for line in c.text.split("\n") if clean(line)]
    return {"position": position, "name": name} if position else None


def signature_paragraphs(paras: list[Para]) -> dict | None:
    """«Начальник отдела … Р.М. Ахметгареев»: the name at the end of the last line."""
    lines = [clean(p.text) for p in paras if clean(p.text)]
    if not lines or len(lines) > 6:
        return None
    last = lines[-1]
    match = _NAME.search(last)
    if not match:
        return None
    name = match.group(1)
    before = last[: match.start()].strip()
    position = lines[:-1] + ([before] if before else [])
    if not position or any(len(line) > 120 for line in position):
        return None
    return {"position": position, "name": name}


def cell_lines(cell: Cell) -> list[str]:
    return [clean(line) for line in cell.text.split("\n") if clean(line)]
