"""Write the DOCX templates in templates/ (run once; the results are committed).

The templates are ordinary Word documents that a department may restyle in Word: fonts,
spacing and margins live in named styles and in the section, while the text holds only
docxtpl fields, loops and conditions. Every formatting decision about content (numbers,
dates, quotes) is made by generator/view.py, never here.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

ROOT = Path(__file__).resolve().parents[1]
FONT = "Times New Roman"
TEXT_WIDTH = Cm(17)  # A4 minus 30 mm left and 10 mm right margins
PLAN_COLUMNS = (Cm(1.7), Cm(7.8), Cm(3.5), Cm(4.0))


# --- document and styles ----------------------------------------------------------------


def new_document() -> Document:
    doc = Document()
    _page(doc.sections[0])
    _styles(doc)
    _hyphenation(doc)
    props = doc.core_properties
    props.author = props.last_modified_by = "prikaz"
    props.title = props.subject = props.keywords = props.comments = ""
    props.language = "ru-RU"
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    return doc


def _hyphenation(doc) -> None:
    """Automatic hyphenation for the whole document (Word and LibreOffice both read it).

    Narrow plan columns cannot fit long Russian words («профориентационной»): without
    hyphenation they are cut at the cell edge with no hyphen. The element goes right after
    w:defaultTabStop, where the schema's sequence puts it.
    """
    settings = doc.settings.element
    auto = OxmlElement("w:autoHyphenation")
    settings.find(qn("w:defaultTabStop")).addnext(auto)
    zone = OxmlElement("w:hyphenationZone")
    zone.set(qn("w:val"), "357")  # 0.63 cm, Word's default
    auto.addnext(zone)
    zone.addnext(OxmlElement("w:doNotHyphenateCaps"))  # «МСО-КО» is not a word
    limit = OxmlElement("w:consecutiveHyphenLimit")
    limit.set(qn("w:val"), "2")  # no ladder of hyphens down the right edge
    auto.addnext(limit)
    # Word's document defaults say en-US: a style without its own language would be
    # hyphenated (and spell-checked) as English.
    lang = doc.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    for attr in ("w:val", "w:eastAsia"):
        lang.set(qn(attr), "ru-RU")


def _page(section) -> None:
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(10)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    section.start_type = WD_SECTION.NEW_PAGE
    # Page numbers from page 2, centred in the top margin (ГОСТ Р 7.0.97, п. 6.5).
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(paragraph)


def _page_field(paragraph) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text.strip() == "PAGE":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = text
            run._r.append(t)
    run.font.name = FONT
    run.font.size = Pt(12)


def _styles(doc) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    _east_asia_font(normal)
    _language(normal)
    pf = normal.paragraph_format
    pf.space_before = pf.space_after = Pt(0)
    pf.line_spacing = 1.0
    for style in ("Header", "Footer"):
        if style in [s.name for s in styles]:
            styles[style].font.name = FONT

    def paragraph_style(
        name,
        *,
        size=14,
        bold=False,
        align=None,
        indent=None,
        first=None,
        left=None,
        before=0,
        after=0,
        keep_next=False,
        outline=None,
        hyphenate=True,
    ):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.size = Pt(size)
        style.font.bold = bold
        fmt = style.paragraph_format
        if align is not None:
            fmt.alignment = align
        if first is not None:
            fmt.first_line_indent = first
        if left is not None:
            fmt.left_indent = left
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        fmt.keep_with_next = keep_next
        fmt.widow_control = True
        if not hyphenate:  # titles and headings are not hyphenated
            _suppress_hyphens(style.element.get_or_add_pPr())
        if outline is not None:  # Word's navigation pane and the PDF's bookmarks
            p_pr = style.element.get_or_add_pPr()
            level = OxmlElement("w:outlineLvl")
            level.set(qn("w:val"), str(outline))
            p_pr.append(level)
        return style

    J, C, L, R = (
        WD_ALIGN_PARAGRAPH.JUSTIFY,
        WD_ALIGN_PARAGRAPH.CENTER,
        WD_ALIGN_PARAGRAPH.LEFT,
        WD_ALIGN_PARAGRAPH.RIGHT,
    )
    paragraph_style("Letterhead", bold=True, align=C, hyphenate=False)
    paragraph_style("Doc Type", size=16, bold=True, align=C, before=12, after=12, hyphenate=False)
    dateline = paragraph_style("Date Line", align=L, after=6)
    dateline.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    paragraph_style("Place", align=C, after=6, hyphenate=False)
    paragraph_style("Doc Title", bold=True, align=C, before=12, after=12, keep_next=True, outline=0, hyphenate=False)
    paragraph_style("Annex Header", align=L, left=Cm(9.5), hyphenate=False)
    paragraph_style("Body", align=J, first=Cm(1.25))
    # A paragraph that introduces what follows (a clause with sub-clauses, «… следующие:»)
    # must not be left alone at the foot of a page.
    paragraph_style("Body Intro", align=J, first=Cm(1.25), keep_next=True)
    paragraph_style("Command", bold=True, align=L, before=6, after=6, keep_next=True, hyphenate=False)
    paragraph_style("Body Heading", bold=True, align=J, first=Cm(1.25), before=6, keep_next=True)
    paragraph_style("Chapter", bold=True, align=C, before=12, after=6, keep_next=True, outline=1, hyphenate=False)
    paragraph_style("Bullet", align=J, first=Cm(1.25))
    paragraph_style("Signature", align=L, hyphenate=False)
    paragraph_style("Signature Name", align=R, hyphenate=False)
    paragraph_style("Part Heading", bold=True, align=C, before=12, after=6, keep_next=True, outline=1, hyphenate=False)
    paragraph_style("Cell", size=12, align=L)
    paragraph_style("Cell Bullet", size=12, align=L)
    paragraph_style("Cell Centered", size=12, align=C)
    paragraph_style("Column Head", size=12, bold=True, align=C)
    paragraph_style("Section Row", size=12, bold=True, align=C, keep_next=True, outline=1, hyphenate=False)
    paragraph_style("Spacer", size=2)


# What follows w:suppressAutoHyphens in w:pPr's schema sequence (Word refuses another order).
_AFTER_SUPPRESS = (
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def _suppress_hyphens(p_pr) -> None:
    element = OxmlElement("w:suppressAutoHyphens")
    successor = next((c for c in p_pr if c.tag in {qn(t) for t in _AFTER_SUPPRESS}), None)
    if successor is None:
        p_pr.append(element)
    else:
        successor.addprevious(element)


def _east_asia_font(style) -> None:
    rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)


def _language(style) -> None:
    rpr = style.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), "ru-RU")
    rpr.append(lang)


# --- building blocks --------------------------------------------------------------------


def para(container, text: str = "", style: str = "Body", bold_runs: tuple[str, ...] = ()):
    p = container.add_paragraph(style=style)
    for run_text in bold_runs:
        p.add_run(run_text).bold = True
    if text:
        p.add_run(text)
    return p


def tag(container, text: str):
    """A paragraph that holds only a docxtpl {%p … %} tag; it disappears on render."""
    return container.add_paragraph(text, style="Body")


def lines(container, var: str, cell: bool = False, rows: bool = False) -> None:
    """The loop that prints a list of lines made by the view (paragraphs, bullets, …).

    With `rows`, a line may also be a quoted table («пункт 2.7 изложить в следующей
    редакции:» followed by the row), as amendment orders need.
    """
    body, bullet = ("Cell", "Cell Bullet") if cell else ("Body", "Bullet")
    heading, chapter = ("Cell", "Cell") if cell else ("Body Heading", "Chapter")
    intro = "Cell" if cell else "Body Intro"
    tag(container, f"{{%p for l in {var} %}}")
    tag(container, "{%p if l.kind == 'bullet' %}")
    para(container, "{{ l.marker }}{{ l.text }}", bullet)
    tag(container, "{%p elif l.kind == 'heading' %}")
    para(container, "", heading, bold_runs=("{{ l.text }}",))
    tag(container, "{%p elif l.kind == 'chapter' %}")
    para(container, "", chapter, bold_runs=("{{ l.text }}",))
    tag(container, "{%p elif l.kind == 'intro' %}")
    para(container, "{{ l.text }}", intro)
    tag(container, "{%p elif l.kind == 'lead' %}")
    para(container, " {{ l.text }}", body, bold_runs=("{{ l.lead }}",))
    if rows:
        tag(container, "{%p elif l.kind == 'rows' %}")
        quoted_table(container)
        para(container, "", "Spacer")
        tag(container, "{%p elif l.kind == 'grid_rows' %}")
        quoted_grid_table(container)
        para(container, "", "Spacer")
    tag(container, "{%p else %}")
    para(container, "{{ l.text }}", body)
    tag(container, "{%p endif %}")
    tag(container, "{%p endfor %}")


def annex_header(doc) -> None:
    tag(doc, "{%p for line in header %}")
    para(doc, "{{ line }}", "Annex Header")
    tag(doc, "{%p endfor %}")


def signature(doc, var: str = "sign") -> None:
    tag(doc, f"{{%p if {var} %}}")
    para(doc, "", "Body")
    para(doc, "", "Body")
    table = doc.add_table(rows=1, cols=2)
    _widths(table, (Cm(11), Cm(6)))
    left, right = table.rows[0].cells
    left._tc.remove(left.paragraphs[0]._p)
    tag(left, f"{{%p for line in {var}.position %}}")
    para(left, "{{ line }}", "Signature")
    tag(left, "{%p endfor %}")
    right.paragraphs[0].style = "Signature Name"
    right.paragraphs[0].add_run(f"{{{{ {var}.name }}}}")
    right.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    tag(doc, "{%p endif %}")


# --- tables (XML the API does not reach) ------------------------------------------------


def _widths(table, widths) -> None:
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    # LibreOffice reads the grid, Word the cells: both must carry the widths.
    for col, width in zip(table.columns, widths):
        col.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def _borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def _cell_margins(table) -> None:
    """Room between text and the cell's borders: 1 mm above and below, 1.9 mm at the sides.

    Word's default (0 above and below) lets a line of text touch the border over it.
    """
    margins = OxmlElement("w:tblCellMar")
    for edge, twips in (("top", 57), ("left", 108), ("bottom", 57), ("right", 108)):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(twips))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    table._tbl.tblPr.append(margins)


def _row_flags(row, header: bool = False) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _cell_text(cell, text: str, style: str) -> None:
    p = cell.paragraphs[0]
    p.style = style
    if text:
        p.add_run(text)


def quoted_table(doc) -> None:
    """Rows quoted in an amendment order: the plan's four columns, no header."""
    table = doc.add_table(rows=3, cols=4)
    _widths(table, PLAN_COLUMNS)
    _borders(table)
    _cell_margins(table)
    _cell_text(table.rows[0].cells[0], "{%tr for r in l.rows %}", "Cell")
    for i, cell in enumerate(table.rows[1].cells):
        _cell_text(cell, f"{{{{ r[{i}] }}}}", "Cell Centered" if i in (0, 2) else "Cell")
    _row_flags(table.rows[1])
    _cell_text(table.rows[2].cells[0], "{%tr endfor %}", "Cell")


