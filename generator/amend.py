"""Changes between two editions → the wording of an amendment order.

Follows shared/drafting-rules.md §2: one point «Внести в … следующие изменения:» with
sub-points in the structural order of the document; whole units «изложить в следующей
редакции», additions «дополнить пунктом … следующего содержания», removals «исключить» or
«признать утратившим силу», fragments «слова «…» заменить словами «…»», a word changed
in many rows «по тексту слова … заменить словами …». Numbers are the frozen numbers of
the old edition; added items get theirs from editions.carry_numbers.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from . import model as m
from .diff import CHILDREN, Change, Diff, Path, resolve, word_diff
from .editions import walk
from .grammar import name_in_accusative
from .printed import (
    TOTAL_LABEL,
    NotApplicable,
    Printed,
    cell_text,
    column_cells,
    insert_after,
    measure_cells,
    occurrences,
    printed,
    replace_all,
    replace_once,
    section_cells,
)
from .typography import printed_key, typeset

COLUMN_ROLES = {"text": "measure", "deadline": "deadline", "responsible": "responsible"}
DEFAULT_CELLS = ("number", "text", "deadline", "responsible")


@dataclass(frozen=True)
class Settings:
    row_word: str = "пункт"  # пункт | строка | позиция
    removal: str = "исключить"  # for plan rows: исключить | признать утратившим силу
    throughout_min: int = 3  # rows sharing one replacement before «по тексту»
    new_edition_share: float = 0.5  # share of changed items that proposes a new edition


@dataclass
class Item:
    """One sub-point of the amendment: a formula, then quoted rows or paragraphs."""

    text: str
    rows: list[list[str]] = field(default_factory=list)
    quote: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    order_key: tuple = ()
    restated: Path | None = None  # the old path of a plan row restated whole
    unit: str = ""  # the unit it names, for the comparison table: «пункт 2.7, графа «Срок исполнения»»


@dataclass
class Context:
    old: object
    new: object
    old_numbers: dict
    new_numbers: dict
    separator: str
    settings: Settings
    columns: dict = field(default_factory=dict)  # measure field → its column's title
    cells: tuple[str, ...] = ("number", "text", "deadline", "responsible")  # what each column prints
    qualify: bool = False  # row numbers repeat across sections: name the section too
    kept_old: frozenset = frozenset()  # old paths that stay in the new edition
    last_inside: dict = field(default_factory=dict)  # path → order of its last descendant
    old_printed: Printed | None = None
    old_units: dict = field(default_factory=dict)  # old path → printed unit of the old edition
    new_units: dict = field(default_factory=dict)  # new path → printed unit of the new edition
    new_path_of: dict = field(default_factory=dict)  # old path → new path of a kept unit
    current: dict = field(default_factory=dict)  # old path → cells after the grouped items


# --- the whole wording ------------------------------------------------------------------


def _column_titles(doc) -> dict:
    """Which column a measure's field is printed in: «в графе «…»» names it."""
    if not isinstance(doc, m.Plan):
        return {}
    titles = {name: doc.column_title(role) for name, role in COLUMN_ROLES.items()}
    titles.update((c.key, c.title) for c in doc.extra_columns)
    return {name: title for name, title in titles.items() if title}


def wording(old, new, changes: Diff, old_numbers, new_numbers, settings: Settings = Settings()) -> list[Item]:
    """Sub-points of «Внести … следующие изменения:», in the order of the document."""
    ctx = Context(old, new, old_numbers, new_numbers, getattr(new, "responsible_separator", ", "),
                  settings, columns=_column_titles(old), cells=column_cells(old) or DEFAULT_CELLS,
                  qualify=_numbers_repeat(old, old_numbers), kept_old=frozenset(changes.kept.values()))
    order = {path: k for k, (path, _) in enumerate(walk(old))}
    ctx.last_inside = _last_inside(order)
    ctx.old_printed = printed(old, old_numbers)
    ctx.old_units = {u.path: u for u in ctx.old_printed.units}
    ctx.new_units = {u.path: u for u in printed(new, new_numbers).units}
    ctx.new_path_of = {o: n for n, o in changes.kept.items()}
    ctx.current = {path: dict(u.cells) for path, u in ctx.old_units.items()}
    items: list[Item] = []
    pending = list(changes.changes)
    items += _grouped(ctx, pending, order)
    items += _document(ctx, [c for c in pending if c.kind == "document"])
    items += _removals(ctx, [c for c in pending if c.kind == "removed"], order)
    items += _additions(ctx, [c for c in pending if c.kind == "added"], order)
    items += [_changed(ctx, c, order) for c in pending if c.kind == "changed"]
    items = [i for i in items if i is not None]
    return _restated_together(ctx, sorted(items, key=lambda i: i.order_key))


