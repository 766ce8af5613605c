"""The columns a plan's table may have: roles prikaz understands, and what their values mean.

A plan declares its columns; each has a role. Four roles are the measure's own fields
(number, measure text, deadline, responsible units); the others keep one value per measure
under the column's key. The role decides what a value may be (an amount is a number, a
start date is a date, a quarter mark is one of a few marks), the column's default title
and width, and how an amendment names it («в графе «…»»). No I/O here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# The roles whose value is a field of the measure itself, in the default order.
BUILTIN = ("number", "measure", "deadline", "responsible")


@dataclass(frozen=True)
class Role:
    title: str  # default header
    width: float  # default width, cm; the table is scaled to the page
    value: str  # builtin | text | date | amount | mark
    centered: bool = False


ROLES: dict[str, Role] = {
    "number": Role("№ п/п", 1.5, "builtin", centered=True),
    "measure": Role("Наименование мероприятия", 7.8, "builtin"),
    "deadline": Role("Срок исполнения", 3.5, "builtin", centered=True),
    "responsible": Role("Ответственные исполнители", 4.0, "builtin"),
    "start": Role("Плановое начало", 2.6, "date", centered=True),
    "end": Role("Плановое окончание", 2.6, "date", centered=True),
    "result": Role("Ожидаемый результат", 4.5, "text"),
    "indicator": Role("Контрольный показатель", 4.0, "text"),
    "funding_source": Role("Источник финансирования", 3.0, "text"),
    "amount": Role("Объём финансирования, тыс. руб.", 2.8, "amount", centered=True),
    "quarter": Role("Квартал", 2.1, "mark", centered=True),
    "custom": Role("", 3.5, "text"),
}

# Keys a measure already uses: an extra column's key must not shadow them.
MEASURE_KEYS = ("text", "deadline", "responsible", "id", "number", "note", "measures", "reason")

# The page's text width in cm (A4, margins 30 and 10 mm), portrait and landscape.
PORTRAIT_WIDTH = 17.0
LANDSCAPE_WIDTH = 25.7

QUARTER_MARKS = ("+", "х", "Х", "x", "X", "✓", "✔", "V", "v", "•", "*")
_AMOUNT = re.compile(r"^-?\d{1,3}(?:[\u00a0\u202f ]?\d{3})*(?:[,.]\d+)?$|^-?\d+(?:[,.]\d+)?$")
_LIMIT = re.compile(r"^(?:до|не\s+позднее|по|с)\s+", re.IGNORECASE)
_DATE = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}$")
_MONTHS = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр")


def amount_value(text: str) -> Decimal | None:
    """«1 250,5» → Decimal('1250.5'); None when the text is not a number."""
    cleaned = text.strip()
    if not _AMOUNT.match(cleaned):
        return None
    try:
        return Decimal(re.sub(r"[\u00a0\u202f ]", "", cleaned).replace(",", "."))
    except InvalidOperation:
        return None


def value_problem(role: str, value: str) -> str | None:
    """The problem code of a value that its column's role does not allow, or None."""
    kind = ROLES[role].value
    if kind == "amount" and amount_value(value) is None:
        return "value-amount"
    if kind == "date":
        from .deadlines import parse  # lazy: only plans with dated columns need it

        if not parse(value).periods:
            return "value-date-phrase"
    if kind == "mark" and not is_quarter_mark(value):
        return "value-mark"
    return None


def is_quarter_mark(text: str) -> bool:
    """A mark in a quarter's cell: a sign, a date, or month names («март», «январь – март»),
    possibly as a limit («до 30.06.2026»)."""
    value = _LIMIT.sub("", text.strip())
    if value in QUARTER_MARKS or _DATE.match(value):
        return True
    words = [w for w in re.split(r"[\s,;–—-]+", value.lower()) if w]
    months = [w for w in words if any(w.startswith(m) for m in _MONTHS)]
    return bool(months) and all(w in months or w.isdigit() for w in words)


MIN_MEASURE_WIDTH = 6.0  # cm: below this the measure's text becomes a narrow ribbon


def page_widths(widths: list[float | None], flexible: int | None) -> tuple[list[float], bool]:
    """Column widths on the page (cm), and whether the page must be landscape.

    The flexible column (the measure's text, unless its width is given) takes the room the
    others leave: portrait if that room is wide enough, else landscape. Where nothing is
    flexible, or even landscape is too narrow, every column is scaled to the page."""
    fixed = sum(w or 0.0 for i, w in enumerate(widths) if i != flexible)
    if flexible is not None:
        for total, landscape in ((PORTRAIT_WIDTH, False), (LANDSCAPE_WIDTH, True)):
            if total - fixed >= MIN_MEASURE_WIDTH:
                return [total - fixed if i == flexible else w or 0.0 for i, w in enumerate(widths)], landscape
        widths = [MIN_MEASURE_WIDTH if i == flexible else w for i, w in enumerate(widths)]
    given = [w or 0.0 for w in widths]
    landscape = sum(given) > PORTRAIT_WIDTH + 0.01
    scale = (LANDSCAPE_WIDTH if landscape else PORTRAIT_WIDTH) / sum(given)
    return [w * scale for w in given], landscape
