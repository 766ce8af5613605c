"""Bad content: a clear Russian error at file:line:column, exit code 2, no traceback.

tests/bad_input/<NN-name>/ is an organization folder with exactly one thing wrong, and
expect.txt — «code file:line:column» of the error prikaz must report. Inputs too big to
commit (a file over the size limit, nesting deeper than any parser stack) are generated
here. tests/legit_input/<name>/ holds content that only looks dangerous (markup, bidi
marks, a long cell, numbers and booleans unquoted): it must build, printed as typed.

Every run is a subprocess with a time limit and an address-space limit, so an alias bomb
or a parser recursion shows up as a failed test rather than a stuck or swapping machine.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.errors import MESSAGES

HERE = Path(__file__).resolve().parent
BAD = HERE / "bad_input"
LEGIT = HERE / "legit_input"
PRIKAZ = Path(sys.executable).parent / "prikaz"
TIMEOUT = 20  # seconds, per run
MEMORY = 1 << 30  # bytes of address space, per run

BAD_CASES = sorted(p for p in BAD.iterdir() if p.is_dir())
LEGIT_CASES = sorted(p for p in LEGIT.iterdir() if p.is_dir())
# Cases also run through `prikaz build`, by name without the number.
BUILD_CASES = {
    "tab-indent",
    "duplicate-key",
    "alias-bomb",
    "binary-png",
    "key-unknown",
    "signatory-unknown",
    "duplicate-document-id",
    "organization-is-plan",
}
# The «возможно, имелось в виду …» a case's error must carry.
SUGGESTIONS = {
    "key-unknown": "возможно, имелось в виду «title»",
    "unit-unknown": "возможно, имелось в виду «Отдел образования»",
    "signatory-unknown": "возможно, имелось в виду «head»",
    "annex-missing": "возможно, имелось в виду «plan-1»",
}
CYRILLIC = re.compile("[А-Яа-яЁё]")
ENGLISH_PHRASE = re.compile(r"[A-Za-z]+ [A-Za-z]+ [A-Za-z]+")  # untranslated libyaml text


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(PRIKAZ), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=TIMEOUT,
        preexec_fn=_limit_memory,
        env={**os.environ, "PYTHONWARNINGS": "ignore", "PYTHONUTF8": "1"},
    )


def expectation(case: Path) -> tuple[str, str]:
    code, where = (case / "expect.txt").read_text(encoding="utf-8").split()
    return code, where


def short_name(case: Path) -> str:
    return case.name.split("-", 1)[1]


def files_in(folder: Path) -> dict[str, bytes]:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return {str(p.relative_to(folder)): p.read_bytes() for p in files}


def assert_content_error(result: subprocess.CompletedProcess, code: str, where: str) -> str:
    """The run failed on content, as promised; returns the line that reports `code`."""
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert "внутренняя ошибка" not in output, output
    assert result.returncode == 2, output
    lines = [line for line in result.stderr.splitlines() if line.endswith(f"[{code}]")]
    at = [line for line in lines if line.startswith(f"{where}: ")]
    assert at, f"ожидалось «{where}: … [{code}]», получено:\n{result.stderr}"
    message = at[0].removeprefix(f"{where}: ").removesuffix(f" [{code}]")
    assert CYRILLIC.search(message), message
    assert not ENGLISH_PHRASE.search(message), message
    assert "Ничего не записано." in result.stderr
    return at[0]


# --- the corpus itself -------------------------------------------------------------------


def test_corpus_is_large_and_well_formed():
    assert len(BAD_CASES) >= 40
    numbers = [case.name.split("-", 1)[0] for case in BAD_CASES]
    assert len(set(numbers)) == len(numbers), "номера случаев повторяются"
    for case in BAD_CASES:
        assert (case / "organization.yaml").is_file(), case.name
        lines = (case / "expect.txt").read_text(encoding="utf-8").splitlines()
        assert len(lines) == 1, case.name
        code, where = lines[0].split()
        assert code in MESSAGES, case.name
        file, line, column = where.rsplit(":", 2)
        assert (case / file).is_file() and int(line) >= 1 and int(column) >= 1, case.name
    for case in LEGIT_CASES:
        assert (case / "expect.txt").read_text(encoding="utf-8").split() == ["ok"], case.name


# --- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", BAD_CASES, ids=lambda p: p.name)
def test_check_reports_the_error_at_its_place(case):
    code, where = expectation(case)
    line = assert_content_error(run("check", str(case), cwd=case), code, where)
    if short_name(case) in SUGGESTIONS:
        assert SUGGESTIONS[short_name(case)] in line


@pytest.mark.parametrize("case", [c for c in BAD_CASES if short_name(c) in BUILD_CASES], ids=lambda p: p.name)
def test_build_writes_nothing(case, tmp_path):
    code, where = expectation(case)
    before = files_in(case)
    out = tmp_path / "out"
    assert_content_error(run("build", str(case), "-o", str(out), cwd=case), code, where)
    assert not out.exists() or not any(out.iterdir())
    assert files_in(case) == before


def test_build_cases_exist():
    assert BUILD_CASES <= {short_name(c) for c in BAD_CASES}
    assert set(SUGGESTIONS) <= {short_name(c) for c in BAD_CASES}


# --- bad input generated at run time -----------------------------------------------------


def organization(tmp_path: Path) -> Path:
    folder = tmp_path / "org"
    folder.mkdir()
    shutil.copy(LEGIT / "minimal" / "organization.yaml", folder)
    return folder


def test_file_over_the_size_limit(tmp_path):
    folder = organization(tmp_path)
    head = "format: 1\nkind: plan\nid: plan-1\ntitle: План\nsections:\n  - title: Раздел\n"
    measure = (
        "      - text: Провести совещание руководителей образовательных организаций\n"
        "        deadline: Март 2020\n"
        "        responsible: [МОУО]\n"
    )
    with open(folder / "plan.yaml", "w", encoding="utf-8") as f:
        f.write(head + "    measures:\n")
        f.write(measure * (6 * 2**20 // len(measure.encode("utf-8")) + 1))
    assert (folder / "plan.yaml").stat().st_size > 5 * 2**20
    result = run("check", str(folder), cwd=folder)
    assert "МБ" in assert_content_error(result, "file-too-large", "plan.yaml:1:1")


DEPTH = 200_000  # far deeper than the C stack of a recursive composer allows
DEEP = {
    # name: (the plan after «id: plan-1», where the error is reported)
    "flow-lists": (f"title: {'[' * DEPTH}{']' * DEPTH}\nsections: []", "plan.yaml:4:48"),
    "flow-mappings": (f"title: {'{a: ' * DEPTH}x{'}' * DEPTH}\nsections: []", "plan.yaml:4:165"),
    "block-sequences": (f"title: План\nsections:\n{'- ' * DEPTH}x", "plan.yaml:6:81"),
}


@pytest.mark.parametrize("name", DEEP)
def test_deep_nesting(tmp_path, name):
    folder = organization(tmp_path)
    text, where = DEEP[name]
    plan = f"format: 1\nkind: plan\nid: plan-1\n{text}\n"
    (folder / "plan.yaml").write_text(plan, encoding="utf-8")
    assert_content_error(run("check", str(folder), cwd=folder), "yaml-too-deep", where)


def test_folder_without_organization(tmp_path):
    folder = tmp_path / "org"
    folder.mkdir()
    shutil.copy(LEGIT / "minimal" / "plan.yaml", folder)
    result = run("check", str(folder), cwd=folder)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "[organization-missing]" in result.stderr
    assert "Traceback" not in result.stderr


# --- legitimate input that looks dangerous -----------------------------------------------

LONG_CELL = ("Провести совещание руководителей образовательных организаций " * 100)[:4999] + "Z"
LEGIT_TEXTS = {
    "minimal": [
        "Провести совещание руководителей",
        "Настоящее Положение устанавливает порядок оценки.",
    ],
    "markup-text": [
        "План <w:p> &amp; {{ x }}",
        "Раздел {% if %} и {%tr for %}",
        "Текст <w:p>, &amp;, {{ x }}, {% if %}, {%tr for %} и ]]> <!-- -->",
        "{{ deadline }}",
        "<b>жирный</b> & амперсанд",
        "{#",
        "Об утверждении плана {{ x }}",
        "В целях <w:t>обеспечения</w:t> &lt;качества&gt;",
        "Утвердить план {%p if y %} (приложение).",
        "Контроль {{ x|safe }} оставляю за собой.",
        "Положение о системе {{ x }}",
        "Общие положения {%tr endfor %}",
        "Настоящее Положение <w:br/> устанавливает &nbsp; порядок.",
    ],
    "bidi-zero-width": [
        "Справа\u200fналево \u202eабв\u202c и\u200bнулевой\u200dширины\u2060слова\ufeffконец \u200eLTR",
        "\u200f2020\u200f",
    ],
    "long-cell": [LONG_CELL],
    "order-number": ["№\u00a012/3 .. а-Б"],
    "unquoted-scalars": ["1.10", "yes", "1.20", "no", "2022", "1e3", "№\u00a00427"],
}
# Exact cell texts: «1.10» stays «1.10», not «1.1»; «yes» is not «True».
LEGIT_CELLS = {
    "long-cell": [LONG_CELL],
    "unquoted-scalars": ["1.10", "yes", "1.20", "no", "2022", "1e3"],
}


def docx_texts(path: Path) -> tuple[list[str], list[str]]:
    """(paragraph texts, table cell texts) of a DOCX."""
    from docx import Document

    document = Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return [p.text for p in document.paragraphs], cells


@pytest.mark.parametrize("case", LEGIT_CASES, ids=lambda p: p.name)
def test_legit_input_builds_as_typed(case, tmp_path):
    before = files_in(case)
    out = tmp_path / "out"
    result = run("build", str(case), "-o", str(out), cwd=case)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output
    assert files_in(case) == before  # nothing written beside the content
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written and all(p.resolve().is_relative_to(out.resolve()) for p in written)
    assert all(p.suffix == ".docx" for p in written), written
    listed = [line.strip().split(" — ")[0] for line in result.stdout.splitlines() if " — " in line]
    assert len(listed) == len(written)
    for path in listed:
        assert (case / path).resolve().is_relative_to(out.resolve()), path
    paragraphs, cells = [], []
    for path in written:
        p, c = docx_texts(path)
        paragraphs += p
        cells += c
    texts = paragraphs + cells
    for expected in LEGIT_TEXTS[case.name]:
        assert any(expected in text or expected in text.replace("\u00a0", " ") for text in texts), expected[:80]
    for expected in LEGIT_CELLS.get(case.name, []):
        assert expected in cells, expected[:80]


def test_every_legit_case_has_expectations():
    assert {c.name for c in LEGIT_CASES} == set(LEGIT_TEXTS)
