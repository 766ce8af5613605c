"""Deadline phrases of a plan («Сроки исполнения») → a structured form. Pure, no I/O.

A clerk writes a deadline in free Russian: «1 квартал 2020», «Август-сентябрь 2020»,
«10 марта – 25 апреля 2021 года», «Ежегодно до 15 октября», «Ежемесячно до 22 числа»,
«Весь период», «По мере необходимости», «2021-2024 (один раз в четверть)». `parse` reads
such a phrase into a `Deadline`: the calendar periods it names, months named without a
year, a recurrence, a permanent or conditional part, remarks in brackets, and what it did
not understand. The checker decides what is wrong; the parser only describes.

The reading is deliberately tolerant of word order and capitals («Сентябрь Ежегодно»,
«2022 год ноябрь»), and strict about words it does not know: an unknown word makes the
phrase not understood, so that a checker can ask a person to look at it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache


@dataclass(frozen=True)
class Period:
    """A calendar period named by a deadline; both ends inclusive."""

    start: dt.date
    end: dt.date
    unit: str  # day | month | quarter | half | term | year | academic-year | range


@dataclass(frozen=True)
class Deadline:
    text: str
    periods: tuple[Period, ...] = ()
    months: tuple[int, ...] = ()  # months named without a year («ежегодно, сентябрь»)
    quarters: tuple[int, ...] = ()  # quarters named without a year («ежегодно, 4 квартал»)
    halves: tuple[int, ...] = ()  # half-years named without a year
    terms: tuple[int, ...] = ()  # school quarters («четверти») named without a year
    day: int | None = None  # a day of the month without a year («до 22 числа», «до 15 октября»)
    until: bool = False  # «до …», «не позднее …»: the periods are the limit, not the time of work
    since: bool = False  # «с 1 сентября 2021 года», «начиная с …»: open-ended
    every: str | None = None  # year | half | quarter | term | month | week | day
    permanent: bool = False  # «постоянно», «весь период», «в течение года»
    condition: str | None = None  # «по мере необходимости», «по плану ИМЦ», as typed (lower case)
    notes: tuple[str, ...] = ()  # bracketed remarks that are not a deadline («предварительные данные»)
    unknown: tuple[str, ...] = ()  # words not understood
    year_typos: tuple[str, ...] = ()  # «202», «20211»: a digit missing or doubled
    typos: tuple[tuple[str, str], ...] = ()  # (as typed, correct): «в течении» → «в течение»
    reversed_ranges: tuple[str, ...] = ()  # «2024-2021»: a range that ends before it starts

    @property
    def understood(self) -> bool:
        """Everything in the phrase was read, and it says something about time."""
        said = (
            self.periods
            or self.months
            or self.quarters
            or self.halves
            or self.terms
            or self.day
            or self.every
            or self.permanent
            or self.condition
            or self.year_typos
        )
        return not self.unknown and bool(said)

    @property
    def kind(self) -> str:
        """The main kind, for display: what a reader would call this deadline."""
        if not self.understood:
            return "unknown"
        if self.every:
            return "recurring"
        if self.until:
            return "until"
        if self.periods:
            return self.periods[0].unit if len(self.periods) == 1 else "list"
        if self.permanent:
            return "permanent"
        if self.condition:
            return "conditional"
        if self.year_typos:
            return "year"
        if self.quarters:
            return "quarter"
        if self.halves:
            return "half"
        return "month" if self.months or self.terms else "day"

    @property
    def start(self) -> dt.date | None:
        return min((p.start for p in self.periods), default=None)

    @property
    def end(self) -> dt.date | None:
        return max((p.end for p in self.periods), default=None)

    @property
    def years(self) -> tuple[int, ...]:
        """Every calendar year the named periods touch."""
        found: set[int] = set()
        for p in self.periods:
            found.update(range(p.start.year, p.end.year + 1))
        return tuple(sorted(found))


# --- vocabulary -------------------------------------------------------------------------

_MONTH_FORMS = {
    1: "январь января январе январю янв",
    2: "февраль февраля феврале фев февр",
    3: "март марта марте мар",
    4: "апрель апреля апреле апр",
    5: "май мая мае",
    6: "июнь июня июне июн",
    7: "июль июля июле июл",
    8: "август августа августе авг",
    9: "сентябрь сентября сентябре сен сент",
    10: "октябрь октября октябре окт",
    11: "ноябрь ноября ноябре ноя нояб",
    12: "декабрь декабря декабре дек",
}
MONTHS = {form: month for month, forms in _MONTH_FORMS.items() for form in forms.split()}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))

_ORDINAL = r"(?:[1-4]|iv|i{1,3}|перв\w*|втор\w*|трет\w*|четв[её]рт\w*)"
_ORDINALS: dict[str, int] = dict(
    zip(
        ("1", "2", "3", "4", "i", "ii", "iii", "iv", "перв", "втор", "трет", "четв"),
        (1, 2, 3, 4) * 3,
        strict=True,
    )
)
_HALF_ORDINAL = r"[12]|i{1,2}|перв|втор"
_ENDING = r"(?:\s*-?\s*(?:й|я|е|го|ом|ой|м)\b)?"

_COUNT = r"(?:\d+|один|одного|одну|два|двух|три|трех|трёх|четыре|четырех|четырёх)"
_EVERY_UNIT = {
    "год": "year",
    "полугодие": "half",
    "квартал": "quarter",
    "четверть": "term",
    "триместр": "term",
    "месяц": "month",
    "неделю": "week",
    "день": "day",
}

# Filler words that may stand around the parts of a deadline without changing it.
_FILLERS = frozenset(
    """
