"""Layout choices in the generated DOCX that Word and LibreOffice both read: hyphenation,
language, cell margins, paragraphs kept with the next one, the signature's name."""

from __future__ import annotations

from docx import Document
from docx.oxml.ns import qn

from generator import model as m
from generator.numbering import regulation_outline

BUILT_FILES = ("noglik/order-2020-427.docx", "pogranichny/plan-msoko.docx", "taimyr/regulation-msoko.docx")


def _docs(built):
    return {name: Document(str(built / name)) for name in BUILT_FILES}


def test_hyphenation_is_on_in_russian_except_in_titles(built):
    for name, doc in _docs(built).items():
        settings = doc.settings.element
        assert settings.find(qn("w:autoHyphenation")) is not None, name
        assert settings.find(qn("w:doNotHyphenateCaps")) is not None, name
        defaults = doc.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
        assert defaults.get(qn("w:val")) == "ru-RU"
        styles = {s.name: s for s in doc.styles}
        for title in ("Doc Title", "Chapter", "Part Heading", "Section Row", "Letterhead"):
            assert styles[title].element.pPr.find(qn("w:suppressAutoHyphens")) is not None, title
        for body in ("Body", "Cell", "Column Head"):
            p_pr = styles[body].element.pPr
            assert p_pr is None or p_pr.find(qn("w:suppressAutoHyphens")) is None, body


def test_table_text_keeps_off_the_borders(built):
    doc = Document(str(built / "pogranichny/plan-msoko.docx"))
    bordered = [t for t in doc.tables if t._tbl.tblPr.find(qn("w:tblBorders")) is not None]
    assert bordered
    for table in bordered:
        margins = table._tbl.tblPr.find(qn("w:tblCellMar"))
        widths = {child.tag.split("}")[1]: int(child.get(qn("w:w"))) for child in margins}
        assert widths["top"] > 0 and widths["bottom"] > 0 and widths["left"] >= 57 and widths["right"] >= 57


def test_clauses_that_introduce_sub_clauses_are_kept_with_the_next_paragraph(built, departments):
    doc = Document(str(built / "taimyr/regulation-msoko.docx"))
    regulation = next(d for d in departments["taimyr"].documents if isinstance(d, m.Regulation))
    paragraphs = [(p.text.replace("\u00a0", " "), p.style) for p in doc.paragraphs]
    introducing = [i.number for i in regulation_outline(regulation) if not hasattr(i, "chapter") and i.clause.clauses]
    assert introducing
    for number in introducing:
        text, style = next((t, s) for t, s in paragraphs if t.startswith(number + " "))
        assert style.paragraph_format.keep_with_next, (number, text)
    leaves = [
        i.number
        for i in regulation_outline(regulation)
        if not hasattr(i, "chapter") and not i.clause.clauses and not i.clause.definitions
    ]
    kept = sum(1 for n in leaves for t, s in paragraphs if t.startswith(n + " ") and s.paragraph_format.keep_with_next)
    assert kept < len(leaves) / 2  # an ordinary clause is not glued to the next one


def test_order_points_with_sub_points_are_kept_with_them(departments):
    import dataclasses

    from generator.view import order_view

    dep = departments["noglik"]
    order = dep.document("order-2020-427")
    para = (m.Paragraph("Утвердить:"),)
    sub = m.Point((m.Paragraph("план мероприятий;"),))
    points = (m.Point(para, points=(sub, sub)), m.Point((m.Paragraph("Контроль оставляю за собой."),)))
    lines = order_view(dep.organization, dataclasses.replace(order, points=points))["points"]
    assert [(line["kind"], line["text"]) for line in lines] == [
        ("intro", "1. Утвердить:"),
        ("p", "1.1. план мероприятий;"),
        ("p", "1.2. план мероприятий;"),
        ("p", "2. Контроль оставляю за собой."),
    ]


def test_the_signature_prints_initials_before_the_surname(built):
    doc = Document(str(built / "noglik/order-2020-427.docx"))
    names = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Л.М.\u00a0Ренкевич" in names
    assert not any("Ренкевич Л" in n.replace("\u00a0", " ") for n in names)
