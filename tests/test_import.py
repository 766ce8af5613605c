"""`prikaz import`: DOCX → content YAML.

The bundled examples make the round trip build → import → build with the same text; DOCX
made independently of prikaz (python-docx in another style, LibreOffice from HTML) give
back every measure with its deadline and units; bad input is refused in Russian.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import normalize, printed, run_prikaz
from factories import measure_rows

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EXACT = [
    "noglik/order-2020-427.docx",
    "noglik/plan-msoko.docx",
    "novosibirsk/order-2020-0212.docx",
    "novosibirsk/plan-2020.docx",
    "pogranichny/plan-msoko.docx",
    "taimyr/regulation-msoko.docx",
]


def document_text(path: Path) -> list[str]:
    """Paragraphs and table rows in body order, normalised; empty paragraphs left out."""
    from docx import Document
    from docx.text.paragraph import Paragraph

    document = Document(str(path))
    lines = []
    for element in document.element.body.iterchildren():
        if element.tag == W + "p":
            text = normalize(Paragraph(element, document).text)
            if text:
                lines.append(text)
        elif element.tag == W + "tbl":
            for tr in element.iter(W + "tr"):
                cells = [
                    normalize(" ".join(Paragraph(p, document).text for p in tc.iter(W + "p")))
                    for tc in tr.findall(W + "tc")
                ]
                lines.append(" | ".join(cells))
    return lines


def import_and_build(source: Path, folder: Path, out: Path):
    """In process: import into `folder`, build it into `out`; (imported, built paths)."""
    from generator.build import build
    from generator.importer.run import import_docx, validate, write
    from generator.load import load

    imported = import_docx(str(source))
    validate(imported, str(folder))
    write(imported, str(folder))
    built = build(load([str(folder)]), str(out))
    return imported, {Path(b.path).name: Path(b.path) for b in built}


def plan_rows(folder: Path) -> list[tuple[str, str, str | None, tuple[str, ...]]]:
    """(number, first line of text, deadline, units) of every measure of the imported plan."""
    from generator import model as m
    from generator.load import load
    from generator.numbering import NumberedMeasure, plan_outline

    dep = load([str(folder)])[0]
    plan = next(d for d in dep.documents if isinstance(d, m.Plan))
    return [
        (item.number, m.plain_text(item.measure.text).splitlines()[0], item.measure.deadline, item.measure.responsible)
        for item in plan_outline(plan)
        if isinstance(item, NumberedMeasure)
    ]


# --- round trip on the bundled examples -------------------------------------------------


@pytest.mark.parametrize("name", EXACT)
def test_round_trip_gives_the_same_text(built, tmp_path, name):
    source = built / name
    imported, rebuilt = import_and_build(source, tmp_path / "org", tmp_path / "out")
    again = rebuilt[source.name]
    original = document_text(source)
    assert len(original) > 5
    assert document_text(again) == original
    assert not [n for n in imported.report.notes if n.severity == "unmapped" and "заготовка" not in n.message]


def _outline(plan, text=normalize) -> list[tuple]:
    return measure_rows(plan, text)


@pytest.mark.parametrize(
    "folder, plan_id, measures",
    [
        ("noglik", "plan-msoko", 101),
        ("novosibirsk", "plan-2020", 28),
        ("pogranichny", "plan-msoko", 208),
    ],
)
def test_round_trip_recovers_every_measure(built, departments, tmp_path, folder, plan_id, measures):
    """Numbers as printed (gaps and repeats too), deadlines and units, measure by measure."""
    from generator.load import load

    import_and_build(built / folder / f"{plan_id}.docx", tmp_path / "org", tmp_path / "out")
    # The import reads the printed document, so the original content is compared in its printed form.
    original = _outline(departments[folder].document(plan_id), text=printed)
    imported = _outline(next(d for d in load([str(tmp_path / "org")])[0].documents if d.id == plan_id))
    assert len(imported) == measures
    assert imported == original


def test_printed_numbers_stay_explicit(built, tmp_path):
    """Novosibirsk's plan prints 1, 2, 4, 5: the 4 and the 5 are kept as typed numbers."""
    import_and_build(built / "novosibirsk/plan-2020.docx", tmp_path / "org", tmp_path / "out")
    text = (tmp_path / "org" / "plan-2020.yaml").read_text(encoding="utf-8")
    assert text.startswith("format: 1\n")
    assert 'number: "4"' in text and 'number: "8."' in text
    organization = (tmp_path / "org" / "organization.yaml").read_text(encoding="utf-8")
    assert '"МКУДПО ГЦОиЗ «Магистр»"' in organization
    assert '"Руководители, кураторы ГМО"' in organization


