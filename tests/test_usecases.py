"""The use cases (generator/usecases/) called as a library: typed results, typed errors.

The command line only prints these results; tests/test_cli_exits.py checks how each error
becomes an exit code and a message.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import CONTENT, docx_paragraphs, docx_table_rows
from edition_pairs import amending_order, organization_copy, second_edition

from generator import model as m
from generator.errors import CheckFailed, ContentError, InputError
from generator.usecases import (
    amendment,
    checking,
    comparison,
    documents,
    importing,
    inspection,
    sealing,
    starting,
    verification,
)

PLAN = "novosibirsk/plan-2020.yaml"
PLAN_ED2 = "novosibirsk/plan-2020-ed2.yaml"


@pytest.fixture
def content(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


# --- documents: the pair of editions ---------------------------------------------------------


def test_a_pair_of_editions_of_one_plan():
    pair = documents.edition_pair(str(CONTENT / PLAN), str(CONTENT / PLAN_ED2))
    assert (pair.old.id, pair.new.id) == ("plan-2020", "plan-2020-ed2")
    assert isinstance(pair.old, m.Plan) and pair.department.organization.name


@pytest.mark.parametrize(
    "old, new, phrase",
    [
        (PLAN, PLAN, "один и тот же файл дважды"),
        (PLAN, "novosibirsk/order-2020-0415.yaml", "— план, а «order-2020-0415» — приказ"),
        ("novosibirsk/order-2020-0415.yaml", PLAN_ED2, "— приказ, а «plan-2020-ed2» — план"),
        ("primer/plan-monitoring.yaml", "primer/plan-schedule.yaml", "разные документы, а не редакции одного"),
        (PLAN, "noglik/plan-msoko.yaml", "одной организации"),
        ("novosibirsk/organization.yaml", PLAN, "укажите два файла редакций"),
    ],
)
def test_a_wrong_pair_is_the_users_mistake(old, new, phrase):
    with pytest.raises(InputError, match=phrase):
        documents.edition_pair(str(CONTENT / old), str(CONTENT / new))


def test_a_third_edition_pairs_with_the_first_through_the_chain(tmp_path):
    folder = organization_copy(tmp_path, "novosibirsk")
    third = second_edition(folder, "plan-2020-ed2", "plan-2020-ed3", [], follows="plan-2020-ed2")
    pair = documents.edition_pair(str(folder / "plan-2020.yaml"), str(third))
    assert (pair.old.id, pair.new.id) == ("plan-2020", "plan-2020-ed3")


def test_document_at_names_the_file_read_or_nothing(departments):
    dep = departments["novosibirsk"]
    assert documents.document_at(dep, str(CONTENT / PLAN)).id == "plan-2020"
    assert documents.document_at(dep, str(CONTENT / "novosibirsk/organization.yaml")) is None


# --- comparison ------------------------------------------------------------------------------


def test_comparison_writes_the_table_and_returns_what_it_wrote(tmp_path):
    compared = comparison.compare_editions(
        str(CONTENT / PLAN), str(CONTENT / PLAN_ED2), str(tmp_path), redline_templates=Path("templates")
    )
    names = [Path(f.path).name for f in compared.files]
    assert names == ["plan-2020-ed2.comparison.docx", "plan-2020-ed2.comparison.html", "plan-2020-ed2.redline.docx"]
    assert all(Path(f.path).parent == tmp_path / "novosibirsk" for f in compared.files)
    assert compared.files[0].tracked is None and compared.files[2].tracked["rows_inserted"] >= 1
    rows = docx_table_rows(compared.files[0].path)
    assert len(rows) == 1 + len(compared.composition.items)  # the header, then a row per item
    assert any("Сравнительная таблица" in p for p in docx_paragraphs(compared.files[0].path))
    assert compared.pdfs == ()


def test_comparison_of_a_wrong_pair_writes_nothing(tmp_path):
    with pytest.raises(InputError):
        comparison.compare_editions(
            str(CONTENT / PLAN), str(CONTENT / "novosibirsk/order-2020-0415.yaml"), str(tmp_path)
        )
    assert list(tmp_path.iterdir()) == []


# --- amendment -------------------------------------------------------------------------------


def test_amend_returns_the_order_it_wrote(tmp_path):
    written = amendment.amend(
        str(CONTENT / PLAN),
        str(CONTENT / PLAN_ED2),
        str(CONTENT / "novosibirsk/order-2020-0415.yaml"),
        "auto",
        str(tmp_path),
    )
    assert written.order.id == "order-2020-0415" and written.order.amendment.new == "plan-2020-ed2"
    assert Path(written.path) == tmp_path / "novosibirsk" / "order-2020-0415.docx"
    assert written.description.startswith("приказ № ")
    assert written.unproved == ()
    paragraphs = " ".join(docx_paragraphs(written.path))
    assert all(item.text.split()[0] in paragraphs for item in written.composition.items)


def test_an_orders_points_are_not_amended_as_a_new_edition(tmp_path):
    folder = organization_copy(tmp_path, "noglik")
    text = (folder / "order-2020-427.yaml").read_text(encoding="utf-8").split("sealed:")[0]
    new = folder / "order-2020-427-ed2.yaml"
    new.write_text(
        text.replace(
            "id: order-2020-427\n", "id: order-2020-427-ed2\nedition:\n  follows: order-2020-427\n  kind: amendment\n"
        ),
        encoding="utf-8",
    )
    order = amending_order(tmp_path, "order-2021-001", "1", signatory="renkevich")
    with pytest.raises(InputError, match="новая редакция приказа — это новый приказ"):
        amendment.amend(str(folder / "order-2020-427.yaml"), str(new), str(order), "new-edition", str(tmp_path / "out"))
    assert not (tmp_path / "out").exists()


def test_the_order_file_must_be_an_order():
    with pytest.raises(ContentError) as raised:
        amendment.read_order_file(str(CONTENT / PLAN), "a", "b", "auto")
    assert [p.code for p in raised.value.problems] == ["value-choice"]


def test_the_order_file_gets_the_amendment_asked_for():
    order = amendment.read_order_file(str(CONTENT / "novosibirsk/order-2020-0415.yaml"), "a", "b", "changes")
    assert order.amendment == m.Amendment("a", "b", "changes")


def test_an_unknown_signatory_of_the_order_is_a_content_error(tmp_path):
    order = amending_order(tmp_path, "order-2021-002", "2", signatory="nobody")
    with pytest.raises(ContentError) as raised:
        amendment.amend(str(CONTENT / PLAN), str(CONTENT / PLAN_ED2), str(order), "auto", str(tmp_path / "out"))
    assert [p.code for p in raised.value.problems] == ["signatory-unknown"]
    assert not (tmp_path / "out").exists()


# --- sealing and verification ----------------------------------------------------------------


def test_seal_writes_then_finds_the_seal_intact(content):
    order = content / "novosibirsk/order-2020-0212.yaml"
    text = order.read_text(encoding="utf-8")
    order.write_text(text[: text.index("sealed:")], encoding="utf-8")
    first = sealing.seal(str(order))
    assert first.outcome == "sealed" and first.order.id == "order-2020-0212"
    assert first.lines and all(line in order.read_text(encoding="utf-8") for line in first.lines)
    again = sealing.seal(str(order))
    assert again.outcome == "intact" and again.lines == ()


def test_seal_refuses_a_plan(content):
    with pytest.raises(InputError, match="это не приказ"):
        sealing.seal(str(content / PLAN))


def test_verify_counts_seals_and_the_broken_ones(content):
    before = verification.verify([str(content / "novosibirsk")])
    assert before.total >= 2 and before.broken == 0
    plan = content / PLAN_ED2
    plan.write_text(plan.read_text(encoding="utf-8").replace("Апрель", "Май"), encoding="utf-8")
    after = verification.verify([str(content / "novosibirsk")])
    assert after.total == before.total and after.broken == 1
    broken = [s for o in after.organizations for s in o.seals if not s.intact]
    assert [s.document for s in broken] == ["plan-2020-ed2"]


# --- checking --------------------------------------------------------------------------------


def test_errors_stop_a_command_unless_forced(departments):
    dep = [departments["pogranichny"]]
    with pytest.raises(CheckFailed) as raised:
        checking.check_before(dep, force=False)
    assert raised.value.errors and all(e.severity == "error" for e in raised.value.errors)
    forced = checking.check_before(dep, force=True)
    assert forced.errors == len(raised.value.errors) and len(forced.findings) >= forced.errors


def test_check_counts_what_it_found():
    checked = checking.check_paths([str(CONTENT / "primer")])
    assert checked.findings == () and checked.errors == 0 and checked.documents == 3


# --- init, import, editions ------------------------------------------------------------------


def test_init_writes_the_starter_and_then_refuses(tmp_path):
    folder = tmp_path / "otdel"
    written = starting.init(str(folder), dt.date(2026, 1, 1))
    assert Path(written[0]).name == "organization.yaml" and all(Path(p).is_file() for p in written)
    before = {p: Path(p).read_bytes() for p in written}
    with pytest.raises(InputError, match="уже есть organization.yaml"):
        starting.init(str(folder), dt.date(2027, 1, 1))
    with pytest.raises(InputError, match="внутри организации"):
        starting.init(str(folder / "inner"), dt.date(2026, 1, 1))
    assert {p: Path(p).read_bytes() for p in written} == before


def test_import_refuses_to_overwrite_unless_forced(tmp_path):
    from generator.build import build
    from generator.load import load

    out = tmp_path / "built"
    build(load([str(CONTENT / "noglik")]), str(out))
    docx = out / "noglik" / "order-2020-427.docx"
    first = importing.import_document(str(docx), str(tmp_path / "org"), force=False)
    assert first.written and all(Path(p).is_file() for p in first.written) and first.summary
    before = {p: Path(p).read_bytes() for p in first.written}
    Path(first.written[0]).write_text("# edited by the clerk\n", encoding="utf-8")
    with pytest.raises(InputError, match="уже есть файлы"):
        importing.import_document(str(docx), str(tmp_path / "org"), force=False)
    assert Path(first.written[0]).read_text(encoding="utf-8") == "# edited by the clerk\n"
    again = importing.import_document(str(docx), str(tmp_path / "org"), force=True)
    assert {p: Path(p).read_bytes() for p in again.written} == before


def test_editions_of_a_plan_and_of_an_order():
    entries = inspection.editions_of(str(CONTENT / PLAN_ED2))
    assert [e.document.id for e in entries] == ["plan-2020", "plan-2020-ed2"]
    assert entries[1].order.id == "order-2020-0415"
    with pytest.raises(InputError, match="не план и не положение"):
        inspection.editions_of(str(CONTENT / "novosibirsk/order-2020-0415.yaml"))


def test_inspect_gives_the_numbers_the_edition_prints():
    inspected = inspection.inspect(str(CONTENT / PLAN_ED2))
    assert inspected.document.id == "plan-2020-ed2" and not inspected.is_organization
    assert isinstance(inspected.numbered(), m.Plan) and inspected.numbered().id == "plan-2020-ed2"
    order = inspection.inspect(str(CONTENT / "novosibirsk/order-2020-0415.yaml"))
    assert order.numbered() is order.document  # an order's points are numbered as they are
    organization = inspection.inspect(str(CONTENT / "novosibirsk/organization.yaml"))
    assert organization.is_organization and organization.document is None and organization.numbered() is None


def test_import_edition_with_an_unknown_signatory_writes_nothing(tmp_path):
    from generator.build import build
    from generator.load import load

    folder = organization_copy(tmp_path, "noglik")
    plan = folder / "plan-msoko.yaml"
    build(load([str(folder)]), str(tmp_path / "built"), lambda doc: doc.id == "plan-msoko")
    annex = tmp_path / "built" / "noglik" / "plan-msoko.docx"
    order = amending_order(tmp_path, "order-2021-003", "3", signatory="nobody")
    before = sorted(p.name for p in folder.iterdir())
    with pytest.raises(ContentError) as raised:
        importing.import_edition(str(annex), str(plan), str(order), None, str(tmp_path / "orders"), force=False)
    assert [p.code for p in raised.value.problems] == ["signatory-unknown"]
    assert sorted(p.name for p in folder.iterdir()) == before and not (tmp_path / "orders").exists()
    without_order = importing.import_edition(str(annex), str(plan), None, None, str(tmp_path / "orders"), False)
    assert without_order.new.id == "plan-msoko-ed2" and without_order.matched == without_order.total_old
    assert [Path(p).name for p in without_order.written] == ["plan-msoko-ed2.yaml"] and without_order.amendment is None