def _restated_together(ctx: Context, items: list[Item]) -> list[Item]:
    """Rows of one list restated one after another: «пункты 2.3, 2.5 и 2.6 изложить …»."""
    result: list[Item] = []
    run: list[Item] = []

    def flush():
        if len(run) > 1:
            paths = [i.restated for i in run]
            numbers = [ctx.old_numbers[p] for p in paths]
            node = resolve(ctx.old, paths[0])
            text = (f"{_in_section(ctx, paths[0])}{_unit_word(node, ctx.settings, 'acc', True)} "
                    f"{_join_numbers(numbers)} изложить в следующей редакции:")
            rows, _ = _requote([r for i in run for r in i.rows], [])
            result.append(Item(text, rows=rows, changes=[c for i in run for c in i.changes],
                               order_key=run[0].order_key, restated=paths[0],
                               unit=_unit_name(ctx, paths[0], numbers)))
        else:
            result.extend(run)
        run.clear()

    for item in items:
        if item.restated is not None and run and run[-1].restated[:-1] == item.restated[:-1]:
            run.append(item)
            continue
        flush()
        (run if item.restated is not None else result).append(item)
    flush()
    return result


def changed_share(old, changes: Diff) -> float:
    """How much of the document the changes touch: changed, removed and added units."""
    units = sum(1 for _, node in walk(old) if isinstance(node, m.Measure | m.Clause | m.Point))
    touched = sum(1 for c in changes.changes if c.kind != "document" and not (c.moved and c.kind == "removed"))
    return touched / max(units, 1)


# --- names of units ---------------------------------------------------------------------


def _unit_word(node, settings: Settings, case: str = "acc", plural: bool = False) -> str:
    """«пункт», «пункта», «пунктом», «пункты», «раздел», «главу» … for a node."""
    if isinstance(node, m.Section):
        base = "раздел"
    elif isinstance(node, m.Chapter):
        base = "глава"
    elif isinstance(node, m.PassportBlock):
        base = "блок"
    elif isinstance(node, m.Measure):
        base = settings.row_word
    else:
        base = "пункт"
    return _FORMS[base][("pl_" if plural else "") + case]


_CASES = ("nom", "acc", "gen", "ins", "prep", "pl_nom", "pl_acc", "pl_gen", "pl_ins", "pl_prep")
_FORMS = {base: dict(zip(_CASES, forms.split(), strict=True)) for base, forms in {
    "пункт": "пункт пункт пункта пунктом пункте пункты пункты пунктов пунктами пунктах",
    "строка": "строка строку строки строкой строке строки строки строк строками строках",
    "позиция": "позиция позицию позиции позицией позиции позиции позиции позиций позициями позициях",
    "раздел": "раздел раздел раздела разделом разделе разделы разделы разделов разделами разделах",
    "глава": "глава главу главы главой главе главы главы глав главами главах",
    "блок": "блок блок блока блоком блоке блоки блоки блоков блоками блоках",
}.items()}


def _label(node, number: str | None, settings: Settings, case: str = "acc") -> str:
    """«пункт 2.7», «раздел 2», «раздел «Организационные мероприятия»», «блок «Цели» …»."""
    word = _unit_word(node, settings, case)
    if isinstance(node, m.PassportBlock):
        return f"{word} «{typeset(node.label)}»"
    if number:
        return f"{word} {_bare(number)}"
    title = getattr(node, "title", None) or _first_words(node)
    return f"{word} «{typeset(title)}»"


def _first_words(node, count: int = 6) -> str:
    text = m.plain_text(getattr(node, "text", ())) if hasattr(node, "text") else ""
    parts = text.split()
    return " ".join(parts[:count]) + ("…" if len(parts) > count else "")


def _bare(number: str) -> str:
    return number.strip().rstrip(".")


def _join_numbers(numbers: list[str]) -> str:
    numbers = [_bare(n) for n in numbers]
    return numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " и " + numbers[-1]


def _numbers_repeat(old, numbers: dict) -> bool:
    rows = [numbers.get(p) for p, node in walk(old) if isinstance(node, m.Measure)]
    rows = [_bare(n) for n in rows if n]
    return len(rows) != len(set(rows))


def _in_section(ctx: Context, path: Path) -> str:
    """«в разделе «Организационные мероприятия» » when row numbers alone are ambiguous."""
    if not ctx.qualify:
        return ""
    for end in range(len(path) - 1, 0, -1):
        if path[end - 1][0] == "sections":
            section_path = path[:end]
            section = resolve(ctx.old, section_path)
            return "в " + _label(section, ctx.old_numbers.get(section_path), ctx.settings, "prep") + " "
    return ""


