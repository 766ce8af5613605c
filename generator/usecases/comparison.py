"""`prikaz diff`: the comparison table of two editions (DOCX and HTML), and the redline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .. import model as m
from ..amend import Composition, compose_for
from ..build import site_folder
from ..compare import comparison_rows, heading
from ..history import history
from ..output import target_path, write_atomic
from ..typography import typeset
from .documents import edition_pair

NO_ORDER_DATE = dt.date(2000, 1, 1)  # a fixed date for a table of changes no order has made yet


@dataclass(frozen=True)
class WrittenFile:
    path: str
    tracked: dict[str, int] | None = None  # the redline's counts of tracked changes


@dataclass(frozen=True)
class Comparison:
    old: m.Document
    new: m.Document
    composition: Composition
    files: tuple[WrittenFile, ...]  # the table's DOCX first, then HTML, then the redline
    pdfs: tuple[str, ...] = ()


def compare_editions(
    old_path: str, new_path: str, out_dir: str, redline_templates: Path | None = None, pdf_timeout: float | None = None
) -> Comparison:
    """Write the comparison table of two editions into the organization's folder under
    `out_dir`; with `redline_templates`, the new edition with tracked changes too; with
    `pdf_timeout`, the table's PDF (LibreOffice)."""
    pair = edition_pair(old_path, new_path)
    dep, old, new = pair.department, pair.old, pair.new
    composition = compose_for(dep, old, new, form="changes")
    outputs = _comparison_table(dep, old, new, composition)
    if redline_templates is not None:
        from ..redline import file_name, redline_docx

        outputs.append((file_name(new.id), redline_docx(dep, old, new, redline_templates)))
    files = []
    for name, data in outputs:
        path = target_path(out_dir, site_folder(dep), name)
        write_atomic(path, data)
        files.append(WrittenFile(path, _tracked(data) if name.endswith(".redline.docx") else None))
    pdfs: tuple[str, ...] = ()
    if pdf_timeout is not None:
        from ..build import write_pdfs

        pdfs = tuple(write_pdfs([files[0].path], pdf_timeout))
    return Comparison(old, new, composition, tuple(files), pdfs)


def _comparison_table(dep: m.Department, old, new, composition: Composition) -> list[tuple[str, bytes]]:
    """The table's file names and bytes: title and subtitle name the documents and the order."""
    from ..render import writers
    from ..render.properties import Properties

    rows = comparison_rows(composition, getattr(new, "responsible_separator", ", "), getattr(new, "extra_columns", ()))
    title, subtitle = heading(dep, old, new, composition)
    order = history(dep).amending_order(new.id)
    props = Properties(
        f"{title} {subtitle}",
        dep.organization.name,
        typeset(new.title),
        "сравнительная таблица",
        order.date if order else NO_ORDER_DATE,
    )
    stem = f"{new.id}.comparison"
    table = writers.Comparison(title, subtitle, rows, props)
    return [
        (stem + ".docx", writers.write_one("comparison.docx", table)),
        (stem + ".html", writers.write_one("comparison.html", table)),
    ]


def _tracked(data: bytes) -> dict[str, int]:
    from ..render.redline_docx import change_counts

    return change_counts(data)
