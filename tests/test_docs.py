"""The documentation is true: every YAML example loads, every command in README runs.

YAML examples (```yaml blocks of README.md and docs/*.md) are read by the loader's own
parser and schema. An example may show part of a document: a value written as «…» (or a
list of only «…») stands for what is left out and is dropped; what remains is put into a
complete document of the example's kind, or, for a fragment without `kind`, into the
first place of a document where it fits (a document's top level, a measure, a clause).
It must then load without a single problem: no unknown key, no wrong type.

Commands (```sh blocks of README.md) run as written, one after another, in a folder laid
out like the repository's root (the project's .venv, a copy of content/), and exit with
the code the README promises: 1 where the check finds errors in the bundled documents
and the command does not say --force, 2 where `import` would overwrite files, else 0.
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT

from generator.check import check
from generator.errors import ContentError
from generator.load import load, organization_folders, read_document
from generator.starter import starter_files
from generator.yamlnodes import Node, parse

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
ELIDED = "…"
REGULATION = """\
format: 1
kind: regulation
id: regulation
title: Положение о порядке
chapters:
  - title: Общие положения
    clauses:
      - text: Настоящее Положение устанавливает порядок.
"""


def fenced(language: str, paths: list[Path]):
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(rf"^```{language}\n(.*?)^```", text, re.MULTILINE | re.DOTALL):
            line = text.count("\n", 0, match.start()) + 2
            # Blank lines in front, so that positions in messages are the document's.
            yield f"{path.relative_to(ROOT)}:{line}", "\n" * (line - 1) + match.group(1)


YAML_EXAMPLES = list(fenced("yaml", DOCS))


def test_the_docs_have_yaml_examples():
    assert len(YAML_EXAMPLES) >= 8


def without_elisions(node: Node) -> Node:
    if node.kind == "mapping":
        node.value = {k: without_elisions(v) for k, v in node.value.items() if not _elided(v)}
    elif node.kind == "list":
        node.value = [without_elisions(v) for v in node.value if not _elided(v)]
    return node


def _elided(node: Node) -> bool:
    if node.kind == "list":
        return bool(node.value) and all(n.value == ELIDED for n in node.value)
    return node.value == ELIDED


def hosts():
    """(place, document root, mapping the example goes into), freshly parsed each time."""
    files = starter_files(dt.date(2026, 1, 15))
    texts = {"organization": files["organization.yaml"], "regulation": REGULATION}
    texts |= {name.split("-")[0]: text for name, text in files.items() if name != "organization.yaml"}
    for kind, text in texts.items():
        root = parse(text, kind)
        yield kind, root, root
    plan = parse(texts["plan"], "plan")
    yield "мероприятие плана", plan, plan.value["sections"].value[0].value["measures"].value[0]
    regulation = parse(REGULATION, "regulation")
    yield "пункт положения", regulation, regulation.value["chapters"].value[0].value["clauses"].value[0]


@pytest.mark.parametrize("where, example", YAML_EXAMPLES, ids=[w for w, _ in YAML_EXAMPLES])
def test_yaml_example_loads(where, example):
    try:
        fragment = without_elisions(parse(example, where.rpartition(":")[0]))
    except ContentError as e:
        pytest.fail("\n".join(map(str, e.problems)))
    assert fragment.kind == "mapping"
    kind = fragment.value.get("kind")
    tried = {}
    for place, root, target in hosts():
        if kind is not None and (target is not root or root.value["kind"].value != kind.value):
            continue
        target.value.update(fragment.value)
        problems = []
        read_document(root, problems)
        if not problems:
            return
        tried[place] = problems
    assert tried, f"нет документа вида {kind.value if kind else '?'}"
    pytest.fail("\n".join(f"{place}: {problem}" for place, problems in tried.items() for problem in problems))


# --- README commands ---------------------------------------------------------------------------


def readme_commands() -> list[list[str]]:
    """Every command line of the README's sh blocks, in order (a block may be a short
    session: copy a folder, change it, run prikaz on it)."""
    commands = []
    for _, block in fenced("sh", [ROOT / "README.md"]):
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            if words:
                commands.append(words)
                PROMISED[" ".join(words)] = _promised_in_comment(line)
    return commands


PROMISED: dict[str, int | None] = {}  # the exit code a command's comment promises («код 1»)


def _promised_in_comment(line: str) -> int | None:
    comment = line.partition("#")[2]
    found = re.search(r"код (\d)", comment)
    return int(found.group(1)) if found else None


# `make demo` and `make test` are the machine's set-up followed by the commands below and
# by this very suite: the Makefile is their documentation, not something to nest here.
# Installing with pipx, then `prikaz --version`, is tests/test_packaging.py.
INSTALLING = ("make", "pipx", "python3")
SHELL = ("cp", "sed", "rm", "mkdir")  # the steps of a short session in a copy of a folder
COMMANDS = [words for words in readme_commands() if words[0] not in INSTALLING and words[0] != "prikaz"]


def test_readme_commands_are_prikaz_commands():
    assert len(COMMANDS) >= 10
    assert all(words[0] in (".venv/bin/prikaz", *SHELL) for words in COMMANDS), COMMANDS


@pytest.fixture(scope="module")
def workspace(tmp_path_factory, built) -> Path:
    """A folder like the repository's root: .venv, a copy of content/, a Word file to import."""
    root = tmp_path_factory.mktemp("readme")
    (root / ".venv").symlink_to(ROOT / ".venv")
    shutil.copytree(CONTENT, root / "content")
    shutil.copy2(built / "noglik" / "order-2020-427.docx", root / "приказ.docx")
    _edited_annex(built / "noglik" / "plan-msoko.docx", root / "правка.docx")
    (root / "приказ-об-изменениях.yaml").write_text(
        'format: 1\nkind: order\nid: order-2021-15\ndate: 2021-03-01\nnumber: "15"\n'
        "amendment: {old: plan-msoko, new: plan-msoko-ed2}\n"
        "points:\n  - Контроль исполнения приказа оставляю за собой.\nsignatory: renkevich\n",
        encoding="utf-8",
    )
    return root


