"""Model factories shared by several test modules: small plans built in code, no YAML.

A module with factories of its own shape (positions for messages, numbering options) keeps
them next to its tests; what two modules use lives here.
"""

from __future__ import annotations

import dataclasses

from generator import model as m

WORDS = [
    "оценка",
    "качества",
    "образования",
    "мониторинг",
    "школ",
    "педагогов",
    "анализ",
    "ВПР",
    "ОГЭ",
    "семинар",
    "2021",
    "2022",
    "родителей",
    "олимпиады",
    "рекомендации",
    "плана",
]
UNITS = ["ОО", "МОУО", "ИМЦ", "Отдел образования"]


def measure(text, deadline="2021", units=("ОО",), children=(), id=None):
    return m.Measure(
        text=(m.Paragraph(text),), deadline=deadline, responsible=tuple(units), children=tuple(children), id=id
    )


def plan(*sections, title="План"):
    return m.Plan(id="p", title=title, sections=tuple(sections))


def section(title, *measures, sections=()):
    return m.Section(title=title, measures=tuple(measures), sections=tuple(sections))


def twenty():
    return section("Раздел", *[measure(f"Мероприятие номер {i} про {WORDS[i % len(WORDS)]}") for i in range(20)])


def replace_at(doc, path, node):
    """`doc` with the node at `path` replaced by `node` (None: removed; a list: several)."""
    name, index = path[0]
    children = list(getattr(doc, name))
    if len(path) == 1:
        children[index : index + 1] = [] if node is None else (node if isinstance(node, list) else [node])
    else:
        children[index] = replace_at(children[index], path[1:], node)
    return dataclasses.replace(doc, **{name: tuple(children)})
