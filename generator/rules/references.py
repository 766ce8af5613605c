"""What an order says about its annexes, checked against the annexes themselves.

- «приложение № 2» in an order's own text when the order has one annex;
- the years of an approved document as the approving point cites them («план … на
  2019-2025 годы») against the years of the document's own title;
- deadlines that fall in the month the order is signed: not wrong, but little time is
  left, so the plan's author is told once (information, not a warning).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import model as m
from ..deadlines import parse
from ..errors import Problem
from . import Context, raw_text, short
from .deadlines import _row, _unchanged_rows

# «приложение № 2», «приложении №2», «(приложения № 1, 2)»; «приложение № 2 к письму …»
# names an annex of another document and is left alone.
_ANNEX_NUMBER = re.compile(r"приложени[еяюи]\s*№\s*(\d+)((?:\s*(?:,|и)\s*\d+)*)(?!\s*к\s)", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_KIND_WORDS = {m.Plan: ("план", "дорожн"), m.Regulation: ("положени",)}
_MONTHS = "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь".split()


def reference_rules(ctx: Context) -> Iterator[Problem]:
    for order in ctx.orders:
        yield from annex_numbers(order)
        yield from cited_years(ctx, order)
    yield from deadlines_in_signing_month(ctx)


def annex_numbers(order: m.Order) -> Iterator[Problem]:
    count = len(order.annexes)
    texts = [(f"пункт {i} приказа", p.pos, raw_text(p.text)) for i, p in enumerate(order.points, 1)]
    if order.preamble:
        texts.insert(0, ("преамбула приказа", order.pos, raw_text(order.preamble)))
    for where, pos, text in texts:
        for match in _ANNEX_NUMBER.finditer(text):
            numbers = [int(n) for n in re.findall(r"\d+", match.group(1) + match.group(2))]
            missing = [n for n in numbers if n > count or n < 1]
            if missing:
                yield Problem(
                    "annex-reference-missing",
                    pos,
                    {"where": where.capitalize(), "number": missing[0], "count": count},
                    "warning",
                )


def cited_years(ctx: Context, order: m.Order) -> Iterator[Problem]:
    documents = {d.id: d for d in ctx.department.documents}
    for ref in order.annexes:
        doc = documents.get(ref.document)
        words = next((w for kind, w in _KIND_WORDS.items() if isinstance(doc, kind)), None)
        if doc is None or words is None:
            continue
        own = set(_YEAR.findall(doc.title))
        if not own:
            continue
        for number, point in enumerate(order.points, 1):
            text = raw_text(point.text)
            folded = text.casefold()
            if not folded.startswith("утвердить") or not any(w in folded for w in words):
                continue
            cited = set(_YEAR.findall(text))
            if cited and cited != own:
                yield Problem(
                    "annex-title-years",
                    point.pos,
                    {
                        "where": f"Пункт {number} приказа",
                        "cited": "–".join(sorted(cited)),
                        "title": short(doc.title, 80),
                        "own": "–".join(sorted(own)),
                    },
                    "warning",
                )


def deadlines_in_signing_month(ctx: Context) -> Iterator[Problem]:
    for plan in ctx.plans:
        order = ctx.approving_order(plan)
        if order is None:
            continue
        unchanged = _unchanged_rows(ctx, plan)  # an amended edition keeps their deadlines
        rows = []
        for item in ctx.measures(plan):
            deadline = item.measure.deadline
            if not deadline or _row(item.measure) in unchanged:
                continue
            parsed = parse(deadline)
            if parsed.every or parsed.permanent or parsed.since or not parsed.periods:
                continue
            end = parsed.end
            if end and (end.year, end.month) == (order.date.year, order.date.month) and end >= order.date:
                rows.append(item)
        if rows:
            yield Problem(
                "deadline-in-signing-month",
                rows[0].measure.pos,
                {
                    "count": len(rows),
                    "month": f"{_MONTHS[order.date.month - 1]} {order.date.year}",
                    "first": rows[0].number.rstrip("."),
                    "details": [
                        {
                            "file": i.measure.pos.file,
                            "line": i.measure.pos.line,
                            "column": i.measure.pos.column,
                            "text": i.measure.deadline,
                        }
                        for i in rows
                    ],
                },
                "info",
            )
