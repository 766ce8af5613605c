"""An edition as a reader sees it: a flat list of printed units with their numbers.

A plan prints as the rows of its table (section rows, measure rows) and passport texts; a
regulation as chapter headings and clauses; an order as points. Each unit keeps the
cells an amendment can name («графа «Срок исполнения» пункта 2.7»), in print (typeset),
and its parent, so «раздел 2 дополнить пунктом 2.21» knows where section 2 ends.

Both sides of the wording proof use this: amend.parse applies the parsed wording of an
order to the old edition's units and compares the result with the new edition's units.
The text operations of the formulas («слова «…» заменить словами «…»») live here too,
so the wording checks a fragment with the very operation that the proof applies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import model as m
from .tree import CHILDREN
from .typography import printed_key, typeset

MEASURE_CELLS = ("text", "deadline", "responsible")  # columns 2, 3, 4 of a plan's table


@dataclass(eq=False)
class Unit:
    kind: str  # section | measure | block | chapter | clause | point
    number: str | None  # bare: «2.7», not «2.7.»
    cells: dict[str, str]
    parent: Unit | None = None
    path: tuple = ()  # the model path, for messages

    def key(self) -> tuple:
        """What the reader compares: the kind, the number and the cells as printed."""
        return (self.kind, self.number, tuple(sorted((k, printed_key(v)) for k, v in self.cells.items())))

    def inside(self, other: Unit) -> bool:
        node = self.parent
        while node is not None:
            if node is other:
                return True
            node = node.parent
        return False


@dataclass
class Printed:
    kind: str  # plan | regulation | order
    cells: dict[str, str]  # the document's own: title, note, columns
    units: list[Unit] = field(default_factory=list)
    columns: tuple[str, ...] = ()  # column titles, in table order
    column_cells: tuple[str, ...] = ()  # the cell each column prints, in table order
    separator: str = ", "

    def key(self) -> tuple:
        return (tuple(sorted((k, printed_key(v)) for k, v in self.cells.items())), tuple(u.key() for u in self.units))


# --- cells ------------------------------------------------------------------------------


def bare(number: str | None) -> str | None:
    return number.strip().rstrip(".") if number else None


def cell_text(text: m.Text) -> str:
    return "\n".join(typeset(line) for line in m.plain_text(text).splitlines())


def note_suffix(node: m.Measure) -> str:
    return f"\nПримечание: {typeset(node.note)}" if node.note else ""


TOTAL_LABEL = "Итого по разделу"
CELL_OF_ROLE = {"number": "number", "measure": "text", "deadline": "deadline", "responsible": "responsible"}


def measure_cells(node: m.Measure, separator: str, keys: tuple[str, ...] = ()) -> dict[str, str]:
    """A measure's cells; `keys` are the plan's extra columns (generator/columns.py)."""
    cells = {
        "text": cell_text(node.text) + note_suffix(node),
        "deadline": typeset(node.deadline or ""),
        "responsible": separator.join(typeset(u) for u in node.responsible),
    }
    cells.update((key, typeset(node.value(key) or "")) for key in keys)
    return cells


def section_cells(node: m.Section, keys: tuple[str, ...] = ()) -> dict[str, str]:
    """A section row's title and, under the extra columns, its «Итого» row (total:<key>)."""
    totals = dict(node.total)
    return {"title": typeset(node.title), **{f"total:{key}": typeset(totals.get(key, "")) for key in keys}}


def column_cells(doc) -> tuple[str, ...]:
    return tuple(CELL_OF_ROLE.get(c.role) or c.key or "" for c in getattr(doc, "columns", ()))


def clause_lines(node) -> list[str]:
    """A clause or point's own paragraphs, its terms one a line («термин – определение»)."""
    lines = [typeset(line) for line in m.plain_text(node.text).splitlines()]
    for d in getattr(node, "definitions", ()):
        lines.append(f"{typeset(d.term)}\u00a0– {typeset(d.definition)}")
    return lines


