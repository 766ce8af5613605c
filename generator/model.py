"""The content model: frozen dataclasses, no I/O.

Each node keeps the source position it was read from in `pos`, excluded from equality, so
that two editions compare by content while findings still point at `file:line:column`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .errors import Pos

NOWHERE = Pos("")


def _pos() -> Pos:
    return field(default=NOWHERE, compare=False, repr=False)


def _checksum() -> str:
    """The checksum of a document's file content, set by the loader; not part of equality,
    so an edition compares equal to the same content built in memory."""
    return field(default="", compare=False, repr=False)


# --- text -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    marker: str = "–"


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Lead:
    """A paragraph opening with a bold lead-in: «**Цель** – выстраивание …»."""

    lead: str
    text: str


Block = Paragraph | Bullets | Heading | Lead
Text = tuple[Block, ...]


def plain_text(text: Text) -> str:
    """The words of a text, one block a line, for comparisons and messages."""
    lines: list[str] = []
    for block in text:
        if isinstance(block, Bullets):
            lines.extend(f"{block.marker} {item}".strip() for item in block.items)
        elif isinstance(block, Lead):
            lines.append(f"{block.lead} {block.text}".strip())
        else:
            lines.append(block.text)
    return "\n".join(lines)


# --- organization -----------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    name: str
    full: str | None = None
    pos: Pos = _pos()


@dataclass(frozen=True)
class Signature:
    position: tuple[str, ...]
    name: str
    pos: Pos = _pos()


@dataclass(frozen=True)
class Style:
    doc_type: str = "ПРИКАЗ"
    command: str = "ПРИКАЗЫВАЮ:"
    date: str = "numeric"  # numeric | long | long_zero
    annex_header: str = "annex"  # annex | approved
    amendment_items: str = "capital"  # capital | lower: «1.1. Пункт 2.7 …» or «1.1. пункт 2.7 …»
    command_position: str = "paragraph"  # paragraph | run-in (at the end of the preamble)


@dataclass(frozen=True)
class Organization:
    name: str
    name_genitive: str
    letterhead: tuple[str, ...]
    place: str | None = None
    municipality: str | None = None
    style: Style = Style()
    signatories: tuple[tuple[str, Signature], ...] = ()
    units: tuple[Unit, ...] = ()
    # Abbreviations the department's readers know without a definition (regional bodies
    # a department never spells out); `prikaz check` does not ask to define them.
    abbreviations: tuple[str, ...] = ()
    pos: Pos = _pos()

    def signatory(self, key: str) -> Signature:
        return dict(self.signatories)[key]


# --- plans ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column of a plan's table: its role (generator/columns.py), its header, and for
    columns beyond the measure's own fields, the key its values are kept under."""

    role: str
    title: str
    key: str | None = None
    width: float | None = None  # cm; None: the role's default
    pos: Pos = _pos()


DEFAULT_COLUMNS = (
    Column("number", "№ п/п"),
    Column("measure", "Наименование мероприятия"),
    Column("deadline", "Срок исполнения"),
    Column("responsible", "Ответственные исполнители"),
)


@dataclass(frozen=True)
class Measure:
    text: Text
    deadline: str | None = None
    responsible: tuple[str, ...] = ()
    id: str | None = None
    number: str | None = None  # explicit, printed as is
    note: str | None = None
    children: tuple[Measure, ...] = ()
    # Values of the plan's extra columns, (column key, value as typed), in column order.
    values: tuple[tuple[str, str], ...] = ()
    # How this measure's units are joined, when not as the plan says (one per line here).
    responsible_separator: str | None = None
    # Why the edition changes this measure: shown to the lawyer in the comparison table,
    # never printed in the plan, and no part of the content's equality.
    reason: str | None = field(default=None, compare=False)
    pos: Pos = _pos()

    def value(self, key: str) -> str | None:
        """The value of an extra column, or None where the cell is empty."""
        return next((v for k, v in self.values if k == key), None)


@dataclass(frozen=True)
class PassportBlock:
    label: str
    text: Text = ()
    pos: Pos = _pos()


@dataclass(frozen=True)
class Section:
    title: str
    id: str | None = None
    number: str | None = None
    numbered: bool = True
    passport: tuple[PassportBlock, ...] = ()
    measures: tuple[Measure, ...] = ()
    sections: tuple[Section, ...] = ()
    # A total row under the section's measures: (column key, value), e.g. the amount.
    total: tuple[tuple[str, str], ...] = ()
    pos: Pos = _pos()


