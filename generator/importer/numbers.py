"""Printed numbers → the numbering scheme that explains most of them, and explicit
`number:` values for the rest (so `prikaz check` finds the gaps and repeats).

The rules mirror generator/numbering.py: an explicit number does not shift the count of
its siblings, and children of an explicitly numbered node continue from it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from .plan import MeasureNode, SectionNode
from .shapes import stem


@dataclass(frozen=True)
class Scheme:
    sections: str  # numbered | unnumbered
    measures: str  # hierarchical | restart
    trailing_dot: bool


def choose_scheme(sections: list[SectionNode]) -> Scheme:
    """The scheme that needs the fewest explicit numbers (ties: the project's defaults)."""
    candidates = [Scheme(s, m, d) for s, m, d in itertools.product(
        ("numbered", "unnumbered"), ("hierarchical", "restart"), (False, True))]
    return min(candidates, key=lambda scheme: _plan_numbers(sections, scheme, apply=False))


def apply_scheme(sections: list[SectionNode], scheme: Scheme) -> dict[int, dict]:
    """id(node) → the number fields it needs under the scheme."""
    fields: dict[int, dict] = {}
    _plan_numbers(sections, scheme, apply=True, fields=fields)
    return fields


def _plan_numbers(sections, scheme: Scheme, apply: bool, fields: dict | None = None, prefix: str = "") -> int:
    cost, count = 0, 0
    for section in sections:
        own: dict = {}
        number: str | None
        if section.printed is None:
            number = None
            if scheme.sections == "numbered":
                own["numbered"] = "false"
                cost += 1
        elif scheme.sections == "numbered" and section.printed == _join(prefix, count + 1):
            count += 1
            number = section.printed
        else:
            number = section.printed
            own["number"] = section.printed
            cost += 1
        if apply:
            fields[id(section)] = own
        base = stem(number) if number else ""
        measure_prefix = base if scheme.measures == "hierarchical" else ""
        cost += _measure_numbers(section.measures, scheme, measure_prefix, apply, fields)
        cost += _plan_numbers(section.sections, scheme, apply, fields, base)
    return cost


def _measure_numbers(measures: list[MeasureNode], scheme: Scheme, prefix: str, apply: bool, fields) -> int:
    cost = 0
    for index, measure in enumerate(measures, start=1):
        computed = _join(prefix, index)
        shown = computed + "." if scheme.trailing_dot else computed
        own: dict = {}
        if measure.printed is not None and measure.printed != shown:
            own["number"] = measure.printed
            cost += 1
        elif measure.printed is None:
            cost += 1
        if apply:
            fields[id(measure)] = own
        child_prefix = stem(own["number"]) if "number" in own else computed
        cost += _measure_numbers(measure.children, scheme, child_prefix, apply, fields)
    return cost


def clause_numbers(items, prefix: str, trailing_dot: bool, fields: dict) -> int:
    """Regulation clauses (objects with .printed and .children): explicit where they differ."""
    cost = 0
    for index, item in enumerate(items, start=1):
        computed = _join(prefix, index)
        shown = computed + "." if trailing_dot else computed
        own: dict = {}
        if item.printed is not None and item.printed != shown:
            own["number"] = item.printed
            cost += 1
        fields[id(item)] = own
        child_prefix = stem(own["number"]) if "number" in own else computed
        cost += clause_numbers(item.children, child_prefix, trailing_dot, fields)
    return cost


def _join(prefix: str, index: int) -> str:
    return f"{prefix}.{index}" if prefix else str(index)