def unit_cells(node, separator: str, keys: tuple[str, ...] = ()) -> tuple[str, dict[str, str]]:
    if isinstance(node, m.Measure):
        return "measure", measure_cells(node, separator, keys)
    if isinstance(node, m.Section):
        return "section", section_cells(node, keys)
    if isinstance(node, m.PassportBlock):
        return "block", {"label": typeset(node.label), "text": cell_text(node.text)}
    if isinstance(node, m.Chapter):
        return "chapter", {"title": typeset(node.title), "text": cell_text(node.text)}
    if isinstance(node, m.Clause):
        return "clause", {"text": "\n".join(clause_lines(node))}
    return "point", {"text": "\n".join(clause_lines(node))}


def document_cells(doc) -> dict[str, str]:
    cells = {"title": typeset(doc.title)}
    if isinstance(doc, m.Order) and doc.preamble:
        cells["preamble"] = cell_text(doc.preamble)
    note = getattr(doc, "note", None)
    if note is not None:
        cells["note"] = cell_text(note.text)
    columns = getattr(doc, "columns", ())
    if columns:
        cells["columns"] = "\n".join(typeset(c.title) for c in columns)
    return cells


def printed(doc, numbers: dict) -> Printed:
    """The units of `doc` in print order with the numbers given (frozen or computed)."""
    kind = "plan" if isinstance(doc, m.Plan) else "regulation" if isinstance(doc, m.Regulation) else "order"
    separator = getattr(doc, "responsible_separator", ", ")
    titles = tuple(c.title for c in getattr(doc, "columns", ()))
    keys = tuple(c.key for c in doc.extra_columns if c.key is not None) if isinstance(doc, m.Plan) else ()
    result = Printed(kind, document_cells(doc), columns=titles, column_cells=column_cells(doc), separator=separator)

    def visit(node, path, parent):
        for name in CHILDREN[type(node)]:
            for i, child in enumerate(getattr(node, name)):
                child_path = path + ((name, i),)
                unit_kind, cells = unit_cells(child, separator, keys)
                unit = Unit(unit_kind, bare(numbers.get(child_path)), cells, parent, child_path)
                result.units.append(unit)
                visit(child, child_path, unit)

    visit(doc, (), None)
    return result


# --- the text operations of the formulas -----------------------------------------------


class NotApplicable(ValueError):
    """A formula that does not apply: its words are not found, or found more than once."""


@lru_cache(maxsize=1024)  # a grouped replacement looks for the same words in many cells
def _pattern(words: str) -> re.Pattern:
    """«слова «ОО»» are the words ОО, not the letters inside «МОУО»."""
    left = r"(?<!\w)" if words[:1].isalnum() or words[:1] == "_" else ""
    right = r"(?!\w)" if words[-1:].isalnum() or words[-1:] == "_" else ""
    return re.compile(left + re.escape(words) + right)


def occurrences(text: str, words: str) -> int:
    return len(_pattern(words).findall(text)) if words and words in text else 0


def replace_once(text: str, old: str, new: str) -> str:
    """«слова «old» заменить словами «new»» (or «исключить» with new == "") in one place."""
    found = list(_pattern(old).finditer(text)) if old else []
    if len(found) != 1:
        raise NotApplicable(old)
    before, after = text[: found[0].start()], text[found[0].end() :]
    if not new:  # the words go, and one of the spaces around them
        if before.endswith(" ") and (after.startswith(" ") or after[:1] in ",.;:)»" or not after):
            before = before[:-1]
        elif after.startswith(" ") and not before:
            after = after[1:]
    return before + new + after


def insert_after(text: str, anchor: str, added: str) -> str:
    """«после слов «anchor» дополнить словами «added»»."""
    found = list(_pattern(anchor).finditer(text)) if anchor else []
    if len(found) != 1:
        raise NotApplicable(anchor)
    end = found[0].end()
    return text[:end] + joined(added) + text[end:]


def joined(added: str) -> str:
    """Added words join with a space, unless they begin with punctuation."""
    return added if added[:1] in ",.;:)" else " " + added


def replace_all(text: str, old: str, new: str) -> str:
    return _pattern(old).sub(lambda _: new, text)
