"""What a reader of the DOCX relies on: repeated headers, unsplit rows, literal text, metadata."""

from __future__ import annotations

import zipfile
from pathlib import Path

from conftest import ROOT, docx_paragraphs, docx_table_rows, normalize
from hypothesis import given, settings
from hypothesis import strategies as st

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

ORGANIZATION = """format: 1
kind: organization
name: Отдел образования
name_genitive: отдела образования
letterhead: [Администрация района, Отдел образования]
signatories:
  head: {position: [Начальник отдела], name: И.И. Иванов}
units:
  - name: ОО
  - name: "Отдел & <компания>"
"""

PLAN = """format: 1
kind: plan
id: plan-literal
title: "План {{ title }} & <b>жирный</b>"
sections:
  - title: "{% if x %}Раздел{% endif %}"
    measures:
      - text: "Текст {{ x }} {%tr for %} & < > \\" ' конец"
        deadline: 1.10
        responsible: [ОО, "Отдел & <компания>"]
"""

ORDER = """format: 1
kind: order
id: order-1
date: 2024-03-12
number: "45/2 .. а"
title: Об утверждении плана
points: [Утвердить план.]
signatory: head
annexes: [plan-literal]
"""


def make_content(root: Path) -> Path:
    folder = root / "dep"
    folder.mkdir()
    (folder / "organization.yaml").write_text(ORGANIZATION, encoding="utf-8")
    (folder / "plan.yaml").write_text(PLAN, encoding="utf-8")
    (folder / "order.yaml").write_text(ORDER, encoding="utf-8")
    return folder


def build_into(content: Path, out: Path) -> list[Path]:
    from generator.build import build
    from generator.load import load

    return [Path(b.path) for b in build(load([str(content)]), str(out))]


def test_text_from_content_is_literal_never_a_template(tmp_path):
    paths = build_into(make_content(tmp_path), tmp_path / "out")
    plan = next(p for p in paths if p.name == "plan-literal.docx")
    rows = docx_table_rows(plan)
    measure = next(r for r in rows if len(r) == 4 and r[0] == "1.1")
    assert "Текст {{ x }}" in measure[1]
    assert "{%tr for %}" in measure[1] and "& < >" in measure[1]
    assert measure[2] == "1.10"
    assert measure[3] == "ОО, Отдел & <компания>"
    assert "1. {% if x %}Раздел{% endif %}" in [normalize(r[0]) for r in rows if len(r) == 1]
    assert "План {{ title }} & <b>жирный</b>" in [normalize(p) for p in docx_paragraphs(plan)]


def test_output_names_come_from_ids_and_stay_inside_the_output_folder(tmp_path):
    out = tmp_path / "out"
    paths = build_into(make_content(tmp_path), out)
    assert sorted(p.relative_to(out).as_posix() for p in paths) == ["dep/order-1.docx", "dep/plan-literal.docx"]


def test_order_number_with_slashes_prints_as_typed(tmp_path):
    paths = build_into(make_content(tmp_path), tmp_path / "out")
    order = next(p for p in paths if p.name == "order-1.docx")
    assert any("№\u00a045/2 .. а" in p for p in docx_paragraphs(order))


def test_the_same_content_gives_the_same_bytes(tmp_path):
    content = make_content(tmp_path)
    first = {p.name: p.read_bytes() for p in build_into(content, tmp_path / "a")}
    second = {p.name: p.read_bytes() for p in build_into(content, tmp_path / "b")}
    assert first == second


def test_plan_table_header_repeats_and_rows_do_not_split(built):
    from docx import Document

    table = Document(str(built / "noglik" / "plan-msoko.docx")).tables[0]
    rows = table._tbl.tr_lst
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert all(r.find(f"{W}trPr/{W}tblHeader") is None for r in rows[1:])
    assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
    grid = [int(c.get(f"{W}w")) for c in table._tbl.tblGrid.findall(f"{W}gridCol")]
    assert len(grid) == 4 and grid[1] > 3 * grid[0]


