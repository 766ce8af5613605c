"""The `comparison.docx` writer: comparison rows → DOCX: a landscape table, header repeated, struck and marked words.

Built with python-docx rather than a template: the cells hold runs with their own
formatting (strike-through for removed words, bold underline for added ones), which a
docxtpl field cannot carry without raw XML in the context.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from .compare_html import HEADINGS
from .docx import normalize_zip, set_properties
from .properties import Properties
from .writers import Comparison, Options

WIDTHS_CM = (1.2, 4.0, 9.0, 9.0, 3.8)


def write(comparisons: Sequence[Comparison], options: Options) -> list[bytes]:
    return [comparison_docx(c.title, c.subtitle, c.rows, c.props) for c in comparisons]


def comparison_docx(title: str, subtitle: str, rows, props: Properties) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt
    from docx.styles.style import ParagraphStyle

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin, section.right_margin = Cm(2.0), Cm(1.0)
    section.top_margin = section.bottom_margin = Cm(1.5)
    _page_numbers(section)
    normal = document.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)  # python-docx's own template, where Normal is one
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(title).bold = True
    document.add_paragraph(subtitle).alignment = WD_ALIGN_PARAGRAPH.CENTER
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADINGS):
        cell.paragraphs[0].add_run(text).bold = True
    header_pr = table.rows[0]._tr.get_or_add_trPr()
    header_pr.append(OxmlElement("w:tblHeader"))
    for row in rows:
        cells = table.add_row().cells
        cells[0].text = str(row.number)
        cells[1].text = row.unit
        _runs(cells[2].paragraphs[0], row.current)
        _runs(cells[3].paragraphs[0], row.proposed)
        cells[4].text = row.reason
    for column, width in zip(table.columns, WIDTHS_CM):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)
    # the header row never splits; a change row may (a «по тексту» row can be longer than a page)
    header_pr.append(OxmlElement("w:cantSplit"))
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "ru-RU")
    normal.element.get_or_add_rPr().append(lang)
    set_properties(document, props)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_zip(buffer.getvalue())


def _page_numbers(section) -> None:
    """Page numbers centred at the top from page 2, as in the documents themselves."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = 1
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _runs(paragraph, runs) -> None:
    from docx.oxml.ns import qn

    for op, text in runs:
        r = paragraph._p.makeelement(qn("w:r"))
        if op in ("delete", "insert"):  # what run.font.strike, run.bold, run.underline write
            properties = r.makeelement(qn("w:rPr"))
            if op == "delete":
                properties.append(r.makeelement(qn("w:strike")))
            else:
                properties.append(r.makeelement(qn("w:b")))
                underline = r.makeelement(qn("w:u"))
                underline.set(qn("w:val"), "single")
                properties.append(underline)
            r.append(properties)
        _append_text(r, text)
        paragraph._p.append(r)


_BREAKS = re.compile(r"([\t\r\n])")


def _append_text(r, text: str) -> None:
    """The elements python-docx's `run.text = text` makes (w:t, w:tab for a tab, w:br for a
    line break), appended at once: python-docx walks the text a character at a time and
    places each element by the schema, which was most of the time of a long table."""
    from docx.oxml.ns import qn

    for piece in _BREAKS.split(text):
        if piece == "\t":
            r.append(r.makeelement(qn("w:tab")))
        elif piece in ("\r", "\n"):
            r.append(r.makeelement(qn("w:br")))
        elif piece:
            t = r.makeelement(qn("w:t"))
            t.text = piece
            if len(piece.strip()) < len(piece):
                t.set(qn("xml:space"), "preserve")
            r.append(t)
