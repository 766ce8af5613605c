"""One replacement made in many units, worded once: «по тексту слова «…» заменить словами
«…»», or «в графе «Ответственные» пунктов 1.6, 5.2 и 5.5 слова «…» заменить …»."""

from __future__ import annotations

from ..diff import Change, Path
from ..printed import occurrences, replace_all
from ..typography import printed_key, typeset
from .fragments import cell_edit
from .names import Item, Wording, in_section, row_word, section_name
from .words import UNIT_FORMS, join_numbers, words_acc, words_ins


def grouped(ctx: Wording, pending: list[Change], order) -> list[Item]:
    """One item for one replacement made in many units.

    «по тексту слова «…» заменить словами «…»» when every place of the old words takes
    it (or all but a few: «…, за исключением пунктов 2.1 и 3.4»); otherwise «в графе
    «Ответственные» пунктов 1.6, 5.2 и 5.5 слова «…» заменить словами «…»». The
    replacement is then made in `ctx.current`, so the items of the same units that follow
    word only what is left to change.
    """
    items = []
    for removed, added in _candidates(ctx, pending):
        taken, kept_as_is = _takers(ctx, removed, added)
        item = None
        if _explained(ctx, taken, removed, added) >= 2:  # else rows rewritten for other reasons
            item = _throughout_item(ctx, removed, added, taken, kept_as_is)
        if item is None:
            item = _column_listing(ctx, removed, added)
        if item is None and _explained(ctx, taken, removed, added) >= 2:
            item = _listing_item(ctx, removed, added, taken)
        if item is None:
            continue
        item.changes = [c for c in pending if c.kind == "changed" and c.old_path in item.changes]
        item.order_key = (-0.5, len(items)) if item.text.startswith("по тексту") else (
            min(order[c.old_path] for c in item.changes), 1)
        items.append(item)
    return items


def _candidates(ctx: Wording, pending: list[Change]) -> list[tuple[str, str]]:
    """Replacements (old words, new words) seen in more than one changed unit, most first."""
    seen: dict[tuple[str, str], int] = {}
    for change in pending:
        if change.kind != "changed" or change.new_path not in ctx.new_units:
            continue
        before, after = ctx.current[change.old_path], ctx.new_units[change.new_path].cells
        found = set()
        for cell in after:
            if printed_key(before.get(cell, "")) == printed_key(after[cell]):
                continue
            edit = cell_edit(ctx, cell, before.get(cell, ""), after[cell])
            if edit and edit[1] and edit[2]:
                found.add(edit[1:])
        for pair in found:
            seen[pair] = seen.get(pair, 0) + 1
    return [pair for pair, n in sorted(seen.items(), key=lambda kv: -kv[1]) if n > 1]


def _takers(ctx: Wording, removed: str, added: str) -> tuple[list[Path], list[Path]]:
    """Old units whose every place of `removed` became `added`; kept units where it did not."""
    taken, others = [], []
    for path in ctx.old_units:
        cells = ctx.current[path]
        places = [c for c, text in cells.items() if occurrences(text, removed)]
        new_path = ctx.new_path_of.get(path)
        if not places or new_path is None:
            continue  # the words are not here, or the unit is removed: no matter
        after = ctx.new_units[new_path].cells
        if all(occurrences(after.get(c, ""), removed) == 0
               and occurrences(after.get(c, ""), added) >= occurrences(cells[c], removed) for c in places):
            taken.append(path)
        else:
            others.append(path)
    return taken, others


def _explained(ctx: Wording, taken: list[Path], removed: str, added: str) -> int:
    """How many units the replacement alone turns into their new wording."""
    count = 0
    for path in taken:
        after = ctx.new_units[ctx.new_path_of[path]].cells
        if all(printed_key(replace_all(text, removed, added)) == printed_key(after.get(cell, ""))
               for cell, text in ctx.current[path].items()):
            count += 1
    return count


def _replace_in(ctx: Wording, paths: list[Path], removed: str, added: str, cell: str | None = None) -> None:
    """Make the replacement in the current wording of `paths` (in one cell, or in all)."""
    for path in paths:
        current = ctx.current[path]
        for name in [cell] if cell else list(current):
            current[name] = replace_all(current[name], removed, added)