def quoted_grid_table(doc) -> None:
    """Rows quoted from a plan with declared columns: a cell a column, widths from the view."""
    table = doc.add_table(rows=3, cols=3)
    _widths(table, (Cm(0.5), Cm(16), Cm(0.5)))
    _borders(table)
    _cell_text(table.rows[0].cells[0], "{%tr for r in l.rows %}", "Cell")
    first, cell, last = table.rows[1].cells
    _cell_text(first, "{%tc for c in r %}", "Cell")
    _cell_text(cell, "{{ c.text }}", "Cell")
    _templated_width(cell, "{{ c.width }}")
    _cell_text(last, "{%tc endfor %}", "Cell")
    _row_flags(table.rows[1])
    _cell_text(table.rows[2].cells[0], "{%tr endfor %}", "Cell")


# The rows of a plan table that hold only docxtpl tags (both layouts share them).
PLAN_ROW_TAGS = {
    "if-numbers": "{%tr if column_numbers %}",
    "endif-numbers": "{%tr endif %}",
    "for": "{%tr for r in part.rows %}",
    "if-section": "{%tr if r.section %}",
    "else": "{%tr else %}",
    "endif-section": "{%tr endif %}",
    "endfor": "{%tr endfor %}",
}


# The rows of a plan table, both layouts: the header, the column numbers and the loop over
# the view's rows (a section row or a measure row); the tag rows vanish when rendered.
PLAN_ROWS = (
    "head",
    "if-numbers",
    "numbers",
    "endif-numbers",
    "for",
    "if-section",
    "section",
    "else",
    "measure",
    "endif-section",
    "endfor",
)


