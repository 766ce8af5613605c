"""One edition history per department: build, check, the site and amend ask it, so a
publication composes each amending order once, and every place says the same orders."""

from __future__ import annotations

import dataclasses
import gc
from collections import Counter

import pytest
from conftest import CONTENT, docx_paragraphs, normalize
from edition_pairs import organization_copy, second_edition

from generator import model as m
from generator import site
from generator.amend import order as amending
from generator.check import check
from generator.history import _histories, history
from generator.load import load, organization_folders
from generator.publish import publish

INSERTED_ROW = (
    """        deadline: "2 квартал 2020"
""",
    """        deadline: "2 квартал 2020"
        responsible:
          - "Отдел образования"
      - text: "Новое мероприятие по оценке."
        deadline: "3 квартал 2021"
""",
)


@pytest.fixture
def compositions(monkeypatch) -> Counter:
    """How many times each amending order is composed (by order id; None: a bare pair)."""
    counted: Counter = Counter()
    real = amending.compose_for

    def compose_for(dep, old, new, form="auto", order_id=None, **settings):
        counted[order_id] += 1
        return real(dep, old, new, form, order_id, **settings)

    monkeypatch.setattr(amending, "compose_for", compose_for)
    return counted


def _amending_orders(departments) -> list[str]:
    return [d.id for dep in departments for d in dep.documents if isinstance(d, m.Order) and d.amendment]


def _publish(departments, site_dir) -> None:
    """What `prikaz publish` does: check first, then the site (no LibreOffice: no PDF)."""
    check(departments)
    publish(departments, str(site_dir), lambda files: [])


def test_publishing_the_bundled_content_composes_each_amending_order_once(tmp_path, compositions):
    departments = load(organization_folders([str(CONTENT)]))
    orders = _amending_orders(departments)
    assert orders  # the bundled content has an amended plan
    _publish(departments, tmp_path / "site")
    assert compositions == Counter({order: 1 for order in orders})
    assert (tmp_path / "site" / "index.html").is_file()


def _two_amendments(tmp_path):
    """noglik's plan amended twice: order № 15 brings in ed2, order № 31 ed3."""
    folder = organization_copy(tmp_path, "noglik")
    second_edition(folder, "plan-msoko", "plan-msoko-ed2", [INSERTED_ROW])
    second_edition(
        folder,
        "plan-msoko-ed2",
        "plan-msoko-ed3",
        [('"Новое мероприятие по оценке."', '"Новое мероприятие по оценке и анализу."')],
        follows="plan-msoko-ed2",
    )
    for order_id, number, date, old, new in (
        ("order-2021-1", "15", "2021-03-01", "plan-msoko", "plan-msoko-ed2"),
        ("order-2021-2", "31", "2021-09-01", "plan-msoko-ed2", "plan-msoko-ed3"),
    ):
        (folder / f"{order_id}.yaml").write_text(
            f'format: 1\nkind: order\nid: {order_id}\ndate: {date}\nnumber: "{number}"\n'
            f"amendment: {{old: {old}, new: {new}}}\npreamble: В целях актуализации\n"
            "points:\n  - Контроль оставляю за собой.\nsignatory: renkevich\n",
            encoding="utf-8",
        )
    return load([str(folder)])[0]


def test_a_line_amended_twice_is_told_alike_by_the_history_the_documents_and_the_site(tmp_path, compositions):
    dep = _two_amendments(tmp_path)
    _publish([dep], tmp_path / "site")
    assert compositions == Counter({"order-2021-1": 1, "order-2021-2": 1})

    editions = history(dep)
    third = dep.document("plan-msoko-ed3")
    assert editions.base(third).id == "plan-msoko"
    assert [o.number for o in editions.amended_by(third)] == ["15", "31"]
    assert editions.approving_order("plan-msoko").id == "order-2020-427"
    assert editions.amending_order("plan-msoko-ed3").id == "order-2021-2"
    assert editions.current(editions.work_of("plan-msoko")) is third
    inserted = [n for n in editions.numbers(third).values() if n and n.rstrip(".") == "1.3.1"]
    assert len(inserted) == 1  # the row the first amendment inserted keeps its number in ed3

    cited = "в ред. приказов от 1 марта 2021 г. № 15, от 1 сентября 2021 г. № 31"  # noglik dates in words
    [organization] = site.index_rows([dep], {})
    work = next(row for row in organization.rows if row.page)
    assert normalize(work.note) == normalize(cited)
    annex = docx_paragraphs(tmp_path / "site" / "noglik" / "plan-msoko-ed3.docx")
    revisions = [normalize(p) for p in annex if "в ред." in p]
    assert revisions == [f"({normalize(cited)})"]
    second = [normalize(p) for p in docx_paragraphs(tmp_path / "site" / "noglik" / "order-2021-2.docx")]
    assert any(
        p.startswith("О внесении") and p.endswith("(в редакции приказа от 1 марта 2021 г. № 15)") for p in second
    )


def test_each_department_object_has_its_own_history_and_lets_it_go(tmp_path):
    dep = _two_amendments(tmp_path)
    first = history(dep)
    assert history(dep) is first
    changed = dataclasses.replace(dep, documents=tuple(d for d in dep.documents if d.id != "order-2021-2"))
    assert history(changed) is not first
    assert history(changed).amending_order("plan-msoko-ed3") is None
    assert first.amending_order("plan-msoko-ed3").id == "order-2021-2"
    key = id(changed)
    del changed
    gc.collect()
    assert key not in _histories


def test_an_edition_made_in_memory_is_computed_not_kept(tmp_path):
    dep = _two_amendments(tmp_path)
    editions = history(dep)
    third = dep.document("plan-msoko-ed3")
    copy = dataclasses.replace(third, title=third.title + " (черновик)")
    assert editions.numbers(copy) == editions.numbers(third)
    assert editions.numbers(third) is editions.numbers(third)  # the department's own edition: kept
    assert editions.frozen(copy).title.endswith("(черновик)")
