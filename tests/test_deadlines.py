"""The deadline parser: phrases as clerks type them → structured deadlines."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.deadlines import Period, doubled_digit_year, parse, year_candidates

D = dt.date


def spans(text: str) -> list[tuple[dt.date, dt.date, str]]:
    return [(p.start, p.end, p.unit) for p in parse(text).periods]


# --- calendar periods -------------------------------------------------------------------

PERIODS = {
    "декабрь 2019": [(D(2019, 12, 1), D(2019, 12, 31), "month")],
    "Март 2021 года": [(D(2021, 3, 1), D(2021, 3, 31), "month")],
    "Апрель 2021 год": [(D(2021, 4, 1), D(2021, 4, 30), "month")],
    "2022 Январь": [(D(2022, 1, 1), D(2022, 1, 31), "month")],
    "2022 год ноябрь": [(D(2022, 11, 1), D(2022, 11, 30), "month")],
    "Февраль 2020": [(D(2020, 2, 1), D(2020, 2, 29), "month")],
    "1 квартал 2020": [(D(2020, 1, 1), D(2020, 3, 31), "quarter")],
    "I квартал 2024 г.": [(D(2024, 1, 1), D(2024, 3, 31), "quarter")],
    "IV квартал 2021 года": [(D(2021, 10, 1), D(2021, 12, 31), "quarter")],
    "2022 год 2 квартал": [(D(2022, 4, 1), D(2022, 6, 30), "quarter")],
    "второе полугодие 2020 года": [(D(2020, 7, 1), D(2020, 12, 31), "half")],
    "1 полугодие 2021 г.": [(D(2021, 1, 1), D(2021, 6, 30), "half")],
    "2022 год": [(D(2022, 1, 1), D(2022, 12, 31), "year")],
    "в 2021 году": [(D(2021, 1, 1), D(2021, 12, 31), "year")],
    "в течение 2021 года": [(D(2021, 1, 1), D(2021, 12, 31), "year")],
    "2020/2021 учебный год": [(D(2020, 9, 1), D(2021, 8, 31), "academic-year")],
    "в течение 2020-2021 учебного года": [(D(2020, 9, 1), D(2021, 8, 31), "academic-year")],
    "3 четверть 2021": [(D(2021, 1, 1), D(2021, 3, 31), "term")],
    "01.06.2024": [(D(2024, 6, 1), D(2024, 6, 1), "day")],
}


@pytest.mark.parametrize("text", PERIODS)
def test_calendar_periods(text):
    assert spans(text) == PERIODS[text]
    assert parse(text).understood


RANGES = {
    "2021-2024": (D(2021, 1, 1), D(2024, 12, 31)),
    "2024–2026 гг.": (D(2024, 1, 1), D(2026, 12, 31)),
    "2019-2025 годы": (D(2019, 1, 1), D(2025, 12, 31)),
    "Август-сентябрь 2020": (D(2020, 8, 1), D(2020, 9, 30)),
    "Май-июнь 2020 года": (D(2020, 5, 1), D(2020, 6, 30)),
    "10 марта – 25 апреля 2021 года": (D(2021, 3, 10), D(2021, 4, 25)),
    "в период с 10 по 20 мая 2021 года": (D(2021, 5, 10), D(2021, 5, 20)),
    "01.09.2021 - 31.12.2021": (D(2021, 9, 1), D(2021, 12, 31)),
    "сентябрь 2020 – май 2021": (D(2020, 9, 1), D(2021, 5, 31)),
    "сентябрь – май 2021": (D(2020, 9, 1), D(2021, 5, 31)),  # the school year before May 2021
    "Октябрь 2020 - март": (D(2020, 10, 1), D(2021, 3, 31)),
    "I-II квартал 2021": (D(2021, 1, 1), D(2021, 6, 30)),
}


@pytest.mark.parametrize("text", RANGES)
def test_ranges_share_the_year_written_once(text):
    assert spans(text) == [(*RANGES[text], "range")]
    assert parse(text).kind == "range"


def test_lists_of_years_share_the_month_written_once():
    assert spans("2021, 2023, 2025 май") == [(D(y, 5, 1), D(y, 5, 31), "month") for y in (2021, 2023, 2025)]
    assert spans("Апрель 2022, 2024") == [(D(y, 4, 1), D(y, 4, 30), "month") for y in (2022, 2024)]
    assert [p.unit for p in parse("2022\n2023").periods] == ["year", "year"]
    assert parse("2022, 2024").kind == "list"


def test_start_end_and_years_of_a_deadline():
    deadline = parse("Апрель 2021, 2023, 2025")
    assert (deadline.start, deadline.end) == (D(2021, 4, 1), D(2025, 4, 30))
    assert deadline.years == (2021, 2023, 2025)
    assert parse("Постоянно").start is None


# --- limits, recurrence, permanent, conditional ------------------------------------------


def test_until_a_date_or_a_month():
    deadline = parse("до 15 октября")
    assert (deadline.until, deadline.day, deadline.months, deadline.periods) == (
        True,
        15,
        (10,),
        (),
    )
    assert deadline.kind == "until"
    assert parse("До сентября 2020").until
    assert spans("До сентября 2020") == [(D(2020, 9, 1), D(2020, 9, 30), "month")]
    assert parse("не позднее 1 марта 2022 г.").until
    assert parse("к 1 сентября").until


def test_since_is_open_ended():
    deadline = parse("с 1 сентября 2021 года")
    assert deadline.since and spans("с 1 сентября 2021 года") == [(D(2021, 9, 1), D(2021, 9, 1), "day")]


RECURRING = {
    "Ежегодно": ("year", (), None),
    "ежегодно, сентябрь": ("year", (9,), None),
    "Сентябрь Ежегодно": ("year", (9,), None),
    "Ежегодно сентябрь, апрель": ("year", (9, 4), None),
    "Ежегодно, январь август": ("year", (1, 8), None),
    "Октябрь- декабрь Ежегодно": ("year", (10, 11, 12), None),
    "1 раз в год апрель": ("year", (4,), None),
    "Ежегодно до 15 октября": ("year", (10,), 15),
    "Ежеквартально": ("quarter", (), None),
    "Ежемесячно до 22 числа": ("month", (), 22),
    "ежеквартально, до 5 числа месяца, следующего за отчетным кварталом": ("quarter", (), 5),
    "2021-2024 (один раз в четверть)": ("term", (), None),
    "Весь период\n(1 раз в год)": ("year", (), None),
    "еженедельно": ("week", (), None),
}


@pytest.mark.parametrize("text", RECURRING)
def test_recurring(text):
    deadline = parse(text)
    assert (deadline.every, deadline.months, deadline.day) == RECURRING[text]
    assert deadline.understood and deadline.kind == "recurring"


def test_recurring_quarter_and_a_start_date():
    assert parse("Ежегодно 4 квартал").quarters == (4,)
    deadline = parse("Ноябрь 2020 (далее ежегодно)")
    assert deadline.every == "year" and spans("Ноябрь 2020 (далее ежегодно)")[0][0] == D(2020, 11, 1)


@pytest.mark.parametrize(
    "text",
    [
        "Постоянно",
        "постоянно",
        "В течение года",
        "в течение учебного года",
        "Весь период",
        "в течение всего периода реализации дорожной карты",
        "систематически",
    ],
)
def test_permanent(text):
    deadline = parse(text)
    assert deadline.permanent and deadline.understood and deadline.kind == "permanent"
    assert deadline.periods == ()


CONDITIONAL = {
    "По мере необходимости": "по мере необходимости",
    "При необходимости": "при необходимости",
    "по потребности": "по потребности",
    "По плану ИМЦ": "по плану имц",
    "По плану работы ОО": "по плану работы оо",
    "по планам ГМО": "по планам гмо",
    "По графику МКУДПО «ГЦРО»": "по графику мкудпо «гцро»",
    "В соответствии с графиком Министерства образования": ("в соответствии с графиком министерства образования"),
    "По итогам оценочных процедур": "по итогам оценочных процедур",
    "По запросам образовательных организаций": "по запросам образовательных организаций",
    "в сроки, установленные Минпросвещения России": "в сроки, установленные минпросвещения россии",
    "в течение месяца после утверждения": "в течение месяца после утверждения",
}


@pytest.mark.parametrize("text", CONDITIONAL)
def test_conditional(text):
    deadline = parse(text)
    assert deadline.condition == CONDITIONAL[text]
    assert deadline.understood and deadline.kind == "conditional"


def test_mixed_kinds_keep_every_part():
    deadline = parse("2020-2025 по заявкам")
    assert deadline.condition == "по заявкам" and spans("2020-2025 по заявкам")[0][:2] == (
        D(2020, 1, 1),
        D(2025, 12, 31),
    )
    deadline = parse("По потребности, но не менее одного раза в год")
    assert (deadline.condition, deadline.every) == ("по потребности", "year")
    deadline = parse("Постоянно (по плану работы отдела образования)")
    assert deadline.permanent and deadline.condition == "по плану работы отдела образования"
    deadline = parse("2021-2024\n(март-апрель)")
    assert deadline.months == (3, 4) and len(deadline.periods) == 1


def test_a_bracketed_remark_is_a_note_not_an_error():
    deadline = parse("Май-август (предварительные данные)\nсентябрь")
    assert deadline.understood
    assert deadline.notes == ("предварительные данные",)
    assert deadline.months == (5, 6, 7, 8, 9)


def test_seasons():
    assert parse("летний период").months == (6, 7, 8)
    assert spans("лето 2021") == [(D(2021, 6, 1), D(2021, 8, 31), "range")]


# --- what is not understood or typed wrong -----------------------------------------------


@pytest.mark.parametrize("text", ["Сразу после", "asap", "Дата", "{{ deadline }}", "31.02.2021", "скоро"])
def test_not_understood(text):
    deadline = parse(text)
    assert not deadline.understood and deadline.kind == "unknown" and deadline.unknown


def test_invisible_characters_are_ignored():
    assert spans("\u200f2020\u200f") == [(D(2020, 1, 1), D(2020, 12, 31), "year")]


@pytest.mark.parametrize(
    "text, typed",
    [("Март 20211", "20211"), ("202", "202"), ("Декабрь 20201", "20201"), ("2О21 год", "2о21")],
)
def test_year_typos_are_collected_not_unknown(text, typed):
    deadline = parse(text)
    assert deadline.year_typos == (typed,)
    assert deadline.unknown == ()


def test_stock_phrase_typo_is_read_and_recorded():
    deadline = parse("В течении учебного года по плану ИМЦ")
    assert deadline.typos == (("в течении", "в течение"),)
    assert deadline.permanent and deadline.condition == "по плану имц"
    assert parse("в течение года").typos == ()


def test_reversed_range():
    assert parse("2024-2021").reversed_ranges
    assert not parse("2021-2024").reversed_ranges
    assert parse("2020-2022 учебный год").reversed_ranges  # an academic year is one year long


def test_year_candidates():
    assert year_candidates("20211", 2019, 2025) == [2021]
    assert year_candidates("2201", 2019, 2025) == [2021]
    assert year_candidates("202", 2019, 2025) == [2020, 2021, 2022, 2023, 2024, 2025]
    assert doubled_digit_year("20211") == 2021
    assert doubled_digit_year("2021") is None


def test_every_bundled_deadline_is_understood(departments):
    from generator import model as m
    from generator.numbering import NumberedMeasure, plan_outline

    for department in departments.values():
        for doc in department.documents:
            if isinstance(doc, m.Plan):
                for item in plan_outline(doc):
                    if isinstance(item, NumberedMeasure) and item.measure.deadline:
                        assert parse(item.measure.deadline).understood, item.measure.deadline


def test_period_is_a_value():
    assert Period(D(2020, 1, 1), D(2020, 1, 31), "month") == Period(D(2020, 1, 1), D(2020, 1, 31), "month")
