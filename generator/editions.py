"""Editions of a plan or regulation, and numbers that freeze once an edition is approved.

A new edition («актуализация») numbers its items cleanly. An amended edition keeps every
number of the edition it amends: kept items keep theirs, inserted items take a dotted
suffix (2.7.1, 12.1), items added at the end continue the count, and removed items leave
their number vacant (drafting rules §2.5). The clerk just edits a copy of the YAML; the
numbers are derived here from the diff with the previous edition (history.py says which
edition that is, and keeps each edition's numbers).
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, TypeVar

from . import model as m
from .numbering import plan_outline, point_numbers, regulation_outline
from .tree import CHILDREN, Path, resolve

if TYPE_CHECKING:
    from .diff import Diff

Numbered = TypeVar("Numbered")  # with_numbers gives back a node of the type it was given

NUMBERED = (m.Section, m.Measure, m.Chapter, m.Clause, m.Point)


def path_numbers(doc) -> dict[Path, str | None]:
    """Display number of every numbered node, by path."""
    if isinstance(doc, m.Plan):
        outline = [item.number for item in plan_outline(doc)]
        # walk() visits a section, its (unnumbered) passport, its measures depth first,
        # then its subsections: the order plan_outline numbers them in.
        paths = [p for p, node in walk(doc) if isinstance(node, m.Section | m.Measure)]
    elif isinstance(doc, m.Regulation):
        outline = [item.number for item in regulation_outline(doc)]
        paths = [p for p, node in walk(doc) if isinstance(node, m.Chapter | m.Clause)]
    else:
        outline = [number for number, _, _ in point_numbers(doc.points)]
        paths = [p for p, node in walk(doc) if isinstance(node, m.Point)]
    return dict(zip(paths, outline))


def walk(node, path: Path = ()):
    """Every node below `node` with its path, in document order."""
    for name in CHILDREN[type(node)]:
        for i, child in enumerate(getattr(node, name)):
            child_path = path + ((name, i),)
            yield child_path, child
            yield from walk(child, child_path)


# --- frozen numbers ---------------------------------------------------------------------


def carry_numbers(old_numbers: dict[Path, str | None], changes: Diff, new) -> dict[Path, str | None]:
    """Numbers for the amended edition `new`: old numbers kept, new ones by suffix."""
    numbers: dict[Path, str | None] = {}
    taken = {_stem(n) for n in old_numbers.values() if n}
    old_lists = _numbers_by_list(old_numbers)
    for path, node in walk(new):
        if not isinstance(node, NUMBERED):
            continue
        old_path = changes.kept.get(path)
        if old_path is not None:
            numbers[path] = old_numbers.get(old_path)
            continue
        typed = getattr(node, "number", None)
        if typed and not (isinstance(node, m.Section) and not node.numbered):
            numbers[path] = typed  # the clerk numbered the new item: that number wins
        else:
            numbers[path] = _number_for_added(path, new, old_lists, changes, numbers, taken)
        if number := numbers[path]:
            taken.add(_stem(number))
    return numbers


def _numbers_by_list(numbers: dict[Path, str | None]) -> dict[tuple[Path, str], list[str]]:
    """Old numbers grouped by the list that holds them: (parent path, list name) → numbers."""
    lists: dict[tuple[Path, str], list[str]] = {}
    for path, number in numbers.items():
        if number:
            lists.setdefault((path[:-1], path[-1][0]), []).append(number)
    return lists


def _number_for_added(path, new, old_lists, changes, numbers, taken) -> str | None:
    parent_path, (name, index) = path[:-1], path[-1]
    parent = resolve(new, parent_path)
    siblings = getattr(parent, name)
    if isinstance(siblings[index], m.Section) and not siblings[index].numbered:
        return None
    old_parent = _old_parent(parent_path, changes)
    old_siblings = old_lists.get((old_parent, name), []) if old_parent is not None else []
    style_dot = bool(old_siblings) and sum(n.endswith(".") for n in old_siblings) * 2 > len(old_siblings)
    kept_before = [k for k in range(index) if parent_path + ((name, k),) in changes.kept]
    kept_after = any(parent_path + ((name, k),) in changes.kept for k in range(index + 1, len(siblings)))
    if not kept_after:  # at the end: continue the count, past vacant (removed) numbers too
        given = [numbers[parent_path + ((name, k),)] for k in range(index) if numbers.get(parent_path + ((name, k),))]
        candidates = old_siblings + given
        last = max(candidates, key=_sort_key) if candidates else None
        following = _increment(last) if last is not None else None
        if last is not None and following:
            # the next number of this list: «9.» after «8.» even where rows of another
            # section restart at 1 and reach 9 (only this list's numbers are in the way)
            siblings = {_stem(n) for n in candidates}
            if _stem(last).count(".") == 0:
                return _fresh(following, siblings, style_dot)
            return _fresh(following, taken, style_dot)
    if kept_before:
        anchor = numbers[parent_path + ((name, kept_before[-1]),)]
        if anchor:
            step = index - kept_before[-1]
            if _inserted(anchor, old_siblings):  # after 2.7.1 comes 2.7.2, not 2.7.1.1
                following = _increment(anchor, step)
                if following and following not in taken:
                    return _fresh(following, taken, style_dot)
            return _suffix(anchor, step, taken, style_dot)
    parent_number = numbers.get(parent_path) if parent_path else None
    stem = _stem(parent_number) if parent_number else ""
    if kept_after:
        return _fresh(f"{stem}.0.{index + 1}" if stem else f"0.{index + 1}", taken, style_dot)
    return _fresh(f"{stem}.{index + 1}" if stem else str(index + 1), taken, style_dot)


def _old_parent(parent_path, changes) -> Path | None:
    return () if not parent_path else changes.kept.get(parent_path)


def _suffix(anchor: str, step: int, taken: set[str], dot: bool) -> str:
    stem = _stem(anchor)
    candidate = f"{stem}.{step}"
    if candidate in taken:  # 2.7.1 is a real sub-point already: 2.7(1)
        candidate = f"{stem}({step})"
    return _fresh(candidate, taken, dot)


def _fresh(stem: str, taken: set[str], dot: bool) -> str:
    while stem in taken:
        stem = _increment(stem) or stem + "(1)"
    return stem + "." if dot else stem


def _increment(number: str, step: int = 1) -> str | None:
    stem = _stem(number)
    match = re.fullmatch(r"(.*?)(\d+)", stem)
    return f"{match.group(1)}{int(match.group(2)) + step}" if match else None


def _inserted(number: str, siblings: list[str]) -> bool:
    """A number an earlier amendment inserted: deeper than most numbers of its list."""
    depths = [_stem(n).count(".") for n in siblings]
    if not depths:
        return False
    usual = max(set(depths), key=depths.count)
    return _stem(number).count(".") > usual


def _sort_key(number: str) -> tuple:
    return tuple(int(x) if x.isdigit() else 0 for x in re.split(r"[.()]", _stem(number)) if x)


def _stem(number: str) -> str:
    return number.strip().rstrip(".")


def with_numbers(doc: Numbered, numbers: dict[Path, str | None]) -> Numbered:
    """`doc` with every number written out explicitly (so it renders frozen)."""

    def rebuild(node, path: Path):
        updates = {}
        for name in CHILDREN[type(node)]:
            updates[name] = tuple(rebuild(c, path + ((name, i),)) for i, c in enumerate(getattr(node, name)))
        number = numbers.get(path)
        if isinstance(node, m.Section):
            if number is None:
                updates["numbered"] = False
            else:
                updates["number"] = _stem(number)
        elif isinstance(node, m.Measure | m.Chapter | m.Clause) and number:
            updates["number"] = _stem(number) if isinstance(node, m.Chapter) else number
        return dataclasses.replace(node, **updates)

    return rebuild(doc, ())
