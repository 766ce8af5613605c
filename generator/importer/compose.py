"""Parsed trees → the content model (`generator/model.py`), with ids and the registry of
responsible units; the annex header is compared with the one prikaz will print, by the
view itself. `generator/dump.py` writes the model as YAML."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from .. import model as m
from ..columns import ROLES
from .numbers import settle_plan, settle_regulation
from .order import AnnexHeader, OrderTree
from .plan import MeasureNode, PlanTree, SectionNode
from .regulation import ChapterNode, ClauseNode, RegulationTree, chapter_text, clause_text
from .report import Report, quote

_ID_CHARS = re.compile(r"[^0-9A-Za-zА-Яа-яЁё_.-]+")
PLACEHOLDER = "ЗАПОЛНИТЕ"


def ident(*parts: str) -> str:
    raw = "-".join(p for p in parts if p)
    cleaned = _ID_CHARS.sub("-", raw).strip("-._")
    cleaned = re.sub(r"-{2,}", "-", cleaned)
    return cleaned[:90] or "document"


def text(blocks: list) -> m.Text:
    """The parsers' blocks (strings, {"heading"}, {"lead", "text"}, {"bullets", "marker"}) → a model text."""
    result: list[m.Block] = []
    for block in blocks:
        if isinstance(block, str):
            result.append(m.Paragraph(block))
        elif "bullets" in block:
            result.append(m.Bullets(tuple(block["bullets"]), block.get("marker", "–")))
        elif "heading" in block:
            result.append(m.Heading(block["heading"]))
        else:
            result.append(m.Lead(block["lead"], block.get("text", "")))
    return tuple(result)


def signature(found: dict | None) -> m.Signature | None:
    return m.Signature(tuple(found["position"]), found["name"]) if found else None


# --- plans -------------------------------------------------------------------------------


class Units(list):
    """The registry of responsible units, in order of first use. Names that differ only in
    their quotes («…», "…", “…”) are one unit: prikaz prints them alike, so the first
    spelling is kept and the clerk is told."""

    def __init__(self, report: Report | None = None):
        super().__init__()
        self.report = report
        self._by_key: dict[str, str] = {}
        self._told: set[str] = set()

    def add(self, name: str) -> str:
        key = _unit_key(name)
        known = self._by_key.get(key)
        if known is None:
            self._by_key[key] = name
            self.append(name)
            return name
        if known != name and self.report is not None and name not in self._told:
            self._told.add(name)
            self.report.differs(
                "исполнители",
                f"{quote(name)} и {quote(known)} различаются только кавычками: "
                f"в реестре один исполнитель {quote(known)}",
            )
        return known


def _unit_key(name: str) -> str:
    from ..typography import typeset

    return " ".join(typeset(re.sub(r"[“”„]", '"', name)).replace("\u00a0", " ").split())


def plan(tree: PlanTree, doc_id: str, units: Units) -> m.Plan:
    """The plan, numbered by numbering.py with the printed numbers kept where they differ."""
    printed: dict[tuple, str | None] = {}
    note = m.Note(tree.note.get("title"), text(tree.note["text"])) if tree.note else None
    unnumbered = m.Plan(
        id=doc_id,
        title=tree.title or "—",
        sections=tuple(_section(s, (("s", i),), printed, units) for i, s in enumerate(tree.sections)),
        columns=_columns(tree.columns),
        note=note,
        table_title=tree.table_title,
        column_numbers=tree.column_numbers,
        responsible_separator=tree.responsible_separator,
        table_per_section=tree.table_per_section,
        signature=signature(tree.signature),
    )
    return settle_plan(unnumbered, printed)


def _columns(columns: list) -> tuple[m.Column, ...]:
    """Four titles of the default columns, or (role, title, key) of declared ones."""
    if not columns:
        return m.DEFAULT_COLUMNS
    if all(isinstance(c, str) for c in columns):
        return tuple(dataclasses.replace(d, title=t) for d, t in zip(m.DEFAULT_COLUMNS, columns))
    return tuple(m.Column(role, title or ROLES[role].title, key) for role, title, key in columns)


def _section(section: SectionNode, path: tuple, printed: dict, units: Units) -> m.Section:
    printed[path] = section.printed
    return m.Section(
        title=section.title or "—",
        passport=tuple(m.PassportBlock(b["label"], text(b.get("text", []))) for b in section.passport),
        measures=tuple(_measure(x, (*path, ("m", k)), printed, units) for k, x in enumerate(section.measures)),
        sections=tuple(_section(s, (*path, ("s", i)), printed, units) for i, s in enumerate(section.sections)),
        total=tuple(section.total.items()),
    )


def _measure(measure: MeasureNode, path: tuple, printed: dict, units: Units) -> m.Measure:
    printed[path] = measure.printed
    return m.Measure(
        text=text(measure.text),
        deadline=measure.deadline or None,
        responsible=tuple(units.add(unit) for unit in measure.responsible),
        note=measure.note,
        values=tuple(measure.values.items()),
        children=tuple(_measure(x, (*path, ("m", k)), printed, units) for k, x in enumerate(measure.children)),
    )


