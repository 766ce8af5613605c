"""Fuzzing: the loader, the deadline parser, diff and apply on input nobody planned for.

The promise is the same as for the hand-written corpus of tests/bad_input: content either
loads or is refused with problems that each name a file and a line — never any other
exception; the deadline parser reads any text without raising; diff and apply agree for
any two editions. The budget is the hypothesis profile (tests/conftest.py): "ci" by
default, a few seconds a target; `HYPOTHESIS_PROFILE=fuzz` for the long run
(docs/reliability.md). A crash found here becomes a case of tests/bad_input or a test below.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from generator import model as m
from generator.errors import MESSAGES, ContentError
from generator.load import load

TWICE = settings(max_examples=2 * settings.default.max_examples)  # the costlier targets: more cases
SOURCES = sorted(CONTENT.glob("*/*.yaml")) + sorted((ROOT / "tests" / "legit_input").glob("*/*.yaml"))
PRINTABLE = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗ ABCxyz0123456789.,;:!?«»\"'()[]{}<>&%№–—-_/\\ "
TEXT_FIELD = re.compile(r"^\s*(?:- )?(?:text|deadline|title|label|note|heading|lead|name): [^|>]")
HOSTILE = ":-?[]{},#&*!|>'\"%@`\t \n\r\\\x00\x07\x1b\x7f\x85\u00a0\u2028\u2029\ufeff\ufffe\U0001f600ё«»№"


# --- the loader ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    """Working copies of every organization folder the sources come from."""
    root = tmp_path_factory.mktemp("fuzz")
    for folder in {p.parent for p in SOURCES}:
        shutil.copytree(folder, root / folder.parent.name / folder.name)
    return root


def copy_of(work: Path, source: Path) -> Path:
    return work / source.parent.parent.name / source.parent.name / source.name


def loads_or_reports(paths: list[str]) -> list[m.Department] | None:
    """Load, then check what loaded; a refusal must carry located, printable problems."""
    try:
        departments = load(paths)
    except ContentError as e:
        for code in sorted({p.code for p in e.problems}):
            event(f"refused: {code}")
        assert e.problems
        for problem in e.problems:
            assert problem.code in MESSAGES, problem
            assert problem.pos.file and problem.pos.line >= 1 and problem.pos.column >= 1, str(problem)
            assert str(problem)  # the message formats with the arguments given
        return None
    from generator.check import check

    event("loaded")
    check(departments)  # `build` runs the checker on whatever loaded: it must not crash either
    return departments


def written(work: Path, source: Path, data: bytes) -> list[str]:
    target = copy_of(work, source)
    target.write_bytes(data)
    return [str(target.parent)]


MONTHS = (
    "январь января февраль февраля март марта апрель апреля май мая июнь июня июль июля август "
    "августа сентябрь сентября октябрь октября ноябрь ноября декабрь декабря"
).split()
WORDS = (
    MONTHS
    + (
        "до не позднее с по начиная ежегодно ежеквартально ежемесячно еженедельно ежедневно раз в "
        "квартал квартала кв полугодие полугодия четверть четверти год года г гг учебный учебного "
        "течение течении весь период постоянно по мере необходимости числа месяца плану "
        "I II III IV 1 2 3 4 15 31 32 0 00 2019 2020 2021 2024 202 20211 99999999999999999999 "
        "2020-2021 2021-2020 15.03.2021 31.02.2021 1.1.1 2020/2021 — – - , . ( ) ; :"
    ).split()
)


phrases = st.builds(
    lambda ws, gs: "".join(w + g for w, g in zip(ws, gs)).strip(),
    st.lists(st.sampled_from(WORDS) | st.text(st.sampled_from("0123456789.-–() "), max_size=6), max_size=10),
    st.lists(st.sampled_from([" ", "", ", ", "-", ".", "\n", "\u00a0", " – "]), min_size=10, max_size=10),
)


@st.composite
def mutations(draw) -> tuple[Path, bytes]:
    """A bundled content file with a few random edits of characters, lines and bytes."""
    source = draw(st.sampled_from(SOURCES))
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True) or [""]
    chars = st.sampled_from(HOSTILE) | st.characters()
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        op = draw(
            st.sampled_from(
                ["value"] * 6 + ["char", "insert", "delete", "duplicate", "swap", "indent", "dedent", "splice", "cut"]
            )
        )
        if op == "value":  # another text in a text field, quoted: the YAML stays valid
            texts = [k for k, t in enumerate(lines) if TEXT_FIELD.match(t)]
            if not texts:
                continue
            i = draw(st.sampled_from(texts))
            key = lines[i].split(": ", 1)[0]
            value = draw(phrases | st.text(st.sampled_from(PRINTABLE), min_size=1, max_size=30) | st.text(chars))
            lines[i] = f"{key}: {json.dumps(value, ensure_ascii=False)}\n"
        elif op == "char" and line:
            j = draw(st.integers(0, len(line) - 1))
            lines[i] = line[:j] + draw(chars) + line[j + 1 :]
        elif op == "insert":
            j = draw(st.integers(0, len(line)))
            lines[i] = line[:j] + draw(st.text(chars, max_size=8)) + line[j:]
        elif op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, line)
        elif op == "swap":
            k = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[k] = lines[k], lines[i]
        elif op == "indent":
            lines[i] = draw(st.sampled_from([" ", "  ", "\t", "- "])) + line
        elif op == "dedent":
            lines[i] = line.lstrip(" ")
        elif op == "splice":  # a line from another file: keys out of place
            other = draw(st.sampled_from(SOURCES)).read_text(encoding="utf-8").splitlines(keepends=True)
            lines.insert(i, other[draw(st.integers(0, len(other) - 1))])
        elif op == "cut":
            lines = lines[: i + 1]
    data = "".join(lines).encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 7)) == 0 and data:  # and sometimes a byte, breaking UTF-8 anywhere
        j = draw(st.integers(0, len(data) - 1))
        data = data[:j] + bytes([draw(st.integers(0, 255))]) + data[j + 1 :]
    return Mutation(source, data)


class Mutation:
    """A mutated file; printed as a diff, so a failing case is readable (and not 700 kB)."""

    def __init__(self, source: Path, data: bytes):
        self.source, self.data = source, data

    def __iter__(self):
        return iter((self.source, self.data))

    def __repr__(self) -> str:
        import difflib

        before = self.source.read_text(encoding="utf-8").splitlines()
        after = self.data.decode("utf-8", "backslashreplace").splitlines()
        changed = list(difflib.unified_diff(before, after, "", "", n=0, lineterm=""))[2:]
        return f"Mutation({self.source.relative_to(ROOT)}, {changed[:40]!r})"


@TWICE
@given(mutations())
def test_mutated_content_loads_or_is_refused_with_located_problems(work, case):
    source, data = case
    original = copy_of(work, source).read_bytes()
    try:
        loads_or_reports(written(work, source, data))
    finally:
        copy_of(work, source).write_bytes(original)


@given(
    st.binary(max_size=2000)
    | st.text(st.sampled_from(HOSTILE) | st.characters(), max_size=400).map(
        lambda t: t.encode("utf-8", "surrogatepass")
    )
)
@example(b"")
@example(b"\xef\xbb\xbf")
@example(b"format: 1\nkind: plan\n\x00")
@example("format: 1\nkind: plan\nid: p\ntitle: \ud800\nsections: []\n".encode("utf-8", "surrogatepass"))
def test_any_bytes_as_a_plan_file(work, data):
    source = CONTENT / "taimyr" / "regulation-msoko.yaml"
    original = copy_of(work, source).read_bytes()
    try:
        loads_or_reports(written(work, source, data))
    finally:
        copy_of(work, source).write_bytes(original)


# Structures with the format's own keys, so that the schema rather than YAML syntax is hit.
KEYS = (
    "format kind id title sections measures text deadline responsible number numbered passport label "
    "children note period columns numbering hierarchical trailing_dot table_title column_numbers "
    "responsible_separator signature position name edition follows illustrative chapters clauses "
    "definitions term definition bullets marker heading lead date signatory points preamble annexes "
    "document header printed_header amendment old new form reason table_per_section"
).split()
scalars = st.sampled_from(
    [
        "1",
        "plan",
        "regulation",
        "order",
        "organization",
        "true",
        "no",
        "2020-09-09",
        "2020-02-31",
        "2021",
        "",
        " ",
        "~",
        "null",
        "МОУО",
        "head",
        "p-1",
        "../x",
        "1.10",
    ]
) | st.text(st.sampled_from(HOSTILE) | st.characters(), max_size=20)


def structures(depth: int = 3):
    """Scalars, lists and mappings nested up to `depth` (explicit depth, not st.recursive)."""
    if depth == 0:
        return scalars
    inner = structures(depth - 1)
    return (
        scalars
        | st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), inner, max_size=5)
    )


@TWICE
@given(
    st.sampled_from(["plan", "regulation", "order"]), st.dictionaries(st.sampled_from(KEYS), structures(), max_size=8)
)
def test_yaml_structures_with_the_formats_keys(work, kind, fields):
    document = {"format": "1", "kind": kind, **fields}
    source = CONTENT / "novosibirsk" / "plan-2020-ed2.yaml"
    original = copy_of(work, source).read_bytes()
    data = json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogatepass")  # JSON is YAML
    try:
        loads_or_reports(written(work, source, data))
    finally:
        copy_of(work, source).write_bytes(original)


# --- the deadline parser -------------------------------------------------------------------


@given(phrases)
def test_deadline_parser_reads_plausible_phrases(phrase):
    from generator.deadlines import parse

    deadline = parse(phrase)
    assert deadline.understood in (True, False)
    for period in deadline.periods:
        assert period.start <= period.end or deadline.reversed_ranges, (phrase, period)


@pytest.fixture(scope="module")
def minimal():
    return load([str(ROOT / "tests" / "legit_input" / "minimal")])[0]


deadline_texts = phrases | st.text(st.sampled_from(HOSTILE + "0123456789оo.-") | st.characters(), max_size=60)


@given(deadline_texts)
@example("0 января 2021")  # found by the mutation fuzz: day 0 crashed the parser (ValueError)
@example("2020-2021 0 январь")
@example("2оо21")  # a lettered year with the letter doubled
@example("20٢١١ год")  # Arabic-Indic digits: \d matches them, int() reads them
def test_deadline_parser_and_its_rules_read_any_text(minimal, text):
    import dataclasses

    from generator.check import check
    from generator.deadlines import doubled_digit_year, parse, year_candidates

    deadline = parse(text)
    assert deadline.understood in (True, False)
    for typed in deadline.year_typos:  # what the checker feeds its guesses
        year_candidates(typed, 2019, 2025)
        doubled_digit_year(typed)
    plan = next(d for d in minimal.documents if isinstance(d, m.Plan))
    measure = dataclasses.replace(plan.sections[0].measures[0], deadline=text)
    section = dataclasses.replace(plan.sections[0], measures=(measure,))
    department = dataclasses.replace(minimal, documents=(dataclasses.replace(plan, sections=(section,)),))
    for finding in check([department]):
        assert str(finding)


# --- diff and apply, for any two editions ---------------------------------------------------

texts = st.text(st.sampled_from("абв где ёжз ABC 123 .,«»-\u00a0\n") | st.characters(), min_size=1, max_size=12)
ids = st.none() | st.sampled_from(["a", "b", "c"])


def unique_ids(items, key="id"):
    """Ids unique among siblings and cousins alike, as the loader requires."""
    seen: set[str] = set()

    def fix(node):
        import dataclasses

        if getattr(node, key, None) is not None:
            if node.id in seen:
                node = dataclasses.replace(node, id=None)
            else:
                seen.add(node.id)
        for name in ("children", "measures", "sections", "clauses", "chapters"):
            if hasattr(node, name):
                node = dataclasses.replace(node, **{name: tuple(fix(c) for c in getattr(node, name))})
        return node

    return fix(items)


def measures(depth: int = 2):
    leaf = st.builds(
        lambda t, d, u, i: m.Measure(text=(m.Paragraph(t),), deadline=d, responsible=tuple(u), id=i),
        texts,
        st.none() | texts,
        st.lists(texts, max_size=2),
        ids,
    )
    if depth == 0:
        return leaf
    return leaf | st.builds(
        lambda t, c, i: m.Measure(text=(m.Paragraph(t),), children=tuple(c), id=i),
        texts,
        st.lists(measures(depth - 1), max_size=3),
        ids,
    )


passports = st.builds(lambda label, t: m.PassportBlock(label=label, text=(m.Paragraph(t),)), texts, texts)


def sections(depth: int = 2):
    leaf = st.builds(
        lambda t, ms, ps, i: m.Section(title=t, measures=tuple(ms), passport=tuple(ps), id=i),
        texts,
        st.lists(measures(), max_size=4),
        st.lists(passports, max_size=1),
        ids,
    )
    if depth == 0:
        return leaf
    return leaf | st.builds(
        lambda t, ms, ss: m.Section(title=t, measures=tuple(ms), sections=tuple(ss)),
        texts,
        st.lists(measures(), max_size=2),
        st.lists(sections(depth - 1), max_size=2),
    )


def clauses(depth: int = 2):
    leaf = st.builds(lambda t, i: m.Clause(text=(m.Paragraph(t),), id=i), texts, ids)
    if depth == 0:
        return leaf
    return leaf | st.builds(
        lambda t, cs: m.Clause(text=(m.Paragraph(t),), clauses=tuple(cs)),
        texts,
        st.lists(clauses(depth - 1), max_size=3),
    )


plans = st.builds(
    lambda t, ss: unique_ids(m.Plan(id="p", title=t, sections=tuple(ss))),
    texts,
    st.lists(sections(), min_size=1, max_size=3),
)
regulations = st.builds(
    lambda t, chs: unique_ids(m.Regulation(id="r", title=t, chapters=tuple(chs))),
    texts,
    st.lists(
        st.builds(
            lambda t, cs, i: m.Chapter(title=t, clauses=tuple(cs), id=i), texts, st.lists(clauses(), max_size=4), ids
        ),
        min_size=1,
        max_size=3,
    ),
)


@given(st.one_of(st.tuples(plans, plans), st.tuples(regulations, regulations)))
def test_apply_inverts_diff_for_unrelated_editions(pair):
    from generator.amend import wording
    from generator.diff import apply, diff
    from generator.editions import carry_numbers, path_numbers

    old, new = pair
    result = diff(old, new)
    assert apply(old, result.changes) == new
    numbers = path_numbers(old)
    wording(old, new, result, numbers, carry_numbers(numbers, result, new))  # the amending words: no crash


# --- crashes found by fuzzing, kept as regressions ---------------------------------------------


def test_day_zero_in_a_deadline_is_a_warning_not_a_crash(tmp_path):
    """«0 января 2021» crashed `check` and `build` with ValueError (internal error, exit 70)."""
    from conftest import run_prikaz

    folder = tmp_path / "org"
    shutil.copytree(ROOT / "tests" / "legit_input" / "minimal", folder)
    plan = folder / "plan.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("deadline: Март 2020", "deadline: 0 января 2021"), encoding="utf-8"
    )
    result = run_prikaz("check", str(folder))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "[deadline-unclear]" in result.stdout and "0 января" in result.stdout
