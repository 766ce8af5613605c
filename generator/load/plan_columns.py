"""Readers of a plan's table columns (generator/columns.py) and of their values in a row."""

from __future__ import annotations

import dataclasses

from .. import model as m
from ..columns import BUILTIN, MEASURE_KEYS, ROLES, value_problem
from ..errors import Pos, Problem
from ..schema import Fields, explore, list_items, scalar_schema, string_of
from ..yamlnodes import Node


def read_columns(f: Fields) -> tuple[m.Column, ...]:
    """Either the short form (the four headers of the default table) or a list of columns
    with roles (generator/columns.py)."""
    if f.shape is not None:  # the editor's schema: four titles, or columns with roles
        titles = {"type": "array", "items": scalar_schema(blank=False), "minItems": 4, "maxItems": 4}
        roles = {
            "type": "array",
            "minItems": 1,
            "items": explore(_column, lambda n: _column(n, f.problems), f.problems, "columns"),
        }
        return f._record(
            "columns", {"anyOf": [titles, roles, {"type": "array", "maxItems": 0}]}, False, m.DEFAULT_COLUMNS
        )
    return f.read("columns", _column_list) or m.DEFAULT_COLUMNS


def _column_list(node: Node, name: str, problems: list[Problem]) -> tuple[m.Column, ...] | None:
    items = list_items(
        node, lambda n: string_of(n, name, problems) if n.kind == "string" else _column(n, problems), name, problems
    )
    if not items:
        return None
    if all(isinstance(item, str) for item in items):
        if len(items) != 4:
            problems.append(
                Problem(
                    "value-choice",
                    node.pos,
                    {
                        "key": name,
                        "value": f"{len(items)} шт.",
                        "allowed": "ровно 4 заголовка или список столбцов с ролями (role)",
                    },
                )
            )
            return None
        return tuple(dataclasses.replace(c, title=t) for c, t in zip(m.DEFAULT_COLUMNS, items))
    if any(isinstance(item, str) for item in items):
        problems.append(
            Problem(
                "value-choice",
                node.pos,
                {
                    "key": name,
                    "value": "заголовки вперемешку со столбцами",
                    "allowed": "ровно 4 заголовка или список столбцов с ролями (role)",
                },
            )
        )
        return None
    return _checked_columns(tuple(c for c in items if isinstance(c, m.Column)), node.pos, problems)


def _column(node: Node, problems: list[Problem]) -> m.Column | None:
    f = Fields(node, problems, "columns")
    if not f.ok:
        return None
    role = f.choice("role", tuple(ROLES), "", required=True)
    title = f.string("title")
    key = f.ident("key")
    width = _width(f)
    f.done()
    if f.shape is not None:
        return None  # the editor's schema is being learnt: the keys are recorded
    if not role:  # missing or not a role: reported by `choice`
        return None
    if role in BUILTIN:
        key = None
    elif key is None and role in ("custom", "quarter"):
        problems.append(Problem("column-key-missing", node.pos, {"role": role}))
        return None
    elif key is None:
        key = role
    if title is None and role == "custom":
        problems.append(Problem("column-title-missing", node.pos))
        return None
    return m.Column(role, title or ROLES[role].title, key, width, pos=node.pos)


def _width(f: Fields) -> float | None:
    value = f.string("width")
    if value is None:
        return None
    try:
        width = float(value.replace(",", "."))
    except ValueError:
        width = 0.0
    if not 0.5 <= width <= 20:
        f.problems.append(Problem("value-width", f.pos("width"), {"key": f._name("width"), "value": value}))
        return None
    return width


def _checked_columns(columns: tuple[m.Column, ...], pos: Pos, problems: list[Problem]) -> tuple[m.Column, ...] | None:
    ok = True
    seen_roles: set[str] = set()
    seen_keys: set[str] = set(MEASURE_KEYS)
    for column in columns:
        if column.role in BUILTIN:
            if column.role in seen_roles:
                problems.append(Problem("column-role-twice", column.pos, {"role": column.role}))
                ok = False
            seen_roles.add(column.role)
        elif column.key in seen_keys:
            problems.append(Problem("column-key-taken", column.pos, {"key": column.key}))
            ok = False
        else:
            seen_keys.add(column.key or "")
    if "measure" not in seen_roles:
        problems.append(Problem("column-measure-missing", pos))
        ok = False
    return columns if ok else None


def column_values(f: Fields, columns: tuple[m.Column, ...]) -> tuple[tuple[str, str], ...]:
    """The values of the plan's extra columns in a measure (or a section's total row).

    Their keys are the plan's own, so the editor's schema admits any further string value."""
    if f.shape is not None:
        f.shape.more = scalar_schema(blank=False)
    values = []
    for column in columns:
        if column.key is None:
            continue
        value = f.string(column.key)
        if value is not None and _valid_value(f, column, value):
            values.append((column.key, value))
    return tuple(values)


def _valid_value(f: Fields, column: m.Column, value: str) -> bool:
    code = value_problem(column.role, value)
    if code is not None:
        args = {"key": f._name(column.key or ""), "value": value}
        if code == "value-mark":
            args["marks"] = "«+», «х», «✓»"
        f.problems.append(Problem(code, f.pos(column.key), args))
    return code is None
