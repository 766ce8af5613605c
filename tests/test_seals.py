"""Approved editions are sealed: a later change is refused, `verify` reports it, `seal` records it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CONTENT, run_prikaz

from generator.errors import ContentError
from generator.load import load

SEALED_PLAN = Path("novosibirsk/plan-2020.yaml")
SEALED_ORDER = Path("novosibirsk/order-2020-0212.yaml")


@pytest.fixture
def content(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def bundled_seals() -> int:
    from generator import model as m
    from generator.load import load

    departments = load([str(p) for p in sorted(CONTENT.iterdir())])
    return sum(len(d.sealed) for dep in departments for d in dep.documents if isinstance(d, m.Order))


def test_the_bundled_history_verifies():
    result = run_prikaz("verify", "content/")
    assert result.returncode == 0, result.stdout + result.stderr
    seals = bundled_seals()
    assert f"Печатей: {seals}, совпадают: {seals}, нарушены: 0." in result.stdout
    assert "не запечатан" not in result.stdout


@pytest.mark.parametrize("command", ["check", "build", "publish"])
def test_a_changed_approved_edition_stops_every_command(content, tmp_path, command):
    edit(content / SEALED_PLAN, "Организационные мероприятия", "Организационные меры")
    out = tmp_path / "out"
    extra = {"check": [], "build": ["-o", str(out), "--force"], "publish": ["--site", str(out), "--force"]}[command]
    result = run_prikaz(command, str(content / "novosibirsk"), *extra)
    assert result.returncode == 2, result.stdout + result.stderr
    assert (
        f"{content / SEALED_PLAN}:1:1: ошибка: редакция «plan-2020» утверждена приказом от 28.02.2020 № 0212-09 а"
        in result.stderr.replace("\u00a0", " ")
    )
    assert "создайте новую редакцию (edition: follows: plan-2020)" in result.stderr
    assert "[sealed-changed]" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()  # nothing written


def test_a_changed_signed_order_is_refused(content):
    edit(content / SEALED_ORDER, "Об утверждении плана", "Об утверждении Плана")
    result = run_prikaz("check", str(content / "novosibirsk"))
    assert result.returncode == 2
    assert "приказ «order-2020-0212» подписан и запечатан" in result.stderr
    assert "[sealed-order-changed]" in result.stderr


def test_formatting_and_comments_do_not_break_a_seal(content):
    path = content / SEALED_PLAN
    text = path.read_text(encoding="utf-8")
    reformatted = "# комментарий делопроизводителя\n" + text.replace(
        '"Организационные мероприятия"', "'Организационные мероприятия'"
    )
    assert reformatted != text
    path.write_text(reformatted, encoding="utf-8")
    assert run_prikaz("verify", str(content / "novosibirsk")).returncode == 0


def test_any_change_of_one_character_changes_the_checksum(content):
    path = content / SEALED_PLAN
    text = path.read_text(encoding="utf-8")
    original = _checksum(content)
    changed = 0
    for position in range(text.index("sections:") + 10, len(text), 97):  # a sample across the file
        if text[position] in " \n\"'-:":
            continue
        path.write_text(text[:position] + "ё" + text[position + 1 :], encoding="utf-8")
        try:
            assert _checksum(content) != original, position
        except ContentError:  # the change broke the structure: refused anyway
            continue
        changed += 1
    assert changed > 20


def _checksum(content: Path) -> str:
    dep = load([str(content / "novosibirsk")], check_seals=False)[0]
    return dep.document("plan-2020").checksum


def test_verify_names_what_changed_and_fails(content):
    edit(content / "novosibirsk/plan-2020-ed2.yaml", "Апрель", "Май")
    result = run_prikaz("verify", str(content))
    assert result.returncode == 1
    assert "ИЗМЕНЁН после утверждения: plan-2020-ed2 (приказ от 15.04.2020 № 0415-09)" in result.stdout.replace(
        "\u00a0", " "
    )
    assert f"Печатей: {bundled_seals()}, совпадают: {bundled_seals() - 1}, нарушены: 1." in result.stdout


def test_seal_records_an_order_and_its_annexes(content):
    order = content / SEALED_ORDER
    text = order.read_text(encoding="utf-8")
    order.write_text(text[: text.index("sealed:")], encoding="utf-8")
    unsealed = run_prikaz("verify", str(content / "novosibirsk"))
    assert unsealed.returncode == 0
    assert "не запечатан: order-2020-0212" in unsealed.stdout and "не запечатан: plan-2020" in unsealed.stdout
    sealed = run_prikaz("seal", str(order))
    assert sealed.returncode == 0, sealed.stderr
    assert order.read_text(encoding="utf-8") == text  # the same block as the one bundled
    again = run_prikaz("seal", str(order))
    assert again.returncode == 0 and "уже запечатан" in again.stdout
    assert order.read_text(encoding="utf-8") == text


def test_seal_refuses_a_plan(content):
    result = run_prikaz("seal", str(content / SEALED_PLAN))
    assert result.returncode == 2 and "это не приказ" in result.stderr


def test_a_malformed_or_foreign_seal_is_a_content_error(content):
    order = content / SEALED_ORDER
    text = order.read_text(encoding="utf-8")
    order.write_text(text.replace('plan-2020: "v2:sha256:', 'plan-2020: "md5:'), encoding="utf-8")
    result = run_prikaz("check", str(content / "novosibirsk"))
    assert result.returncode == 2 and "не контрольная сумма" in result.stderr
    line = next(i for i, s in enumerate(text.splitlines(), 1) if s.strip().startswith("plan-2020:"))
    assert f"{order}:{line}:" in result.stderr
    order.write_text(text.replace("  plan-2020:", "  plan-2020-ed2:"), encoding="utf-8")
    result = run_prikaz("check", str(content / "novosibirsk"))
    assert result.returncode == 2 and "«plan-2020-ed2» не утверждается этим приказом" in result.stderr


# --- what a signed document prints from organization.yaml (seal format 2) ---------------

ORGANIZATION = Path("novosibirsk/organization.yaml")
PRINTED_CHANGES = {
    # what changes in organization.yaml: (old, new, the sealed documents that print it)
    "head's name": ("name: Р. М. Ахметгареев", "name: Р. М. Иванов", {"order-2020-0212", "order-2020-0415"}),
    "date style": ("date: numeric", "date: long", {"order-2020-0212", "order-2020-0415", "plan-2020", "plan-2020-ed2"}),
    "letterhead": (
        "  - ДЕПАРТАМЕНТ ОБРАЗОВАНИЯ",
        "  - ДЕПАРТАМЕНТ ОБРАЗОВАНИЯ И НАУКИ",
        {"order-2020-0212", "order-2020-0415", "plan-2020", "plan-2020-ed2"},
    ),
    "a unit's full name": (
        '«Городской центр развития образования»\n  - name: "МКУДПО',
        '«Городской центр развития»\n  - name: "МКУДПО',
        {"plan-2020", "plan-2020-ed2"},
    ),
}


@pytest.mark.parametrize("change", PRINTED_CHANGES)
def test_a_change_in_organization_yaml_that_a_signed_document_prints_breaks_its_seal(content, change):
    old, new, documents = PRINTED_CHANGES[change]
    edit(content / ORGANIZATION, old, new)
    verified = run_prikaz("verify", str(content / "novosibirsk"))
    assert verified.returncode == 1, verified.stdout
    changed = {
        line.split(":")[1].split("(")[0].strip()
        for line in verified.stdout.splitlines()
        if "ИЗМЕНЕНЫ значения из organization.yaml" in line
    }
    assert changed == documents
    assert f"нарушены: {len(documents)}." in verified.stdout
    checked = run_prikaz("check", str(content / "novosibirsk"))
    assert checked.returncode == 2
    assert f"{content / ORGANIZATION}:1:1: ошибка: изменились значения из organization.yaml" in checked.stderr
    assert checked.stderr.count("[sealed-organization-changed]") == len(documents)


@pytest.mark.parametrize(
    "old, new",
    [
        ("units:\n", "units:\n  - name: Новый отдел\n"),  # a unit for a new plan
        ("name: О. А. Прасолова", "name: О. А. Петрова"),  # a signatory no sealed order names
        ("# Добавлено для иллюстративной", "# Комментарий: добавлено для иллюстративной"),
    ],
)
def test_what_no_signed_document_prints_may_change(content, old, new):
    edit(content / ORGANIZATION, old, new)
    verified = run_prikaz("verify", str(content / "novosibirsk"))
    assert verified.returncode == 0 and "нарушены: 0." in verified.stdout, verified.stdout


def format_1(text: str) -> str:
    """An order's text with its seal written as before format 2 (content checksums only)."""
    head, block = text[: text.index("sealed:")], text[text.index("sealed:") :]
    lines = [f'  {line.split(":")[0].strip()}: "sha256:{line.split(":")[3]}"\n' for line in block.splitlines()[1:]]
    return head + "sealed:\n" + "".join(lines)