def _unit_name(ctx: Context, path: Path, numbers: list, new: bool = False) -> str:
    """The unit in the nominative for the comparison table: «пункт 2.7», «пункты 2.3 и 2.5»,
    with its section when row numbers repeat («раздел «…», пункт 5»)."""
    node = resolve(ctx.new if new else ctx.old, path)
    base = "пункт" if not isinstance(node, m.Section | m.Chapter | m.PassportBlock | m.Measure) else None
    forms = _FORMS[base] if base else None
    if forms is None:
        word = _unit_word(node, ctx.settings, "acc", len(numbers) > 1)
        forms = next(f for f in _FORMS.values() if word in (f["acc"], f["pl_acc"]))
    name = f"{forms['pl_nom' if len(numbers) > 1 else 'nom']} {_join_numbers(numbers)}"
    section = "" if new else _in_section(ctx, path)
    if section:
        return section.removeprefix("в ").strip().replace("разделе", "раздел", 1) + ", " + name
    return name


def _where(ctx: Context, path: Path, case: str = "prep") -> str:
    """«в разделе 2» for an item inside a section, to locate passport blocks."""
    parent = path[:-1]
    if not parent:
        return ""
    node = resolve(ctx.old, parent)
    return "в " + _label(node, ctx.old_numbers.get(parent), ctx.settings, case) + " "


# --- quoted content ---------------------------------------------------------------------


def quoted_rows(node, numbers: dict, path: Path, separator: str,
                cells: tuple[str, ...] = DEFAULT_CELLS) -> list[list[str]]:
    """A node as the table rows it prints, a cell a column (`cells`: what each column prints,
    printed.column_cells): a measure row, or a section with its rows and its «Итого» row."""
    keys = tuple(c for c in cells if c not in DEFAULT_CELLS)
    rows: list[list[str]] = []
    if isinstance(node, m.Measure):
        own = {**measure_cells(node, separator, keys), "number": numbers.get(path) or ""}
        rows.append([own.get(c, "") for c in cells])
    elif isinstance(node, m.Section):
        number = numbers.get(path)
        title = f"{_bare(number)}. {typeset(node.title)}" if number else typeset(node.title)
        rows.append([title if c == "text" else "" for c in cells])
    for sub_path, sub in walk(node, path):
        if isinstance(sub, m.Measure | m.Section):
            rows += quoted_rows(sub, numbers, sub_path, separator, cells)[:1]
    if isinstance(node, m.Section) and node.total:
        totals = section_cells(node, keys)
        rows.append([TOTAL_LABEL if c == "text" else totals.get(f"total:{c}", "") for c in cells])
    return rows


def _quote_rows(rows: list[list[str]]) -> list[list[str]]:
    """«opens the first cell and ».» closes the last (drafting rules §2.3)."""
    if not rows:
        return rows
    rows = [list(r) for r in rows]
    rows[0][0] = "«" + rows[0][0]
    rows[-1][-1] = rows[-1][-1] + "»."
    return rows


def quoted_paragraphs(node, numbers: dict, path: Path) -> list[str]:
    """A clause, chapter or point as quoted paragraphs: «2.7. Текст.»."""
    lines: list[str] = []
    number = numbers.get(path)
    if isinstance(node, m.Chapter):
        lines.append(f"{number or ''} {typeset(node.title)}".strip())
        text = node.text
    elif isinstance(node, m.PassportBlock):
        text = node.text
        lines.append(typeset(node.label) + ":")
    else:
        text = node.text
    body = [typeset(line) for line in m.plain_text(text).splitlines()]
    if body and not isinstance(node, m.Chapter | m.PassportBlock) and number:
        body[0] = f"{number} {body[0]}"
    lines += body
    for d in getattr(node, "definitions", ()):
        lines.append(f"{typeset(d.term)}\u00a0– {typeset(d.definition)}")
    for sub_path, sub in walk(node, path):
        if isinstance(sub, m.Clause | m.Point | m.Chapter):
            lines += quoted_paragraphs(sub, numbers, sub_path)[: 1 + len(getattr(sub, "definitions", ()))]
    return lines


def _with_quotes(lines: list[str]) -> list[str]:
    if not lines:
        return lines
    lines = list(lines)
    lines[0] = "«" + lines[0]
    lines[-1] = lines[-1] + "»."
    return lines


def _content(ctx: Context, node, numbers, path) -> tuple[list[list[str]], list[str]]:
    if isinstance(node, m.Measure | m.Section) and isinstance(ctx.old, m.Plan):
        return _quote_rows(quoted_rows(node, numbers, path, ctx.separator, ctx.cells)), []
    return [], _with_quotes(quoted_paragraphs(node, numbers, path))


