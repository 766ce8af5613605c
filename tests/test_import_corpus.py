"""A corpus of Word variants of every bundled plan, made by the tests: the way real files
differ from the ones prikaz writes. Each variant must import with every measure (number,
text, deadline, units) or fail loudly, and every paragraph and table row of the file must
be carried over or named in the report.

Two makers: `write_foreign` writes an order and its plan with python-docx in another style
(Normal style only, typed or automatic numbers, annex headers in every form, units
separated otherwise, an extra column, the table split into several Word tables); the
`built` DOCX are edited at the XML level (tracked changes, bookmarks, fields, comments)
or re-saved by LibreOffice.
"""

from __future__ import annotations

import copy
import random
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import normalize, printed
from factories import add_text_box, measure_rows
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# (department, plan id, the order that approves it or None)
PLANS = [
    ("noglik", "plan-msoko", "order-2020-427"),
    ("novosibirsk", "plan-2020", "order-2020-0212"),
    ("novosibirsk", "plan-2020-ed2", None),
    ("pogranichny", "plan-msoko", None),
]


# --- what a plan holds, as a reader compares it ---------------------------------------


def outline(plan) -> list[tuple]:
    # Two contents compared by what they print: units that differ only in quotes are one unit
    # after import (the report says so), and print the same.
    return measure_rows(plan, printed)


def import_plan(source: Path, folder: Path):
    """Import in process, load what was written: (imported, the plan, the department)."""
    from generator import model as m
    from generator.importer.run import import_docx, validate, write
    from generator.load import load

    imported = import_docx(str(source))
    validate(imported, str(folder))
    write(imported, str(folder))
    dep = load([str(folder)])[0]
    plans = [d for d in dep.documents if isinstance(d, m.Plan)]
    assert len(plans) == 1, imported.report.lines()
    return imported, plans[0], dep


def points(order) -> list[str]:
    from generator import model as m

    return [normalize(m.plain_text(p.text)) for p in order.points]


def assert_accounted(imported) -> None:
    """Every unit carried over or reported by the parsers; the final check found nothing."""
    ledger = imported.accounting
    assert ledger.units == ledger.carried + ledger.reported + ledger.unaccounted
    assert ledger.unaccounted == 0, [line for line in imported.report.lines() if "не перенес" in line]


# --- python-docx, another style --------------------------------------------------------


@dataclass
class Style:
    # annex | none | number | one-line | approved | approved-undated | approval-block | table | text-box
    header: str = "annex"
    separator: str = ", "  # how units are joined in a cell: ", " | "; " | "\n" (one paragraph each)
    numbered_points: str = "typed"  # typed | word (Word's automatic numbering)
    extra: str | None = None  # an extra column's title
    splits: list[int] = field(default_factory=list)  # body rows after which a new Word table starts
    repeat: str = "none"  # none | text | flag: the header repeated in continuation tables
    page_break: bool = True  # the annex starts on a new page
    word_numbers: bool = False  # measure numbers by Word's automatic numbering, restarted per section
    mixed_quotes: bool = False  # every other cell writes a unit's "quotes" as «ёлочки»
    comments: bool = False  # reviewers' comments on the title and on a measure
    other_grid: bool = False  # continuation tables laid out on a grid of one more column
    command_inline: bool = False  # «ПРИКАЗЫВАЮ: 1. Утвердить …» in one paragraph
    executor: bool = False  # «Исп. …, тел. …» under the order's signature


