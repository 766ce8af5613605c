"""Departments → DOCX files: which documents are built, with which headers, under which names.

An order is built with its annexes in one DOCX, and each annex also on its own (what the
clerk regenerates after editing a plan). A plan or regulation that no order approves is
built as a document of its own.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import formats, typography, view
from . import model as m
from .errors import ContentError, Pos, Problem
from .history import history
from .output import relative_path, safe_name, target_path, write_atomic, write_if_changed
from .render.properties import Properties
from .render.writers import DEFAULT_TEMPLATES, Document, Options, Part, write, write_one

KIND = {m.Plan: "plan", m.Regulation: "regulation"}
NO_DATE = dt.date(2000, 1, 1)


# Called before each document: (documents done, documents in all, the document's id).
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Built:
    path: str
    document: str  # id
    description: str  # Russian, for the summary
    changed: bool = True  # False: the file already held exactly these bytes and was left alone


def build(
    departments: list[m.Department],
    out_dir: str,
    selected: Callable[[m.Document], bool] = lambda doc: True,
    templates: Path = DEFAULT_TEMPLATES,
    progress: Progress | None = None,
    before_writing: Callable[[], None] = lambda: None,
) -> list[Built]:
    """Render every selected document, then call `before_writing` (which may stop the
    build: the check's verdict), then write the files."""
    jobs = [(dep, doc) for dep in departments for doc in dep.documents if selected(doc)]
    paths = output_paths(departments, out_dir)  # every name decided (and checked) before a write
    rendered: list[tuple[str, str, bytes, str]] = []
    for done, (dep, doc) in enumerate(jobs):
        if progress is not None:
            progress(done, len(jobs), doc.id)
        for name, data, description in render_document(dep, doc, templates):
            rendered.append((paths[(dep.folder, name)], doc.id, data, description))
    before_writing()
    return [
        Built(path, doc_id, description, write_if_changed(path, data)) for path, doc_id, data, description in rendered
    ]


def write_pdfs(docx_files: list[str], timeout: float) -> list[str]:
    """A PDF beside each DOCX file, from one LibreOffice run; the PDF paths.

    The whole batch or nothing: the PDFs are written only once every one is made, so a
    failed run leaves the previous PDFs in place."""
    sources = [Path(path).read_bytes() for path in docx_files]
    pdfs = write("pdf", sources, Options(pdf_timeout=timeout))
    targets = [str(Path(path).with_suffix(".pdf")) for path in docx_files]
    for target, data in zip(targets, pdfs):
        write_atomic(target, data)
    return targets


def site_folder(dep: m.Department) -> str:
    """The output subfolder of an organization: the safe name of its content folder."""
    return safe_name(os.path.basename(os.path.normpath(dep.folder)))


def published_path(dep: m.Department, stem: str, suffix: str) -> str:
    """Where a document's file is written, relative to the output folder («org/plan.docx»):
    the one function that decides it, for the writer and for the site's links alike."""
    return relative_path(site_folder(dep), stem + suffix)


def output_paths(departments: list[m.Department], out_dir: str) -> dict[tuple[str, str], str]:
    """(organization folder, document id) → the DOCX path, for every document; refuses two
    organizations that would share an output folder (content folders «org a» and «org_a»,
    the same folder name under two content roots) before anything is written. Names are
    compared case-insensitively: the site may be copied to a server where «Org» and «org»
    are one folder."""
    problems = []
    folders: dict[str, m.Department] = {}
    for dep in departments:
        other = folders.setdefault(site_folder(dep).casefold(), dep)
        if other is not dep:
            problems.append(
                Problem(
                    "output-collision",
                    Pos(_shown(dep.folder)),
                    {"other": _shown(other.folder), "folder": site_folder(dep)},
                )
            )
    for dep in departments:  # ids are unique and never cut (safe_name), but may differ in case only
        names: dict[str, m.Document] = {}
        for doc in dep.documents:
            other = names.setdefault(doc.id.casefold(), doc)
            if other is not doc:
                problems.append(Problem("output-collision-case", doc.pos, {"id": doc.id, "other": other.id}))
    if problems:
        raise ContentError(problems)
    return {
        (dep.folder, doc.id): target_path(out_dir, *published_path(dep, doc.id, ".docx").split("/"))
        for dep in departments
        for doc in dep.documents
    }


def _shown(folder: str) -> str:
    relative = os.path.relpath(os.path.abspath(folder))
    return folder if relative.startswith("..") else relative


def render_document(dep: m.Department, doc: m.Document, templates: Path):
    """(file stem, DOCX bytes, description) for everything one document produces."""
    org = dep.organization
    if isinstance(doc, m.Order):
        yield render_order(dep, doc, templates)
        return
    editions = history(dep)
    approval = editions.approval(doc.id)
    if approval is not None:
        order, index = approval
        annex = _docx(
            _annex_part(dep, order, index),
            _annex_properties(dep.organization, doc, order.date, _order_subject(order)),
            templates,
        )
        yield doc.id, annex, _describe(doc) + f" к приказу № {order.number}"
        return
    # An amended edition: numbers frozen, the header of the order that approved the
    # original, and «(в ред. приказов …)» under it.
    printed = editions.frozen(doc)
    header: list[str] = []
    base = editions.base(doc)
    base_approval = editions.approval(base.id) if base is not doc else None
    if base_approval is not None:
        order, index = base_approval
        header = view.annex_header(org, order, index, base)
    header += view.revisions_line(editions.amended_by(doc), org.style.date)
    date = base_approval[0].date if base_approval else NO_DATE
    description = _describe(doc) + (" (редакция с изменениями)" if doc.edition.kind == "amendment" else "")
    data = _docx(_annexable_part(printed, header), _annex_properties(org, printed, date, ""), templates)
    yield doc.id, data, description


def render_order(dep: m.Department, order: m.Order, templates: Path):
    with typography.as_written(order.as_written):  # its annexes say for themselves
        return _render_order(dep, order, templates)


def _render_order(dep: m.Department, order: m.Order, templates: Path):
    org = dep.organization
    annexes = [_annex_part(dep, order, i) for i in range(len(order.annexes))]
    if order.amendment is None:
        props = _properties(org, order.title, order.date, _order_subject(order), order.kind_word)
        main = Part("order", view.order_view(org, order))
        description = f"приказ № {order.number}" + (f" с приложениями ({len(annexes)})" if annexes else "")
    else:
        composition = history(dep).composition(order)
        props = _properties(org, composition.title, order.date, _order_subject(order), order.kind_word)
        main = Part("order", view.amendment_order_view(org, order, composition))
        if composition.annex is not None:
            annex = composition.annex
            assert not isinstance(annex, m.Order)  # the loader refuses a new edition of an order
            annexes.append(_annexable_part(annex, view.single_annex_header(org, order)))
        description = f"приказ № {order.number} о внесении изменений ({_form_word(composition)})"
    # The annexes' own properties are not kept: the joined document says what the order says.
    return order.id, write_one("docx", Document((main, *annexes), props), Options(templates=templates)), description


def _form_word(composition) -> str:
    if composition.form == "new-edition":
        return f"новая редакция приложения: изменено {composition.share:.0%}"
    return f"пунктов изменений: {len(composition.items)}"


def _annex_part(dep: m.Department, order: m.Order, index: int) -> Part:
    doc = dep.document(order.annexes[index].document)
    assert isinstance(doc, m.Plan | m.Regulation)  # the loader's cross-check: an annex is a plan or a regulation
    return _annexable_part(doc, view.annex_header(dep.organization, order, index, doc))


def _annexable_part(doc: m.Plan | m.Regulation, header: list[str]) -> Part:
    kind = KIND[type(doc)]
    with typography.as_written(doc.as_written):
        context = view.plan_view(doc, header) if isinstance(doc, m.Plan) else view.regulation_view(doc, header)
    return Part(kind, context)


def _docx(part: Part, props: Properties, templates: Path) -> bytes:
    return write_one("docx", Document((part,), props), Options(templates=templates))


def _annex_properties(org: m.Organization, doc: m.Plan | m.Regulation, date: dt.date, subject: str) -> Properties:
    return _properties(org, doc.title, date, subject or doc.kind_word, doc.kind_word)


def _properties(org: m.Organization, title: str, date: dt.date, subject: str, kind: str) -> Properties:
    keywords = f"{kind}; {org.name}"
    return Properties(title=title, author=org.name, subject=subject, keywords=keywords, date=date)


def _order_subject(order: m.Order) -> str:
    return formats.order_subject(order)


def _describe(doc: m.Document) -> str:
    return {"plan": "план мероприятий", "regulation": "положение"}[KIND[type(doc)]]
