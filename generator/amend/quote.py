"""Units of a document quoted in an amending order: table rows cell by cell, or paragraphs,
inside one «…» (drafting rules §2.3)."""

from __future__ import annotations

from .. import model as m
from ..editions import walk
from ..printed import TOTAL_LABEL, measure_cells, section_cells
from ..tree import Path
from ..typography import typeset
from .words import bare

DEFAULT_CELLS = ("number", "text", "deadline", "responsible")


def quoted_rows(
    node, numbers: dict, path: Path, separator: str, cells: tuple[str, ...] = DEFAULT_CELLS
) -> list[list[str]]:
    """A node as the table rows it prints, a cell a column (`cells`: what each column prints,
    printed.column_cells): a measure row, or a section with its rows and its «Итого» row."""
    keys = tuple(c for c in cells if c not in DEFAULT_CELLS)
    rows: list[list[str]] = []
    if isinstance(node, m.Measure):
        own = {**measure_cells(node, separator, keys), "number": numbers.get(path) or ""}
        rows.append([own.get(c, "") for c in cells])
    elif isinstance(node, m.Section):
        number = numbers.get(path)
        title = f"{bare(number)}. {typeset(node.title)}" if number else typeset(node.title)
        rows.append([title if c == "text" else "" for c in cells])
    for sub_path, sub in walk(node, path):
        if isinstance(sub, m.Measure | m.Section):
            rows += quoted_rows(sub, numbers, sub_path, separator, cells)[:1]
    if isinstance(node, m.Section) and node.total:
        totals = section_cells(node, keys)
        rows.append([TOTAL_LABEL if c == "text" else totals.get(f"total:{c}", "") for c in cells])
    return rows


def quoted_paragraphs(node, numbers: dict, path: Path) -> list[str]:
    """A clause, chapter or point as quoted paragraphs: «2.7. Текст.»."""
    lines: list[str] = []
    number = numbers.get(path)
    if isinstance(node, m.Chapter):
        lines.append(f"{number or ''} {typeset(node.title)}".strip())
    elif isinstance(node, m.PassportBlock):
        lines.append(typeset(node.label) + ":")
    body = [typeset(line) for line in m.plain_text(node.text).splitlines()]
    if body and not isinstance(node, m.Chapter | m.PassportBlock) and number:
        body[0] = f"{number} {body[0]}"
    lines += body
    for d in getattr(node, "definitions", ()):
        lines.append(f"{typeset(d.term)}\u00a0– {typeset(d.definition)}")
    for sub_path, sub in walk(node, path):
        if isinstance(sub, m.Clause | m.Point | m.Chapter):
            lines += quoted_paragraphs(sub, numbers, sub_path)[: 1 + len(getattr(sub, "definitions", ()))]
    return lines


def quoted_table(rows: list[list[str]]) -> list[list[str]]:
    """«opens the first cell and ».» closes the last."""
    if not rows:
        return rows
    rows = [list(r) for r in rows]
    rows[0][0] = "«" + rows[0][0]
    rows[-1][-1] = rows[-1][-1] + "»."
    return rows


def quoted_lines(lines: list[str]) -> list[str]:
    """«opens the first paragraph and ».» closes the last."""
    if not lines:
        return lines
    lines = list(lines)
    lines[0] = "«" + lines[0]
    lines[-1] = lines[-1] + "»."
    return lines


def requote(rows: list[list[str]], quote: list[str]) -> tuple[list[list[str]], list[str]]:
    """Several added units are one quotation: one «, one »."""
    rows = [[c.removeprefix("«").removesuffix("».") for c in r] for r in rows]
    quote = [q.removeprefix("«").removesuffix("».") for q in quote]
    return quoted_table(rows), quoted_lines(quote)


def quoted(
    old_doc, node, numbers: dict, path: Path, separator: str, cells: tuple[str, ...]
) -> tuple[list[list[str]], list[str]]:
    """A unit quoted the way its document prints it: rows of a plan, paragraphs otherwise."""
    if isinstance(node, m.Measure | m.Section) and isinstance(old_doc, m.Plan):
        return quoted_table(quoted_rows(node, numbers, path, separator, cells)), []
    return [], quoted_lines(quoted_paragraphs(node, numbers, path))
