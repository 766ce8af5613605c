"""`prikaz schema`: the JSON Schema an editor checks content with agrees with the loader.

The schema is learnt from the loader's readers (generator/schema.py), so these tests hold
it to what the loader does: every file the loader reads is valid, every file the loader
refuses for a reason one file can show (an unknown key, a wrong type, a bad value) is
invalid. Files are read as an editor reads them: YAML 1.2 (`427` is a number, `true` a
boolean, `yes` a string), dates as strings, anchors expanded.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
import json
from pathlib import Path

import jsonschema
import pytest
from conftest import CONTENT, ROOT, run_prikaz
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, ScalarEvent

from generator.editor_schema import MODELINE, SCHEMA_FILE, content_schema, with_schema
from generator.errors import ContentError
from generator.load import read_document
from generator.starter import starter_files
from generator.yamlnodes import parse

BAD = ROOT / "tests" / "bad_input"
LEGIT = ROOT / "tests" / "legit_input"
# What the loader reports from one file's own content: the schema must refuse those too.
ONE_FILE_CODES = {
    "key-unknown",
    "key-missing",
    "type-mapping",
    "type-list",
    "type-string",
    "value-choice",
    "value-bool",
    "value-date",
    "value-id",
    "value-empty",
    "value-too-long",
    "value-year",
    "text-block-unknown",
    "format-missing",
    "format-unknown",
    "nesting-too-deep",
    "seal-value",
}


class _EditorConstructor(SafeConstructor):
    """YAML 1.2 as yaml-language-server reads it: no timestamps, a date is a string."""


_EditorConstructor.add_constructor("tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str)


# yaml-language-server's parser refuses aliases that stand for more than 100 values
# (maxAliasCount): an alias bomb is a parse error there, not a billion values.
MAX_ALIASES = 100


def editor_view(text: str):
    yaml = YAML(typ="safe", pure=True)
    yaml.Constructor = _EditorConstructor
    if _aliased_values(yaml.parse(io.StringIO(text))) > MAX_ALIASES:
        raise ValueError("excessive alias count")
    return yaml.load(io.StringIO(text))


def _aliased_values(events) -> int:
    """How many values the aliases of a YAML stream stand for, expanded."""
    sizes: dict[str, int] = {}
    stack = [[0, None]]  # values inside each open collection, and its anchor
    aliased = 0
    for event in events:
        if isinstance(event, AliasEvent):
            aliased += sizes.get(event.anchor, 1)
            stack[-1][0] += sizes.get(event.anchor, 1)
        elif isinstance(event, ScalarEvent):
            stack[-1][0] += 1
            if event.anchor:
                sizes[event.anchor] = 1
        elif isinstance(event, CollectionStartEvent):
            stack.append([1, event.anchor])
        elif isinstance(event, CollectionEndEvent):
            size, anchor = stack.pop()
            stack[-1][0] += size
            if anchor:
                sizes[anchor] = size
    return aliased


@functools.cache
def _validator() -> jsonschema.Draft7Validator:
    schema = content_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    return _validator()


def errors(validator, data) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in validator.iter_errors(data)]


def test_the_command_writes_the_schema(tmp_path):
    printed = run_prikaz("schema", cwd=tmp_path)
    assert printed.returncode == 0, printed.stderr
    schema = json.loads(printed.stdout)
    jsonschema.Draft7Validator.check_schema(schema)
    assert set(schema["properties"]["kind"]["enum"]) == {"organization", "order", "plan", "regulation"}
    written = run_prikaz("schema", "-o", "s.json", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    assert json.loads((tmp_path / "s.json").read_text(encoding="utf-8")) == schema


def test_every_key_is_described_in_russian():
    def properties(node):
        if isinstance(node, dict):
            for key, value in node.get("properties", {}).items():
                yield key, value
            for key, value in node.items():
                if key not in ("if", "then", "else"):  # conditions repeat keys described elsewhere
                    yield from properties(value)
        elif isinstance(node, list):
            for value in node:
                yield from properties(value)

    schema = content_schema()
    described = {}
    for key, value in properties(schema["definitions"]):
        if "$ref" in value:
            value = schema["definitions"][value["$ref"].rpartition("/")[2]]
        described[key] = value.get("description", "")
    missing = sorted(key for key, text in described.items() if not any("а" <= c <= "я" for c in text.lower()))
    assert not missing
    assert len(described) >= 60


def _yaml_files():
    files = sorted(CONTENT.glob("*/*.yaml")) + sorted(LEGIT.glob("*/*.yaml"))
    return [pytest.param(p, id=str(p.relative_to(ROOT))) for p in files]


@pytest.mark.parametrize("path", _yaml_files())
def test_every_bundled_file_is_valid(validator, path):
    assert errors(validator, editor_view(path.read_text(encoding="utf-8"))) == []


def test_the_files_of_init_are_valid_and_point_at_the_schema(validator):
    files = with_schema(starter_files(dt.date.today()))
    assert json.loads(files[SCHEMA_FILE]) == content_schema()
    for name, text in files.items():
        if name.endswith(".yaml"):
            assert text.startswith(f"{MODELINE}{SCHEMA_FILE}\n")
            assert errors(validator, editor_view(text)) == [], name


def test_imported_files_are_valid_and_point_at_the_schema(validator, built, tmp_path):
    folder = tmp_path / "imported"
    done = run_prikaz("import", str(built / "pogranichny" / "plan-msoko.docx"), "-o", str(folder))
    assert done.returncode == 0, done.stderr
    assert (folder / SCHEMA_FILE).is_file()
    yaml_files = sorted(folder.glob("*.yaml"))
    assert len(yaml_files) >= 2
    for path in yaml_files:
        text = path.read_text(encoding="utf-8")
        assert text.startswith(f"{MODELINE}{SCHEMA_FILE}\n")
        assert errors(validator, editor_view(text)) == [], path.name
    assert run_prikaz("check", str(folder)).returncode in (0, 1)  # loads: not 2


# --- the bad-input corpus ---------------------------------------------------------------------


def verdict(validator, case: Path) -> str:
    """ "parser" when an editor's YAML parser refuses a file, "schema" when the schema does,
    "accepted" when every file passes both."""
    found = "accepted"
    for path in sorted(case.glob("*.yaml")):
        try:
            data = editor_view(path.read_bytes().decode("utf-8"))
        except Exception:
            return "parser"
        if errors(validator, data):
            found = "schema"
    return found


BAD_CASES = sorted(p for p in BAD.iterdir() if p.is_dir())


def loader_code(case: Path) -> str:
    return (case / "expect.txt").read_text(encoding="utf-8").split()[0]


@pytest.mark.parametrize("case", [c for c in BAD_CASES if loader_code(c) in ONE_FILE_CODES], ids=lambda c: c.name)
def test_what_the_loader_refuses_in_one_file_the_schema_refuses(validator, case):
    assert verdict(validator, case) != "accepted"


def test_how_much_of_the_corpus_an_editor_underlines(validator):
    """The figures of docs/content-format.md («Подсказки редактора»)."""
    verdicts = {case.name: verdict(validator, case) for case in BAD_CASES}
    accepted = sorted(name for name, v in verdicts.items() if v == "accepted")
    cross_file = {
        c.name
        for c in BAD_CASES
        if loader_code(c) not in ONE_FILE_CODES and not loader_code(c).startswith(("yaml-", "char-", "not-utf8"))
    }
    # What only the loader sees: references between files, and YAML that is valid but refused
    # by prikaz (anchors and aliases, which an editor expands; standard tags like !!int).
    valid_yaml = {c.name for c in BAD_CASES if loader_code(c) in ("yaml-alias", "yaml-tag")}
    assert set(accepted) <= cross_file | valid_yaml
    assert len(BAD_CASES) - len(accepted) >= 45


# --- property: the schema and the loader agree on mutated documents ---------------------------


SCALARS = st.sampled_from(
    [
        "1",
        "plan",
        "numeric",
        "annex",
        "true",
        "no",
        "да",
        "2020-09-09",
        "2020-02-31",
        "2021",
        "",
        " ",
        "МОУО",
        "head",
        "p-1",
        "../x",
        "1.10",
        "–",
        "sha256:" + "a" * 64,
    ]
)


def structures(depth: int = 2):
    if depth == 0:
        return SCALARS
    inner = structures(depth - 1)
    keys = st.sampled_from(
        [
            "text",
            "title",
            "measures",
            "deadline",
            "responsible",
            "id",
            "number",
            "bullets",
            "marker",
            "heading",
            "lead",
            "label",
            "term",
            "definition",
            "clauses",
            "points",
            "from",
            "to",
            "sections",
            "name",
            "position",
            "x",
        ]
    )
    return SCALARS | st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3)


BASES = {name.split("-")[0]: editor_view(text) for name, text in starter_files(dt.date.today()).items()}
BASES["regulation"] = editor_view((CONTENT / "taimyr" / "regulation-msoko.yaml").read_text(encoding="utf-8"))


@st.composite
def mutated(draw):
    """A valid document with one value replaced, or one key added, somewhere inside."""
    document = copy.deepcopy(BASES[draw(st.sampled_from(sorted(BASES)))])
    node = document
    while True:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            break
        key = draw(st.sampled_from(keys))
        if not isinstance(node[key], dict | list) or draw(st.booleans()):
            break
        node = node[key]
    if isinstance(node, dict) and draw(st.booleans()):
        key = draw(st.sampled_from(["x", "text", "id", "number", "note", "measures", "points", "style"]))
    node[key] = draw(structures())
    return document


def loader_problems(document) -> list:
    text = json.dumps(document, ensure_ascii=False)  # JSON is YAML, every scalar a string
    problems: list = []
    try:
        read_document(parse(text, "mutated.yaml"), problems)
    except ContentError as e:
        problems = e.problems
    return problems


@settings(max_examples=300)
@given(mutated())
def test_schema_and_loader_agree_on_mutated_documents(document):
    document = json.loads(json.dumps(document, ensure_ascii=False, default=str))  # every scalar a string
    problems = loader_problems(document)
    schema_errors = errors(_validator(), document)
    if not problems:
        assert schema_errors == [], schema_errors
    elif {p.code for p in problems} & ONE_FILE_CODES:
        assert schema_errors, [str(p) for p in problems]