def _edited_annex(built: Path, target: Path) -> None:
    """The annex as a clerk leaves it after editing in Word: one deadline changed."""
    from docx import Document

    document = Document(str(built))
    row = next(r for t in document.tables for r in t.rows if r.cells[0].text.strip() == "1.2")
    row.cells[2].paragraphs[0].runs[0].text = "Декабрь 2021"
    for run in row.cells[2].paragraphs[0].runs[1:]:
        run.text = ""
    document.save(str(target))


OPTIONS = ("-o", "--output", "--site", "--order", "--templates", "--form", "--format")  # options with a value


def promised_exit(words: list[str], root: Path) -> int:
    command = words[1]
    arguments = [w for w, before in zip(words[2:], words[1:]) if not w.startswith("-") and before not in OPTIONS]
    paths = [root / w for w in arguments if (root / w).exists()]
    if command in ("check", "build", "publish") and "--force" not in words:
        found = check(load(organization_folders([str(p) for p in paths] or [str(root / "content")])))
        return 1 if any(f.severity == "error" for f in found) else 0
    if command == "import" and "--edition-of" in words:
        return 0  # the next edition beside the current one, whatever is there already
    if command == "import":
        folder = root / words[words.index("-o") + 1]
        return 2 if any(folder.glob("*.yaml")) else 0
    return 0


@pytest.mark.parametrize("words", COMMANDS, ids=[" ".join(w[1:]) for w in COMMANDS])
def test_readme_command_runs_as_written(workspace, words):
    if words[0] in SHELL:
        expected = 0
    else:
        promised = PROMISED.get(" ".join(words))
        expected = promised if promised is not None else promised_exit(words, workspace)
    done = subprocess.run(
        words,
        cwd=workspace,
        capture_output=True,
        text=True,
        timeout=600,
        env={"PATH": "/usr/bin:/bin", "HOME": str(workspace), "PYTHONWARNINGS": "ignore"},
    )
    output = done.stdout + done.stderr
    assert "Traceback" not in output and "внутренняя ошибка" not in output, output
    assert done.returncode == expected, output