def plan_table(doc) -> None:
    table = doc.add_table(rows=len(PLAN_ROWS), cols=4)
    _widths(table, PLAN_COLUMNS)
    _borders(table)
    _cell_margins(table)
    r = dict(zip(PLAN_ROWS, table.rows))
    for i, cell in enumerate(r["head"].cells):
        _cell_text(cell, f"{{{{ columns[{i}] }}}}", "Column Head")
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    _row_flags(r["head"], header=True)
    for i, cell in enumerate(r["numbers"].cells):
        _cell_text(cell, str(i + 1), "Cell Centered")
    _row_flags(r["numbers"], header=True)
    for name, text in PLAN_ROW_TAGS.items():
        _cell_text(r[name].cells[0], text, "Cell")
    section_cell = r["section"].cells[0].merge(r["section"].cells[3])
    _cell_text(section_cell, "{{ r.title }}", "Section Row")
    _row_flags(r["section"])
    number, text, deadline, responsible = r["measure"].cells
    _cell_text(number, "{{ r.number }}", "Cell Centered")
    text._tc.remove(text.paragraphs[0]._p)
    lines(text, "r.text", cell=True)
    _cell_text(deadline, "{{ r.deadline }}", "Cell Centered")
    _cell_text(responsible, "{{ r.responsible }}", "Cell")
    _row_flags(r["measure"])


