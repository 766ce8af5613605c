"""Parsed trees → dicts in the shape of the content format, with ids and the registry of
responsible units; the annex header is compared with the one prikaz will print."""

from __future__ import annotations

import re

from .numbers import apply_scheme, choose_scheme, clause_numbers
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


def simple_text(blocks: list):
    """A text of one plain paragraph is written as a string."""
    if len(blocks) == 1 and isinstance(blocks[0], str):
        return blocks[0]
    return blocks


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
            self.report.differs("исполнители", f"{quote(name)} и {quote(known)} различаются только кавычками: "
                                               f"в реестре один исполнитель {quote(known)}")
        return known


def _unit_key(name: str) -> str:
    from ..typography import typeset

    return " ".join(typeset(re.sub(r"[“”„]", '"', name)).replace("\u00a0", " ").split())


def plan_dict(tree: PlanTree, doc_id: str, units: Units) -> dict:
    scheme = choose_scheme(tree.sections)
    fields = apply_scheme(tree.sections, scheme)
    plan: dict = {"format": "1", "kind": "plan", "id": doc_id, "title": tree.title or "—"}
    if tree.note:
        plan["note"] = {"title": tree.note.get("title"), "text": tree.note["text"]}
    plan["table_title"] = tree.table_title
    plan["columns"] = tree.columns
    plan["column_numbers"] = tree.column_numbers
    plan["responsible_separator"] = tree.responsible_separator
    plan["numbering"] = {"sections": scheme.sections, "measures": scheme.measures,
                         "trailing_dot": scheme.trailing_dot}
    if tree.table_per_section:
        plan["layout"] = {"table_per_section": True}
    plan["sections"] = [_section(s, fields, units) for s in tree.sections]
    if tree.signature:
        plan["signature"] = tree.signature
    return plan


def _section(section: SectionNode, fields: dict, units: Units) -> dict:
    result: dict = {"title": section.title or "—"}
    result.update(fields.get(id(section), {}))
    if section.passport:
        result["passport"] = [_passport(b) for b in section.passport]
    if section.measures:
        result["measures"] = [_measure(m, fields, units) for m in section.measures]
    if section.sections:
        result["sections"] = [_section(s, fields, units) for s in section.sections]
    return result


def _passport(block: dict) -> dict:
    result = {"label": block["label"]}
    if block.get("text"):
        result["text"] = simple_text(block["text"])
    return result


def _measure(measure: MeasureNode, fields: dict, units: Units) -> dict:
    result: dict = {"text": simple_text(measure.text)}
    if measure.deadline:
        result["deadline"] = measure.deadline
    if measure.responsible:
        result["responsible"] = [units.add(unit) for unit in measure.responsible]
    result.update(fields.get(id(measure), {}))
    if measure.note:
        result["note"] = measure.note
    if measure.children:
        result["measures"] = [_measure(m, fields, units) for m in measure.children]
    return result


def count_measures(sections: list[SectionNode]) -> int:
    def measures(items: list[MeasureNode]) -> int:
        return sum(1 + measures(m.children) for m in items)

    return sum(measures(s.measures) + count_measures(s.sections) for s in sections)


# --- regulations -------------------------------------------------------------------------


def regulation_dict(tree: RegulationTree, doc_id: str) -> dict:
    fields: dict = {}
    chapters = []
    for index, chapter in enumerate(tree.chapters, start=1):
        clause_numbers(chapter.children, chapter.printed if chapter.printed else str(index), tree.trailing_dot,
                       fields)
        chapters.append(_chapter(chapter, index, fields))
    result: dict = {"format": "1", "kind": "regulation", "id": doc_id, "title": tree.title or "—",
                    "trailing_dot": tree.trailing_dot, "chapters": chapters}
    if tree.signature:
        result["signature"] = tree.signature
    return result


def _chapter(chapter: ChapterNode, index: int, fields: dict) -> dict:
    result: dict = {"title": chapter.title or "—"}
    if chapter.printed and chapter.printed != str(index):
        result["number"] = chapter.printed
    text = chapter_text(chapter)
    if text:
        result["text"] = simple_text(text)
    if chapter.children:
        result["clauses"] = [_clause(c, fields) for c in chapter.children]
    return result


