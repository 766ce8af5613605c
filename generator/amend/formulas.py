"""The formulas for one change: a document's own fields, removals («исключить», «признать
утратившим силу»), additions («дополнить … следующего содержания») and changed units
(a fragment, or «изложить в следующей редакции»)."""

from __future__ import annotations

import dataclasses

from .. import model as m
from ..diff import Change
from ..printed import TOTAL_LABEL, cell_text
from ..tree import CHILDREN, Path, resolve
from ..typography import printed_key, typeset
from .fragments import fragment
from .names import Item, Wording, in_section, label, new_path, old_path, unit_name, where
from .quote import quoted, quoted_lines, quoted_table, requote
from .words import bare, join_numbers


def document_items(ctx: Wording, changes: list[Change]) -> list[Item]:
    """The document's own fields: title, preamble, explanatory note, column titles."""
    items = []
    for change in changes:
        for f in change.fields:
            new = f.new
            if f.name == "title" and isinstance(new, str):
                items.append(
                    Item(
                        f"наименование изложить в следующей редакции: «{typeset(new)}».",
                        changes=[change],
                        order_key=(-1, 0),
                        unit="наименование",
                    )
                )
            elif f.name == "preamble" and isinstance(new, tuple) and new:
                items.append(
                    Item(
                        "преамбулу изложить в следующей редакции:",
                        quote=quoted_lines(cell_text(new).splitlines()),
                        changes=[change],
                        order_key=(-1, 0.5),
                        unit="преамбула",
                    )
                )
            elif f.name == "note" and isinstance(new, m.Note):
                lines = [typeset(x) for x in m.plain_text(new.text).splitlines()]
                items.append(
                    Item(
                        "пояснительную записку изложить в следующей редакции:",
                        quote=quoted_lines(lines),
                        changes=[change],
                        order_key=(-1, 1),
                        unit="пояснительная записка",
                    )
                )
            elif f.name == "note":
                items.append(
                    Item(
                        "пояснительную записку исключить.",
                        changes=[change],
                        order_key=(-1, 1),
                        unit="пояснительная записка",
                    )
                )
            elif f.name == "columns" and isinstance(new, tuple):
                items.append(
                    Item(
                        "наименования граф таблицы изложить в следующей редакции: «"
                        + "», «".join(typeset(c.title) for c in new)
                        + "».",
                        changes=[change],
                        order_key=(-1, 2),
                        unit="наименования граф таблицы",
                    )
                )
    return items


def removals(ctx: Wording, changes: list[Change], order) -> list[Item]:
    """Consecutive removed rows of one list share one item: «пункты 3.4 и 3.5 исключить»."""
    items = []
    for group in _runs(changes, old_path, order):
        first = group[0]
        node = first.old
        numbers = [ctx.old_numbers.get(old_path(c)) for c in group]
        plural = len(group) > 1
        if isinstance(node, m.PassportBlock) or not all(numbers):
            labels = [label(ctx, c.old, ctx.old_numbers.get(old_path(c))) for c in group]
            subject = where(ctx, old_path(first)) + ", ".join(labels)
        else:
            subject = in_section(ctx, old_path(first))
            subject += f"{ctx.word(node, 'acc', plural)} {join_numbers([n for n in numbers if n])}"
        items.append(
            Item(
                f"{subject} {_removal_verb(ctx, node, plural)}.",
                changes=group,
                order_key=(order[old_path(first)], 0),
                unit=unit_name(ctx, old_path(first), numbers) if all(numbers) else subject,
            )
        )
    return items


def _removal_verb(ctx: Wording, node, plural: bool) -> str:
    if isinstance(node, m.Measure | m.Section | m.PassportBlock) and ctx.settings.removal == "исключить":
        return "исключить"
    feminine = isinstance(node, m.Chapter) or (isinstance(node, m.Measure) and ctx.settings.row_word != "пункт")
    if plural:
        return "признать утратившими силу"
    return "признать утратившей силу" if feminine else "признать утратившим силу"


def additions(ctx: Wording, changes: list[Change], order) -> list[Item]:
    """Items added at one place share one item: «после пункта 2.7 дополнить пунктами …»."""
    groups: dict[tuple, list[Change]] = {}
    for change in changes:
        groups.setdefault((change.container, change.list_name, change.anchor), []).append(change)
    return [
        _addition(ctx, container, list_name, anchor, group, order)
        for (container, list_name, anchor), group in groups.items()
    ]