@dataclass(frozen=True)
class Numbering:
    sections: str = "numbered"  # numbered | unnumbered
    measures: str = "hierarchical"  # hierarchical | restart
    trailing_dot: bool = False


@dataclass(frozen=True)
class Note:
    title: str | None
    text: Text


@dataclass(frozen=True)
class Edition:
    """Where a plan or regulation stands in the history of its work."""

    follows: str | None = None  # id of the previous edition
    kind: str = "original"  # original | new | amendment
    illustrative: bool = False  # an example edition, not a real document


@dataclass(frozen=True)
class Plan:
    id: str
    title: str
    sections: tuple[Section, ...]
    columns: tuple[Column, ...] = DEFAULT_COLUMNS
    period: tuple[int, int] | None = None
    note: Note | None = None
    table_title: str | None = None
    column_numbers: bool = False
    responsible_separator: str = ", "
    numbering: Numbering = Numbering()
    table_per_section: bool = False
    signature: Signature | None = None
    edition: Edition = Edition()
    as_written: bool = False  # `typography: as-written`: printed without typographic changes
    pos: Pos = _pos()
    checksum: str = _checksum()

    kind_word = "план"

    @property
    def extra_columns(self) -> tuple[Column, ...]:
        """Columns beyond the measure's own four fields, in table order."""
        return tuple(c for c in self.columns if c.key is not None)

    def all_nodes(self):
        """Every section and measure, in document order (a section before its measures)."""

        def measures(items):
            for measure in items:
                yield measure
                yield from measures(measure.children)

        def sections(items):
            for section in items:
                yield section
                yield from measures(section.measures)
                yield from sections(section.sections)

        yield from sections(self.sections)

    def all_measures(self):
        return (node for node in self.all_nodes() if isinstance(node, Measure))

    def column_title(self, role: str) -> str | None:
        return next((c.title for c in self.columns if c.role == role), None)


# --- regulations ------------------------------------------------------------------------


@dataclass(frozen=True)
class Definition:
    term: str
    definition: str
    pos: Pos = _pos()


@dataclass(frozen=True)
class Clause:
    text: Text = ()
    definitions: tuple[Definition, ...] = ()
    clauses: tuple[Clause, ...] = ()
    number: str | None = None
    id: str | None = None
    pos: Pos = _pos()


@dataclass(frozen=True)
class Chapter:
    title: str
    text: Text = ()
    clauses: tuple[Clause, ...] = ()
    number: str | None = None
    id: str | None = None
    pos: Pos = _pos()


@dataclass(frozen=True)
class Regulation:
    id: str
    title: str
    chapters: tuple[Chapter, ...]
    trailing_dot: bool = True
    signature: Signature | None = None
    edition: Edition = Edition()
    as_written: bool = False  # `typography: as-written`: printed without typographic changes
    pos: Pos = _pos()
    checksum: str = _checksum()

    kind_word = "положение"


# --- orders -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    text: Text
    points: tuple[Point, ...] = ()
    pos: Pos = _pos()


@dataclass(frozen=True)
class AnnexRef:
    document: str
    header: str | None = None  # annex | approved; None: the organization's style
    printed_header: tuple[str, ...] = ()
    pos: Pos = _pos()


@dataclass(frozen=True)
class Amendment:
    """An order that amends an approved edition: its change points are computed."""

    old: str  # id of the amended edition
    new: str  # id of the edition the order brings into force
    form: str = "auto"  # auto | changes | new-edition
    pos: Pos = _pos()


@dataclass(frozen=True)
class Seal:
    """A checksum recorded with an order when it was signed: the content it approved."""

    document: str  # id: the order itself, an annex, or the edition an amendment brings in
    checksum: str  # «sha256:…» of the document's content (generator/seals.py)
    pos: Pos = _pos()


@dataclass(frozen=True)
class Order:
    id: str
    date: dt.date
    number: str
    title: str
    points: tuple[Point, ...]
    signatory: str
    preamble: Text = ()
    annexes: tuple[AnnexRef, ...] = ()
    amendment: Amendment | None = None
    sealed: tuple[Seal, ...] = ()
    as_written: bool = False  # `typography: as-written`: printed without typographic changes
    edition: Edition = Edition()  # an order's own points amended: its edition «с изменениями»
    pos: Pos = _pos()
    checksum: str = _checksum()

    kind_word = "приказ"


Document = Order | Plan | Regulation


@dataclass(frozen=True)
class Department:
    """One organization folder: the organization and every document in it, by id."""

    folder: str
    organization: Organization
    documents: tuple[Document, ...]

    def document(self, doc_id: str) -> Document:
        return next(d for d in self.documents if d.id == doc_id)