def write_foreign(dep, plan, order, style: Style, path: Path) -> None:
    """An order (the bundled one, or one made up) and its plan, typed in Word by a clerk."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH as ALIGN
    from docx.shared import Pt

    from generator import model as m

    doc = Document()
    doc.styles["Normal"].font.name = "Times New Roman"
    doc.styles["Normal"].font.size = Pt(12)

    def para(text="", bold=False, align=None, style_name=None):
        paragraph = doc.add_paragraph(style=style_name)
        lines = text.split("\n")
        for k, line in enumerate(lines):
            run = paragraph.add_run(line)
            run.bold = bold
            if k < len(lines) - 1:
                run.add_break()
        if align is not None:
            paragraph.alignment = align
        return paragraph

    org = dep.organization
    date = order.date.strftime("%d.%m.%Y") if order else "01.09.2021"
    number = order.number if order else "15-од"
    for line in org.letterhead:
        para(line, bold=True, align=ALIGN.CENTER)
    para("ПРИКАЗ", bold=True, align=ALIGN.CENTER)
    para(f"{date}\t\t\t\t\t№ {number}")
    para(order.title if order else f"Об утверждении плана «{plan.title}»", bold=True)
    para("В целях организации работы")
    points = (
        [m.plain_text(p.text) for p in order.points]
        if order
        else ["Утвердить план мероприятий (приложение).", "Контроль за исполнением приказа оставляю за собой."]
    )
    if not style.command_inline:
        para("ПРИКАЗЫВАЮ:")
    for k, point in enumerate(points, start=1):
        if style.command_inline and k == 1:
            para(f"ПРИКАЗЫВАЮ: 1. {point}".replace("\n", " "))
        elif style.numbered_points == "word":
            para(point.replace("\n", " "), style_name="List Number")
        else:
            para(f"{k}. {point}".replace("\n", " "))
    para("")
    para("Начальник управления образования\t\t\tИ.И. Петрова")
    if style.executor:
        para("Исп. Сидорова А.А., тел. 2-22-22")
    genitive = org.name_genitive
    headers = {
        "annex": ["Приложение", f"к приказу {genitive}", f"от {date} № {number}"],
        "none": [],
        "number": ["Приложение № 1"],
        "one-line": [f"Приложение 1 к приказу {genitive} от {date} № {number}"],
        "approved": ["УТВЕРЖДЕН", f"приказом {genitive}", f"от {date} № {number}"],
        "approved-undated": [f"УТВЕРЖДЕНА приказом {genitive}"],
        "approval-block": ["УТВЕРЖДАЮ", "Начальник управления", "____________ И.И. Петрова", "«___» ________ 2021 г."],
        "table": [],
        "text-box": [],
    }[style.header]
    if style.header == "text-box":  # the approval block in a text box, as Word writes one
        anchor = para("")
        if style.page_break:
            anchor.paragraph_format.page_break_before = True
        add_text_box(anchor, ["УТВЕРЖДЕН", f"приказом {genitive}", f"от {date} № {number}"])
    if style.header == "table":  # an approval block in the right-hand cell of a borderless table
        grid = doc.add_table(rows=1, cols=2)
        grid.cell(0, 1).text = f"УТВЕРЖДЕН\nприказом {genitive}\nот {date} № {number}"
    first = True
    for line in headers:
        p = para(line, align=ALIGN.RIGHT)
        if first and style.page_break:
            p.paragraph_format.page_break_before = True
        first = False
    title = para(plan.title, bold=True, align=ALIGN.CENTER)
    if not headers and style.page_break and style.header not in ("table", "text-box"):
        title.paragraph_format.page_break_before = True
    plan_table(doc, plan, style)
    para("")
    para("Начальник отдела\t\t\tА.А. Сидоров")
    if style.comments:
        doc.add_comment(title.runs, text="Уточнить название", author="Юрист", initials="Ю")
        cell = doc.tables[-1].rows[-1].cells[1].paragraphs[0]
        doc.add_comment(cell.runs, text="Срок?", author="Юрист", initials="Ю")
    doc.save(str(path))


def plan_table(doc, plan, style: Style) -> None:
    from generator import model as m
    from generator.numbering import NumberedMeasure, plan_outline

    numbers = WordNumbers(doc) if style.word_numbers else None

    titles = ["№ п/п", "Наименование мероприятия", "Срок исполнения", "Ответственные"]
    if style.extra:
        titles.append(style.extra)
    width = len(titles)
    rows: list[tuple[str, list[str]]] = []  # (kind, cells)
    for item in plan_outline(plan):
        if isinstance(item, NumberedMeasure):
            measure = item.measure
            units = list(measure.responsible)
            if style.mixed_quotes and len(rows) % 2:
                units = [re.sub(r'"([^"]*)"', r"«\1»", u) for u in units]
            number = numbers.label(item.depth) if numbers else item.number
            cells = [number, m.plain_text(measure.text), measure.deadline or "", style.separator.join(units)]
            if style.extra:
                cells.append("Выполнено" if len(rows) % 3 == 0 else "")
            rows.append(("measure", cells))
        else:
            title = f"{item.number} {item.section.title}" if item.number else item.section.title
            rows.append(("section", [title]))
            if numbers:
                numbers.restart()

    def new_table(with_header: bool, grid: int = width):
        table = doc.add_table(rows=0, cols=grid)
        table.style = "Table Grid"
        if with_header:
            header_row(table)
        return table

    def add_row(table):
        cells = table.add_row().cells
        if len(cells) > width:  # the last column spans the two last grid columns
            cells[-2].merge(cells[-1])
            return list(cells[: width - 1]) + [cells[-2]]
        return cells

    def header_row(table, flag=False):
        cells = add_row(table)
        for cell, text in zip(cells, titles):
            cell.text = text
        if flag:
            trpr = table.rows[-1]._tr.get_or_add_trPr()
            trpr.append(trpr.makeelement(W + "tblHeader", {}))

    table = new_table(True)
    for k, (kind, cells) in enumerate(rows):
        if k in style.splits:
            doc.add_paragraph()
            table = new_table(False, width + 1 if style.other_grid else width)
            if style.repeat == "retyped":  # the header typed again, one title shortened
                for cell, text in zip(add_row(table), ["№"] + titles[1:]):
                    cell.text = text
            elif style.repeat == "bold":  # the header worded otherwise, in bold
                for cell, text in zip(add_row(table), ["№", "Мероприятия", "Сроки", "Исполнители"]):
                    cell.paragraphs[0].add_run(text).bold = True
            elif style.repeat != "none":
                header_row(table, flag=style.repeat == "flag")
        row = add_row(table)
        if kind == "section":
            merged = row[0].merge(row[-1])
            merged.paragraphs[0].add_run(cells[0]).bold = True
            continue
        for cell, text in zip(row, cells):
            if isinstance(text, tuple):  # (numId, level): Word prints the number
                numpr = cell.paragraphs[0]._p.get_or_add_pPr().get_or_add_numPr()
                numpr.get_or_add_ilvl().val = text[1]
                numpr.get_or_add_numId().val = text[0]
                continue
            lines = text.split("\n")
            cell.paragraphs[0].add_run(lines[0])
            for line in lines[1:]:
                cell.add_paragraph(line)


class WordNumbers:
    """A multi-level Word list «1.», «1.1.», «1.1.1.», a new instance (so counting from 1)
    for every section."""

    def __init__(self, doc):
        self.root = doc.part.numbering_part.element
        abstract = _el("w:abstractNum", {"abstractNumId": "90"})
        for level in range(3):
            lvl = _el("w:lvl", {"ilvl": str(level)})
            lvl.append(_el("w:start", {"val": "1"}))
            lvl.append(_el("w:numFmt", {"val": "decimal"}))
            lvl.append(_el("w:lvlText", {"val": "".join(f"%{k + 1}." for k in range(level + 1))}))
            abstract.append(lvl)
        first_num = self.root.find(W + "num")
        (first_num.addprevious if first_num is not None else self.root.append)(abstract)
        self.num_id = 100

    def restart(self) -> None:
        self.num_id += 1
        num = _el("w:num", {"numId": str(self.num_id)})
        num.append(_el("w:abstractNumId", {"val": "90"}))
        self.root.append(num)

    def label(self, depth: int) -> tuple[int, int]:
        return self.num_id, depth - 1


def word_numbered(plan):
    """The plan as Word's automatic numbering prints it: typed numbers gone, sections
    unnumbered, measures «1.», «1.1.» restarted in every section."""
    import dataclasses

    from generator import model as m

    def measure(x):
        return dataclasses.replace(x, number=None, children=tuple(measure(c) for c in x.children))

    def section(s):
        return dataclasses.replace(
            s,
            number=None,
            numbered=False,
            measures=tuple(measure(x) for x in s.measures),
            sections=tuple(section(c) for c in s.sections),
        )

    return dataclasses.replace(
        plan, numbering=m.Numbering("unnumbered", "restart", True), sections=tuple(section(s) for s in plan.sections)
    )


def body_rows(plan) -> int:
    from generator.numbering import plan_outline

    return sum(1 for _ in plan_outline(plan))


def find_order(dep, order_id):
    return dep.document(order_id) if order_id else None


# --- the variants ------------------------------------------------------------------------

VARIANTS = {
    "annex-header": Style(),
    "no-header-new-page": Style(header="none"),
    "no-header-no-break": Style(header="none", page_break=False),
    "number-alone": Style(header="number"),
    "one-line": Style(header="one-line"),
    "approved": Style(header="approved"),
    "approved-undated": Style(header="approved-undated"),
    "approval-block": Style(header="approval-block"),
    "header-in-a-table": Style(header="table"),
    "header-in-a-text-box": Style(header="text-box"),
    "comments": Style(comments=True),
    "continued-on-another-grid": Style(splits=[5, 12], other_grid=True),
    "command-with-the-first-point": Style(command_inline=True),
    "executor-under-the-signature": Style(executor=True, header="none"),
    "continued-with-its-own-bold-header": Style(splits=[7], repeat="bold"),
    "continued-with-the-header-retyped": Style(splits=[4, 9], repeat="retyped"),
    "units-semicolon": Style(separator="; "),
    "units-lines": Style(separator="\n"),
    "word-numbered-points": Style(numbered_points="word"),
    "extra-column-empty": Style(extra="Отметка о выполнении"),
    "extra-column-filled": Style(extra="Ожидаемый результат"),
}


@pytest.mark.parametrize("folder, plan_id, order_id", PLANS)
def test_word_numbered_measures(departments, tmp_path, folder, plan_id, order_id):
    """Measure numbers printed by Word's automatic numbering (numPr) in the table's cells."""
    dep = departments[folder]
    plan = word_numbered(dep.document(plan_id))
    source = tmp_path / "source.docx"
    write_foreign(dep, plan, find_order(dep, order_id), Style(word_numbers=True), source)
    imported, got, _ = import_plan(source, tmp_path / "org")
    assert outline(got) == outline(plan)
    assert_accounted(imported)


def test_units_differing_only_in_quotes_are_one_unit(departments, tmp_path):
    dep = departments["novosibirsk"]
    plan = dep.document("plan-2020")
    source = tmp_path / "source.docx"
    write_foreign(dep, plan, dep.document("order-2020-0212"), Style(mixed_quotes=True), source)
    imported, got, loaded = import_plan(source, tmp_path / "org")
    assert outline(got) == outline(plan)
    names = [normalize(u.name) for u in loaded.organization.units]
    assert len(names) == len(set(names))
    assert any(n.severity == "differs" and "только кавычками" in n.message for n in imported.report.notes)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("folder, plan_id, order_id", PLANS[:2])
def test_foreign_variant_recovers_every_measure(departments, tmp_path, folder, plan_id, order_id, variant):
    from generator import model as m

    dep = departments[folder]
    plan = dep.document(plan_id)
    source = tmp_path / "source.docx"
    write_foreign(dep, plan, find_order(dep, order_id), VARIANTS[variant], source)
    imported, got, loaded = import_plan(source, tmp_path / "org")
    assert outline(got) == outline(plan)
    assert_accounted(imported)
    order = next(d for d in loaded.documents if isinstance(d, m.Order))
    assert points(order) == points(dep.document(order_id))
    assert loaded.organization.signatory(order.signatory).name == "И.И. Петрова"
    if variant == "command-with-the-first-point":
        assert any(n.severity == "differs" and "отдельной строкой" in n.message for n in imported.report.notes)
    if variant == "executor-under-the-signature":
        assert any("Исп. Сидорова" in n.message for n in imported.report.notes)
    if variant == "comments":
        assert any("примечания рецензентов" in line and "2" in line for line in imported.report.lines())
    if variant.startswith("no-header"):
        assert any(n.severity == "differs" and "нет шапки" in n.message for n in imported.report.notes)


@pytest.mark.parametrize("folder, plan_id, order_id", PLANS[:2])
def test_a_header_in_a_text_box_is_read_as_if_typed_on_the_page(departments, tmp_path, folder, plan_id, order_id):
    """The same «УТВЕРЖДЕН …» lines typed on the page and put in a text box: the import
    counts, carries and reports the same units, so nothing in a text box is lost unseen."""
    dep = departments[folder]
    plan = dep.document(plan_id)
    ledgers = {}
    for variant in ("approved", "header-in-a-text-box"):
        source = tmp_path / f"{variant}.docx"
        write_foreign(dep, plan, find_order(dep, order_id), VARIANTS[variant], source)
        imported, got, _ = import_plan(source, tmp_path / variant)
        assert outline(got) == outline(plan)
        ledger = imported.accounting
        ledgers[variant] = (ledger.units, ledger.carried, ledger.reported, imported.report.lines())
    assert ledgers["header-in-a-text-box"] == ledgers["approved"]


@pytest.mark.parametrize("folder, plan_id, order_id", PLANS)
def test_every_plan_with_units_by_comma_and_split_tables(departments, tmp_path, folder, plan_id, order_id):
    """Every bundled plan, its table split in three (no repeated header, then a repeated one)."""
    dep = departments[folder]
    plan = dep.document(plan_id)
    rows = body_rows(plan)
    style = Style(splits=[rows // 3, 2 * rows // 3], repeat="text")
    source = tmp_path / "source.docx"
    write_foreign(dep, plan, find_order(dep, order_id), style, source)
    imported, got, _ = import_plan(source, tmp_path / "org")
    assert outline(got) == outline(plan)
    assert_accounted(imported)


# --- the regulation, in another style ---------------------------------------------------


def clause_words(regulation) -> list[tuple]:
    """(number, words) of every chapter and clause, definitions as «термин – определение» lines."""
    from generator import model as m
    from generator.numbering import NumberedChapter, regulation_outline

    result = []
    for item in regulation_outline(regulation):
        if isinstance(item, NumberedChapter):
            result.append((item.number, normalize(item.chapter.title + " " + m.plain_text(item.chapter.text))))
            continue
        lines = [m.plain_text(item.clause.text)] + [f"{d.term} – {d.definition}" for d in item.clause.definitions]
        result.append((item.number, normalize(" ".join(lines))))
    return result


def write_foreign_regulation(dep, regulation, header: str, path: Path) -> None:
    """A made-up order approving the regulation, then the regulation typed in Word: bold
    numbered chapter headings, clauses as paragraphs starting with their numbers."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH as ALIGN

    from generator import model as m
    from generator.numbering import NumberedChapter, regulation_outline

    doc = Document()

    def para(text, bold=False, align=None):
        paragraph = doc.add_paragraph()
        paragraph.add_run(text).bold = bold
        if align is not None:
            paragraph.alignment = align
        return paragraph

    for line in dep.organization.letterhead:
        para(line, bold=True, align=ALIGN.CENTER)
    para("ПРИКАЗ", bold=True, align=ALIGN.CENTER)
    para("12.01.2022\t\t\t\t№ 7-од")
    para(f"Об утверждении документа «{regulation.title}»", bold=True)
    para("ПРИКАЗЫВАЮ:")
    para("1. Утвердить положение (приложение).")
    para("2. Контроль за исполнением приказа оставляю за собой.")
    para("Начальник управления\t\t\tВ.В. Смирнова")
    genitive = dep.organization.name_genitive
    lines = {
        "annex": ["Приложение", f"к приказу {genitive}", "от 12.01.2022 № 7-од"],
        "none": [],
        "number": ["Приложение № 1"],
        "approved": ["УТВЕРЖДЕНО", f"приказом {genitive}", "от 12.01.2022 № 7-од"],
        "one-line": [f"Приложение 1 к приказу {genitive} от 12.01.2022 № 7-од"],
    }[header]
    for k, line in enumerate(lines):
        para(line, align=ALIGN.RIGHT).paragraph_format.page_break_before = k == 0
    para(regulation.title, bold=True, align=ALIGN.CENTER).paragraph_format.page_break_before = not lines
    for item in regulation_outline(regulation):
        if isinstance(item, NumberedChapter):
            para(f"{item.number} {item.chapter.title}", bold=True)
            for line in m.plain_text(item.chapter.text).split("\n") if item.chapter.text else []:
                para(line)
            continue
        text = m.plain_text(item.clause.text).split("\n") if item.clause.text else [""]
        para(f"{item.number} {text[0]}".strip())
        for line in text[1:] + [f"{d.term} – {d.definition}" for d in item.clause.definitions]:
            para(line)
    doc.save(str(path))


