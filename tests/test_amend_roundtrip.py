"""The wording proof: the generated Russian text, parsed back and applied in order to the
old edition, gives the new edition — on random edit scripts (hypothesis) over plans of
two and three levels and over regulations, and on the bundled pair."""

from __future__ import annotations

import dataclasses

import factories
from factories import replace_at
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import model as m
from generator.amend import changes_of, wording
from generator.amend.parse import prove
from generator.editions import path_numbers, walk
from generator.load import load
from generator.printed import printed

# The shared word list without its figures (a figure typed in a rewrite reads back as a
# number, not a word), and a few more words of the kind plans use.
WORDS = [w for w in factories.WORDS if not w.isdigit()] + [
    "проведение",
    "организация",
    "совещание",
    "учителей",
    "результатов",
    "подготовки",
]
UNITS = ["Отдел образования", "ИМЦ", "Руководители ОО", "МОУО", "Методический центр", "ОО"]
DEADLINES = ["2021", "2022", "Ежегодно, май", "В течение года", "I квартал 2022 г.", "Март 2021"]
COLUMNS = tuple(
    dataclasses.replace(column, title=title)
    for column, title in zip(m.DEFAULT_COLUMNS, ("№ п/п", "Мероприятия", "Срок исполнения", "Ответственные"))
)


def words(draw, low=3, high=9) -> str:
    return " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=low, max_size=high)))


@st.composite
def measures(draw, depth: int):
    text = words(draw).capitalize() + "."
    children = draw(st.lists(measures(depth - 1), max_size=2)) if depth > 1 else []
    return m.Measure(
        text=(m.Paragraph(text),),
        deadline=draw(st.sampled_from(DEADLINES)),
        responsible=tuple(draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=3, unique=True))),
        children=tuple(children),
    )


@st.composite
def sections(draw, depth: int):
    # A section holds rows or subsections (3 levels: section, subsection, row, sub-row):
    # rows next to subsections would share their numbers (1.1 the row and the subsection).
    subs = draw(st.lists(sections(depth - 1), min_size=1, max_size=3)) if depth > 1 else []
    rows = () if subs else tuple(draw(st.lists(measures(2), min_size=1, max_size=6)))
    return m.Section(title=words(draw, 2, 5).capitalize(), measures=rows, sections=tuple(subs))


@st.composite
def plans(draw):
    depth = draw(st.sampled_from([1, 2]))
    return m.Plan(
        id="p",
        title="План мероприятий («дорожная карта») по развитию оценки качества",
        sections=tuple(draw(st.lists(sections(depth), min_size=1, max_size=4))),
        columns=COLUMNS,
    )


# --- edit scripts -----------------------------------------------------------------------


def _measure_paths(doc):
    return [p for p, n in walk(doc) if isinstance(n, m.Measure)]


