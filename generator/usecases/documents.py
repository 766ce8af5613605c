"""Which document a file on the command line names, and a pair of editions of one document."""

from __future__ import annotations

import os
from dataclasses import dataclass

from .. import model as m
from ..errors import InputError

KIND_WORDS = {m.Plan: "план", m.Regulation: "положение", m.Order: "приказ"}


def shown(path: str) -> str:
    """A path as messages name it: relative to the current folder when inside it."""
    relative = os.path.relpath(os.path.abspath(path))
    return path if relative.startswith("..") else relative


def document_at(dep: m.Department, path: str) -> m.Document | None:
    """The document read from this file, or None (organization.yaml, a file of another folder)."""
    target = os.path.abspath(path)
    return next((d for d in dep.documents if os.path.abspath(d.pos.file) == target), None)


@dataclass(frozen=True)
class EditionPair:
    department: m.Department
    old: m.Document
    new: m.Document


def edition_pair(old_path: str, new_path: str) -> EditionPair:
    """Two editions of one plan, regulation or order, named by their files.

    Anything else is the user's mistake (InputError): the same file twice, files of two
    organizations, a file that is not a document, documents of two kinds, or two documents
    that are not editions of one another (no chain of `edition: follows` joins them).
    """
    from ..load import load

    if os.path.abspath(old_path) == os.path.abspath(new_path):
        raise InputError(f"указан один и тот же файл дважды ({shown(old_path)}): укажите прежнюю редакцию и новую")
    departments = load([old_path, new_path])
    if len(departments) != 1:
        raise InputError("редакции должны принадлежать одной организации (одной папке content/…)")
    dep = departments[0]
    old, new = document_at(dep, old_path), document_at(dep, new_path)
    if old is None or new is None:
        raise InputError("укажите два файла редакций одного плана, положения или приказа")
    if type(old) is not type(new):
        raise InputError(
            f"«{old.id}» — {KIND_WORDS[type(old)]}, а «{new.id}» — {KIND_WORDS[type(new)]}: "
            "укажите два файла редакций одного плана, положения или приказа"
        )
    if _first_edition(dep, old) != _first_edition(dep, new):
        raise InputError(
            f"«{old.id}» и «{new.id}» — разные документы, а не редакции одного: новая редакция "
            "называет прежнюю строкой «edition: follows: …»"
        )
    return EditionPair(dep, old, new)


def _first_edition(dep: m.Department, doc: m.Document) -> str:
    """The id of the first edition of the work a document belongs to (a cycle is the loader's error)."""
    by_id = {d.id: d for d in dep.documents}
    seen = {doc.id}
    while doc.edition.follows in by_id and doc.edition.follows not in seen:
        doc = by_id[doc.edition.follows]
        seen.add(doc.id)
    return doc.id
