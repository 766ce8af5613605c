"""Plans with the columns real plans have: declared, validated, laid out, checked."""

from __future__ import annotations

import re
import shutil
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import CONTENT, run_prikaz
from hypothesis import given
from hypothesis import strategies as st

ORGANIZATION = textwrap.dedent("""\
    format: 1
    kind: organization
    name: Комитет по образованию администрации Северного района
    name_genitive: Комитета по образованию администрации Северного района
    letterhead: [КОМИТЕТ ПО ОБРАЗОВАНИЮ]
    signatories: {head: {position: [Председатель комитета], name: А.Б. Петрова}}
    units:
      - {name: Комитет по образованию}
      - {name: Методический кабинет}
    """)

SIX_COLUMNS = textwrap.dedent("""\
    format: 1
    kind: plan
    id: plan
    title: План мероприятий по подготовке к государственной итоговой аттестации на 2025 год
    period: {from: 2025, to: 2025}
    columns:
      - {role: number, title: "№ п/п"}
      - {role: measure, title: Наименование мероприятия}
      - {role: result, title: "Ожидаемый результат (вид документа)"}
      - {role: deadline, title: Срок}
      - {role: responsible, title: Ответственные}
      - {role: custom, key: mark, title: Отметка о выполнении}
    sections:
      - title: Организационные мероприятия
        measures:
          - text: Совещание с руководителями по итогам пробного экзамена
            result: Протокол совещания
            deadline: март 2025
            responsible: [Комитет по образованию]
            mark: выполнено
          - text: Семинар для организаторов пунктов проведения экзамена
            result: Лист регистрации участников
            deadline: апрель 2025
            responsible: [Методический кабинет]
    """)


def department(tmp_path: Path, organization: str = ORGANIZATION, **files: str) -> Path:
    folder = tmp_path / "sever"
    folder.mkdir()
    (folder / "organization.yaml").write_text(organization, encoding="utf-8")
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def plan_table(path: Path):
    from docx import Document

    tables = Document(str(path)).tables
    return next(t for t in tables if len(t.rows) > 3)


def cells(row) -> list[str]:
    """Cell texts of a row, a merged cell once."""
    seen, result = set(), []
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            result.append(" ".join(cell.text.split()))
    return result


# --- loading ----------------------------------------------------------------------------


def test_declared_columns_load_with_roles_keys_and_values(tmp_path):
    from generator.load import load

    plan = load([str(department(tmp_path, plan=SIX_COLUMNS))])[0].document("plan")
    assert [c.role for c in plan.columns] == ["number", "measure", "result", "deadline", "responsible", "custom"]
    assert [c.key for c in plan.extra_columns] == ["result", "mark"]
    first = plan.sections[0].measures[0]
    assert first.value("result") == "Протокол совещания" and first.value("mark") == "выполнено"
    assert plan.sections[0].measures[1].value("mark") is None


def test_the_short_form_is_the_default_table_with_other_headers(tmp_path):
    from generator.load import load

    text = SIX_COLUMNS.split("columns:")[0] + textwrap.dedent("""\
        columns: ["№", "Мероприятия", "Сроки", "Исполнители"]
        sections:
          - title: Раздел
            measures: [{text: Совещание, deadline: март 2025, responsible: [Комитет по образованию]}]
        """)
    plan = load([str(department(tmp_path, plan=text))])[0].document("plan")
    assert [(c.role, c.title) for c in plan.columns] == [
        ("number", "№"),
        ("measure", "Мероприятия"),
        ("deadline", "Сроки"),
        ("responsible", "Исполнители"),
    ]
    assert plan.extra_columns == ()


