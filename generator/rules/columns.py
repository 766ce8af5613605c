"""Values of a plan's declared columns: planned start before end and both within the plan's
period; amounts that add up to the section's total row and to a parent measure's amount."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from .. import model as m
from ..columns import amount_value
from ..deadlines import parse
from ..errors import Problem
from . import Context
from .deadlines import plan_period


def column_rules(ctx: Context) -> Iterator[Problem]:
    for plan in ctx.plans:
        if not plan.extra_columns:
            continue
        numbers = {id(item.measure): item.number.rstrip(".") for item in ctx.measures(plan)}
        yield from _dates(ctx, plan, numbers)
        amounts = [c for c in plan.extra_columns if c.role == "amount"]
        for column in amounts:
            for section in (n for n in plan.all_nodes() if isinstance(n, m.Section)):
                yield from _section_total(section, column)
            for item in ctx.measures(plan):
                yield from _children_sum(item.measure, column, numbers)


# --- dates ------------------------------------------------------------------------------


def _dates(ctx: Context, plan: m.Plan, numbers: dict) -> Iterator[Problem]:
    start = next((c for c in plan.extra_columns if c.role == "start"), None)
    end = next((c for c in plan.extra_columns if c.role == "end"), None)
    period = plan_period(plan)
    for item in ctx.measures(plan):
        measure = item.measure
        where = f"мероприятие {numbers[id(measure)]}"
        first = _period(measure, start)
        last = _period(measure, end)
        if start and end and first and last and first[0] > last[1]:
            yield Problem(
                "column-dates-reversed",
                measure.pos,
                {
                    "where": where,
                    "start": _cell(measure, start),
                    "end": _cell(measure, end),
                    "start_title": start.title,
                    "end_title": end.title,
                },
                "warning",
            )
        for column, span in ((start, first), (end, last)):
            if column and period and span and (span[0].year < period[0] or span[1].year > period[1]):
                shown = f"{period[0]}" if period[0] == period[1] else f"{period[0]}–{period[1]}"
                yield Problem(
                    "column-date-outside-period",
                    measure.pos,
                    {"where": where, "column": column.title, "value": _cell(measure, column), "period": shown},
                    "warning",
                )


def _period(measure: m.Measure, column: m.Column | None):
    """The first and last day a start or end value names, or None."""
    value = _cell(measure, column) if column else None
    if not value:
        return None
    periods = parse(value).periods
    return (min(p.start for p in periods), max(p.end for p in periods)) if periods else None


def _cell(measure: m.Measure, column: m.Column) -> str | None:
    """The measure's value in a declared column, or None where the cell is empty."""
    return measure.value(column.key) if column.key else None


# --- amounts ----------------------------------------------------------------------------


def _section_total(section: m.Section, column: m.Column) -> Iterator[Problem]:
    typed = dict(section.total).get(column.key or "")
    total = amount_value(typed) if typed else None
    if total is None:
        return
    counted = _section_sum(section, column)
    if counted != total:
        yield Problem(
            "amount-total-mismatch",
            section.pos,
            {"section": section.title, "column": column.title, "total": typed, "sum": _shown(counted)},
            "error",
        )


def _section_sum(section: m.Section, column: m.Column) -> Decimal:
    own = sum((_measure_amount(x, column) for x in section.measures), Decimal(0))
    return own + sum((_section_sum(s, column) for s in section.sections), Decimal(0))


def _measure_amount(measure: m.Measure, column: m.Column) -> Decimal:
    """A measure's amount; where it has none, the sum of its sub-measures' amounts (a parent
    that states its own amount is not counted twice)."""
    value = amount_value(_cell(measure, column) or "")
    if value is not None:
        return value
    return sum((_measure_amount(c, column) for c in measure.children), Decimal(0))


def _children_sum(measure: m.Measure, column: m.Column, numbers: dict) -> Iterator[Problem]:
    value = amount_value(_cell(measure, column) or "")
    stated = [amount_value(_cell(c, column) or "") for c in measure.children]
    amounts = [s for s in stated if s is not None]
    if value is None or not stated or len(amounts) < len(stated):
        return
    counted = sum(amounts, Decimal(0))
    if counted != value:
        yield Problem(
            "amount-children-mismatch",
            measure.pos,
            {
                "where": f"мероприятие {numbers[id(measure)]}",
                "column": column.title,
                "value": _cell(measure, column),
                "sum": _shown(counted),
            },
            "warning",
        )


def _shown(amount: Decimal) -> str:
    """1250.5 → «1 250,5», as amounts are printed in plans."""
    sign = "-" if amount < 0 else ""
    whole, _, fraction = f"{abs(amount):f}".partition(".")
    groups = f"{int(whole):,}".replace(",", "\u00a0")
    return f"{sign}{groups},{fraction}" if fraction else f"{sign}{groups}"
