"""What the site says about editions agrees with the files it links (no LibreOffice needed)."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import CONTENT

from generator import site
from generator.load import load


def _novosibirsk(illustrative: bool):
    """The bundled amended plan, its second edition taken as real or as an example."""
    dep = load([str(CONTENT / "novosibirsk")])[0]
    docs = tuple(
        dataclasses.replace(d, edition=dataclasses.replace(d.edition, illustrative=illustrative))
        if getattr(getattr(d, "edition", None), "follows", None)
        else d
        for d in dep.documents
    )
    return dataclasses.replace(dep, documents=docs)


def _rows(dep):
    [org] = site.index_rows([dep], {})
    return {r.number.replace("\u00a0", " "): r for r in org.rows}


def test_a_real_amendment_is_current_and_the_original_order_says_its_text_is_original():
    dep = _novosibirsk(illustrative=False)
    rows = _rows(dep)
    order, work = rows["№ 0212-09 а"], rows["к приказу № 0212-09 а"]
    assert order.note.replace("\u00a0", " ") == (
        "текст в первоначальной редакции; изменения внесены приказом от 15.04.2020 № 0415-09"
    )
    assert "в ред." not in order.note
    assert work.note.replace("\u00a0", " ") == "в ред. приказа от 15.04.2020 № 0415-09"
    page = site.work_page(dep, site.works(dep)[0], {})
    assert [(e.label, e.current) for e in page.editions] == [
        ("Редакция 1: первоначальная", False),
        ("Редакция 2: с изменениями", True),
    ]


def test_an_illustrative_edition_is_never_the_current_one():
    dep = _novosibirsk(illustrative=True)
    rows = _rows(dep)
    assert rows["№ 0212-09 а"].note == "" and rows["к приказу № 0212-09 а"].note == ""
    assert rows["№ 0415-09"].note == "пример, не действующий документ"
    page = site.work_page(dep, site.works(dep)[0], {})
    assert [(e.label, e.current) for e in page.editions] == [
        ("Редакция 1: первоначальная", True),
        ("Редакция 2: с изменениями (пример, не действующий документ)", False),
    ]


@pytest.mark.parametrize("illustrative", [False, True])
def test_no_edition_is_both_an_example_and_current(illustrative):
    dep = _novosibirsk(illustrative)
    for work in site.works(dep):
        page = site.work_page(dep, work, {})
        assert not any(e.current and "пример" in e.label for e in page.editions)
        assert sum(e.current for e in page.editions) == 1