в во на с со и или а также г гг год года году годы годов годах течение срок сроки не позднее позже
чем далее затем начиная начало начале конец конце середина середине текущего текущий следующего
отчетного отчётного календарного учебного учебный уч но менее реже раз раза числа число го е й
месяца месяц каждого период периода
""".split()
)

# Phrase patterns, applied before single words. Each is removed from the phrase once read.
_STOCK_TYPOS = (
    (re.compile(r"\bв\s+течени[иi]\b"), "в течении", "в течение"),
    (re.compile(r"\bв\s+продолжени[иi]\b"), "в продолжении", "в продолжение"),
)

_PERMANENT = re.compile(
    r"\b(?:постоянно|систематически|регулярно|круглогодично|бессрочно"
    r"|(?:в\s+течение\s+|на\s+протяжении\s+)?(?:всего|весь)\s+период\w*(?:\s+реализации[^,;]*)?"
    r"|в\s+течение\s+(?:всего\s+)?срока\s+(?:действия|реализации)[^,;]*"
    r"|(?:в\s+течение|на\s+протяжении)\s+(?:всего\s+)?"
    r"(?:учебного\s+|календарного\s+|текущего\s+|отч[её]тного\s+)?(?:года|периода)(?![\s\d]*\d))"
)

_CONDITION = re.compile(
    r"\b(?:по\s+мере\s+\w+"
    r"|при\s+(?:необходимости|наличии|проведении|поступлении|условии|организации)"
    r"|по\s+(?:необходимости|потребности|требованию|согласованию|запрос\w*|заявк\w*|вызову"
    r"|приглашению|факту|усмотрению)"
    r"|по\s+(?:\w+\s+)?(?:план\w*|график\w*|расписани\w*|календар\w*)"
    r"|согласно\s+(?:\w+\s+)?(?:план\w*|график\w*|расписани\w*|приказ\w*|срок\w*)"
    r"|в\s+соответствии\s+с"
    r"|по\s+(?:итогам|результатам|окончании|завершении|срокам|мере)"
    r"|в\s+(?:установленные|указанные|определенные|определённые)\s+сроки"
    r"|в\s+сроки,?\s+(?:установленные|определенные|определённые|утвержденные|утверждённые)"
    r"|в\s+сроки\s+проведения"
    r"|(?:в|во)\s+(?:период|время|ходе|дни|день)\s+(?:проведения|каникул|школьных|подготовки|работы)"
    r"|в\s+каникулярн\w+\s+(?:время|период)"
    r"|после\s"
    r"|в\s+течение\s+(?:\w+\s+)?(?:дн|недел|месяц|рабоч|календарн)\w*)"
    r"[^,;]*"
)

_RECURRENCE = (
    (re.compile(r"\bежегодн\w*|\bкаждый\s+год\b|\bпо\s+годам\b"), "year"),
    (
        re.compile(r"\bежеквартальн\w*|\bпоквартальн\w*|\bкаждый\s+квартал\b|\bпо\s+кварталам\b"),
        "quarter",
    ),
    (re.compile(r"\bежемесячн\w*|\bкаждый\s+месяц\b|\bпо\s+месяцам\b"), "month"),
    (re.compile(r"\bеженедельн\w*|\bкаждую\s+неделю\b"), "week"),
    (re.compile(r"\bежедневн\w*|\bкаждый\s+день\b"), "day"),
    (re.compile(r"\bпо\s+(?:четвертям|триместрам)\b"), "term"),
    (re.compile(r"\bпо\s+полугодиям\b|\bраз\s+в\s+полгода\b"), "half"),
)
_TIMES_IN = re.compile(
    rf"(?:\bне\s+(?:реже|менее|более)\s+)?(?:{_COUNT}\s+)?\bраза?\s+в\s+"
    r"(год|полугодие|квартал|четверть|триместр|месяц|неделю|день)\b"
)
_DAY_OF_MONTH = re.compile(
    r"(?:\b(до|не\s+позднее|к)\s+)?\b(\d{1,2})(?:\s*-?\s*го)?\s+числа\b"
    r"(?:\s+(?:каждого|текущего|следующего|отч[её]тного)?\s*(?:месяца|квартала))?"
    r"(?:,?\s*следующ\w*\s+за\s+отч[её]тн\w*(?:\s+(?:месяцем|кварталом|периодом|годом))?)?"
)
_EVERY_YEARS = re.compile(rf"(?:{_COUNT}\s+)?\bраза?\s+в\s+(?:\d+|два|три|пять)\s+(?:года|лет)\b")
# Seasons are read as the months they stand for.
_SEASONS = (
    (
        re.compile(r"\bлетн\w*\s+(?:период\w*|каникул\w*|месяц\w*)|\bлетом\b|\bлето\b"),
        "июнь-август",
    ),
    (re.compile(r"\bосенн\w*\s+период\w*|\bосенью\b|\bосень\b"), "сентябрь-ноябрь"),
    (re.compile(r"\bзимн\w*\s+период\w*|\bзимой\b|\bзима\b"), "декабрь-февраль"),
    (re.compile(r"\bвесенн\w*\s+период\w*|\bвесной\b|\bвесна\b"), "март-май"),
)

_TOKEN = re.compile(
    r"(?P<date>\b\d{1,2}\.\d{1,2}\.\d{2,4}\b)"
    r"|(?P<academic>\b\d{4}\s*[-/]\s*\d{2,4}\s*(?:учебн\w*|уч\.?)(?:\s*(?:год\w*|гг?\.?))?)"
    rf"|(?P<quarters>\b{_ORDINAL}\s*-\s*{_ORDINAL}{_ENDING}\s*(?:кв\.|квартал\w*))"
    rf"|(?P<quarter>\b{_ORDINAL}{_ENDING}\s*(?:кв\.|квартал\w*))"
    rf"|(?P<half>\b(?:[12]|i{{1,2}}|перв\w*|втор\w*){_ENDING}\s*(?:полугоди\w*|п/г))"
    rf"|(?P<term>\b{_ORDINAL}{_ENDING}\s*(?:четверт\w*|триместр\w*))"
    rf"|(?P<daymonth>\b\d{{1,2}}(?:\s*-?\s*го)?\s+(?:{_MONTH})\b\.?)"
    rf"|(?P<month>\b(?:{_MONTH})\b\.?)"
    r"|(?P<number>\b\d+\b)"
    r"|(?P<lettered>\b[12][0-9оo]{3}\b)"
    r"|(?P<dash>-|\bпо\b)"
    r"|(?P<sep>[,;/+&]|\bи\b)"
    r"|(?P<until>\bдо\b|\bне\s+позднее\b|\bне\s+позже\b|\bк\b)"
    r"|(?P<since>\bначиная\s+с\b|\bс\b)"
    r"|(?P<word>[a-zа-яё]+\.?)"
    r"|(?P<other>[^\s])"
)

_YEARS = range(1900, 2200)  # what a four-digit number in a deadline may be


# --- parsing ----------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def parse(text: str) -> Deadline:
    """Read a deadline phrase as typed in a plan."""
    reader = _Reader(text)
    return reader.read()


_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def _normalize(text: str) -> str:
    text = _INVISIBLE.sub("", text).lower().replace("ё", "е").replace("\u00a0", " ")
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = re.sub(r"\s*\n\s*", ", ", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class _Point:
    """One point in time as written: «15 октября», «2 квартал 2020», «2022»."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    quarter: int | None = None
    half: int | None = None
    term: int | None = None
    academic: int | None = None  # the first year of an academic year
    date: dt.date | None = None
    until: bool = False
    since: bool = False

    def has(self, part: str) -> bool:
        return getattr(self, part) is not None

    @property
    def inside_year(self) -> bool:
        return any(x is not None for x in (self.month, self.day, self.quarter, self.half, self.term))

    @property
    def empty(self) -> bool:
        return not (self.inside_year or self.year or self.academic or self.date)


