"""The shortcuts that keep `prikaz amend` and `prikaz diff` linear give what looking at
everything gives: the wording of grouped replacements through the word index against
the wording that examines every unit, on random edit scripts; the similarity index of
diff against comparing every pair; and the property of printed_key the index relies on."""

from __future__ import annotations

import dataclasses
import difflib
from unittest import mock

from factories import UNITS, measure, plan, section
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import diff as diff_module
from generator import model as m
from generator.amend import changes_of, grouped, wording
from generator.amend.parse import prove
from generator.editions import path_numbers
from generator.printed import printed
from generator.typography import as_written, printed_key

# Few words, so that a replacement finds its words in many rows, changed or not.
VOCABULARY = ["оценка", "качества", "мониторинг", "школ", "анализ", "ВПР", "семинар", "2021"]
DEADLINES = ["Ежегодно, май", "Ежегодно, март", "2021", "В течение года"]
COLUMNS = tuple(
    dataclasses.replace(column, title=title)
    for column, title in zip(m.DEFAULT_COLUMNS, ("№ п/п", "Мероприятия", "Срок исполнения", "Ответственные"))
)


@st.composite
def plans(draw):
    def row():
        text = " ".join(draw(st.lists(st.sampled_from(VOCABULARY), min_size=2, max_size=6))).capitalize()
        units = draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=3, unique=True))
        return measure(text + ".", draw(st.sampled_from(DEADLINES)), units)

    sections = [
        section(f"Раздел {k}", *[row() for _ in range(draw(st.integers(1, 7)))]) for k in range(draw(st.integers(1, 3)))
    ]
    return dataclasses.replace(plan(*sections), columns=COLUMNS)


def _rows(doc):
    return [(s, k) for s, sec in enumerate(doc.sections) for k in range(len(sec.measures))]


def _with_row(doc, s, k, row):
    rows = list(doc.sections[s].measures)
    rows[k : k + 1] = [] if row is None else row
    sections = list(doc.sections)
    sections[s] = dataclasses.replace(sections[s], measures=tuple(rows))
    return dataclasses.replace(doc, sections=tuple(sections))


@st.composite
def edited(draw, doc):
    """One edit of the kinds a clerk makes in many rows at once, or in one row."""
    kind = draw(st.sampled_from(["word", "unit", "deadline", "remove", "insert", "rewrite"]))
    rows = _rows(doc)
    if not rows:
        return doc
    chosen = draw(st.lists(st.sampled_from(rows), min_size=1, unique=True))
    if kind in ("word", "unit", "deadline"):
        olds, news = {
            "word": (VOCABULARY, ["контроль", "учет", "ВПР"]),
            "unit": (UNITS, ["ИМЦ", "Методический центр"]),
            "deadline": (DEADLINES, ["Постоянно"]),
        }[kind]
        old, new = draw(st.sampled_from(olds)), draw(st.sampled_from(news))
        for s, k in chosen:
            row = doc.sections[s].measures[k]
            if kind == "word":
                row = dataclasses.replace(row, text=(m.Paragraph(m.plain_text(row.text).replace(old, new)),))
            elif kind == "unit":
                row = dataclasses.replace(
                    row, responsible=tuple(dict.fromkeys(new if u == old else u for u in row.responsible))
                )
            elif row.deadline == old:
                row = dataclasses.replace(row, deadline=new)
            doc = _with_row(doc, s, k, [row])
        return doc
    s, k = chosen[0]
    row = doc.sections[s].measures[k]
    if kind == "remove":
        return _with_row(doc, s, k, None)
    if kind == "insert":
        return _with_row(doc, s, k, [row, measure("Новое мероприятие.", "2022", ("ИМЦ",))])
    return _with_row(doc, s, k, [dataclasses.replace(row, text=(m.Paragraph("Иной текст мероприятия."),))])


@st.composite
def pairs(draw):
    old = draw(plans())
    new = old
    for _ in range(draw(st.integers(1, 4))):
        new = draw(edited(new))
    return old, new


def _every_unit(self, words, changed_only=False):
    """The slow path: every unit of the old edition (kept ones when only changed are asked)."""
    return [path for path in self.ctx.old_units if not changed_only or path in self.ctx.new_path_of]


def _worded(old, new):
    numbers = path_numbers(old)
    changes, _, new_numbers = changes_of(old, new, numbers)
    items = wording(old, new, changes, numbers, new_numbers)
    said = [(i.text, i.rows, [c.old_path for c in i.changes]) for i in items]
    return said, items, numbers, new_numbers


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs())
def test_the_word_index_words_what_looking_at_every_unit_words(pair):
    old, new = pair
    fast, items, old_numbers, new_numbers = _worded(old, new)
    # The slow path looks at every unit, and checks every unit in full even when the
    # replacement visibly changes its letters.
    with (
        mock.patch.object(grouped._Index, "having", _every_unit),
        mock.patch.object(grouped, "_letters", lambda text: ""),
    ):
        slow, _, _, _ = _worded(old, new)
    assert fast == slow
    assert prove(printed(old, old_numbers), printed(new, new_numbers), items) == []


TEXT = st.text(alphabet=list('аеёЁбвгАБ ГОД1290_-–—‐"«»„“”.,№()\u00a0\t\n'), max_size=40)


@given(TEXT, st.booleans())
def test_printed_key_keeps_every_letter_and_digit(text, written):
    """The grouped wording skips a unit that already reads as the new edition when a
    replacement changes letters: that holds because printed_key never changes one."""
    with as_written(written):
        assert grouped._letters(printed_key(text)) == grouped._letters(text)


WORDS = st.lists(st.sampled_from(["раздел", "1", "2", "качества", "школ", "и", "анализ", "ВПР"]), max_size=7)


@settings(max_examples=300)
@given(st.lists(WORDS, min_size=1, max_size=8), st.lists(WORDS, min_size=1, max_size=8))
def test_the_similarity_index_misses_no_similar_pair(olds, news):
    candidates = diff_module._similar_candidates(olds, news)
    for j, b in enumerate(news):
        for i, a in enumerate(olds):
            matcher = difflib.SequenceMatcher(None, (), b, autojunk=False)
            if diff_module._similarity_of(matcher, a, b) >= diff_module.SIMILAR:
                assert i in candidates[j], (a, b)


def test_a_comparison_made_again_is_equal_and_its_own():
    old = plan(section("Раздел", measure("Анализ школ."), measure("Оценка качества.")))
    new = plan(section("Раздел", measure("Анализ школ района."), measure("Оценка качества.")))
    first = diff_module.diff(old, new)
    first.changes.clear()
    again = diff_module.diff(old, new)
    assert len(again.changes) == 1 and again.kept == first.kept
