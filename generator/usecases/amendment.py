"""`prikaz amend`: the amending order's DOCX from two editions and the order's own YAML."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from .. import model as m
from ..amend import Composition, compose, proof
from ..errors import ContentError, InputError, Pos, Problem, suggestion
from ..history import with_document
from .documents import edition_pair, shown


@dataclass(frozen=True)
class AmendingOrder:
    order: m.Order
    composition: Composition
    unproved: tuple[str, ...]  # what the wording, read back and applied, fails to say
    path: str
    description: str  # «приказ № 12 о внесении изменений (пунктов изменений: 3)»


def amend(old_path: str, new_path: str, order_file: str, form: str, out_dir: str) -> AmendingOrder:
    """The order that amends the edition in `old_path` into the one in `new_path`."""
    pair = edition_pair(old_path, new_path)
    return write_amendment(pair.department, pair.old, pair.new, order_file, form, out_dir)


def write_amendment(dep: m.Department, old, new, order_file: str, form: str, out_dir: str) -> AmendingOrder:
    """Swap the order read from `order_file` into the department, compose it and write its DOCX
    into the organization's folder under `out_dir`."""
    from ..build import render_order, site_folder
    from ..output import target_path, write_atomic
    from ..render.docx import DEFAULT_TEMPLATES

    if form == "new-edition" and isinstance(old, m.Order):
        raise InputError(
            "пункты приказа изменяются перечнем изменений (--form changes); новая редакция приказа — это новый приказ"
        )
    order = amending_order(dep, order_file, old.id, new.id, form)
    dep = with_document(dep, order)  # its history keeps what the department's knew of the editions
    composition = compose(dep, order)
    unproved = tuple(str(problem) for problem in proof(dep, old, new, composition))
    _, data, description = render_order(dep, order, Path(DEFAULT_TEMPLATES))
    path = target_path(out_dir, site_folder(dep), order.id + ".docx")
    write_atomic(path, data)
    return AmendingOrder(order, composition, unproved, path, description)


def amending_order(dep: m.Department, order_file: str, old: str, new: str, form: str) -> m.Order:
    """The order given with --order, its signatory known to the organization: checked before
    anything is written (`import --edition-of` writes the new edition first)."""
    order = read_order_file(order_file, old, new, form)
    signatories = dict(dep.organization.signatories)
    if order.signatory not in signatories:
        raise ContentError(
            [
                Problem(
                    "signatory-unknown",
                    order.pos,
                    {"key": order.signatory, "suggestion": suggestion(order.signatory, signatories)},
                )
            ]
        )
    return order


def read_order_file(path: str, old: str, new: str, form: str) -> m.Order:
    """The order given with --order: its own fields from the file, its amendment OLD → NEW."""
    from ..load import read_document
    from ..yamlnodes import read_file

    problems: list[Problem] = []
    order = read_document(read_file(path, shown(path)), problems)
    if order is not None and not isinstance(order, m.Order):
        problems.append(
            Problem(
                "value-choice",
                Pos(shown(path), 1, 1),
                {"key": "kind", "value": type(order).__name__, "allowed": "order"},
            )
        )
    if problems or not isinstance(order, m.Order):  # read_document gives None only with problems
        raise ContentError(problems)
    return dataclasses.replace(order, amendment=m.Amendment(old, new, form))
