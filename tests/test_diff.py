"""diff and apply: the round trip is exact, insertions are insertions, moves are found."""

from __future__ import annotations

import dataclasses

from factories import UNITS, WORDS, measure, plan, section, twenty
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import model as m
from generator.diff import apply, diff, word_diff


def test_one_inserted_measure_is_one_insertion():
    old = plan(twenty())
    rows = list(old.sections[0].measures)
    rows.insert(7, measure("Совершенно новое мероприятие"))
    new = plan(section("Раздел", *rows))
    changes = diff(old, new).changes
    assert [c.kind for c in changes] == ["added"]
    assert changes[0].anchor == 6
    assert apply(old, changes) == new


def test_a_changed_deadline_is_one_field_change():
    old = plan(twenty())
    rows = list(old.sections[0].measures)
    rows[3] = dataclasses.replace(rows[3], deadline="2022")
    new = plan(section("Раздел", *rows))
    (change,) = diff(old, new).changes
    assert change.kind == "changed" and [f.name for f in change.fields] == ["deadline"]


def test_reworded_text_is_a_change_not_a_removal_and_an_addition():
    old = plan(section("Р", measure("Проведение мониторинга качества образования в школах района")))
    new = plan(section("Р", measure("Проведение мониторинга качества образования во всех школах района")))
    (change,) = diff(old, new).changes
    assert change.kind == "changed"


def test_a_section_put_in_the_place_of_a_removed_one_is_an_addition_not_a_rewrite():
    # Between kept neighbours, a new heading over new measures is another section; a
    # heading rewritten over the measures it had is the same section renamed.
    first, last = section("Первый раздел", measure("Анализ результатов")), section("Последний", measure("Отчёт"))
    middle = section("Мониторинг качества образования", measure("Сбор данных о школах"), measure("Свод данных"))
    replaced = section("Работа с родителями", measure("Собрания для родителей"), measure("Консультации семей"))
    renamed = dataclasses.replace(middle, title="Совсем иное наименование")
    old = plan(first, middle, last)
    for new in (plan(first, replaced, last), plan(first, renamed, last)):
        assert apply(old, diff(old, new).changes) == new
    changes = diff(old, plan(first, replaced, last)).changes
    assert [(c.kind, c.old_path or c.new_path) for c in changes] == [
        ("removed", (("sections", 1),)),
        ("added", (("sections", 1),)),
    ]
    (change,) = diff(old, plan(first, renamed, last)).changes
    assert change.kind == "changed" and [f.name for f in change.fields] == ["title"]


def test_a_measure_moved_to_another_section_is_marked_as_moved():
    a, b = measure("Анализ результатов ВПР"), measure("Семинар для педагогов")
    old = plan(section("Один", a, b), section("Два", measure("Олимпиады школьников")))
    new = plan(section("Один", b), section("Два", measure("Олимпиады школьников"), a))
    changes = diff(old, new).changes
    assert sorted((c.kind, c.moved) for c in changes) == [("added", True), ("removed", True)]
    assert apply(old, changes) == new


def test_reordered_rows_are_moves_within_the_section():
    rows = [measure(f"Пункт {w}") for w in WORDS[:5]]
    old = plan(section("Р", *rows))
    new = plan(section("Р", rows[0], rows[3], rows[1], rows[2], rows[4]))
    result = diff(old, new)
    assert result.count() == {"moved": 1}
    assert apply(old, result.changes) == new


def test_stable_ids_match_even_when_everything_else_changed():
    old = plan(section("Р", measure("Старый текст", id="m1"), measure("Другой", id="m2")))
    new = plan(section("Р", measure("Совсем иное содержание", id="m1"), measure("Другой", id="m2")))
    (change,) = diff(old, new).changes
    assert change.kind == "changed" and change.old_path == (("sections", 0), ("measures", 0))


