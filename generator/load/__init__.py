"""YAML content → model. Reads whole organization folders, reports every problem found.

`load(paths)` takes files or folders; each file belongs to the organization whose
`organization.yaml` is in its folder or above. A folder is read whole, so an order always
sees the plans it approves. Nothing is returned unless everything loaded cleanly.

The jobs are one module each: discover (folders and files), readers (a file → its model,
with a reader per kind: organization, order, plan, plan_columns, regulation, and the text
and shared values they use), checksums, cross (checks between files).
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from .. import model as m
from .. import seals
from ..errors import ContentError, Pos, Problem
from ..yamlnodes import Node, read_file
from .checksums import with_checksums
from .cross import cross_check, value_pos
from .discover import ORGANIZATION_FILE, display, organization_folders, organization_home, yaml_files
from .readers import FORMAT_VERSION, READERS, read_document

__all__ = [
    "FORMAT_VERSION",
    "ORGANIZATION_FILE",
    "READERS",
    "load",
    "load_folder",
    "organization_folders",
    "organization_home",
    "read_document",
]


def load(paths: Iterable[str], check_seals: bool = True) -> list[m.Department]:
    """Load every organization folder that the given files or folders belong to.

    A sealed document that changed is an error, unless `check_seals` is off (for `verify`,
    which reports every seal's state instead).
    """
    problems: list[Problem] = []
    folders: dict[str, None] = {}
    for path in paths:
        folder = organization_home(path)
        if folder is None:
            problems.append(Problem("organization-missing", Pos(display(path))))
        else:
            folders.setdefault(folder)
    departments = []
    for folder in folders:
        try:
            departments.append(load_folder(folder, check_seals))
        except ContentError as e:
            problems.extend(e.problems)
    if problems:
        raise ContentError(problems)
    return departments


def load_folder(folder: str, check_seals: bool = True) -> m.Department:
    problems: list[Problem] = []
    where: dict[int, dict[str, Pos]] = {}
    roots: dict[int, Node] = {}
    organization = _load_file(os.path.join(folder, ORGANIZATION_FILE), problems, where, roots)
    documents: list[m.Document] = []
    for path in yaml_files(folder):
        if os.path.basename(path) == ORGANIZATION_FILE:
            if os.path.dirname(path) != folder:
                problems.append(Problem("organization-not-here", Pos(display(path))))
            continue
        doc = _load_file(path, problems, where, roots)
        if isinstance(doc, m.Organization):  # a second organization, under another name
            problems.append(Problem("organization-not-here", value_pos(where, doc, "kind")))
        elif doc is not None:
            documents.append(doc)
    documents = with_checksums(documents, roots, where)
    if not isinstance(organization, m.Organization):
        if organization is not None:  # organization.yaml holds a document of another kind
            args = {"kind": organization.kind_word}
            problems.append(Problem("organization-kind", value_pos(where, organization, "kind"), args))
        # otherwise organization.yaml could not be read, and its problems say why
        raise ContentError(problems)
    department = m.Department(folder, organization, tuple(documents))
    problems.extend(cross_check(department, where))
    if check_seals and not problems:
        problems.extend(seals.problems(department))
    if problems:
        raise ContentError(problems)
    return department


def _load_file(
    path: str, problems: list[Problem], where: dict[int, dict[str, Pos]], roots: dict[int, Node]
) -> m.Organization | m.Document | None:
    """The model of one file, or None; `where` gets the positions of its top-level values,
    `roots` the file's nodes (for its checksum)."""
    try:
        root = read_file(path, display(path))
    except ContentError as e:
        problems.extend(e.problems)
        return None
    result = read_document(root, problems)
    # A document is read only from a mapping (read_document gives None for anything else)
    if result is not None and isinstance(root.value, dict):
        where[id(result)] = {key: node.pos for key, node in root.value.items()}
        roots[id(result)] = root
    return result
