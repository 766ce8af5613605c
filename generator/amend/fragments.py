"""An edit in one place of a printed cell, and its formula: «в пункте 2.7 слова «…»
заменить словами «…»», «… исключить», «после слов «…» дополнить словами «…»»."""

from __future__ import annotations

import re

from .. import model as m
from ..diff import Change, word_diff
from ..printed import NotApplicable, insert_after, replace_once
from ..typography import printed_key, typeset
from .names import Wording, in_section, old_path
from .words import bare, words_acc, words_gen, words_ins


def fragment(ctx: Wording, change: Change, number: str | None, cell: str, old_text: str, new_text: str) -> str | None:
    """«в графе «Срок исполнения» пункта 4.2 слова «…» заменить словами «…»», if it applies
    to the printed cell exactly (checked by applying it) and is shorter than a restatement."""
    if not number or not isinstance(change.old, m.Measure | m.Clause | m.Point):
        return None
    edit = cell_edit(ctx, cell, old_text, new_text)
    if edit is None:
        return None
    before, removed, added = edit
    section = in_section(ctx, old_path(change))
    column_name = typeset(ctx.columns.get(cell) or "")
    if isinstance(change.old, m.Measure) and column_name:
        where = f"{section}в графе «{column_name}» {ctx.word(change.old, 'gen')} {bare(number)}"
    elif cell == "text":
        where = f"{section}в {ctx.word(change.old, 'prep')} {bare(number)}"
    else:
        return None
    sentence = fragment_sentence(where, before, removed, added)
    if sentence is None or printed_key(apply_fragment(old_text, before, removed, added)) != printed_key(new_text):
        return None
    # The whole-row form is clearer when the fragment form is not shorter than it.
    return sentence if len(sentence) < 40 + _restated_length(change.new) else None


def fragment_sentence(where: str, before: str, removed: str, added: str) -> str | None:
    if removed and added:
        return f"{where} {words_acc(removed)} «{removed}» заменить {words_ins(added)} «{added}»."
    if removed:
        return f"{where} {words_acc(removed)} «{removed}» исключить."
    if before and added:
        return f"{where} после {words_gen(before)} «{before}» дополнить {words_ins(added)} «{added}»."
    return None


def apply_fragment(text: str, before: str, removed: str, added: str) -> str:
    try:
        if removed:
            return replace_once(text, removed, added)
        return insert_after(text, before, added)
    except NotApplicable:
        return "\u0000"  # matches no text: the fragment form is refused


def _restated_length(node) -> int:
    """How long «… изложить в следующей редакции» would quote: every cell of the unit."""
    cells = [m.plain_text(node.text), getattr(node, "deadline", None) or "", " ".join(getattr(node, "responsible", ()))]
    return sum(len(c) for c in cells)


def cell_edit(ctx: Wording, cell: str, old: str, new: str) -> tuple[str, str, str] | None:
    """(words before, removed, added) for an edit in one place of a printed cell.

    Responsible units are compared unit by unit, so a renamed unit is one replacement of
    its whole name, not of the word that happened to differ.
    """
    if cell == "responsible":
        separator = ctx.separator if ctx.separator.strip("\n ") else "\n"
        edit = _units_edit(old.split(separator), new.split(separator))
        if edit:
            return edit
    edit = single_edit(old, new)
    if edit is None and cell in ("deadline", "responsible") and old and new:
        return "", old, new  # a short cell changed in several places: its whole wording
    return edit


def _units_edit(old: list[str], new: list[str]) -> tuple[str, str, str] | None:
    if len(old) == len(new):
        differ = [k for k in range(len(old)) if old[k] != new[k]]
        if len(differ) == 1:
            return "", old[differ[0]], new[differ[0]]
    return None


_WORD_START = re.compile(r"\S+")


def single_edit(old: str, new: str) -> tuple[str, str, str] | None:
    """(words before, removed, added) when old and new differ in one run of words."""
    runs = word_diff(old, new)
    changed = [k for k, (op, _) in enumerate(runs) if op != "equal"]
    if not changed or changed[-1] - changed[0] > 1:
        return None
    removed = "".join(t for op, t in runs if op == "delete").strip()
    added = "".join(t for op, t in runs if op == "insert").strip()
    before = "".join(t for op, t in runs[: changed[0]] if op == "equal").rstrip()
    starts = [w.start() for w in _WORD_START.finditer(before)]
    anchor = before[starts[-3] :] if len(starts) >= 3 else before
    return anchor, removed, added
