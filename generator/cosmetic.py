"""Edits nobody sees in print: spacing, quote style, «ё», a hyphen for a dash.

An amending order changes what the act says; an edition retyped with «ёлочки» instead
of straight quotes says the same. Such edits get no item of the order (and no row of the
comparison table); `prikaz diff` counts them as «изменения оформления».
"""

from __future__ import annotations

import dataclasses

from . import model as m
from .diff import Change
from .typography import printed_key


def printed(value) -> object:
    """A field's value as a reader sees it (see typography.printed_key)."""
    if isinstance(value, str):
        return printed_key(value)
    if isinstance(value, m.Paragraph | m.Heading):
        return (type(value).__name__, printed_key(value.text))
    if isinstance(value, m.Lead):
        return ("Lead", printed_key(value.lead), printed_key(value.text))
    if isinstance(value, m.Bullets):
        return ("Bullets", printed_key(value.marker), tuple(printed_key(i) for i in value.items))
    if isinstance(value, m.Definition):
        return ("Definition", printed_key(value.term), printed_key(value.definition))
    if isinstance(value, m.Note):
        return ("Note", printed(value.title), printed(value.text))
    if isinstance(value, tuple):
        return tuple(printed(v) for v in value)
    return value


def split_visible(changes: list[Change]) -> tuple[list[Change], list[Change]]:
    """(changes a reader sees, changes of typing only); a change keeps its visible fields."""
    visible: list[Change] = []
    cosmetic: list[Change] = []
    for change in changes:
        if change.kind not in ("changed", "document") or not change.fields:
            visible.append(change)
            continue
        seen = tuple(f for f in change.fields if printed(f.old) != printed(f.new))
        if not seen:
            cosmetic.append(change)
        else:
            visible.append(dataclasses.replace(change, fields=seen) if seen != change.fields else change)
            if seen != change.fields:
                cosmetic.append(dataclasses.replace(change, fields=tuple(f for f in change.fields if f not in seen)))
    return visible, cosmetic
