"""One edition history per department: build, check, the site and amend ask it, so a
publication composes each amending order once, diffs, numbers and prints each pair of
editions once, and every place says the same orders."""

from __future__ import annotations

import dataclasses
import gc
import sys
from collections import Counter

import pytest
from conftest import CONTENT, docx_paragraphs, normalize
from edition_pairs import amending_order, organization_copy, second_edition

from generator import diff as diffs
from generator import editions as edition_numbers
from generator import model as m
from generator import printed as printing
from generator import site
from generator.amend import order as amending
from generator.check import check
from generator.history import History, _histories, history, with_document
from generator.load import load, organization_folders
from generator.publish import publish
from generator.usecases.amendment import amend, write_amendment

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


@pytest.fixture
def edition_work(monkeypatch) -> Counter:
    """How many times each pair of editions is compared (diff.diff), each edition printed
    with one set of numbers (printed.printed) and each edition's numbers carried from the
    edition it amends (editions.carry_numbers); every module's name for them counts."""
    counted: Counter = Counter()
    keys = {
        (diffs, "diff"): lambda old, new: ("diff", old.id, new.id),
        (printing, "printed"): lambda doc, numbers: ("printed", doc.id, frozenset(numbers.items())),
        (edition_numbers, "carry_numbers"): lambda old_numbers, changes, new: ("carried", new.id),
    }
    for (home, name), key in keys.items():
        real = getattr(home, name)

        def counting(*args, real=real, key=key):
            counted[key(*args)] += 1
            return real(*args)

        for module in list(sys.modules.values()):
            if getattr(module, "__name__", "").startswith("generator") and getattr(module, name, None) is real:
                monkeypatch.setattr(module, name, counting)
    return counted


def _once(counted: Counter, *expected: tuple) -> None:
    """Nothing done twice, and at least the expected work done (the counter counts for real)."""
    assert [work for work, times in counted.items() if times > 1] == []
    done = {work[:2] if work[0] == "printed" else work for work in counted}
    assert set(expected) <= done, (expected, done)


def _amending_orders(departments) -> list[str]:
    return [d.id for dep in departments for d in dep.documents if isinstance(d, m.Order) and d.amendment]


def _publish(departments, site_dir) -> None:
    """What `prikaz publish` does: check first, then the site (no LibreOffice: no PDF)."""
    check(departments)
    publish(departments, str(site_dir), lambda files: [])


def test_publishing_the_bundled_content_composes_each_amending_order_once(tmp_path, compositions, edition_work):
    departments = load(organization_folders([str(CONTENT)]))
    orders = _amending_orders(departments)
    assert orders  # the bundled content has an amended plan
    _publish(departments, tmp_path / "site")
    assert compositions == Counter({order: 1 for order in orders})
    pairs = [d.amendment for dep in departments for d in dep.documents if isinstance(d, m.Order) and d.amendment]
    _once(edition_work, *(("diff", a.old, a.new) for a in pairs), *(("carried", a.new) for a in pairs))
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


def test_a_line_amended_twice_is_told_alike_by_the_history_the_documents_and_the_site(
    tmp_path, compositions, edition_work
):
    dep = _two_amendments(tmp_path)
    _publish([dep], tmp_path / "site")
    assert compositions == Counter({"order-2021-1": 1, "order-2021-2": 1})
    _once(
        edition_work,
        ("diff", "plan-msoko", "plan-msoko-ed2"),
        ("diff", "plan-msoko-ed2", "plan-msoko-ed3"),
        ("carried", "plan-msoko-ed3"),
        ("printed", "plan-msoko-ed2"),  # the new edition of one order and the old of the next: once
    )

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


# --- `prikaz amend` and `import --edition-of --order`: the order swapped in, the history kept ---


def _amended_copy(tmp_path):
    """noglik's plan with a second edition (a row inserted, a text rewritten) and no order
    for it yet; the order's file outside the organization's folder, as `amend` gets it."""
    folder = organization_copy(tmp_path, "noglik")
    second_edition(
        folder,
        "plan-msoko",
        "plan-msoko-ed2",
        [INSERTED_ROW, ('"Новое мероприятие по оценке."', '"Новое мероприятие по оценке и анализу."')],
    )
    return folder, amending_order(tmp_path, "order-2021-7", "7", signatory="renkevich")


