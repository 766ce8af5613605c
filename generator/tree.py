"""A document as a tree: which lists of children each node type has, and paths into it.

A path is ((list name, index), …) from the root: («sections», 1), («measures», 3) is the
fourth measure of the second section. The diff, the frozen numbers of editions, the
printed form and the amendment wording all address nodes this way.
"""

from __future__ import annotations

from . import model as m

# Child lists of each node type, in document order.
CHILDREN: dict[type, tuple[str, ...]] = {
    m.Plan: ("sections",),
    m.Section: ("passport", "measures", "sections"),
    m.Measure: ("children",),
    m.PassportBlock: (),
    m.Regulation: ("chapters",),
    m.Chapter: ("clauses",),
    m.Clause: ("clauses",),
    m.Order: ("points",),
    m.Point: ("points",),
}

Path = tuple[tuple[str, int], ...]  # ((list name, index), …) from the root


def resolve(root, path: Path):
    """The node at `path` below `root`."""
    node = root
    for name, index in path:
        node = getattr(node, name)[index]
    return node
