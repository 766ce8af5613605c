"""How a date, an order's number, a citation of an order and a list of orders are printed.

The view's vocabulary for references to orders, and the one place that decides them: the
documents (view.py, the amending order's wording), the comparison table, the site, the
DOCX properties and check's messages all print «от 12.03.2020 № 415» through here. The
characters themselves (a non-breaking space after «№», the month's name) are
typography's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from . import model as m
from .typography import format_date, number_sign, typeset

NUMERIC = "numeric"  # «09.09.2020»: the date style of messages, properties and the site's columns


def date(value: dt.date, style: str = NUMERIC) -> str:
    """«09.09.2020» (numeric), «9 сентября 2020 г.» (long), «09 сентября 2020 г.» (long_zero)."""
    return format_date(value, style)


def number(order_number: str) -> str:
    """«№ 45», kept to its number by a non-breaking space."""
    return number_sign(order_number)


def cited(order: m.Order, style: str = NUMERIC) -> str:
    """«от 12.03.2020 № 415»: how a document refers to an order."""
    return f"от {date(order.date, style)} {number(order.number)}"


def cited_list(orders: Sequence[m.Order], style: str = NUMERIC) -> str:
    """«от … № …, от … № …», in the order given."""
    return ", ".join(cited(order, style) for order in orders)


def orders_word(count: int, case: str) -> str:
    """«приказа»/«приказов» (genitive), «приказом»/«приказами» (instrumental)."""
    singular, plural = {"genitive": ("приказа", "приказов"), "instrumental": ("приказом", "приказами")}[case]
    return singular if count == 1 else plural


def revisions(orders: Sequence[m.Order], style: str, edition_word: str = "в ред.") -> str:
    """«в ред. приказов от … № …, от … № …»: the orders an edition's text includes;
    empty when none. `edition_word`: «в ред.» under a header, «в редакции» in a sentence."""
    if not orders:
        return ""
    return f"{edition_word} {orders_word(len(orders), 'genitive')} {cited_list(orders, style)}"


def order_act(org: m.Organization, order: m.Order, style: str, word: str = "приказ") -> str:
    """«приказ управления … от … № … «Об утверждении …»»: an order named in full
    (`word`: «приказ», or «приказом» after «утвержденный»)."""
    return f"{word} {typeset(org.name_genitive)} {cited(order, style)} {quoted(order.title)}"


def quoted(text: str) -> str:
    """A title quoted in «ёлочки», typeset."""
    return f"«{typeset(text)}»"


def order_subject(order: m.Order) -> str:
    """«Приказ от 12.03.2020 № 415» with plain spaces: a file's subject property."""
    return f"Приказ от {order.date:%d.%m.%Y} № {order.number}"
