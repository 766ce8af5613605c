"""Amending orders for edition pairs derived from the bundled documents the way clerks edit
them: moderate edits of a 9-section plan, a unit renamed in most rows, a sweeping rewrite,
a regulation. Each wording is proved (parsed back, applied, compared)."""

from __future__ import annotations

import dataclasses

import pytest
from factories import replace_at

from generator import model as m
from generator.amend import changed_share, changes_of, wording
from generator.amend.parse import prove
from generator.editions import walk
from generator.history import numbers_of
from generator.load import load
from generator.printed import printed


def bundled(org: str, doc_id: str):
    dep = load([f"content/{org}"])[0]
    return dep, dep.document(doc_id)


def node_at(doc, path):
    for name, index in path:
        doc = getattr(doc, name)[index]
    return doc


def rows(doc):
    return [p for p, n in walk(doc) if isinstance(n, m.Measure)]


def edit_row(doc, path, **fields):
    return replace_at(doc, path, dataclasses.replace(node_at(doc, path), **fields))


def with_text(text: str) -> m.Text:
    return (m.Paragraph(text),)


def proved(dep, old, new):
    old_numbers = numbers_of(dep, old)
    changes, cosmetic, new_numbers = changes_of(old, new, old_numbers)
    items = wording(old, new, changes, old_numbers, new_numbers)
    problems = prove(printed(old, old_numbers), printed(new, new_numbers), items)
    assert problems == [], [i.text for i in items]
    return [i.text for i in items], changes, cosmetic


def rename(doc, old_name, new_name, skip=()):
    for k, path in enumerate(p for p in rows(doc) if old_name in node_at(doc, p).responsible):
        if k in skip:
            continue
        row = node_at(doc, path)
        doc = edit_row(doc, path, responsible=tuple(new_name if u == old_name else u for u in row.responsible))
    return doc


def test_moderate_edits_of_a_nine_section_plan():
    dep, old = bundled("noglik", "plan-msoko")
    paths = rows(old)
    new = edit_row(old, paths[3], deadline="Ежегодно декабрь")  # a deadline
    new = edit_row(
        new,
        paths[10],
        text=with_text("Организация и проведение муниципальных диагностических работ по читательской грамотности."),
    )  # rewritten in place
    new = replace_at(new, paths[20], None)  # a row removed
    new = replace_at(
        new,
        paths[30],
        [
            node_at(new, paths[30]),
            m.Measure(
                text=with_text("Проведение семинара для заместителей директоров по итогам оценочных процедур."),
                deadline="Ежегодно, март",
                responsible=("Отдел образования",),
            ),
        ],
    )  # a row inserted
    last = [p for p in rows(new) if p[0] == rows(new)[-1][0]][-1]
    new = replace_at(
        new,
        last,
        [
            node_at(new, last),
            m.Measure(
                text=with_text("Мониторинг профессиональных предпочтений выпускников."),
                deadline="Ежегодно, май",
                responsible=("Отдел образования",),
            ),
        ],
    )  # a row added at the end
    new = edit_row(new, paths[5], text=with_text(m.plain_text(node_at(new, paths[5]).text).replace("е", "ё", 1)))
    texts, _, cosmetic = proved(dep, old, new)
    numbers = {p: n.rstrip(".") for p, n in numbers_of(dep, old).items() if n}
    assert len(texts) == 5 and len(cosmetic) == 1
    assert f"пункт {numbers[paths[10]]} изложить в следующей редакции:" in texts  # keeps its number
    assert f"пункт {numbers[paths[20]]} исключить." in texts
    assert any(
        t.startswith(f"после пункта {numbers[paths[30]]} дополнить пунктом {numbers[paths[30]]}.1 ") for t in texts
    )
    last_number = max((numbers[p] for p in rows(old) if p[0] == rows(old)[-1][0]), key=lambda n: int(n.split(".")[1]))
    assert texts[-1] == f"раздел 9 дополнить пунктом 9.{int(last_number.split('.')[1]) + 1} следующего содержания:"


def still_saying(dep, old, new, words):
    """Numbers of kept rows whose printed cells still hold `words` in the new edition."""
    from generator.printed import occurrences

    numbers = numbers_of(dep, old)
    _, _, new_numbers = changes_of(old, new, numbers)
    return [
        u.number
        for u in printed(new, new_numbers).units
        if u.kind == "measure" and any(occurrences(v, words) for v in u.cells.values())
    ]


def test_a_unit_renamed_in_most_rows_is_one_item_with_its_exceptions():
    dep, old = bundled("noglik", "plan-msoko")
    new = rename(old, "ИМЦ отдела образования", "Муниципальный методический центр", skip=(4, 9))
    texts, changes, _ = proved(dep, old, new)
    assert len(changes.changes) > 20
    kept = still_saying(dep, old, new, "ИМЦ отдела образования")
    assert 2 <= len(kept) <= 4  # the two rows skipped, and «Руководитель ИМЦ отдела образования» rows
    assert texts == [
        "по тексту слова «ИМЦ отдела образования» заменить словами «Муниципальный методический "
        f"центр», за исключением пунктов {', '.join(kept[:-1])} и {kept[-1]}."
    ]


