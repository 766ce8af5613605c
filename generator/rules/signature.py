"""Signatures written surname first.

ГОСТ Р 7.0.97 prints the signer as «И.О. Фамилия». prikaz prints every signature that way
whatever was typed, but the content should say what is printed, so a name typed «Фамилия
И.О.» is noted (a warning: the document comes out right all the same).
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import model as m
from ..errors import MESSAGES, Problem
from ..typography import surname_first
from . import Context

MESSAGES["signature-surname-first"] = (
    "{where}: «{name}» — фамилия перед инициалами; по ГОСТ Р 7.0.97 печатается «{printed}» "
    "(prikaz так и напечатает), поправьте в содержимом"
)


def signature_rules(ctx: Context) -> Iterator[Problem]:
    org = ctx.organization
    for key, signature in org.signatories:
        yield from _check(signature, f"подписант «{key}»")
    for doc in ctx.department.documents:
        signature = getattr(doc, "signature", None)
        if isinstance(signature, m.Signature):
            yield from _check(signature, f"подпись документа «{doc.id}»")


def _check(signature: m.Signature, where: str) -> Iterator[Problem]:
    found = surname_first(signature.name)
    if found:
        printed = f"{found['initials']} {found['surname']}"
        yield Problem(
            "signature-surname-first",
            signature.pos,
            {"where": where, "name": signature.name.strip(), "printed": printed},
            "warning",
        )