# --- formulas ---------------------------------------------------------------------------


def _document(ctx: Context, changes: list[Change]) -> list[Item]:
    items = []
    for change in changes:
        for f in change.fields:
            if f.name == "title":
                items.append(Item(f"наименование изложить в следующей редакции: «{typeset(f.new)}».",
                                  changes=[change], order_key=(-1, 0), unit="наименование"))
            elif f.name == "preamble" and f.new:
                items.append(Item("преамбулу изложить в следующей редакции:", quote=_with_quotes(
                    cell_text(f.new).splitlines()), changes=[change], order_key=(-1, 0.5), unit="преамбула"))
            elif f.name == "note" and f.new is not None:
                lines = [typeset(x) for x in m.plain_text(f.new.text).splitlines()]
                items.append(Item("пояснительную записку изложить в следующей редакции:",
                                  quote=_with_quotes(lines), changes=[change], order_key=(-1, 1),
                                  unit="пояснительная записка"))
            elif f.name == "note":
                items.append(Item("пояснительную записку исключить.", changes=[change], order_key=(-1, 1),
                                  unit="пояснительная записка"))
            elif f.name == "columns":
                items.append(Item("наименования граф таблицы изложить в следующей редакции: «"
                                  + "», «".join(typeset(c.title) for c in f.new) + "».", changes=[change],
                                  order_key=(-1, 2), unit="наименования граф таблицы"))
    return items


def _removals(ctx: Context, changes: list[Change], order) -> list[Item]:
    """Consecutive removed rows of one list share one item: «пункты 3.4 и 3.5 исключить»."""
    items = []
    for group in _runs(changes, lambda c: c.old_path, order):
        first = group[0]
        node = first.old
        numbers = [ctx.old_numbers.get(c.old_path) for c in group]
        plural = len(group) > 1
        if isinstance(node, m.PassportBlock) or not all(numbers):
            labels = [_label(c.old, ctx.old_numbers.get(c.old_path), ctx.settings) for c in group]
            subject = _where(ctx, first.old_path) + ", ".join(labels)
        else:
            subject = _in_section(ctx, first.old_path)
            subject += f"{_unit_word(node, ctx.settings, 'acc', plural)} {_join_numbers(numbers)}"
        items.append(Item(f"{subject} {_removal_verb(ctx, node, plural)}.", changes=group,
                          order_key=(order[first.old_path], 0),
                          unit=_unit_name(ctx, first.old_path, numbers) if all(numbers) else subject))
    return items


def _removal_verb(ctx: Context, node, plural: bool) -> str:
    if isinstance(node, m.Measure | m.Section | m.PassportBlock) and ctx.settings.removal == "исключить":
        return "исключить"
    feminine = isinstance(node, m.Chapter) or (isinstance(node, m.Measure) and ctx.settings.row_word != "пункт")
    if plural:
        return "признать утратившими силу"
    return "признать утратившей силу" if feminine else "признать утратившим силу"


def _additions(ctx: Context, changes: list[Change], order) -> list[Item]:
    """Items added at one place share one item: «после пункта 2.7 дополнить пунктами …»."""
    items = []
    groups: dict[tuple, list[Change]] = {}
    for change in changes:
        groups.setdefault((change.container, change.list_name, change.anchor), []).append(change)
    for (container, list_name, anchor), group in groups.items():
        items.append(_addition(ctx, container, list_name, anchor, group, order))
    return items


def _addition(ctx: Context, container, list_name, anchor, group, order) -> Item:
    node = group[0].new
    numbers = [ctx.new_numbers.get(c.new_path) for c in group]
    plural = len(group) > 1
    what_word = _unit_word(node, ctx.settings, "ins", plural)
    what = f"{what_word} {_join_numbers(numbers)}" if all(numbers) else what_word
    siblings = getattr(resolve(ctx.old, container), list_name)
    at_end = all((container + ((list_name, k),)) not in ctx.kept_old for k in range(anchor + 1, len(siblings)))
    if anchor >= 0 and not at_end:
        anchor_path = container + ((list_name, anchor),)
        place = _in_section(ctx, anchor_path) + "после "
        place += _label(siblings[anchor], ctx.old_numbers.get(anchor_path), ctx.settings, "gen") + " "
        key = order[anchor_path]
    elif anchor == -1 and siblings:
        first_path = container + ((list_name, 0),)
        place = _in_section(ctx, first_path) + "перед "
        place += _label(siblings[0], ctx.old_numbers.get(first_path), ctx.settings, "ins") + " "
        key = order[first_path] - 0.5
    else:
        parent = resolve(ctx.old, container)
        place = _label(parent, ctx.old_numbers.get(container), ctx.settings) + " " if container else ""
        if not container and isinstance(ctx.old, m.Order):
            place = "приказ "  # «приказ дополнить пунктом 4»
        key = _end_key(ctx, container)
    rows: list[list[str]] = []
    quote: list[str] = []
    for change in group:
        r, q = _content(ctx, change.new, ctx.new_numbers, change.new_path)
        rows += r
        quote += q
    rows, quote = _requote(rows, quote)
    text = f"{place}дополнить {what} следующего содержания:".strip()
    unit = _unit_name(ctx, group[0].new_path, numbers, new=True) if all(numbers) else what
    parent = resolve(ctx.old, container) if container else None
    if ctx.qualify and isinstance(parent, m.Section):
        unit = _label(parent, ctx.old_numbers.get(container), ctx.settings, "nom") + ", " + unit
    return Item(text[0].lower() + text[1:], rows=rows, quote=quote, changes=group, order_key=(key, 3), unit=unit)


