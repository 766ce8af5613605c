"""Reading one YAML mapping into typed values, collecting problems instead of raising.

`Fields` wraps a mapping node: each accessor marks its key as known, reports wrong types
and missing values with the node's position, and `done()` reports every unknown key with
the nearest known one. Problems accumulate in a shared list, so a file shows all its
errors at once.

The same code describes the format to editors: run on a `Probe` instead of a document,
each accessor records what it would accept (a JSON Schema) instead of reading, and
`explore` learns what a reading function accepts by running it on probes of each kind.
editor_schema.py assembles the records into `prikaz schema`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from .errors import Pos, Problem, suggestion
from .yamlnodes import _INVALID_CHARS as INVALID_CHARS  # what a value may not hold
from .yamlnodes import _NO_KEYS, Node

T = TypeVar("T")
_ID = re.compile(r"^[0-9A-Za-zА-Яа-яЁё][0-9A-Za-zА-Яа-яЁё_.-]{0,99}$")
# Names Windows gives to devices, with any extension: an id is a file name (output.py)
WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"{port}{n}" for port in ("COM", "LPT") for n in range(1, 10))}
_KIND_WORD = {"mapping": "набор полей", "list": "список", "string": "строка", "null": "пусто"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TRUE, _FALSE = ("true", "yes", "да"), ("false", "no", "нет")
MAX_VALUE = 20_000


class Fields:
    def __init__(self, node: Node, problems: list[Problem], where: str = ""):
        self.node = node
        self.problems = problems
        self.where = where
        self.ok = True
        self._known: set[str] = set()
        # Reading a probe records a schema instead (see Probe).
        self.shape: Shape | None = node.shape if isinstance(node, Probe) and node.kind == "mapping" else None
        if node.kind != "mapping":
            self._report("type-mapping", node.pos, key=where or "документ", got=_KIND_WORD[node.kind])
            self.ok = False
            self.values: dict[str, Node] = {}
        else:
            self.values = node.value  # type: ignore[assignment]

    # --- accessors ---------------------------------------------------------------------

    def raw(self, key: str, required: bool = False) -> Node | None:
        self._known.add(key)
        if self.shape is not None:  # a reader that looks at the node itself: any value
            self.shape.add(key, self._name(key), {}, required)
            return None
        node = self.values.get(key)
        if node is None or node.kind == "null":
            if required:
                pos = node.pos if node is not None else self.node.pos
                self._report("key-missing", pos, key=self._name(key))
            return None
        return node

    def string(self, key: str, required: bool = False, default: str | None = None) -> str | None:
        if self.shape is not None:
            return self._record(key, scalar_schema(blank=False), required, default)
        node = self.raw(key, required)
        if node is None:
            return default
        return string_of(node, self._name(key), self.problems)

    def choice(self, key: str, allowed: tuple[str, ...], default: str, required: bool = False) -> str:
        if self.shape is not None:
            return self._record(key, {"enum": list(allowed)}, required, default)
        value = self.string(key, required)
        if value is None:
            return default
        if value not in allowed:
            self._report(
                "value-choice",
                self.values[key].pos,
                key=self._name(key),
                value=value,
                allowed=", ".join(allowed),
            )
            return default
        return value

    def flag(self, key: str, default: bool) -> bool:
        if self.shape is not None:
            words = [w for word in (*_TRUE, *_FALSE) for w in dict.fromkeys((word, word.capitalize(), word.upper()))]
            return self._record(key, {"anyOf": [{"type": "boolean"}, {"enum": words}]}, False, default)
        value = self.string(key)
        if value is None:
            return default
        if value.lower() in _TRUE:
            return True
        if value.lower() in _FALSE:
            return False
        self._report("value-bool", self.values[key].pos, key=self._name(key), value=value)
        return default

    def date(self, key: str, required: bool = False) -> dt.date | None:
        if self.shape is not None:
            return self._record(key, {"type": "string", "pattern": _DATE.pattern, "format": "date"}, required, None)
        value = self.string(key, required)
        if value is None:
            return None
        try:
            if not _DATE.fullmatch(value):
                raise ValueError
            return dt.date.fromisoformat(value)
        except ValueError:
            self._report("value-date", self.values[key].pos, key=self._name(key), value=value)
            return None

    def ident(self, key: str, required: bool = False) -> str | None:
        if self.shape is not None:  # an id like 2020 is a number to an editor, a string to us
            schema = {"anyOf": [{"type": "string", "pattern": _ID.pattern}, {"type": "number"}]}
            return self._record(key, schema, required, None)
        value = self.string(key, required)
        if value is not None and not _ID.match(value):
            self._report("value-id", self.values[key].pos, key=self._name(key), value=value)
            return None
        if value is not None and value.split(".")[0].upper() in WINDOWS_RESERVED:
            self._report("id-reserved", self.values[key].pos, key=self._name(key), value=value)
            return None
        return value

    def items(self, key: str, item: Callable[[Node], T | None], required: bool = False) -> tuple[T, ...]:
        if self.shape is not None:
            schema = {"type": "array", "items": explore(item, item, self.problems, self._name(key))}
            return self._record(key, schema, required, ())
        node = self.raw(key, required)
        if node is None:
            return ()
        return list_items(node, item, self._name(key), self.problems)

    def strings(self, key: str, required: bool = False, count: int | None = None) -> tuple[str, ...]:
        """A list of strings (one string is a list of one), of exactly `count` if given."""
        name = self._name(key)
        if self.shape is not None:
            one = scalar_schema(blank=False)
            many: dict = {"type": "array", "items": one}
            if count is not None:  # an empty list is as good as none
                sizes = [{"maxItems": 0}, {"minItems": count, "maxItems": count}]
                return self._record(key, {**many, "anyOf": sizes}, required, ())
            return self._record(key, {"anyOf": [one, many]}, required, ())
        node = self.raw(key, required)
        if node is not None and node.kind == "string":  # one value where a list is expected
            values: tuple[str, ...] = (string_of(node, name, self.problems) or "",)
        else:
            values = self.items(key, lambda n: string_of(n, name, self.problems), required)
        if count is not None and values and len(values) != count:
            self._report("value-choice", self.pos(key), key=name, value=f"{len(values)} шт.", allowed=f"ровно {count}")
            return ()
        return values

    def matching(self, key: str, pattern: re.Pattern, code: str, required: bool = False) -> str | None:
        """A string that must match `pattern` (a year), else `code` is reported."""
        if self.shape is not None:
            schema = {"anyOf": [{"type": "string", "pattern": pattern.pattern}, {"type": "number"}]}
            return self._record(key, schema, required, None)
        node = self.raw(key, required)
        return None if node is None else string_matching(node, self._name(key), self.problems, pattern, code)

    def sub(self, key: str, required: bool = False) -> Fields | None:
        if self.shape is not None:
            shape = Shape()
            probe = Probe({}, self.node.pos, shape=shape)
            self.shape.add(key, self._name(key), shape, required)
            return Fields(probe, self.problems, self._name(key))
        node = self.raw(key, required)
        return None if node is None else Fields(node, self.problems, self._name(key))

    def read(
        self,
        key: str,
        reader: Callable[[Node, str, list[Problem]], T | None],
        required: bool = False,
        default: T | None = None,
    ) -> T | None:
        """The value of `key` as `reader(node, name, problems)` makes it (text, a literal)."""
        name = self._name(key)
        if self.shape is not None:
            schema = explore(reader, lambda n: reader(n, name, self.problems), self.problems, name)
            return self._record(key, schema, required, default)
        node = self.raw(key, required)
        if node is None:
            return default
        return reader(node, name, self.problems)

    def entries(self, key: str, reader: Callable[[str, Pos, Node], T | None]) -> tuple[tuple[str, T], ...]:
        """A mapping of the user's own keys (signatories, seals): (key, reader(key, key's position, value))."""
        sub = self.sub(key)
        if sub is None or not sub.ok:
            return ()
        if sub.shape is not None:
            sub.shape.more = explore(reader, lambda n: reader("*", n.pos, n), self.problems, self._name(key))
            return ()
        result = []
        for name, node in sub.values.items():
            value = reader(name, sub.node.key_pos.get(name, node.pos), node) if node.kind != "null" else None
            if value is not None:
                result.append((name, value))
        return tuple(result)

    def variant(self, makers: dict[str, Callable[[], T]]) -> T | None:
        """What the maker of the first key present makes (a text block is a list, a heading or a lead)."""
        if self.shape is None:
            key = next((k for k in makers if k in self.values), None)
            return makers[key]() if key is not None else None
        outer, made = self.shape, None
        for make in makers.values():
            self.shape = Shape()
            made = make()
            outer.variants.append(self.shape)
        self.shape = outer
        return made

    def required_unless(self, key: str) -> bool:
        """For `required=`: a key needed only when `key` is not given (an amending order's title)."""
        if self.shape is not None:
            return Unless(key)  # type: ignore[return-value]
        node = self.values.get(key)
        return node is None or node.kind == "null"

    def pos(self, key: str | None = None) -> Pos:
        if key and key in self.values:
            return self.values[key].pos
        return self.node.pos

    # --- finishing ---------------------------------------------------------------------

    def done(self) -> None:
        if self.shape is not None:
            self.shape.closed = True
        for key, value in self.values.items():
            if key not in self._known:
                hint = suggestion(key, self._known)
                self._report("key-unknown", self.node.key_pos.get(key, value.pos), key=key, suggestion=hint)

    def _name(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def _report(self, code: str, pos: Pos, **args) -> None:
        self.problems.append(Problem(code, pos, args))

    def _record(self, key: str, schema: dict, required: bool, value: Any) -> Any:
        self._known.add(key)
        self.shape.add(key, self._name(key), schema, required)  # type: ignore[union-attr]
        return value


def list_items(node: Node, item: Callable[[Node], T | None], name: str, problems: list[Problem]) -> tuple[T, ...]:
    """Each item of a list read by `item`, those that could be read."""
    if node.kind != "list":
        problems.append(Problem("type-list", node.pos, {"key": name, "got": _KIND_WORD[node.kind]}))
        return ()
    if isinstance(node, Probe):
        node.items = explore(item, item, problems, name)
        return ()
    results = (item(n) for n in node.value)  # type: ignore[union-attr]
    return tuple(r for r in results if r is not None)


def string_matching(node: Node, name: str, problems: list[Problem], pattern: re.Pattern, code: str) -> str | None:
    """A string that must match `pattern`, else `code` is reported (a seal's checksum)."""
    if isinstance(node, Probe) and node.kind == "string":
        node.pattern = pattern.pattern
        return node.value  # type: ignore[return-value]
    value = string_of(node, name, problems)
    if value is not None and not pattern.match(value):
        problems.append(Problem(code, node.pos, {"key": name, "value": value[:80]}))
        return None
    return value


# --- what the reading code accepts, as JSON Schema ------------------------------------------


class Probe(Node):
    """A stand-in value: reading code run on it records what it accepts (explore)."""

    def __init__(self, value: object, pos: Pos, shape: Shape | None = None) -> None:
        super().__init__(value, pos, {} if isinstance(value, dict) else _NO_KEYS)
        self.shape = shape  # a mapping's record
        self.items: dict | None = None  # a list's items, as their reader accepts them
        self.pattern: str | None = None  # a string's pattern, where the reader checks one


@dataclass(frozen=True)
class Unless:
    """What `required_unless` records: required when `key` is absent."""

    key: str


class Shape:
    """The record of one mapping: its keys' schemas, which are required, whether others are refused."""

    def __init__(self) -> None:
        self.properties: dict[str, tuple[str, dict | Shape, bool | Unless]] = {}
        self.closed = False
        self.variants: list[Shape] = []  # one of these sets of keys (variant)
        self.more: dict | None = None  # the schema of every value, for a mapping of the user's keys

    def add(self, key: str, name: str, schema: dict | Shape, required: bool | Unless) -> None:
        self.properties[key] = (name, schema, required)

    def schema(self) -> dict:
        if self.variants:
            return {"oneOf": [self._merged(v).schema() for v in self.variants]}
        result: dict = {"type": "object", "properties": {}}
        for key, (name, schema, required) in self.properties.items():
            value = schema.schema() if isinstance(schema, Shape) else schema
            result["properties"][key] = {"x-name": name, **(value if required is True else nullable(value))}
        required = [key for key, (_, _, needed) in self.properties.items() if needed is True]
        if required:
            result["required"] = required
        unless: dict[str, list[str]] = {}
        for key, (_, _, needed) in self.properties.items():
            if isinstance(needed, Unless):
                unless.setdefault(needed.key, []).append(key)
        if unless:
            result["allOf"] = [
                {
                    "if": {"required": [other], "properties": {other: {"not": {"type": "null"}}}},
                    "else": {"required": keys, "properties": {k: {"not": {"type": "null"}} for k in keys}},
                }
                for other, keys in unless.items()
            ]
        if self.more is not None:
            result["additionalProperties"] = self.more
        elif self.closed:
            result["additionalProperties"] = False
        return result

    def _merged(self, variant: Shape) -> Shape:
        merged = Shape()
        merged.properties = {**self.properties, **variant.properties}
        merged.closed = self.closed
        return merged


def scalar_schema(blank: bool) -> dict:
    """A value the loader reads as a string: to an editor's YAML 1.2 `427` is a number and `true`
    a boolean, to prikaz both are strings; a string must not be blank unless `blank`, nor hold
    a character that yamlnodes refuses (one an editor reads from an escape like "\\0")."""
    text: dict = {"type": "string", "maxLength": MAX_VALUE, "not": {"pattern": _escaped(INVALID_CHARS.pattern)}}
    if not blank:
        text["pattern"] = r"\S"
    return {"anyOf": [text, {"type": ["number", "boolean"]}]}


def _escaped(pattern: str) -> str:
    """A regular expression with every character outside printable ASCII as \\uXXXX, which
    both Python and the ECMAScript of editors read (and JSON keeps without raw controls)."""
    return "".join(c if " " <= c <= "~" else f"\\u{ord(c):04x}" for c in pattern)


def nullable(schema: dict) -> dict:
    """An optional key may be written empty (`key:`): the loader treats that as absent."""
    if "anyOf" in schema and len(schema) == 1:
        return {"anyOf": [*schema["anyOf"], {"type": "null"}]}
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    if "$ref" not in schema and isinstance(schema.get("type"), str) and schema["type"] != "string":
        return {**schema, "type": [schema["type"], "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


@dataclass
class Exploration:
    """Readers being explored (the stack of each), readers done, and the definitions made."""

    active: dict
    done: dict
    definitions: dict


# How deep a reader is explored inside itself before it is taken as recursive: deeper than
# any limit the readers check (load/shared.MAX_MEASURE_DEPTH), so that such a limit shows.
REENTRY = 4


EXPLORATION = Exploration({}, {}, {})


def start_exploration() -> Exploration:
    """A new record of definitions, for one schema."""
    global EXPLORATION
    EXPLORATION = Exploration({}, {}, {})
    return EXPLORATION


def explore(reader: Callable, call: Callable[[Node], object], problems: list[Problem], name: str) -> dict:
    """What `reader` accepts, learnt by calling `call` on a probe of each kind of YAML value.

    A kind is accepted when reading it reports no problem; the probes make every accessor
    record instead of read, so a mapping's keys, a list's items and a string's pattern are
    what the code asked for. A reader found again inside itself becomes a definition.
    """
    code = getattr(reader, "__code__", reader)
    state = EXPLORATION
    stack = state.active.setdefault(code, [])
    if len(stack) >= REENTRY:  # as deep as it goes: the innermost level refers to itself
        stack[-1][1] = True
        return {"$ref": f"#/definitions/{stack[-1][0]}"}
    if code in state.done:
        return state.done[code]
    definition = _definition_name(name, state)
    stack.append([definition, False])
    accepted = []
    for probe in (
        Probe("x", Pos("<schema>")),
        Probe({}, Pos("<schema>"), shape=Shape()),
        Probe([], Pos("<schema>")),
        Probe(None, Pos("<schema>")),
    ):
        before = len(problems)
        call(probe)
        if len(problems) == before:
            accepted.append(_accepted(probe, call, problems))
        del problems[before:]
    _, recursive = stack.pop()
    schema = accepted[0] if len(accepted) == 1 else {"anyOf": accepted} if accepted else {"not": {}}
    if recursive:
        state.definitions[definition] = schema
        schema = {"$ref": f"#/definitions/{definition}"}
    if getattr(reader, "__closure__", None) is None:  # a reader that depends on nothing but its node
        state.done[code] = schema
    return schema


def _accepted(probe: Probe, call: Callable[[Node], object], problems: list[Problem]) -> dict:
    if probe.kind == "mapping":
        return probe.shape.schema()  # type: ignore[union-attr]
    if probe.kind == "list":
        return {"type": "array", "items": probe.items if probe.items is not None else {}}
    if probe.kind == "null":
        return {"type": "null"}
    if probe.pattern is not None:
        return {"type": "string", "pattern": probe.pattern}
    before = len(problems)
    call(Probe(" ", probe.pos))  # is a blank string accepted too (a marker, a separator)?
    blank = len(problems) == before
    del problems[before:]
    return scalar_schema(blank)


def _definition_name(name: str, state: Exploration) -> str:
    base = name.rpartition(".")[2] or "value"
    taken = {n for stack in state.active.values() for n, _ in stack} | set(state.definitions)
    return next(f"{base}{i or ''}" for i in range(len(taken) + 1) if f"{base}{i or ''}" not in taken)


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
