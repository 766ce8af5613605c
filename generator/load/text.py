"""Readers of text: a paragraph, a list of blocks (paragraphs, bullets, headings, leads)."""

from __future__ import annotations

from .. import model as m
from ..errors import Problem
from ..schema import Fields, list_items, string_of
from ..yamlnodes import Node


def read_text(f: Fields, key: str, required: bool = False) -> m.Text:
    return f.read(key, _text, required, default=()) or ()


def _text(node: Node, name: str, problems: list[Problem]) -> m.Text:
    if node.kind == "string":
        paragraph = read_paragraph(node, name, problems)
        return (paragraph,) if paragraph else ()
    return list_items(node, lambda n: _block(n, name, problems), name, problems)


def _block(node: Node, name: str, problems: list[Problem]) -> m.Block | None:
    if node.kind == "string":
        return read_paragraph(node, name, problems)
    if node.kind != "mapping":
        problems.append(Problem("text-block-unknown", node.pos))
        return None
    f = Fields(node, problems, name)
    block: m.Block | None = f.variant(
        {
            "bullets": lambda: m.Bullets(f.strings("bullets", required=True), _marker(f)),
            "heading": lambda: m.Heading(f.string("heading", required=True) or ""),
            "lead": lambda: m.Lead(f.string("lead", required=True) or "", f.string("text") or ""),
        }
    )
    if block is None:
        problems.append(Problem("text-block-unknown", node.pos))
        return None
    f.done()
    return block


def read_paragraph(node: Node, name: str, problems: list[Problem]) -> m.Paragraph | None:
    value = string_of(node, name, problems)  # not empty, not too long
    return m.Paragraph(value) if value is not None else None


def _marker(f: Fields) -> str:
    default = "–" if "marker" not in f.values else ""  # `marker:` left empty: no marker
    value = f.read("marker", literal, default=default)
    return value if value is not None else "–"


def literal(node: Node, name: str, problems: list[Problem]) -> str | None:
    """A string printed as written, spaces and all (a marker, a separator)."""
    if isinstance(node.value, str):
        return node.value
    string_of(node, name, problems)  # reports the type
    return None
