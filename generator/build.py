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

from . import model as m
from . import view
from .output import target_path, write_atomic
from .render import docx

KIND = {m.Plan: "plan", m.Regulation: "regulation"}
NO_DATE = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class Built:
    path: str
    document: str  # id
    description: str  # Russian, for the summary


def build(
    departments: list[m.Department],
    out_dir: str,
    selected: Callable[[m.Document], bool] = lambda doc: True,
    templates: Path = docx.DEFAULT_TEMPLATES,
) -> list[Built]:
    built: list[Built] = []
    for dep in departments:
        folder = os.path.basename(os.path.normpath(dep.folder))
        for doc in dep.documents:
            if not selected(doc):
                continue
            for name, data, description in render_document(dep, doc, templates):
                path = target_path(out_dir, folder, name + ".docx")
                write_atomic(path, data)
                built.append(Built(path, doc.id, description))
    return built


def render_document(dep: m.Department, doc: m.Document, templates: Path):
    """(file stem, DOCX bytes, description) for everything one document produces."""
    org = dep.organization
    if isinstance(doc, m.Order):
        annexes = [_render_annex(dep, doc, i, templates) for i in range(len(doc.annexes))]
        props = _properties(org, doc.title, doc.date, _order_subject(doc))
        main = docx.render("order", view.order_view(org, doc), props, templates)
        combined = docx.combine(main, annexes, props) if annexes else main
        yield doc.id, combined, f"приказ № {doc.number} с приложениями ({len(annexes)})"
        return
    approval = dep.approving_order(doc.id)
    if approval is None:
        yield doc.id, _render_annexable(org, doc, [], NO_DATE, "", templates), _describe(doc)
    else:
        order, index = approval
        yield doc.id, _render_annex(dep, order, index, templates), _describe(doc) + f" к приказу № {order.number}"


def _render_annex(dep: m.Department, order: m.Order, index: int, templates: Path) -> bytes:
    doc = dep.document(order.annexes[index].document)
    header = view.annex_header(dep.organization, order, index, doc)
    return _render_annexable(dep.organization, doc, header, order.date, _order_subject(order), templates)


def _render_annexable(org, doc, header, date, subject, templates) -> bytes:
    kind = KIND[type(doc)]
    context = view.plan_view(doc, header) if kind == "plan" else view.regulation_view(doc, header)
    props = _properties(org, doc.title, date, subject or doc.kind_word)
    return docx.render(kind, context, props, templates)


def _properties(org: m.Organization, title: str, date: dt.date, subject: str) -> docx.Properties:
    return docx.Properties(title=title, author=org.name, subject=subject, keywords=org.name, date=date)


def _order_subject(order: m.Order) -> str:
    return f"Приказ от {order.date:%d.%m.%Y} № {order.number}"


def _describe(doc: m.Document) -> str:
    return {"plan": "план мероприятий", "regulation": "положение"}[KIND[type(doc)]]
