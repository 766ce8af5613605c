"""Numbers typed by hand (`number:` in the content — imported or transcribed documents).

Computed numbers cannot go wrong; typed ones keep whatever the original had: a number
missing (9.8 → 9.10), a number twice (4, 4), «1.6.» among «1.1», «1.2» and a number that
belongs to another section. Only sibling groups that hold a typed number are checked.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from .. import model as m
from ..editions import walk
from ..errors import Pos, Problem
from ..history import history
from ..numbering import NumberedChapter, NumberedSection, regulation_outline
from . import Context


@dataclass(frozen=True)
class _Item:
    pos: Pos
    number: str  # as displayed
    explicit: bool


@dataclass(frozen=True)
class _Group:
    items: tuple[_Item, ...]
    parent: str | None  # the stem the numbers should start with; None: no number above
    parent_label: str
    headings: bool = False  # section or chapter headings: always printed «1.»
    vacancies: bool = False  # an amended edition: a removed number stays vacant


def number_rules(ctx: Context) -> Iterator[Problem]:
    for plan in ctx.plans:
        groups = list(_plan_groups(ctx, plan))
        if _frozen(ctx, plan):  # removed numbers stay vacant: only repeats are errors
            groups = [dataclasses.replace(g, vacancies=True) for g in groups]
        yield from _check_groups(groups, _plan_stems(ctx, plan))
        yield from _style(groups, plan.numbering.trailing_dot)
    for regulation in ctx.regulations:
        groups = list(_regulation_groups(regulation))
        yield from _check_groups(groups, {})
        yield from _style(groups, regulation.trailing_dot)


# --- sibling groups ---------------------------------------------------------------------


def _frozen(ctx: Context, doc) -> dict[int, str | None]:
    """An amended edition's numbers by node (the department's history: as build and amend
    give them); empty for an edition numbered from scratch."""
    if doc.edition.kind != "amendment" or not doc.edition.follows:
        return {}
    try:
        numbers = history(ctx.department).numbers(doc)
    except (StopIteration, KeyError, LookupError):
        return {}  # the previous edition is missing: the loader reports that
    return {id(node): numbers.get(path) for path, node in walk(doc)}


def _plan_groups(ctx: Context, plan: m.Plan) -> Iterator[_Group]:
    frozen = _frozen(ctx, plan)
    numbers = {id(i.measure): frozen.get(id(i.measure)) or i.number for i in ctx.measures(plan)}
    headings = {
        id(i.section): frozen.get(id(i.section), i.number) for i in ctx.outline(plan) if isinstance(i, NumberedSection)
    }

    def measures(items, parent: str | None, label: str) -> Iterator[_Group]:
        group = tuple(_Item(x.pos, numbers[id(x)], x.number is not None) for x in items)
        if group:
            yield _Group(group, parent, label)
        for x in items:
            stem = _stem(numbers[id(x)])
            yield from measures(x.children, stem, f"мероприятию {stem}")

    def sections(items, parent: str | None) -> Iterator[_Group]:
        group = tuple(_Item(s.pos, number, s.number is not None) for s in items if (number := headings[id(s)]))
        if group:
            yield _Group(group, parent, f"разделу {parent}" if parent else "плану", headings=True)
        for s in items:
            number = headings[id(s)]
            stem = _stem(number) if number else None
            label = f"разделу {stem}" if stem else f"разделу «{s.title[:40]}» (без номера)"
            prefix = stem if plan.numbering.measures == "hierarchical" else None
            yield from measures(s.measures, prefix if stem else None, label)
            yield from sections(s.sections, stem)

    yield from sections(plan.sections, None)


def _plan_stems(ctx: Context, plan: m.Plan) -> dict[str, str]:
    """Section numbers and titles, to name the section a stray number belongs to."""
    return {_stem(i.number): i.section.title for i in ctx.outline(plan) if isinstance(i, NumberedSection) and i.number}


def _regulation_groups(regulation: m.Regulation) -> Iterator[_Group]:
    chapters: list[_Item] = []
    clauses: dict[int, list[_Item]] = {}
    parents: dict[int, tuple[str, str]] = {}
    stack: list[tuple[int, str]] = []  # (depth, stem) of the chapter and open clauses
    for item in regulation_outline(regulation):
        if isinstance(item, NumberedChapter):
            chapters.append(_Item(item.chapter.pos, item.number, item.chapter.number is not None))
            stack = [(0, _stem(item.number))]
            continue
        while stack and stack[-1][0] >= item.depth:
            stack.pop()
        depth, stem = stack[-1]
        key = hash((len(chapters), depth, stem))
        clauses.setdefault(key, []).append(_Item(item.clause.pos, item.number, item.clause.number is not None))
        parents[key] = (stem, f"{'главе' if depth == 0 else 'пункту'} {stem}")
        stack.append((item.depth, _stem(item.number)))
    yield _Group(tuple(chapters), None, "положению", headings=True)
    for key, items in clauses.items():
        yield _Group(tuple(items), *parents[key])


# --- checks -----------------------------------------------------------------------------


def _check_groups(groups: list[_Group], sections: dict[str, str]) -> Iterator[Problem]:
    for group in groups:
        if any(item.explicit for item in group.items):
            yield from _sequence(group)
            yield from _parents(group, sections)


def _sequence(group: _Group) -> Iterator[Problem]:
    parsed = [(item, _parts(item.number)) for item in group.items]
    parsed = [(item, parts) for item, parts in parsed if parts]
    if not parsed:
        return
    depth = max(set(len(p) for _, p in parsed), key=[len(p) for _, p in parsed].count)
    seen: dict[tuple[int, ...], _Item] = {}
    previous: tuple[_Item, tuple[int, ...]] | None = None
    for item, parts in parsed:
        if len(parts) != depth:
            continue  # «2.7.1» among «2.7», «2.8»: an inserted number, not a slip
        if parts in seen:
            yield Problem(
                "number-repeat",
                item.pos,
                {"number": item.number, "other_pos": f"строка {seen[parts].pos.line}"},
                "error",
            )
        elif (
            previous is not None
            and not group.vacancies
            and parts[:-1] == previous[1][:-1]
            and parts[-1] > previous[1][-1] + 1
        ):
            stem = ".".join(map(str, parts[:-1]))
            missing = [f"{stem}.{n}" if stem else str(n) for n in range(previous[1][-1] + 1, parts[-1])]
            shown = ", ".join(missing[:5]) + (f" … {missing[-1]}" if len(missing) > 5 else "")
            yield Problem(
                "number-gap",
                item.pos,
                {"previous": previous[0].number, "number": item.number, "missing": shown},
                "warning",
            )
        seen.setdefault(parts, item)
        previous = (item, parts)


def _parents(group: _Group, sections: dict[str, str]) -> Iterator[Problem]:
    """Typed numbers that start with another section's number; one finding per group."""
    stray: list[tuple[_Item, list[str]]] = []
    siblings = {_stem(item.number) for item in group.items}
    for item in group.items:
        parts = _stem(item.number).split(".")
        if ".".join(parts[:-1]) in siblings:
            continue  # «1.1.1» after «1.1»: a row inserted by an amendment
        if item.explicit and len(parts) >= 2:
            prefix = ".".join(parts[:-1])
            if (group.parent is not None and prefix != group.parent) or (group.parent is None and prefix in sections):
                stray.append((item, parts))
    if not stray:
        return
    first, parts = stray[0]
    numbers = ", ".join(item.number for item, _ in stray)
    prefix = ".".join(parts[:-1])
    if group.parent is not None:
        hint = f"; возможно, {group.parent}.{parts[-1]}"
    else:
        hint = f": номер {prefix} носит раздел «{sections[prefix][:60]}»"
    yield Problem(
        "number-parent",
        first.pos,
        {"number": numbers, "parent": group.parent_label, "suggestion": hint},
        "warning",
    )


def _style(groups: list[_Group], trailing_dot: bool) -> Iterator[Problem]:
    """Typed numbers with a final dot where the others have none, or the other way round."""
    items = [item for group in groups if not group.headings for item in group.items]
    explicit = [item for item in items if item.explicit]
    if not explicit:
        return
    if len(explicit) == len(items):
        dotted = sum(item.number.strip().endswith(".") for item in items)
        trailing_dot = dotted * 2 >= len(items)
    odd = [item for item in explicit if item.number.strip().endswith(".") != trailing_dot]
    if odd:
        shown = ", ".join(item.number for item in odd[:8]) + (" …" if len(odd) > 8 else "")
        style = "с точкой в конце" if not trailing_dot else "без точки в конце"
        yield Problem("number-style", odd[0].pos, {"numbers": shown, "style": style}, "warning")


def _stem(number: str) -> str:
    return number.strip().rstrip(".")


def _parts(number: str) -> tuple[int, ...] | None:
    pieces = _stem(number).split(".")
    if not all(p.isdigit() for p in pieces):
        return None
    return tuple(int(p) for p in pieces)