def test_edition_line_and_amending_tables_are_reported(built, tmp_path):
    imported, rebuilt = import_and_build(built / "novosibirsk/plan-2020-ed2.docx", tmp_path / "a", tmp_path / "ao")
    original = document_text(built / "novosibirsk/plan-2020-ed2.docx")
    again = document_text(rebuilt["plan-2020-ed2.docx"])
    assert [line for line in original if line not in again] == ["(в ред. приказа от 15.04.2020 № 0415-09)"]
    assert any("(в ред." in n.message for n in imported.report.notes)
    amending, _ = import_and_build(built / "novosibirsk/order-2020-0415.docx", tmp_path / "b", tmp_path / "bo")
    tables = [n for n in amending.report.notes if n.where.startswith("таблица")]
    from generator.amend import compose
    from generator.load import load

    dep = load(["content/novosibirsk"])[0]
    quoted = [item for item in compose(dep, dep.document("order-2020-0415")).items if item.rows]
    assert len(tables) == len(quoted) >= 2  # one table of quoted rows per item that quotes rows


# --- end to end, through the command ----------------------------------------------------


def test_command_imports_an_order_and_refuses_to_overwrite(built, tmp_path):
    folder = tmp_path / "noglik"
    result = run_prikaz("import", str(built / "noglik/order-2020-427.docx"), "-o", str(folder))
    assert result.returncode == 0, result.stderr
    assert "Приказ от 09.09.2020 № 427: пунктов 3, приложений 1" in result.stdout
    assert "мероприятий 101" in result.stdout
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["order-2020-427.yaml", "organization.yaml", "plan-2020-427.yaml", "prikaz.schema.json"]
    before = (folder / "organization.yaml").read_bytes()
    again = run_prikaz("import", str(built / "noglik/order-2020-427.docx"), "-o", str(folder))
    assert again.returncode == 2
    assert "--force" in again.stderr and "уже есть файлы" in again.stderr
    assert (folder / "organization.yaml").read_bytes() == before
    forced = run_prikaz("import", str(built / "noglik/order-2020-427.docx"), "-o", str(folder), "--force")
    assert forced.returncode == 0, forced.stderr


# --- independent documents: python-docx in another style ---------------------------------


def _para(doc, text, bold=False, align=None, style=None):
    paragraph = doc.add_paragraph(style=style)
    paragraph.add_run(text).bold = bold
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _row(table, *texts, bold=False):
    cells = table.add_row().cells
    for cell, text in zip(cells, texts):
        lines = text.split("\n")
        cell.paragraphs[0].add_run(lines[0]).bold = bold
        for line in lines[1:]:
            cell.add_paragraph().add_run(line).bold = bold
    return cells


