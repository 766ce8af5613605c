"""Checks between the files of one organization folder: ids, annexes, editions, signatories, units."""

from __future__ import annotations

from .. import model as m
from .. import seals
from ..errors import Pos, Problem, suggestion


def cross_check(dep: m.Department, where: dict[int, dict[str, Pos]] | None = None) -> list[Problem]:
    """Problems between files: ids, annex references, signatories, responsible units.

    `where` (from loading) places a problem with a top-level value at that value.
    """
    problems: list[Problem] = []
    org = dep.organization
    where = where or {}
    seen: dict[str, m.Document] = {}
    for doc in dep.documents:
        if doc.id in seen:
            args = {"id": doc.id, "other": value_pos(where, seen[doc.id], "id")}
            problems.append(Problem("id-duplicate", value_pos(where, doc, "id"), args))
        seen.setdefault(doc.id, doc)
    unit_names: dict[str, m.Unit] = {}
    for unit in org.units:
        if unit.name in unit_names:
            problems.append(Problem("unit-duplicate", unit.pos, {"name": unit.name}))
        unit_names.setdefault(unit.name, unit)
    signatories = dict(org.signatories)
    approved_by: dict[str, str] = {}
    for doc in dep.documents:
        if isinstance(doc, m.Order):
            signatory_pos = value_pos(where, doc, "signatory")
            problems += _check_order(doc, seen, signatories, approved_by, signatory_pos)
            problems += _check_amendment(doc, seen)
            problems += _check_seals(dep, doc)
            problems += _check_edition(doc, seen)
        else:
            problems += _check_edition(doc, seen)
            if isinstance(doc, m.Plan):
                problems += _check_plan(doc, unit_names)
    return problems


def value_pos(where: dict[int, dict[str, Pos]], doc: m.Organization | m.Document, key: str) -> Pos:
    """Where a document's top-level value is written, or the document's own position."""
    return where.get(id(doc), {}).get(key, doc.pos)


def _check_edition(doc, documents) -> list[Problem]:
    follows = doc.edition.follows
    if follows is None:
        return []
    seen, current = {doc.id}, documents.get(follows)
    while current is not None and current.edition.follows:
        if current.id in seen:
            return [Problem("edition-cycle", doc.pos)]
        seen.add(current.id)
        current = documents.get(current.edition.follows)
    previous = documents.get(follows)
    if previous is None:
        return [Problem("edition-unknown", doc.pos, {"id": follows, "suggestion": suggestion(follows, documents)})]
    if type(previous) is not type(doc):
        return [Problem("edition-kind", doc.pos, {"id": follows})]
    return []


def _check_amendment(order: m.Order, documents) -> list[Problem]:
    amendment = order.amendment
    if amendment is None:
        return []
    problems = []
    # An amendment changes a plan, a regulation or an order's own points (an edition of
    # the order that follows it); never the amending order itself.
    followed = {d.edition.follows for d in documents.values() if isinstance(d, m.Order)}
    editions = {k: d for k, d in documents.items() if not isinstance(d, m.Order) or d.edition.follows or k in followed}
    editions.pop(order.id, None)
    for edition_id in (amendment.old, amendment.new):
        if edition_id not in editions:
            hint = suggestion(edition_id, {k: d for k, d in editions.items() if k != edition_id})
            problems.append(Problem("edition-unknown", amendment.pos, {"id": edition_id, "suggestion": hint}))
    new = documents.get(amendment.new)
    if not problems and new.edition.follows != amendment.old:
        problems.append(Problem("edition-not-next", amendment.pos, {"new": amendment.new, "old": amendment.old}))
    if not problems and amendment.form == "new-edition" and isinstance(new, m.Order):
        # An order's points are amended item by item; its new edition would be a new order.
        problems.append(Problem("order-new-edition", amendment.pos, {"id": amendment.old}))
    return problems


def _check_seals(dep: m.Department, order: m.Order) -> list[Problem]:
    covered = set(seals.needed(dep, order))
    return [
        Problem("seal-foreign", seal.pos, {"id": seal.document})
        for seal in order.sealed
        if seal.document not in covered
    ]


def _check_order(order, documents, signatories, approved_by, signatory_pos) -> list[Problem]:
    problems = []
    if order.signatory not in signatories:
        hint = suggestion(order.signatory, signatories)
        args = {"key": order.signatory, "suggestion": hint}
        problems.append(Problem("signatory-unknown", signatory_pos, args))
    if order.edition.follows:
        return problems  # an edition of an order restates its annexes, approved once by the order
    for ref in order.annexes:
        target = documents.get(ref.document)
        if target is None:
            hint = suggestion(ref.document, documents)
            problems.append(Problem("annex-unknown", ref.pos, {"id": ref.document, "suggestion": hint}))
        elif isinstance(target, m.Order):
            problems.append(Problem("annex-not-annexable", ref.pos, {"id": ref.document, "kind": "приказ"}))
        elif ref.document in approved_by:
            problems.append(Problem("annex-twice", ref.pos, {"id": ref.document, "other": approved_by[ref.document]}))
        else:
            approved_by[ref.document] = order.id
    return problems


def _check_plan(plan: m.Plan, units: dict[str, m.Unit]) -> list[Problem]:
    problems = []
    ids: dict[str, Pos] = {}
    for node in plan.all_nodes():
        if node.id:
            if node.id in ids:
                problems.append(Problem("id-duplicate", node.pos, {"id": node.id, "other": ids[node.id]}))
            ids.setdefault(node.id, node.pos)
        for name in getattr(node, "responsible", ()):
            if name not in units:
                hint = suggestion(name, units)
                problems.append(Problem("unit-unknown", node.pos, {"name": name, "suggestion": hint}))
    return problems