@pytest.mark.parametrize("header", ["annex", "none", "number", "approved", "one-line"])
def test_foreign_regulation(departments, tmp_path, header):
    from generator import model as m
    from generator.importer.run import import_docx, validate, write
    from generator.load import load

    dep = departments["taimyr"]
    regulation = dep.document("regulation-msoko")
    source = tmp_path / "source.docx"
    write_foreign_regulation(dep, regulation, header, source)
    imported = import_docx(str(source))
    validate(imported, str(tmp_path / "org"))
    write(imported, str(tmp_path / "org"))
    got = next(d for d in load([str(tmp_path / "org")])[0].documents if isinstance(d, m.Regulation))
    assert clause_words(got) == clause_words(regulation)
    assert_accounted(imported)


def _append_regulation(path: Path, regulation) -> None:
    """The regulation typed after what `path` holds, from a new page, without a header."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH as ALIGN

    from generator import model as m
    from generator.numbering import NumberedChapter, regulation_outline

    doc = Document(str(path))
    title = doc.add_paragraph()
    title.add_run(regulation.title).bold = True
    title.alignment = ALIGN.CENTER
    title.paragraph_format.page_break_before = True
    for item in regulation_outline(regulation):
        if isinstance(item, NumberedChapter):
            doc.add_paragraph().add_run(f"{item.number} {item.chapter.title}").bold = True
            for line in m.plain_text(item.chapter.text).split("\n") if item.chapter.text else []:
                doc.add_paragraph(line)
            continue
        text = m.plain_text(item.clause.text).split("\n") if item.clause.text else [""]
        doc.add_paragraph(f"{item.number} {text[0]}".strip())
        for line in text[1:] + [f"{d.term} – {d.definition}" for d in item.clause.definitions]:
            doc.add_paragraph(line)
    doc.save(str(path))


def _append_plan(path: Path, plan) -> None:
    """The plan typed after what `path` holds, from a new page (a page break of its own),
    without a header."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH as ALIGN

    doc = Document(str(path))
    doc.add_page_break()
    title = doc.add_paragraph()
    title.add_run(plan.title).bold = True
    title.alignment = ALIGN.CENTER
    plan_table(doc, plan, Style())
    doc.save(str(path))