def test_amending_an_edition_diffs_numbers_and_prints_it_once(tmp_path, compositions, edition_work):
    folder, order = _amended_copy(tmp_path)
    written = amend(
        str(folder / "plan-msoko.yaml"), str(folder / "plan-msoko-ed2.yaml"), str(order), "changes", str(tmp_path)
    )
    assert written.unproved == () and written.composition.items  # worded, proved and rendered
    assert compositions == Counter({"order-2021-7": 1})
    _once(
        edition_work,
        ("diff", "plan-msoko", "plan-msoko-ed2"),
        ("carried", "plan-msoko-ed2"),
        ("printed", "plan-msoko"),
        ("printed", "plan-msoko-ed2"),
    )


def test_amending_the_bundled_amended_plan_again_diffs_numbers_and_prints_it_once(tmp_path, edition_work):
    """The order's file names an order the folder holds already: it takes that one's place."""
    [dep] = load([str(CONTENT / "novosibirsk")])
    [(old, new, order)] = [
        (d.amendment.old, d.amendment.new, d) for d in dep.documents if isinstance(d, m.Order) and d.amendment
    ]
    folder = CONTENT / "novosibirsk"
    written = amend(str(folder / f"{old}.yaml"), str(folder / f"{new}.yaml"), order.pos.file, "auto", str(tmp_path))
    assert written.composition.items
    _once(edition_work, ("diff", old, new), ("carried", new), ("printed", old), ("printed", new))


def test_an_order_written_after_the_changes_were_worded_reuses_the_wording_s_work(tmp_path, edition_work):
    """`import --edition-of --order`: the changes are worded for the report, then the order is
    swapped into the department and written; its history starts from what was known."""
    folder, order = _amended_copy(tmp_path)
    [dep] = load([str(folder)])
    old, new = dep.document("plan-msoko"), dep.document("plan-msoko-ed2")
    reported = amending.compose_for(dep, old, new, form="changes")
    written = write_amendment(dep, old, new, str(order), "auto", str(tmp_path))
    assert [i.text for i in written.composition.items] == [i.text for i in reported.items]
    _once(edition_work, ("diff", old.id, new.id), ("carried", new.id), ("printed", old.id), ("printed", new.id))


def _answers(editions: History, dep: m.Department) -> dict:
    """Everything a history says of the department's editions, comparable across histories."""
    plans = [d for d in dep.documents if isinstance(d, m.Plan)]
    pairs = [(a, b) for a in plans for b in plans if a is not b]
    return {
        "numbers": [editions.numbers(d) for d in plans],
        "frozen": [editions.frozen(d) for d in plans],
        "changes": [editions.changes(a, b) for a, b in pairs],
        "carried": [editions.carried(a, b) for a, b in pairs],
        "printed": [[p.key() for p in editions.printed(a, b)] for a, b in pairs],
    }


def test_a_swapped_document_keeps_only_the_answers_it_leaves_alone(tmp_path):
    dep = _two_amendments(tmp_path)
    known = _answers(history(dep), dep)  # every answer computed once, then kept
    for doc in dep.documents:
        retitled = dataclasses.replace(doc, title=doc.title + " (изменённое наименование)")
        for swapped in (with_document(dep, retitled), with_document(dep, dataclasses.replace(doc, id="added"))):
            assert _answers(history(swapped), swapped) == _answers(History(swapped), swapped)
    order = dataclasses.replace(dep.document("order-2021-2"), title="Другой приказ")
    swapped = with_document(dep, order)
    assert [d.id for d in swapped.documents][-1] == "order-2021-2" and len(swapped.documents) == len(dep.documents)
    third = dep.document("plan-msoko-ed3")
    assert history(swapped).numbers(third) is history(dep).numbers(third)  # an order leaves the editions alone
    assert _answers(history(swapped), swapped) == known
