"""Model → YAML text of the content format: the inverse of `load.read_document`.

`dump(x)` read back gives `x` again (a hypothesis test proves it). Every value is a
double-quoted string, so nothing is read as a number, a date or a boolean; defaults are
left out, so a dumped file says only what differs. `prikaz show --yaml` prints it, and
`prikaz import` writes its files with it.
"""

from __future__ import annotations

import json

from . import model as m
from .columns import BUILTIN, ROLES

FORMAT = "1"


def dump(document, comment: str | None = None) -> str:
    """An organization or a document as the text of its YAML file."""
    return to_yaml(as_dict(document), comment)


def as_dict(document) -> dict:
    writers = {m.Organization: _organization, m.Order: _order, m.Plan: _plan, m.Regulation: _regulation}
    return writers[type(document)](document)


# --- text -------------------------------------------------------------------------------


def text(blocks: m.Text):
    """A text of one plain paragraph is written as a string."""
    if len(blocks) == 1 and isinstance(blocks[0], m.Paragraph):
        return blocks[0].text
    return [_block(b) for b in blocks]


def _block(block: m.Block):
    if isinstance(block, m.Paragraph):
        return block.text
    if isinstance(block, m.Bullets):
        result: dict = {"bullets": list(block.items)}
        if block.marker != "–":
            result["marker"] = block.marker
        return result
    if isinstance(block, m.Heading):
        return {"heading": block.text}
    result = {"lead": block.lead}
    if block.text:
        result["text"] = block.text
    return result


def _signature(signature: m.Signature | None) -> dict | None:
    return {"position": list(signature.position), "name": signature.name} if signature else None


def _edition(edition: m.Edition) -> dict | None:
    if edition == m.Edition():
        return None
    result: dict = {"kind": edition.kind}
    if edition.follows:
        result["follows"] = edition.follows
    if edition.illustrative:
        result["illustrative"] = True
    return result


# --- organization -----------------------------------------------------------------------


def _organization(org: m.Organization) -> dict:
    style = org.style
    return {
        "format": FORMAT,
        "kind": "organization",
        "name": org.name,
        "name_genitive": org.name_genitive,
        "letterhead": list(org.letterhead),
        "place": org.place,
        "municipality": org.municipality,
        "style": {
            "doc_type": style.doc_type,
            "command": style.command,
            "date": style.date,
            "annex_header": style.annex_header,
        },
        "signatories": {key: _signature(s) for key, s in org.signatories},
        "units": [{"name": u.name, "full": u.full} for u in org.units],
    }


# --- orders -----------------------------------------------------------------------------


def _order(order: m.Order) -> dict:
    result: dict = {
        "format": FORMAT,
        "kind": "order",
        "id": order.id,
        "date": order.date.isoformat(),
        "number": order.number,
    }
    if order.title or order.amendment is None:
        result["title"] = order.title
    if order.preamble:
        result["preamble"] = text(order.preamble)
    if order.points or order.amendment is None:
        result["points"] = [_point(p) for p in order.points]
    result["signatory"] = order.signatory
    if order.annexes:
        result["annexes"] = [_annex(a) for a in order.annexes]
    if order.amendment:
        amendment = order.amendment
        result["amendment"] = {"old": amendment.old, "new": amendment.new}
        if amendment.form != "auto":
            result["amendment"]["form"] = amendment.form
    if order.sealed:
        result["sealed"] = {seal.document: seal.checksum for seal in order.sealed}
    return result


def _point(point: m.Point):
    written = text(point.text)
    if not point.points and isinstance(written, str):
        return written
    result: dict = {"text": written}
    if point.points:
        result["points"] = [_point(p) for p in point.points]
    return result


def _annex(ref: m.AnnexRef):
    if ref.header is None and not ref.printed_header:
        return ref.document
    result: dict = {"document": ref.document, "header": ref.header}
    if ref.printed_header:
        result["printed_header"] = list(ref.printed_header)
    return result


# --- plans ------------------------------------------------------------------------------


def _plan(plan: m.Plan) -> dict:
    default = m.Plan(id="", title="", sections=())
    result: dict = {"format": FORMAT, "kind": "plan", "id": plan.id, "title": plan.title}
    if plan.period:
        result["period"] = {"from": str(plan.period[0]), "to": str(plan.period[1])}
    if plan.note:
        result["note"] = {"title": plan.note.title, "text": text(plan.note.text)}
    result["table_title"] = plan.table_title
    if plan.columns != default.columns:
        result["columns"] = _columns(plan.columns)
    if plan.column_numbers:
        result["column_numbers"] = True
    if plan.responsible_separator != default.responsible_separator:
        result["responsible_separator"] = plan.responsible_separator
    if plan.numbering != default.numbering:
        numbering = plan.numbering
        result["numbering"] = {
            "sections": numbering.sections,
            "measures": numbering.measures,
            "trailing_dot": numbering.trailing_dot,
        }
    if plan.table_per_section:
        result["layout"] = {"table_per_section": True}
    result["sections"] = [_section(s) for s in plan.sections]
    result["signature"] = _signature(plan.signature)
    result["edition"] = _edition(plan.edition)
    return result