BAD_COLUMNS = [
    ("amount", "{role: amount}", "amount: сто двадцать", "не число"),
    ("mark", "{role: quarter, key: q1, title: I квартал}", "q1: когда-нибудь", "не отметка квартала"),
    ("date", "{role: start}", "start: потом", "не дата и не период"),
    ("key", "{role: custom, title: Примечание исполнителя, key: text}", "", "уже занят"),
    ("custom-key", "{role: custom, title: Графа}", "", "нужен ключ key"),
    ("role", "{role: cost}", "", "недопустимое значение «cost»"),
    ("no-role", "{title: Примечание}", "", "не указано обязательное поле «columns.role»"),
    ("empty-role", "{role: ~, title: Примечание}", "", "не указано обязательное поле «columns.role»"),
]


@pytest.mark.parametrize("name, column, value, message", BAD_COLUMNS, ids=[b[0] for b in BAD_COLUMNS])
def test_a_wrong_column_or_value_is_a_load_error_with_its_position(tmp_path, name, column, value, message):
    lines = [
        "format: 1",
        "kind: plan",
        "id: plan",
        "title: План",
        "columns:",
        "  - {role: number}",
        "  - {role: measure}",
        f"  - {column}",
        "sections:",
        "  - title: Раздел",
        "    measures:",
        "      - text: Совещание",
    ]
    if value:
        lines.append(f"        {value}")
    folder = department(tmp_path, plan="\n".join(lines) + "\n")
    out = tmp_path / "out"
    result = run_prikaz("build", str(folder), "-o", str(out))
    assert result.returncode == 2, result.stdout + result.stderr
    assert message in result.stderr
    line = 13 if value else 8
    assert f"plan.yaml:{line}:" in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


def test_a_plan_without_a_measure_column_is_refused(tmp_path):
    text = (
        "format: 1\nkind: plan\nid: plan\ntitle: План\ncolumns: [{role: number}, {role: deadline}]\n"
        "sections: [{title: Раздел, measures: [{text: Совещание}]}]\n"
    )
    result = run_prikaz("check", str(department(tmp_path, plan=text)))
    assert result.returncode == 2 and "нет столбца с ролью measure" in result.stderr


def test_a_value_under_an_undeclared_key_is_an_unknown_key(tmp_path):
    text = SIX_COLUMNS.replace("mark: выполнено", "amount: 120,0")
    result = run_prikaz("check", str(department(tmp_path, plan=text)))
    assert result.returncode == 2 and "неизвестный ключ «amount»" in result.stderr


@given(st.decimals(min_value=0, max_value=10**9, places=1, allow_nan=False, allow_infinity=False))
def test_amounts_read_as_printed(value):
    from generator.columns import amount_value
    from generator.rules.columns import _shown

    printed = _shown(value)  # «1 250,5» with a no-break space, as plans print them
    assert amount_value(printed) == value
    assert amount_value(printed.replace("\u00a0", " ")) == value
    assert amount_value(printed.replace("\u00a0", "").replace(",", ".")) == value


@pytest.mark.parametrize("mark", ["+", "х", "✓", "V", "15.03.2026", "до 30.06.2026", "март", "январь – март"])
def test_quarter_marks(mark):
    from generator.columns import is_quarter_mark

    assert is_quarter_mark(mark)


@pytest.mark.parametrize("text", ["да", "в течение", "2026", "++"])
def test_not_quarter_marks(text):
    from generator.columns import is_quarter_mark

    assert not is_quarter_mark(text)


# --- layout -----------------------------------------------------------------------------


