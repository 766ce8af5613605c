"""Typography of printed text against literal expected strings, and the signature rule."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import model as m
from generator.check import check
from generator.errors import Pos
from generator.typography import signature_name, typeset, typeset_title

NB = "\u00a0"


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("на 2019-2025 годы", "на 2019–2025 годы"),
        ("в 2021 - 2024 гг.", f"в 2021–2024{NB}гг."),
        ("(2021—2022)", "(2021–2022)"),
        ("2019‑2020 учебный год", "2019–2020 учебный год"),
        ("2021-2024, 2025", "2021–2024, 2025"),
        # not ranges of years: a date, a phone, a number with more digits, page ranges
        ("2020-09-01", "2020-09-01"),
        ("8-914-123-4567", "8-914-123-4567"),
        ("12019-2025", "12019-2025"),
        ("с. 12-15", "с. 12-15"),
    ],
)
def test_year_ranges_take_an_en_dash(typed, printed):
    assert typeset(typed) == printed


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("Об актуализации плана на 2019-2025 годы", f"Об актуализации плана на 2019–2025{NB}годы"),
        (
            "Положение о муниципальной системе оценки качества образования",
            f"Положение о муниципальной системе оценки качества{NB}образования",
        ),
        ("Общие положения ", f"Общие{NB}положения"),
        ("Приложения", "Приложения"),
    ],
)
def test_a_title_never_ends_with_one_word_alone(typed, printed):
    assert typeset_title(typed) == printed


@given(st.lists(st.text(alphabet="абвгдежз", min_size=1, max_size=12), min_size=2, max_size=12))
def test_title_last_word_is_bound_to_the_previous_one(words):
    printed = typeset_title(" ".join(words))
    assert printed.replace(NB, " ") == " ".join(words)
    assert " " not in printed.rsplit(NB, 1)[-1] and NB + words[-1] in printed


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("Ренкевич Л.М.", f"Л.М.{NB}Ренкевич"),
        ("Л.М. Ренкевич", f"Л.М.{NB}Ренкевич"),
        ("Иванова-Петрова А. Б.", f"А.{NB}Б.{NB}Иванова-Петрова"),
        ("  Сидоров П. ", f"П.{NB}Сидоров"),
        ("Ёлкин И.И.", f"И.И.{NB}Ёлкин"),
        # not a name with initials: left as typed
        ("Начальник отдела", "Начальник отдела"),
    ],
)
def test_signature_prints_initials_before_the_surname(typed, printed):
    assert signature_name(typed) == printed


def _department(name: str, plan_name: str | None = None) -> m.Department:
    org = m.Organization(
        name="Отдел образования администрации Энского района",
        name_genitive="отдела образования администрации Энского района",
        letterhead=("Отдел образования",),
        municipality="Энский район",
        signatories=(("head", m.Signature(("Начальник",), name, pos=Pos("organization.yaml", 7, 5))),),
        pos=Pos("organization.yaml", 1, 1),
    )
    documents = ()
    if plan_name is not None:
        plan = m.Plan(
            id="plan",
            title="План",
            sections=(),
            pos=Pos("plan.yaml", 1, 1),
            signature=m.Signature(("Директор",), plan_name, pos=Pos("plan.yaml", 40, 3)),
        )
        documents = (plan,)
    return m.Department("org", org, documents)


def _notes(department):
    return [p for p in check([department]) if p.code == "signature-surname-first"]


def test_check_notes_a_surname_first_signature_where_it_is_typed():
    notes = _notes(_department("Ренкевич Л.М.", plan_name="Петрова А. Б."))
    assert [(str(p.pos), p.severity) for p in notes] == [
        ("organization.yaml:7:5", "warning"),
        ("plan.yaml:40:3", "warning"),
    ]
    assert "«Ренкевич Л.М.» — фамилия перед инициалами" in notes[0].message
    assert "«Л.М. Ренкевич»" in notes[0].message


def test_check_is_silent_on_initials_first():
    assert _notes(_department("Л.М. Ренкевич", plan_name="А.Б. Петрова")) == []
    assert _notes(_department("Л. М. Ренкевич")) == []
