"""Readers of values several kinds of document have: a signature, an edition, typography."""

from __future__ import annotations

from .. import model as m
from ..errors import Problem
from ..schema import Fields
from ..yamlnodes import Node

MAX_MEASURE_DEPTH = 3


def read_signature(node: Node, problems: list[Problem], where: str) -> m.Signature | None:
    f = Fields(node, problems, where)
    if not f.ok:
        return None
    signature = m.Signature(
        position=f.strings("position", required=True),
        name=f.string("name", required=True) or "",
        pos=node.pos,
    )
    f.done()
    return signature


def optional_signature(f: Fields) -> m.Signature | None:
    return f.read("signature", lambda node, name, problems: read_signature(node, problems, name))


def read_edition(f: Fields) -> m.Edition:
    sub = f.sub("edition")
    if sub is None or not sub.ok:
        return m.Edition()
    edition = m.Edition(
        follows=sub.ident("follows"),
        kind=sub.choice("kind", ("original", "new", "amendment"), "original"),
        illustrative=sub.flag("illustrative", False),
    )
    sub.done()
    return edition


def as_written(f: Fields) -> bool:
    """`typography: as-written` keeps the text exactly as typed (see typography.py)."""
    return f.choice("typography", ("typeset", "as-written"), "typeset") == "as-written"
