"""The reader of a plan of measures: period, note, numbering, sections, measures."""

from __future__ import annotations

import re

from .. import model as m
from ..errors import Problem
from ..schema import Fields
from ..yamlnodes import Node
from .plan_columns import column_values, read_columns
from .shared import MAX_MEASURE_DEPTH, as_written, optional_signature, read_edition
from .text import literal, read_text


def read_plan(f: Fields) -> m.Plan:
    columns = read_columns(f)
    numbering = f.sub("numbering")
    layout = f.sub("layout")
    table_per_section = layout.flag("table_per_section", False) if layout else False
    if layout:
        layout.done()
    return m.Plan(
        id=f.ident("id", required=True) or "",
        title=f.string("title", required=True) or "",
        period=_period(f),
        note=_note(f),
        table_title=f.string("table_title"),
        columns=columns,
        column_numbers=f.flag("column_numbers", False),
        responsible_separator=_separator(f),
        numbering=_numbering(numbering) if numbering else m.Numbering(),
        table_per_section=table_per_section,
        sections=f.items("sections", lambda n: _section(n, f.problems, columns), required=True),
        signature=optional_signature(f),
        edition=read_edition(f),
        as_written=as_written(f),
        pos=f.pos(),
    )


YEAR = re.compile(r"^[0-9]{4}$")


def _period(f: Fields) -> tuple[int, int] | None:
    sub = f.sub("period")
    if sub is None or not sub.ok:
        return None
    years = []
    for key in ("from", "to"):
        value = sub.matching(key, YEAR, "value-year", required=True)
        years.append(int(value) if value else 0)
    sub.done()
    return (years[0], years[1]) if all(years) else None


def _note(f: Fields) -> m.Note | None:
    sub = f.sub("note")
    if sub is None or not sub.ok:
        return None
    note = m.Note(title=sub.string("title"), text=read_text(sub, "text", required=True))
    sub.done()
    return note


def _separator(f: Fields) -> str:
    value = f.read("responsible_separator", literal, default=", ")
    return value if value is not None else ", "


def _numbering(f: Fields) -> m.Numbering:
    numbering = m.Numbering(
        sections=f.choice("sections", ("numbered", "unnumbered"), "numbered"),
        measures=f.choice("measures", ("hierarchical", "restart"), "hierarchical"),
        trailing_dot=f.flag("trailing_dot", False),
    )
    f.done()
    return numbering


def _section(node: Node, problems: list[Problem], columns: tuple[m.Column, ...]) -> m.Section | None:
    f = Fields(node, problems, "sections")
    if not f.ok:
        return None
    section = m.Section(
        title=f.string("title", required=True) or "",
        id=f.ident("id"),
        number=f.string("number"),
        numbered=f.flag("numbered", True),
        passport=f.items("passport", lambda n: _passport(n, problems)),
        measures=f.items("measures", lambda n: _measure(n, problems, 1, columns)),
        sections=f.items("sections", lambda n: _section(n, problems, columns)),
        total=_total(f, columns),
        pos=node.pos,
    )
    f.done()
    return section


def _passport(node: Node, problems: list[Problem]) -> m.PassportBlock | None:
    f = Fields(node, problems, "passport")
    if not f.ok:
        return None
    block = m.PassportBlock(f.string("label", required=True) or "", read_text(f, "text"), pos=node.pos)
    f.done()
    return block


def _total(f: Fields, columns: tuple[m.Column, ...]) -> tuple[tuple[str, str], ...]:
    sub = f.sub("total")
    if sub is None or not sub.ok:
        return ()
    values = column_values(sub, columns)
    sub.done()
    return values


def _measure(
    node: Node, problems: list[Problem], depth: int, columns: tuple[m.Column, ...] = m.DEFAULT_COLUMNS
) -> m.Measure | None:
    f = Fields(node, problems, "measures")
    if not f.ok:
        return None
    if depth > MAX_MEASURE_DEPTH:
        problems.append(Problem("nesting-too-deep", node.pos))
        return None
    measure = m.Measure(
        text=read_text(f, "text", required=True),
        deadline=f.string("deadline"),
        responsible=f.strings("responsible"),
        id=f.ident("id"),
        number=f.string("number"),
        note=f.string("note"),
        children=f.items("measures", lambda n: _measure(n, problems, depth + 1, columns)),
        values=column_values(f, columns),
        responsible_separator=f.read("responsible_separator", literal),
        reason=f.string("reason"),
        pos=node.pos,
    )
    f.done()
    return measure