def _requote(rows, quote):
    """Several added units are one quotation: one «, one »."""
    rows = [[c.removeprefix("«").removesuffix("».") for c in r] for r in rows]
    quote = [q.removeprefix("«").removesuffix("».") for q in quote]
    return _quote_rows(rows), _with_quotes(quote)


def _last_inside(order: dict) -> dict:
    """For every path, the document order of the last node inside it (itself if a leaf)."""
    last: dict = {(): -1}
    for path, k in order.items():
        for end in range(len(path) + 1):
            prefix = path[:end]
            if last.get(prefix, -1) < k:
                last[prefix] = k
    return last


def _end_key(ctx: Context, container: Path) -> float:
    return ctx.last_inside.get(container, -1) + 0.5


def _changed(ctx: Context, change: Change, order) -> Item | None:
    node = change.old
    number = ctx.old_numbers.get(change.old_path)
    key = (order[change.old_path], 2)
    before = ctx.current[change.old_path]  # the unit's cells after the grouped replacements
    after = ctx.new_units[change.new_path].cells
    differ = [k for k in after if printed_key(before.get(k, "")) != printed_key(after[k])]
    if not differ:
        return None  # a grouped item («по тексту …», «в графе … пунктов …») said it all
    if isinstance(node, m.Section | m.Chapter) and differ == ["title"]:
        title = change.new.title
        shown = f"{_bare(number)}. {typeset(title)}" if number else typeset(title)
        word = "наименование " + _unit_word(node, ctx.settings, "gen")
        suffix = f" {_bare(number)}" if number else f" «{typeset(change.old.title)}»"
        return Item(f"{word}{suffix} изложить в следующей редакции: «{shown}».", changes=[change], order_key=key,
                    unit=f"{word}{suffix}")
    if isinstance(node, m.Section) and differ and all(k.startswith("total:") for k in differ):
        row = [TOTAL_LABEL if c == "text" else after.get(f"total:{c}", "") for c in ctx.cells]
        where = _in_section(ctx, change.old_path) + f"строку «{TOTAL_LABEL}» " \
            + _label(node, number, ctx.settings, "gen")
        return Item(f"{where} изложить в следующей редакции:", rows=_quote_rows([row]), changes=[change],
                    order_key=key, unit=where)
    if len(differ) == 1:
        fragment = _fragment(ctx, change, number, differ[0], before[differ[0]], after[differ[0]])
        if fragment:
            column = f", графа «{typeset(ctx.columns[differ[0]])}»" if "в графе «" in fragment else ""
            return Item(fragment, changes=[change], order_key=key,
                        unit=_unit_name(ctx, change.old_path, [number]) + column)
    label = _where(ctx, change.old_path) if isinstance(node, m.PassportBlock) else _in_section(ctx, change.old_path)
    label += _label(node, number, ctx.settings)
    new_numbers = dict(ctx.new_numbers)
    new_numbers[change.new_path] = number  # a kept unit keeps its number
    rows, quote = _content(ctx, _own_only(change.new), new_numbers, change.new_path)
    restated = change.old_path if isinstance(node, m.Measure) and rows and number else None
    return Item(f"{label} изложить в следующей редакции:", rows=rows, quote=quote, changes=[change],
                order_key=key, restated=restated,
                unit=_unit_name(ctx, change.old_path, [number]) if number else label)


def _own_only(node):
    """A node without its children: «изложить» restates the unit's own cells."""
    return dataclasses.replace(node, **{name: () for name in CHILDREN[type(node)]})


