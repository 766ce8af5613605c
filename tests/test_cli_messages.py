"""Everything the command line says is Russian, click's own usage errors and help included."""

from __future__ import annotations

import re

import pytest
from conftest import run_prikaz

ENGLISH = re.compile(r"\b(Usage|Error|Options|Commands|Missing|No such|Invalid|Try|Show this|Did you mean)\b")


@pytest.mark.parametrize(
    "args,expected",
    [
        (["build", "--nope"], "Нет такого параметра «--nope»"),
        (["publish", "content/"], "Не указан параметр '--site'"),
        (["check", "--format", "xml"], "Недопустимое значение '--format': «xml»; допустимо: 'text', 'json'"),
        (["frobnicate"], "Нет такой команды «frobnicate»"),
        (["diff", "content/novosibirsk/plan-2020.yaml"], "Не указан аргумент 'НОВАЯ_РЕДАКЦИЯ'"),
        (["build", "--pdf-timeout"], "Параметру «--pdf-timeout» нужно значение"),
    ],
)
def test_usage_errors_are_russian(args, expected):
    result = run_prikaz(*args)
    assert result.returncode == 2
    assert expected in result.stderr
    assert result.stderr.startswith("Использование: prikaz") or result.stderr.startswith("Ошибка:")
    assert not ENGLISH.search(result.stderr), result.stderr


@pytest.mark.parametrize("command", [[], ["build"], ["publish"], ["import"], ["verify"]])
def test_help_is_russian(command):
    result = run_prikaz(*command, "--help")
    assert result.returncode == 0
    assert "Использование: prikaz" in result.stdout and "Параметры:" in result.stdout
    assert not ENGLISH.search(result.stdout), result.stdout


def test_a_templates_folder_without_the_template_is_named(tmp_path):
    result = run_prikaz("build", "content/taimyr", "-o", str(tmp_path / "out"), "--templates", str(tmp_path))
    assert result.returncode == 3
    assert f"prikaz: нет шаблона {tmp_path}/regulations/regulation.docx" in result.stderr
    assert "Traceback" not in result.stderr and "внутренняя ошибка" not in result.stderr


def test_an_unreadable_file_is_explained_in_russian(tmp_path):
    from generator.errors import ContentError
    from generator.yamlnodes import read_file

    with pytest.raises(ContentError) as raised:
        read_file(str(tmp_path), "папка.yaml")  # a folder where a file was expected
    assert "не удалось прочитать файл: это папка, а не файл (EISDIR)" in str(raised.value)
