"""Model → template context: every formatting decision, as plain strings.

Templates only loop and print; numbers, dates, «ёлочки», non-breaking spaces, the annex
header and the layout of a plan into tables are decided here.
"""

from __future__ import annotations

from . import formats
from . import model as m
from .columns import BUILTIN, PORTRAIT_WIDTH, ROLES, page_widths
from .numbering import (
    NumberedChapter,
    NumberedMeasure,
    NumberedSection,
    plan_outline,
    point_numbers,
    regulation_outline,
)
from .typography import signature_name, typeset, typeset_title

APPROVED_WORD = {"план": "УТВЕРЖДЕН", "положение": "УТВЕРЖДЕНО"}


# --- lines: the one shape every text takes in a template --------------------------------


def text_lines(text: m.Text, number: str | None = None) -> list[dict]:
    """A text as template lines; a number, if given, opens the first paragraph."""
    result: list[dict] = []
    for block in text:
        if isinstance(block, m.Bullets):
            marker = f"{block.marker} " if block.marker else ""
            result += [{"kind": "bullet", "marker": marker, "text": typeset(i)} for i in block.items]
        elif isinstance(block, m.Heading):
            result.append({"kind": "heading", "text": typeset(block.text)})
        elif isinstance(block, m.Lead):
            result.append({"kind": "lead", "lead": typeset(block.lead), "text": typeset(block.text)})
        else:
            result.append({"kind": "p", "text": typeset(block.text)})
    if number is not None:
        if result and result[0]["kind"] == "p":
            result[0]["text"] = f"{number} {result[0]['text']}"
        else:
            result.insert(0, {"kind": "p", "text": number})
    for line, following in zip(result, result[1:]):
        # «… следующие:» stays on the page of its list, a paragraph on that of its heading
        opens_list = line["text"].rstrip().endswith(":") and following["kind"] == "bullet"
        if line["kind"] == "p" and (opens_list or following["kind"] == "heading"):
            line["kind"] = "intro"
    return result


def introduces(lines: list[dict]) -> list[dict]:
    """The lines of a text that introduces what follows (a clause with sub-clauses): its
    last paragraph is kept with the next one, so it never ends a page alone."""
    if lines and lines[-1]["kind"] == "p":
        lines[-1] = {**lines[-1], "kind": "intro"}
    return lines


def _signature(signature: m.Signature | None) -> dict | None:
    if signature is None:
        return None
    return {"position": [typeset(line) for line in signature.position], "name": signature_name(signature.name)}


# --- orders -----------------------------------------------------------------------------


def order_view(org: m.Organization, order: m.Order) -> dict:
    points: list[dict] = []
    for number, point, _depth in point_numbers(order.points):
        lines = text_lines(point.text, number)
        points += introduces(lines) if point.points else lines
    return {
        "letterhead": [typeset(line) for line in org.letterhead],
        "doc_type": org.style.doc_type,
        "date": formats.date(order.date, org.style.date),
        "number": formats.number(order.number),
        "place": org.place and typeset(org.place),
        "title": typeset_title(order.title),
        **_preamble_and_command(org.style, text_lines(order.preamble)),
        "points": points,
        "sign": _signature(org.signatory(order.signatory)),
    }


def _preamble_and_command(style: m.Style, preamble: list[dict]) -> dict:
    """«ПРИКАЗЫВАЮ:» as its own paragraph, or run in at the end of the preamble's last paragraph."""
    if style.command_position == "run-in" and preamble and preamble[-1]["kind"] == "p":
        last = preamble[-1]
        return {"preamble": [*preamble[:-1], {**last, "text": f"{last['text']} {style.command}"}], "command": ""}
    return {"preamble": preamble, "command": style.command}


def amendment_order_view(org: m.Organization, order: m.Order, composition) -> dict:
    """An amending order: the computed title and point 1 with its sub-points, then the
    order's own points (execution, control) numbered after it."""
    context = order_view(org, order)
    context["title"] = composition.title
    points: list[dict] = [{"kind": "p", "text": f"1. {composition.lead}"}]
    for index, item in enumerate(composition.items, start=1):
        points.append({"kind": "p", "text": f"1.{index}. {item.text}"})
        if item.rows:
            points.append(_quoted_rows(item.rows))
        points += [{"kind": "p", "text": line} for line in item.quote]
    for number, point, _depth in point_numbers(order.points, offset=1):
        points += text_lines(point.text, number)
    context["points"] = points
    return context