def _fragment(ctx: Context, change: Change, number: str | None, cell: str, old_text: str,
              new_text: str) -> str | None:
    """«в графе «Срок исполнения» пункта 4.2 слова «…» заменить словами «…»», if it applies
    to the printed cell exactly (checked by applying it) and is shorter than a restatement."""
    if not number or not isinstance(change.old, m.Measure | m.Clause | m.Point):
        return None
    edit = _cell_edit(ctx, cell, old_text, new_text)
    if edit is None:
        return None
    before, removed, added = edit
    section = _in_section(ctx, change.old_path)
    column_name = typeset(ctx.columns.get(cell) or "")
    if isinstance(change.old, m.Measure) and column_name:
        where = f"{section}в графе «{column_name}» {_unit_word(change.old, ctx.settings, 'gen')} {_bare(number)}"
    elif cell == "text":
        where = f"{section}в {_unit_word(change.old, ctx.settings, 'prep')} {_bare(number)}"
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
    cells = [m.plain_text(node.text), getattr(node, "deadline", None) or "",
             " ".join(getattr(node, "responsible", ()))]
    return sum(len(c) for c in cells)


def _kind(fragment: str) -> str:
    """цифры (numbers and dates), слово (one word) or слова."""
    if re.fullmatch(r"[\d\s.,/–-]+", fragment.strip()):
        return "figures"
    return "word" if len(fragment.split()) == 1 and re.search(r"\w", fragment) else "words"


def words_acc(fragment: str) -> str:
    return {"figures": "цифры", "word": "слово", "words": "слова"}[_kind(fragment)]


def words_ins(fragment: str) -> str:
    return {"figures": "цифрами", "word": "словом", "words": "словами"}[_kind(fragment)]


def words_gen(fragment: str) -> str:
    return {"figures": "цифр", "word": "слова", "words": "слов"}[_kind(fragment)]


def _cell_edit(ctx: Context, cell: str, old: str, new: str) -> tuple[str, str, str] | None:
    """(words before, removed, added) for an edit in one place of a printed cell.

    Responsible units are compared unit by unit, so a renamed unit is one replacement of
    its whole name, not of the word that happened to differ.
    """
    if cell == "responsible" and ctx.separator.strip("\n "):
        old_units, new_units = old.split(ctx.separator), new.split(ctx.separator)
        edit = _units_edit(old_units, new_units, ctx.separator)
        if edit:
            return edit
    elif cell == "responsible":
        edit = _units_edit(old.split("\n"), new.split("\n"), "\n")
        if edit:
            return edit
    edit = single_edit(old, new)
    if edit is None and cell in ("deadline", "responsible") and old and new:
        return "", old, new  # a short cell changed in several places: its whole wording
    return edit


def _units_edit(old: list[str], new: list[str], separator: str) -> tuple[str, str, str] | None:
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
    anchor = before[starts[-3]:] if len(starts) >= 3 else before
    return anchor, removed, added


# --- the same replacement in many units -------------------------------------------------


def _grouped(ctx: Context, pending: list[Change], order) -> list[Item]:
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


def _candidates(ctx: Context, pending: list[Change]) -> list[tuple[str, str]]:
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
            edit = _cell_edit(ctx, cell, before.get(cell, ""), after[cell])
            if edit and edit[1] and edit[2]:
                found.add(edit[1:])
        for pair in found:
            seen[pair] = seen.get(pair, 0) + 1
    return [pair for pair, n in sorted(seen.items(), key=lambda kv: -kv[1]) if n > 1]


def _takers(ctx: Context, removed: str, added: str) -> tuple[list[Path], list[Path]]:
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


def _explained(ctx: Context, taken: list[Path], removed: str, added: str) -> int:
    """How many units the replacement alone turns into their new wording."""
    count = 0
    for path in taken:
        after = ctx.new_units[ctx.new_path_of[path]].cells
        if all(printed_key(replace_all(text, removed, added)) == printed_key(after.get(cell, ""))
               for cell, text in ctx.current[path].items()):
            count += 1
    return count


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
        word = _FORMS[_row_word(ctx, kept_as_is[0])]["gen" if len(numbers) == 1 else "pl_gen"]
        except_part = f", за исключением {word} {_join_numbers(numbers)}"
    for path in taken:
        ctx.current[path] = {c: replace_all(t, removed, added) for c, t in ctx.current[path].items()}
    text = (f"по тексту {words_acc(removed)} «{removed}» заменить {words_ins(added)} «{added}»"
            f"{except_part}.")
    return Item(text, changes=list(taken), unit="по тексту" + _touched(ctx, taken))


