"""The typesetter against literal strings: what a reader of the printed document sees.

`NBSP` is spelled out in every expectation: a no-break space is the point of most rules here.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.typography import NBSP, format_date, number_sign, typeset

SEPTEMBER_9 = dt.date(2020, 9, 9)


# --- dates and citations --------------------------------------------------------------------


@pytest.mark.parametrize(
    "style, expected",
    [
        ("numeric", "09.09.2020"),
        ("long", f"9{NBSP}сентября 2020{NBSP}г."),
        ("long_zero", f"09{NBSP}сентября 2020{NBSP}г."),
    ],
)
def test_date_styles(style, expected):
    assert format_date(SEPTEMBER_9, style) == expected


@pytest.mark.parametrize(
    "date, expected",
    [
        (dt.date(2020, 5, 1), f"1{NBSP}мая 2020{NBSP}г."),
        (dt.date(2024, 3, 12), f"12{NBSP}марта 2024{NBSP}г."),
        (dt.date(2021, 12, 31), f"31{NBSP}декабря 2021{NBSP}г."),
    ],
)
def test_long_dates_put_the_month_in_the_genitive(date, expected):
    assert format_date(date, "long") == expected


@pytest.mark.parametrize(
    "number, expected",
    [
        ("5", f"№{NBSP}5"),
        (" 0212-09 а ", f"№{NBSP}0212-09 а"),
        ("ОМ-009", f"№{NBSP}ОМ-009"),
    ],
)
def test_number_sign_is_glued_to_the_number(number, expected):
    assert number_sign(number) == expected


# --- typeset: quotes ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, expected",
    [
        ('приказ "Об утверждении плана"', "приказ «Об утверждении плана»"),
        ('"Эгида"', "«Эгида»"),
        ('(в ред. "новой")', "(в ред. «новой»)"),
        ('план ("дорожная карта")', "план («дорожная карта»)"),
        ('слова "а"/"б"', "слова «а»/«б»"),
        ("«уже ёлочки»", "«уже ёлочки»"),
    ],
)
def test_straight_quotes_become_yolochki(typed, expected):
    assert typeset(typed) == expected


def test_nested_quotes_are_yolochki_inside_yolochki():
    # Today's rule: the inner pair is «ёлочки» too (as in «МКУДПО ГЦИ «Эгида»»), not „лапки“.
    assert typeset('"МКУДПО ГЦИ "Эгида""') == "«МКУДПО ГЦИ «Эгида»»"
    assert typeset('слова "ООО "Ромашка" и партнёры"') == "слова «ООО «Ромашка» и партнёры»"


# --- typeset: no-break spaces ---------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("Л.М. Ренкевич", f"Л.М.{NBSP}Ренкевич"),
        ("Р. М. Ахметгареев", f"Р.{NBSP}М.{NBSP}Ахметгареев"),
        ("Ренкевич Л.М.", f"Ренкевич{NBSP}Л.М."),
        ("Прасолова О. А.", f"Прасолова{NBSP}О.{NBSP}А."),
        ("Иванов И.И., Петров П.П.", f"Иванов{NBSP}И.И., Петров{NBSP}П.П."),
    ],
)
def test_initials_do_not_part_from_the_surname(typed, expected):
    assert typeset(typed) == expected


def test_initials_between_a_lowercase_word_and_a_surname_bind_to_both():
    # Both rules match: the word before is glued too. Harmless after a preposition («с»), but
    # «согласовать Л.М. Ренкевич» becomes one unbreakable chunk (reported in issue 18's note).
    assert typeset("согласовать с Л.М. Ренкевич") == f"согласовать с{NBSP}Л.М.{NBSP}Ренкевич"


@pytest.mark.parametrize("typed", ["Т.е. Иванов", "ИП И.И.", "A.B. Smith", "см. п. 5"])
def test_what_only_looks_like_initials_is_left_alone(typed):
    assert typeset(typed) == typed


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("№5", f"№{NBSP}5"),
        ("№ 5", f"№{NBSP}5"),
        ("№   0415-09", f"№{NBSP}0415-09"),
        ("приказ № 427 от", f"приказ №{NBSP}427 от"),
    ],
)
def test_number_sign(typed, expected):
    assert typeset(typed) == expected


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("в 2020 г.", f"в 2020{NBSP}г."),
        ("на 2021 - 2023 гг.", f"на 2021–2023{NBSP}гг."),  # a spaced range: one en dash, no spaces
        ("на 2020-2024 гг.", f"на 2020–2024{NBSP}гг."),  # a year range takes an en dash
        ("город Новосибирск г.", "город Новосибирск г."),  # «г.» after a word is not a year
    ],
)
def test_year_abbreviation_stays_with_the_year(typed, expected):
    assert typeset(typed) == expected


# --- typeset: dashes ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("слово - слово", f"слово{NBSP}– слово"),
        ("мониторинг - это процесс", f"мониторинг{NBSP}– это процесс"),
        ("психолого-педагогический", "психолого-педагогический"),
        ("Апрель-май 2020", "Апрель-май 2020"),
        ("- пункт списка", "- пункт списка"),
    ],
)
def test_a_spaced_hyphen_in_prose_is_a_dash_glued_to_the_word_before(typed, expected):
    assert typeset(typed) == expected


def test_everything_at_once():
    typed = 'Приказ № 5 "О плане на 2020 г." - исполнитель Ренкевич Л.М.'
    assert typeset(typed) == (f"Приказ №{NBSP}5 «О плане на 2020{NBSP}г.»{NBSP}– исполнитель Ренкевич{NBSP}Л.М.")


# --- properties -----------------------------------------------------------------------------

_TYPED = st.text(alphabet=st.sampled_from(list('абвгАБВЛМРг.№ -"«»()0123456789')), max_size=60)


@given(_TYPED)
def test_typesetting_is_idempotent(text):
    assert typeset(typeset(text)) == typeset(text)


@given(_TYPED)
def test_typesetting_changes_only_quotes_spaces_and_dashes(text):
    """Letters and digits are never added, dropped or reordered."""

    def kept(s: str) -> str:
        return "".join(c for c in s if c.isalnum() or c in ".№()")

    assert kept(typeset(text)) == kept(text)
    assert '"' not in typeset(text)


def test_a_line_break_after_the_number_sign_is_kept():
    assert typeset("№\n5") == "№\n5"
    assert typeset("№ \n5") == "№ \n5"
    assert typeset("приказ №  5") == "приказ №\u00a05"
    assert typeset("№5") == "№\u00a05"