@pytest.mark.parametrize("plan_first", [True, False], ids=["plan-then-regulation", "regulation-then-plan"])
def test_annexes_of_two_kinds_without_headers_are_two_documents(departments, tmp_path, plan_first):
    """An order's two annexes printed one after another, each from a new page, neither
    with a header: a plan and a regulation, each imported whole, nothing left over."""
    from generator import model as m

    dep = departments["noglik"]
    plan = dep.document("plan-msoko")
    regulation = departments["taimyr"].document("regulation-msoko")
    source = tmp_path / "source.docx"
    if plan_first:
        write_foreign(dep, plan, find_order(dep, "order-2020-427"), Style(header="none"), source)
        _append_regulation(source, regulation)
    else:
        write_foreign_regulation(dep, regulation, "none", source)
        _append_plan(source, plan)
    imported, got, loaded = import_plan(source, tmp_path / "org")
    kinds = [type(d).__name__ for d in loaded.documents if not isinstance(d, m.Order)]
    assert sorted(kinds) == ["Plan", "Regulation"]
    assert outline(got) == outline(plan)
    (imported_regulation,) = [d for d in loaded.documents if isinstance(d, m.Regulation)]
    assert clause_words(imported_regulation) == clause_words(regulation)
    (order,) = [d for d in loaded.documents if isinstance(d, m.Order)]
    assert len(order.annexes) == 2
    assert_accounted(imported)
    assert not [line for line in imported.report.lines() if "не перенесён" in line or "не относится" in line]


