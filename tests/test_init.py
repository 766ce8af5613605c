"""`prikaz init`: a new department that passes `check` and builds at once, explained field by field."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

from conftest import docx_paragraphs, docx_table_rows, normalize, run_prikaz
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.check import check
from generator.load import load
from generator.starter import starter_files


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_init_then_check_and_build_with_pdf(tmp_path):
    created = run_prikaz("init", "content/otdel", cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    folder = tmp_path / "content" / "otdel"
    yaml_files = sorted(p.name for p in folder.glob("*.yaml"))
    assert "organization.yaml" in yaml_files and len(yaml_files) == 3
    assert f"prikaz check {Path('content/otdel')}" in created.stdout

    checked = run_prikaz("check", "content/otdel", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.startswith("Замечаний нет"), checked.stdout

    built = run_prikaz("build", "content/otdel", "-o", "output", "--pdf", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert "Ошибок" not in built.stderr and "Замечаний проверки" not in built.stderr, built.stderr
    out = tmp_path / "output" / "otdel"
    order = next(out.glob("order-*.docx"))
    assert order.with_suffix(".pdf").stat().st_size > 1000
    paragraphs = [normalize(p) for p in docx_paragraphs(order)]
    assert "ПРИКАЗ" in paragraphs and "ПРИКАЗЫВАЮ:" in paragraphs
    assert any(p.startswith("1. Утвердить план мероприятий") for p in paragraphs)
    assert "Приложение" in paragraphs
    rows = docx_table_rows(order)
    plan = load([str(folder)])[0].document(next(folder.glob("plan-*.yaml")).stem)
    measures = [normalize(mm.text[0].text) for s in plan.sections for mm in s.measures]
    assert [normalize(r[1]) for r in rows if len(r) == 4][1:] == measures  # after the header row


def test_init_refuses_a_folder_that_has_its_files_and_writes_nothing(tmp_path):
    assert run_prikaz("init", "otdel", cwd=tmp_path).returncode == 0
    (tmp_path / "otdel" / "organization.yaml").write_text("format: 1\nkind: organization\n# свой\n")
    before = snapshot(tmp_path)
    again = run_prikaz("init", "otdel", cwd=tmp_path)
    assert again.returncode == 2
    assert "уже есть organization.yaml" in again.stderr and "Ничего не записано" in again.stderr
    assert "Traceback" not in again.stderr
    assert snapshot(tmp_path) == before


def test_init_refuses_a_folder_inside_another_organization(tmp_path):
    assert run_prikaz("init", "otdel", cwd=tmp_path).returncode == 0
    before = snapshot(tmp_path)
    nested = run_prikaz("init", "otdel/podotdel", cwd=tmp_path)
    assert nested.returncode == 2
    assert "внутри организации otdel" in nested.stderr
    assert snapshot(tmp_path) == before


def test_every_field_of_the_organization_is_explained_in_russian():
    text = starter_files(dt.date(2026, 1, 15))["organization.yaml"]
    lines = text.splitlines()
    for index, line in enumerate(lines):
        key = re.match(r"^\s*([a-z_]+):", line)
        if not key or line.lstrip().startswith("-"):
            continue
        comment = line.partition(" #")[2] or (lines[index - 1].strip() if index else "")
        in_mapping = re.match(r"^\s+[a-z_]+:\s*$", line) and key.group(1) not in ("style", "signatories")
        if in_mapping:  # a signatory's own key (head) is explained above the mapping
            continue
        assert re.search("[а-яё]", comment.lower()), f"no Russian comment for {key.group(1)}: {line}"


TODAY = dt.date.today()


# Any day of any year: check judges years against the clock, so the days are near it.
@settings(max_examples=15)
@given(st.dates(min_value=dt.date(TODAY.year - 10, 1, 1), max_value=dt.date(TODAY.year + 10, 12, 31)))
def test_the_example_passes_check_whatever_the_day(today):
    with tempfile.TemporaryDirectory() as folder:
        for name, text in starter_files(today).items():
            Path(folder, name).write_text(text, encoding="utf-8")
        departments = load([folder])
        assert check(departments) == []
        order = next(d for d in departments[0].documents if d.kind_word == "приказ")
        assert order.date == today
