"""`prikaz check`: every rule with inputs that must trigger it and near misses that must not.

Model objects are built with tiny factories; each measure gets its own line so that
findings can be told apart by position. The end of the file runs the checker on the
bundled documents (the defects transcribed on purpose must be found) and the CLI.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from check_factories import (
    CONTENT,
    TODAY,
    codes,
    found,
    measure,
    order,
    organization,
    plan,
    pos,
    prikaz,
    run,
    section,
    text,
)

from generator import model as m
from generator.check import RULE_MESSAGES, check
from generator.errors import MESSAGES, Pos

# --- the API ----------------------------------------------------------------------------


def test_every_code_has_a_russian_message_merged_into_messages():
    assert set(RULE_MESSAGES) <= set(MESSAGES)
    for code, template in RULE_MESSAGES.items():
        assert template == MESSAGES[code]
        assert any("а" <= c <= "я" for c in template), code


def test_a_clean_department_has_no_findings():
    p = plan(
        section(
            measure(
                "Разработка и утверждение положения о муниципальной системе оценки качества "
                "образования (далее – МСОКО)",
                "Март 2021 г.",
            ),
            measure(
                "Проведение совещаний с руководителями образовательных организаций (далее – ОО) "
                "по итогам оценочных процедур",
                "Ежегодно, сентябрь",
                ("Руководители ОО",),
            ),
            measure("Мониторинг реализации плана", "Ежеквартально", ("Отдел образования", "ИМЦ")),
            title="Нормативное обеспечение",
        ),
        section(
            measure("Анализ результатов ЕГЭ, ОГЭ и ВПР", "I квартал 2022 г."),
            measure(
                "Методическая поддержка педагогов по вопросам МСОКО",
                "По мере необходимости",
                ("ИМЦ",),
            ),
            title="Система оценки качества подготовки обучающихся",
        ),
        period=(2021, 2023),
    )
    o = order(
        "Утвердить прилагаемый план мероприятий по развитию МСОКО на 2021–2023 годы.",
        "Контроль за исполнением приказа оставляю за собой.",
        annexes=["plan"],
    )
    org = organization(fulls={"ИМЦ": "информационно-методический центр"})
    # «Март 2021 г.» in the month of signing is information, not a defect
    assert [p for p in run(o, p, org=org) if p.severity != "info"] == []


def test_findings_are_sorted_and_carry_severity_code_position_and_message():
    p = plan(section(measure("Текст", "2024-2021"), measure("Текст", "2024-2021")), period=(2021, 2024))
    problems = run(p)
    assert problems == sorted(problems, key=lambda x: (x.pos.file, x.pos.line, x.pos.column, x.code))
    for problem in problems:
        assert problem.severity in ("error", "warning")
        assert problem.pos.line >= 1 and problem.message
        assert str(problem).startswith(f"{problem.pos}: ")


# --- deadlines --------------------------------------------------------------------------


def deadline_findings(*deadlines, period=(2021, 2022), code=None, **plan_args):
    p = plan(
        section(*(measure(f"Мероприятие номер {i}", d) for i, d in enumerate(deadlines))),
        period=period,
        **plan_args,
    )
    problems = run(p)
    return found(problems, code) if code else problems


def test_deadline_not_understood():
    [problem] = deadline_findings("Сразу после", code="deadline-unclear")
    assert problem.severity == "warning" and "«Сразу после»" in problem.message


def test_deadline_understood_phrases_are_not_reported():
    assert not deadline_findings(
        "по мере необходимости",
        "Ежегодно, сентябрь",
        "Весь период",
        "По плану ИМЦ",
        "Ежемесячно до 22 числа",
        code="deadline-unclear",
    )


def test_year_with_a_digit_doubled_or_missing():
    problems = deadline_findings("Март 20211", "202", code="deadline-year-typo")
    assert len(problems) == 2
    assert "возможно, «2021»" in problems[0].message
    assert not deadline_findings("Март 2021", "2021-2022", code="deadline-year-typo")


def test_implausible_year_is_a_typo_and_not_also_outside_the_period():
    problems = deadline_findings("Март 2102")
    assert codes(problems) == {"deadline-year-typo"}
    assert "возможно, «2012»" not in problems[0].message  # 2012 is outside the plan's years


def test_range_reversed():
    assert deadline_findings("2022-2021", code="deadline-range-reversed")
    assert not deadline_findings("2021-2022", code="deadline-range-reversed")


def test_deadline_outside_the_plan_period():
    [problem] = deadline_findings(
        "Март 2023", "Март 2022", "Ежегодно, май", "до 2023 года", code="deadline-outside-period"
    )
    assert "Март 2023" in problem.message and "2021–2022" in problem.message


def test_plan_period_from_the_title():
    assert deadline_findings("2024", period=None, title="План на 2021-2022 годы", code="deadline-outside-period")
    assert not deadline_findings("2024", period=None, title="План мероприятий", code="deadline-outside-period")


def test_deadline_over_before_the_approving_order():
    p = plan(
        section(
            measure("Первое", "Январь 2021"),
            measure("Второе", "Март 2021"),
            measure("Третье", "Ежегодно, январь"),
            measure("Четвёртое", "с 1 января 2021 года"),
            measure("Пятое", "2020-2022"),
        ),
        period=(2020, 2022),
    )
    problems = found(
        run(order("Утвердить план.", annexes=["plan"], date=dt.date(2021, 3, 1)), p),
        "deadline-before-order",
    )
    assert [pr.args["deadline"] for pr in problems] == ["Январь 2021"]
    assert "01.03.2021 № 12" in problems[0].message
    assert not found(run(p), "deadline-before-order")  # no order, no date to compare with


def test_an_amended_edition_is_not_late_for_rows_it_keeps():
    old = plan(section(measure("Первое", "Январь 2021"), measure("Второе", "Март 2021")), id="plan")
    new = plan(
        section(measure("Первое", "Январь 2021"), measure("Второе", "Февраль 2021")),
        id="plan-ed2",
        edition=m.Edition(follows="plan", kind="amendment"),
    )
    amending = order(
        "Контроль оставляю за собой.",
        id="order-2",
        date=dt.date(2021, 4, 1),
        amendment=m.Amendment(old="plan", new="plan-ed2"),
    )
    problems = found(run(old, new, amending), "deadline-before-order")
    assert [(pr.pos, pr.args["deadline"]) for pr in problems] == [(new.sections[0].measures[1].pos, "Февраль 2021")]


# --- responsible units and abbreviations ------------------------------------------------


def test_unit_one_slip_away_from_a_common_one():
    org = organization(units=("Отдел образования", "Одел образования"))
    p = plan(section(measure("А раз"), measure("Б два"), measure("В три", responsible=("Одел образования",))))
    [problem] = found(run(p, org=org), "unit-near-duplicate")
    assert problem.args["name"] == "Одел образования" and problem.args["other"] == "Отдел образования"
    assert "возможно, имелось в виду «Отдел образования»" in problem.message
    assert problem.pos == p.sections[0].measures[2].pos


@pytest.mark.parametrize(
    "pair, difference",
    [
        (("МКУДПО «ГЦРО»", 'МКУДПО "ГЦРО"'), "разные кавычки"),
        (("Специалисты отдела образования", "Специалисты отдел образования"), "«отдела» и «отдел»"),
        (("Отдел образования", "Отдел образовани"), "«образования» и «образовани»"),
    ],
)
def test_unit_written_two_ways(pair, difference):
    org = organization(units=pair)
    p = plan(
        section(
            measure("А", responsible=pair[:1]),
            measure("Б", responsible=pair[:1]),
            measure("В", responsible=pair[1:]),
        )
    )
    [problem] = found(run(p, org=org), "unit-near-duplicate")
    assert problem.args["name"] == pair[1] and difference in problem.args["difference"]


@pytest.mark.parametrize(
    "pair",
    [
        ("Руководители ОО", "руководители ОО"),  # a capital after a comma: the same name
        ("Руководитель РМО", "Руководители РМО"),  # one person or several: different units
        ("Руководители ШМО", "Руководители РМО"),  # abbreviations differ: different units
        ("Ведущий специалист отдела", "Ведущий консультант отдела"),
        ("Специалисты отдела образования", "Специалисты отдела образования и ИМЦ"),
    ],
)
def test_units_that_are_not_near_duplicates(pair):
    org = organization(units=pair)
    p = plan(section(measure("А", responsible=pair[:1]), measure("Б", responsible=pair[1:])))
    assert not found(run(p, org=org), "unit-near-duplicate")


def test_abbreviation_used_but_never_defined():
    p = plan(section(measure("Совещание руководителей ШМО по вопросам ШМО"), measure("Работа ШМО")))
    [problem] = found(run(p), "abbreviation-undefined")
    assert problem.args["abbreviation"] == "ШМО" and problem.args["count"] == 3
    assert problem.pos == p.sections[0].measures[0].pos


@pytest.mark.parametrize(
    "value",
    [
        "Создание школьных методических объединений (далее – ШМО) и работа ШМО",
        "Создание школьных методических объединений (ШМО), работа ШМО",
        "Анализ результатов ЕГЭ, ОГЭ, ВПР и ГИА по ФГОС",  # known to every reader
        "Взаимодействие с МКУДПО «ГЦРО» и ГКУ НСО НИМРО",  # proper names after a legal form
        "Приложение к приказу от 28.02.2020 № ОМ-009",
        "ОТДЕЛ ОБРАЗОВАНИЯ",
    ],
)
def test_abbreviations_that_are_defined_known_or_names(value):
    assert not found(run(plan(section(measure(value)))), "abbreviation-undefined")


def test_abbreviation_defined_in_the_registry():
    org = organization(
        units=("Руководители ОО", "ММС"),
        fulls={
            "ММС": "муниципальная методическая служба",
            "Руководители ОО": "руководители организаций",
        },
    )
    p = plan(section(measure("Работа ММС с ОО", responsible=("ММС",))))
    assert not found(run(p, org=org), "abbreviation-undefined")


def test_two_abbreviations_for_one_unit():
    p = plan(
        section(
            measure("Работа ОО (далее – ОО)"),
            measure("Работа ОО"),
            measure("Работа ОУ (далее – ОУ)"),
        )
    )
    [problem] = found(run(p), "abbreviation-synonym")
    assert (problem.args["abbreviation"], problem.args["other"]) == ("ОУ", "ОО")
    assert problem.pos == p.sections[0].measures[2].pos


def test_synonyms_in_different_documents_are_not_reported():
    p1 = plan(section(measure("Работа ОО (далее – ОО)")), id="p1")
    p2 = plan(section(measure("Работа ОУ (далее – ОУ)")), id="p2")
    assert not found(run(p1, p2), "abbreviation-synonym")


# --- duplicates -------------------------------------------------------------------------


def test_identical_measures_in_one_section_are_an_error():
    p = plan(
        section(
            measure("Проведение  совещания руководителей, ОО"),
            measure("Другое дело"),
            measure("проведение совещания руководителей ОО."),
        )
    )
    [problem] = found(run(p), "measure-duplicate")
    assert problem.severity == "error" and problem.pos == p.sections[0].measures[2].pos
    assert "мероприятие 1.1" in problem.message


def test_same_text_with_other_cells_is_a_warning():
    p = plan(
        section(
            measure("Анализ уровня функциональной грамотности", "Весь период"),
            measure("Анализ уровня функциональной грамотности", "Ежегодно"),
        )
    )
    problems = run(p)
    assert not found(problems, "measure-duplicate")
    [problem] = found(problems, "measure-near-duplicate")
    assert "строка" in problem.args["other_pos"]


def test_identical_text_in_different_sections_is_not_reported():
    p = plan(
        section(measure("Реализация корректирующих мероприятий")),
        section(measure("Реализация корректирующих мероприятий"), title="Другой раздел"),
    )
    assert not codes(run(p)) & {"measure-duplicate", "measure-near-duplicate"}


@pytest.mark.parametrize(
    "a, b",
    [
        (
            "Проведение семинаров для учителей начальных классов",
            "Проведение семинара для учителей начальных классов",
        ),
        (
            "Организация методической поддержки педагогов",
            "Организация методической подержки педагогов",
        ),
        ("Мониторинг качества образования в школах", "Мониторинг качества образования и в школах"),
    ],
)
def test_near_identical_measures(a, b):
    p = plan(section(measure(a), measure(b)))
    [problem] = found(run(p), "measure-near-duplicate")
    assert problem.pos == p.sections[0].measures[1].pos


@pytest.mark.parametrize(
    "a, b",
    [
        (
            "Организация мероприятий по гражданскому воспитанию обучающихся",
            "Организация мероприятий по патриотическому воспитанию обучающихся",
        ),  # target differs
        (
            "Подготовка обучающихся к ОГЭ по математике",
            "Подготовка обучающихся к ОГЭ по физике",
        ),  # subject
        ("Диагностика учащихся 5 классов", "Диагностика учащихся 9 классов"),  # class
        ("Проведение конкурса в 2021 году", "Проведение конкурса в 2022 году"),  # year
        (
            "Проведение собраний для учителей школ",
            "Проведение собраний для родителей школ",
        ),  # group
        ("Анализ результатов ЕГЭ", "Анализ результатов ОГЭ"),
    ],
)
def test_measures_differing_in_a_meaningful_word_are_not_duplicates(a, b):
    assert not codes(run(plan(section(measure(a), measure(b))))) & {
        "measure-duplicate",
        "measure-near-duplicate",
    }


# --- consistency ------------------------------------------------------------------------


def annex(header: tuple[str, ...]) -> m.AnnexRef:
    return m.AnnexRef("plan", printed_header=header, pos=pos("order.yaml"))


def test_printed_annex_header_with_another_number_or_date():
    o = order(
        "Утвердить план.",
        annexes=[annex(("Приложение", "к приказу", "от 28.02.2020 № ОМ-009"))],
        date=dt.date(2020, 2, 28),
        number="0212-09 а",
    )
    [problem] = found(run(o, plan(section(measure()))), "annex-header-mismatch")
    assert problem.severity == "error" and "«ОМ-009»" in problem.message and "«0212-09 а»" in problem.message
    o = order(
        "Утвердить план.",
        annexes=[annex(("Приложение", "от 27 февраля 2020 г. № 12"))],
        date=dt.date(2020, 2, 28),
    )
    [problem] = found(run(o, plan(section(measure()))), "annex-header-mismatch")
    assert problem.args["printed"] == "27.02.2020"


def test_printed_annex_header_that_agrees():
    o = order(
        "Утвердить план.",
        annexes=[annex(("Приложение", "от 28 февраля 2020 г. № 0212-09а"))],
        date=dt.date(2020, 2, 28),
        number="0212-09 а",
    )
    assert not found(run(o, plan(section(measure()))), "annex-header-mismatch")
    numbered = order(  # «№ 1» is the annex's number, not the order's
        "Утвердить план.",
        annexes=[annex(("Приложение № 1", "к приказу", "от 28.02.2020 № 0212-09 а"))],
        date=dt.date(2020, 2, 28),
        number="0212-09 а",
    )
    assert not found(run(numbered, plan(section(measure()))), "annex-header-mismatch")


def test_annex_not_approved_by_any_point():
    o = order("Руководителям ОО обеспечить исполнение.", annexes=["plan"])
    [problem] = found(run(o, plan(section(measure()))), "annex-not-approved")
    assert problem.args["document"] == "plan"
    o = order("Утвердить прилагаемый план мероприятий.", annexes=["plan"])
    assert not found(run(o, plan(section(measure()))), "annex-not-approved")


def test_point_approves_an_annex_that_is_not_attached():
    o = order("Утвердить прилагаемое Положение о муниципальной системе оценки качества.")
    [problem] = found(run(o), "annex-missing")
    assert problem.args["kind"] == "положение"


@pytest.mark.parametrize(
    "point",
    [
        "Утвердить состав рабочей группы: Иванов И.И., Петров П.П.",
        "Утвердить прилагаемый план мероприятий.",
    ],
)
def test_points_that_approve_nothing_missing(point):
    o = order(point, annexes=["plan"])
    assert not found(run(o, plan(section(measure()))), "annex-missing")


def test_another_municipality_in_the_text():
    p = plan(section(measure("Утверждение дорожной карты в Пограничном муниципальном округе")))
    [problem] = found(run(p), "municipality-foreign")
    assert "Пограничном муниципальном округе" in problem.args["name"]


@pytest.mark.parametrize(
    "value",
    [
        "Утверждение дорожной карты в Энском муниципальном районе",
        "По показателям Сахалинской области и Российской Федерации",
        "Совещание руководителей школ района",
        "Конкурс «Моя профессия - моя гордость» для школьников района «Школа года»",
    ],
)
def test_own_municipality_and_regions_are_fine(value):
    assert not found(run(plan(section(measure(value)))), "municipality-foreign")


def test_a_city_names_its_own_districts():
    org = organization(municipality="город Новосибирск")
    org = m.Organization(
        **{
            **org.__dict__,
            "name": "Департамент образования мэрии города Новосибирска",
            "name_genitive": "департамента образования мэрии города Новосибирска",
            "letterhead": ("МЭРИЯ ГОРОДА НОВОСИБИРСКА",),
        }
    )
    assert not found(
        run(plan(section(measure("Школы Ленинского района города Новосибирска"))), org=org),
        "municipality-foreign",
    )
    assert found(run(plan(section(measure("Школы города Бердска"))), org=org), "municipality-foreign")


def test_own_name_written_with_a_word_missing():
    p = plan(section(measure("Подведомственные отделу образования администрации Энского района организации")))
    [problem] = found(run(p), "organization-name-variant")
    assert "муниципального" in problem.args["name"]


@pytest.mark.parametrize(
    "value",
    [
        "Подведомственные отделу образования администрации Энского муниципального района школы",
        "Отдел образования муниципального района обеспечивает",
        "Отдел образования администрации муниципального образования администрации муниципального образования",
    ],
)
def test_own_name_written_right_or_short(value):
    assert not found(run(plan(section(measure(value)))), "organization-name-variant")


# --- hand-typed numbers -----------------------------------------------------------------


def numbered(*numbers, **plan_args):
    return plan(
        section(*(measure(f"Мероприятие {i}", number=n) for i, n in enumerate(numbers))),
        **plan_args,
    )


def test_number_missing():
    [problem] = found(run(numbered(None, None, "1.4")), "number-gap")
    assert problem.args["missing"] == "1.3" and problem.severity == "warning"


def test_number_repeated():
    [problem] = found(run(numbered(None, None, None, "1.3")), "number-repeat")
    assert problem.severity == "error"


def test_numbers_in_mixed_style():
    [problem] = found(run(numbered(None, "1.2.", None)), "number-style")
    assert problem.args["numbers"] == "1.2."
    [problem] = found(run(numbered("1.1", "1.2.", "1.3.", trailing_dot=True)), "number-style")
    assert problem.args["numbers"] == "1.1"


def test_number_of_another_section():
    [problem] = found(run(numbered(None, "2.2")), "number-parent")
    assert "возможно, 1.2" in problem.message


def test_numbers_typed_right_are_not_reported():
    problems = run(numbered("1.1", "1.2", "1.3"))
    assert not codes(problems) & {"number-gap", "number-repeat", "number-style", "number-parent"}
    inserted = codes(run(numbered("1.1", "1.1.1", "1.2")))  # an insertion into an amended plan
    assert not inserted & {"number-gap", "number-repeat", "number-parent"}
    assert not codes(run(numbered(None, None, None)))  # computed numbers cannot go wrong


def test_unnumbered_section_with_numbers_of_a_numbered_one():
    p = plan(
        section(
            measure("А", number="1.1."),
            measure("Б", number="1.2."),
            numbered=False,
            title="Нормативное обеспечение",
        ),
        section(measure("В"), title="Система оценки"),
        measures="restart",
        trailing_dot=True,
    )
    [problem] = found(run(p), "number-parent")
    assert problem.args["number"] == "1.1., 1.2." and "Система оценки" in problem.message


def test_regulation_clause_numbers():
    r = m.Regulation(
        id="reg",
        title="Положение",
        chapters=(
            m.Chapter(
                "Общие положения",
                clauses=(
                    m.Clause(text("а"), pos=pos("reg.yaml")),
                    m.Clause(text("б"), number="1.3.", pos=pos("reg.yaml")),
                ),
                pos=pos("reg.yaml"),
            ),
        ),
        pos=Pos("reg.yaml", 1, 1),
    )
    assert found(run(r), "number-gap")


# --- text hygiene -----------------------------------------------------------------------


def hygiene(value, code, **measure_args):
    return found(run(plan(section(measure(value, **measure_args)))), code)


@pytest.mark.parametrize(
    "value, words",
    [
        (
            "Приказ администрации муниципального образования администрации муниципального образования «Город»",
            "администрации муниципального образования",
        ),
        ("Совещание по по вопросам качества", "по"),
    ],
)
def test_doubled_words(value, words):
    [problem] = hygiene(value, "words-doubled")
    assert problem.args["words"] == words


@pytest.mark.parametrize("value", ["ОО, ОО и ОО", "пункты 1 1", "Учитель года, учитель", "А. А. Иванов"])
def test_repetition_that_is_not_doubling(value):
    assert not hygiene(value, "words-doubled")


@pytest.mark.parametrize(
    "value",
    [
        ["Конкурсы:", m.Bullets(("«Учитель года»;", "«Воспитатель года;"))],
        "Проект «Школа",
        "Проект «Школа» и «Сад»»",
        'Проект "Школа',
    ],
)
def test_unbalanced_quotes(value):
    assert hygiene(value, "quotes-unbalanced")


@pytest.mark.parametrize(
    "value",
    [
        "Центр «Эгида» и центр «Магистр»",
        "Учреждение «Городской центр информатизации «Эгида», центр",
        "О внесении изменений в «План «Б»»",
        'Проект "Школа"',
    ],
)
def test_balanced_quotes(value):
    assert not hygiene(value, "quotes-unbalanced")


def test_unbalanced_brackets():
    assert hygiene("управления (федеральные стандарты), показатели);", "brackets-unbalanced")
    assert hygiene("в соответствии с Указом (далее – Указ", "brackets-unbalanced")
    assert not hygiene("ВПР, ИС(И)-11 (итоговое сочинение)", "brackets-unbalanced")
    assert not hygiene("Направления: 1) первое; 2) второе; а) третье", "brackets-unbalanced")


def test_empty_cells():
    [problem] = hygiene("Текст", "cell-empty", responsible=())
    assert problem.args["column"] == "Ответственные исполнители"
    assert hygiene("Текст", "cell-empty", deadline=None)
    assert hygiene("Текст", "cell-empty", deadline=" – ")


def test_group_rows_and_list_rows_may_leave_cells_empty():
    group = measure("Мониторинг:", deadline=None, responsible=(), children=[measure("ЕГЭ")])
    listed = [
        measure("Анализ результатов, в том числе"),
        measure("ЕГЭ", responsible=()),
        measure("ОГЭ", responsible=()),
        measure("Дальше"),
    ]
    assert not found(run(plan(section(group, *listed))), "cell-empty")


def test_spaces():
    assert hygiene("Текст с пробелом в конце ", "space-trailing")
    assert not hygiene("Текст без пробела", "space-trailing")
    p = plan(section(measure("Двойной  пробел"), measure("Ещё  один"), measure("Нормальный текст")))
    [problem] = found(run(p), "space-double")
    assert problem.args["count"] == 2


def test_latin_letters_in_russian_words():
    [problem] = hygiene("Oтдел образования", "latin-in-cyrillic")  # a Latin O
    assert "возможно, «Отдел»" in problem.message
    assert hygiene("Работа OO района", "latin-in-cyrillic")  # «ОО» typed in Latin
    for value in ("Исследование PISA и TIMSS", "IT-класс", "XXI век", "Сайт school.ru"):
        assert not hygiene(value, "latin-in-cyrillic"), value


@pytest.mark.parametrize(
    "value, correct",
    [
        ("В течении года", "В течение"),
        ("в течении учебного года", "в течение"),
        ("по окончанию учебного года", "по окончании"),
        ("согласно плана работы", "согласно плану"),
        ("Утвердить актуализованный план", "актуализированный"),
    ],
)
def test_stock_phrases_written_wrong(value, correct):
    [problem] = hygiene(value, "phrase-typo")
    assert problem.args["correct"] == correct


@pytest.mark.parametrize("value", ["В течение года", "в течении реки", "согласно плану", "по окончании года"])
def test_stock_phrases_written_right(value):
    assert not hygiene(value, "phrase-typo")


def test_abbreviation_glued_into_a_word():
    [problem] = hygiene("Мониторинг трудООстройства выпускников", "abbreviation-glued")
    assert problem.args["word"] == "трудООстройства"
    p = plan(section(measure("Участие дошкольных ООокруга в конкурсах"), measure("Школы округа")))
    [problem] = found(run(p), "abbreviation-glued")
    assert "«ОО округа»" in problem.message
    for value in ("Участие в ВсОШ", "МКУДПО ГЦОиЗ «Магистр»", "Поступление в ВУЗы", "Работа ЦТиВ"):
        assert not hygiene(value, "abbreviation-glued"), value


def test_period_after_a_title():
    p = plan(section(measure()), title="План мероприятий на 2019-2025 годы.")
    [problem] = found(run(p), "title-period")
    assert problem.pos.line == 1
    for title in (
        "План мероприятий на 2021–2024 гг.",
        "План мероприятий",
        "План по ОГЭ, ЕГЭ и т.д.",
    ):
        assert not found(run(plan(section(measure()), title=title)), "title-period"), title


def test_order_point_without_a_final_period():
    o = order(
        "Утвердить план.",
        "Контроль возложить на отдел образования (Ренкевич Л.М.)",
        annexes=["plan"],
    )
    [problem] = found(run(o, plan(section(measure()))), "point-unfinished")
    assert problem.pos == o.points[1].pos
    o = order("Утвердить план;", "Контроль оставляю за собой.", annexes=["plan"])
    assert not found(run(o, plan(section(measure()))), "point-unfinished")


def test_word_one_slip_from_a_common_word():
    p = plan(
        section(
            *(measure(f"Анализ мониторинговых исследований {w}") for w in ("А", "Б", "В")),
            measure("Система монторинговых исследований"),
        )
    )
    [problem] = found(run(p), "word-typo")
    assert (problem.args["word"], problem.args["suggestion"]) == ("монторинговых", "мониторинговых")


@pytest.mark.parametrize("rare", ["организаций", "асоциального", "поведении"])
def test_rare_forms_and_other_words_are_not_typos(rare):
    common = {
        "организаций": "организации",
        "асоциального": "социального",
        "поведении": "проведении",
    }[rare]
    p = plan(
        section(
            *(measure(f"Работа {common} номер {w}") for w in ("А", "Б", "В")),
            measure(f"Работа {rare}"),
            measure("Правила поведения"),
        )
    )
    assert not found(run(p), "word-typo")


# --- the bundled documents --------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled(departments):
    return check(list(departments.values()), today=TODAY)


def where(problems, code, folder):
    return [p for p in problems if p.code == code and f"/{folder}/" in f"/{p.pos.file}"]


@pytest.mark.parametrize(
    "folder, code, needle",
    [
        ("noglik", "unit-near-duplicate", "Одел образования"),
        ("noglik", "unit-near-duplicate", "Специалисты отдел образования"),
        ("noglik", "phrase-typo", "В течении"),
        ("noglik", "number-gap", "9.9"),
        ("noglik", "number-style", "1.6."),
        ("noglik", "words-doubled", "администрации муниципального образования"),
        ("noglik", "abbreviation-synonym", "ОУ"),
        ("noglik", "order-after-deadlines", "декабрь 2019"),
        ("noglik", "title-period", "годы."),
        ("noglik", "point-unfinished", "Ренкевич"),
        ("novosibirsk", "annex-header-mismatch", "ОМ-009"),
        ("novosibirsk", "number-repeat", "4"),
        ("novosibirsk", "number-gap", "пропущен 3"),
        ("novosibirsk", "abbreviation-synonym", "ОУ"),
        ("novosibirsk", "unit-near-duplicate", "ГЦРО"),
        ("pogranichny", "measure-duplicate", "Мероприятие 24 повторяет мероприятие 13"),
        ("pogranichny", "measure-near-duplicate", "Мероприятие 23"),
        ("pogranichny", "abbreviation-glued", "трудООстройства"),
        ("pogranichny", "abbreviation-glued", "ООокруга"),
        ("pogranichny", "unit-near-duplicate", "Отдел образовани"),
        ("pogranichny", "quotes-unbalanced", "Мероприятие 7"),
        ("taimyr", "organization-name-variant", "Долгано-Ненецкого района"),
        ("taimyr", "brackets-unbalanced", "Пункт 1.6"),
    ],
)
def test_transcribed_defects_are_found(bundled, folder, code, needle):
    assert any(needle in p.message for p in where(bundled, code, folder)), (folder, code, needle)


def test_bundled_findings_have_positions_and_messages(bundled):
    assert bundled
    for problem in bundled:
        assert problem.pos.file.endswith(".yaml") and problem.pos.line >= 1
        assert problem.message and "{" not in problem.message


def test_no_finding_on_what_the_seeds_do_right(bundled):
    messages = "\n".join(str(p) for p in bundled)
    assert "Моя профессия" not in messages  # a contest title, not a municipality
    assert "Руководитель РМО" not in messages  # singular and plural are two units
    assert not [p for p in bundled if p.code == "deadline-unclear"]


# --- a large plan: no false duplicates among similar wordings (speed is measured in bench/) ---


def test_a_thousand_similar_measures_are_not_duplicates():
    subjects = [
        "математике",
        "физике",
        "химии",
        "истории",
        "биологии",
        "географии",
        "литературе",
        "информатике",
        "русскому языку",
        "обществознанию",
    ]
    verbs = [
        "Проведение семинаров",
        "Организация консультаций",
        "Мониторинг результатов",
        "Анализ диагностических работ",
        "Подготовка методических рекомендаций",
    ]
    groups = ["учителей", "обучающихся 9 классов", "обучающихся 11 классов", "родителей"]
    sections = []
    for s in range(10):
        rows = [
            measure(
                f"{verbs[i % 5]} для {groups[i // 5 % 4]} по {subjects[i // 20 % 10]} "
                f"в рамках направления {s + 1}, этап {i}",
                "Ежегодно, сентябрь",
            )
            for i in range(100)
        ]
        sections.append(section(*rows, title=f"Раздел {s + 1}"))
    big = plan(*sections, period=(2021, 2024))
    problems = run(big)
    assert not codes(problems) & {"measure-duplicate", "measure-near-duplicate"}


# --- the command line -------------------------------------------------------------------


def clean_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "org"
    folder.mkdir()
    (folder / "organization.yaml").write_text(
        "format: 1\nkind: organization\nname: Отдел образования\n"
        "name_genitive: отдела образования\n"
        "letterhead: [Отдел образования]\nunits:\n  - name: Отдел образования\n",
        encoding="utf-8",
    )
    (folder / "plan.yaml").write_text(
        "format: 1\nkind: plan\nid: plan-1\ntitle: План мероприятий\n"
        'period: {from: "2021", to: "2022"}\n'
        "sections:\n  - title: Раздел\n    measures:\n"
        "      - text: Проведение совещания\n        deadline: Март 2021 г.\n"
        "        responsible: [Отдел образования]\n",
        encoding="utf-8",
    )
    return folder


def test_cli_on_the_bundled_content_exits_1_with_findings():
    result = prikaz("check", str(CONTENT))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert any(": ошибка: " in line and line.endswith("[annex-header-mismatch]") for line in lines)
    assert any(": предупреждение: " in line and "[unit-near-duplicate]" in line for line in lines)
    # one summary line per rule, with the count of its findings above
    summary = lines[lines.index("По правилам:") + 1 : -1]
    for line in summary:
        code, count = line.split()
        assert sum(f"[{code}]" in finding for finding in lines) == int(count)


def test_cli_json_output():
    result = prikaz("check", str(CONTENT), "--format", "json")
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)
    base = {"code", "severity", "file", "line", "column", "message"}
    assert findings and all(set(f) - {"details"} == base for f in findings)
    grouped = next(f for f in findings if f["code"] == "order-after-deadlines")
    assert len(grouped["details"]) >= 2 and f"позже {len(grouped['details'])} сроков" in grouped["message"]
    for detail in grouped["details"]:
        assert detail["file"].endswith("plan-msoko.yaml") and detail["line"] > 1
    assert {"error", "warning", "info"} == {f["severity"] for f in findings}
    header = next(f for f in findings if f["code"] == "annex-header-mismatch")
    assert header["file"].endswith("order-2020-0212.yaml") and header["line"] > 1 and header["column"] >= 1


def test_cli_on_clean_content_exits_0(tmp_path):
    folder = clean_folder(tmp_path)
    result = prikaz("check", str(folder))
    assert result.returncode == 0, result.stdout + result.stderr
    result = prikaz("check", str(folder), "--format", "json")
    assert result.returncode == 0 and json.loads(result.stdout) == []


def test_cli_warnings_only_exit_0(tmp_path):
    folder = clean_folder(tmp_path)
    plan_file = folder / "plan.yaml"
    plan_file.write_text(
        plan_file.read_text(encoding="utf-8").replace("Март 2021 г.", "Март 2025 г."),
        encoding="utf-8",
    )
    result = prikaz("check", str(folder), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert [f["code"] for f in json.loads(result.stdout)] == ["deadline-outside-period"]


def test_cli_unreadable_content_stays_exit_2(tmp_path):
    folder = clean_folder(tmp_path)
    (folder / "plan.yaml").write_text("format: 1\nkind: plan\nid: [\n", encoding="utf-8")
    result = prikaz("check", str(folder), "--format", "json")
    assert result.returncode == 2 and "[yaml-syntax]" in result.stderr
