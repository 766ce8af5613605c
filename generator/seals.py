"""Approved editions are immutable: checksums recorded with the order that approved them.

When an order is signed, `prikaz seal` records in its file the checksum of its own
content and of every edition it approves (its annexes, or the edition an amendment brings
into force). From then on a change to any of them is an error when loading: the clerk is
told to make a new edition instead. `prikaz verify` reports the state of every seal.

The checksum covers content, not formatting: the YAML values as read (strings, lists,
mappings with keys in sorted order), so re-indenting a file or editing a comment keeps
it, and changing a single character of text does not. An order's own `sealed:` block is
left out of its checksum.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from . import model as m
from .errors import Pos, Problem
from .typography import cite
from .yamlnodes import Node

PREFIX = "sha256:"
SEAL_KEY = "sealed"


def content_checksum(root: Node) -> str:
    value = _plain(root)
    if isinstance(value, dict):
        value.pop(SEAL_KEY, None)
    canonical = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return PREFIX + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _plain(node: Node):
    """Node → plain data, iteratively: content may be nested deeper than Python recurses."""
    result = _shell(node)
    stack = [(node, result)]
    while stack:
        source, target = stack.pop()
        items = source.value.items() if isinstance(source.value, dict) else enumerate(source.value)
        for key, child in items:
            shell = _shell(child)
            target[key] = shell
            if isinstance(shell, dict | list):
                stack.append((child, shell))
    return result


def _shell(node: Node):
    if isinstance(node.value, dict):
        return {}
    if isinstance(node.value, list):
        return [None] * len(node.value)
    return node.value


@dataclass(frozen=True)
class SealState:
    order: m.Order
    document: str
    recorded: str
    actual: str | None  # None: the document is gone

    @property
    def intact(self) -> bool:
        return self.recorded == self.actual


def states(dep: m.Department) -> list[SealState]:
    by_id = {doc.id: doc for doc in dep.documents}
    result = []
    for order in _orders(dep):
        for seal in order.sealed:
            doc = by_id.get(seal.document)
            result.append(SealState(order, seal.document, seal.checksum, doc.checksum if doc else None))
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
    lines += [f'  {doc_id}: "{by_id[doc_id].checksum}"' for doc_id in needed(dep, order)]
    return "\n".join(lines) + "\n"


def _orders(dep: m.Department) -> list[m.Order]:
    return [doc for doc in dep.documents if isinstance(doc, m.Order)]


def _cited(dep: m.Department, order: m.Order) -> str:
    return "приказом " + cite(order.date, order.number, "numeric")


def _where(pos: Pos) -> str:
    return f"{pos.file}, строка {pos.line}" if pos.line else pos.file
