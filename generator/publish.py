"""Departments → a static site folder: DOCX and PDF of every document, an index, a page per work.

Publishing unchanged content again changes no file: DOCX are deterministic and written
only when their bytes differ; a PDF is converted again only when the DOCX it was made from
changed (the site's manifest.json records which DOCX each PDF came from); pages carry no
clock. Files that an earlier publication wrote and this one no longer produces are removed.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import model as m
from . import site
from .build import Built, Progress, build
from .errors import ToolError
from .output import reason, relative_path, target_path, write_if_changed
from .render import site_html
from .render.writers import DEFAULT_TEMPLATES, IndexPage, Options, write

MANIFEST = "manifest.json"
INDEX = "index.html"

Converter = Callable[[list[str]], list[str]]


@dataclass
class Publication:
    """What a publication did, for the summary."""

    built: list[Built] = field(default_factory=list)
    redlines: list[Built] = field(default_factory=list)  # an edition's changes as Word tracked changes
    converted: list[str] = field(default_factory=list)
    pages_written: int = 0
    pages: int = 0
    removed: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # stage → time: «docx», «pdf», «pages»

    @property
    def unchanged(self) -> int:
        return sum(not b.changed for b in self.built)


def publish(
    departments: list[m.Department],
    site_dir: str,
    convert: Converter,
    templates: Path = DEFAULT_TEMPLATES,
    progress: Progress | None = None,
) -> Publication:
    root = os.path.abspath(site_dir)
    previous = read_manifest(root)
    clock = time.perf_counter()
    result = Publication(built=build(departments, root, templates=templates, progress=progress))
    result.redlines = _redlines(departments, root, templates)
    clock = _lap(result, "docx", clock)
    stale = [b.path for b in result.built if _needs_pdf(root, b.path, previous)]
    result.converted = convert(stale) if stale else []
    clock = _lap(result, "pdf", clock)
    manifest = _manifest(root, result.built + result.redlines)
    links = {
        name: site.FileLink(name, name.rsplit(".", 1)[1].upper(), entry["size"], entry["sha256"])
        for name, entry in manifest.items()
    }
    pages = _pages(departments, links, templates)
    result.pages = len(pages)
    for name, data in pages.items():
        result.pages_written += write_if_changed(target_path(root, *name.split("/")), data)
    produced = set(manifest) | set(pages) | {MANIFEST}
    result.removed = _remove_stale(root, previous, produced)
    write_if_changed(os.path.join(root, MANIFEST), _manifest_bytes(manifest, pages))
    _lap(result, "pages", clock)
    return result


def _redlines(departments: list[m.Department], root: str, templates: Path) -> list[Built]:
    """Each edition that follows another, as a DOCX with its changes tracked (DOCX only:
    the reader opens it in Word or LibreOffice to review the changes)."""
    from .build import published_path
    from .redline import SUFFIX, redline_docx

    written = []
    for dep in departments:
        for work in site.works(dep):
            for old, new in zip(work, work[1:]):
                path = target_path(root, *published_path(dep, new.id, SUFFIX).split("/"))
                changed = write_if_changed(path, redline_docx(dep, old, new, templates))
                written.append(Built(path, new.id, "изменения в режиме правки", changed))
    return written


def _lap(result: Publication, stage: str, since: float) -> float:
    now = time.perf_counter()
    result.seconds[stage] = now - since
    return now


def read_manifest(root: str) -> dict:
    """The previous publication's record of its files: {"files": {name: entry}, "pages":
    {name: sha256 or None}}. A missing or damaged manifest, or a damaged entry, counts as
    not recorded: its PDF is made again, its file is never deleted."""
    try:
        with open(os.path.join(root, MANIFEST), encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError, RecursionError):
        return {"files": {}, "pages": {}}
    data = data if isinstance(data, dict) else {}
    files = data.get("files")
    files = files if isinstance(files, dict) else {}
    files = {
        name: entry
        for name, entry in files.items()
        if isinstance(entry, dict) and all(isinstance(entry.get(k), str | None) for k in _HASHES)
    }
    pages = data.get("pages")
    if isinstance(pages, list):  # format 1 recorded no checksum of a page
        pages = {name: None for name in pages if isinstance(name, str)}
    elif isinstance(pages, dict):
        pages = {name: sha if isinstance(sha, str) else None for name, sha in pages.items()}
    else:
        pages = {}
    return {"files": files, "pages": pages}


_HASHES = ("sha256", "source_sha256")


def sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _relative(root: str, path: str) -> str:
    return Path(path).relative_to(root).as_posix()


def _needs_pdf(root: str, docx: str, previous: dict) -> bool:
    """A PDF is made again unless it exists, is the one recorded, and came from this very DOCX."""
    pdf = str(Path(docx).with_suffix(".pdf"))
    entry = previous["files"].get(_relative(root, pdf))
    if not entry or not os.path.isfile(pdf):
        return True
    return entry.get("source_sha256") != sha256_of(docx) or entry.get("sha256") != sha256_of(pdf)


def _manifest(root: str, built: list[Built]) -> dict[str, dict]:
    files: dict[str, dict] = {}
    for item in built:
        docx_sha = sha256_of(item.path)
        files[_relative(root, item.path)] = {"size": os.path.getsize(item.path), "sha256": docx_sha}
        pdf = str(Path(item.path).with_suffix(".pdf"))
        if os.path.isfile(pdf):
            files[_relative(root, pdf)] = {
                "size": os.path.getsize(pdf),
                "sha256": sha256_of(pdf),
                "source_sha256": docx_sha,
            }
    return files


def _pages(departments: list[m.Department], links: dict[str, site.FileLink], templates: Path) -> dict[str, bytes]:
    sources = [IndexPage(site.index_rows(departments, links), INDEX)]
    sources += [site.work_page(dep, work, links) for dep in departments for work in site.works(dep)]
    pages = dict(zip((page.path for page in sources), write("html", sources, Options(templates=templates))))
    pages[site_html.STYLESHEET] = site_html.stylesheet(templates)
    return pages


def _manifest_bytes(files: dict[str, dict], pages: dict[str, bytes]) -> bytes:
    record = {
        "format": 2,
        "files": files,
        "pages": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(pages.items())},
    }
    return (json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _remove_stale(root: str, previous: dict, produced: set[str]) -> list[str]:
    """Delete what the previous publication wrote and this one does not (a document removed).

    Only a file that still holds exactly the bytes prikaz wrote is deleted: a manifest
    edited by hand, or a file someone put in its place, cannot make publish delete it."""
    written = {name: entry.get("sha256") for name, entry in previous["files"].items()} | previous["pages"]
    removed = []
    for name in sorted(set(written) - produced):
        if relative_path(*name.split("/")) != name:  # not a name prikaz makes: not its file
            continue
        try:
            path = target_path(root, *name.split("/"))
        except ToolError:  # a hand-edited manifest pointing outside the site: leave it alone
            continue
        if written[name] and os.path.isfile(path) and not os.path.islink(path) and sha256_of(path) == written[name]:
            try:
                os.unlink(path)
            except OSError as e:
                raise ToolError(f"не удалось удалить устаревший файл {path}: {reason(e)}") from e
            removed.append(name)
    return removed
