"""One replacement made in many units, worded once: «по тексту слова «…» заменить словами
«…»», or «в графе «Ответственные» пунктов 1.6, 5.2 и 5.5 слова «…» заменить …»."""

from __future__ import annotations

import re

from ..diff import Change
from ..printed import occurrences, replace_all
from ..tree import Path
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
    index = _Index(ctx)
    for removed, added in _candidates(ctx, pending):
        taken = _takers(ctx, index, removed, added)
        found = None
        if _explained(ctx, taken, removed, added) >= 2:  # else rows rewritten for other reasons
            found = _throughout_item(ctx, index, removed, added, taken)
        if found is None:
            found = _column_listing(ctx, index, removed, added)
        if found is None and _explained(ctx, taken, removed, added) >= 2:
            found = _listing_item(ctx, index, removed, added, taken)
        if found is None:
            continue
        item, worded = found  # the item and the old paths of the units it words
        paths = set(worded)
        item.changes = [c for c in pending if c.kind == "changed" and c.old_path in paths]
        item.order_key = (
            (-0.5, len(items))
            if item.text.startswith("по тексту")
            else (min(order[c.old_path] for c in item.changes), 1)
        )
        items.append(item)
    return items


_TOKEN = re.compile(r"\w+")
_BLANK = printed_key("")


class _Index:
    """The old units a replacement may concern, found without looking at every unit.

    An index of the words in their current wording: a replacement looks at the units
    that have its words, not at every unit of the plan (a long list of changes has many
    pairs of words). The index may hold more than the truth (words a replacement took
    away stay in it); every unit it gives is checked with `occurrences` as before. And the
    units whose cells already are the new edition's, letter for letter, take no
    replacement: the old words are still in them.
    """

    def __init__(self, ctx: Wording):
        self.ctx = ctx
        self.position = {path: k for k, path in enumerate(ctx.old_units)}
        self.by_word: dict[str, set[Path]] = {}
        self.changed: set[Path] = set()  # kept units whose cells are not yet the new ones
        self.wanted_keys: dict[Path, dict[str, str]] = {}
        self.differing_cells: dict[Path, list[str]] = {}
        for path in ctx.old_units:
            self.update(path)

    def update(self, path: Path) -> None:
        """After the current wording of `path` changed (or at the start)."""
        self.differing_cells.pop(path, None)
        current = self.ctx.current[path]
        for text in current.values():
            for word in _TOKEN.findall(text):
                self.by_word.setdefault(word, set()).add(path)
        new_path = self.ctx.new_path_of.get(path)
        if new_path is not None and current != self.ctx.new_units[new_path].cells:
            self.changed.add(path)
        else:
            self.changed.discard(path)

    def having(self, words: str, changed_only: bool = False) -> list[Path]:
        """The units that may hold `words` (of them, the changed ones), in document order."""
        found = [self.by_word.get(word, set()) for word in _whole_words(words)]
        if changed_only:
            found.append(self.changed)
        if not found:
            return list(self.ctx.old_units)
        return sorted(set.intersection(*found), key=self.position.__getitem__)

    def wanted(self, new_path: Path) -> dict[str, str]:
        """The printed keys of a new unit's cells (they never change: computed once)."""
        keys = self.wanted_keys.get(new_path)
        if keys is None:
            cells = self.ctx.new_units[new_path].cells
            keys = self.wanted_keys[new_path] = {c: printed_key(v) for c, v in cells.items()}
        return keys

    def differing(self, path: Path, new_path: Path) -> list[str]:
        """The cells of an old unit whose current wording does not read as the new edition's."""
        found = self.differing_cells.get(path)
        if found is None:
            wanted = self.wanted(new_path)
            found = self.differing_cells[path] = [
                c for c, v in self.ctx.current[path].items() if printed_key(v) != wanted.get(c, _BLANK)
            ]
        return found


def _whole_words(words: str) -> list[str]:
    """The words of `words` that stand whole in any text holding `words` (printed.occurrences):
    inside they are bounded by its spaces and punctuation, at an edge by the look-around
    of the pattern, which is there only when the edge is a letter, a digit or «_»."""
    whole = []
    for match in _TOKEN.finditer(words):
        at_start = match.start() == 0 and not (words[0].isalnum() or words[0] == "_")
        at_end = match.end() == len(words) and not (words[-1].isalnum() or words[-1] == "_")
        if not (at_start or at_end):
            whole.append(match.group())
    return whole


def _letters(text: str) -> str:
    """The letters and digits of a text as a reader tells them apart: `printed_key` changes
    quotes, dashes, spaces and «ё», never a letter or a digit, so two texts whose letters
    differ never read alike (tests/test_amend_grouped.py checks it)."""
    return "".join(_TOKEN.findall(text)).replace("ё", "е").replace("Ё", "Е")


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


def _takers(ctx: Wording, index: _Index, removed: str, added: str) -> list[Path]:
    """Old units whose every place of `removed` became `added` (changed units only: in a
    unit that is already the new one, the old words are still there)."""
    taken = []
    for path in index.having(removed, changed_only=True):
        cells = ctx.current[path]
        places = [c for c, text in cells.items() if occurrences(text, removed)]
        if not places:
            continue  # the words are not here
        after = ctx.new_units[ctx.new_path_of[path]].cells
        if all(
            occurrences(after.get(c, ""), removed) == 0
            and occurrences(after.get(c, ""), added) >= occurrences(cells[c], removed)
            for c in places
        ):
            taken.append(path)
    return taken


