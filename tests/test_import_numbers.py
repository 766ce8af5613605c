"""Printed numbers survive the import: whatever numbers a Word plan prints (gaps, repeats,
roman numerals, none), the imported plan shows exactly them, as numbering.py computes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator import model as m
from generator.importer.numbers import settle_plan, settle_regulation
from generator.numbering import NumberedMeasure, NumberedSection, plan_outline, regulation_outline

NUMBERS = st.sampled_from([None, "1", "2", "3", "1.", "2.", "4.", "1.1", "1.2.", "2.1", "2.1.1", "IV", "7"])


@st.composite
def trees(draw, depth: int = 0, kind: str = "s"):
    """(printed number, children) trees: sections hold measures and sections, measures hold measures."""
    children = []
    if depth < 3:
        for _ in range(draw(st.integers(0, 3 if depth else 4))):
            child_kind = "m" if kind == "m" or draw(st.booleans()) else "s"
            children.append((child_kind, draw(trees(depth + 1, child_kind))))
    return draw(NUMBERS), children


def build(tree, printed, path=()):
    sections, measures = [], []
    for kind, (number, children) in tree:
        if kind == "s":
            child = (*path, ("s", len(sections)))
            printed[child] = number and number.rstrip(".")
            inner_sections, inner_measures = build(children, printed, child)
            sections.append(m.Section("раздел", measures=tuple(inner_measures), sections=tuple(inner_sections)))
        else:
            child = (*path, ("m", len(measures)))
            printed[child] = number
            _, inner = build([("m", c[1]) for c in children], printed, child)
            measures.append(m.Measure((m.Paragraph("мероприятие"),), children=tuple(inner)))
    return sections, measures


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.just("s"), trees()), min_size=1, max_size=4))
def test_every_printed_number_is_shown(tree):
    printed: dict = {}
    sections, _ = build(tree, printed)
    plan = settle_plan(m.Plan("p", "план", tuple(sections)), printed)
    shown = [item.number for item in plan_outline(plan)]
    wanted = [printed[path] for path in _paths(plan.sections, ())]
    for item, number, want in zip(plan_outline(plan), shown, wanted, strict=True):
        if isinstance(item, NumberedSection):
            assert (number and number.rstrip(".")) == want
        elif want is not None:
            assert isinstance(item, NumberedMeasure) and number == want


def _paths(sections, prefix):
    for i, section in enumerate(sections):
        path = (*prefix, ("s", i))
        yield path
        yield from _measure_paths(section.measures, path)
        yield from _paths(section.sections, path)


def _measure_paths(measures, prefix):
    for k, measure in enumerate(measures):
        path = (*prefix, ("m", k))
        yield path
        yield from _measure_paths(measure.children, path)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([None, "1", "2", "5", "IV"]),
            st.lists(st.tuples(NUMBERS, st.lists(NUMBERS, max_size=2)), max_size=3),
        ),
        min_size=1,
        max_size=4,
    ),
    st.booleans(),
)
def test_every_printed_clause_number_is_shown(chapters, dot):
    printed: dict = {}
    built = []
    for i, (number, clauses) in enumerate(chapters):
        printed[(("c", i),)] = number
        items = []
        for j, (clause_number, subs) in enumerate(clauses):
            printed[(("c", i), ("k", j))] = clause_number
            for k, sub in enumerate(subs):
                printed[(("c", i), ("k", j), ("k", k))] = sub
            items.append(m.Clause((m.Paragraph("пункт"),), clauses=tuple(m.Clause((m.Paragraph("п"),)) for _ in subs)))
        built.append(m.Chapter("глава", clauses=tuple(items)))
    regulation = settle_regulation(m.Regulation("r", "положение", tuple(built), trailing_dot=dot), printed)
    paths = [path for path in printed]
    for path, item in zip(sorted(paths, key=_order), regulation_outline(regulation), strict=True):
        want = printed[path]
        if want is not None:
            assert (item.number.rstrip(".") if len(path) == 1 else item.number) == want


def _order(path):
    return tuple(index for _kind, index in path) + (-1,) * (3 - len(path))
