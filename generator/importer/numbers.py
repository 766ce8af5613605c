"""Printed numbers → the numbering scheme that explains most of them, and explicit
`number:` values for the rest (so `prikaz check` finds the gaps and repeats).

The numbers are computed by generator/numbering.py itself, never a copy of its rules: a
model is numbered, the nodes whose number differs from the printed one get it as an
explicit `number:`, and the model is numbered again, level by level from the top (a
child's number follows its parent's). An explicit section number does not count among
its siblings, so in a group of sections only the first mismatch is settled per pass.
"""

from __future__ import annotations

import dataclasses
import itertools

from .. import model as m
from ..numbering import plan_outline, regulation_outline

Path = tuple  # (("s", 0), ("m", 2), …): where a node sits in the plan


def settle_plan(plan: m.Plan, printed: dict[Path, str | None]) -> m.Plan:
    """The plan numbered by the scheme that needs the fewest explicit numbers (ties: the
    project's defaults first). `printed`: path → the number as printed (a section's
    without its trailing dot), None where none was printed."""
    best: tuple[int, m.Plan] | None = None
    for sections, measures, dot in itertools.product(
        ("numbered", "unnumbered"), ("hierarchical", "restart"), (False, True)
    ):
        scheme = m.Numbering(sections, measures, dot)
        settled = _settle(dataclasses.replace(plan, numbering=scheme), printed, best[0] if best else None)
        if settled is not None and (best is None or settled[1] < best[0]):
            best = (settled[1], settled[0])
    assert best is not None  # the first scheme is tried without a bound, so it is settled
    return best[1]


def _settle(plan: m.Plan, printed: dict[Path, str | None], bound: int | None) -> tuple[m.Plan, int] | None:
    """The plan with its explicit numbers under its scheme, and their cost; None as soon
    as the cost is above `bound` (a scheme already found does better)."""
    explicit: dict[Path, str] = {}
    known = _known(printed)
    unnumbered = {p for p, number in printed.items() if number is None and p[-1][0] == "s"}
    fixed = (len(unnumbered) if plan.numbering.sections == "numbered" else 0) + sum(
        1 for p, number in printed.items() if number is None and p[-1][0] == "m"
    )
    while True:  # one pass a level of the tree
        if bound is not None and fixed + len(explicit) > bound:
            return None
        plan = _with_numbers(plan, explicit, unnumbered)
        shown = dict(_shown(plan))
        wrong = [
            path
            for path, number in shown.items()
            if path in known and path not in explicit and _differs(path, number, known[path])
        ]
        if not wrong:
            break
        depth = min(len(path) for path in wrong)
        level = [path for path in wrong if len(path) == depth]
        for path in level:
            if path[-1][0] == "m":
                explicit[path] = known[path]
        for parent in dict.fromkeys(path[:-1] for path in level if path[-1][0] == "s"):
            limit = None if bound is None else bound - fixed
            _settle_group(plan, parent, shown.get(parent), known, explicit, unnumbered, limit)
    return plan, fixed + len(explicit)


def _known(printed: dict[Path, str | None]) -> dict[Path, str]:
    """The numbers that were printed (path → number), without the nodes printed unnumbered."""
    return {path: number for path, number in printed.items() if number is not None}


def _settle_group(
    plan: m.Plan,
    parent: Path,
    parent_number: str | None,
    known: dict[Path, str],
    explicit: dict[Path, str],
    unnumbered: set[Path],
    limit: int | None,
) -> None:
    """Sibling sections: an explicit number does not count among them, so settling one
    moves the next ones. Settled one at a time on a plan of just this group (under its
    parent's number), which numbering.py numbers in time proportional to the group."""
    group = _section(plan, parent).sections if parent else plan.sections
    paths = [(*parent, ("s", i)) for i in range(len(group))]
    bare = [dataclasses.replace(s, measures=(), sections=()) for s in group]
    while True:
        sections = tuple(
            dataclasses.replace(
                s, number=explicit.get(p), numbered=p not in unnumbered or plan.numbering.sections == "unnumbered"
            )
            for s, p in zip(bare, paths)
        )
        if parent:
            sections = (m.Section("", number=parent_number, numbered=parent_number is not None, sections=sections),)
        mini = dataclasses.replace(plan, sections=sections)
        items = list(plan_outline(mini))[1 if parent else 0 :]
        first = next(
            (
                p
                for p, item in zip(paths, items)
                if p in known and p not in explicit and _differs(p, item.number, known[p])
            ),
            None,
        )
        if first is None:
            return
        explicit[first] = known[first]
        if limit is not None and len(explicit) > limit:
            return  # this scheme is already worse than one found