def test_a_format_1_seal_still_verifies_and_is_renewed_by_seal(content):
    """Seals written before format 2 keep working; `prikaz seal` renews them in place."""
    order = content / SEALED_ORDER
    text = order.read_text(encoding="utf-8")
    order.write_text(format_1(text) + "# после печати\n", encoding="utf-8")
    verified = run_prikaz("verify", str(content / "novosibirsk"))
    assert verified.returncode == 0, verified.stdout
    assert verified.stdout.count("печать формата 1 не охватывает значения из organization.yaml") == 2
    renewed = run_prikaz("seal", str(order))
    assert renewed.returncode == 0 and "Печать обновлена" in renewed.stdout, renewed.stderr
    head = text[: text.index("sealed:")]
    assert order.read_text(encoding="utf-8") == head + "# после печати\n" + text[len(head) :]
    edit(content / ORGANIZATION, "name: Р. М. Ахметгареев", "name: Р. М. Иванов")
    assert run_prikaz("verify", str(content / "novosibirsk")).returncode == 1


def test_a_broken_format_1_seal_is_not_renewed(content):
    order = content / SEALED_ORDER
    order.write_text(format_1(order.read_text(encoding="utf-8")), encoding="utf-8")
    edit(content / SEALED_PLAN, "Организационные мероприятия", "Организационные меры")
    before = order.read_bytes()
    result = run_prikaz("seal", str(order))
    assert result.returncode == 2 and "[sealed-changed]" in result.stderr
    assert order.read_bytes() == before
