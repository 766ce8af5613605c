"""What the import could not map, or mapped by a guess: one line per place, in Russian.

The report is also the import's ledger. A place named by `at_para`/`at_row`/`at_cell`
carries the unit it names, so a note about it counts as accounting for that unit;
`account` then names every paragraph and table row of the source that the parsers
neither carried over (`read.take`) nor reported, so nothing leaves the file silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .read import Block, Cell, Para, Table


class Where(str):
    """A place in the source as the clerk reads it («таблица 2, строка 5»), with the unit it names."""

    unit: tuple | None = None

    @classmethod
    def of(cls, text: str, unit: tuple) -> Where:
        where = cls(text)
        where.unit = unit
        return where


@dataclass(frozen=True)
class Finding:
    """One line of the report: a place in the source and what became of it."""

    where: str  # «абзац 12», «таблица 2, строка 5, ячейка 3»
    message: str
    severity: str = "unmapped"  # unmapped: content not carried over as is; guess: check it; differs: printed otherwise


@dataclass(frozen=True)
class Accounting:
    """Source units (non-empty paragraphs and table rows) and what became of them."""

    units: int
    carried: int  # taken into the content
    reported: int  # named in the report (and not carried)
    unaccounted: int  # found by the final check: neither carried nor reported by a parser


@dataclass
class Report:
    notes: list[Finding] = field(default_factory=list)
    reported: set[tuple] = field(default_factory=set)

    def unmapped(self, where: str, message: str) -> None:
        self._add(Finding(where, message))

    def guess(self, where: str, message: str) -> None:
        self._add(Finding(where, message, "guess"))

    def differs(self, where: str, message: str) -> None:
        """prikaz will print this differently from the Word file."""
        self._add(Finding(where, message, "differs"))

    def _add(self, note: Finding) -> None:
        unit = getattr(note.where, "unit", None)
        if unit is not None:
            self.reported.add(unit)
        self.notes.append(note)

    def table_left_out(self, table: Table, what: str) -> None:
        """Every row of a table that has no place in the document being read, one note each."""
        for r in range(len(table.rows)):
            text = table.row_text(r)
            if text:
                self.unmapped(at_row(table, r), f"таблица {what} не перенесена: {quote(text, 100)}")

    def account(self, blocks: list[Block]) -> Accounting:
        """Name every unit that was neither carried over nor reported; count them all."""
        units = carried = reported = unaccounted = 0
        for block in blocks:
            if isinstance(block, Para):
                if not block.text.strip():
                    continue
                units += 1
                if block.used:
                    carried += 1
                elif ("p", id(block)) in self.reported:
                    reported += 1
                else:
                    unaccounted += 1
                    self.unmapped(at_para(block), f"абзац не перенесён: {quote(block.text, 100)}")
                continue
            for r in range(len(block.rows)):
                if not block.row_text(r):
                    continue
                units += 1
                if r in block.used:
                    carried += 1
                elif ("r", id(block), r) in self.reported:
                    reported += 1
                else:
                    unaccounted += 1
                    self.unmapped(at_row(block, r), f"строка таблицы не перенесена: {quote(block.row_text(r), 100)}")
        return Accounting(units, carried, reported, unaccounted)

    def lines(self) -> list[str]:
        titles = {
            "unmapped": "Не перенесено как есть (проверьте):",
            "guess": "Определено по догадке (проверьте):",
            "differs": "prikaz напечатает иначе, чем в файле Word:",
        }
        result: list[str] = []
        for severity in ("unmapped", "differs", "guess"):
            notes = [n for n in self.notes if n.severity == severity]
            if notes:
                result.append(titles[severity])
                result += [f"  {n.where}: {n.message}" for n in notes]
        return result


def at_para(para: Para) -> str:
    return Where.of(f"абзац {para.index}", ("p", id(para))) if para.index else "абзац в таблице"


def at_row(table: Table, row: int) -> str:
    return Where.of(f"таблица {table.index}, строка {row + 1}", ("r", id(table), row))


def at_cell(table: Table, row: int, cell: Cell) -> str:
    return Where.of(f"таблица {table.index}, строка {row + 1}, столбец {cell.col + 1}", ("r", id(table), row))


def quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return "«" + (text if len(text) <= limit else text[: limit - 1] + "…") + "»"
