"""Printing what was printed: a measure's own separator of units, text kept exactly as typed."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

from conftest import docx_paragraphs, docx_table_rows
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.build import build
from generator.load import load
from generator.starter import starter_files
from generator.typography import typeset

TODAY = dt.date(2026, 3, 2)
FILES = starter_files(TODAY)
PLAN = f"plan-{TODAY.year + 1}.yaml"
ORDER = f"order-{TODAY.year}-1.yaml"


def built(changes: dict[str, list[tuple[str, str]]]) -> Path:
    """Build the starter department with (old → new) replaced in the named files; the output folder."""
    work = Path(tempfile.mkdtemp(prefix="prikaz-format-"))
    for name, text in FILES.items():
        for old, new in changes.get(name, []):
            assert old in text
            text = text.replace(old, new, 1)
        (work / "dep" / name).parent.mkdir(exist_ok=True)
        (work / "dep" / name).write_text(text, encoding="utf-8")
    build(load([str(work / "dep")]), str(work / "out"))
    return work / "out" / "dep"


def measure_rows(out: Path) -> list[list[str]]:
    return [row for row in docx_table_rows(out / PLAN.replace(".yaml", ".docx")) if len(row) == 4][1:]


def test_a_measure_may_join_its_units_its_own_way():
    out = built(
        {
            PLAN: [
                (
                    "        responsible: [Управление образования, ММС]",
                    '        responsible: [Управление образования, ММС]\n        responsible_separator: "\\n"',
                )
            ]
        }
    )
    rows = measure_rows(out)
    assert rows[0][3] == "Управление образования\nММС"  # one per line, as this measure says
    assert rows[2][3] == "ММС, ОО"  # the plan's «, » elsewhere


# Words, quotes, hyphens and dashes, «№», digits: what typeset changes, and what it leaves.
PIECES = ["абв", "АБВ", '"', "-", " - ", "–", "№", "1", ".", " "]
TYPED = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map(lambda parts: " ".join("".join(parts).split()))


@settings(max_examples=15)
@given(TYPED, st.booleans())
def test_a_measure_is_printed_typeset_or_exactly_as_typed(typed, as_written):
    text = f"Мероприятие {typed} конец"
    typed_line = f"      - text: {json.dumps(text, ensure_ascii=False)}\n"
    changes = [("      - text: Мониторинг выполнения плана\n", typed_line)]
    if as_written:
        changes.append(("\nsections:", "\ntypography: as-written\nsections:"))
    printed = measure_rows(built({PLAN: changes}))[3][1]
    assert printed == (text if as_written else typeset(text))


def test_an_order_and_its_plan_say_each_for_itself_how_their_text_is_printed():
    quoted = 'Об утверждении плана "Качество" на 2027 год - первый этап'
    out = built(
        {
            ORDER: [
                (
                    "title: Об утверждении плана мероприятий по повышению качества образования на 2027 год",
                    f"typography: as-written\ntitle: {json.dumps(quoted, ensure_ascii=False)}",
                )
            ],
            PLAN: [
                (
                    "title: План мероприятий по повышению качества образования на 2027 год",
                    f"title: {json.dumps(quoted, ensure_ascii=False)}",
                )
            ],
        }
    )
    order = docx_paragraphs(out / ORDER.replace(".yaml", ".docx"))
    assert quoted in order  # the order: exactly as typed
    plan = docx_paragraphs(out / PLAN.replace(".yaml", ".docx"))
    title = "Об утверждении плана «Качество» на 2027 год\u00a0– первый\u00a0этап"  # last word bound
    assert title in plan and quoted not in plan  # the plan: typeset


def test_the_command_may_be_run_in_at_the_end_of_the_preamble():
    separate = docx_paragraphs(built({}) / ORDER.replace(".yaml", ".docx"))
    run_in = docx_paragraphs(
        built(
            {
                "organization.yaml": [
                    ('  command: "ПРИКАЗЫВАЮ:"', '  command: "приказываю:"'),
                    ("command_position: paragraph", "command_position: run-in"),
                ],
            }
        )
        / ORDER.replace(".yaml", ".docx")
    )
    preamble = next(p for p in separate if p.startswith("В целях"))
    assert separate[separate.index(preamble) + 1] == "ПРИКАЗЫВАЮ:"
    assert preamble + " приказываю:" in run_in
    after = run_in[run_in.index(preamble + " приказываю:") + 1]
    assert after.startswith("1. Утвердить")  # no empty paragraph where the command stood
    assert len(run_in) == len(separate) - 1
