"""`prikaz check` on what it has not been written on: definitions in every common form, one
finding per cause, spelling from the hunspell dictionary, case agreement, and a plan of
another municipality (tests/unseen/) whose traps look wrong but are right."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from check_factories import found, measure, order, organization, plan, prikaz, run, section
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.check import check
from generator.load import load
from generator.rules.grammar import disagreement
from generator.rules.hygiene import bracket_balance
from generator.rules.spelling import available, correction

UNSEEN = Path(__file__).parent / "unseen"
TODAY = dt.date(2025, 6, 1)


def findings(*values, **kw):
    return run(plan(section(*(measure(v) for v in values))), **kw)


# --- definitions ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "Подключение к автоматизированной информационной системе (далее – АИС, система); работа в АИС",
        "Сетевое взаимодействие с центрами (далее - ЦОС и ЦНППМ); ресурсы ЦОС и ЦНППМ",
        "Внутренняя система оценки качества (далее ВСОКО); положение о ВСОКО",
        "Школьные методические объединения (далее по тексту – ШМО); работа ШМО",
        "Школьные методические объединения (далее: ШМО); работа ШМО",
        "ПЛАН МЕРОПРИЯТИЙ по подготовке ПОЛОЖЕНИЯ о конкурсе",
    ],
)
def test_definitions_in_every_common_form(value):
    problems = findings(value)
    assert not found(problems, "abbreviation-undefined")
    assert not found(problems, "abbreviation-defined-late")


def test_a_definition_after_the_first_use_is_reported_once():
    problems = findings("Работа ШМО по плану", "Заседания ШМО", "Школьные методические объединения (далее – ШМО)")
    [late] = found(problems, "abbreviation-defined-late")
    assert late.args["abbreviation"] == "ШМО" and late.args["first"] == "мероприятие 1.1"
    assert not found(problems, "abbreviation-undefined")


def test_an_abbreviation_defined_by_itself():
    [problem] = found(findings("Развитие ВСОКО (далее ВСОКО)"), "abbreviation-defined-by-itself")
    assert problem.args["abbreviation"] == "ВСОКО"


def test_a_mixed_case_variant_of_a_known_abbreviation_is_a_typo():
    problems = findings("Анализ результатов ФГОс и ВПр")
    assert {(p.args["abbreviation"], p.args["correct"]) for p in found(problems, "abbreviation-case")} == {
        ("ФГОс", "ФГОС"),
        ("ВПр", "ВПР"),
    }


def test_regional_bodies_from_the_organization_list():
    org = organization()
    listed = organization()
    object.__setattr__(listed, "abbreviations", ("ИРО ПК", "ЦОКО"))
    value = "Методика ИРО ПК, отчёт в ЦОКО"
    assert {p.args["abbreviation"] for p in found(findings(value, org=org), "abbreviation-undefined")} == {
        "ИРО",
        "ПК",
        "ЦОКО",
    }
    assert not found(findings(value, org=listed), "abbreviation-undefined")


def test_an_undefined_abbreviation_in_two_documents_is_one_finding():
    p1 = plan(section(measure("Работа ГМО")), id="p1")
    p2 = plan(section(measure("Работа ГМО и ГМО")), id="p2")
    [problem] = found(run(p1, p2), "abbreviation-undefined")
    assert problem.args["count"] == 3 and len(problem.args["details"]) == 1


# --- brackets ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Форма отчёта (приложение № 2)",
        "Формы (приложения № 1 и 2)",
        "Этапы: 1) подготовка; 2) проведение (в том числе онлайн); 3) анализ",
        "а) сбор; б) анализ (по форме № 3)",
    ],
)
def test_brackets_closed_by_a_number_are_balanced(text):
    assert bracket_balance(text) is None


_words = st.sampled_from(["отчёт", "форма № 2", "анализ", "приложение № 3", "пункт 5 и 6"])
_bracketed = st.recursive(
    _words,
    lambda inner: st.lists(inner, min_size=1, max_size=3).map(lambda xs: "(" + " ".join(xs) + ")"),
    max_leaves=6,
)


@given(
    st.lists(
        st.tuples(st.sampled_from(["", "1) ", "2) ", "а) "]), _words, st.one_of(st.just(""), _bracketed)),
        min_size=1,
        max_size=4,
    )
)
@settings(max_examples=200, deadline=None)
def test_paired_brackets_with_numbers_and_list_markers(items):
    """List markers at the start of items and numbers before a closing bracket never make
    paired brackets unbalanced; dropping one opening bracket always does."""
    text = "; ".join(f"{marker}{word} {extra}".strip() for marker, word, extra in items)
    assert bracket_balance(text) is None, text
    if "(" in text:
        at = text.rindex("(")
        assert bracket_balance(text[:at] + text[at + 1 :]) is not None, text


def test_unbalanced_brackets_are_still_found():
    assert bracket_balance("Отчёт (по форме № 2") is not None
    assert bracket_balance("Отчёт по форме) и анализ") is not None


# --- one finding per cause --------------------------------------------------------------


def test_an_order_dated_after_many_deadlines_is_one_finding():
    rows = [
        measure(f"Мероприятие номер {i}", f"{month} 2021")
        for i, month in enumerate(("Январь", "Февраль", "Март", "Апрель", "Май", "Июнь"))
    ]
    p = plan(section(*rows), period=(2021, 2022))
    problems = run(order("Утвердить план.", annexes=["plan"], date=dt.date(2021, 9, 1)), p)
    assert not found(problems, "deadline-before-order")
    [grouped] = found(problems, "order-after-deadlines")
    assert grouped.args["count"] == 6 and grouped.args["earliest"] == "Январь 2021"
    assert [d["line"] for d in grouped.args["details"]] == [r.pos.line for r in rows]
    assert "позже 6 сроков" in grouped.message


# --- spelling ---------------------------------------------------------------------------

needs_dictionary = pytest.mark.skipif(not available(), reason="hunspell-ru через enchant не установлен")


@needs_dictionary
@pytest.mark.parametrize(
    "typed, correct",
    [("пдагогов", "педагогов"), ("провдение", "проведение"), ("сенятбрь", "сентябрь"), ("мероприятй", "мероприятий")],
)
def test_a_word_one_slip_from_a_dictionary_word(typed, correct):
    assert correction(typed) == correct
    [problem] = found(findings(f"Организация работы {typed} в районе"), "word-misspelt")
    assert problem.args["word"] == typed


@needs_dictionary
@pytest.mark.parametrize(
    "value",
    [
        "Отчёт о самообследовании и цифровизации",  # terms no dictionary lists
        "Формирование метапредметных результатов",
        "Опыт МАОУ «СОШ № 10» г. Кунгура, учитель Пермякова",  # names
        "Работа с неуспевающими и практико-ориентированные задания",
        "Участие в конкурсе «Учитель года» в Ногликах",
    ],
)
def test_terms_and_names_are_not_misspelt(value):
    assert not found(findings(value), "word-misspelt")


@needs_dictionary
def test_a_word_the_document_uses_twice_is_its_own():
    assert not found(findings("Работа грантополучателей", "Отчёт грантополучателей"), "word-misspelt")


# --- case agreement ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, pair",
    [
        ("Курсы для педагогов, прошедшие аттестацию", ("педагогов", "прошедшие")),
        ("Работа с педагогами, имеющие низкие результаты", ("педагогами", "имеющие")),
        ("Помощь в школах, функционирующим в сложных условиях", ("школах", "функционирующим")),
    ],
)
def test_a_participle_disagreeing_with_the_governed_noun(text, pair):
    assert disagreement(text) == pair


@pytest.mark.parametrize(
    "text",
    [
        "Курсы для педагогов, прошедших аттестацию",
        "Переход на индивидуальный подход в обучении, основанный на дифференциации",
        "Положение распространяется на организации, реализующие программы",
        "Руководители организаций, прошедшие курсы",
        "Семинар для учителей, работающих в 5 классах",
    ],
)
def test_agreeing_participles_are_not_reported(text):
    assert disagreement(text) is None


# --- a plan of another municipality -----------------------------------------------------


@pytest.fixture(scope="module")
def unseen():
    return check(load([str(UNSEEN / "kungur")]), today=TODAY)


def test_no_false_alarm_on_the_unseen_plan(unseen):
    assert [str(p) for p in unseen if p.severity != "info"] == []
    # «август 2023» in a plan approved on 28 August 2023 is right, and said as information
    [info] = [p for p in unseen if p.severity == "info"]
    assert info.code == "deadline-in-signing-month" and info.args["first"] == "1.2"


@needs_dictionary
def test_defects_injected_into_the_unseen_plan_are_found(tmp_path):
    folder = tmp_path / "kungur"
    shutil.copytree(UNSEEN / "kungur", folder)
    path = folder / "plan-vsoko.yaml"
    text = path.read_text(encoding="utf-8")
    for typed, wrong in (
        ("для педагогов, прошедших", "для педагогов, прошедшие"),
        ("Консультации для учителей", "Консультации для учитлей"),
        ("(далее – ВПР)", "(далее – ВПР) (далее – ВПР"),
        ("по организации ВСОКО", "по организации ВСОКо"),
    ):
        assert typed in text
        text = text.replace(typed, wrong, 1)
    path.write_text(text, encoding="utf-8")
    problems = check(load([str(folder)]), today=TODAY)
    assert {p.code for p in problems if p.severity != "info"} == {
        "case-disagreement",
        "word-misspelt",
        "brackets-unbalanced",
        "abbreviation-case",
    }


def test_cli_summary_on_the_unseen_plan():
    result = prikaz("check", str(UNSEEN / "kungur"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Ошибок: 0, предупреждений: 0, к сведению: 1" in result.stdout
    assert "deadline-in-signing-month  1" in result.stdout


# --- references between an order and its annexes ----------------------------------------


def test_a_reference_to_an_annex_the_order_does_not_have():
    p = plan(section(measure()), title="План мероприятий на 2021 год")
    o = order(
        "Утвердить план мероприятий на 2021 год (приложение № 1).",
        "Форму отчёта (приложение № 2) направить в ОО.",
        "Заполнить таблицу (приложение № 3 к письму министерства).",
        annexes=["plan"],
    )
    [problem] = found(run(o, p), "annex-reference-missing")
    assert problem.args["number"] == 2 and problem.pos == o.points[1].pos


def test_years_cited_in_the_approving_point_against_the_title():
    p = plan(section(measure("Первое", "Март 2021")), title="План мероприятий на 2021-2022 годы")
    wrong = order("Утвердить план мероприятий на 2020-2022 годы.", annexes=["plan"])
    right = order("Утвердить план мероприятий на 2021-2022 годы.", annexes=["plan"])
    [problem] = found(run(wrong, p), "annex-title-years")
    assert (problem.args["cited"], problem.args["own"]) == ("2020–2022", "2021–2022")
    assert not found(run(right, p), "annex-title-years")


def test_deadlines_in_the_month_of_signing_are_one_information():
    p = plan(
        section(
            measure("Первое", "Март 2021"), measure("Второе", "до 20 марта 2021 г."), measure("Третье", "Апрель 2021")
        ),
        period=(2021, 2021),
    )
    problems = run(order("Утвердить план.", annexes=["plan"], date=dt.date(2021, 3, 1)), p)
    [info] = found(problems, "deadline-in-signing-month")
    assert info.severity == "info" and info.args["count"] == 2 and len(info.args["details"]) == 2