def _throughout_item(ctx, removed, added, taken, kept_as_is) -> Item | None:
    root_cells = " ".join(ctx.old_printed.cells.values())
    if _explained(ctx, taken, removed, added) < ctx.settings.throughout_min or occurrences(root_cells, removed):
        return None
    except_part = ""
    if kept_as_is:
        numbers = [ctx.old_units[p].number for p in kept_as_is]
        units = {ctx.old_units[p].kind for p in kept_as_is}
        if (ctx.qualify or not all(numbers) or len(kept_as_is) * 2 >= len(taken)
                or not units <= {"measure", "clause", "point"}):
            return None
        word = UNIT_FORMS[row_word(ctx, kept_as_is[0])]["gen" if len(numbers) == 1 else "pl_gen"]
        except_part = f", за исключением {word} {join_numbers(numbers)}"
    _replace_in(ctx, taken, removed, added)
    text = (f"по тексту {words_acc(removed)} «{removed}» заменить {words_ins(added)} «{added}»"
            f"{except_part}.")
    return Item(text, changes=list(taken), unit="по тексту" + _touched(ctx, taken))


def _touched(ctx: Wording, taken: list[Path]) -> str:
    """« (пункты 1.6, 2.1 и 2.4)», by section when row numbers repeat across sections."""
    groups: dict[str, list[str]] = {}
    for path in sorted(taken):
        unit = ctx.old_units[path]
        if unit.number:
            groups.setdefault(section_name(ctx, path), []).append(unit.number)
    if not groups:
        return ""
    word = UNIT_FORMS[row_word(ctx, taken[0])]
    parts = [(f"{section}: " if section else "") + f"{word['pl_nom' if len(n) > 1 else 'nom']} {join_numbers(n)}"
             for section, n in groups.items()]
    return " (" + "; ".join(parts) + ")"


def _listing_item(ctx, removed, added, taken) -> Item | None:
    units = [ctx.old_units[p] for p in taken]
    if any(u.kind not in ("measure", "clause", "point") or not u.number for u in units):
        taken = [p for p in taken if ctx.old_units[p].kind in ("measure", "clause", "point")
                 and ctx.old_units[p].number]
        units = [ctx.old_units[p] for p in taken]
    sections = {in_section(ctx, p) for p in taken}
    if len(taken) < 2 or len(sections) > 1:
        return None  # row numbers repeat across sections: a list spans one section only
    section = sections.pop()
    cells = {c for p in taken for c, t in ctx.current[p].items() if occurrences(t, removed)}
    word = UNIT_FORMS[row_word(ctx, taken[0])]
    numbers = join_numbers([u.number for u in units])
    column_name = ctx.columns.get(next(iter(cells))) if len(cells) == 1 and units[0].kind == "measure" else None
    if column_name:
        where = f"в графе «{typeset(column_name)}» {word['pl_gen']} {numbers}"
    else:
        where = f"в {word['pl_prep']} {numbers}"
    _replace_in(ctx, taken, removed, added)
    column = f", графа «{typeset(column_name)}»" if column_name else ""
    unit = f"{word['pl_nom']} {numbers}{column}"
    if section:
        unit = section_name(ctx, taken[0]) + ", " + unit
    return Item(f"{section}{where} {words_acc(removed)} «{removed}» заменить {words_ins(added)} «{added}».",
                changes=list(taken), unit=unit)


def _column_listing(ctx: Wording, removed: str, added: str) -> Item | None:
    """«в графе «Ответственные» пунктов 1, 3 и 4 слова «…» заменить …»: rows that this one
    replacement in one column turns into their new wording (the words may stay in other
    columns; a row changed otherwise too is worded on its own)."""
    best: tuple[str, list[Path]] | None = None
    for cell in ctx.columns:  # every cell a column prints (its title named in the wording)
        groups: dict[str, list[Path]] = {}
        for path, unit in ctx.old_units.items():
            new_path = ctx.new_path_of.get(path)
            if unit.kind != "measure" or not unit.number or new_path is None:
                continue
            current, wanted = ctx.current[path], ctx.new_units[new_path].cells
            text = current.get(cell, "")
            others_kept = all(printed_key(v) == printed_key(wanted.get(c, "")) for c, v in current.items() if c != cell)
            if (occurrences(text, removed) and others_kept
                    and printed_key(replace_all(text, removed, added)) == printed_key(wanted.get(cell, ""))):
                groups.setdefault(in_section(ctx, path), []).append(path)
        group = max(groups.values(), key=len, default=[])
        if len(group) >= 2 and (best is None or len(group) > len(best[1])):
            best = (cell, group)
    if best is None:
        return None
    cell, paths = best
    section = in_section(ctx, paths[0])
    word = UNIT_FORMS[ctx.settings.row_word]
    numbers = join_numbers([ctx.old_units[p].number for p in paths])
    column = typeset(ctx.columns[cell])
    _replace_in(ctx, paths, removed, added, cell)
    unit = f"{word['pl_nom']} {numbers}, графа «{column}»"
    if section:
        unit = section_name(ctx, paths[0]) + ", " + unit
    return Item(f"{section}в графе «{column}» {word['pl_gen']} {numbers} {words_acc(removed)} «{removed}» "
                f"заменить {words_ins(added)} «{added}».", changes=list(paths), unit=unit)