def _touched(ctx: Context, taken: list[Path]) -> str:
    """« (пункты 1.6, 2.1 и 2.4)», by section when row numbers repeat across sections."""
    groups: dict[str, list[str]] = {}
    for path in sorted(taken):
        unit = ctx.old_units[path]
        if unit.number:
            section = _in_section(ctx, path).removeprefix("в ").strip().replace("разделе", "раздел", 1)
            groups.setdefault(section, []).append(unit.number)
    if not groups:
        return ""
    word = _FORMS[_row_word(ctx, taken[0])]
    parts = [(f"{section}: " if section else "") + f"{word['pl_nom' if len(n) > 1 else 'nom']} {_join_numbers(n)}"
             for section, n in groups.items()]
    return " (" + "; ".join(parts) + ")"


def _listing_item(ctx, removed, added, taken) -> Item | None:
    units = [ctx.old_units[p] for p in taken]
    if any(u.kind not in ("measure", "clause", "point") or not u.number for u in units):
        taken = [p for p in taken if ctx.old_units[p].kind in ("measure", "clause", "point")
                 and ctx.old_units[p].number]
        units = [ctx.old_units[p] for p in taken]
    sections = {_in_section(ctx, p) for p in taken}
    if len(taken) < 2 or len(sections) > 1:
        return None  # row numbers repeat across sections: a list spans one section only
    section = sections.pop()
    cells = {c for p in taken for c, t in ctx.current[p].items() if occurrences(t, removed)}
    word = _FORMS[_row_word(ctx, taken[0])]
    numbers = _join_numbers([u.number for u in units])
    column_name = ctx.columns.get(next(iter(cells))) if len(cells) == 1 and units[0].kind == "measure" else None
    if column_name:
        where = f"в графе «{typeset(column_name)}» {word['pl_gen']} {numbers}"
    else:
        where = f"в {word['pl_prep']} {numbers}"
    for path in taken:
        ctx.current[path] = {c: replace_all(t, removed, added) for c, t in ctx.current[path].items()}
    column = f", графа «{typeset(ctx.columns[next(iter(cells))])}»" if where.startswith(
        "в графе") else ""
    unit = f"{word['pl_nom']} {numbers}{column}"
    if section:
        unit = section.removeprefix("в ").strip().replace("разделе", "раздел", 1) + ", " + unit
    return Item(f"{section}{where} {words_acc(removed)} «{removed}» заменить {words_ins(added)} «{added}».",
                changes=list(taken), unit=unit)


def _column_listing(ctx: Context, removed: str, added: str) -> Item | None:
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
                groups.setdefault(_in_section(ctx, path), []).append(path)
        group = max(groups.values(), key=len, default=[])
        if len(group) >= 2 and (best is None or len(group) > len(best[1])):
            best = (cell, group)
    if best is None:
        return None
    cell, paths = best
    section = _in_section(ctx, paths[0])
    word = _FORMS[ctx.settings.row_word]
    numbers = _join_numbers([ctx.old_units[p].number for p in paths])
    column = typeset(ctx.columns[cell])
    for path in paths:
        ctx.current[path][cell] = replace_all(ctx.current[path][cell], removed, added)
    unit = f"{word['pl_nom']} {numbers}, графа «{column}»"
    if section:
        unit = section.removeprefix("в ").strip().replace("разделе", "раздел", 1) + ", " + unit
    return Item(f"{section}в графе «{column}» {word['pl_gen']} {numbers} {words_acc(removed)} «{removed}» "
                f"заменить {words_ins(added)} «{added}».", changes=list(paths), unit=unit)


def _row_word(ctx: Context, path: Path) -> str:
    return ctx.settings.row_word if ctx.old_units[path].kind == "measure" else "пункт"


# --- helpers ----------------------------------------------------------------------------


def _runs(changes: list[Change], path_of, order) -> list[list[Change]]:
    """Group changes on consecutive siblings of one list."""
    ordered = sorted(changes, key=lambda c: order[path_of(c)])
    groups: list[list[Change]] = []
    for change in ordered:
        path = path_of(change)
        if groups:
            last = path_of(groups[-1][-1])
            same_list = last[:-1] == path[:-1] and last[-1][0] == path[-1][0]
            if same_list and path[-1][1] == last[-1][1] + 1 and type(change.old) is type(groups[-1][-1].old):
                groups[-1].append(change)
                continue
        groups.append([change])
    return groups



def mentioned(items: list[Item]) -> list[Change]:
    """Every change the wording covers (each should appear exactly once)."""
    return [c for item in items for c in item.changes]



# --- the amendment order as a whole -----------------------------------------------------


@dataclass
class Composition:
    """What an amending order says, before any formatting into a document."""

    title: str
    lead: str  # point 1: «Внести в … следующие изменения:» or «… изложив … в новой редакции …»
    items: list[Item]
    form: str  # changes | new-edition
    share: float
    annex: object = None  # the new edition, when the form is new-edition
    changes: Diff | None = None  # the visible changes (and every kept node)
    cosmetic: list[Change] = field(default_factory=list)  # typing only: no item


