"""Approved editions are immutable: checksums recorded with the order that approved them.

When an order is signed, `prikaz seal` records in its file the checksum of its own
content and of every edition it approves (its annexes, or the edition an amendment brings
into force). From then on a change to any of them is an error when loading: the clerk is
told to make a new edition instead. `prikaz verify` reports the state of every seal.

The checksum covers content, not formatting: the YAML values as read (strings, lists,
mappings with keys in sorted order), so re-indenting a file or editing a comment keeps
it, and changing a single character of text does not. An order's own `sealed:` block is
left out of its checksum.

A signed document also prints values it takes from organization.yaml: the letterhead,
the body's name, the date style, the signatory's position and name, the units it names.
Seal format 2 («v2:sha256:<content>:<printed>») covers them too: the second checksum is of
the organization's values this document prints (printed_values), so changing the head's
name in organization.yaml breaks the seal of the orders he signed, while adding a unit
for a new plan breaks none. Format 1 («sha256:<content>», written before) covers the
document's own file only; `prikaz seal` renews an intact format-1 seal to format 2.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from . import formats
from . import model as m
from .errors import Pos, Problem
from .yamlnodes import Node

PREFIX = "sha256:"
V2 = "v2:"
SEAL_KEY = "sealed"


def content_checksum(root: Node) -> str:
    value = _plain(root)
    if isinstance(value, dict):
        value.pop(SEAL_KEY, None)
    canonical = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return PREFIX + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _plain(node: Node) -> object:
    """Node → plain data, iteratively: content may be nested deeper than Python recurses."""
    result = _shell(node)
    stack: list[tuple[Node, dict | list]] = [(node, result)] if isinstance(result, dict | list) else []
    while stack:
        source, target = stack.pop()
        for key, child in _children(source):
            shell = _shell(child)
            target[key] = shell
            if isinstance(shell, dict | list):
                stack.append((child, shell))
    return result


def _children(node: Node) -> Iterable[tuple[Any, Node]]:
    """(key or index, child) of a mapping's or a sequence's node."""
    if isinstance(node.value, dict):
        return node.value.items()
    if isinstance(node.value, list):
        return enumerate(node.value)
    return ()


def _shell(node: Node) -> object:
    if isinstance(node.value, dict):
        return {}
    if isinstance(node.value, list):
        return [None] * len(node.value)
    return node.value


def seal_value(dep: m.Department, doc: m.Document) -> str:
    """The current seal of a document: its content and the organization's values it prints."""
    values = json.dumps(printed_values(dep, doc), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"{V2}{doc.checksum}:{hashlib.sha256(values.encode('utf-8')).hexdigest()}"


def printed_values(dep: m.Department, doc: m.Document) -> dict:
    """What a document takes from organization.yaml when it is printed.

    Every value of the organization but its registers (signatories, units), plus the one
    signatory an order names and the units a plan names; values left at their defaults are
    left out, so a setting added to organization.yaml in a later version of prikaz breaks
    no seal until someone sets it."""
    org = dep.organization
    values = _values(org, skip=("signatories", "units"))
    if isinstance(doc, m.Order):
        signature = dict(org.signatories).get(doc.signatory)
        values["signatory"] = _values(signature) if signature else None
    elif isinstance(doc, m.Plan):
        named = {unit for measure in _measures(doc) for unit in measure.responsible}
        values["units"] = [_values(unit) for unit in org.units if unit.name in named]
    return values


def _values(item, skip: tuple[str, ...] = ()) -> dict:
    """A model dataclass as plain data, without positions and without default values."""
    result = {}
    for f in dataclasses.fields(item):
        value = getattr(item, f.name)
        if f.name == "pos" or f.name in skip or value == f.default:
            continue
        result[f.name] = _values(value) if dataclasses.is_dataclass(value) else value
    return result


def _measures(plan: m.Plan):
    stack: list = list(plan.sections)
    while stack:
        item = stack.pop()
        if isinstance(item, m.Section):
            stack += [*item.sections, *item.measures]
        else:
            yield item
            stack += item.children


@dataclass(frozen=True)
class SealState:
    order: m.Order
    document: str
    recorded: str
    actual: str | None  # None: the document is gone; in the recorded seal's format

    @property
    def intact(self) -> bool:
        return self.recorded == self.actual

    @property
    def version(self) -> int:
        return 2 if self.recorded.startswith(V2) else 1

    @property
    def organization_changed(self) -> bool:
        """The document's own content is as sealed, the values it prints from the organization are not."""
        if self.intact or self.actual is None or self.version == 1:
            return False
        return self.recorded.split(":")[2] == self.actual.split(":")[2]


def states(dep: m.Department) -> list[SealState]:
    by_id = {doc.id: doc for doc in dep.documents}
    result = []
    for order in _orders(dep):
        for seal in order.sealed:
            doc = by_id.get(seal.document)
            actual = None
            if doc is not None:
                actual = seal_value(dep, doc) if seal.checksum.startswith(V2) else doc.checksum
            result.append(SealState(order, seal.document, seal.checksum, actual))
    return result


def problems(dep: m.Department) -> list[Problem]:
    """A sealed document changed or removed: an error that stops every command but verify."""
    by_id = {doc.id: doc for doc in dep.documents}
    seals = {(order.id, seal.document): seal for order in _orders(dep) for seal in order.sealed}
    found = []
    for state in states(dep):
        if state.intact:
            continue
        seal = seals[(state.order.id, state.document)]
        args = {"id": state.document, "order": _cited(dep, state.order), "seal": _where(seal.pos)}
        if state.actual is None:
            found.append(Problem("sealed-missing", seal.pos, args))
        elif state.organization_changed:
            found.append(Problem("sealed-organization-changed", dep.organization.pos, args))
        else:
            code = "sealed-order-changed" if state.document == state.order.id else "sealed-changed"
            found.append(Problem(code, by_id[state.document].pos, args))
    return found


def needed(dep: m.Department, order: m.Order) -> list[str]:
    """The ids an order's seal covers: the order, its annexes, the edition it brings in."""
    ids = [order.id, *(ref.document for ref in order.annexes)]
    if order.amendment is not None:
        ids.append(order.amendment.new)
    return ids


def unsealed(dep: m.Department) -> list[tuple[m.Order, str]]:
    """Documents an order approves that its seal does not cover (an order not sealed yet)."""
    result = []
    for order in _orders(dep):
        covered = {seal.document for seal in order.sealed}
        result += [(order, doc_id) for doc_id in needed(dep, order) if doc_id not in covered]
    return result


def seal_block(dep: m.Department, order: m.Order) -> str:
    """The `sealed:` block appended to an order's file by `prikaz seal`."""
    by_id = {doc.id: doc for doc in dep.documents}
    lines = [f"{SEAL_KEY}:  # контрольные суммы утверждённого содержимого (prikaz seal); не изменяйте"]
    lines += [f'  {doc_id}: "{seal_value(dep, by_id[doc_id])}"' for doc_id in needed(dep, order)]
    return "\n".join(lines) + "\n"


def renewable(dep: m.Department, order: m.Order) -> bool:
    """The order's seal is complete and intact, but some of it is in format 1."""
    mine = [state for state in states(dep) if state.order.id == order.id]
    return (
        any(s.version == 1 for s in mine)
        and all(s.intact for s in mine)
        and not any(owner.id == order.id for owner, _ in unsealed(dep))
    )


def without_seal_block(text: str) -> str:
    """An order's YAML text without its top-level `sealed:` block (and the lines indented
    under it), for `prikaz seal` to append a renewed one."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{SEAL_KEY}:"))
    end = start + 1
    while end < len(lines) and (lines[end][:1] in (" ", "\t") or not lines[end].strip()):
        end += 1
    return "".join(lines[:start] + lines[end:])


def _orders(dep: m.Department) -> list[m.Order]:
    return [doc for doc in dep.documents if isinstance(doc, m.Order)]


def _cited(dep: m.Department, order: m.Order) -> str:
    return "приказом " + formats.cited(order)


def _where(pos: Pos) -> str:
    return f"{pos.file}, строка {pos.line}" if pos.line else pos.file
