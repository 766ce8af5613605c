"""Two editions → the lawyer's redline: the new edition's annex with tracked changes.

Both editions are rendered exactly as `build` renders them (same templates, headers,
frozen numbers); the structural diff says which table rows are the same measure or
section, and `render/redline_docx.py` writes the changes into the new edition's XML.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from . import model as m
from .build import render_document
from .editions import walk
from .errors import ToolError
from .history import history
from .render.writers import Redline, Revision, write_one

SUFFIX = ".redline.docx"


def file_name(doc_id: str) -> str:
    """The redline's file, beside the new edition's DOCX (CLI and site alike)."""
    return f"{doc_id}{SUFFIX}"


def redline_docx(dep: m.Department, old: m.Document, new: m.Document, templates: Path) -> bytes:
    old_keys, new_keys = row_keys(history(dep).changes(old, new).kept, old, new)
    return write_one(
        "redline.docx",
        Redline(
            built_docx(dep, old, templates), built_docx(dep, new, templates), old_keys, new_keys, revision(dep, new)
        ),
    )


def row_keys(kept: dict, old, new) -> tuple[list, list]:
    """The keys of both editions' table rows: two rows are one row (changed or not) when
    they have one key, and that is the structural diff's decision, not the redline's.

    An old row's key is its path. A new row takes the old path of the node the diff keeps
    in it, when that node is a row of the old edition too; any other new row is added.
    The one node that can be kept and still not be a row on both sides is a section that
    gained or lost its passport: its heading stands above its table in one edition and is
    a row in the other, so the redline removes one and adds the other.
    """
    old_keys = row_paths(old)
    old_rows = set(old_keys)
    # ("added", path) is no old path (those are tuples of pairs): the row has no partner.
    new_keys = [kept[path] if kept.get(path) in old_rows else ("added", path) for path in row_paths(new)]
    return old_keys, new_keys


def row_paths(doc) -> list:
    """Paths of the nodes that are rows of a plan's tables, in document order.

    Every section and measure is a row, except a section with passport blocks: its
    heading stands above the table (view.plan_parts). A regulation has no table rows.
    """
    if not isinstance(doc, m.Plan):
        return []
    return [
        path
        for path, node in walk(doc)
        if isinstance(node, m.Measure) or (isinstance(node, m.Section) and not node.passport)
    ]


def revision(dep: m.Department, new) -> Revision:
    """Author: the organization. Date: the order that amended or approved the new
    edition; without one (a draft), the day its file was last saved."""
    editions = history(dep)
    order = editions.amending_order(new.id) or editions.approving_order(new.id)
    if order is not None:
        return Revision(author=dep.organization.name, date=order.date)
    try:
        date = dt.date.fromtimestamp(os.path.getmtime(new.pos.file))
    except OSError:  # an edition made in memory (tests, benchmarks): today
        date = dt.date.today()
    return Revision(author=dep.organization.name, date=date)


def built_docx(dep: m.Department, doc, templates: Path) -> bytes:
    """The DOCX `build` writes for this edition on its own."""
    for name, data, _description in render_document(dep, doc, templates):
        if name == doc.id:
            return data
    raise ToolError(f"{doc.id}: редакция не собирается как отдельный документ")  # pragma: no cover
