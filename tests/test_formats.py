"""References to orders as the documents, the site and the messages print them: literal
expected strings (`NBSP` spelled out: a no-break space is the point of several rules)."""

from __future__ import annotations

import datetime as dt

import pytest

from generator import formats
from generator import model as m
from generator.typography import NBSP


def order(date: dt.date, number: str, title: str = "Об утверждении плана") -> m.Order:
    return m.Order(id=f"order-{number}", date=date, number=number, title=title, points=(), signatory="head")


FIRST = order(dt.date(2024, 3, 12), "45")
SECOND = order(dt.date(2020, 9, 9), " 0212-09 а ")
ORG = m.Organization(name="Управление образования", name_genitive="управления образования", letterhead=())


@pytest.mark.parametrize(
    "style, expected",
    [
        ("numeric", f"от 12.03.2024 №{NBSP}45"),
        ("long", f"от 12{NBSP}марта 2024{NBSP}г. №{NBSP}45"),
        ("long_zero", f"от 12{NBSP}марта 2024{NBSP}г. №{NBSP}45"),
    ],
)
def test_citation_of_an_order(style, expected):
    assert formats.cited(FIRST, style) == expected


def test_the_numeric_date_is_the_default_of_messages_and_the_site():
    assert formats.cited(SECOND) == f"от 09.09.2020 №{NBSP}0212-09 а"
    assert formats.date(SECOND.date) == "09.09.2020"


@pytest.mark.parametrize(
    "orders, genitive, instrumental, listed",
    [
        ([FIRST], "приказа", "приказом", f"от 12.03.2024 №{NBSP}45"),
        ([FIRST, SECOND], "приказов", "приказами", f"от 12.03.2024 №{NBSP}45, от 09.09.2020 №{NBSP}0212-09 а"),
    ],
)
def test_a_list_of_orders_keeps_its_order_and_agrees_in_number(orders, genitive, instrumental, listed):
    assert formats.orders_word(len(orders), "genitive") == genitive
    assert formats.orders_word(len(orders), "instrumental") == instrumental
    assert formats.cited_list(orders, "numeric") == listed
    assert formats.revisions(orders, "numeric") == f"в ред. {genitive} {listed}"
    assert formats.revisions(orders, "numeric", "в редакции") == f"в редакции {genitive} {listed}"


def test_no_orders_no_revision_mark():
    assert formats.revisions([], "long") == ""


def test_an_order_named_in_full_quotes_its_typeset_title():
    named = order(dt.date(2020, 5, 1), "15", 'Об утверждении "дорожной карты"')
    assert formats.order_act(ORG, named, "long") == (
        f"приказ управления образования от 1{NBSP}мая 2020{NBSP}г. №{NBSP}15 «Об утверждении «дорожной карты»»"
    )
    assert formats.order_act(ORG, named, "numeric", "приказом").startswith("приказом управления образования от 01.05")


def test_the_subject_property_has_plain_spaces():
    assert formats.order_subject(FIRST) == "Приказ от 12.03.2024 № 45"
