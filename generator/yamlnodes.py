"""YAML text → a tree of positioned nodes, at C speed, refusing what content never needs.

Every scalar stays a string (no implicit ints, floats, booleans or dates: «1.10» is
«1.10»); the loader decides what a field means. Anchors, aliases and tags are refused, so
an alias bomb cannot explode, and duplicate keys are reported with both lines.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import types
import unicodedata

from ruamel.yaml.cyaml import CParser
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from ruamel.yaml.reader import ReaderError

from .errors import ContentError, Pos, Problem

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 40
# Values per file: real content has one per 30 bytes or more (a 5 MB file ≈ 170,000); the
# bound keeps a file of many tiny nested lists within ~2 s and ~100 MB (docs/reliability.md).
MAX_NODES = 250_000
_STANDARD_TAGS = {
    "!",  # the non-specific tag of a quoted scalar
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_NODE_EVENTS = {ScalarEvent, MappingStartEvent, SequenceStartEvent, AliasEvent}
# Characters Word XML cannot hold, plus tab and CR, which content never needs in a value.
_INVALID_CHARS = re.compile("[\x00-\x09\x0b-\x1f\ufffe\uffff\ud800-\udfff]")


_NO_KEYS: dict[str, Pos] = types.MappingProxyType({})  # type: ignore[assignment]


class Node:
    """A YAML value with its position: a dict of Nodes, a list of Nodes, a str or None.

    Slots, and a key_pos dict of its own only for a mapping: a file may hold hundreds of
    thousands of values."""

    __slots__ = ("value", "pos", "key_pos")

    def __init__(self, value: object, pos: Pos, key_pos: dict[str, Pos] = _NO_KEYS):
        self.value = value
        self.pos = pos
        self.key_pos = key_pos

    def __repr__(self) -> str:
        return f"Node({self.value!r}, {self.pos!r})"

    @property
    def kind(self) -> str:
        if isinstance(self.value, dict):
            return "mapping"
        if isinstance(self.value, list):
            return "list"
        return "null" if self.value is None else "string"


def read_file(path: str, display: str) -> Node:
    """Read, decode and compose one YAML file; raise ContentError with positions."""
    try:
        # O_NONBLOCK: opening a FIFO named «….yaml» must not wait for a writer forever
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with open(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise ContentError([Problem("file-not-regular", Pos(display))])
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        raise ContentError([Problem("file-unreadable", Pos(display), {"reason": _read_failure(e)})])
    if len(data) > MAX_FILE_BYTES:
        size = "более " + str(MAX_FILE_BYTES // (1024 * 1024))
        args = {"size": size, "limit": MAX_FILE_BYTES >> 20}
        raise ContentError([Problem("file-too-large", Pos(display, 1, 1), args)])
    return parse(_decode(data, display), display)


_READ_FAILURES: dict[int | None, str] = {  # an OSError made without a code has errno None
    errno.EACCES: "нет прав на чтение",
    errno.EPERM: "нет прав на чтение",
    errno.ENOENT: "файл не найден",
    errno.EISDIR: "это папка, а не файл",
    errno.EIO: "ошибка ввода-вывода: диск неисправен или отключён",
}


def _read_failure(e: OSError) -> str:
    code = errno.errorcode.get(e.errno or 0, str(e.errno))
    return f"{_READ_FAILURES.get(e.errno, 'ошибка файловой системы')} ({code})"


def _decode(data: bytes, display: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        args = {"byte": f"0x{data[e.start]:02X}", "offset": e.start}
        raise ContentError([Problem("not-utf8", Pos(display, line, column), args)])
    return text.removeprefix("\ufeff")


def parse(text: str, display: str) -> Node:
    # One form of every letter before anything compares text: «й» typed as «и» + U+0306
    # (a Mac, a PDF copy) is the «й» of the registry, a duplicate is a duplicate.
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    try:
        root, problems = _compose(text, display)
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        if mark and e.context_mark and mark.index >= len(text):
            mark = e.context_mark  # an unclosed quote or bracket: where it was opened
        pos = Pos(display, mark.line + 1, mark.column + 1) if mark else Pos(display)
        if "expected a single document" in (e.context or "") or "expected <stream end>" in (e.problem or ""):
            raise ContentError([Problem("yaml-multiple-documents", pos)])
        problem = _translate(e.problem or e.context or "")
        raise ContentError([Problem("yaml-syntax", pos, {"problem": problem})])
    except ReaderError as e:  # a raw control character; its position counts UTF-8 bytes
        before = text.encode("utf-8")[: e.position]
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        pos = Pos(display, before.count(b"\n") + 1, column)
        problem = f"{_translate(e.reason)} (U+{e.character:04X})"
        raise ContentError([Problem("yaml-syntax", pos, {"problem": problem})])
    except Exception as e:  # libyaml reports some stream faults without a mark
        if "expected a single document" in str(e):
            raise ContentError([Problem("yaml-multiple-documents", Pos(display, 1, 1))])
        raise ContentError([Problem("yaml-syntax", Pos(display), {"problem": _translate(str(e))})])
    if problems:
        raise ContentError(problems)
    if root is None:
        raise ContentError([Problem("yaml-empty", Pos(display, 1, 1))])
    return root


class _Frame:
    """A mapping or list being filled while libyaml's events stream past."""

    __slots__ = ("node", "key", "key_pos", "drop")

    def __init__(self, node: Node):
        self.node = node
        self.key: str | None = None  # a mapping's key waiting for its value
        self.key_pos: Pos | None = None
        self.drop = False  # the value of a refused key: composed, then thrown away

    def wants_key(self) -> bool:
        return isinstance(self.node.value, dict) and self.key is None and not self.drop


