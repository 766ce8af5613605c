"""What the import could not map, or mapped by a guess: one line per place, in Russian."""

from __future__ import annotations

from dataclasses import dataclass, field

from .read import Cell, Para, Table


@dataclass(frozen=True)
class Note:
    where: str  # «абзац 12», «таблица 2, строка 5, ячейка 3»
    message: str
    severity: str = "unmapped"  # unmapped: content not carried over as is; guess: check it


@dataclass
class Report:
    notes: list[Note] = field(default_factory=list)

    def unmapped(self, where: str, message: str) -> None:
        self.notes.append(Note(where, message))

    def table_left_out(self, table: Table, what: str) -> None:
        """Every row of a table that has no place in the document being read, one note each."""
        for r, row in enumerate(table.rows):
            text = " | ".join(c.text for c in row if c.text and not c.continued)
            if text:
                self.unmapped(at_row(table, r), f"таблица {what} не перенесена: {quote(text, 100)}")

    def guess(self, where: str, message: str) -> None:
        self.notes.append(Note(where, message, "guess"))

    def lines(self) -> list[str]:
        titles = {"unmapped": "Не перенесено как есть (проверьте):", "guess": "Определено по догадке (проверьте):"}
        result: list[str] = []
        for severity in ("unmapped", "guess"):
            notes = [n for n in self.notes if n.severity == severity]
            if notes:
                result.append(titles[severity])
                result += [f"  {n.where}: {n.message}" for n in notes]
        return result


def at_para(para: Para) -> str:
    return f"абзац {para.index}" if para.index else "абзац в таблице"


def at_row(table: Table, row: int) -> str:
    return f"таблица {table.index}, строка {row + 1}"


def at_cell(table: Table, row: int, cell: Cell) -> str:
    return f"таблица {table.index}, строка {row + 1}, столбец {cell.col + 1}"


def quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return "«" + (text if len(text) <= limit else text[: limit - 1] + "…") + "»"
