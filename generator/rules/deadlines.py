"""Deadlines of plan measures: understood, within the plan's period, not over before the
order that approves the plan, years typed right."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from .. import formats
from .. import model as m
from ..deadlines import Deadline, doubled_digit_year, parse, year_candidates
from ..errors import Problem
from . import Context

_TITLE_PERIOD = re.compile(r"\bна\s+(\d{4})\s*(?:[-–—]\s*(\d{4})\s*)?(?:год|гг|г\.)")


def deadline_rules(ctx: Context) -> Iterator[Problem]:
    for plan in ctx.plans:
        period = plan_period(plan)
        order = ctx.approving_order(plan)
        unchanged = _unchanged_rows(ctx, plan)
        late: list[tuple[m.Measure, Deadline]] = []
        for item in ctx.measures(plan):
            measure = item.measure
            if not measure.deadline or not measure.deadline.strip():
                continue
            deadline = parse(measure.deadline)
            for rule in (_unclear, _year_typos, _reversed):
                yield from rule(measure, deadline, period, ctx)
            if period:
                yield from _outside_period(measure, deadline, period, ctx)
            if order is not None and _row(measure) not in unchanged and _over(deadline, order):
                late.append((measure, deadline))
        if order is not None:
            yield from _before_order(late, order)


def _unchanged_rows(ctx: Context, plan: m.Plan) -> set[tuple]:
    """Rows an amended edition keeps from the previous one: their deadlines were set by the
    earlier order, and an amending order does not make them late."""
    previous = ctx.previous_edition(plan)
    if not isinstance(previous, m.Plan):
        return set()
    return {_row(item.measure) for item in ctx.measures(previous)}


def _row(measure: m.Measure) -> tuple:
    return (m.plain_text(measure.text), measure.deadline)


def plan_period(plan: m.Plan) -> tuple[int, int] | None:
    """The years a plan covers: `period:`, or «на 2019-2025 годы» in its title."""
    if plan.period:
        return plan.period
    match = _TITLE_PERIOD.search(plan.title)
    if match is None:
        return None
    first = int(match.group(1))
    return first, int(match.group(2) or first)


def _unclear(measure: m.Measure, deadline: Deadline, period, ctx) -> Iterator[Problem]:
    if not deadline.understood:
        words = ", ".join(dict.fromkeys(deadline.unknown)) or deadline.text.strip()
        yield Problem(
            "deadline-unclear",
            measure.pos,
            {"deadline": _flat(deadline.text), "words": words},
            "warning",
        )


def _year_typos(measure: m.Measure, deadline: Deadline, period, ctx: Context) -> Iterator[Problem]:
    first, last = period or (ctx.today.year - 30, ctx.today.year + 15)
    typed = list(deadline.year_typos)
    typed += [str(y) for y in _named_years(deadline) if not _plausible(y, ctx)]
    for year in typed:
        guess = _guess_year(year, first, last)
        hint = f"; возможно, «{guess}»" if guess else ""
        yield Problem(
            "deadline-year-typo",
            measure.pos,
            {"deadline": _flat(deadline.text), "year": year, "suggestion": hint},
            "warning",
        )


def _guess_year(typed: str, first: int, last: int) -> int | None:
    digits = typed.replace("о", "0").replace("o", "0")
    if digits != typed and digits.isdigit() and first - 1 <= int(digits) <= last + 1:
        return int(digits)
    doubled = doubled_digit_year(typed)
    if doubled is not None and first - 1 <= doubled <= last + 1:
        return doubled
    candidates = year_candidates(typed, first, last)
    return candidates[0] if len(candidates) == 1 else None


def _plausible(year: int, ctx: Context) -> bool:
    return ctx.today.year - 50 <= year <= ctx.today.year + 30


def _named_years(deadline: Deadline) -> list[int]:
    return sorted({p.start.year for p in deadline.periods} | {p.end.year for p in deadline.periods})


def _reversed(measure: m.Measure, deadline: Deadline, period, ctx) -> Iterator[Problem]:
    if deadline.reversed_ranges:
        yield Problem("deadline-range-reversed", measure.pos, {"deadline": _flat(deadline.text)}, "warning")


def _outside_period(measure: m.Measure, deadline: Deadline, period: tuple[int, int], ctx: Context) -> Iterator[Problem]:
    first, last = period
    outside = []
    for p in deadline.periods:
        if deadline.until and p.unit == "year":
            continue  # «до 2025 года» on a plan to 2024: read as «by 2025», not outside
        if not (_plausible(p.start.year, ctx) and _plausible(p.end.year, ctx)):
            continue  # reported as a typo in the year
        if p.start.year < first or p.end.year > last:
            outside.append(p)
    if outside:
        shown = f"{first}" if first == last else f"{first}–{last}"
        yield Problem(
            "deadline-outside-period",
            measure.pos,
            {"deadline": _flat(deadline.text), "period": shown},
            "warning",
        )


def _over(deadline: Deadline, order: m.Order) -> bool:
    if deadline.every or deadline.permanent or deadline.since or not deadline.periods:
        return False
    return deadline.end is not None and deadline.end < order.date


def _before_order(late: list[tuple[m.Measure, Deadline]], order: m.Order) -> Iterator[Problem]:
    """One deadline over before the order is that row's defect; many are one cause, the
    order's date (or a plan carried over from a past year), reported once with the list."""
    date = formats.date(order.date)
    if len(late) == 1:
        measure, deadline = late[0]
        yield Problem(
            "deadline-before-order",
            measure.pos,
            {"deadline": _flat(deadline.text), "date": date, "number": order.number},
            "warning",
        )
    elif late:
        earliest = min(late, key=_end)[1]
        yield Problem(
            "order-after-deadlines",
            order.pos,
            {
                "count": len(late),
                "date": date,
                "number": order.number,
                "earliest": _flat(earliest.text),
                "details": [{**_place(measure), "text": _flat(deadline.text)} for measure, deadline in late],
            },
            "warning",
        )


def _end(row: tuple[m.Measure, Deadline]) -> dt.date:
    end = row[1].end
    assert end is not None  # a late deadline has an end: _over lets no other in
    return end


def _place(measure: m.Measure) -> dict:
    return {"file": measure.pos.file, "line": measure.pos.line, "column": measure.pos.column}


def _flat(text: str) -> str:
    return " ".join(text.split())
