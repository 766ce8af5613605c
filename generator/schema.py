"""Reading one YAML mapping into typed values, collecting problems instead of raising.

`Fields` wraps a mapping node: each accessor marks its key as known, reports wrong types
and missing values with the node's position, and `done()` reports every unknown key with
the nearest known one. Problems accumulate in a shared list, so a file shows all its
errors at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TypeVar

from .errors import Pos, Problem, suggestion
from .yamlnodes import Node

T = TypeVar("T")
_ID = re.compile(r"^[0-9A-Za-zА-Яа-яЁё][0-9A-Za-zА-Яа-яЁё_.-]{0,99}$")
# Names Windows gives to devices, with any extension: an id is a file name (output.py)
WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"{port}{n}" for port in ("COM", "LPT") for n in range(1, 10))}
_KIND_WORD = {"mapping": "набор полей", "list": "список", "string": "строка", "null": "пусто"}
MAX_VALUE = 20_000


class Fields:
    def __init__(self, node: Node, problems: list[Problem], where: str = ""):
        self.node = node
        self.problems = problems
        self.where = where
        self.ok = True
        self._known: set[str] = set()
        if node.kind != "mapping":
            self._report("type-mapping", node.pos, key=where or "документ", got=_KIND_WORD[node.kind])
            self.ok = False
            self.values: dict[str, Node] = {}
        else:
            self.values = node.value  # type: ignore[assignment]

    # --- accessors ---------------------------------------------------------------------

    def raw(self, key: str, required: bool = False) -> Node | None:
        self._known.add(key)
        node = self.values.get(key)
        if node is None or node.kind == "null":
            if required:
                pos = node.pos if node is not None else self.node.pos
                self._report("key-missing", pos, key=self._name(key))
            return None
        return node

    def str(self, key: str, required: bool = False, default: str | None = None) -> str | None:
        node = self.raw(key, required)
        if node is None:
            return default
        return string_of(node, self._name(key), self.problems)

    def choice(self, key: str, allowed: tuple[str, ...], default: str) -> str:
        value = self.str(key)
        if value is None:
            return default
        if value not in allowed:
            self._report(
                "value-choice", self.values[key].pos, key=self._name(key), value=value,
                allowed=", ".join(allowed),
            )
            return default
        return value

    def bool(self, key: str, default: bool) -> bool:
        value = self.str(key)
        if value is None:
            return default
        if value.lower() in ("true", "yes", "да"):
            return True
        if value.lower() in ("false", "no", "нет"):
            return False
        self._report("value-bool", self.values[key].pos, key=self._name(key), value=value)
        return default

    def date(self, key: str, required: bool = False) -> dt.date | None:
        value = self.str(key, required)
        if value is None:
            return None
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError
            return dt.date.fromisoformat(value)
        except ValueError:
            self._report("value-date", self.values[key].pos, key=self._name(key), value=value)
            return None

    def ident(self, key: str, required: bool = False) -> str | None:
        value = self.str(key, required)
        if value is not None and not _ID.match(value):
            self._report("value-id", self.values[key].pos, key=self._name(key), value=value)
            return None
        if value is not None and value.split(".")[0].upper() in WINDOWS_RESERVED:
            self._report("id-reserved", self.values[key].pos, key=self._name(key), value=value)
            return None
        return value

    def list(self, key: str, item: Callable[[Node], T | None], required: bool = False) -> tuple[T, ...]:
        node = self.raw(key, required)
        if node is None:
            return ()
        if node.kind != "list":
            self._report("type-list", node.pos, key=self._name(key), got=_KIND_WORD[node.kind])
            return ()
        results = (item(n) for n in node.value)  # type: ignore[union-attr]
        return tuple(r for r in results if r is not None)

    def strings(self, key: str, required: bool = False) -> tuple[str, ...]:
        name = self._name(key)
        node = self.raw(key, required)
        if node is not None and node.kind == "string":  # one value where a list is expected
            return (string_of(node, name, self.problems) or "",)
        return self.list(key, lambda n: string_of(n, name, self.problems), required)

    def sub(self, key: str, required: bool = False) -> Fields | None:
        node = self.raw(key, required)
        return None if node is None else Fields(node, self.problems, self._name(key))

    def pos(self, key: str | None = None) -> Pos:
        if key and key in self.values:
            return self.values[key].pos
        return self.node.pos

    # --- finishing ---------------------------------------------------------------------

    def done(self) -> None:
        for key, value in self.values.items():
            if key not in self._known:
                hint = suggestion(key, self._known)
                self._report("key-unknown", self.node.key_pos.get(key, value.pos), key=key, suggestion=hint)

    def _name(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def _report(self, code: str, pos: Pos, **args) -> None:
        self.problems.append(Problem(code, pos, args))


def string_of(node: Node, name: str, problems: list[Problem]) -> str | None:
    if node.kind != "string":
        problems.append(Problem("type-string", node.pos, {"key": name, "got": _KIND_WORD[node.kind]}))
        return None
    value: str = node.value  # type: ignore[assignment]
    if not value.strip():
        problems.append(Problem("value-empty", node.pos, {"key": name}))
        return None
    if len(value) > MAX_VALUE:
        problems.append(Problem("value-too-long", node.pos, {"key": name, "limit": MAX_VALUE}))
        return None
    return value
