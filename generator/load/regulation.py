"""The reader of a regulation: chapters, clauses, definitions."""

from __future__ import annotations

from .. import model as m
from ..errors import Problem
from ..schema import Fields
from ..yamlnodes import Node
from .shared import MAX_MEASURE_DEPTH, as_written, optional_signature, read_edition
from .text import read_paragraph, read_text


def read_regulation(f: Fields) -> m.Regulation:
    return m.Regulation(
        id=f.ident("id", required=True) or "",
        title=f.string("title", required=True) or "",
        trailing_dot=f.flag("trailing_dot", True),
        chapters=f.items("chapters", lambda n: _chapter(n, f.problems), required=True),
        signature=optional_signature(f),
        edition=read_edition(f),
        as_written=as_written(f),
        pos=f.pos(),
    )


def _chapter(node: Node, problems: list[Problem]) -> m.Chapter | None:
    f = Fields(node, problems, "chapters")
    if not f.ok:
        return None
    chapter = m.Chapter(
        title=f.string("title", required=True) or "",
        text=read_text(f, "text"),
        clauses=f.items("clauses", lambda n: _clause(n, problems, 1)),
        number=f.string("number"),
        id=f.ident("id"),
        pos=node.pos,
    )
    f.done()
    return chapter


def _clause(node: Node, problems: list[Problem], depth: int) -> m.Clause | None:
    if depth > MAX_MEASURE_DEPTH:
        problems.append(Problem("nesting-too-deep", node.pos))
        return None
    if node.kind == "string":
        paragraph = read_paragraph(node, "clauses", problems)
        return m.Clause(text=(paragraph,), pos=node.pos) if paragraph else None
    f = Fields(node, problems, "clauses")
    if not f.ok:
        return None
    clause = m.Clause(
        text=read_text(f, "text"),
        definitions=f.items("definitions", lambda n: _definition(n, problems)),
        clauses=f.items("clauses", lambda n: _clause(n, problems, depth + 1)),
        number=f.string("number"),
        id=f.ident("id"),
        pos=node.pos,
    )
    f.done()
    return clause


def _definition(node: Node, problems: list[Problem]) -> m.Definition | None:
    f = Fields(node, problems, "definitions")
    if not f.ok:
        return None
    definition = m.Definition(
        f.string("term", required=True) or "", f.string("definition", required=True) or "", pos=node.pos
    )
    f.done()
    return definition