def _compose(text: str, display: str) -> tuple[Node | None, list[Problem]]:
    """libyaml's events → Nodes in one pass, refusing anchors, aliases, tags and deep nesting.

    Composing ourselves (instead of libyaml's composer plus a conversion) reads the text
    once, never follows an alias, and cannot recurse: depth is a counter here.
    """
    problems: list[Problem] = []
    parser = CParser(text)
    stack: list[_Frame] = []
    root: Node | None = None
    documents = 0
    anchors: set[str] = set()
    nodes = 0
    while parser.check_event():
        event = parser.get_event()
        kind = type(event)
        if kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                mark = event.start_mark
                problems.append(Problem("yaml-multiple-documents", Pos(display, mark.line + 1, mark.column + 1)))
                break
            continue
        if kind is MappingEndEvent or kind is SequenceEndEvent:
            done = stack.pop()
            root = _attach(stack, done.node, problems) if stack else done.node
            continue
        if kind not in _NODE_EVENTS:
            continue
        mark = event.start_mark
        pos = Pos(display, mark.line + 1, mark.column + 1)
        if len(stack) > MAX_DEPTH:
            problems.append(Problem("yaml-too-deep", pos, {"limit": MAX_DEPTH}))
            return None, problems
        nodes += 1
        if nodes > MAX_NODES:
            problems.append(Problem("yaml-too-many-values", pos, {"limit": f"{MAX_NODES:,}".replace(",", " ")}))
            return None, problems
        if kind is AliasEvent:
            if event.anchor not in anchors:  # libyaml would say so when composing
                problems.append(Problem("yaml-syntax", pos, {"problem": _translate("found undefined alias")}))
            node = Node(None, pos)
        else:
            if event.anchor is not None:
                anchors.add(event.anchor)
                problems.append(Problem("yaml-alias", pos))
            if event.tag is not None and event.tag not in _STANDARD_TAGS:
                problems.append(Problem("yaml-tag", pos, {"tag": event.tag}))
            if kind is ScalarEvent:
                # a key is taken as written («~» and «» too); a value is checked and may be null
                node = Node(event.value, pos) if stack and stack[-1].wants_key() else _scalar(event, pos, problems)
            else:
                stack.append(_Frame(Node({}, pos, {}) if kind is MappingStartEvent else Node([], pos)))
                continue
        if stack:
            _attach(stack, node, problems)
        else:
            root = node
    return root, problems


def _attach(stack: list[_Frame], node: Node, problems: list[Problem]) -> Node:
    """Put a finished node into the collection on top of the stack; return that collection."""
    frame = stack[-1]
    parent = frame.node
    if isinstance(parent.value, list):
        parent.value.append(node)
        return parent
    mapping = parent.value
    assert isinstance(mapping, dict)  # a frame holds a list (above) or a mapping
    if frame.wants_key():
        if not isinstance(node.value, str):
            problems.append(Problem("yaml-complex-key", node.pos))
            frame.drop = True
            return parent
        frame.key, frame.key_pos = node.value, node.pos
        if frame.key in mapping:
            args = {"key": frame.key, "first_line": parent.key_pos[frame.key].line}
            problems.append(Problem("yaml-duplicate-key", node.pos, args))
            frame.key, frame.drop = None, True
        return parent
    if not frame.drop:
        # not waiting for a key nor dropping a value: the key and its position are set above
        assert frame.key is not None and frame.key_pos is not None
        mapping[frame.key] = node
        parent.key_pos[frame.key] = frame.key_pos
    frame.key, frame.key_pos, frame.drop = None, None, False
    return parent


