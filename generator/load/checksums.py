"""Checksums of the documents that can be sealed (see seals.py)."""

from __future__ import annotations

import dataclasses

from .. import model as m
from .. import seals
from ..yamlnodes import Node


def with_checksums(documents: list[m.Document], roots: dict[int, Node], where) -> list[m.Document]:
    """Checksums of the documents an order approves or seals (and of orders): only those
    can be sealed, and a large plan that no order approves need not pay for it."""
    orders = [doc for doc in documents if isinstance(doc, m.Order)]
    approved = {ref.document for order in orders for ref in order.annexes}
    approved |= {order.amendment.new for order in orders if order.amendment}
    approved |= {seal.document for order in orders for seal in order.sealed}
    result = []
    for doc in documents:
        if isinstance(doc, m.Order) or doc.id in approved:
            summed = dataclasses.replace(doc, checksum=seals.content_checksum(roots[id(doc)]))
            where[id(summed)] = where.pop(id(doc))
            doc = summed
        result.append(doc)
    return result