def _quoted_rows(rows: list[list[str]]) -> dict:
    """Rows an amending order quotes: the template's four-column table, or a cell a column
    for a plan with declared columns (number and text wider, the rest shared)."""
    if all(len(row) == 4 for row in rows):
        return {"kind": "rows", "rows": rows}
    count = max(len(row) for row in rows)
    other = min(2.5, (PORTRAIT_WIDTH - 1.5 - 5.0) / max(count - 2, 1))  # the order is portrait
    widths = [round(w * CM) for w in (1.5, PORTRAIT_WIDTH - 1.5 - other * (count - 2), *[other] * (count - 2))]
    return {"kind": "grid_rows", "rows": [[{"text": text, "width": w} for text, w in zip(row, widths)] for row in rows]}


def revisions_line(orders: list[m.Order], date_style: str) -> list[str]:
    """«(в ред. приказов от … № …, от … № …)» under the header of an amended annex."""
    return [f"({formats.revisions(orders, date_style)})"] if orders else []


def single_annex_header(org: m.Organization, order: m.Order) -> list[str]:
    """«Приложение / к приказу … / от … № …» for the one annex of an order."""
    return ["Приложение", f"к приказу {typeset(org.name_genitive)}", formats.cited(order, org.style.date)]


def annex_header(org: m.Organization, order: m.Order, index: int, doc: m.Document) -> list[str]:
    """«Приложение № 1 / к приказу … / от … № …», or the гриф «УТВЕРЖДЕН / приказом …»."""
    ref = order.annexes[index]
    style = ref.header or org.style.annex_header
    if style == "approved":
        dated = formats.cited(order, org.style.date)
        return [APPROVED_WORD.get(doc.kind_word, "УТВЕРЖДЕН"), f"приказом {typeset(org.name_genitive)}", dated]
    header = single_annex_header(org, order)
    if len(order.annexes) > 1:
        header[0] = typeset(f"Приложение № {index + 1}")
    return header


# --- plans ------------------------------------------------------------------------------


def plan_view(plan: m.Plan, header: list[str]) -> dict:
    grid = plan_grid(plan)
    return {
        "landscape": bool(grid and grid["landscape"]),
        "header": header,
        "title": typeset_title(plan.title),
        "note_title": plan.note and plan.note.title and typeset(plan.note.title),
        "note": text_lines(plan.note.text) if plan.note else [],
        "table_title": plan.table_title and typeset(plan.table_title),
        "columns": [typeset(c.title) for c in plan.columns],
        "column_numbers": plan.column_numbers,
        "parts": plan_parts(plan, grid),
        "sign": _signature(plan.signature),
    }


def plan_grid(plan: m.Plan) -> dict | None:
    """The columns of a plan laid out as declared, or None for the default four-column
    table (the template's own, which every plan of that shape keeps)."""
    if tuple(c.role for c in plan.columns) == BUILTIN:
        return None
    flexible = next((i for i, c in enumerate(plan.columns) if c.role == "measure" and c.width is None), None)
    widths, landscape = page_widths([c.width or ROLES[c.role].width for c in plan.columns], flexible)
    twips = [round(w * CM) for w in widths]
    return {
        "columns": [{"title": typeset(c.title), "width": w} for c, w in zip(plan.columns, twips)],
        "width": sum(twips),
        "landscape": landscape,
    }


CM = 567  # twentieths of a point in a centimetre: the unit of widths in WordprocessingML


def plan_parts(plan: m.Plan, grid: dict | None = None) -> list[dict]:
    """The plan as a sequence of headings, passport texts and tables.

    Sections are rows of the table, except where a section has passport blocks: those
    are text between tables, so the section's heading moves out of the table above
    them. With `table_per_section`, each top-level section starts a new table, which
    keeps LibreOffice's layout linear for long plans.
    """
    parts: list[dict] = []
    rows: list[dict] = []
    table = {"kind": "table"} if grid is None else {"kind": "grid", **grid}

    def close_table() -> None:
        nonlocal rows
        if rows:
            parts.append({**table, "rows": rows})
            rows = []

    totals: list[tuple[int, m.Section]] = []  # open sections with a total row, by depth
    for item in plan_outline(plan):
        depth = item.depth
        while totals and totals[-1][0] >= depth and isinstance(item, NumberedSection):
            rows.append(_total_row(plan, grid, totals.pop()[1]))
        if isinstance(item, NumberedSection):
            title = _section_title(item)
            if item.section.total:
                totals.append((depth, item.section))
            if item.section.passport:
                close_table()
                parts.append({"kind": "heading", "text": title})
                parts.append({"kind": "lines", "lines": _passport_lines(item.section.passport)})
                continue
            if plan.table_per_section and item.depth == 1:
                close_table()
            rows.append({"section": True, "title": title})
        else:
            row = _measure_row(plan, item)
            rows.append(row if grid is None else _grid_row(plan, grid, item, row))
    while totals:
        rows.append(_total_row(plan, grid, totals.pop()[1]))
    close_table()
    return parts