@st.composite
def edit(draw, doc):
    paths = _measure_paths(doc)
    kind = draw(
        st.sampled_from(
            [
                "deadline",
                "unit",
                "rename",
                "word",
                "insert-word",
                "delete-word",
                "rewrite",
                "remove",
                "insert",
                "append",
                "title",
                "cosmetic",
                "section",
            ]
        )
    )
    path = draw(st.sampled_from(paths)) if paths else None
    node = None
    if path:
        node = doc
        for name, index in path:
            node = getattr(node, name)[index]
    if kind == "deadline" and node:
        return replace_at(doc, path, dataclasses.replace(node, deadline=draw(st.sampled_from(DEADLINES))))
    if kind == "unit" and node:
        units = list(node.responsible)
        units[draw(st.integers(0, len(units) - 1))] = draw(st.sampled_from(UNITS + ["Управление образования"]))
        return replace_at(doc, path, dataclasses.replace(node, responsible=tuple(dict.fromkeys(units))))
    if kind == "rename":  # a unit renamed in some rows or in all
        old_name, new_name = draw(st.sampled_from(UNITS)), "Управление образования и науки"
        everywhere = draw(st.booleans())
        for p in _measure_paths(doc):
            n = doc
            for name, index in p:
                n = getattr(n, name)[index]
            if old_name in n.responsible and (everywhere or draw(st.booleans())):
                doc = replace_at(
                    doc,
                    p,
                    dataclasses.replace(n, responsible=tuple(new_name if u == old_name else u for u in n.responsible)),
                )
        return doc
    if node is None:
        return doc
    text = m.plain_text(node.text)
    tokens = text.rstrip(".").split(" ")
    k = draw(st.integers(0, len(tokens) - 1))
    if kind == "word":
        tokens[k] = draw(st.sampled_from(WORDS))
    elif kind == "insert-word":
        tokens.insert(k + 1, draw(st.sampled_from(WORDS)))
    elif kind == "delete-word" and len(tokens) > 1:
        del tokens[k]
    elif kind == "rewrite":
        tokens = words(draw).split(" ")
    elif kind == "remove":
        return replace_at(doc, path, None)
    elif kind in ("insert", "append"):
        new = draw(measures(1))
        if kind == "insert":
            return replace_at(doc, path, [node, new])
        section_path = path[: max(k for k, (name, _) in enumerate(path) if name == "sections") + 1]
        section = doc
        for name, index in section_path:
            section = getattr(section, name)[index]
        return replace_at(doc, section_path, dataclasses.replace(section, measures=section.measures + (new,)))
    elif kind == "title":
        section = doc.sections[path[0][1]]
        return replace_at(
            doc, path[:1], dataclasses.replace(section, title=section.title + " " + draw(st.sampled_from(WORDS)))
        )
    elif kind == "cosmetic":
        return replace_at(doc, path, dataclasses.replace(node, deadline=(node.deadline or "").replace(" ", "  ")))
    elif kind == "section":
        return dataclasses.replace(doc, sections=doc.sections + (draw(sections(1)),))
    new_text = " ".join(tokens)
    new_text = new_text[:1].upper() + new_text[1:] + "."
    return replace_at(doc, path, dataclasses.replace(node, text=(m.Paragraph(new_text),)))


@st.composite
def edition_pairs(draw):
    old = draw(plans())
    new = old
    for _ in range(draw(st.integers(1, 6))):
        new = draw(edit(new))
    return old, new


def wording_proof(old, new):
    old_numbers = path_numbers(old)
    changes, _, new_numbers = changes_of(old, new, old_numbers)
    items = wording(old, new, changes, old_numbers, new_numbers)
    return items, prove(printed(old, old_numbers), printed(new, new_numbers), items)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edition_pairs())
def test_the_wording_applied_to_the_old_plan_gives_the_new(pair):
    old, new = pair
    items, problems = wording_proof(old, new)
    assert problems == [], [i.text for i in items]
    assert_every_item_is_needed(old, new, items)


def assert_every_item_is_needed(old, new, items):
    """Each change is named once: without any one item the proof fails."""
    old_numbers = path_numbers(old)
    _, _, new_numbers = changes_of(old, new, old_numbers)
    for k in range(len(items)):
        rest = items[:k] + items[k + 1 :]
        assert prove(printed(old, old_numbers), printed(new, new_numbers), rest), items[k].text


def clause(text, *subs):
    return m.Clause(text=(m.Paragraph(text),), clauses=tuple(subs))