def _addition(ctx: Wording, container, list_name, anchor, group, order) -> Item:
    node = group[0].new
    numbers = [ctx.new_numbers.get(new_path(c)) for c in group]
    plural = len(group) > 1
    what_word = ctx.word(node, "ins", plural)
    what = f"{what_word} {join_numbers([n for n in numbers if n])}" if all(numbers) else what_word
    siblings = getattr(resolve(ctx.old, container), list_name)
    at_end = all((container + ((list_name, k),)) not in ctx.kept_old for k in range(anchor + 1, len(siblings)))
    if anchor >= 0 and not at_end:
        anchor_path = container + ((list_name, anchor),)
        place = in_section(ctx, anchor_path) + "после "
        place += label(ctx, siblings[anchor], ctx.old_numbers.get(anchor_path), "gen") + " "
        key = order[anchor_path]
    elif anchor == -1 and siblings:
        first_path = container + ((list_name, 0),)
        place = in_section(ctx, first_path) + "перед "
        place += label(ctx, siblings[0], ctx.old_numbers.get(first_path), "ins") + " "
        key = order[first_path] - 0.5
    else:
        parent = resolve(ctx.old, container)
        place = label(ctx, parent, ctx.old_numbers.get(container)) + " " if container else ""
        if not container and isinstance(ctx.old, m.Order):
            place = "приказ "  # «приказ дополнить пунктом 4»
        key = ctx.last_inside.get(container, -1) + 0.5
    rows: list[list[str]] = []
    quote: list[str] = []
    for change in group:
        r, q = quoted(ctx.old, change.new, ctx.new_numbers, new_path(change), ctx.separator, ctx.cells)
        rows += r
        quote += q
    rows, quote = requote(rows, quote)
    text = f"{place}дополнить {what} следующего содержания:".strip()
    unit = unit_name(ctx, new_path(group[0]), numbers, new=True) if all(numbers) else what
    parent = resolve(ctx.old, container) if container else None
    if ctx.qualify and isinstance(parent, m.Section):
        unit = label(ctx, parent, ctx.old_numbers.get(container), "nom") + ", " + unit
    return Item(text[0].lower() + text[1:], rows=rows, quote=quote, changes=group, order_key=(key, 3), unit=unit)


def changed(ctx: Wording, change: Change, order) -> Item | None:
    """A kept unit that reads otherwise: its heading, its «Итого» row, a fragment, or all of it."""
    node = change.old
    number = ctx.old_numbers.get(old_path(change))
    key = (order[old_path(change)], 2)
    before = ctx.current[old_path(change)]  # the unit's cells after the grouped replacements
    after = ctx.new_units[new_path(change)].cells
    differ = [k for k in after if printed_key(before.get(k, "")) != printed_key(after[k])]
    if not differ:
        return None  # a grouped item («по тексту …», «в графе … пунктов …») said it all
    if (
        isinstance(node, m.Section | m.Chapter)
        and isinstance(change.new, m.Section | m.Chapter)
        and differ == ["title"]
    ):
        title = change.new.title
        shown = f"{bare(number)}. {typeset(title)}" if number else typeset(title)
        word = "наименование " + ctx.word(node, "gen")
        suffix = f" {bare(number)}" if number else f" «{typeset(node.title)}»"
        return Item(
            f"{word}{suffix} изложить в следующей редакции: «{shown}».",
            changes=[change],
            order_key=key,
            unit=f"{word}{suffix}",
        )
    if isinstance(node, m.Section) and differ and all(k.startswith("total:") for k in differ):
        row = [TOTAL_LABEL if c == "text" else after.get(f"total:{c}", "") for c in ctx.cells]
        place = in_section(ctx, old_path(change)) + f"строку «{TOTAL_LABEL}» " + label(ctx, node, number, "gen")
        return Item(
            f"{place} изложить в следующей редакции:",
            rows=quoted_table([row]),
            changes=[change],
            order_key=key,
            unit=place,
        )
    if len(differ) == 1:
        sentence = fragment(ctx, change, number, differ[0], before[differ[0]], after[differ[0]])
        if sentence:
            column = f", графа «{typeset(ctx.columns[differ[0]])}»" if "в графе «" in sentence else ""
            return Item(
                sentence, changes=[change], order_key=key, unit=unit_name(ctx, old_path(change), [number]) + column
            )
    place = where(ctx, old_path(change)) if isinstance(node, m.PassportBlock) else in_section(ctx, old_path(change))
    place += label(ctx, node, number)
    new_numbers = dict(ctx.new_numbers)
    new_numbers[new_path(change)] = number  # a kept unit keeps its number
    rows, quote = quoted(ctx.old, _own_only(change.new), new_numbers, new_path(change), ctx.separator, ctx.cells)
    restated = old_path(change) if isinstance(node, m.Measure) and rows and number else None
    return Item(
        f"{place} изложить в следующей редакции:",
        rows=rows,
        quote=quote,
        changes=[change],
        order_key=key,
        restated=restated,
        unit=unit_name(ctx, old_path(change), [number]) if number else place,
    )


def _own_only(node):
    """A node without its children: «изложить» restates the unit's own cells."""
    return dataclasses.replace(node, **{name: () for name in CHILDREN[type(node)]})


def _runs(changes: list[Change], path_of, order) -> list[list[Change]]:
    """Group changes on consecutive siblings of one list."""
    ordered = sorted(changes, key=lambda c: order[path_of(c)])
    groups: list[list[Change]] = []
    for change in ordered:
        path: Path = path_of(change)
        if groups:
            last = path_of(groups[-1][-1])
            same_list = last[:-1] == path[:-1] and last[-1][0] == path[-1][0]
            if same_list and path[-1][1] == last[-1][1] + 1 and type(change.old) is type(groups[-1][-1].old):
                groups[-1].append(change)
                continue
        groups.append([change])
    return groups
