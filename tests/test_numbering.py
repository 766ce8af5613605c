from generator import model as m
from generator.numbering import NumberedMeasure, plan_outline, point_numbers, regulation_outline


def measure(text="м", number=None, children=()):
    return m.Measure(text=(m.Paragraph(text),), number=number, children=tuple(children))


def section(title="р", measures=(), sections=(), numbered=True, number=None):
    return m.Section(title=title, measures=tuple(measures), sections=tuple(sections), numbered=numbered, number=number)


def numbers(plan):
    return [(item.number) for item in plan_outline(plan)]


def plan(*sections, **numbering):
    return m.Plan(id="p", title="t", sections=tuple(sections), numbering=m.Numbering(**numbering))


def test_hierarchical_numbers_follow_the_section():
    p = plan(section(measures=[measure(), measure(children=[measure(), measure()])]), section(measures=[measure()]))
    assert numbers(p) == ["1.", "1.1", "1.2", "1.2.1", "1.2.2", "2.", "2.1"]


def test_trailing_dot_is_a_setting():
    p = plan(section(measures=[measure()]), trailing_dot=True)
    assert numbers(p) == ["1.", "1.1."]


def test_restart_numbers_each_section_from_one_under_unnumbered_headings():
    p = plan(
        section(measures=[measure(), measure()]),
        section(measures=[measure()]),
        sections="unnumbered",
        measures="restart",
    )
    assert numbers(p) == [None, "1", "2", None, "1"]


def test_numbered_sections_with_restarting_tables_and_subsections():
    p = plan(
        section(numbered=False, measures=[measure(number="1.1.")]),
        section(sections=[section(measures=[measure(), measure()]), section(measures=[measure()])]),
        measures="restart",
        trailing_dot=True,
    )
    assert numbers(p) == [None, "1.1.", "1.", "1.1.", "1.", "2.", "1.2.", "1."]


def test_an_explicit_number_wins_and_does_not_shift_the_others():
    p = plan(section(measures=[measure(), measure(number="2.7.1"), measure()]))
    assert numbers(p) == ["1.", "1.1", "2.7.1", "1.3"]


def test_children_of_an_explicit_number_continue_from_it():
    p = plan(section(measures=[measure(number="12.1", children=[measure()])]))
    assert [i.number for i in plan_outline(p) if isinstance(i, NumberedMeasure)] == ["12.1", "12.1.1"]


def test_three_levels_with_numbered_section_rows():
    p = plan(
        section(measures=[measure()]),
        section(measures=[measure(), measure(), measure(children=[measure()])]),
        trailing_dot=True,
    )
    assert numbers(p)[-2:] == ["2.3.", "2.3.1."]


def test_regulation_clauses_nest_to_three_levels():
    clause = m.Clause(text=(m.Paragraph("п"),))
    deep = m.Clause(text=(m.Paragraph("п"),), clauses=(m.Clause(clauses=(clause,)),))
    reg = m.Regulation(id="r", title="t", chapters=(m.Chapter("a", clauses=(clause, deep)),))
    assert [i.number for i in regulation_outline(reg)] == ["1.", "1.1.", "1.2.", "1.2.1.", "1.2.1.1."]


def test_order_points_and_sub_points():
    points = (m.Point((m.Paragraph("a"),)), m.Point((m.Paragraph("b"),), points=(m.Point(()),)))
    assert [n for n, _, _ in point_numbers(points)] == ["1.", "2.", "2.1."]