def test_column_number_row_repeats_with_the_header(built):
    from docx import Document

    for table in Document(str(built / "pogranichny" / "plan-msoko.docx")).tables[:3]:
        rows = table._tbl.tr_lst
        assert [tc.xpath("string(.)") for tc in rows[1].findall(f"{W}tc")] == ["1", "2", "3", "4"]
        assert rows[1].find(f"{W}trPr/{W}tblHeader") is not None


def test_section_rows_span_all_columns(built):
    from docx import Document

    table = Document(str(built / "noglik" / "plan-msoko.docx")).tables[0]
    section_row = table._tbl.tr_lst[1]
    cells = section_row.findall(f"{W}tc")
    assert len(cells) == 1
    assert cells[0].find(f"{W}tcPr/{W}gridSpan").get(f"{W}val") == "4"


def test_each_annex_starts_on_a_new_page_and_pages_are_numbered_from_two(built):
    from docx import Document

    document = Document(str(built / "noglik" / "order-2020-427.docx"))
    breaks = document.element.body.findall(f"{W}p/{W}pPr/{W}pageBreakBefore")
    assert len(breaks) == 1
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 10


def test_text_is_times_new_roman_14_in_russian(built):
    from docx import Document

    styles = Document(str(built / "noglik" / "order-2020-427.docx")).styles
    normal = styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size.pt == 14
    assert 'w:val="ru-RU"' in normal.element.xml


def test_document_properties_name_the_issuing_body_not_the_library(built):
    from docx import Document

    props = Document(str(built / "noglik" / "order-2020-427.docx")).core_properties
    assert props.author.startswith("Департамент социальной политики")
    assert props.title.startswith("Об актуализации плана")
    assert props.language == "ru-RU"
    assert props.created.date().isoformat() == "2020-09-09"
    with zipfile.ZipFile(built / "noglik" / "order-2020-427.docx") as z:
        assert not any(b"python-docx" in z.read(n) for n in z.namelist())


def test_templates_ask_only_for_what_the_view_provides(departments):
    from docxtpl import DocxTemplate

    from generator import view
    from generator.render.docx import TEMPLATE_FILES

    noglik = departments["noglik"]
    order = noglik.document("order-2020-427")
    plan = noglik.document("plan-msoko")
    regulation = departments["taimyr"].document("regulation-msoko")
    contexts = {
        "order": view.order_view(noglik.organization, order),
        "plan": view.plan_view(plan, ["Приложение"]),
        "regulation": view.regulation_view(regulation, []),
    }
    for kind, name in TEMPLATE_FILES.items():
        template = DocxTemplate(str(ROOT / "templates" / name))
        assert template.get_undeclared_template_variables(context=contexts[kind]) == set(), kind


# --- docxtpl's listing pass, run only on the paragraphs it can change ----------------------

_RUN_PROPERTIES = st.sampled_from(["", "<w:rPr><w:b/></w:rPr>", '<w:rPr><w:sz w:val="28"/></w:rPr>'])
_TEXT = st.text(alphabet=st.sampled_from(list("абв xyz\t\a\n\f&;")), max_size=12)


@st.composite
def _paragraphs(draw) -> str:
    """Paragraph XML the way a rendered template holds it: properties, runs, texts that may
    hold a tab, «\\a», a line break or a form feed, and markup between paragraphs."""
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        p_pr = draw(st.sampled_from(["", '<w:pPr><w:jc w:val="center"/></w:pPr>']))
        runs = "".join(
            f'<w:r>{draw(_RUN_PROPERTIES)}<w:t xml:space="preserve">{draw(_TEXT)}</w:t></w:r>'
            for _ in range(draw(st.integers(0, 3)))
        )
        attributes = draw(st.sampled_from(["", ' w:rsidR="00A1"', ' w:x="a\tb"']))
        # a text box: a paragraph inside a run of another
        inner = draw(st.sampled_from(["", f"<w:r><w:txbxContent><w:p>{runs}</w:p></w:txbxContent></w:r>"]))
        tail = draw(st.sampled_from(["", "<w:tc>", "</w:tc>", "<w:pPr/>", "<w:p>"]))
        parts.append(f"<w:p{attributes}>{p_pr}{runs}{inner}{runs}</w:p>" + tail)
    return "".join(parts)


