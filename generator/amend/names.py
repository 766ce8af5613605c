"""How the amending order names a unit of the old edition: «пункт 2.7», «раздел 2»,
«в разделе «…» », «пункты 2.3 и 2.5» — and the state the wording is composed in."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import model as m
from ..diff import Change
from ..editions import walk
from ..printed import Printed
from ..tree import Path, resolve
from ..typography import typeset
from .words import UNIT_FORMS, bare, join_numbers, unit_word


@dataclass(frozen=True)
class Settings:
    row_word: str = "пункт"  # пункт | строка | позиция
    removal: str = "исключить"  # for plan rows: исключить | признать утратившим силу
    throughout_min: int = 3  # rows sharing one replacement before «по тексту»
    new_edition_share: float = 0.5  # share of changed items that proposes a new edition


@dataclass
class Item:
    """One sub-point of the amendment: a formula, then quoted rows or paragraphs."""

    text: str
    rows: list[list[str]] = field(default_factory=list)
    quote: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    order_key: tuple = ()
    restated: Path | None = None  # the old path of a plan row restated whole
    unit: str = ""  # the unit it names, for the comparison table: «пункт 2.7, графа «Срок исполнения»»


@dataclass
class Wording:
    """Both editions and what composing their amendment has decided so far."""

    old: object
    new: object
    old_numbers: dict
    new_numbers: dict
    separator: str
    settings: Settings
    columns: dict = field(default_factory=dict)  # measure field → its column's title
    cells: tuple[str, ...] = ("number", "text", "deadline", "responsible")  # what each column prints
    qualify: bool = False  # row numbers repeat across sections: name the section too
    kept_old: frozenset = frozenset()  # old paths that stay in the new edition
    last_inside: dict = field(default_factory=dict)  # path → order of its last descendant
    old_printed: Printed | None = None
    old_units: dict = field(default_factory=dict)  # old path → printed unit of the old edition
    new_units: dict = field(default_factory=dict)  # new path → printed unit of the new edition
    new_path_of: dict = field(default_factory=dict)  # old path → new path of a kept unit
    current: dict = field(default_factory=dict)  # old path → cells after the grouped items

    def word(self, node, case: str = "acc", plural: bool = False) -> str:
        return unit_word(node, self.settings.row_word, case, plural)


def old_path(change: Change) -> Path:
    """Where a changed or removed unit stands in the old edition (such a change has a place)."""
    assert change.old_path is not None, change.kind
    return change.old_path


def new_path(change: Change) -> Path:
    """Where a changed or added unit stands in the new edition (such a change has a place)."""
    assert change.new_path is not None, change.kind
    return change.new_path


def label(ctx: Wording, node, number: str | None, case: str = "acc") -> str:
    """«пункт 2.7», «раздел 2», «раздел «Организационные мероприятия»», «блок «Цели» …»."""
    word = ctx.word(node, case)
    if isinstance(node, m.PassportBlock):
        return f"{word} «{typeset(node.label)}»"
    if number:
        return f"{word} {bare(number)}"
    title = getattr(node, "title", None) or _first_words(node)
    return f"{word} «{typeset(title)}»"


def _first_words(node, count: int = 6) -> str:
    text = m.plain_text(getattr(node, "text", ())) if hasattr(node, "text") else ""
    parts = text.split()
    return " ".join(parts[:count]) + ("…" if len(parts) > count else "")


def in_section(ctx: Wording, path: Path) -> str:
    """«в разделе «Организационные мероприятия» » when row numbers alone are ambiguous."""
    if not ctx.qualify:
        return ""
    for end in range(len(path) - 1, 0, -1):
        if path[end - 1][0] == "sections":
            section_path = path[:end]
            section = resolve(ctx.old, section_path)
            return "в " + label(ctx, section, ctx.old_numbers.get(section_path), "prep") + " "
    return ""


def section_name(ctx: Wording, path: Path) -> str:
    """«раздел «…»» of a row when row numbers repeat across sections, else ""."""
    return in_section(ctx, path).removeprefix("в ").strip().replace("разделе", "раздел", 1)


def unit_name(ctx: Wording, path: Path, numbers: list, new: bool = False) -> str:
    """The unit in the nominative for the comparison table: «пункт 2.7», «пункты 2.3 и 2.5»,
    with its section when row numbers repeat («раздел «…», пункт 5»)."""
    node = resolve(ctx.new if new else ctx.old, path)
    base = "пункт" if not isinstance(node, m.Section | m.Chapter | m.PassportBlock | m.Measure) else None
    forms = UNIT_FORMS[base] if base else None
    if forms is None:
        word = ctx.word(node, "acc", len(numbers) > 1)
        forms = next(f for f in UNIT_FORMS.values() if word in (f["acc"], f["pl_acc"]))
    name = f"{forms['pl_nom' if len(numbers) > 1 else 'nom']} {join_numbers(numbers)}"
    section = "" if new else section_name(ctx, path)
    return f"{section}, {name}" if section else name


def where(ctx: Wording, path: Path, case: str = "prep") -> str:
    """«в разделе 2» for an item inside a section, to locate passport blocks."""
    parent = path[:-1]
    if not parent:
        return ""
    node = resolve(ctx.old, parent)
    return "в " + label(ctx, node, ctx.old_numbers.get(parent), case) + " "


def row_word(ctx: Wording, path: Path) -> str:
    """The base word of an old unit: the plan's row word for a measure, «пункт» otherwise."""
    return ctx.settings.row_word if ctx.old_units[path].kind == "measure" else "пункт"


def numbers_repeat(old, numbers: dict) -> bool:
    rows = [numbers.get(p) for p, node in walk(old) if isinstance(node, m.Measure)]
    rows = [bare(n) for n in rows if n]
    return len(rows) != len(set(rows))
