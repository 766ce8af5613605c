"""Model factories for the checker's tests: tiny documents whose every measure sits on its own
line, so that findings can be told apart by position; and `prikaz` run as a process."""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
import sys
from pathlib import Path

from generator import model as m
from generator.check import check
from generator.errors import Pos

TODAY = dt.date(2025, 6, 1)
_lines = itertools.count(10)


def pos(file: str = "plan.yaml") -> Pos:
    return Pos(file, next(_lines), 9)


def text(value: str | list) -> m.Text:
    if isinstance(value, str):
        return (m.Paragraph(value),)
    return tuple(m.Paragraph(v) if isinstance(v, str) else v for v in value)


def measure(
    value="Проведение совещания руководителей",
    deadline="Постоянно",
    responsible=("Отдел образования",),
    number=None,
    children=(),
) -> m.Measure:
    return m.Measure(
        text=text(value),
        deadline=deadline,
        responsible=tuple(responsible),
        number=number,
        children=tuple(children),
        pos=pos(),
    )


def section(*measures, title="Организационные мероприятия", number=None, numbered=True, sections=()):
    return m.Section(
        title=title,
        measures=tuple(measures),
        number=number,
        numbered=numbered,
        sections=tuple(sections),
        pos=pos(),
    )


def plan(
    *sections,
    id="plan",
    title="План мероприятий",
    period=None,
    trailing_dot=False,
    measures="hierarchical",
    note=None,
    edition=None,
) -> m.Plan:
    extra = {"edition": edition} if edition else {}
    return m.Plan(
        id=id,
        title=title,
        sections=tuple(sections),
        period=period,
        note=note,
        numbering=m.Numbering(measures=measures, trailing_dot=trailing_dot),
        pos=Pos(f"{id}.yaml", 1, 1),
        **extra,
    )


def order(
    *points,
    annexes=(),
    date=dt.date(2021, 3, 1),
    number="12",
    id="order",
    title="Об утверждении плана мероприятий",
    **extra,
) -> m.Order:
    refs = tuple(a if isinstance(a, m.AnnexRef) else m.AnnexRef(a, pos=pos("order.yaml")) for a in annexes)
    return m.Order(
        id=id,
        date=date,
        number=number,
        title=title,
        points=tuple(m.Point(text(p), pos=pos("order.yaml")) for p in points),
        signatory="head",
        annexes=refs,
        pos=Pos("order.yaml", 1, 1),
        **extra,
    )


UNITS = ("Отдел образования", "Руководители ОО", "ИМЦ")


def organization(units=UNITS, municipality="Энский муниципальный район", fulls=None) -> m.Organization:
    fulls = fulls or {"ОО": None}
    return m.Organization(
        name="Отдел образования администрации Энского муниципального района",
        name_genitive="отдела образования администрации Энского муниципального района",
        letterhead=("Администрация Энского муниципального района", "Отдел образования"),
        municipality=municipality,
        units=tuple(m.Unit(u, full=fulls.get(u), pos=pos("organization.yaml")) for u in units),
        pos=Pos("organization.yaml", 1, 1),
    )


def run(*documents, org=None, today=TODAY):
    department = m.Department("org", org or organization(), tuple(documents))
    return check([department], today=today)


def found(problems, code):
    return [p for p in problems if p.code == code]


def codes(problems):
    return {p.code for p in problems}


PRIKAZ = Path(sys.executable).parent / "prikaz"
CONTENT = Path(__file__).resolve().parents[1] / "content"


def prikaz(*args, cwd=None):
    return subprocess.run([str(PRIKAZ), *args], capture_output=True, text=True, cwd=cwd, timeout=120)
