"""Display numbers, computed from position and the document's numbering scheme.

An explicit `number` on a node is printed as is and does not shift the count of its
siblings: that is how an approved edition keeps its frozen numbers and an imported
document keeps what was printed. Children of an explicitly numbered node continue from
the explicit number.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from . import model as m


@dataclass(frozen=True)
class NumberedSection:
    section: m.Section
    number: str | None  # None: an unnumbered section
    depth: int  # 1 for top-level sections


@dataclass(frozen=True)
class NumberedMeasure:
    measure: m.Measure
    number: str
    depth: int  # 1 for a measure directly in a section
    section: m.Section


Outline = Iterator[NumberedSection | NumberedMeasure]


def plan_outline(plan: m.Plan) -> Outline:
    """Every section and measure of a plan in document order, with its display number."""
    yield from _sections(plan.sections, plan.numbering, prefix="", depth=1)


def _sections(sections, scheme: m.Numbering, prefix: str, depth: int) -> Outline:
    count = 0
    for section in sections:
        numbered = section.numbered and scheme.sections == "numbered"
        if section.number:
            number: str | None = section.number
        elif numbered:
            count += 1
            number = _join(prefix, count)
        else:
            number = None
        yield NumberedSection(section, _heading_number(number), depth)
        stem = _stem(number) if number else ""
        measure_prefix = stem if scheme.measures == "hierarchical" else ""
        yield from _measures(section.measures, scheme, measure_prefix, 1, section)
        yield from _sections(section.sections, scheme, stem, depth + 1)


def _measures(measures, scheme: m.Numbering, prefix: str, depth: int, section) -> Outline:
    for index, measure in enumerate(measures, start=1):
        computed = _join(prefix, index)
        number = measure.number or _dotted(computed, scheme.trailing_dot)
        yield NumberedMeasure(measure, number, depth, section)
        child_prefix = _stem(measure.number) if measure.number else computed
        yield from _measures(measure.children, scheme, child_prefix, depth + 1, section)


def _heading_number(number: str | None) -> str | None:
    """Section headings always read «1. Title», «1.2. Title»."""
    return None if number is None else _stem(number) + "."


def _join(prefix: str, index: int) -> str:
    return f"{prefix}.{index}" if prefix else str(index)


def _stem(number: str) -> str:
    return number.strip().rstrip(".")


def _dotted(number: str, trailing_dot: bool) -> str:
    return number + "." if trailing_dot else number


# --- regulations and order points -------------------------------------------------------


@dataclass(frozen=True)
class NumberedChapter:
    chapter: m.Chapter
    number: str


@dataclass(frozen=True)
class NumberedClause:
    clause: m.Clause
    number: str
    depth: int


def regulation_outline(regulation: m.Regulation) -> Iterator[NumberedChapter | NumberedClause]:
    dot = regulation.trailing_dot
    for index, chapter in enumerate(regulation.chapters, start=1):
        stem = _stem(chapter.number) if chapter.number else str(index)
        yield NumberedChapter(chapter, stem + ".")
        yield from _clauses(chapter.clauses, stem, dot, 1)


def _clauses(clauses, prefix: str, dot: bool, depth: int) -> Iterator[NumberedClause]:
    for index, clause in enumerate(clauses, start=1):
        computed = _join(prefix, index)
        yield NumberedClause(clause, clause.number or _dotted(computed, dot), depth)
        child_prefix = _stem(clause.number) if clause.number else computed
        yield from _clauses(clause.clauses, child_prefix, dot, depth + 1)


def point_numbers(points: tuple[m.Point, ...], prefix: str = "", offset: int = 0) -> Iterator[tuple[str, m.Point, int]]:
    """Order points: «1.», sub-points «1.1.»; `offset` points precede them."""
    for index, point in enumerate(points, start=1 + offset):
        number = _join(prefix, index)
        yield number + ".", point, prefix.count(".") + (1 if prefix else 0)
        yield from point_numbers(point.points, number)
