"""Measures repeated in a plan.

Identical rows in one section (text, deadline and responsible) are an error; the same text
with other cells, or a text that differs only by punctuation, word endings or a slip of the
keyboard, is a warning naming both rows. Measures that differ in a meaningful word — a
subject, a class, a year, a target group — are different measures and are left alone.

Comparing every pair is quadratic; measures are first grouped by their exact text and, for
near duplicates, by the number of meaningful words and the stems of the first or last two,
so only a handful of pairs are ever compared.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from .. import model as m
from ..errors import Problem
from . import WORD, Context, edit_distance, fold, raw_text

STOPWORDS = frozenset(
    """
и в во на с со по для к ко о об обо от до из у за а также или при через между под над не как что
том числе т ч д др пр а также его ее их её этих этого данной данного
""".split()
)


@dataclass(frozen=True)
class _Row:
    measure: m.Measure
    number: str
    parent: int  # id of the section or measure the row belongs to
    text: str  # words of the text, folded, without punctuation
    words: tuple[str, ...]  # the meaningful words
    cells: tuple[str, frozenset[str]]

    @property
    def label(self) -> str:
        return f"мероприятие {self.number.rstrip('.')}"


def duplicate_rules(ctx: Context) -> Iterator[Problem]:
    for plan in ctx.plans:
        rows = _rows(plan, {id(i.measure): i.number for i in ctx.measures(plan)})
        yield from _identical(rows)
        yield from _near(rows)


def _rows(plan: m.Plan, numbers: dict[int, str]) -> list[_Row]:
    rows: list[_Row] = []

    def measures(items, parent: int) -> None:
        for measure in items:
            words = WORD.findall(fold(raw_text(measure.text)))
            cells = (fold(measure.deadline or ""), frozenset(fold(r) for r in measure.responsible))
            meaningful = tuple(w for w in words if w not in STOPWORDS)
            rows.append(_Row(measure, numbers[id(measure)], parent, " ".join(words), meaningful, cells))
            measures(measure.children, id(measure))

    def sections(items) -> None:
        for section in items:
            measures(section.measures, id(section))
            sections(section.sections)

    sections(plan.sections)
    return rows


def _identical(rows: list[_Row]) -> Iterator[Problem]:
    groups: dict[tuple[int, str], list[_Row]] = defaultdict(list)
    for row in rows:
        if row.text:
            groups[(row.parent, row.text)].append(row)
    for group in groups.values():
        for i, row in enumerate(group[1:], start=1):
            twin = next((g for g in group[:i] if g.cells == row.cells), None)
            if twin is not None:
                yield _problem("measure-duplicate", row, twin, "error")
            else:
                yield _problem(
                    "measure-near-duplicate",
                    row,
                    group[0],
                    "warning",
                    difference="текст тот же, но другие срок или исполнители",
                )


def _near(rows: list[_Row]) -> Iterator[Problem]:
    """Texts that differ only in endings, slips and small words, within one section."""
    buckets: dict[tuple, list[_Row]] = defaultdict(list)
    for row in rows:
        if len(row.words) >= 3:
            head = tuple(w[:4] for w in row.words[:2])
            tail = tuple(w[:4] for w in row.words[-2:])
            buckets[(row.parent, len(row.words), "head", head)].append(row)
            buckets[(row.parent, len(row.words), "tail", tail)].append(row)
    seen: set[tuple[int, int]] = set()
    for bucket in buckets.values():
        for i, a in enumerate(bucket):
            for b in bucket[i + 1 :]:
                key = (id(a.measure), id(b.measure))
                if key in seen or a.text == b.text:
                    continue
                seen.add(key)
                difference = _slight_difference(a.words, b.words)
                if difference is not None:
                    yield _problem("measure-near-duplicate", b, a, "warning", difference=difference)


def _slight_difference(a: tuple[str, ...], b: tuple[str, ...]) -> str | None:
    """What differs between two word lists of the same length, if nothing meaningful does."""
    changed = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(changed) > max(2, len(a) // 4):
        return None
    for x, y in changed:
        if not (x.isalpha() and y.isalpha()) or min(len(x), len(y)) < 4:
            return None  # numbers, classes, years and short words always matter
        if not (_same_stem(x, y) or (min(len(x), len(y)) >= 5 and edit_distance(x, y, 1) <= 1)):
            return None
    if not changed:
        return "различаются только знаки препинания или служебные слова"
    return "различаются только формы слов или опечатки: " + ", ".join(f"«{x}» / «{y}»" for x, y in changed)


def _same_stem(x: str, y: str) -> bool:
    common = 0
    while common < min(len(x), len(y)) and x[common] == y[common]:
        common += 1
    return common >= max(4, min(len(x), len(y)) - 3) and max(len(x), len(y)) - common <= 4


def _problem(code: str, row: _Row, other: _Row, severity: str, **args) -> Problem:
    pos = other.measure.pos
    return Problem(
        code,
        row.measure.pos,
        {
            "where": row.label.capitalize(),
            "other_number": other.number.rstrip("."),
            "other_pos": f"строка {pos.line}" if pos.line else str(pos),
            **args,
        },
        severity,
    )