@settings(max_examples=1000, deadline=None)
@given(_paragraphs())
def test_listing_pass_on_the_paragraphs_that_need_it_gives_docxtpl_s_xml(xml):
    from docxtpl import DocxTemplate

    from generator.render.docx import _template_class

    ours = object.__new__(_template_class())
    assert ours.resolve_listing(xml) == DocxTemplate.resolve_listing(object.__new__(DocxTemplate), xml)


def test_a_line_break_and_a_tab_in_a_value_still_become_word_s_elements(tmp_path):
    from docx import Document

    from generator.render.docx import _template_class

    source = Document()
    source.add_paragraph("{{ value }}")
    source.add_paragraph("без особых знаков")
    source.save(tmp_path / "t.docx")
    template = _template_class()(str(tmp_path / "t.docx"))
    template.render({"value": "первая\nвторая\tтретья"})
    template.save(tmp_path / "out.docx")
    xml = zipfile.ZipFile(tmp_path / "out.docx").read("word/document.xml").decode()
    assert "<w:br/>" in xml and "<w:tab/>" in xml
    assert [p.text for p in Document(str(tmp_path / "out.docx")).paragraphs] == [
        "первая\nвторая\tтретья",
        "без особых знаков",
    ]


# --- docxtpl's grid repair, run only on the tables it can change ---------------------------

_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@st.composite
def _cell(draw, depth: int) -> str:
    span = draw(
        st.sampled_from(
            [""] * 6
            + ['<w:gridSpan w:val="2"/>', '<w:gridSpan w:val="3"/>', '<w:gridSpan w:val="1"/>']
            + ['<w:gridSpan w:val="0"/>', '<w:gridSpan w:val="x"/>', "<w:gridSpan/>"]
        )
    )
    properties = draw(st.sampled_from(["", f"<w:tcPr>{span}</w:tcPr>", f'<w:tcPr><w:tcW w:w="900"/>{span}</w:tcPr>']))
    inner = draw(_tables(depth + 1)) if depth < 1 and draw(st.integers(0, 5)) == 0 else ""
    return f"<w:tc>{properties}<w:p/>{inner}</w:tc>"


@st.composite
def _tables(draw, depth: int = 0) -> str:
    """A table as a rendered template holds it: a grid of some columns (or none), rows of
    any number of cells, merged cells, now and then a table inside a cell."""
    columns = draw(st.integers(0, 4))
    grid = "".join(f'<w:gridCol w:w="{draw(st.integers(100, 3000))}"/>' for _ in range(columns))
    grid_xml = draw(st.sampled_from([f"<w:tblGrid>{grid}</w:tblGrid>"] * 5 + [""]))
    # rows mostly as wide as the grid, now and then a cell more or less (cells from a loop)
    widths = st.sampled_from([columns] * 4 + [columns + 1, max(columns - 1, 0), 0, 5])
    rows = "".join(
        "<w:tr>" + "".join(draw(_cell(depth)) for _ in range(draw(widths))) + "</w:tr>"
        for _ in range(draw(st.integers(0, 4)))
    )
    return f"<w:tbl>{grid_xml}{rows}</w:tbl>"


@settings(max_examples=400, deadline=None)
@given(st.lists(_tables(), min_size=1, max_size=2))
def test_grid_repair_only_where_needed_gives_docxtpl_s_tables(tables):
    from docxtpl import DocxTemplate
    from lxml import etree

    from generator.render.docx import _template_class

    xml = f"<w:body {_W_NS}>{''.join(tables)}</w:body>"

    def outcome(fix):
        try:
            return etree.tostring(fix(xml))
        except Exception as e:  # docxtpl fails on a table without a grid: so must we
            return type(e)

    ours = object.__new__(_template_class())
    assert outcome(ours.fix_tables) == outcome(lambda x: DocxTemplate.fix_tables(object.__new__(DocxTemplate), x))