def test_every_column_is_rendered_in_its_place(tmp_path):
    folder = department(tmp_path, plan=SIX_COLUMNS)
    result = run_prikaz("build", str(folder), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    table = plan_table(tmp_path / "out" / "sever" / "plan.docx")
    assert cells(table.rows[0]) == [
        "№ п/п",
        "Наименование мероприятия",
        "Ожидаемый результат (вид документа)",
        "Срок",
        "Ответственные",
        "Отметка о выполнении",
    ]
    assert cells(table.rows[1]) == ["1. Организационные мероприятия"]
    assert cells(table.rows[2]) == [
        "1.1",
        "Совещание с руководителями по итогам пробного экзамена",
        "Протокол совещания",
        "март 2025",
        "Комитет по образованию",
        "выполнено",
    ]
    assert cells(table.rows[3])[-1] == ""
    grid = table._tbl.tblGrid.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}gridCol")
    assert len(grid) == 6
    widths = [int(c.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w")) for c in grid]
    assert widths[1] == max(widths)  # the measure's text takes the room the others leave


def test_a_wide_plan_is_printed_on_landscape_pages(tmp_path):
    from docx import Document
    from docx.enum.section import WD_ORIENT

    folder = department(tmp_path, plan=SIX_COLUMNS)
    assert run_prikaz("build", str(folder), "-o", str(tmp_path / "out")).returncode == 0
    section = Document(str(tmp_path / "out" / "sever" / "plan.docx")).sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    grid_width = sum(
        int(c.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w"))
        for c in plan_table(tmp_path / "out" / "sever" / "plan.docx")._tbl.tblGrid
    )
    text_width = section.page_width - section.left_margin - section.right_margin
    assert abs(grid_width * 635 - text_width) < 635 * 10  # twips → EMU: fills the text width


def test_a_five_column_plan_that_fits_stays_portrait(tmp_path):
    from docx import Document
    from docx.enum.section import WD_ORIENT

    text = (
        SIX_COLUMNS.replace("  - {role: custom, key: mark, title: Отметка о выполнении}\n", "")
        .replace("        mark: выполнено\n", "")
        .replace("{role: result, title:", "{role: result, width: 2, title:")
    )
    folder = department(tmp_path, plan=text)
    assert run_prikaz("build", str(folder), "-o", str(tmp_path / "out")).returncode == 0
    assert Document(str(tmp_path / "out" / "sever" / "plan.docx")).sections[0].orientation == WD_ORIENT.PORTRAIT


def test_the_long_form_of_the_default_columns_prints_the_same_bytes(tmp_path):
    """Declaring the four default roles is the default table, not the general grid."""
    short = SIX_COLUMNS.split("columns:")[0] + textwrap.dedent("""\
        columns: ["№", "Мероприятия", "Сроки", "Исполнители"]
        sections:
          - title: Раздел
            measures: [{text: Совещание, deadline: март 2025, responsible: [Комитет по образованию]}]
        """)
    long = short.replace(
        'columns: ["№", "Мероприятия", "Сроки", "Исполнители"]',
        textwrap.dedent("""\
        columns:
          - {role: number, title: "№"}
          - {role: measure, title: Мероприятия}
          - {role: deadline, title: Сроки}
          - {role: responsible, title: Исполнители}""").strip(),
    )
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    for where, text in ((a, short), (b, long)):
        assert run_prikaz("build", str(department(where, plan=text)), "-o", str(where / "out")).returncode == 0
    assert (a / "out/sever/plan.docx").read_bytes() == (b / "out/sever/plan.docx").read_bytes()


def test_a_landscape_annex_gets_its_own_section_after_a_portrait_order(tmp_path):
    from docx import Document
    from docx.enum.section import WD_ORIENT

    shutil.copytree(CONTENT / "primer", tmp_path / "primer")
    assert run_prikaz("build", str(tmp_path / "primer"), "-o", str(tmp_path / "out")).returncode == 0
    document = Document(str(tmp_path / "out" / "primer" / "order-2026-014.docx"))
    assert [s.orientation for s in document.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]
    assert document.sections[0].different_first_page_header_footer  # no number on page 1
    assert not document.sections[1].different_first_page_header_footer  # the annex's page is numbered
    table = next(t for t in document.tables if len(t.rows) > 3)
    assert cells(table.rows[0])[4:8] == ["I квартал", "II квартал", "III квартал", "IV квартал"]
    totals = [cells(r) for r in table.rows if cells(r)[1:2] == ["Итого по разделу"]]
    assert [t[3] for t in totals] == ["2 090,5", "915,0"]


def test_the_pdf_of_a_wide_plan_has_landscape_pages(tmp_path):
    from pypdf import PdfReader

    if not shutil.which("soffice"):
        pytest.skip("нет LibreOffice")
    shutil.copytree(CONTENT / "primer", tmp_path / "primer")
    result = run_prikaz("build", str(tmp_path / "primer"), "-o", str(tmp_path / "out"), "--pdf")
    assert result.returncode == 0, result.stderr
    pages = PdfReader(str(tmp_path / "out" / "primer" / "order-2026-014.pdf")).pages
    shapes = [float(p.mediabox.width) > float(p.mediabox.height) for p in pages]
    assert shapes[0] is False and all(shapes[1:])
    text = "".join(p.extract_text() for p in pages[1:])
    for value in ("1 250,0", "840,5", "Областной бюджет", "IV квартал", "до 30.06.2026"):
        assert value.replace(" ", "") in text.replace(" ", "").replace("\n", "")


# --- check ------------------------------------------------------------------------------


def _findings(tmp_path, text: str, organization: str = ORGANIZATION) -> list:
    from generator.check import check
    from generator.load import load

    return check(load([str(department(tmp_path, organization, plan=text))]))


PRIMER_ORGANIZATION = (CONTENT / "primer" / "organization.yaml").read_text(encoding="utf-8")


def test_the_bundled_column_plans_have_no_findings():
    result = run_prikaz("check", str(CONTENT / "primer"))
    assert result.returncode == 0 and "Замечаний нет" in result.stdout, result.stdout + result.stderr


def test_a_section_total_that_does_not_add_up_is_an_error(tmp_path):
    text = (
        (CONTENT / "primer" / "plan-schedule.yaml")
        .read_text(encoding="utf-8")
        .replace('total: {amount: "915,0"}', 'total: {amount: "951,0"}')
    )
    found = [p for p in _findings(tmp_path, text, PRIMER_ORGANIZATION) if p.code == "amount-total-mismatch"]
    assert len(found) == 1 and found[0].severity == "error"
    assert found[0].args["total"] == "951,0" and found[0].args["sum"] == "915,0"


def test_a_parent_amount_is_not_counted_twice(tmp_path):
    text = textwrap.dedent("""\
        format: 1
        kind: plan
        id: plan
        title: План
        columns: [{role: number}, {role: measure}, {role: amount}, {role: responsible}]
        sections:
          - title: Раздел
            total: {amount: "300"}
            measures:
              - text: Ремонт
                amount: "200"
                responsible: [Комитет по образованию]
                measures:
                  - {text: Кровля, amount: "120", responsible: [Комитет по образованию]}
                  - {text: Окна, amount: "70", responsible: [Комитет по образованию]}
              - {text: Мебель, amount: "100", responsible: [Комитет по образованию]}
        """)
    found = {p.code: p for p in _findings(tmp_path, text)}
    assert "amount-total-mismatch" not in found  # 200 + 100, the parent counted once
    assert found["amount-children-mismatch"].args["sum"] == "190"


def test_planned_dates_reversed_or_outside_the_period(tmp_path):
    text = (CONTENT / "primer" / "plan-monitoring.yaml").read_text(encoding="utf-8")
    text = text.replace('start: "апрель 2025"', 'start: "июнь 2025"', 1)
    text = text.replace('end: "II квартал 2026"', 'end: "II квартал 2027"', 1)
    found = _findings(tmp_path, text, PRIMER_ORGANIZATION)
    reversed_ = [p for p in found if p.code == "column-dates-reversed"]
    outside = [p for p in found if p.code == "column-date-outside-period"]
    assert [p.args["where"] for p in reversed_] == ["мероприятие 1.2"]
    assert [p.args["value"] for p in outside] == ["II квартал 2027"]


def test_section_sum_with_decimals_is_exact():
    from generator import model as m
    from generator.rules.columns import _section_sum

    column = m.Column("amount", "Сумма", "amount")
    section = m.Section(
        "Раздел", measures=tuple(m.Measure((m.Paragraph("x"),), values=(("amount", "0,1"),)) for _ in range(3))
    )
    assert _section_sum(section, column) == Decimal("0.3")


# --- import -----------------------------------------------------------------------------


def word_plan(path: Path, header: list[str], rows: list[list[str]], split_at: int | None = None) -> Path:
    """A plan as a department types it in Word: a title, a table (perhaps split in two
    tables without a repeated header), no annex header."""
    from docx import Document

    document = Document()
    document.add_paragraph("ПЛАН МЕРОПРИЯТИЙ по подготовке к новому учебному году")
    parts = [rows] if split_at is None else [rows[:split_at], rows[split_at:]]
    for k, part in enumerate(parts):
        table = document.add_table(rows=0, cols=len(header))
        table.style = "Table Grid"
        for row in ([header] if k == 0 else []) + part:
            cells = table.add_row().cells
            for cell, value in zip(cells, row):
                cell.text = value
        if k == 0 and len(parts) > 1:
            document.add_paragraph("")
    document.save(str(path))
    return path


SCHEDULE_HEADER = [
    "№ п/п",
    "Наименование мероприятия",
    "Ожидаемый результат",
    "Источник финансирования",
    "Объем финансирования (тыс. рублей)",
    "I кв.",
    "II кв.",
    "III кв.",
    "IV кв.",
    "Ответственный исполнитель",
    "Отметка о выполнении",
    "Примечание",
]
SCHEDULE_ROWS = [
    ["1.", "Ремонт и оснащение", "", "", "", "", "", "", "", "", "", ""],
    [
        "1.1.",
        "Ремонт спортивного зала школы № 3",
        "Акт приёмки работ",
        "Местный бюджет",
        "1 500,0",
        "",
        "+",
        "+",
        "",
        "Комитет по образованию",
        "выполнено",
        "по смете",
    ],
    [
        "1.2.",
        "Замена окон в детском саду № 7",
        "Акт приёмки работ",
        "Областной бюджет",
        "730,25",
        "",
        "",
        "х",
        "",
        "Методический кабинет",
        "",
        "",
    ],
    ["", "Итого", "", "", "2 230,25", "", "", "", "", "", "", ""],
    ["2.", "Кадры", "", "", "", "", "", "", "", "", "", ""],
    [
        "2.1.",
        "Курсы повышения квалификации учителей физики",
        "Удостоверения",
        "Без финансирования",
        "0",
        "+",
        "",
        "",
        "",
        "Методический кабинет",
        "",
        "",
    ],
]


def test_a_word_plan_with_other_columns_imports_every_column_with_its_role(tmp_path):
    from generator.load import load

    source = word_plan(tmp_path / "plan.docx", SCHEDULE_HEADER, SCHEDULE_ROWS, split_at=3)
    out = tmp_path / "sever"
    result = run_prikaz("import", str(source), "-o", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    plan = next(d for d in load([str(out)])[0].documents if d.kind_word == "план")
    assert [(c.role, c.key) for c in plan.columns] == [
        ("number", None),
        ("measure", None),
        ("result", "result"),
        ("funding_source", "funding_source"),
        ("amount", "amount"),
        ("quarter", "q1"),
        ("quarter", "q2"),
        ("quarter", "q3"),
        ("quarter", "q4"),
        ("responsible", None),
        ("custom", "custom1"),
    ]
    first, second = plan.sections[0].measures
    assert first.values == (
        ("result", "Акт приёмки работ"),
        ("funding_source", "Местный бюджет"),
        ("amount", "1 500,0"),
        ("q2", "+"),
        ("q3", "+"),
        ("custom1", "выполнено"),
    )
    assert first.note == "по смете"  # «Примечание» is the measure's own note
    assert second.value("amount") == "730,25" and second.value("q3") == "х"
    assert plan.sections[0].total == (("amount", "2 230,25"),)
    assert plan.sections[1].measures[0].value("q1") == "+"
    assert "Отметка о выполнении" in [c.title for c in plan.columns]
    assert "примечания мероприятий" not in result.stdout  # nothing squeezed into notes
    check = run_prikaz("check", str(out))
    assert "amount-total-mismatch" not in check.stdout + check.stderr


def test_a_column_whose_values_do_not_fit_its_role_is_kept_as_text_and_said(tmp_path):
    from generator.load import load

    rows = [list(r) for r in SCHEDULE_ROWS]
    rows[1][4] = "1,5 млн"  # not a number: the column is kept as typed
    source = word_plan(tmp_path / "plan.docx", SCHEDULE_HEADER, rows)
    out = tmp_path / "sever"
    result = run_prikaz("import", str(source), "-o", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    plan = next(d for d in load([str(out)])[0].documents if d.kind_word == "план")
    assert next(c for c in plan.columns if c.key == "amount").role == "custom"
    assert plan.sections[0].measures[0].value("amount") == "1,5 млн"
    assert "«1,5 млн» не подходит для роли amount" in result.stdout


@pytest.mark.parametrize("name", ["plan-monitoring", "plan-schedule"])
def test_the_example_column_plans_round_trip_through_word(tmp_path, name):
    """build → import → build: the same table, cell for cell."""
    shutil.copytree(CONTENT / "primer", tmp_path / "primer")
    assert run_prikaz("build", str(tmp_path / "primer"), "-o", str(tmp_path / "a")).returncode == 0
    result = run_prikaz("import", str(tmp_path / "a" / "primer" / f"{name}.docx"), "-o", str(tmp_path / "again"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert run_prikaz("build", str(tmp_path / "again"), "-o", str(tmp_path / "b")).returncode == 0
    plan = next(p for p in (tmp_path / "b" / "again").glob("plan-*.docx"))
    before = [cells(r) for r in plan_table(tmp_path / "a" / "primer" / f"{name}.docx").rows]
    after = [cells(r) for r in plan_table(plan).rows]
    assert after == before


# --- diff and amend ---------------------------------------------------------------------


def _schedule_editions(edit):
    """The example plan-schedule and an edition of it changed by `edit(plan) -> plan`."""
    from generator.load import load

    plan = load([str(CONTENT / "primer")])[0].document("plan-schedule")
    return plan, edit(plan)


def _with_measure(plan, s: int, k: int, **changes):
    import dataclasses

    sections = list(plan.sections)
    measures = list(sections[s].measures)
    measures[k] = dataclasses.replace(measures[k], **changes)
    sections[s] = dataclasses.replace(sections[s], measures=tuple(measures))
    return dataclasses.replace(plan, sections=tuple(sections))


def _amendment(old, new):
    from generator.amend import wording
    from generator.amend.parse import prove
    from generator.diff import diff
    from generator.editions import carry_numbers, path_numbers
    from generator.printed import printed

    changes = diff(old, new)
    old_numbers = path_numbers(old)
    new_numbers = carry_numbers(old_numbers, changes, new)
    items = wording(old, new, changes, old_numbers, new_numbers)
    return items, prove(printed(old, old_numbers), printed(new, new_numbers), items)


def _values(measure, **changes):
    values = dict(measure.values)
    values.update(changes)
    return tuple((k, v) for k, v in values.items() if v)


def test_a_changed_amount_is_named_by_its_column_and_the_wording_proves_itself():
    old, new = _schedule_editions(
        lambda p: _with_measure(p, 1, 0, values=_values(p.sections[1].measures[0], funding_source="Федеральный бюджет"))
    )
    items, problems = _amendment(old, new)
    assert problems == []
    assert [i.text for i in items] == [
        "в графе «Источник финансирования» пункта 2.1 слово «Областной» заменить словом «Федеральный»."
    ]


def test_a_section_total_is_restated_as_its_row_alone():
    import dataclasses

    def edit(plan):
        plan = _with_measure(plan, 0, 1, values=_values(plan.sections[0].measures[1], amount="900,0"))
        sections = list(plan.sections)
        sections[0] = dataclasses.replace(sections[0], total=(("amount", "2 150,0"),))
        return dataclasses.replace(plan, sections=tuple(sections))

    old, new = _schedule_editions(edit)
    items, problems = _amendment(old, new)
    assert problems == []
    total = next(i for i in items if "Итого" in i.text)
    assert total.text == "строку «Итого по разделу» раздела 1 изложить в следующей редакции:"
    assert total.rows == [["«", "Итого по разделу", "", "2 150,0", "", "", "", "", "»."]]


@given(st.data())
def test_any_edit_of_extra_columns_is_worded_and_proved(data):
    """Random changes of values, quarter marks, rows added and removed: the wording, read
    back and applied to the old edition, gives the new one."""
    import dataclasses

    from generator import model as m

    def edit(plan):
        for _ in range(data.draw(st.integers(1, 4))):
            s = data.draw(st.integers(0, len(plan.sections) - 1))
            measures = list(plan.sections[s].measures)
            action = data.draw(st.sampled_from(["value", "mark", "add", "remove"]))
            k = data.draw(st.integers(0, len(measures) - 1))
            if action == "value":
                amount = data.draw(st.decimals(0, 5000, places=1).map(lambda d: f"{d:.1f}".replace(".", ",")))
                measures[k] = dataclasses.replace(measures[k], values=_values(measures[k], amount=amount))
            elif action == "mark":
                key = data.draw(st.sampled_from(["q1", "q2", "q3", "q4"]))
                mark = data.draw(st.sampled_from(["+", "", "х"]))
                measures[k] = dataclasses.replace(measures[k], values=_values(measures[k], **{key: mark}))
            elif action == "add":
                measures.insert(
                    k + 1,
                    m.Measure(
                        (m.Paragraph("Закупка учебного оборудования для мастерских"),),
                        responsible=("Руководители ОО",),
                        values=(("funding_source", "Местный бюджет"), ("amount", "75,0"), ("q4", "+")),
                    ),
                )
            elif len(measures) > 1:
                measures.pop(k)
            sections = list(plan.sections)
            sections[s] = dataclasses.replace(sections[s], measures=tuple(measures))
            plan = dataclasses.replace(plan, sections=tuple(sections))
        return plan

    old, new = _schedule_editions(edit)
    if old == new:
        return
    items, problems = _amendment(old, new)
    assert items and problems == [], [i.text for i in items]


def test_the_comparison_table_and_the_redline_show_changed_columns(tmp_path):
    """prikaz diff on an edition whose amount and funding source changed: the lawyer sees
    both under their column titles, and the redline carries them as tracked changes."""
    import zipfile

    folder = tmp_path / "primer"
    shutil.copytree(CONTENT / "primer", folder)
    text = (folder / "plan-schedule.yaml").read_text(encoding="utf-8")
    edition = "id: plan-schedule-ed2\nedition: {follows: plan-schedule, kind: amendment}"
    text = text.replace("id: plan-schedule", edition)
    text = text.replace('amount: "840,5"', 'amount: "900,0"').replace('"2 090,5"', '"2 150,0"')
    (folder / "plan-schedule-ed2.yaml").write_text(text, encoding="utf-8")
    result = run_prikaz(
        "diff",
        str(folder / "plan-schedule.yaml"),
        str(folder / "plan-schedule-ed2.yaml"),
        "-o",
        str(tmp_path / "out"),
        "--redline",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "out" / "primer" / "plan-schedule-ed2.comparison.html").read_text(encoding="utf-8")
    assert "Объём финансирования, тыс. руб.:" in page and "<del>840</del>" in page
    assert "<ins>900</ins>" in page and "Строку «Итого по разделу» раздела 1" in page
    with zipfile.ZipFile(tmp_path / "out" / "primer" / "plan-schedule-ed2.redline.docx") as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    deleted = "".join(re.findall(r"<w:delText[^>]*>([^<]*)</w:delText>", xml))
    inserted = "".join(re.findall(r"<w:ins [^>]*>.*?</w:ins>", xml, re.S))
    assert "840" in deleted and "090" in deleted
    assert "900" in inserted and "150" in inserted