def test_two_plans_without_headers_are_two_documents(departments, tmp_path):
    """Two plans, each from a new page, neither with a header: the first ends with its
    signature, the second opens with its title: two plans, each whole."""
    from generator import model as m
    from generator.importer.run import import_docx, validate, write
    from generator.load import load

    dep = departments["noglik"]
    first = dep.document("plan-msoko")
    second = departments["novosibirsk"].document("plan-2020")
    source = tmp_path / "source.docx"
    write_foreign(dep, first, find_order(dep, "order-2020-427"), Style(header="none"), source)
    _append_plan(source, second)
    imported = import_docx(str(source))
    validate(imported, str(tmp_path / "org"))
    write(imported, str(tmp_path / "org"))
    plans = [d for d in load([str(tmp_path / "org")])[0].documents if isinstance(d, m.Plan)]
    assert [outline(p) for p in plans] == [outline(first), outline(second)]
    assert_accounted(imported)


def test_a_section_on_a_new_page_stays_in_its_plan(departments, tmp_path):
    """A page break inside a plan (no signature before it): still one plan."""
    from docx import Document

    dep = departments["novosibirsk"]
    plan = dep.document("plan-2020")
    source = tmp_path / "source.docx"
    write_foreign(dep, plan, find_order(dep, "order-2020-0212"), Style(splits=[6], repeat="retyped"), source)
    doc = Document(str(source))
    second_table = doc.tables[-1]._tbl
    second_table.addprevious(_page_break_paragraph())
    doc.save(str(source))
    _, got, _ = import_plan(source, tmp_path / "org")
    assert outline(got) == outline(plan)