def test_two_equally_similar_candidates_are_reported_as_ambiguous():
    old = plan(
        section("Р", measure("Анализ результатов ВПР по математике"), measure("Анализ результатов ВПР по физике"))
    )
    new = plan(section("Р", measure("Анализ результатов ВПР по химии")))
    result = diff(old, new)
    assert result.ambiguities and len(result.ambiguities[0].candidates) == 2


def test_word_diff_marks_only_the_changed_words():
    assert word_diff("Ежегодно март 2020", "Ежегодно апрель 2020") == [
        ("equal", "Ежегодно "),
        ("delete", "март"),
        ("insert", "апрель"),
        ("equal", " 2020"),
    ]


def test_identical_editions_have_no_changes(departments):
    for dep in departments.values():
        for doc in dep.documents:
            assert diff(doc, doc).changes == []


# --- the round trip, for any edits --------------------------------------------------------

texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
measures_leaf = st.builds(
    lambda t, d, u: measure(t, d, u),
    texts,
    st.sampled_from(["2021", "2022", "Постоянно"]),
    st.lists(st.sampled_from(UNITS), min_size=1, max_size=2, unique=True),
)
measures = st.builds(lambda t, c: measure(t, children=c), texts, st.lists(measures_leaf, max_size=2)) | measures_leaf
sections = st.builds(lambda t, ms: section(t, *ms), texts, st.lists(measures, max_size=6))
plans = st.builds(lambda ss: plan(*ss), st.lists(sections, min_size=1, max_size=4))


@st.composite
def edited(draw):
    """A plan and the same plan after a few random edits at any level."""
    old = draw(plans)
    secs = [list(s.measures) for s in old.sections]
    titles = [s.title for s in old.sections]
    for _ in range(draw(st.integers(1, 6))):
        k = draw(st.integers(0, len(secs) - 1))
        rows = secs[k]
        action = draw(
            st.sampled_from(["insert", "delete", "move", "text", "deadline", "units", "child", "title", "section"])
        )
        if action == "insert":
            rows.insert(draw(st.integers(0, len(rows))), draw(measures))
        elif action == "section":
            secs.insert(draw(st.integers(0, len(secs))), [draw(measures)])
            titles.insert(len(secs) - 1, draw(texts))
        elif not rows:
            continue
        elif action == "delete":
            rows.pop(draw(st.integers(0, len(rows) - 1)))
        elif action == "move":
            item = rows.pop(draw(st.integers(0, len(rows) - 1)))
            target = secs[draw(st.integers(0, len(secs) - 1))]
            target.insert(draw(st.integers(0, len(target))), item)
        else:
            i = draw(st.integers(0, len(rows) - 1))
            row = rows[i]
            if action == "text":
                rows[i] = dataclasses.replace(row, text=(m.Paragraph(draw(texts)),))
            elif action == "deadline":
                rows[i] = dataclasses.replace(row, deadline=draw(st.sampled_from(["2023", "Ежегодно"])))
            elif action == "units":
                rows[i] = dataclasses.replace(row, responsible=(draw(st.sampled_from(UNITS)),))
            elif action == "child":
                rows[i] = dataclasses.replace(row, children=row.children + (draw(measures_leaf),))
            else:
                titles[k] = draw(texts)
    new = plan(*[section(t, *rows) for t, rows in zip(titles, secs)], title=draw(st.sampled_from(["План", "План 2"])))
    return old, new


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited())
def test_applying_the_diff_gives_exactly_the_new_edition(pair):
    old, new = pair
    assert apply(old, diff(old, new).changes) == new


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited())
def test_the_wording_names_every_change_exactly_once(pair):
    from generator.amend import mentioned, wording
    from generator.editions import carry_numbers, path_numbers

    old, new = pair
    result = diff(old, new)
    old_numbers = path_numbers(old)
    items = wording(old, new, result, old_numbers, carry_numbers(old_numbers, result, new))
    expected = [c for c in result.changes if c.kind != "document" or c.fields]
    covered = mentioned(items)
    assert sorted(map(id, covered)) == sorted(map(id, expected))