@dataclass
class _Reader:
    text: str
    periods: list[Period] = field(default_factory=list)
    months: list[int] = field(default_factory=list)
    quarters: list[int] = field(default_factory=list)
    halves: list[int] = field(default_factory=list)
    terms: list[int] = field(default_factory=list)
    day: int | None = None
    until: bool = False
    since: bool = False
    every: str | None = None
    permanent: bool = False
    conditions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    year_typos: list[str] = field(default_factory=list)
    typos: list[tuple[str, str]] = field(default_factory=list)
    reversed_ranges: list[str] = field(default_factory=list)

    def read(self) -> Deadline:
        rest = self._brackets(_normalize(self.text))
        self._phrases(rest)
        return Deadline(
            text=self.text,
            periods=tuple(self.periods),
            months=tuple(dict.fromkeys(self.months)),
            quarters=tuple(dict.fromkeys(self.quarters)),
            halves=tuple(dict.fromkeys(self.halves)),
            terms=tuple(dict.fromkeys(self.terms)),
            day=self.day,
            until=self.until,
            since=self.since,
            every=self.every,
            permanent=self.permanent,
            condition="; ".join(self.conditions) or None,
            notes=tuple(self.notes),
            unknown=tuple(self.unknown),
            year_typos=tuple(self.year_typos),
            typos=tuple(self.typos),
            reversed_ranges=tuple(self.reversed_ranges),
        )

    # Brackets: «(март-апрель)», «(далее ежегодно)» add to the deadline; any other remark
    # («(предварительные данные)») is kept as a note and does not make the phrase unclear.
    def _brackets(self, text: str) -> str:
        while True:
            match = re.search(r"\(([^()]*)\)", text)
            if match is None:
                return text.replace(")", " ").replace("(", " ")
            inner = _Reader(match.group(1))
            inner._phrases(inner._brackets(match.group(1)))
            if inner.unknown:
                self.notes.append(match.group(1).strip())
            else:
                self._merge(inner)
            text = text[: match.start()] + " , " + text[match.end() :]

    def _merge(self, other: _Reader) -> None:
        self.periods += other.periods
        self.months += other.months
        self.quarters += other.quarters
        self.halves += other.halves
        self.terms += other.terms
        self.day = self.day or other.day
        self.until = self.until or other.until
        self.since = self.since or other.since
        self.every = self.every or other.every
        self.permanent = self.permanent or other.permanent
        self.conditions += other.conditions
        self.notes += other.notes
        self.year_typos += other.year_typos
        self.typos += other.typos
        self.reversed_ranges += other.reversed_ranges

    def _phrases(self, text: str) -> None:
        for pattern, typed, correct in _STOCK_TYPOS:
            if pattern.search(text):
                self.typos.append((typed, correct))
                text = pattern.sub(correct, text)
        text = self._cut(_PERMANENT, text, self._permanent)
        text = self._cut(_CONDITION, text, lambda m: self.conditions.append(m.group(0).strip(" ,")))
        for pattern, unit in _RECURRENCE:
            text = self._cut(pattern, text, lambda m, unit=unit: self._every(unit))
        text = self._cut(_EVERY_YEARS, text, lambda m: self._every("year"))
        text = self._cut(_TIMES_IN, text, lambda m: self._every(_EVERY_UNIT[m.group(1)]))
        text = self._cut(_DAY_OF_MONTH, text, self._day_of_month)
        for pattern, months in _SEASONS:
            text = pattern.sub(months, text)
        self._points(text)

    @staticmethod
    def _cut(pattern: re.Pattern, text: str, action) -> str:
        for match in pattern.finditer(text):
            action(match)
        return pattern.sub(" , ", text)

    def _permanent(self, match: re.Match) -> None:
        self.permanent = True

    def _every(self, unit: str) -> None:
        self.every = self.every or unit

    def _day_of_month(self, match: re.Match) -> None:
        self.day = int(match.group(2))
        self.until = self.until or bool(match.group(1))

    # --- points, ranges and lists -------------------------------------------------------

    def _points(self, text: str) -> None:
        items: list[_Point | tuple[_Point, _Point]] = []
        current: _Point | None = None
        range_start: _Point | None = None
        flags = {"until": False, "since": False}

        def close() -> None:
            nonlocal current, range_start
            if current is None or current.empty:
                current = None
                return
            if range_start is not None:
                items.append((range_start, current))
                range_start = None
            else:
                items.append(current)
            current = None

        def add(part: str, value) -> None:
            nonlocal current
            if current is not None and (current.has(part) or _conflicts(current, part)):
                close()
            if current is None:
                current = _Point(until=flags["until"], since=flags["since"])
                flags["until"] = flags["since"] = False
            setattr(current, part, value)

        for match in _TOKEN.finditer(text):
            kind, value = match.lastgroup, match.group(0)
            if kind == "date":
                parsed = _date(value)
                if parsed is None:
                    self.unknown.append(value)
                else:
                    add("date", parsed)
            elif kind == "academic":
                first, second = (int(y) for y in re.findall(r"\d+", value)[:2])
                second = second if second > 99 else first // 100 * 100 + second
                if second != first + 1:
                    self.reversed_ranges.append(value)
                add("academic", first)
            elif kind == "quarters":
                first, second = (_ordinal(o) for o in re.findall(_ORDINAL, value)[:2])
                close()
                range_start = _Point(quarter=first)
                add("quarter", second)
            elif kind in ("quarter", "half", "term"):
                add(kind, _ordinal(_piece(_HALF_ORDINAL if kind == "half" else _ORDINAL, value)))
            elif kind == "daymonth":
                day = int(_piece(r"\d+", value))
                if not 1 <= day <= 31:  # «0 января», «32 марта»: no such day (found by tests/test_fuzz.py)
                    self.unknown.append(value)
                    continue
                add("day", day)
                add("month", MONTHS[_piece(_MONTH, value)])
            elif kind == "month":
                add("month", MONTHS[value.rstrip(".")])
            elif kind == "number":
                self._number(value, add)
            elif kind == "lettered":  # «2О21»: a letter О typed for a zero
                self.year_typos.append(value)
            elif kind == "dash":
                if current is not None and not current.empty and range_start is None:
                    close()
                    range_start = items.pop()  # type: ignore[assignment]
            elif kind == "sep":
                close()
            elif kind in ("until", "since"):
                close()
                flags[kind] = True
            elif kind == "word":
                if value.rstrip(".") not in _FILLERS and value not in _FILLERS:
                    self.unknown.append(value)
            elif kind == "other" and value not in ".«»\"':":
                self.unknown.append(value)
        close()
        if range_start is not None:
            items.append(range_start)
        self._resolve(items)

    def _number(self, value: str, add) -> None:
        number = int(value)
        if len(value) == 4 and number in _YEARS:
            add("year", number)
        elif len(value) <= 2 and 1 <= number <= 31:
            add("day", number)
        elif value.startswith(("20", "19")) and len(value) in (3, 5):
            self.year_typos.append(value)
        else:
            self.unknown.append(value)

    def _resolve(self, items: list) -> None:
        _share_years(items)
        _share_months(items)
        for item in items:
            if isinstance(item, tuple):
                self._range(*item)
            else:
                self._point(item)

    def _point(self, point: _Point) -> None:
        self.until = self.until or point.until
        self.since = self.since or point.since
        period = _period(point)
        if period is not None:
            self.periods.append(period)
        else:
            for part, found in (
                ("month", self.months),
                ("quarter", self.quarters),
                ("half", self.halves),
                ("term", self.terms),
            ):
                if getattr(point, part) is not None:
                    found.append(getattr(point, part))
            if point.day is not None:
                self.day = point.day

    def _range(self, first: _Point, last: _Point) -> None:
        self.until = self.until or first.until
        start, end = _period(first), _period(last)
        if start is not None and end is not None:
            if end.end < start.start:
                self.reversed_ranges.append(self.text)
            self.periods.append(Period(start.start, end.end, "range"))
        elif first.month is not None and last.month is not None and first.year == last.year:
            self.months += _month_span(first.month, last.month)
        else:
            self._point(first)
            self._point(last)