def _page_break_paragraph():
    from docx.oxml import parse_xml

    return parse_xml(
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:r><w:br w:type="page"/></w:r></w:p>'
    )


# --- split tables: a property over split points ------------------------------------------


@pytest.fixture(scope="module")
def all_year(departments):
    """Novosibirsk's plan with every «В течение года» made «Весь период»: a data row then has
    a text with «мероприят…» and a deadline with «период», the words of a header."""
    from generator import model as m

    dep = departments["novosibirsk"]
    plan = dep.document("plan-2020")

    def fix(measure):
        import dataclasses

        deadline = "Весь период" if measure.deadline == "В течение года" else measure.deadline
        return dataclasses.replace(measure, deadline=deadline, children=tuple(fix(c) for c in measure.children))

    def fix_section(section):
        import dataclasses

        return dataclasses.replace(
            section,
            measures=tuple(fix(x) for x in section.measures),
            sections=tuple(fix_section(s) for s in section.sections),
        )

    import dataclasses

    changed = dataclasses.replace(plan, sections=tuple(fix_section(s) for s in plan.sections))
    assert sum(1 for row in outline(changed) if row[2] == "Весь период") >= 5
    assert isinstance(changed, m.Plan)
    return dep, changed


def _split_case(dep, plan, splits, repeat, tmp: Path) -> bool:
    source = tmp / "split.docx"
    write_foreign(dep, plan, dep.document("order-2020-0212"), Style(splits=sorted(splits), repeat=repeat), source)
    imported, got, _ = import_plan(source, tmp / "org")
    assert_accounted(imported)
    return outline(got) == outline(plan)


