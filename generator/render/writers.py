"""The writers: one table, format → writer, and one signature for all of them.

    write(sources, options) -> list[bytes]

A writer takes a batch of sources of its own kind and returns the bytes of each, in
order. It never writes into the output folder: the caller hands the bytes to
`generator/output.py`, the one module that writes there. A batch is what makes the PDF
writer cheap (one LibreOffice start for every document; bench/), and costs the others
nothing (`write_one` for a single source).

| format            | source                                  | module            |
|-------------------|-----------------------------------------|-------------------|
| `docx`            | `Document`: template parts + properties | render/docx       |
| `pdf`             | DOCX bytes                              | render/pdf        |
| `comparison.docx` | `Comparison`                            | render/compare_docx |
| `comparison.html` | `Comparison`                            | render/compare_html |
| `redline.docx`    | `Redline`                               | render/redline_docx |
| `html`            | `IndexPage` or `site.WorkPage`          | render/site_html  |

Modules are imported when their writer is first asked for: `prikaz build` never loads
lxml's redline or pikepdf.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..resources import templates_folder
from .properties import Properties

DEFAULT_TEMPLATES = templates_folder()
DEFAULT_PDF_TIMEOUT = 600.0  # seconds for one batch; 5,000 measures took 11 s (bench/)


@dataclass(frozen=True)
class Options:
    """What a writer may need besides its sources."""

    templates: Path = DEFAULT_TEMPLATES  # DOCX templates and templates/site
    pdf_timeout: float = DEFAULT_PDF_TIMEOUT  # LibreOffice's limit for one batch


class Writer(Protocol):
    def __call__(self, sources: Sequence[Any], options: Options) -> list[bytes]: ...


WRITERS: dict[str, str] = {
    "docx": "docx",
    "pdf": "pdf",
    "comparison.docx": "compare_docx",
    "comparison.html": "compare_html",
    "redline.docx": "redline_docx",
    "html": "site_html",
}


def writer(format: str) -> Writer:
    """The writer of a format (a module's `write`)."""
    return importlib.import_module(f"{__package__}.{WRITERS[format]}").write


def write(format: str, sources: Sequence[Any], options: Options = Options()) -> list[bytes]:
    return writer(format)(sources, options)


def write_one(format: str, source: Any, options: Options = Options()) -> bytes:
    [data] = writer(format)([source], options)
    return data


# --- the sources ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One template filled in: `kind` names the template (order, plan, regulation)."""

    kind: str
    context: dict


@dataclass(frozen=True)
class Document:
    """A DOCX: the first part, then the others appended (an order and its annexes), each
    starting on a new page, with one page setup and one page numbering."""

    parts: tuple[Part, ...]
    props: Properties


@dataclass(frozen=True)
class Comparison:
    """The lawyer's comparison table (rows from generator/compare.py)."""

    title: str
    subtitle: str
    rows: Sequence[Any]
    props: Properties


@dataclass(frozen=True)
class Revision:
    """Who made the changes and when: shown by Word and LibreOffice beside each change."""

    author: str
    date: dt.date


@dataclass(frozen=True)
class Redline:
    """The new edition's DOCX with tracked changes from the old one; rows with equal keys
    are one row (see render/redline_docx.redline)."""

    old_docx: bytes
    new_docx: bytes
    old_row_keys: Sequence[Hashable]
    new_row_keys: Sequence[Hashable]
    revision: Revision


@dataclass(frozen=True)
class IndexPage:
    """The site's index: organizations with their rows (generator/site.index_rows)."""

    organizations: Sequence[Any] = field(default_factory=list)
    path: str = "index.html"
