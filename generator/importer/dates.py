"""Dates and numbers of orders in their printed forms.

«от 09 сентября 2020 года №427», «9 сентября 2020 г. № 427», «15.03.2021г. №112»,
«28.02.2020 № 0212-09 а», «От 28.02.2020» and «№ 0212-09 а» on two lines, «“09” сентября».
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\s?\.\s?(\d{1,2})\s?\.\s?(\d{4})(?:\s*(?:г\.|года|г\b))?")
_LONG = re.compile(
    r"[«\"“]?\s*(\d{1,2})\s*[»\"”]?\s+(" + "|".join(MONTHS) + r")\s+(\d{4})(?:\s*(?:года|г\.|г\b))?", re.IGNORECASE
)
_NUMBER = re.compile(r"№\s*(.+?)\s*$")
_FROM = re.compile(r"^\s*от\b\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Dated:
    date: dt.date | None
    style: str | None  # numeric | long | long_zero, how the date was printed
    number: str | None
    rest: str  # what is left of the line: a place («г. Новосибирск») or nothing


def find_date(text: str) -> tuple[dt.date, str, tuple[int, int]] | None:
    """The first date in a line: (date, style, span)."""
    for pattern, style in ((_NUMERIC, "numeric"), (_LONG, "long")):
        match = pattern.search(text)
        if match is None:
            continue
        day, month, year = match.groups()
        month_number = int(month) if month.isdigit() else MONTHS.index(month.lower()) + 1
        try:
            date = dt.date(int(year), month_number, int(day))
        except ValueError:
            continue
        if style == "long" and len(day) == 2 and day.startswith("0"):
            style = "long_zero"
        return date, style, match.span()
    return None


def parse_dated(text: str) -> Dated:
    """A date line: its date, its number after «№», and whatever else it says."""
    line = text.replace("\u00a0", " ")
    number = None
    match = _NUMBER.search(line)
    if match:
        number = match.group(1).strip() or None
        line = line[: match.start()]
    found = find_date(line)
    date = style = None
    if found:
        date, style, (start, end) = found
        line = line[:start] + " " + line[end:]
    rest = _FROM.sub("", line).strip(" \t/,.-–")
    rest = re.sub(r"^от\s+", "", rest, flags=re.IGNORECASE).strip()
    return Dated(date, style, number, rest)
