"""One YAML file → its model: the format version, the kind, the kind's reader."""

from __future__ import annotations

from .. import model as m
from ..errors import Problem
from ..schema import Fields
from ..yamlnodes import Node
from .order import read_order
from .organization import read_organization
from .plan import read_plan
from .regulation import read_regulation

FORMAT_VERSION = "1"


def read_document(root: Node, problems: list[Problem]) -> m.Organization | m.Document | None:
    f = Fields(root, problems)
    if not f.ok:
        return None
    version = f.string("format")
    if version is None:
        problems.append(Problem("format-missing", root.pos))
        return None
    if version != FORMAT_VERSION:
        problems.append(Problem("format-unknown", f.pos("format"), {"value": version}))
        return None
    kind = f.choice("kind", tuple(READERS), "")
    if kind not in READERS:
        if "kind" not in f.values:
            problems.append(Problem("key-missing", root.pos, {"key": "kind"}))
        return None
    before = len(problems)
    result = READERS[kind](f)
    f.done()
    return result if len(problems) == before else None


# The reader of each kind of file (editor_schema.py runs them on probes to describe the format).
READERS = {"organization": read_organization, "order": read_order, "plan": read_plan, "regulation": read_regulation}