def _conflicts(point: _Point, part: str) -> bool:
    """A new part that cannot belong to the same point starts another one («январь август»)."""
    inside = ("month", "quarter", "half", "term")
    if part in inside:
        return any(point.has(p) for p in inside) or point.date is not None
    if part == "day":
        return point.month is not None or point.date is not None
    if part in ("year", "academic"):
        return point.year is not None or point.academic is not None or point.date is not None
    if part == "date":
        return not point.empty
    return False


def _share_years(items: list) -> None:
    """«10 марта – 25 апреля 2021», «2021, 2023, 2025 май»: a year written once serves all."""
    points = [p for item in items for p in (item if isinstance(item, tuple) else (item,))]
    for i, point in enumerate(points):
        if point.year is None and point.academic is None and point.date is None and point.inside_year:
            later = next((p for p in points[i + 1 :] if p.year is not None), None)
            earlier = next((p for p in reversed(points[:i]) if p.year is not None), None)
            source = later or earlier
            if source is not None:
                point.year = source.year
                if later is source and _before(source, point):
                    point.year -= 1  # «сентябрь – май 2021»: September 2020
                elif earlier is source and later is None and _before(point, source):
                    point.year += 1  # «октябрь 2020 – март»: March 2021
    for first, last in (item for item in items if isinstance(item, tuple)):
        if last.day is not None and last.month is None and first.month is not None:
            last.month, last.year = first.month, last.year or first.year
        if first.day is not None and first.month is None and last.month is not None:
            first.month, first.year = last.month, first.year or last.year