def test_a_unit_renamed_in_a_few_rows_is_one_item_listing_them():
    dep, old = bundled("noglik", "plan-msoko")
    new = rename(old, "ИМЦ отдела образования", "Муниципальный методический центр", skip=range(4, 40))
    texts, _, _ = proved(dep, old, new)
    renamed = [
        u.number
        for u in printed(new, numbers_of(dep, old)).units
        if "Муниципальный методический центр" in u.cells.get("responsible", "")
    ]
    assert len(renamed) == 4
    assert texts == [
        f"в графе «Ответственные» пунктов {', '.join(renamed[:-1])} и {renamed[-1]} слова "
        "«ИМЦ отдела образования» заменить словами «Муниципальный методический центр»."
    ]


def test_a_renamed_unit_and_another_edit_in_one_row_are_two_items_that_apply_in_order():
    dep, old = bundled("noglik", "plan-msoko")
    new = rename(old, "ИМЦ отдела образования", "Муниципальный методический центр")
    first = [p for p in rows(old) if "ИМЦ отдела образования" in node_at(old, p).responsible][0]
    new = edit_row(new, first, deadline="Ежегодно, август")
    texts, _, _ = proved(dep, old, new)
    assert texts[0].startswith("по тексту слова «ИМЦ отдела образования»")
    assert len(texts) == 2 and "«Ежегодно, август»" in texts[1]


def test_a_sweeping_rewrite_proposes_a_new_edition_and_its_wording_still_applies():
    dep, old = bundled("noglik", "plan-msoko")
    new = old
    for k, path in enumerate(rows(old)):
        if k % 3:
            new = edit_row(
                new,
                path,
                text=with_text(f"Новое содержание мероприятия номер {k} по оценке качества."),
                deadline="2026",
            )
    texts, changes, _ = proved(dep, old, new)
    assert changed_share(old, changes) >= 0.5
    # rows of a section restated together: «пункты 1.2, 1.3, 1.5 и 1.6 изложить …»
    assert len(texts) <= 9 and all(
        t.startswith("пункты ") and t.endswith(" изложить в следующей редакции:") for t in texts
    )


@pytest.mark.parametrize("edit", ["definition", "clause", "chapter-title", "insert", "repeal"])
def test_a_regulation(edit):
    dep, old = bundled("taimyr", "regulation-msoko")
    clauses = [p for p, n in walk(old) if isinstance(n, m.Clause)]
    with_terms = next(p for p in clauses if node_at(old, p).definitions)
    if edit == "definition":
        node = node_at(old, with_terms)
        terms = list(node.definitions)
        terms[1] = dataclasses.replace(terms[1], definition="обобщенный показатель качества образования.")
        new = replace_at(old, with_terms, dataclasses.replace(node, definitions=tuple(terms)))
    elif edit == "clause":
        node = node_at(old, clauses[1])
        new = replace_at(
            old,
            clauses[1],
            dataclasses.replace(
                node,
                text=with_text(
                    m.plain_text(node.text).replace(
                        "Российской Федерации", "Российской Федерации и Красноярского края", 1
                    )
                ),
            ),
        )
    elif edit == "chapter-title":
        new = replace_at(old, (("chapters", 1),), dataclasses.replace(old.chapters[1], title="Цели и задачи МСОКО"))
    elif edit == "insert":
        new = replace_at(
            old,
            clauses[2],
            [
                node_at(old, clauses[2]),
                m.Clause(text=with_text("Положение применяется также к организациям дополнительного образования.")),
            ],
        )
    else:
        new = replace_at(old, clauses[3], None)
    texts, _, _ = proved(dep, old, new)
    assert len(texts) == 1


def test_a_section_added_to_a_plan_whose_rows_restart_in_each_section_takes_the_next_section_number():
    # pogranichny: sections 1–8, rows numbered 1., 2. … afresh in each; a new direction is 9,
    # not the first number no row uses anywhere
    dep, old = bundled("pogranichny", "plan-msoko")
    last = old.sections[-1]
    new = dataclasses.replace(
        old, sections=old.sections + (dataclasses.replace(last, title="Система работы с родителями", passport=()),)
    )
    texts, _, _ = proved(dep, old, new)
    assert texts == ["дополнить разделом 9 следующего содержания:"]


def test_rows_of_one_section_renamed_in_one_column_are_one_item_naming_the_section():
    # novosibirsk numbers rows afresh in each section: the list names its section; the
    # words stay in the text of some rows, so the item names the column
    dep, old = bundled("novosibirsk", "plan-2020")
    new, renamed = old, []
    for path in rows(old):
        row = node_at(old, path)
        if path[0] == ("sections", 0) and "ОО" in row.responsible and len(renamed) < 4:
            new = edit_row(
                new, path, responsible=tuple("Образовательные организации" if u == "ОО" else u for u in row.responsible)
            )
            renamed.append(numbers_of(dep, old)[path])
    texts, _, _ = proved(dep, old, new)
    assert texts == [
        f"в разделе «{old.sections[0].title}» в графе «Ответственные исполнители» пунктов "
        f"{', '.join(renamed[:-1])} и {renamed[-1]} слово «ОО» заменить словами «Образовательные "
        "организации»."
    ]
