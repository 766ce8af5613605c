"""How the command line ends: every kind of error → its exit code and a Russian message.

`cli._exits` is the one table; the first half runs `prikaz` as a process with a use case
replaced by one that raises, the second half gives the real command wrong input.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import CONTENT, ROOT, run_prikaz

RAISING = """
import errno, signal, sys
from generator import cli
from generator.errors import CheckFailed, ContentError, InputError, Pos, Problem, ToolError
import generator.usecases.inspection as inspection

def raising(path):
    raise {error}

inspection.editions_of = raising
cli.main(args=["editions", sys.argv[1]], prog_name="prikaz")
"""

PROBLEM = 'Problem("value-empty", Pos("plan.yaml", 3, 7), {"key": "title"})'
KINDS = {
    # name: (the exception raised, its row in the table, exit code, what stderr says)
    "content": (
        f"ContentError([{PROBLEM}])",
        "ContentError",
        2,
        ["plan.yaml:3:7: ошибка: «title»: значение не может быть пустым", "Найдено ошибок: 1. Ничего не записано."],
    ),
    "findings": (
        f"CheckFailed([{PROBLEM}])",
        "CheckFailed",
        1,
        ["plan.yaml:3:7: ошибка:", "Ошибок: 1. Ничего не записано; исправьте их или соберите с --force."],
    ),
    "mistake": (
        'InputError("укажите два файла редакций одного плана")',
        "InputError",
        2,
        ["prikaz: укажите два файла редакций одного плана"],
    ),
    "tool": (
        'ToolError("LibreOffice не найден, PDF не созданы")',
        "ToolError",
        3,
        ["prikaz: LibreOffice не найден, PDF не созданы"],
    ),
    "pipe": ("BrokenPipeError(errno.EPIPE, 'Broken pipe')", "BrokenPipeError", 0, []),
    "disk": (
        "PermissionError(errno.EACCES, 'Permission denied', 'шаблоны/order.docx')",
        "OSError",
        3,
        ["prikaz: ошибка файловой системы: шаблоны/order.docx: нет прав на запись (EACCES)"],
    ),
    "ctrl-c": ("KeyboardInterrupt()", "KeyboardInterrupt", 130, ["prikaz: прервано; недописанных файлов нет"]),
    "sigterm": ("cli._Interrupted(signal.SIGTERM)", "KeyboardInterrupt", 143, ["prikaz: прервано"]),
    "bug": (
        'RuntimeError("сломалось")',
        "Exception",
        70,
        ["prikaz: внутренняя ошибка (RuntimeError: сломалось). Сообщите разработчикам"],
    ),
}


def test_every_row_of_the_table_is_tested():
    from generator.cli import _exits

    assert {row[0].__name__ for row in _exits()} == {kind[1] for kind in KINDS.values()}


@pytest.mark.parametrize("name", KINDS)
def test_each_kind_of_error_has_its_code_and_a_russian_message(name):
    error, _, code, phrases = KINDS[name]
    plan = str(CONTENT / "novosibirsk/plan-2020.yaml")
    result = subprocess.run(
        [sys.executable, "-c", RAISING.format(error=error), plan],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    for phrase in phrases:
        assert phrase in result.stderr, result.stderr
    if not phrases:
        assert result.stderr == ""


# --- real wrong input ------------------------------------------------------------------------

PLAN, PLAN_ED2 = "content/novosibirsk/plan-2020.yaml", "content/novosibirsk/plan-2020-ed2.yaml"
ORDER = "content/novosibirsk/order-2020-0415.yaml"


def assert_users_mistake(result: subprocess.CompletedProcess, *phrases: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "внутренняя ошибка" not in result.stderr
    assert result.stderr.startswith("prikaz: "), result.stderr
    for phrase in phrases:
        assert phrase in result.stderr, result.stderr


@pytest.mark.parametrize("command", ["diff", "amend"])
@pytest.mark.parametrize(
    "old, new, phrase",
    [
        (PLAN, PLAN, "один и тот же файл дважды"),
        (PLAN, ORDER, "«plan-2020» — план, а «order-2020-0415» — приказ"),
        (ORDER, PLAN_ED2, "«order-2020-0415» — приказ, а «plan-2020-ed2» — план"),
        ("content/primer/plan-monitoring.yaml", "content/primer/plan-schedule.yaml", "разные документы"),
        (PLAN, "content/noglik/plan-msoko.yaml", "редакции должны принадлежать одной организации"),
        ("content/novosibirsk/organization.yaml", PLAN_ED2, "укажите два файла редакций"),
    ],
)
def test_a_wrong_pair_of_files_is_a_users_mistake(tmp_path, command, old, new, phrase):
    extra = ["--order", ORDER] if command == "amend" else []
    result = run_prikaz(command, old, new, *extra, "-o", str(tmp_path / "out"))
    assert_users_mistake(result, phrase)
    assert not (tmp_path / "out").exists()


def test_errors_found_by_the_check_stop_a_build(tmp_path):
    result = run_prikaz("build", "content/pogranichny", "-o", str(tmp_path / "out"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Ничего не записано; исправьте их или соберите с --force." in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "args, phrase",
    [
        (["import", "{docx}", "--order", ORDER], "--order и --id действуют только вместе с --edition-of"),
        (["editions", ORDER], "это не план и не положение"),
        (["seal", PLAN], "это не приказ"),
        (
            ["diff", PLAN, PLAN_ED2, "-o", "{out}", "--pdf", "--pdf-timeout", "abc"],
            "--pdf-timeout: «abc» — не время в секундах",
        ),
        (["publish", "content/primer", "--site", "{out}", "--pdf-timeout", "0"], "не время в секундах"),
    ],
)
def test_other_mistakes_exit_2_before_writing(tmp_path, args, phrase):
    docx = tmp_path / "edited.docx"
    docx.write_bytes(b"")
    result = run_prikaz(*(a.format(docx=docx, out=tmp_path / "out") for a in args))
    assert_users_mistake(result, phrase)
    assert not (tmp_path / "out").exists()
