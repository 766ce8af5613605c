"""`prikaz seal`: record in a signed order's file the checksums of what it approves."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .. import model as m
from ..errors import InputError


@dataclass(frozen=True)
class Sealed:
    order: m.Order
    path: str
    outcome: Literal["sealed", "renewed", "intact"]  # renewed: a format-1 seal now covers organization.yaml
    lines: tuple[str, ...] = ()  # the seal block's entries as written


def seal(order_file: str) -> Sealed:
    from ..load import load
    from ..output import write_atomic
    from ..seals import renewable, seal_block, unsealed, without_seal_block
    from .documents import document_at

    dep = load([order_file])[0]
    order = document_at(dep, order_file)
    if not isinstance(order, m.Order):
        raise InputError("это не приказ; запечатывается файл приказа, утвердившего редакцию")
    renew = bool(order.sealed) and renewable(dep, order)
    if order.sealed and not renew:
        missing = [doc_id for owner, doc_id in unsealed(dep) if owner.id == order.id]
        if missing:
            raise InputError(
                f"печать приказа не покрывает: {', '.join(missing)}; удалите блок sealed "
                "из файла приказа и запечатайте его заново"
            )
        return Sealed(order, order_file, "intact")
    with open(order_file, encoding="utf-8") as f:
        text = f.read()
    if renew:  # an intact seal of format 1: the same content, now with the organization's values
        text = without_seal_block(text)
    block = seal_block(dep, order)
    write_atomic(order_file, (text + ("" if text.endswith("\n") else "\n") + block).encode("utf-8"))
    lines = tuple(line.strip() for line in block.splitlines()[1:])
    return Sealed(order, order_file, "renewed" if renew else "sealed", lines)
