"""The four bundled documents: every measure and clause reaches the DOCX, in order.

The counts pin the transcription to the seed documents (shared/seeds); the row checks
compare what python-docx reads back with the content, field by field. Such a comparison
puts the content through `printed` (the typesetter), the document side only through
`normalize` (whitespace); the typesetter itself is tested against literal strings in
test_typography.py, and the exact printed text of every document is in tests/golden/.
"""

from __future__ import annotations

import pytest
from conftest import docx_paragraphs, docx_table_rows, normalize, printed

from generator import model as m
from generator.numbering import NumberedMeasure, NumberedSection, plan_outline, regulation_outline

PLANS = [
    # folder, plan id, approving order id, sections with measures, measures
    ("noglik", "plan-msoko", "order-2020-427", 9, 101),
    ("novosibirsk", "plan-2020", "order-2020-0212", 4, 28),
    ("pogranichny", "plan-msoko", None, 10, 208),
]


def measures_of(plan):
    return [i for i in plan_outline(plan) if isinstance(i, NumberedMeasure)]


@pytest.mark.parametrize("folder, plan_id, order_id, n_sections, n_measures", PLANS)
def test_transcription_has_every_measure_of_the_seed(departments, folder, plan_id, order_id, n_sections, n_measures):
    plan = departments[folder].document(plan_id)
    sections_with_measures = {id(i.section) for i in measures_of(plan)}
    assert len(measures_of(plan)) == n_measures
    assert len(sections_with_measures) == n_sections


@pytest.mark.parametrize("folder, plan_id, order_id, n_sections, n_measures", PLANS)
def test_every_measure_is_a_table_row_in_order(departments, built, folder, plan_id, order_id, n_sections, n_measures):
    plan = departments[folder].document(plan_id)
    # Content (left) against the document (right): the content side is typeset as printed.
    headings = [printed(c.title) for c in plan.columns]
    rows = [r for r in docx_table_rows(built / folder / f"{plan_id}.docx") if len(r) == 4]
    measure_rows = [r for r in rows if [normalize(c) for c in r] not in (headings, ["1", "2", "3", "4"])]
    expected = measures_of(plan)
    assert len(measure_rows) == len(expected)
    for item, row in zip(expected, measure_rows):
        mm = item.measure
        number, text, deadline, responsible = (normalize(c) for c in row)
        assert number == item.number
        assert text == " ".join(printed(line) for line in m.plain_text(mm.text).splitlines())
        assert deadline == printed(mm.deadline or "")
        assert responsible == printed(plan.responsible_separator.join(mm.responsible))


@pytest.mark.parametrize("folder, plan_id, order_id, n_sections, n_measures", PLANS)
def test_section_titles_are_printed_with_their_numbers(
    departments, built, folder, plan_id, order_id, n_sections, n_measures
):
    plan = departments[folder].document(plan_id)
    path = built / folder / f"{plan_id}.docx"
    in_document = {normalize(r[0]) for r in docx_table_rows(path) if len(r) == 1}
    in_document |= {normalize(p) for p in docx_paragraphs(path)}
    for item in plan_outline(plan):
        if isinstance(item, NumberedSection):
            expected = printed(f"{item.number or ''} {item.section.title}")
            assert expected in in_document


def test_numbers_of_noglik_keep_the_printed_gap_and_dots(departments):
    numbers = [i.number for i in measures_of(departments["noglik"].document("plan-msoko"))]
    assert numbers[:6] == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6."]
    assert "9.9" not in numbers and numbers[-2:] == ["9.10", "9.11"]


def test_order_with_annex_is_one_document_and_the_annex_header_comes_from_the_order(built):
    paragraphs = [normalize(p) for p in docx_paragraphs(built / "noglik" / "order-2020-427.docx")]
    assert "П Р И К А З" in paragraphs
    assert "П Р И К А З Ы В А Ю:" in paragraphs
    assert paragraphs.index("П Р И К А З Ы В А Ю:") < paragraphs.index("Приложение")
    assert "от 9 сентября 2020 г. № 427" in paragraphs
    date_line = next(p for p in paragraphs if p.startswith("9 сентября 2020 г."))
    assert date_line.endswith("№ 427")


def test_novosibirsk_annex_header_uses_the_real_order_number_not_the_typed_one(built):
    paragraphs = [normalize(p) for p in docx_paragraphs(built / "novosibirsk" / "plan-2020.docx")]
    assert paragraphs[:3] == [
        "Приложение",
        "к приказу департамента образования мэрии города Новосибирска",
        "от 28.02.2020 № 0212-09 а",
    ]
    assert not any("ОМ-009" in p for p in paragraphs)


def test_annex_signature_is_printed_under_the_plan(built):
    rows = docx_table_rows(built / "novosibirsk" / "plan-2020.docx")
    assert [normalize(c) for c in rows[-1]] == ["Начальник отдела общего образования", "О. А. Прасолова"]


def test_order_points_are_numbered_and_signed(departments, built):
    order = departments["novosibirsk"].document("order-2020-0212")
    paragraphs = [normalize(p) for p in docx_paragraphs(built / "novosibirsk" / "order-2020-0212.docx")]
    for index, point in enumerate(order.points, start=1):
        assert f"{index}. {printed(m.plain_text(point.text))}" in paragraphs
    signature = docx_table_rows(built / "novosibirsk" / "order-2020-0212.docx")[0]
    assert [normalize(c) for c in signature] == ["Начальник департамента", "Р. М. Ахметгареев"]


def test_regulation_has_every_clause_with_its_number(departments, built):
    regulation = departments["taimyr"].document("regulation-msoko")
    outline = list(regulation_outline(regulation))
    assert sum(1 for i in outline if hasattr(i, "chapter")) == 12
    assert sum(1 for i in outline if hasattr(i, "clause")) == 61
    paragraphs = [normalize(p) for p in docx_paragraphs(built / "taimyr" / "regulation-msoko.docx")]
    position = 0
    for item in outline:
        if hasattr(item, "chapter"):
            expected = printed(f"{item.number} {item.chapter.title}")
        else:
            first = m.plain_text(item.clause.text).splitlines()
            expected = printed(f"{item.number} {first[0] if first else ''}")
        position = paragraphs.index(expected, position) + 1  # in order


def test_definitions_are_term_dash_definition(departments, built):
    regulation = departments["taimyr"].document("regulation-msoko")
    definitions = [d for ch in regulation.chapters for c in ch.clauses for d in c.definitions]
    assert len(definitions) == 15
    paragraphs = [normalize(p) for p in docx_paragraphs(built / "taimyr" / "regulation-msoko.docx")]
    for d in definitions:
        assert printed(f"{d.term} – {d.definition}") in paragraphs


def test_passport_blocks_stand_between_tables(departments, built):
    plan = departments["pogranichny"].document("plan-msoko")
    paragraphs = [normalize(p) for p in docx_paragraphs(built / "pogranichny" / "plan-msoko.docx")]
    labels = [b for s in plan.sections for b in s.passport]
    assert len(labels) > 80
    for block in labels:
        assert any(p.startswith(printed(block.label) + ":") for p in paragraphs), block.label