def make_foreign_order(path: Path) -> None:
    """An order with its plan as a clerk types it in Word: Arial, automatic point numbers,
    «приказываю:» at the end of the preamble, a tab-aligned signature, a roman section in a
    merged bold row, a group row, a deadline merged over two rows, a bulleted cell, units
    by comma and by line, and the table continued in a second Word table with a bold
    section row and typed numbers with a gap and a repeat."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH as ALIGN
    from docx.shared import Pt

    doc = Document()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)
    _para(doc, "АДМИНИСТРАЦИЯ ЭНСКОГО РАЙОНА", bold=True, align=ALIGN.CENTER)
    _para(doc, "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ", bold=True, align=ALIGN.CENTER)
    _para(doc, "")
    _para(doc, "П Р И К А З", bold=True, align=ALIGN.CENTER)
    _para(doc, "15.03.2021г.\t\t\t\t\t\t№112")
    _para(doc, "О плане мероприятий по повышению качества", bold=True)
    _para(doc, "образования на 2021 год", bold=True)
    _para(doc, "В целях повышения качества образования в районе, приказываю:")
    for text in (
        "Утвердить план мероприятий на 2021 год (приложение).",
        "Руководителям ОО обеспечить исполнение плана.",
        "Контроль оставляю за собой.",
    ):
        doc.add_paragraph(text, style="List Number")
    _para(doc, "")
    _para(doc, "Начальник управления образования\t\t\tИ.И. Петрова")
    doc.add_page_break()
    for line in ("Приложение", "к приказу управления образования", "от 15.03.2021 № 112"):
        _para(doc, line, align=ALIGN.RIGHT)
    _para(doc, "ПЛАН", bold=True, align=ALIGN.CENTER)
    _para(doc, "мероприятий по повышению качества образования на 2021 год", bold=True, align=ALIGN.CENTER)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ["№\nп/п", "Наименование мероприятий", "Сроки исполнения", "Ответственные исполнители"]
    ):
        cell.text = text
    _row(table, "1", "2", "3", "4")
    section = _row(table, "I. Организационные мероприятия", "", "", "", bold=True)
    section[0].merge(section[3])
    _row(table, "1.", "Совещание руководителей ОО по итогам ВПР", "Март 2021", "Отдел образования, руководители ОО")
    _row(table, "2.", "Мониторинг качества подготовки обучающихся:", "", "")
    _row(table, "2.1.", "мониторинг по математике", "Апрель 2021", "Методический кабинет")
    _row(table, "2.2.", "мониторинг по русскому языку", "Май 2021", "Методический кабинет\nРуководители ОО")
    first = _row(
        table,
        "3.",
        "Работа с ОО с низкими результатами:\n- собеседования с руководителями;\n- выезды в ОО.",
        "В течение года",
        "Отдел образования",
    )
    second = _row(table, "4.", "Курсы повышения квалификации учителей", "", "Методический кабинет")
    first[2].merge(second[2])
    doc.add_paragraph()
    continued = doc.add_table(rows=0, cols=4)
    continued.style = "Table Grid"
    _row(continued, "", "II. Методическое сопровождение", "", "", bold=True)
    _row(continued, "6", "Семинары для учителей математики", "Октябрь 2021", "Методический кабинет")
    _row(continued, "6", "Открытые уроки в школах-лидерах", "Ноябрь 2021", "Руководители ОО, ШМО")
    _row(continued, "7", "Анализ выполнения плана", "Декабрь 2021", "Отдел образования")
    _para(doc, "")
    _para(doc, "Заместитель начальника\tА.А. Сидоров")
    doc.save(str(path))


FOREIGN_MEASURES = [
    ("1.", "Совещание руководителей ОО по итогам ВПР", "Март 2021", ("Отдел образования", "руководители ОО")),
    ("2.", "Мониторинг качества подготовки обучающихся:", None, ()),
    ("2.1.", "мониторинг по математике", "Апрель 2021", ("Методический кабинет",)),
    ("2.2.", "мониторинг по русскому языку", "Май 2021", ("Методический кабинет", "Руководители ОО")),
    ("3.", "Работа с ОО с низкими результатами:", "В течение года", ("Отдел образования",)),
    ("4.", "Курсы повышения квалификации учителей", "В течение года", ("Методический кабинет",)),
    ("6", "Семинары для учителей математики", "Октябрь 2021", ("Методический кабинет",)),
    ("6", "Открытые уроки в школах-лидерах", "Ноябрь 2021", ("Руководители ОО", "ШМО")),
    ("7", "Анализ выполнения плана", "Декабрь 2021", ("Отдел образования",)),
]


def test_foreign_order_recovers_every_measure(tmp_path):
    from generator import model as m
    from generator.load import load

    source = tmp_path / "prikaz.docx"
    make_foreign_order(source)
    folder = tmp_path / "enskiy"
    result = run_prikaz("import", str(source), "-o", str(folder))
    assert result.returncode == 0, result.stderr
    assert "абзац 8: «приказываю:» стояло в конце преамбулы" in result.stdout
    assert plan_rows(folder) == FOREIGN_MEASURES
    dep = load([str(folder)])[0]
    order = next(d for d in dep.documents if isinstance(d, m.Order))
    plan = next(d for d in dep.documents if isinstance(d, m.Plan))
    assert (order.number, order.date.isoformat()) == ("112", "2021-03-15")
    assert order.title == "О плане мероприятий по повышению качества образования на 2021 год"
    assert [m.plain_text(p.text) for p in order.points][2] == "Контроль оставляю за собой."
    assert dep.organization.letterhead == ("АДМИНИСТРАЦИЯ ЭНСКОГО РАЙОНА", "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ")
    assert dep.organization.style.doc_type == "П Р И К А З"
    assert dep.organization.signatory("head").name == "И.И. Петрова"
    assert plan.signature.name == "А.А. Сидоров"
    assert plan.title == "ПЛАН мероприятий по повышению качества образования на 2021 год"
    assert [(s.number, s.title) for s in plan.sections] == [
        ("I", "Организационные мероприятия"),
        ("II", "Методическое сопровождение"),
    ]
    assert plan.sections[0].measures[2].text[1] == m.Bullets(("собеседования с руководителями;", "выезды в ОО."), "-")
    assert plan.column_numbers
    assert [u.name for u in dep.organization.units] == [
        "Отдел образования",
        "руководители ОО",
        "Методический кабинет",
        "Руководители ОО",
        "ШМО",
    ]
    check = run_prikaz("check", str(folder), "--format", "json")
    assert '"number-repeat"' in check.stdout  # the printed «6, 6» is kept for the checker
    built = run_prikaz("build", str(folder), "-o", str(tmp_path / "out"), "--force")
    assert built.returncode == 0, built.stderr


# --- independent documents: LibreOffice from HTML ----------------------------------------

HTML = """<html><head><meta charset="utf-8"></head><body>
<p align="right">УТВЕРЖДЕН<br>приказом отдела образования<br>от 10.01.2022 № 5-од</p>
<h2 align="center">Дорожная карта по развитию системы оценки качества образования</h2>
<table border="1" cellspacing="0">
<tr><th>№</th><th>Мероприятия</th><th>Срок</th><th>Ответственные</th></tr>
<tr><td colspan="4"><b>1. Нормативное обеспечение</b></td></tr>
<tr><td>1.1</td><td>Разработка положения о МСОКО</td><td rowspan="2">Январь 2022</td><td>Отдел образования</td></tr>
<tr><td>1.2</td><td>Утверждение показателей</td><td>Отдел образования<br>ИМЦ</td></tr>
<tr><td colspan="4"><b>2. Мониторинг</b></td></tr>
<tr><td>2.1</td><td><p>Мониторинг результатов ВПР:</p><ul><li>анализ по классам;</li><li>анализ по предметам.</li>
</ul></td><td>Май 2022</td><td>ИМЦ, руководители ОО</td></tr>
<tr><td>2.3</td><td>Подготовка аналитической справки</td><td>Июнь 2022</td><td>ИМЦ</td></tr>
</table></body></html>
"""


def test_libreoffice_table_from_html(tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) не установлен: DOCX из HTML сделать нечем")
    from generator import model as m
    from generator.load import load

    (tmp_path / "plan.html").write_text(HTML, encoding="utf-8")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "plan.html",
            "--outdir",
            str(tmp_path),
        ],
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
        check=True,
    )
    folder = tmp_path / "otdel"
    result = run_prikaz("import", str(tmp_path / "plan.docx"), "-o", str(folder))
    assert result.returncode == 0, result.stderr
    assert plan_rows(folder) == [
        ("1.1", "Разработка положения о МСОКО", "Январь 2022", ("Отдел образования",)),
        ("1.2", "Утверждение показателей", "Январь 2022", ("Отдел образования", "ИМЦ")),
        ("2.1", "Мониторинг результатов ВПР:", "Май 2022", ("ИМЦ", "руководители ОО")),
        ("2.3", "Подготовка аналитической справки", "Июнь 2022", ("ИМЦ",)),
    ]
    dep = load([str(folder)])[0]
    plan = next(d for d in dep.documents if isinstance(d, m.Plan))
    assert plan.sections[1].measures[0].text[1] == m.Bullets(("анализ по классам;", "анализ по предметам."))
    order = next(d for d in dep.documents if isinstance(d, m.Order))  # the stub that carries the header
    assert (order.number, order.date.isoformat(), order.annexes[0].header) == ("5-од", "2022-01-10", "approved")
    assert dep.organization.name_genitive == "отдела образования"
    assert "заготовка" in result.stdout


# --- bad input ---------------------------------------------------------------------------


def _empty_word_document(path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_paragraph("Список покупок: хлеб, молоко.")
    doc.save(str(path))


@pytest.mark.parametrize(
    "case, expected",
    [
        ("text", "это не файл DOCX"),
        ("zip", "повреждён"),
        ("nothing", "не найдены ни приказ"),
        ("missing", "нет такого файла"),
    ],
)
def test_bad_input_is_refused_in_russian(tmp_path, case, expected):
    source = tmp_path / "input.docx"
    if case == "text":
        source.write_text("это просто текст", encoding="utf-8")
    elif case == "zip":
        with zipfile.ZipFile(source, "w") as archive:
            archive.writestr("word/document.xml", "<broken")
    elif case == "nothing":
        _empty_word_document(source)
    folder = tmp_path / "org"
    result = run_prikaz("import", str(source), "-o", str(folder))
    assert result.returncode == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert not folder.exists()


def test_dates_and_numbers_in_their_printed_forms():
    import datetime as dt

    from generator.importer.dates import parse_dated

    cases = {
        "от 09 сентября 2020 года №427": (dt.date(2020, 9, 9), "long_zero", "427"),
        "15.03.2021г. №112": (dt.date(2021, 3, 15), "numeric", "112"),
        "От 28.02.2020": (dt.date(2020, 2, 28), "numeric", None),
        "№ 0212-09 а": (None, None, "0212-09 а"),
        "9 сентября 2020 г.\t№ 427": (dt.date(2020, 9, 9), "long", "427"),
    }
    for text, expected in cases.items():
        dated = parse_dated(text)
        assert (dated.date, dated.style, dated.number) == expected, text
    assert parse_dated("«09» сентября 2020 г.   г. Новосибирск   № 12-р").rest == "г. Новосибирск"


# --- hostile and foreign files -----------------------------------------------------------


def _package(path: Path, body: bytes | None = None, body_size: int = 0) -> None:
    """A DOCX from python-docx whose document.xml is `body`, or `body_size` bytes of one
    repeated paragraph (compressed as it is streamed: a «zip bomb» of that size)."""
    import io

    from docx import Document

    plain = io.BytesIO()
    Document().save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                target.writestr(info, source.read(info))
        if body is not None:
            target.writestr("word/document.xml", body)
            return
        chunk = b"<w:p/>" * 100_000
        with target.open("word/document.xml", "w", force_zip64=True) as part:
            written = 0
            while written < body_size:
                part.write(chunk)
                written += len(chunk)


@pytest.mark.parametrize(
    "case, expected",
    [
        ("bomb", "zip-бомб"),
        ("paragraphs", "абзацев"),
    ],
)
def test_hostile_packages_are_refused_before_parsing(tmp_path, case, expected):
    source = tmp_path / "bomb.docx"
    if case == "bomb":
        _package(source, body_size=300 * 2**20)
    else:
        head = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        _package(source, body=head + b"<w:p/>" * 300_000 + b"</w:body></w:document>")
    assert source.stat().st_size < 2 * 2**20
    folder = tmp_path / "org"
    result = run_prikaz("import", str(source), "-o", str(folder))
    assert result.returncode == 2, result.stderr
    assert expected in result.stderr and "Traceback" not in result.stderr
    assert not folder.exists()


def test_a_comparison_table_is_no_document(tmp_path):
    """What `prikaz diff` writes is a table of changes, not a plan: refused, nothing written."""
    out = tmp_path / "diff"
    made = run_prikaz(
        "diff", "content/novosibirsk/plan-2020.yaml", "content/novosibirsk/plan-2020-ed2.yaml", "-o", str(out)
    )
    assert made.returncode == 0, made.stderr
    comparison = next(out.rglob("*.comparison.docx"))
    folder = tmp_path / "org"
    result = run_prikaz("import", str(comparison), "-o", str(folder))
    assert result.returncode == 2
    assert "не найдены ни приказ" in result.stderr
    assert not folder.exists()


def test_a_column_title_over_two_cells_loses_nothing(tmp_path):
    """«Срок» over «начало | окончание»: the first cell is the deadline, the second a note."""
    from docx import Document

    from generator import model as m
    from generator.importer.run import import_docx

    doc = Document()
    doc.add_paragraph("ПЛАН мероприятий").runs[0].bold = True
    table = doc.add_table(rows=1, cols=5)
    header = table.rows[0].cells
    for k, text in ((0, "№"), (1, "Мероприятие"), (2, "Срок"), (4, "Ответственные")):
        header[k].text = text
    header[2].merge(header[3])
    for row in (["1", "Совещание", "январь", "март", "ОО"], ["2", "Семинар", "апрель", "", "ИМЦ"]):
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
    source = tmp_path / "plan.docx"
    doc.save(str(source))
    imported = import_docx(str(source))
    plan = next(d for d in imported.documents if isinstance(d, m.Plan))
    first, second = plan.sections[0].measures
    assert (first.deadline, second.deadline) == ("январь", "апрель")
    assert "март" in first.note and second.note is None
    assert imported.accounting.unaccounted == 0


def test_decomposed_letters_in_a_word_file_are_composed_on_import(tmp_path):
    """A file typed on a Mac may hold «й» as «и» + U+0306: imported as the one letter (NFC)."""
    import unicodedata

    from docx import Document

    source = tmp_path / "order.docx"
    document = Document()
    document.add_paragraph("ПРИКАЗ")
    document.add_paragraph("15.03.2021 № 12")
    document.add_paragraph(unicodedata.normalize("NFD", "Об утверждении плана мероприятий"))
    document.add_paragraph("ПРИКАЗЫВАЮ:")
    document.add_paragraph(unicodedata.normalize("NFD", "1. Утвердить план мероприятий районный."))
    document.save(str(source))
    result = run_prikaz("import", str(source), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stdout + result.stderr
    written = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "out").glob("*.yaml"))
    assert "районный" in written and "\u0306" not in written


def test_text_boxes_are_read_once_where_they_are_anchored(tmp_path):
    """A text box written as Word writes it (a drawing and a VML copy), one in a table
    cell, one inside another: each line once, after the paragraph that anchors it."""
    from docx import Document
    from docx.text.paragraph import Paragraph
    from factories import add_text_box

    from generator.importer.read import Para, Table, read_docx

    doc = Document()
    doc.add_paragraph("До надписи")
    add_text_box(doc.add_paragraph("Якорь"), ["УТВЕРЖДЕН", "приказом от 01.02.2024 № 7"])
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "1."
    add_text_box(table.cell(0, 1).paragraphs[0], ["Мероприятие в надписи"])
    outer = doc.add_paragraph("Внешняя")
    add_text_box(outer, ["Внешняя надпись"])
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for box in outer._p.iter(f"{w}txbxContent"):  # the drawing and its VML copy: a box in each
        add_text_box(Paragraph(box.find(f"{w}p"), None), ["Внутренняя надпись"])
    doc.add_paragraph("После")
    doc.save(tmp_path / "boxes.docx")

    blocks = read_docx(str(tmp_path / "boxes.docx")).blocks
    texts = [b.text if isinstance(b, Para) else [c.text for c in b.rows[0]] for b in blocks]
    assert texts == [
        "До надписи",
        "Якорь",
        "УТВЕРЖДЕН",
        "приказом от 01.02.2024 № 7",
        ["1.", "Мероприятие в надписи"],
        "Внешняя",
        "Внешняя надпись",
        "Внутренняя надпись",
        "После",
    ]
    assert isinstance(blocks[4], Table)
