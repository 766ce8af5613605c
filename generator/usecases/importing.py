"""`prikaz import`: a Word file into an organization folder, or into the next edition of a plan."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass

from .. import model as m
from ..amend import Composition
from ..errors import InputError
from .amendment import AmendingOrder

DEFAULT_CONTENT = "content"


@dataclass(frozen=True)
class ImportedDocument:
    folder: str
    summary: tuple[str, ...]  # what was found: the order, its annexes, the registry
    written: tuple[str, ...]
    report: tuple[str, ...]  # what was not carried over as it is; empty: everything was


def default_folder(docx_path: str) -> str:
    """content/<the file's name>, made safe as a folder name."""
    from ..output import safe_name

    return os.path.join(DEFAULT_CONTENT, safe_name(os.path.splitext(os.path.basename(docx_path))[0]))


def import_document(docx_path: str, folder: str, force: bool) -> ImportedDocument:
    """The YAML files of one organization from a DOCX, loaded before anything is written;
    files already in `folder` are overwritten only when forced."""
    from ..editor_schema import with_schema
    from ..importer import run as importer

    imported = importer.import_docx(docx_path)
    importer.validate(imported, folder)
    clashes = importer.existing(imported, folder)
    if clashes and not force:
        raise InputError(
            f"в папке {folder} уже есть файлы: {', '.join(clashes)}. Ничего не записано; "
            "чтобы перезаписать их, добавьте --force."
        )
    imported = dataclasses.replace(imported, files=with_schema(imported.files))  # for the clerk's editor
    written = importer.write(imported, folder)
    return ImportedDocument(folder, tuple(imported.summary), tuple(written), tuple(imported.report.lines()))


@dataclass(frozen=True)
class ImportedEdition:
    old: m.Plan
    new: m.Plan
    matched: int  # rows matched to measures of the old edition
    total_old: int
    total_new: int
    later: tuple[str, ...]  # editions that already follow the old one
    written: tuple[str, ...]
    new_units: tuple[str, ...]  # added to the registry of organization.yaml
    composition: Composition  # the changes, worded as the amending order would word them
    notes: tuple[str, ...]
    amendment: AmendingOrder | None = None


def import_edition(
    docx_path: str, plan_path: str, order_file: str | None, new_id: str | None, out_dir: str, force: bool
) -> ImportedEdition:
    """`import --edition-of`: the next edition of the plan in `plan_path` from its annex edited
    in Word; with `order_file`, the amending order's DOCX in `out_dir` too. A wrong order file
    (not an order, an unknown signatory) stops the import before anything is written."""
    from ..amend import compose_for
    from ..importer import edition as importer
    from .amendment import amending_order, write_amendment

    imported = importer.import_edition(docx_path, plan_path, new_id, force)
    old, new, edition = imported.old, imported.new, imported.edition
    later = tuple(
        d.id
        for d in imported.department.documents
        if getattr(d, "edition", None) and d.edition.follows == old.id and d.id != new.id
    )
    composition = compose_for(imported.department, old, new, form="changes")
    if order_file is not None:
        amending_order(imported.department, order_file, old.id, new.id, "auto")
    written = tuple(importer.write(imported))
    amendment = None
    if order_file is not None:
        amendment = write_amendment(imported.department, old, new, order_file, "auto", out_dir)
    return ImportedEdition(
        old,
        new,
        edition.matched,
        edition.total_old,
        edition.total_new,
        later,
        written,
        tuple(edition.new_units),
        composition,
        tuple(edition.notes + imported.report.lines()),
        amendment,
    )
