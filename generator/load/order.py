"""The reader of an order: points, annexes, an amendment, seals."""

from __future__ import annotations

import datetime as dt
import re

from .. import model as m
from ..errors import Pos, Problem
from ..schema import Fields, string_matching
from ..yamlnodes import Node
from .shared import as_written, read_edition
from .text import read_paragraph, read_text


def read_order(f: Fields) -> m.Order:
    amendment = _amendment(f)
    # An amending order's title and change points are computed from the two editions;
    # its own points (execution, control) follow them.
    composed = f.required_unless("amendment")
    return m.Order(
        id=f.ident("id", required=True) or "",
        date=f.date("date", required=True) or dt.date.min,  # none: reported, the order is not kept
        number=f.string("number", required=True) or "",
        title=f.string("title", required=composed) or "",
        preamble=read_text(f, "preamble"),
        points=f.items("points", lambda n: _point(n, f.problems), required=composed),
        signatory=f.string("signatory", required=True) or "",
        annexes=f.items("annexes", lambda n: _annex_ref(n, f.problems)),
        amendment=amendment,
        sealed=_seals(f),
        as_written=as_written(f),
        edition=read_edition(f),
        pos=f.pos(),
    )


SEAL_VALUE = re.compile(r"^(?:sha256:[0-9a-f]{64}|v2:sha256:[0-9a-f]{64}:[0-9a-f]{64})$")  # format 1, 2


def _seals(f: Fields) -> tuple[m.Seal, ...]:
    """`sealed: {id: "sha256:…"}`, written by `prikaz seal` (see seals.py)."""

    def seal(key: str, pos: Pos, node: Node) -> m.Seal | None:
        value = string_matching(node, f"sealed.{key}", f.problems, SEAL_VALUE, "seal-value")
        return m.Seal(key, value, pos) if value is not None else None

    return tuple(seal for _, seal in f.entries("sealed", seal))


def _amendment(f: Fields) -> m.Amendment | None:
    sub = f.sub("amendment")
    if sub is None or not sub.ok:
        return None
    amendment = m.Amendment(
        old=sub.ident("old", required=True) or "",
        new=sub.ident("new", required=True) or "",
        form=sub.choice("form", ("auto", "changes", "new-edition"), "auto"),
        pos=sub.pos(),
    )
    sub.done()
    return amendment


def _point(node: Node, problems: list[Problem]) -> m.Point | None:
    if node.kind == "string":
        paragraph = read_paragraph(node, "points", problems)
        return m.Point((paragraph,), pos=node.pos) if paragraph else None
    f = Fields(node, problems, "points")
    if not f.ok:
        return None
    point = m.Point(
        text=read_text(f, "text", required=True),
        points=f.items("points", lambda n: _point(n, problems)),
        pos=node.pos,
    )
    f.done()
    return point


def _annex_ref(node: Node, problems: list[Problem]) -> m.AnnexRef | None:
    if isinstance(node.value, str):
        return m.AnnexRef(node.value, pos=node.pos)
    f = Fields(node, problems, "annexes")
    if not f.ok:
        return None
    ref = m.AnnexRef(
        document=f.string("document", required=True) or "",
        header=f.choice("header", ("annex", "approved"), "") or None,
        printed_header=f.strings("printed_header"),
        pos=node.pos,
    )
    f.done()
    return ref