@st.composite
def regulation_pairs(draw):
    def sentence():
        return words(draw).capitalize() + "."

    chapters = tuple(
        m.Chapter(
            words(draw, 2, 4).capitalize(),
            clauses=tuple(
                clause(sentence(), *[clause(sentence()) for _ in range(draw(st.integers(0, 2)))])
                for _ in range(draw(st.integers(1, 5)))
            ),
        )
        for _ in range(draw(st.integers(1, 3)))
    )
    old = m.Regulation(id="r", title="Положение о муниципальной системе оценки качества", chapters=chapters)
    new = old
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p, n in walk(new) if isinstance(n, m.Clause)]
        path = draw(st.sampled_from(paths)) if paths else None
        if path is None:
            break
        action = draw(st.sampled_from(["word", "remove", "insert", "rewrite"]))
        if action == "remove":
            new = replace_at(new, path, None)
            continue
        node = new
        for name, index in path:
            node = getattr(node, name)[index]
        if action == "insert":
            new = replace_at(new, path, [node, clause(sentence())])
            continue
        tokens = m.plain_text(node.text).rstrip(".").split(" ")
        if action == "rewrite":
            tokens = sentence().rstrip(".").split(" ")
        else:
            tokens[draw(st.integers(0, len(tokens) - 1))] = draw(st.sampled_from(WORDS))
        text = " ".join(tokens)
        new = replace_at(new, path, dataclasses.replace(node, text=(m.Paragraph(text[:1].upper() + text[1:] + "."),)))
    return old, new


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(regulation_pairs())
def test_the_wording_applied_to_the_old_regulation_gives_the_new(pair):
    old, new = pair
    items, problems = wording_proof(old, new)
    assert problems == [], [i.text for i in items]
    assert_every_item_is_needed(old, new, items)


def test_the_bundled_pair_round_trips():
    from generator.amend import compose_for
    from generator.history import numbers_of

    dep = load(["content/novosibirsk"])[0]
    old, new = dep.document("plan-2020"), dep.document("plan-2020-ed2")
    composition = compose_for(dep, old, new, form="changes")
    assert len(composition.items) == 6
    assert prove(printed(old, numbers_of(dep, old)), printed(new, numbers_of(dep, new)), composition.items) == []


@st.composite
def order_pairs(draw):
    def point():
        return m.Point(text=(m.Paragraph(words(draw).capitalize() + "."),))

    old = m.Order(
        id="o",
        date=__import__("datetime").date(2021, 1, 1),
        number="1",
        title="Об утверждении плана",
        points=tuple(point() for _ in range(draw(st.integers(1, 6)))),
        signatory="head",
    )
    new = old
    for _ in range(draw(st.integers(1, 3))):
        points = list(new.points)
        k = draw(st.integers(0, len(points) - 1)) if points else 0
        action = draw(st.sampled_from(["reword", "insert", "remove", "append"]))
        if action == "reword" and points:
            points[k] = point()
        elif action == "insert":
            points.insert(k, point())
        elif action == "remove" and len(points) > 1:
            del points[k]
        else:
            points.append(point())
        new = dataclasses.replace(new, points=tuple(points))
    return old, new


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(order_pairs())
def test_the_wording_applied_to_the_old_order_gives_the_new(pair):
    old, new = pair
    items, problems = wording_proof(old, new)
    assert problems == [], [i.text for i in items]
    assert_every_item_is_needed(old, new, items)


def test_a_section_inserted_before_a_real_subsection_number_reads_back():
    # 2.1 is a subsection already: the new section after section 2 is 2(1), its rows 2(1).1.1
    row = lambda t: m.Measure(text=(m.Paragraph(t),), deadline="2021", responsible=("ОО",))  # noqa: E731
    part = lambda t, sub, text: m.Section(title=t, sections=(m.Section(title=sub, measures=(row(text),)),))  # noqa: E731
    old = m.Plan(
        id="p",
        title="План",
        columns=COLUMNS,
        sections=(
            part("Первый", "Один", "Анализ результатов"),
            part("Второй", "Два", "Семинар для учителей"),
            part("Третий", "Три", "Мониторинг школ"),
        ),
    )
    new = dataclasses.replace(
        old, sections=old.sections[:2] + (part("Вставной", "Четыре", "Совещание"),) + old.sections[2:]
    )
    items, problems = wording_proof(old, new)
    assert [i.text for i in items] == ["после раздела 2 дополнить разделом 2(1) следующего содержания:"]
    assert problems == []