def _templated_width(cell, expression: str) -> None:
    """A cell width the view decides: docxtpl prints the expression into the attribute."""
    tc_pr = cell._tc.get_or_add_tcPr()
    width = tc_pr.find(qn("w:tcW"))
    if width is None:
        width = OxmlElement("w:tcW")
        tc_pr.insert(0, width)
    width.set(qn("w:w"), expression)
    width.set(qn("w:type"), "dxa")


def grid_table(doc) -> None:
    """A plan table whose columns the plan declares (generator/columns.py): header, number
    row, section rows spanning every column and measure rows are loops over the view's
    cells; the view gives each column its width, render/docx.py rebuilds the grid."""
    table = doc.add_table(rows=len(PLAN_ROWS), cols=3)
    _widths(table, (Cm(0.5), Cm(16), Cm(0.5)))
    _borders(table)
    r = dict(zip(PLAN_ROWS, table.rows))
    for name, loop in (("head", "part.columns"), ("numbers", "part.columns"), ("measure", "r.cells")):
        first, cell, last = r[name].cells
        _cell_text(first, f"{{%tc for c in {loop} %}}", "Cell")
        _cell_text(last, "{%tc endfor %}", "Cell")
        _templated_width(cell, "{{ c.width }}")
    _cell_text(r["head"].cells[1], "{{ c.title }}", "Column Head")
    r["head"].cells[1].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    _row_flags(r["head"], header=True)
    _cell_text(r["numbers"].cells[1], "{{ loop.index }}", "Cell Centered")
    _row_flags(r["numbers"], header=True)
    for name, text in PLAN_ROW_TAGS.items():
        _cell_text(r[name].cells[0], text, "Cell")
    section_cell = r["section"].cells[0].merge(r["section"].cells[2])
    _cell_text(section_cell, "{% colspan part.columns|length %}{{ r.title }}", "Section Row")
    _templated_width(section_cell, "{{ part.width }}")
    _row_flags(r["section"])
    cell = r["measure"].cells[1]
    cell._tc.remove(cell.paragraphs[0]._p)
    tag(cell, "{%p if c.center %}")
    tag(cell, "{%p for l in c.lines %}")
    para(cell, "{{ l.text }}", "Cell Centered")
    tag(cell, "{%p endfor %}")
    tag(cell, "{%p else %}")
    lines(cell, "c.lines", cell=True)
    tag(cell, "{%p endif %}")
    _row_flags(r["measure"])


# --- the templates ----------------------------------------------------------------------


def order_template() -> Document:
    doc = new_document()
    tag(doc, "{%p for line in letterhead %}")
    para(doc, "{{ line }}", "Letterhead")
    tag(doc, "{%p endfor %}")
    para(doc, "{{ doc_type }}", "Doc Type")
    para(doc, "{{ date }}\t{{ number }}", "Date Line")
    tag(doc, "{%p if place %}")
    para(doc, "{{ place }}", "Place")
    tag(doc, "{%p endif %}")
    para(doc, "{{ title }}", "Doc Title")
    lines(doc, "preamble")
    tag(doc, "{%p if command %}")  # empty when run in at the end of the preamble
    para(doc, "{{ command }}", "Command")
    tag(doc, "{%p endif %}")
    lines(doc, "points", rows=True)
    signature(doc)
    return doc


def plan_template() -> Document:
    doc = new_document()
    annex_header(doc)
    para(doc, "{{ title }}", "Doc Title")
    tag(doc, "{%p if note_title %}")
    para(doc, "{{ note_title }}", "Part Heading")
    tag(doc, "{%p endif %}")
    lines(doc, "note")
    tag(doc, "{%p if table_title %}")
    para(doc, "{{ table_title }}", "Part Heading")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for part in parts %}")
    tag(doc, "{%p if part.kind == 'heading' %}")
    para(doc, "{{ part.text }}", "Part Heading")
    tag(doc, "{%p elif part.kind == 'lines' %}")
    lines(doc, "part.lines")
    tag(doc, "{%p elif part.kind == 'grid' %}")
    grid_table(doc)
    para(doc, "", "Spacer")
    tag(doc, "{%p else %}")
    plan_table(doc)
    para(doc, "", "Spacer")  # keeps two consecutive tables from fusing into one
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    signature(doc)
    return doc


def regulation_template() -> Document:
    doc = new_document()
    annex_header(doc)
    para(doc, "{{ title }}", "Doc Title")
    lines(doc, "body")
    signature(doc)
    return doc


TEMPLATES = {
    "orders/order.docx": order_template,
    "roadmaps/plan.docx": plan_template,
    "regulations/regulation.docx": regulation_template,
}


def main(target: Path = ROOT / "templates") -> None:
    for name, make in TEMPLATES.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        make().save(path)
        print(f"записан {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "templates")
