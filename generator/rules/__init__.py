"""The rules of `prikaz check`, one module per family, and what they share.

A rule is a function `rule(ctx: Context) -> Iterable[Problem]` over one organization
folder. `Context` gives every rule the same cached views of the content: the documents by
kind, each plan's measures with their display numbers, and every piece of text with the
position and a Russian label of the place it comes from («мероприятие 2.3», «пункт 2
приказа»), so that a message can say where even when the position is the document's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from .. import model as m
from ..errors import Pos
from ..history import history
from ..numbering import (
    NumberedChapter,
    NumberedMeasure,
    NumberedSection,
    plan_outline,
    point_numbers,
    regulation_outline,
)


@dataclass(frozen=True)
class Field:
    """One piece of text as typed, with where it is."""

    doc: m.Document | m.Organization
    pos: Pos
    where: str  # a Russian label: «мероприятие 2.3», «заголовок плана»
    text: str
    kind: str  # org | title | text | point | header | measure | deadline | responsible | column


@dataclass
class Context:
    department: m.Department
    today: dt.date
    _outlines: dict = field(default_factory=dict)
    cache: dict = field(default_factory=dict)  # for rules that share a computed value

    @property
    def organization(self) -> m.Organization:
        return self.department.organization

    @cached_property
    def orders(self) -> list[m.Order]:
        return [d for d in self.department.documents if isinstance(d, m.Order)]

    @cached_property
    def plans(self) -> list[m.Plan]:
        """Plans, first editions before the editions that follow them."""
        plans = [d for d in self.department.documents if isinstance(d, m.Plan)]
        return sorted(plans, key=lambda p: bool(getattr(getattr(p, "edition", None), "follows", None)))

    @cached_property
    def regulations(self) -> list[m.Regulation]:
        return [d for d in self.department.documents if isinstance(d, m.Regulation)]

    def outline(self, plan: m.Plan) -> list[NumberedSection | NumberedMeasure]:
        if plan.id not in self._outlines:
            self._outlines[plan.id] = list(plan_outline(plan))
        return self._outlines[plan.id]

    def measures(self, plan: m.Plan) -> list[NumberedMeasure]:
        return [item for item in self.outline(plan) if isinstance(item, NumberedMeasure)]

    def approving_order(self, doc: m.Document) -> m.Order | None:
        """The order that approves a document as its annex or brings an edition into force."""
        return history(self.department).basis(doc.id)

    def previous_edition(self, doc: m.Document) -> m.Document | None:
        return history(self.department).previous(doc)

    @cached_property
    def fields(self) -> list[Field]:
        """Every text of every document (not of organization.yaml), in document order."""
        result: list[Field] = []
        for doc in self.department.documents:
            if isinstance(doc, m.Order):
                result += _order_fields(doc)
            elif isinstance(doc, m.Plan):
                result += _plan_fields(doc, self.outline(doc))
            else:
                result += _regulation_fields(doc)
        return result

    @cached_property
    def organization_fields(self) -> list[Field]:
        org = self.organization
        pos = org.pos
        result = [
            Field(org, pos, "наименование организации", org.name, "org"),
            Field(org, pos, "наименование организации (род. п.)", org.name_genitive, "org"),
        ]
        result += [Field(org, pos, "бланк", line, "org") for line in org.letterhead]
        result += [
            Field(org, pos, label, value, "org")
            for label, value in (("место издания", org.place), ("муниципалитет", org.municipality))
            if value
        ]
        for key, sign in org.signatories:
            result += [Field(org, sign.pos, f"подписант «{key}»", line, "org") for line in (*sign.position, sign.name)]
        for unit in org.units:
            result.append(Field(org, unit.pos, "реестр исполнителей", unit.name, "responsible"))
            if unit.full:
                result.append(Field(org, unit.pos, "реестр исполнителей", unit.full, "org"))
        return result


def _order_fields(order: m.Order) -> Iterator[Field]:
    yield Field(order, order.pos, "заголовок приказа", order.title, "title")
    if order.preamble:
        yield Field(order, order.pos, "преамбула приказа", raw_text(order.preamble), "text")
    for number, point, _depth in point_numbers(order.points):
        yield Field(order, point.pos, f"пункт {number.rstrip('.')} приказа", raw_text(point.text), "point")
    for ref in order.annexes:
        for line in ref.printed_header:
            yield Field(order, ref.pos, "напечатанная шапка приложения", line, "header")


def _plan_fields(plan: m.Plan, outline) -> Iterator[Field]:
    yield Field(plan, plan.pos, "заголовок плана", plan.title, "title")
    if plan.table_title:
        yield Field(plan, plan.pos, "заголовок таблицы", plan.table_title, "title")
    if plan.note:
        if plan.note.title:
            yield Field(plan, plan.pos, "заголовок пояснительной записки", plan.note.title, "title")
        yield Field(plan, plan.pos, "пояснительная записка", raw_text(plan.note.text), "text")
    for column in plan.columns:
        yield Field(plan, plan.pos, "шапка таблицы", column.title, "column")
    for item in outline:
        if isinstance(item, NumberedSection):
            section = item.section
            label = f"раздел {item.number.rstrip('.')}" if item.number else f"раздел «{short(section.title)}»"
            yield Field(plan, section.pos, label, section.title, "title")
            for block in section.passport:
                yield Field(plan, block.pos, f"{label}, «{block.label}»", block.label, "title")
                if block.text:
                    yield Field(plan, block.pos, f"{label}, «{block.label}»", raw_text(block.text), "text")
            continue
        measure = item.measure
        label = f"мероприятие {item.number.rstrip('.')}"
        yield Field(plan, measure.pos, label, raw_text(measure.text), "measure")
        if measure.deadline is not None:
            yield Field(plan, measure.pos, f"срок, {label}", measure.deadline, "deadline")
        for name in measure.responsible:
            yield Field(plan, measure.pos, f"ответственные, {label}", name, "responsible")
        if measure.note:
            yield Field(plan, measure.pos, f"примечание, {label}", measure.note, "text")
        for column in plan.extra_columns:
            value = measure.value(column.key or "")
            if value is not None and column.role in ("result", "indicator", "funding_source", "custom"):
                yield Field(plan, measure.pos, f"«{column.title}», {label}", value, "text")
    yield from _signature_fields(plan, plan.signature)


def _regulation_fields(regulation: m.Regulation) -> Iterator[Field]:
    yield Field(regulation, regulation.pos, "заголовок положения", regulation.title, "title")
    for item in regulation_outline(regulation):
        if isinstance(item, NumberedChapter):
            chapter = item.chapter
            label = f"глава {item.number.rstrip('.')}"
            yield Field(regulation, chapter.pos, label, chapter.title, "title")
            if chapter.text:
                yield Field(regulation, chapter.pos, label, raw_text(chapter.text), "text")
            continue
        clause = item.clause
        label = f"пункт {item.number.rstrip('.')}"
        if clause.text:
            yield Field(regulation, clause.pos, label, raw_text(clause.text), "text")
        for definition in clause.definitions:
            yield Field(regulation, definition.pos, f"{label}, термин", definition.term, "text")
            yield Field(regulation, definition.pos, f"{label}, термин", definition.definition, "text")
    yield from _signature_fields(regulation, regulation.signature)


def _signature_fields(doc, signature: m.Signature | None) -> Iterator[Field]:
    if signature is not None:
        for line in (*signature.position, signature.name):
            yield Field(doc, signature.pos, "подпись", line, "org")


# --- small text helpers shared by the rules ---------------------------------------------


def raw_text(text: m.Text) -> str:
    """A text as typed, one block or list item a line, without list markers."""
    lines: list[str] = []
    for block in text:
        if isinstance(block, m.Bullets):
            lines.extend(block.items)
        elif isinstance(block, m.Lead):
            lines.append(f"{block.lead} {block.text}" if block.text else block.lead)
        else:
            lines.append(block.text)
    return "\n".join(lines)


WORD = re.compile(r"[0-9A-Za-zА-Яа-яЁё]+(?:-[0-9A-Za-zА-Яа-яЁё]+)*")
QUOTES = str.maketrans({"«": '"', "»": '"', "„": '"', "“": '"', "”": '"', "'": '"'})


def short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@lru_cache(maxsize=65536)  # deadlines and unit names repeat on every row
def fold(text: str) -> str:
    """Text for comparison: lower case, «ё» as «е», one kind of quote, single spaces."""
    text = text.casefold().replace("ё", "е")
    for quote in _OTHER_QUOTES:  # str.replace scans in C; translate() looks up every letter
        if quote in text:
            text = text.replace(quote, '"')
    return " ".join(text.split())


_OTHER_QUOTES = [chr(q) for q in QUOTES if chr(q) != '"']


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]
