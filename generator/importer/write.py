"""Content dicts → YAML text of the content format (the writer of `generator/dump.py`)."""

from __future__ import annotations

from ..dump import to_yaml

__all__ = ["to_yaml"]