def _columns(columns: tuple[m.Column, ...]) -> list:
    """The four default columns by their titles alone; any other set with roles."""
    if tuple(c.role for c in columns) == BUILTIN and all(c.width is None for c in columns):
        return [c.title for c in columns]
    result = []
    for column in columns:
        item: dict = {"role": column.role}
        if column.key is not None and column.key != column.role:
            item["key"] = column.key
        if column.title != ROLES[column.role].title or column.role == "custom":
            item["title"] = column.title
        if column.width is not None:
            item["width"] = f"{column.width:g}"
        result.append(item)
    return result


def _section(section: m.Section) -> dict:
    result: dict = {"title": section.title, "id": section.id, "number": section.number}
    if not section.numbered:
        result["numbered"] = False
    if section.passport:
        result["passport"] = [_passport(b) for b in section.passport]
    if section.measures:
        result["measures"] = [_measure(x) for x in section.measures]
    if section.sections:
        result["sections"] = [_section(s) for s in section.sections]
    if section.total:
        result["total"] = dict(section.total)
    return result


def _passport(block: m.PassportBlock) -> dict:
    result: dict = {"label": block.label}
    if block.text:
        result["text"] = text(block.text)
    return result


def _measure(measure: m.Measure) -> dict:
    result: dict = {"text": text(measure.text), "deadline": measure.deadline}
    if measure.responsible:
        result["responsible"] = list(measure.responsible)
    result.update(measure.values)
    result.update({"id": measure.id, "number": measure.number, "note": measure.note})
    if measure.children:
        result["measures"] = [_measure(x) for x in measure.children]
    result["reason"] = measure.reason
    return result


# --- regulations ------------------------------------------------------------------------


def _regulation(regulation: m.Regulation) -> dict:
    result: dict = {"format": FORMAT, "kind": "regulation", "id": regulation.id, "title": regulation.title}
    if not regulation.trailing_dot:
        result["trailing_dot"] = False
    result["chapters"] = [_chapter(c) for c in regulation.chapters]
    result["signature"] = _signature(regulation.signature)
    result["edition"] = _edition(regulation.edition)
    return result


def _chapter(chapter: m.Chapter) -> dict:
    result: dict = {"title": chapter.title, "number": chapter.number, "id": chapter.id}
    if chapter.text:
        result["text"] = text(chapter.text)
    if chapter.clauses:
        result["clauses"] = [_clause(c) for c in chapter.clauses]
    return result


def _clause(clause: m.Clause):
    written = text(clause.text) if clause.text else None
    if isinstance(written, str) and not (clause.definitions or clause.clauses or clause.number or clause.id):
        return written
    result: dict = {"text": written}
    if clause.definitions:
        result["definitions"] = [{"term": d.term, "definition": d.definition} for d in clause.definitions]
    if clause.clauses:
        result["clauses"] = [_clause(c) for c in clause.clauses]
    result.update({"number": clause.number, "id": clause.id})
    return result


# --- YAML ---------------------------------------------------------------------------------


def to_yaml(document: dict, comment: str | None = None) -> str:
    """Dicts and lists → YAML text: `format: 1` first, every value a double-quoted string
    (booleans excepted), None values left out."""
    lines = [f"# {line}" for line in comment.splitlines()] if comment else []
    lines += _mapping(document, 0)
    return "\n".join(lines) + "\n"


def scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    # a JSON string is a valid YAML double-quoted scalar
    return json.dumps(str(value), ensure_ascii=False)


def _mapping(mapping: dict, indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for key, value in mapping.items():
        if value is None:
            continue
        if isinstance(value, dict):
            if not value:
                lines.append(f"{pad}{key}: {{}}")
                continue
            lines.append(f"{pad}{key}:")
            lines += _mapping(value, indent + 2)
        elif isinstance(value, list):
            if not value:
                lines.append(f"{pad}{key}: []")
                continue
            lines.append(f"{pad}{key}:")
            lines += _sequence(value, indent + 2)
        else:
            lines.append(f"{pad}{key}: {scalar(value) if key != 'format' else value}")
    return lines


def _sequence(items: list, indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for item in items:
        if isinstance(item, dict):
            inner = _mapping(item, indent + 2)
            if not inner:
                lines.append(f"{pad}- {{}}")
                continue
            lines.append(f"{pad}- {inner[0].lstrip()}")
            lines += inner[1:]
        elif isinstance(item, list):
            lines.append(f"{pad}-")
            lines += _sequence(item, indent + 2)
        else:
            lines.append(f"{pad}- {scalar(item)}")
    return lines
