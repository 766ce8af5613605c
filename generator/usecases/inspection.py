"""`prikaz editions` and `prikaz show`: one document, its editions and its computed numbers."""

from __future__ import annotations

import os
from dataclasses import dataclass

from .. import model as m
from ..errors import InputError
from ..history import history
from .documents import document_at


@dataclass(frozen=True)
class EditionEntry:
    document: m.Plan | m.Regulation
    order: m.Order | None  # the order that approved or brought the edition into force


def editions_of(path: str) -> tuple[EditionEntry, ...]:
    """Every edition of the plan or regulation in `path`, oldest first."""
    from ..load import load

    dep = load([path])[0]
    doc = document_at(dep, path)
    if not isinstance(doc, m.Plan | m.Regulation):
        raise InputError("это не план и не положение: редакции есть у планов и положений")
    editions = history(dep)
    return tuple(EditionEntry(edition, editions.basis(edition.id)) for edition in editions.work_of(doc.id))


@dataclass(frozen=True)
class Inspected:
    department: m.Department
    document: m.Document | None  # as read; None for organization.yaml
    is_organization: bool

    def numbered(self) -> m.Document | None:
        """The document with the numbers its edition prints, as build and amend give them."""
        doc = self.document
        if isinstance(doc, m.Plan | m.Regulation):
            numbered = history(self.department).frozen(doc)
            assert isinstance(numbered, m.Plan | m.Regulation)  # with_numbers keeps the type
            return numbered
        return doc


def inspect(path: str) -> Inspected:
    from ..load import ORGANIZATION_FILE, load

    dep = load([path])[0]
    return Inspected(dep, document_at(dep, path), os.path.basename(path) == ORGANIZATION_FILE)
