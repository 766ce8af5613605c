"""YAML text → a tree of positioned nodes, at C speed, refusing what content never needs.

Every scalar stays a string (no implicit ints, floats, booleans or dates: «1.10» is
«1.10»); the loader decides what a field means. Anchors, aliases and tags are refused, so
an alias bomb cannot explode, and duplicate keys are reported with both lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ruamel.yaml.cyaml import CParser
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, NodeEvent
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import BaseResolver

from .errors import ContentError, Pos, Problem

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 40
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
# Characters Word XML cannot hold, plus tab and CR, which content never needs in a value.
_INVALID_CHARS = re.compile("[\x00-\x09\x0b-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass
class Node:
    """A YAML value with its position: a dict of Nodes, a list of Nodes, a str or None."""

    value: object
    pos: Pos
    key_pos: dict[str, Pos] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        if isinstance(self.value, dict):
            return "mapping"
        if isinstance(self.value, list):
            return "list"
        return "null" if self.value is None else "string"


class _Composer(CParser, BaseResolver):
    """libyaml's composer without implicit resolvers: every scalar is a str."""

    def __init__(self, stream: str):
        CParser.__init__(self, stream)
        BaseResolver.__init__(self)


def read_file(path: str, display: str) -> Node:
    """Read, decode and compose one YAML file; raise ContentError with positions."""
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        raise ContentError([Problem("file-unreadable", Pos(display), {"reason": e.strerror})])
    if len(data) > MAX_FILE_BYTES:
        size = "более " + str(MAX_FILE_BYTES // (1024 * 1024))
        args = {"size": size, "limit": MAX_FILE_BYTES >> 20}
        raise ContentError([Problem("file-too-large", Pos(display, 1, 1), args)])
    return parse(_decode(data, display), display)


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
    try:
        problems = _scan(text, display)
        root = None if problems else _Composer(text).get_single_node()
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        if mark and e.context_mark and mark.index >= len(text):
            mark = e.context_mark  # an unclosed quote or bracket: where it was opened
        pos = Pos(display, mark.line + 1, mark.column + 1) if mark else Pos(display)
        if "expected a single document" in (e.context or ""):
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
    node = _convert(root, display, problems, set(), 0)
    if problems:
        raise ContentError(problems)
    return node


def _scan(text: str, display: str) -> list[Problem]:
    """Anchors and nesting depth, from libyaml's events, before anything is composed.

    Composing follows aliases and recurses in C: an anchor is reported where it is written
    (also one no alias uses), and a structure too deep for that recursion never reaches it.
    """
    problems: list[Problem] = []
    parser = CParser(text)
    depth = 0
    while parser.check_event():
        event = parser.get_event()
        if isinstance(event, CollectionEndEvent):
            depth -= 1
        elif isinstance(event, NodeEvent):
            pos = Pos(display, event.start_mark.line + 1, event.start_mark.column + 1)
            if depth > MAX_DEPTH:
                problems.append(Problem("yaml-too-deep", pos, {"limit": MAX_DEPTH}))
                break
            if event.anchor is not None and not isinstance(event, AliasEvent):
                problems.append(Problem("yaml-alias", pos))
            if isinstance(event, CollectionStartEvent):
                depth += 1
    return problems


def _convert(node, display: str, problems: list[Problem], seen: set[int], depth: int) -> Node:
    pos = Pos(display, node.start_mark.line + 1, node.start_mark.column + 1)
    if id(node) in seen:
        problems.append(Problem("yaml-alias", pos))
        return Node(None, pos)
    seen.add(id(node))
    if depth > MAX_DEPTH:
        problems.append(Problem("yaml-too-deep", pos, {"limit": MAX_DEPTH}))
        return Node(None, pos)
    if node.tag not in _STANDARD_TAGS:
        problems.append(Problem("yaml-tag", pos, {"tag": node.tag}))
        return Node(None, pos)
    if isinstance(node, ScalarNode):
        return _scalar(node, pos, problems)
    if isinstance(node, SequenceNode):
        items = [_convert(n, display, problems, seen, depth + 1) for n in node.value]
        return Node(items, pos)
    assert isinstance(node, MappingNode)
    return _mapping(node, pos, display, problems, seen, depth)


def _scalar(node: ScalarNode, pos: Pos, problems: list[Problem]) -> Node:
    value = node.value
    if value in ("", "~", "null") and not node.style:  # plain: libyaml gives "", not None
        return Node(None, pos)
    bad = _INVALID_CHARS.search(value)
    if bad:
        char = f"U+{ord(bad.group()):04X}"
        problems.append(Problem("char-invalid", pos, {"char": char, "offset": bad.start() + 1}))
    return Node(value, pos)


def _mapping(node, pos, display, problems, seen, depth) -> Node:
    result: dict[str, Node] = {}
    key_pos: dict[str, Pos] = {}
    for key_node, value_node in node.value:
        kpos = Pos(display, key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        if not isinstance(key_node, ScalarNode) or key_node.tag not in _STANDARD_TAGS:
            problems.append(Problem("yaml-complex-key", kpos))
            continue
        key = key_node.value
        if key in result:
            args = {"key": key, "first_line": key_pos[key].line}
            problems.append(Problem("yaml-duplicate-key", kpos, args))
            continue
        key_pos[key] = kpos
        result[key] = _convert(value_node, display, problems, seen, depth + 1)
    return Node(result, pos, key_pos)


# libyaml speaks English; the few messages a person typing YAML meets, in Russian.
_PHRASES = [
    ("found character that cannot start any token", "символ, с которого не может начинаться значение (табуляция? используйте пробелы)"),
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
    ("block sequence entries are not allowed in this context", "элемент списка «-» здесь недопустим: проверьте отступы"),
    ("could not find expected ':'", "не найдено ожидаемое «:»"),
    ("found unexpected ':'", "неожиданное «:»: значение с двоеточием заключите в кавычки"),
    ("found incompatible YAML document", "несовместимая версия YAML"),
    ("control characters are not allowed", "управляющие символы недопустимы"),
    ("did not find expected comment or line break", "лишний текст после значения: после кавычки или скобки ожидается конец строки"),
    ("did not find expected alphabetic or numeric character", "после «&» или «*» ожидается имя якоря: текст заключите в кавычки"),
    ("did not find expected hexdecimal number", "после «\\x», «\\u» или «\\U» ожидаются шестнадцатеричные цифры"),
    ("found invalid Unicode character escape code", "escape-последовательность задаёт недопустимый символ"),
    ("found unexpected document indicator", "строка «---» или «...» внутри значения в кавычках (не закрыта кавычка?)"),
    ("did not find expected <document start>", "текст после конца документа («...»): проверьте строки «---» и «...»"),
    ("found an indentation indicator equal to 0", "отступ после «|» или «>» — от 1 до 9"),
    ("mapping keys are not allowed in this context", "«?» здесь недопустим: заключите значение в кавычки"),
    # «%» at the start of a line begins a directive, «!» a tag: in text, quotes are needed
    ("directive", "строка, начинающаяся с «%», — директива YAML: заключите значение в кавычки"),
    ("found unexpected non-alphabetical character", "строка, начинающаяся с «%», — директива YAML: заключите значение в кавычки"),
    ("version number", "строка, начинающаяся с «%», — директива YAML: заключите значение в кавычки"),
    ("did not find expected whitespace", "после тега «!…» или директивы «%…» ожидается пробел: текст заключите в кавычки"),
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