def _before(a: _Point, b: _Point) -> bool:
    return a.month is not None and b.month is not None and a.month < b.month


def _share_months(items: list) -> None:
    """«Апрель 2021, 2023, 2025»: the month written once serves every year of the list."""
    points = [item for item in items if isinstance(item, _Point)]
    if len(points) != len(items) or len(points) < 2:
        return
    inside = [p for p in points if p.inside_year]
    bare = [p for p in points if not p.inside_year and p.year is not None]
    if len(inside) == 1 and len(bare) == len(points) - 1 and inside[0] in (points[0], points[-1]):
        source = inside[0]
        for point in bare:
            point.month, point.quarter, point.half = source.month, source.quarter, source.half
            point.term, point.day = source.term, source.day


def _period(point: _Point) -> Period | None:
    if point.date is not None:
        return Period(point.date, point.date, "day")
    if point.academic is not None:
        return Period(dt.date(point.academic, 9, 1), dt.date(point.academic + 1, 8, 31), "academic-year")
    year = point.year
    if year is None:
        return None
    if point.month is not None and point.day is not None:
        day = min(point.day, calendar.monthrange(year, point.month)[1])
        return Period(dt.date(year, point.month, day), dt.date(year, point.month, day), "day")
    if point.month is not None:
        return Period(dt.date(year, point.month, 1), _month_end(year, point.month), "month")
    if point.quarter is not None:
        first = 3 * point.quarter - 2
        return Period(dt.date(year, first, 1), _month_end(year, first + 2), "quarter")
    if point.half is not None:
        first = 1 if point.half == 1 else 7
        return Period(dt.date(year, first, 1), _month_end(year, first + 5), "half")
    if point.term is not None:
        first, last = {1: (9, 10), 2: (11, 12), 3: (1, 3), 4: (4, 5)}[point.term]
        return Period(dt.date(year, first, 1), _month_end(year, last), "term")
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month_span(first: int, last: int) -> list[int]:
    months = [first]
    while months[-1] != last and len(months) < 12:
        months.append(months[-1] % 12 + 1)
    return months