@pytest.mark.parametrize("repeat", ["none", "text", "flag"])
def test_split_at_fixed_points(all_year, tmp_path, repeat):
    dep, plan = all_year
    rows = body_rows(plan)
    for k, point in enumerate([1, 2, rows // 2, rows - 1]):
        case = tmp_path / f"{k}"
        case.mkdir()
        assert _split_case(dep, plan, [point], repeat, case), point


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_split_anywhere_is_exact(all_year, tmp_path_factory, data):
    """Two or three tables, split at any rows, with or without a repeated header."""
    dep, plan = all_year
    rows = body_rows(plan)
    splits = data.draw(st.sets(st.integers(1, rows - 1), min_size=1, max_size=2))
    repeat = data.draw(st.sampled_from(["none", "text", "flag"]))
    assert _split_case(dep, plan, splits, repeat, tmp_path_factory.mktemp("split"))


# --- the built DOCX edited: tracked changes, bookmarks, fields, comments ---------------------


def _cells_of_plan(document):
    body = document.element.body
    for tbl in body.iter(W + "tbl"):
        for tr in tbl.iter(W + "tr"):
            yield tr.findall(W + "tc")


def _el(tag: str, attrs: dict | None = None):
    from docx.oxml import OxmlElement

    element = OxmlElement(tag)
    for key, value in (attrs or {}).items():
        element.set(W + key, value)
    return element


def edit_tracked_changes(document) -> None:
    """Unaccepted revisions: the first run of every text cell inserted (kept), a deleted run
    with words that must not appear, and a whole deleted row."""
    stamp = {"id": "1", "author": "Рецензент", "date": "2021-01-01T00:00:00Z"}
    for n, cells in enumerate(_cells_of_plan(document)):
        if len(cells) < 4:
            continue
        p = cells[1].find(W + "p")
        runs = p.findall(W + "r") if p is not None else []
        if not runs:
            continue
        ins = _el("w:ins", {**stamp, "id": str(1000 + n)})
        runs[0].addprevious(ins)
        ins.append(runs[0])
        deleted = _el("w:del", {**stamp, "id": str(5000 + n)})
        run = _el("w:r")
        text = _el("w:delText")
        text.text = " УДАЛЁННЫЕ СЛОВА"
        run.append(text)
        deleted.append(run)
        p.append(deleted)
    table = next(document.element.body.iter(W + "tbl"))
    extra = copy.deepcopy(table.findall(W + "tr")[-1])
    trpr = extra.find(W + "trPr")
    if trpr is None:
        trpr = _el("w:trPr")
        extra.insert(0, trpr)
    trpr.append(_el("w:del", {**stamp, "id": "9999"}))
    for t in extra.iter(W + "t"):
        t.text = "СТРОКА УДАЛЕНА"
    table.append(extra)


def edit_bookmarks_fields_comments(document) -> None:
    """Bookmarks around runs, a field result wrapping a run, comment marks (no text)."""
    for n, p in enumerate(document.element.body.iter(W + "p")):
        runs = p.findall(W + "r")
        if not runs:
            continue
        runs[0].addprevious(_el("w:bookmarkStart", {"id": str(n), "name": f"_Ref{n}"}))
        runs[-1].addnext(_el("w:bookmarkEnd", {"id": str(n)}))
        if n % 3 == 0:
            field = _el("w:fldSimple", {"instr": " MERGEFIELD поле "})
            runs[0].addprevious(field)
            field.append(runs[0])
        if n % 4 == 0:
            p.insert(1, _el("w:commentRangeStart", {"id": str(n)}))
            p.append(_el("w:commentRangeEnd", {"id": str(n)}))
            ref = _el("w:r")
            ref.append(_el("w:commentReference", {"id": str(n)}))
            p.append(ref)


@pytest.mark.parametrize("edit", [edit_tracked_changes, edit_bookmarks_fields_comments])
@pytest.mark.parametrize(
    "folder, plan_id, name", [("noglik", "plan-msoko", "order-2020-427"), ("pogranichny", "plan-msoko", "plan-msoko")]
)
def test_built_file_edited(built, departments, tmp_path, folder, plan_id, name, edit):
    from docx import Document

    document = Document(str(built / folder / f"{name}.docx"))
    edit(document)
    source = tmp_path / f"{name}.docx"
    document.save(str(source))
    imported, got, _ = import_plan(source, tmp_path / "org")
    assert outline(got) == outline(departments[folder].document(plan_id))
    assert_accounted(imported)
    yaml = "".join(imported.files.values())
    assert "УДАЛЁННЫЕ" not in yaml and "СТРОКА УДАЛЕНА" not in yaml
    if edit is edit_tracked_changes:
        assert imported.tracked_changes > 0
        assert any("неподтверждённые исправления" in line for line in imported.report.lines())


# --- LibreOffice: re-saved as DOCX, and .odt → .docx --------------------------------------


@pytest.fixture(scope="module")
def libreoffice_copies(built, departments, tmp_path_factory):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) не установлен")
    out = tmp_path_factory.mktemp("lo")
    dep = departments["noglik"]
    write_foreign(
        dep,
        dep.document("plan-msoko"),
        dep.document("order-2020-427"),
        Style(header="none", splits=[10, 40], repeat="flag", separator="\n"),
        out / "foreign.docx",
    )
    names = [
        "noglik/order-2020-427.docx",
        "taimyr/regulation-msoko.docx",
        "pogranichny/plan-msoko.docx",
        str(out / "foreign.docx"),
    ]
    profile = f"-env:UserInstallation=file://{out / 'profile'}"
    for folder in ("resaved", "odt", "fromodt"):
        (out / folder).mkdir()
    sources = [str(built / n) for n in names]  # an absolute name stays as it is
    run = [soffice, profile, "--headless", "--convert-to"]
    subprocess.run(
        run + ["docx:MS Word 2007 XML", "--outdir", str(out / "resaved"), *sources],
        capture_output=True,
        timeout=300,
        check=True,
    )
    subprocess.run(run + ["odt", "--outdir", str(out / "odt"), *sources], capture_output=True, timeout=300, check=True)
    odts = sorted(str(p) for p in (out / "odt").glob("*.odt"))
    subprocess.run(
        run + ["docx:MS Word 2007 XML", "--outdir", str(out / "fromodt"), *odts],
        capture_output=True,
        timeout=300,
        check=True,
    )
    return out


@pytest.mark.parametrize("kind", ["resaved", "fromodt"])
@pytest.mark.parametrize(
    "folder, plan_id, name",
    [
        ("noglik", "plan-msoko", "order-2020-427"),
        ("pogranichny", "plan-msoko", "plan-msoko"),
        ("noglik", "plan-msoko", "foreign"),
    ],
)
def test_libreoffice_copies_of_plans(libreoffice_copies, departments, tmp_path, kind, folder, plan_id, name):
    imported, got, _ = import_plan(libreoffice_copies / kind / f"{name}.docx", tmp_path / "org")
    assert outline(got) == outline(departments[folder].document(plan_id))
    assert_accounted(imported)


@pytest.mark.parametrize("kind", ["resaved", "fromodt"])
def test_libreoffice_copies_of_a_regulation(libreoffice_copies, departments, tmp_path, kind):
    from generator import model as m
    from generator.importer.run import import_docx, validate, write
    from generator.load import load
    from generator.numbering import NumberedClause, regulation_outline

    def clauses(regulation):
        return [
            (item.number, printed(m.plain_text(item.clause.text)))  # as both print
            for item in regulation_outline(regulation)
            if isinstance(item, NumberedClause)
        ]

    imported = import_docx(str(libreoffice_copies / kind / "regulation-msoko.docx"))
    validate(imported, str(tmp_path / "org"))
    write(imported, str(tmp_path / "org"))
    got = next(d for d in load([str(tmp_path / "org")])[0].documents if isinstance(d, m.Regulation))
    assert clauses(got) == clauses(departments["taimyr"].document("regulation-msoko"))
    assert_accounted(imported)


# --- what prikaz prints differently is said ---------------------------------------------------


def test_differences_are_reported(departments, tmp_path):
    """«приказываю:» at the end of the preamble, an annex header prikaz words otherwise."""
    dep = departments["noglik"]
    source = tmp_path / "source.docx"
    write_foreign(dep, dep.document("plan-msoko"), dep.document("order-2020-427"), Style(header="one-line"), source)
    imported, _, _ = import_plan(source, tmp_path / "org")
    differs = [n for n in imported.report.notes if n.severity == "differs"]
    assert differs and all(n.where.startswith("абзац") for n in differs)
    assert "prikaz напечатает иначе" in "\n".join(imported.report.lines())


def test_random_rows_never_vanish(departments, tmp_path):
    """Rows shuffled across three tables at random points: the count of rows in = measures out."""
    dep = departments["pogranichny"]
    plan = dep.document("plan-msoko")
    rows = body_rows(plan)
    rng = random.Random(12)
    splits = sorted(rng.sample(range(1, rows), 2))
    source = tmp_path / "source.docx"
    write_foreign(dep, plan, None, Style(splits=splits, repeat="flag", separator="; "), source)
    imported, got, _ = import_plan(source, tmp_path / "org")
    assert outline(got) == outline(plan)
    assert_accounted(imported)


# --- the ledger on any arrangement of blocks -------------------------------------------------

PIECES = [
    ("p", "ПРИКАЗ"),
    ("p", "15.03.2021\t\t№ 12"),
    ("p", "О мерах"),
    ("p", "ПРИКАЗЫВАЮ:"),
    ("p", "1. Утвердить план."),
    ("p", "2. Контроль оставляю за собой."),
    ("p", "Начальник\t\tИ.И. Петрова"),
    ("p", "Приложение № 1"),
    ("p", "УТВЕРЖДЕН приказом отдела от 15.03.2021 № 12"),
    ("p", "ПЛАН мероприятий"),
    ("p", "1. Общие положения"),
    ("p", "1.1. Текст пункта."),
    ("p", ""),
    ("p", "Исп. Сидорова, тел. 2-22-22"),
    ("p", "ПРИКАЗЫВАЮ: 1. Утвердить план."),
    ("p", "Приложение 2 к приказу отдела"),
    ("t", "plan"),
    ("t", "rows"),
    ("t", "other"),
    ("t", "grif"),
]


def _arranged(doc, pieces, rng) -> None:
    for kind, value in pieces:
        if kind == "p":
            paragraph = doc.add_paragraph()
            paragraph.add_run(value).bold = rng.random() < 0.3
            continue
        rows = {
            "plan": [["№", "Мероприятие", "Срок", "Ответственные"], ["1", "Совещание", "Весь период", "ОО"]],
            "rows": [["2", "Мероприятия по направлению", "Весь период", "МОУО"], ["3", "Анализ", "Май", "ИМЦ"]],
            "other": [["Фамилия", "Подпись"], ["Иванов", ""]],
            "grif": [["", "УТВЕРЖДЕН\nприказом отдела\nот 15.03.2021 № 12"]],
        }[value]
        table = doc.add_table(rows=0, cols=len(rows[0]))
        for row in rows:
            for cell, text in zip(table.add_row().cells, row):
                cell.text = text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(st.sampled_from(PIECES), min_size=1, max_size=25), seed=st.integers(0, 1000))
def test_any_arrangement_is_imported_or_refused_and_nothing_is_silent(tmp_path_factory, pieces, seed):
    """Whatever the order of the blocks: a Russian refusal, or every non-empty paragraph and
    table row carried over or named in the report."""
    from docx import Document

    from generator.errors import ContentError
    from generator.importer.run import import_docx, validate

    doc = Document()
    _arranged(doc, pieces, random.Random(seed))
    source = tmp_path_factory.mktemp("any") / "any.docx"
    doc.save(str(source))
    try:
        imported = import_docx(str(source))
    except ContentError as e:
        assert all(p.code == "file-unreadable" for p in e.problems)
        return
    validate(imported, str(source.parent / "org"))  # what is written loads
    ledger = imported.accounting
    units = sum(1 for kind, value in pieces if kind == "p" and value) + sum(
        1 if value == "grif" else 2 for kind, value in pieces if kind == "t"
    )
    assert ledger.units == units
    assert ledger.units == ledger.carried + ledger.reported + ledger.unaccounted
    notes = [n for n in imported.report.notes if n.message.startswith(("абзац не перенесён", "строка таблицы"))]
    assert len(notes) == ledger.unaccounted