def _section(plan: m.Plan, path: Path) -> m.Section:
    """The section at a path of sections (a section sits in the plan or in a section)."""
    section = plan.sections[path[0][1]]
    for _kind, index in path[1:]:
        section = section.sections[index]
    return section


def _differs(path: Path, shown: str | None, printed: str) -> bool:
    if path[-1][0] == "s":
        return shown is None or shown.rstrip(".") != printed.rstrip(".")
    return shown != printed


def _shown(plan: m.Plan):
    """(path, number shown) of every section and measure, as numbering.py computes them."""
    paths = list(_paths(plan.sections, ()))
    items = list(plan_outline(plan))
    for (path, _node), item in zip(paths, items, strict=True):
        yield path, item.number


def _paths(sections, prefix: Path):
    # the order of numbering.plan_outline: a section, its measures (depth first), its sections
    for i, section in enumerate(sections):
        path = (*prefix, ("s", i))
        yield path, section
        yield from _measure_paths(section.measures, path)
        yield from _paths(section.sections, path)


def _measure_paths(measures, prefix: Path):
    for k, measure in enumerate(measures):
        path = (*prefix, ("m", k))
        yield path, measure
        yield from _measure_paths(measure.children, path)


def _with_numbers(plan: m.Plan, explicit: dict[Path, str], unnumbered: set[Path]) -> m.Plan:
    all_unnumbered = plan.numbering.sections == "unnumbered"  # then `numbered: false` would say nothing

    def section(s: m.Section, path: Path) -> m.Section:
        return dataclasses.replace(
            s,
            number=explicit.get(path),
            numbered=all_unnumbered or path not in unnumbered,
            measures=tuple(measure(x, (*path, ("m", k))) for k, x in enumerate(s.measures)),
            sections=tuple(section(c, (*path, ("s", i))) for i, c in enumerate(s.sections)),
        )

    def measure(x: m.Measure, path: Path) -> m.Measure:
        return dataclasses.replace(
            x,
            number=explicit.get(path),
            children=tuple(measure(c, (*path, ("m", k))) for k, c in enumerate(x.children)),
        )

    return dataclasses.replace(plan, sections=tuple(section(s, (("s", i),)) for i, s in enumerate(plan.sections)))


# --- regulations ---------------------------------------------------------------------------


def settle_regulation(regulation: m.Regulation, printed: dict[Path, str | None]) -> m.Regulation:
    """Chapters and clauses numbered by numbering.py, explicit where the printed number
    differs. Paths: (("c", i),) for chapters, then ("k", j) a clause level."""
    explicit: dict[Path, str] = {}
    known = _known(printed)
    while True:
        regulation = _regulation_numbers(regulation, explicit)
        paths = list(_clause_paths(regulation.chapters))
        wrong = [
            (path, item.number)
            for path, item in zip(paths, regulation_outline(regulation), strict=True)
            if path in known and path not in explicit and _shown_chapter(path, item.number) != known[path]
        ]
        if not wrong:
            return regulation
        depth = min(len(path) for path, _ in wrong)
        for path, _ in wrong:
            if len(path) == depth:
                explicit[path] = known[path]


def _shown_chapter(path: Path, number: str) -> str:
    return number.rstrip(".") if len(path) == 1 else number


def _clause_paths(chapters):
    for i, chapter in enumerate(chapters):
        path = (("c", i),)
        yield path
        yield from _sub_paths(chapter.clauses, path)


def _sub_paths(clauses, prefix: Path):
    for j, clause in enumerate(clauses):
        path = (*prefix, ("k", j))
        yield path
        yield from _sub_paths(clause.clauses, path)


def _regulation_numbers(regulation: m.Regulation, explicit: dict[Path, str]) -> m.Regulation:
    def clause(c: m.Clause, path: Path) -> m.Clause:
        return dataclasses.replace(
            c, number=explicit.get(path), clauses=tuple(clause(x, (*path, ("k", j))) for j, x in enumerate(c.clauses))
        )

    def chapter(c: m.Chapter, path: Path) -> m.Chapter:
        return dataclasses.replace(
            c, number=explicit.get(path), clauses=tuple(clause(x, (*path, ("k", j))) for j, x in enumerate(c.clauses))
        )

    return dataclasses.replace(
        regulation, chapters=tuple(chapter(c, (("c", i),)) for i, c in enumerate(regulation.chapters))
    )
