"""The lawyer's comparison table («сравнительная таблица»): one row per amendment item.

Columns: № п/п, the structural unit, the current wording with removed words marked, the
proposed wording with added words marked, and the reason given in the content. The rows
follow the order of the amendment's sub-points. Writers (DOCX, HTML) take these rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import formats
from . import model as m
from .amend import Composition
from .diff import Change, word_diff
from .typography import typeset

Runs = list[tuple[str, str]]  # (equal | delete | insert, text)


@dataclass(frozen=True)
class ComparisonRow:
    """One row of the comparison table: one sub-point of the amendment."""

    number: int
    unit: str  # «пункт 2.7», «раздел «…»», «наименование», «по тексту»
    current: Runs
    proposed: Runs
    reason: str
    amendment: str  # the wording of the sub-point: «пункт 2.7 изложить …»


def comparison_rows(
    composition: Composition, separator: str = ", ", columns: tuple[m.Column, ...] = ()
) -> list[ComparisonRow]:
    """`columns`: the plan's extra columns, shown under their titles («Объём …: 120,0»)."""
    rows = []
    for index, item in enumerate(composition.items, start=1):
        current: Runs = []
        proposed: Runs = []
        for change in item.changes:
            old_text = _unit_text(change.old, separator, columns) if change.old is not None else ""
            new_text = _unit_text(change.new, separator, columns) if change.new is not None else ""
            if change.kind == "removed":
                new_text = _removed_wording(item.text, change.old)
            if change.kind == "document":
                old_text, new_text = _document_texts(change)
            runs = word_diff(old_text, new_text) if change.kind in ("changed", "document") else None
            current += _separated(current, runs and [r for r in runs if r[0] != "insert"] or _all(old_text, "delete"))
            proposed += _separated(
                proposed,
                runs
                and [r for r in runs if r[0] != "delete"]
                or _all(new_text, "equal" if change.kind == "removed" else "insert"),
            )
        reasons = (getattr(c.new, "reason", None) for c in item.changes)
        reason = "; ".join(typeset(r) for r in reasons if r)
        unit = item.unit or _unit(item.text)
        rows.append(
            ComparisonRow(index, unit[:1].upper() + unit[1:], current, proposed, reason, f"1.{index}. {item.text}")
        )
    return rows


def heading(dep: m.Department, old, new, composition: Composition) -> tuple[str, str]:
    """(title, subtitle): the table names the amended document and the amending order by
    their titles, dates and numbers, never by the ids of the content."""
    from .grammar import name_in_accusative
    from .history import history

    org = dep.organization
    order = history(dep).amending_order(new.id)
    subtitle = f"изменений, вносимых в {name_in_accusative(typeset(old.title)).accusative}"
    if order is not None:
        subtitle += f", приказом {typeset(org.name_genitive)} {formats.cited(order, org.style.date)}"
    subtitle += f" «{composition.title}»" if order is not None else f" (проект приказа «{composition.title}»)"
    return "Сравнительная таблица", subtitle


def _removed_wording(formula: str, node) -> str:
    """The verb of the order in the past: «Исключен», «Признан утратившим силу»."""
    feminine = isinstance(node, m.Chapter) or "строк" in formula or "позици" in formula
    if "утратившим силу" in formula or "утратившей силу" in formula or "утратившими силу" in formula:
        return "Признана утратившей силу" if feminine else "Признан утратившим силу"
    return "Исключена" if feminine else "Исключен"


def _unit(text: str) -> str:
    """The structural unit named by the formula: the words before its verb."""
    markers = (" изложить", " исключить", " признать", " дополнить", " слова «", " цифры «")
    found = [text.find(marker) for marker in markers if marker in text]
    return text[: min(found)].strip() if found else text


def _unit_text(node, separator: str, columns: tuple[m.Column, ...] = ()) -> str:
    if isinstance(node, m.Measure):
        parts = [m.plain_text(node.text)]
        if node.deadline:
            parts.append("Срок: " + node.deadline)
        if node.responsible:
            parts.append("Ответственные: " + separator.join(node.responsible))
        parts += [f"{c.title}: {value}" for c in columns if c.key and (value := node.value(c.key))]
        return typeset("\n".join(parts))
    if isinstance(node, m.Section) and node.total:
        totals = dict(node.total)
        shown = [f"{c.title}: {totals[c.key]}" for c in columns if c.key in totals]
        return typeset("\n".join([node.title, "Итого по разделу", *shown]))
    if isinstance(node, m.Section | m.Chapter):
        return typeset(node.title)
    if isinstance(node, m.PassportBlock):
        return typeset(node.label + ": " + m.plain_text(node.text))
    if hasattr(node, "text"):
        return typeset(m.plain_text(node.text))
    return ""


def _document_texts(change: Change) -> tuple[str, str]:
    olds, news = [], []
    for f in change.fields:
        if isinstance(f.old, str | type(None)) and isinstance(f.new, str | type(None)):
            olds.append(typeset(f.old or ""))
            news.append(typeset(f.new or ""))
        elif isinstance(f.old, m.Note | type(None)) and isinstance(f.new, m.Note | type(None)):
            olds.append(typeset(m.plain_text(f.old.text)) if f.old else "")
            news.append(typeset(m.plain_text(f.new.text)) if f.new else "")
    return "\n".join(olds), "\n".join(news)


def _all(text: str, op: str) -> Runs:
    return [(op, text)] if text else []


def _separated(existing: Runs, runs: Runs) -> Runs:
    """Several changes in one row (a group): their texts one under another."""
    return ([("equal", "\n")] if existing and runs else []) + list(runs)