def count_measures(sections: list[SectionNode]) -> int:
    def measures(items: list[MeasureNode]) -> int:
        return sum(1 + measures(x.children) for x in items)

    return sum(measures(s.measures) + count_measures(s.sections) for s in sections)


# --- regulations -------------------------------------------------------------------------


def regulation(tree: RegulationTree, doc_id: str) -> m.Regulation:
    """The regulation, numbered by numbering.py with the printed numbers kept where they differ."""
    printed: dict[tuple, str | None] = {}
    chapters = tuple(_chapter(c, (("c", i),), printed) for i, c in enumerate(tree.chapters))
    unnumbered = m.Regulation(
        id=doc_id,
        title=tree.title or "—",
        chapters=chapters,
        trailing_dot=tree.trailing_dot,
        signature=signature(tree.signature),
    )
    return settle_regulation(unnumbered, printed)


def _chapter(chapter: ChapterNode, path: tuple, printed: dict) -> m.Chapter:
    printed[path] = chapter.printed
    return m.Chapter(
        title=chapter.title or "—",
        text=text(chapter_text(chapter)),
        clauses=tuple(_clause(c, (*path, ("k", j)), printed) for j, c in enumerate(chapter.children)),
    )


def _clause(clause: ClauseNode, path: tuple, printed: dict) -> m.Clause:
    printed[path] = clause.printed
    return m.Clause(
        text=text(clause_text(clause)),
        definitions=tuple(m.Definition(d["term"], d["definition"]) for d in clause.definitions),
        clauses=tuple(_clause(c, (*path, ("k", j)), printed) for j, c in enumerate(clause.children)),
    )


def count_clauses(chapters: list[ChapterNode]) -> int:
    def walk(items: list[ClauseNode]) -> int:
        return sum(1 + walk(c.children) for c in items)

    return sum(walk(ch.children) for ch in chapters)


# --- orders and the organization ---------------------------------------------------------


def order(tree: OrderTree, doc_id: str, annexes: tuple[m.AnnexRef, ...]) -> m.Order:
    points = tuple(_point(p) for p in tree.points) or (m.Point((m.Paragraph(f"{PLACEHOLDER}: пункты приказа"),)),)
    return m.Order(
        id=doc_id,
        date=tree.date,
        number=tree.number,
        title=tree.title or "—",
        points=points,
        signatory="head",
        preamble=text(tree.preamble),
        annexes=annexes,
    )


def _point(point: dict) -> m.Point:
    return m.Point(text(point["text"]), tuple(_point(p) for p in point.get("points", ())))


def stub_order(date: dt.date, number: str, doc_id: str, annex: m.AnnexRef) -> m.Order:
    """The order an annex printed alone refers to: only its date and number (from the annex's
    header) are known."""
    return m.Order(
        id=doc_id,
        date=date,
        number=number,
        title=f"{PLACEHOLDER}: заголовок приказа",
        points=(m.Point((m.Paragraph(f"{PLACEHOLDER}: пункты приказа"),)),),
        signatory="head",
        annexes=(annex,),
    )


def annex_ref(
    annex_id: str, header: AnnexHeader | None, expected: list[str] | None, style: str, report: Report, where: str
) -> m.AnnexRef:
    if header is None:
        return m.AnnexRef(annex_id)
    style_of = header.style if header.style != style else None
    if expected is not None and _norm(header.lines[1:]) == _norm(expected[1:]) and header.lines[0] != expected[0]:
        report.differs(
            where,
            f"первая строка шапки {quote(header.lines[0])} будет напечатана как {quote(expected[0])} "
            "(«№» у приложения prikaz ставит, когда приложений несколько)",
        )
    elif expected is not None and _norm(header.lines) != _norm(expected):
        report.differs(
            where,
            f"шапка приложения напечатана как {quote(' / '.join(header.lines), 120)}; prikaz "
            f"напечатает {quote(' / '.join(expected), 120)} (напечатанная сохранена в "
            "printed_header для проверки)",
        )
        return m.AnnexRef(annex_id, style_of, tuple(header.lines))
    return m.AnnexRef(annex_id, style_of)


def _norm(lines: list[str]) -> str:
    from ..typography import typeset

    return " ".join(typeset(" ".join(lines)).replace("\u00a0", " ").split()).casefold()


def expected_header(organization: m.Organization, order: m.Order, index: int, document) -> list[str]:
    """The annex header prikaz prints for this annex of this order: the view's own."""
    from ..view import annex_header

    return annex_header(organization, order, index, document)


def organization(
    name: str, genitive: str, letterhead: list[str], style: m.Style, found: dict | None, units: Units, place: str | None
) -> m.Organization:
    head = signature(found)
    return m.Organization(
        name=name,
        name_genitive=genitive,
        letterhead=tuple(letterhead or [name]),
        place=place,
        style=style,
        signatories=(("head", head),) if head else (),
        units=tuple(m.Unit(u) for u in units),
    )