def _scalar(event, pos: Pos, problems: list[Problem]) -> Node:
    value = event.value
    if not event.style and value in ("", "~", "null"):  # plain: libyaml gives "", not None
        return Node(None, pos)
    bad = _INVALID_CHARS.search(value)
    if bad:
        char = f"U+{ord(bad.group()):04X}"
        problems.append(Problem("char-invalid", pos, {"char": char, "offset": bad.start() + 1}))
    return Node(value, pos)


# libyaml speaks English; the few messages a person typing YAML meets, in Russian.
_PHRASES = [
    (
        "found character that cannot start any token",
        "символ, с которого не может начинаться значение (табуляция? используйте пробелы)",
    ),
    ("found a tab character", "символ табуляции: отступы делаются только пробелами"),
    ("mapping values are not allowed", "двоеточие здесь недопустимо: заключите значение в кавычки"),
    ("did not find expected key", "не найден ожидаемый ключ: проверьте отступы"),
    ("did not find expected '-' indicator", "не найден ожидаемый «-»: проверьте отступы списка"),
    ("did not find expected ',' or ']'", "не найдена «,» или «]»"),
    ("did not find expected ',' or '}'", "не найдена «,» или «}»"),
    ("did not find expected node content", "ожидалось значение"),
    ("found unexpected end of stream", "файл закончился внутри значения (не закрыта кавычка?)"),
    ("found undefined alias", "ссылка на неизвестный якорь"),
    ("found unknown escape character", "неизвестная escape-последовательность после «\\»"),
    (
        "block sequence entries are not allowed in this context",
        "элемент списка «-» здесь недопустим: проверьте отступы",
    ),
    ("could not find expected ':'", "не найдено ожидаемое «:»"),
    ("found unexpected ':'", "неожиданное «:»: значение с двоеточием заключите в кавычки"),
    ("found incompatible YAML document", "несовместимая версия YAML"),
    ("control characters are not allowed", "управляющие символы недопустимы"),
    (
        "did not find expected comment or line break",
        "лишний текст после значения: после кавычки или скобки ожидается конец строки",
    ),
    (
        "did not find expected alphabetic or numeric character",
        "после «&» или «*» ожидается имя якоря: текст заключите в кавычки",
    ),
    ("did not find expected hexdecimal number", "после «\\x», «\\u» или «\\U» ожидаются шестнадцатеричные цифры"),
    ("found invalid Unicode character escape code", "escape-последовательность задаёт недопустимый символ"),
    ("found unexpected document indicator", "строка «---» или «...» внутри значения в кавычках (не закрыта кавычка?)"),
    ("did not find expected <document start>", "текст после конца документа («...»): проверьте строки «---» и «...»"),
    ("found an indentation indicator equal to 0", "отступ после «|» или «>» — от 1 до 9"),
    ("mapping keys are not allowed in this context", "«?» здесь недопустим: заключите значение в кавычки"),
    # «%» at the start of a line begins a directive, «!» a tag: in text, quotes are needed
    ("directive", "строка, начинающаяся с «%», — директива YAML: заключите значение в кавычки"),
    (
        "found unexpected non-alphabetical character",
        "строка, начинающаяся с «%», — директива YAML: заключите значение в кавычки",
    ),
    ("version number", "строка, начинающаяся с «%», — директива YAML: заключите значение в кавычки"),
    (
        "did not find expected whitespace",
        "после тега «!…» или директивы «%…» ожидается пробел: текст заключите в кавычки",
    ),
    ("did not find expected '!'", "ошибка в теге «!…»: текст, начинающийся с «!», заключите в кавычки"),
    ("did not find the expected '>'", "ошибка в теге «!<…>»: текст, начинающийся с «!», заключите в кавычки"),
    ("tag URI", "ошибка в теге «!…»: текст, начинающийся с «!», заключите в кавычки"),
    ("URI escaped octet", "ошибка в теге «!…»: текст, начинающийся с «!», заключите в кавычки"),
    ("found undefined tag handle", "неизвестный тег «!…!»: текст, начинающийся с «!», заключите в кавычки"),
]


def _translate(problem: str) -> str:
    for english, russian in _PHRASES:
        if english in problem:
            return russian
    return problem or "неизвестная ошибка разбора"