def _grid_row(plan: m.Plan, grid: dict, item: NumberedMeasure, row: dict) -> dict:
    """A measure's cells in the plan's column order."""
    own = {
        "number": [{"kind": "p", "text": row["number"]}],
        "measure": row["text"],
        "deadline": [{"kind": "p", "text": row["deadline"]}],
        "responsible": [{"kind": "p", "text": row["responsible"]}],
    }
    cells = []
    for column, layout in zip(plan.columns, grid["columns"]):
        lines = (
            own.get(column.role)
            if column.key is None
            else [{"kind": "p", "text": typeset(item.measure.value(column.key) or "")}]
        )
        cells.append({"lines": lines, "center": ROLES[column.role].centered, "width": layout["width"]})
    return {"section": False, "cells": cells}


def _total_row(plan: m.Plan, grid: dict | None, section: m.Section) -> dict:
    """«Итого по разделу» with the section's totals under their columns."""
    if grid is None:  # a default table has no column for a total: the line goes in the text
        shown = "; ".join(typeset(v) for _, v in section.total)
        return {"section": True, "title": f"Итого по разделу: {shown}"}
    cells = []
    for column, layout in zip(plan.columns, grid["columns"]):
        text = "Итого по разделу" if column.role == "measure" else dict(section.total).get(column.key or "", "")
        cells.append(
            {
                "lines": [{"kind": "p", "text": typeset(text)}],
                "center": column.role != "measure",
                "width": layout["width"],
            }
        )
    return {"section": False, "cells": cells}


def _section_title(item: NumberedSection) -> str:
    title = typeset_title(item.section.title)
    return f"{item.number} {title}" if item.number else title


def _passport_lines(blocks: tuple[m.PassportBlock, ...]) -> list[dict]:
    result: list[dict] = []
    for block in blocks:
        label = typeset(block.label) + ":"
        body = text_lines(block.text)
        if body and body[0]["kind"] == "p":
            first = body.pop(0)
            result.append({"kind": "lead", "lead": label, "text": first["text"]})
        else:
            result.append({"kind": "heading", "text": label})
        result += body
    return result


def _measure_row(plan: m.Plan, item: NumberedMeasure) -> dict:
    measure = item.measure
    text = text_lines(measure.text)
    if measure.note:
        text.append({"kind": "p", "text": f"Примечание: {typeset(measure.note)}"})
    return {
        "section": False,
        "number": item.number,
        "depth": item.depth,
        "text": text,
        "deadline": typeset(measure.deadline or ""),
        "responsible": _separator(plan, measure).join(typeset(u) for u in measure.responsible),
    }


def _separator(plan: m.Plan, measure: m.Measure) -> str:
    own = measure.responsible_separator
    return own if own is not None else plan.responsible_separator


# --- regulations ------------------------------------------------------------------------


def regulation_view(regulation: m.Regulation, header: list[str]) -> dict:
    body: list[dict] = []
    for item in regulation_outline(regulation):
        if isinstance(item, NumberedChapter):
            chapter = item.chapter
            body.append({"kind": "chapter", "text": f"{item.number} {typeset_title(chapter.title)}"})
            body += text_lines(chapter.text)
            continue
        clause = item.clause
        lines = text_lines(clause.text, item.number)
        body += introduces(lines) if clause.clauses or clause.definitions else lines
        body += [{"kind": "p", "text": f"{typeset(d.term)}\u00a0– {typeset(d.definition)}"} for d in clause.definitions]
    return {
        "header": header,
        "title": typeset_title(regulation.title),
        "body": body,
        "sign": _signature(regulation.signature),
    }
