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
    return parsed[0], parsed[1], text[match.end() :]


def stem(number: str) -> str:
    return number.strip().rstrip(".")


def heading_like(para: Para) -> bool:
    style = para.style.lower()
    return para.bold or para.centered or any(s in style for s in HEADING_STYLES)


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
    before = last[: match.start()].strip().rstrip("_/ ").strip()
    position = lines[:-1] + ([before] if before else [])
    if not position or any(len(line) > 120 for line in position):
        return None
    return {"position": position, "name": name}


def signature_at(blocks: list, k: int) -> tuple[dict, int] | None:
    """A signature block that starts at paragraph k: position lines, then a name set apart
    (by a tab, spaces or underscores, or on a line of its own). (signature, index after it).
    A sentence that ends with a name («возложить на Иванова И.И.») is no signature."""
    paras: list[Para] = []
    j = k
    while j < len(blocks) and len(paras) < 6:
        block = blocks[j]
        if isinstance(block, Table):
            return None
        text = clean(block.text)
        j += 1
        if not text:
            continue
        paras.append(block)
        last_raw = block.text.replace("\u00a0", " ").split("\n")[-1]
        match = _NAME.search(clean(last_raw))
        if match and _set_apart(last_raw, match.group(1)):
            found = signature_paragraphs(paras)
            return (found, j) if found and _positions(found["position"]) else None
        if not _positions(text.split("\n")):
            return None
    return None


def _set_apart(raw_line: str, name: str) -> bool:
    before = raw_line.rstrip()[: -len(name)] if raw_line.rstrip().endswith(name) else None
    if before is None:
        # the name printed with other spacing: compare without spaces
        before = raw_line.rstrip()[: max(0, len(raw_line.rstrip()) - len(name) - 2)]
        return bool(re.search(r"(\t| {2,}|_{2,})", before)) or not before.strip()
    return not before.strip() or bool(re.search(r"(\t| {2,}|_{2,}|/)\s*$", before))


def _positions(lines: list[str]) -> bool:
    """Lines that may be a signatory's position: short, not a numbered point, not a sentence."""
    return all(
        line
        and len(line) <= 120
        and ":" not in line
        and not re.match(r"^\d+(\.\d+)*[.)]?\s", line)
        and not (line.endswith(".") and len(line) > 40)
        for line in lines
    )


def cell_lines(cell: Cell) -> list[str]:
    return [clean(line) for line in cell.text.split("\n") if clean(line)]
