"""The reader of organization.yaml: names, letterhead, style, signatories, units."""

from __future__ import annotations

from .. import model as m
from ..errors import Problem
from ..schema import Fields
from ..yamlnodes import Node
from .shared import read_signature


def read_organization(f: Fields) -> m.Organization:
    style = f.sub("style")
    return m.Organization(
        name=f.string("name", required=True) or "",
        name_genitive=f.string("name_genitive", required=True) or "",
        letterhead=f.strings("letterhead", required=True),
        place=f.string("place"),
        municipality=f.string("municipality"),
        style=_style(style) if style else m.Style(),
        signatories=_signatories(f),
        units=f.items("units", lambda n: _unit(n, f.problems)),
        abbreviations=f.strings("abbreviations"),
        pos=f.pos(),
    )


def _style(f: Fields) -> m.Style:
    default = m.Style()
    style = m.Style(
        doc_type=f.string("doc_type", default=default.doc_type) or default.doc_type,
        command=f.string("command", default=default.command) or default.command,
        date=f.choice("date", ("numeric", "long", "long_zero"), default.date),
        annex_header=f.choice("annex_header", ("annex", "approved"), default.annex_header),
        amendment_items=f.choice("amendment_items", ("capital", "lower"), default.amendment_items),
        command_position=f.choice("command_position", ("paragraph", "run-in"), default.command_position),
    )
    f.done()
    return style


def _signatories(f: Fields) -> tuple[tuple[str, m.Signature], ...]:
    return f.entries("signatories", lambda key, _, node: read_signature(node, f.problems, f"signatories.{key}"))


def _unit(node: Node, problems: list[Problem]) -> m.Unit | None:
    f = Fields(node, problems, "units")
    if not f.ok:
        return None
    unit = m.Unit(name=f.string("name", required=True) or "", full=f.string("full"), pos=node.pos)
    f.done()
    return unit