def _kept_as_is(ctx: Wording, index: _Index, removed: str, taken: list[Path]) -> list[Path]:
    """Kept units that hold `removed` and do not take the replacement."""
    chosen = set(taken)
    return [
        path
        for path in index.having(removed)
        if path not in chosen
        and path in ctx.new_path_of
        and any(occurrences(text, removed) for text in ctx.current[path].values())
    ]


def _explained(ctx: Wording, taken: list[Path], removed: str, added: str) -> int:
    """How many units the replacement alone turns into their new wording."""
    count = 0
    for path in taken:
        after = ctx.new_units[ctx.new_path_of[path]].cells
        if all(
            printed_key(replace_all(text, removed, added)) == printed_key(after.get(cell, ""))
            for cell, text in ctx.current[path].items()
        ):
            count += 1
    return count


def _replace_in(
    ctx: Wording, index: _Index, paths: list[Path], removed: str, added: str, cell: str | None = None
) -> None:
    """Make the replacement in the current wording of `paths` (in one cell, or in all)."""
    for path in paths:
        current = ctx.current[path]
        for name in [cell] if cell else list(current):
            current[name] = replace_all(current[name], removed, added)
        index.update(path)


def _throughout_item(ctx, index, removed, added, taken) -> tuple[Item, list[Path]] | None:
    root_cells = " ".join(ctx.old_printed.cells.values())
    if _explained(ctx, taken, removed, added) < ctx.settings.throughout_min or occurrences(root_cells, removed):
        return None
    kept_as_is = _kept_as_is(ctx, index, removed, taken)
    except_part = ""
    if kept_as_is:
        numbers = [ctx.old_units[p].number for p in kept_as_is]
        units = {ctx.old_units[p].kind for p in kept_as_is}
        if (
            ctx.qualify
            or not all(numbers)
            or len(kept_as_is) * 2 >= len(taken)
            or not units <= {"measure", "clause", "point"}
        ):
            return None
        word = UNIT_FORMS[row_word(ctx, kept_as_is[0])]["gen" if len(numbers) == 1 else "pl_gen"]
        except_part = f", за исключением {word} {join_numbers(numbers)}"
    _replace_in(ctx, index, taken, removed, added)
    text = f"по тексту {words_acc(removed)} «{removed}» заменить {words_ins(added)} «{added}»{except_part}."
    return Item(text, unit="по тексту" + _touched(ctx, taken)), taken


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
    parts = [
        (f"{section}: " if section else "") + f"{word['pl_nom' if len(n) > 1 else 'nom']} {join_numbers(n)}"
        for section, n in groups.items()
    ]
    return " (" + "; ".join(parts) + ")"


def _listing_item(ctx, index, removed, added, taken) -> tuple[Item, list[Path]] | None:
    units = [ctx.old_units[p] for p in taken]
    if any(u.kind not in ("measure", "clause", "point") or not u.number for u in units):
        taken = [
            p for p in taken if ctx.old_units[p].kind in ("measure", "clause", "point") and ctx.old_units[p].number
        ]
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
    _replace_in(ctx, index, taken, removed, added)
    column = f", графа «{typeset(column_name)}»" if column_name else ""
    unit = f"{word['pl_nom']} {numbers}{column}"
    if section:
        unit = section_name(ctx, taken[0]) + ", " + unit
    return Item(
        f"{section}{where} {words_acc(removed)} «{removed}» заменить {words_ins(added)} «{added}».", unit=unit
    ), taken


def _column_listing(ctx: Wording, index: _Index, removed: str, added: str) -> tuple[Item, list[Path]] | None:
    """«в графе «Ответственные» пунктов 1, 3 и 4 слова «…» заменить …»: rows that this one
    replacement in one column turns into their new wording (the words may stay in other
    columns; a row changed otherwise too is worded on its own)."""
    by_cell: dict[str, dict[str, list[Path]]] = {cell: {} for cell in ctx.columns}
    visible = _letters(removed) != _letters(added)
    for path in index.having(removed, changed_only=visible):
        unit, new_path = ctx.old_units[path], ctx.new_path_of.get(path)
        if unit.kind != "measure" or not unit.number or new_path is None:
            continue
        current, wanted = ctx.current[path], index.wanted(new_path)
        # the replacement is made in one cell, so every other cell must already read as wanted
        differing = index.differing(path, new_path)
        if not differing and visible:
            continue  # it reads as the new edition already; a replacement a reader sees would spoil it
        for cell in ctx.columns if not differing else differing if len(differing) == 1 else ():
            text = current.get(cell, "")
            if (
                cell in by_cell
                and occurrences(text, removed)
                and printed_key(replace_all(text, removed, added)) == wanted.get(cell, _BLANK)
            ):
                by_cell[cell].setdefault(in_section(ctx, path), []).append(path)
    best: tuple[str, list[Path]] | None = None
    for cell, groups in by_cell.items():  # every cell a column prints (its title named in the wording)
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
    _replace_in(ctx, index, paths, removed, added, cell)
    unit = f"{word['pl_nom']} {numbers}, графа «{column}»"
    if section:
        unit = section_name(ctx, paths[0]) + ", " + unit
    return Item(
        f"{section}в графе «{column}» {word['pl_gen']} {numbers} {words_acc(removed)} «{removed}» "
        f"заменить {words_ins(added)} «{added}».",
        unit=unit,
    ), paths
