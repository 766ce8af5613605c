"""Finding organization folders and the YAML files in them."""

from __future__ import annotations

import os
from collections.abc import Iterable

ORGANIZATION_FILE = "organization.yaml"


def organization_home(path: str) -> str | None:
    """The organization folder this file or folder belongs to (the folder holding
    organization.yaml: itself or above), if any."""
    current = os.path.abspath(path if os.path.isdir(path) else os.path.dirname(path) or ".")
    while True:
        if os.path.isfile(os.path.join(current, ORGANIZATION_FILE)):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def organization_folders(paths: Iterable[str]) -> list[str]:
    """Folders that hold an organization, for a path that is a tree of several."""
    found = []
    for path in paths:
        if os.path.isdir(path) and organization_home(path) is None:
            before = len(found)
            for root, dirs, files in os.walk(path):
                dirs.sort()
                if ORGANIZATION_FILE in files:
                    found.append(root)
                    dirs.clear()
            if len(found) == before:  # not one organization: load() reports the folder
                found.append(path)
        else:
            found.append(path)
    return found


def yaml_files(folder: str) -> list[str]:
    result = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        result += [os.path.join(root, n) for n in sorted(files) if n.endswith((".yaml", ".yml"))]
    return result


def display(path: str) -> str:
    """Paths in messages: relative to the current folder when inside it."""
    relative = os.path.relpath(os.path.abspath(path))
    return path if relative.startswith("..") else relative
