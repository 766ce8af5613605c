"""Content dicts → YAML text of the content format: `format: 1` first, every value a
double-quoted string, so nothing is read as a number, a date or a boolean."""

from __future__ import annotations

import json


def to_yaml(document: dict, comment: str | None = None) -> str:
    lines = [f"# {line}" for line in comment.splitlines()] if comment else []
    lines += _mapping(document, 0)
    return "\n".join(lines) + "\n"


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    # a JSON string is a valid YAML double-quoted scalar
    return json.dumps(str(value), ensure_ascii=False)


def _mapping(mapping: dict, indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for key, value in mapping.items():
        if value is None:
            continue
        if isinstance(value, dict):
            if not value:
                lines.append(f"{pad}{key}: {{}}")
                continue
            lines.append(f"{pad}{key}:")
            lines += _mapping(value, indent + 2)
        elif isinstance(value, list):
            if not value:
                lines.append(f"{pad}{key}: []")
                continue
            lines.append(f"{pad}{key}:")
            lines += _sequence(value, indent + 2)
        else:
            lines.append(f"{pad}{key}: {_scalar(value) if key != 'format' else value}")
    return lines


def _sequence(items: list, indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for item in items:
        if isinstance(item, dict):
            inner = _mapping(item, indent + 2)
            if not inner:
                lines.append(f"{pad}- {{}}")
                continue
            lines.append(f"{pad}- {inner[0].lstrip()}")
            lines += inner[1:]
        elif isinstance(item, list):
            lines.append(f"{pad}-")
            lines += _sequence(item, indent + 2)
        else:
            lines.append(f"{pad}- {_scalar(item)}")
    return lines