def _clause(clause: ClauseNode, fields: dict) -> dict:
    result: dict = {}
    text = clause_text(clause)
    if text:
        result["text"] = simple_text(text)
    if clause.definitions:
        result["definitions"] = clause.definitions
    if clause.children:
        result["clauses"] = [_clause(c, fields) for c in clause.children]
    result.update(fields.get(id(clause), {}))
    return result


def count_clauses(chapters: list[ChapterNode]) -> int:
    def walk(items: list[ClauseNode]) -> int:
        return sum(1 + walk(c.children) for c in items)

    return sum(walk(ch.children) for ch in chapters)


# --- orders and the organization ---------------------------------------------------------


def order_dict(order: OrderTree, doc_id: str, annexes: list[dict]) -> dict:
    result: dict = {"format": "1", "kind": "order", "id": doc_id, "date": order.date.isoformat(),
                    "number": order.number, "title": order.title or "—"}
    if order.preamble:
        result["preamble"] = simple_text(order.preamble)
    result["points"] = [_point(p) for p in order.points] or [f"{PLACEHOLDER}: пункты приказа"]
    result["signatory"] = "head"
    if annexes:
        result["annexes"] = annexes
    return result


def _point(point: dict) -> dict | str:
    text = simple_text(point["text"])
    if "points" not in point and isinstance(text, str):
        return text
    result: dict = {"text": text}
    if "points" in point:
        result["points"] = [_point(p) for p in point["points"]]
    return result


def stub_order(header: AnnexHeader, doc_id: str, annex_id: str) -> dict:
    """The order an annex printed alone refers to: only its date and number are known."""
    return {"format": "1", "kind": "order", "id": doc_id, "date": header.date.isoformat(),
            "number": header.number, "title": f"{PLACEHOLDER}: заголовок приказа",
            "points": [f"{PLACEHOLDER}: пункты приказа"], "signatory": "head",
            "annexes": [{"document": annex_id, "header": header.style}]}


def annex_ref(annex_id: str, header: AnnexHeader | None, expected: list[str] | None, style: str,
              report: Report, where: str) -> dict:
    ref: dict = {"document": annex_id}
    if header is None:
        return ref
    if header.style != style:
        ref["header"] = header.style
    if expected is not None and _norm(header.lines[1:]) == _norm(expected[1:]) and header.lines[0] != expected[0]:
        report.differs(where, f"первая строка шапки {quote(header.lines[0])} будет напечатана как {quote(expected[0])} "
                            "(«№» у приложения prikaz ставит, когда приложений несколько)")
    elif expected is not None and _norm(header.lines) != _norm(expected):
        ref["printed_header"] = header.lines
        report.differs(where, f"шапка приложения напечатана как {quote(' / '.join(header.lines), 120)}; prikaz "
                            f"напечатает {quote(' / '.join(expected), 120)} (напечатанная сохранена в "
                            "printed_header для проверки)")
    return ref


def _norm(lines: list[str]) -> str:
    from ..typography import typeset

    return " ".join(typeset(" ".join(lines)).replace("\u00a0", " ").split()).casefold()


def expected_header(org: dict, date, number: str, index: int, count: int, style: str, kind_word: str) -> list[str]:
    """The annex header prikaz prints for this organization and order."""
    from .. import model as m
    from ..view import annex_header

    organization = m.Organization(org["name"], org["name_genitive"], tuple(org["letterhead"]),
                                  style=m.Style(date=org["style"]["date"], annex_header=style))
    order = m.Order("x", date, number, "x", (), "head", annexes=tuple(m.AnnexRef(f"a{i}") for i in range(count)))
    document = m.Plan("x", "x", ()) if kind_word == "план" else m.Regulation("x", "x", ())
    return annex_header(organization, order, index, document)


def organization_dict(name: str, genitive: str, letterhead: list[str], style: dict, signature: dict | None,
                      units: Units, place: str | None) -> dict:
    result: dict = {"format": "1", "kind": "organization", "name": name, "name_genitive": genitive,
                    "letterhead": letterhead or [name]}
    if place:
        result["place"] = place
    result["style"] = style
    result["signatories"] = {"head": signature} if signature else {}
    result["units"] = [{"name": u} for u in units]
    return result