def _piece(pattern: str, token: str) -> str:
    """The first part of a token that matches `pattern`: the token's kind in _TOKEN holds one."""
    found = re.search(pattern, token)
    assert found is not None, (pattern, token)
    return found.group(0)


def _ordinal(word: str) -> int:
    word = word.strip()
    return _ORDINALS.get(word) or _ORDINALS[word[:4]]


def _date(value: str) -> dt.date | None:
    day, month, year = (int(x) for x in value.split("."))
    if year < 100:
        year += 2000
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# --- years typed wrong ------------------------------------------------------------------


def year_candidates(typed: str, first: int, last: int) -> list[int]:
    """Years in [first, last] one keystroke away from `typed`: a digit missing, doubled,
    extra or two digits swapped («202» → 2020…2029, «20211» → 2021, «2201» → 2021)."""
    digits = "0123456789"
    found: set[str] = set()
    for i in range(len(typed) + 1):
        found.update(typed[:i] + d + typed[i:] for d in digits)  # a digit missing
    for i in range(len(typed)):
        found.add(typed[:i] + typed[i + 1 :])  # a digit extra or doubled
        found.update(typed[:i] + d + typed[i + 1 :] for d in digits)  # a digit wrong
    for i in range(len(typed) - 1):
        found.add(typed[:i] + typed[i + 1] + typed[i] + typed[i + 2 :])  # two digits swapped
    years = {int(s) for s in found if len(s) == 4 and s.isdigit()}
    years.discard(int(typed) if typed.isdigit() else -1)
    return sorted(y for y in years if first <= y <= last)


def doubled_digit_year(typed: str) -> int | None:
    """«20211» → 2021 when the extra digit repeats its neighbour: the likeliest reading."""
    for i in range(1, len(typed)):
        if typed[i] == typed[i - 1]:
            candidate = typed[:i] + typed[i + 1 :]
            if len(candidate) == 4:
                return int(candidate)
    return None