def proof(dep: m.Department, old, new, composition: Composition) -> list[str]:
    """What the wording of `composition` fails to say (amend_parse.prove); empty: all of it."""
    from .amend_parse import prove
    from .editions import numbers_of

    if composition.form != "changes":
        return []
    old_numbers = numbers_of(dep, old)
    _, _, new_numbers = changes_of(old, new, old_numbers)
    return prove(printed(old, old_numbers), printed(new, new_numbers), composition.items)


def changes_of(old, new, old_numbers: dict) -> tuple[Diff, list[Change], dict]:
    """(the visible changes, the typing-only ones, the new edition's frozen numbers)."""
    from .cosmetic import split_visible
    from .diff import diff
    from .editions import carry_numbers

    changes = diff(old, new)
    visible, cosmetic = split_visible(changes.changes)
    changes = dataclasses.replace(changes, changes=visible)
    return changes, cosmetic, carry_numbers(old_numbers, changes, new)


def compose(dep: m.Department, order: m.Order, settings: Settings = Settings()) -> Composition:
    """The amendment that an order with `amendment:` makes."""
    old = dep.document(order.amendment.old)
    new = dep.document(order.amendment.new)
    return compose_for(dep, old, new, order.amendment.form, order.id, settings)


def compose_for(dep: m.Department, old, new, form: str = "auto", order_id: str | None = None,
                settings: Settings = Settings()) -> Composition:
    from .editions import amending_orders, base_edition, numbers_of
    from .typography import cite as cite_order

    old_numbers = numbers_of(dep, old)
    changes, cosmetic, new_numbers = changes_of(old, new, old_numbers)
    share = changed_share(old, changes)
    if form == "auto":  # an order's own points are amended point by point, however many
        form = "new-edition" if share >= settings.new_edition_share and not isinstance(old, m.Order) else "changes"
    org = dep.organization
    base = base_edition(dep, old)
    approval = dep.approving_order(base.id)
    named = name_in_accusative(old.title)
    reference = named.accusative
    earlier = [o for o in amending_orders(dep, old) if o.id != order_id]
    style = org.style.date

    def cite(o: m.Order) -> str:
        return cite_order(o.date, o.number, style)

    revisions = ""
    if earlier:
        word = "приказа" if len(earlier) == 1 else "приказов"
        revisions = f" (в редакции {word} " + ", ".join(cite(o) for o in earlier) + ")"
    if form == "new-edition":
        items: list[Item] = []
    else:
        items = wording(old, new, changes, old_numbers, new_numbers, settings)
        if org.style.amendment_items == "capital":
            items = [dataclasses.replace(i, text=_capitalized(i.text)) for i in items]
    single = form == "new-edition" or len(items) == 1
    count_word = "изменения" if single else "изменений"  # «О внесении изменения(й)»
    following = "следующее изменение" if single else "следующие изменения"
    if isinstance(old, m.Order):  # the order's own points: «Внести в приказ … «…» следующие изменения:»
        act = f"приказ {typeset(org.name_genitive)} {cite(old)} «{typeset(old.title)}»"
        title = f"О внесении {count_word} в {act}{revisions}"
        lead = (f"Внести в {act}{revisions} {following}:" if form != "new-edition" else
                f"Изложить {act}{revisions} в новой редакции согласно приложению к настоящему приказу.")
    elif approval is not None:
        approving, _ = approval
        act = f"приказ {typeset(org.name_genitive)} {cite(approving)} «{typeset(approving.title)}»"
        title = f"О внесении {count_word} в {act}{revisions}"
        if form == "new-edition":
            lead = (f"Внести в {act}{revisions} изменение, изложив {reference} в новой редакции "
                    "согласно приложению к настоящему приказу.")
        else:
            lead = (f"Внести в {reference}, {named.participle} приказом {typeset(org.name_genitive)} "
                    f"{cite(approving)} «{typeset(approving.title)}»{revisions}, {following}:")
    else:
        title = f"О внесении {count_word} в {reference}{revisions}"
        if form == "new-edition":
            lead = f"Изложить {reference}{revisions} в новой редакции согласно приложению к настоящему приказу."
        else:
            lead = f"Внести в {reference}{revisions} {following}:"
    annex = new if form == "new-edition" else None
    return Composition(title, lead, items, form, share, annex, changes, cosmetic)


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def accusative(title: str) -> str:
    """«План мероприятий («дорожная карта») …» → «план мероприятий («дорожную карту») …»."""
    return name_in_accusative(typeset(title)).accusative
