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
from .diff import CHILDREN, Change, Diff, FieldChange, Path, resolve, word_diff
from .editions import walk
from .grammar import name_in_accusative
from .typography import typeset

COLUMN_FIELDS = {"text": 1, "deadline": 2, "responsible": 3}


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


@dataclass
class Context:
    old: object
    new: object
    old_numbers: dict
    new_numbers: dict
    separator: str
    settings: Settings
    columns: tuple[str, ...] = ()
    qualify: bool = False  # row numbers repeat across sections: name the section too
    kept_old: frozenset = frozenset()  # old paths that stay in the new edition
    last_inside: dict = field(default_factory=dict)  # path → order of its last descendant


# --- the whole wording ------------------------------------------------------------------


def wording(old, new, changes: Diff, old_numbers, new_numbers, settings: Settings = Settings()) -> list[Item]:
    """Sub-points of «Внести … следующие изменения:», in the order of the document."""
    ctx = Context(old, new, old_numbers, new_numbers, getattr(new, "responsible_separator", ", "),
                  settings, getattr(old, "columns", ()), _numbers_repeat(old, old_numbers),
                  frozenset(changes.kept.values()))
    order = {path: k for k, (path, _) in enumerate(walk(old))}
    ctx.last_inside = _last_inside(order)
    items: list[Item] = []
    pending = list(changes.changes)
    items += _throughout(ctx, pending)
    items += _document(ctx, [c for c in pending if c.kind == "document"])
    items += _removals(ctx, [c for c in pending if c.kind == "removed"], order)
    items += _additions(ctx, [c for c in pending if c.kind == "added"], order)
    items += [_changed(ctx, c, order) for c in pending if c.kind == "changed"]
    items = [i for i in items if i is not None]
    return sorted(items, key=lambda i: i.order_key)


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


_FORMS = {
    "пункт": {"acc": "пункт", "gen": "пункта", "ins": "пунктом", "pl_acc": "пункты", "pl_ins": "пунктами",
              "pl_gen": "пунктов", "prep": "пункте"},
    "строка": {"acc": "строку", "gen": "строки", "ins": "строкой", "pl_acc": "строки", "pl_ins": "строками",
               "pl_gen": "строк", "prep": "строке"},
    "позиция": {"acc": "позицию", "gen": "позиции", "ins": "позицией", "pl_acc": "позиции",
                "pl_ins": "позициями", "pl_gen": "позиций", "prep": "позиции"},
    "раздел": {"acc": "раздел", "gen": "раздела", "ins": "разделом", "pl_acc": "разделы", "pl_ins": "разделами",
               "pl_gen": "разделов", "prep": "разделе"},
    "глава": {"acc": "главу", "gen": "главы", "ins": "главой", "pl_acc": "главы", "pl_ins": "главами",
              "pl_gen": "глав", "prep": "главе"},
    "блок": {"acc": "блок", "gen": "блока", "ins": "блоком", "pl_acc": "блоки", "pl_ins": "блоками",
             "pl_gen": "блоков", "prep": "блоке"},
}


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


def _where(ctx: Context, path: Path, case: str = "prep") -> str:
    """«в разделе 2» for an item inside a section, to locate passport blocks."""
    parent = path[:-1]
    if not parent:
        return ""
    node = resolve(ctx.old, parent)
    return "в " + _label(node, ctx.old_numbers.get(parent), ctx.settings, case) + " "


# --- quoted content ---------------------------------------------------------------------


def quoted_rows(node, numbers: dict, path: Path, separator: str) -> list[list[str]]:
    """A node as the table rows it prints: a measure row, or a section with its rows."""
    rows: list[list[str]] = []
    if isinstance(node, m.Measure):
        rows.append([numbers.get(path) or "", _cell_text(node.text) + _note(node),
                     typeset(node.deadline or ""), separator.join(typeset(u) for u in node.responsible)])
    elif isinstance(node, m.Section):
        number = numbers.get(path)
        rows.append(["", f"{_bare(number)}. {typeset(node.title)}" if number else typeset(node.title), "", ""])
    for sub_path, sub in walk(node, path):
        if isinstance(sub, m.Measure | m.Section):
            rows += quoted_rows(sub, numbers, sub_path, separator)[:1]
    return rows


def _note(node: m.Measure) -> str:
    return f"\nПримечание: {typeset(node.note)}" if node.note else ""


def _cell_text(text: m.Text) -> str:
    return "\n".join(typeset(line) for line in m.plain_text(text).splitlines())


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
        return _quote_rows(quoted_rows(node, numbers, path, ctx.separator)), []
    return [], _with_quotes(quoted_paragraphs(node, numbers, path))


# --- formulas ---------------------------------------------------------------------------


def _document(ctx: Context, changes: list[Change]) -> list[Item]:
    items = []
    for change in changes:
        for f in change.fields:
            if f.name == "title":
                items.append(Item(f"наименование изложить в следующей редакции: «{typeset(f.new)}».",
                                  changes=[change], order_key=(-1, 0)))
            elif f.name == "note" and f.new is not None:
                lines = [typeset(x) for x in m.plain_text(f.new.text).splitlines()]
                items.append(Item("пояснительную записку изложить в следующей редакции:",
                                  quote=_with_quotes(lines), changes=[change], order_key=(-1, 1)))
            elif f.name == "note":
                items.append(Item("пояснительную записку исключить.", changes=[change], order_key=(-1, 1)))
            elif f.name == "columns":
                items.append(Item("наименования граф таблицы изложить в следующей редакции: «"
                                  + "», «".join(typeset(c) for c in f.new) + "».", changes=[change],
                                  order_key=(-1, 2)))
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
                          order_key=(order[first.old_path], 0)))
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
        key = _end_key(ctx, container)
    rows: list[list[str]] = []
    quote: list[str] = []
    for change in group:
        r, q = _content(ctx, change.new, ctx.new_numbers, change.new_path)
        rows += r
        quote += q
    rows, quote = _requote(rows, quote)
    text = f"{place}дополнить {what} следующего содержания:".strip()
    return Item(text[0].lower() + text[1:], rows=rows, quote=quote, changes=group, order_key=(key, 3))


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


def _changed(ctx: Context, change: Change, order) -> Item:
    node = change.old
    number = ctx.old_numbers.get(change.old_path)
    key = (order[change.old_path], 2)
    fragment = _fragment(ctx, change, number)
    if fragment:
        return Item(fragment, changes=[change], order_key=key)
    if isinstance(node, m.Section | m.Chapter) and {f.name for f in change.fields} <= {"title"}:
        title = change.new.title
        shown = f"{_bare(number)}. {typeset(title)}" if number else typeset(title)
        word = "наименование " + _unit_word(node, ctx.settings, "gen")
        suffix = f" {_bare(number)}" if number else f" «{typeset(change.old.title)}»"
        return Item(f"{word}{suffix} изложить в следующей редакции: «{shown}».", changes=[change], order_key=key)
    label = _where(ctx, change.old_path) if isinstance(node, m.PassportBlock) else _in_section(ctx, change.old_path)
    label += _label(node, number, ctx.settings)
    new_numbers = dict(ctx.new_numbers)
    new_numbers[change.new_path] = number  # a kept unit keeps its number
    rows, quote = _content(ctx, _own_only(change.new), new_numbers, change.new_path)
    return Item(f"{label} изложить в следующей редакции:", rows=rows, quote=quote, changes=[change],
                order_key=key)


def _own_only(node):
    """A node without its children: «изложить» restates the unit's own cells."""
    return dataclasses.replace(node, **{name: () for name in CHILDREN[type(node)]})


def _fragment(ctx: Context, change: Change, number: str | None) -> str | None:
    """«в графе «Срок исполнения» пункта 4.2 слова «…» заменить словами «…»», if clearer."""
    if len(change.fields) != 1 or not number or not isinstance(change.old, m.Measure | m.Clause | m.Point):
        return None
    f = change.fields[0]
    edit = field_edit(f, ctx)
    if edit is None:
        return None
    old_text, (before, removed, added) = edit
    if removed and old_text.count(removed) != 1:
        return None  # «слова «…»» must name one place
    column = COLUMN_FIELDS.get(f.name)
    section = _in_section(ctx, change.old_path)
    if isinstance(change.old, m.Measure) and column is not None and ctx.columns:
        column_name = typeset(ctx.columns[column])
        where = f"{section}в графе «{column_name}» {_unit_word(change.old, ctx.settings, 'gen')} {_bare(number)}"
    elif f.name == "text":
        where = f"{section}в {_unit_word(change.old, ctx.settings, 'prep')} {_bare(number)}"
    else:
        return None
    kind, kinds = _words_or_figures(removed or added)
    if removed and added:
        sentence = f"{where} {kind} «{removed}» заменить {kinds} «{added}»."
    elif removed:
        sentence = f"{where} {kind} «{removed}» исключить."
    elif before:
        sentence = f"{where} после {kind_gen(kind)} «{before}» дополнить {kinds} «{added}»."
    else:
        return None
    # The whole-row form is clearer when the fragment form is not shorter than it.
    return sentence if len(sentence) < 40 + _restated_length(change.new) else None


def _restated_length(node) -> int:
    """How long «… изложить в следующей редакции» would quote: every cell of the unit."""
    cells = [m.plain_text(node.text), getattr(node, "deadline", None) or "",
             " ".join(getattr(node, "responsible", ()))]
    return sum(len(c) for c in cells)


def kind_gen(kind: str) -> str:
    return {"слова": "слов", "цифры": "цифр"}[kind]


def _words_or_figures(fragment: str) -> tuple[str, str]:
    return ("цифры", "цифрами") if re.fullmatch(r"[\d\s.,–-]+", fragment.strip()) else ("слова", "словами")


def _field_text(value, ctx: Context) -> str | None:
    if value is None:
        return ""
    if isinstance(value, str):
        return typeset(value)
    if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
        return ctx.separator.join(typeset(v) for v in value)
    if isinstance(value, tuple) and any(isinstance(v, m.Definition) for v in value):
        return None  # a list of terms: the clause is restated
    if isinstance(value, tuple):
        text = m.plain_text(value)
        return None if "\n" in text else typeset(text)
    return None


def field_edit(f: FieldChange, ctx: Context) -> tuple[str, tuple[str, str, str]] | None:
    """(old cell text, (words before, removed, added)) for a change in one place of a cell.

    Responsible units are compared unit by unit, so a renamed unit is one replacement of
    its whole name, not of the word that happened to differ.
    """
    if f.name == "responsible" and isinstance(f.old, tuple) and isinstance(f.new, tuple):
        old_units, new_units = [typeset(u) for u in f.old], [typeset(u) for u in f.new]
        edit = _units_edit(old_units, new_units, ctx.separator)
        return (ctx.separator.join(old_units), edit) if edit else None
    old_text, new_text = _field_text(f.old, ctx), _field_text(f.new, ctx)
    if old_text is None or new_text is None:
        return None
    edit = single_edit(old_text, new_text)
    return (old_text, edit) if edit else None


def _units_edit(old: list[str], new: list[str], separator: str) -> tuple[str, str, str] | None:
    if len(old) == len(new):
        differ = [k for k in range(len(old)) if old[k] != new[k]]
        if len(differ) == 1:
            return "", old[differ[0]], new[differ[0]]
    elif len(new) == len(old) + 1 and new[:-1] == old and old:
        return old[-1], "", (separator.rstrip() + " " + new[-1]).lstrip()
    return None


def single_edit(old: str, new: str) -> tuple[str, str, str] | None:
    """(words before, removed, added) when old and new differ in one run of words."""
    runs = word_diff(old, new)
    changed = [k for k, (op, _) in enumerate(runs) if op != "equal"]
    if not changed or changed[-1] - changed[0] > 1:
        return None
    removed = "".join(t for op, t in runs if op == "delete").strip()
    added = "".join(t for op, t in runs if op == "insert").strip()
    before = "".join(t for op, t in runs[: changed[0]] if op == "equal")
    return " ".join(before.split()[-3:]), removed, added


# --- the same replacement in many rows --------------------------------------------------


def _throughout(ctx: Context, pending: list[Change]) -> list[Item]:
    """«по тексту слова «…» заменить словами «…»» for a replacement made in many rows.

    Used only when the old words no longer occur anywhere in the new edition, so the
    formula cannot reach a place that was meant to stay.
    """
    by_edit: dict[tuple[str, str], list[Change]] = {}
    for change in pending:
        if change.kind != "changed" or len(change.fields) != 1:
            continue
        found = field_edit(change.fields[0], ctx)
        edit = found[1] if found else None
        if edit and edit[1] and edit[2]:
            by_edit.setdefault((edit[1], edit[2]), []).append(change)
    new_words = " ".join(_all_text(ctx.new))
    items = []
    for (removed, added), changes in by_edit.items():
        if len(changes) < ctx.settings.throughout_min or removed in new_words:
            continue
        for change in changes:
            pending.remove(change)
        kind, kinds = _words_or_figures(removed)
        items.append(Item(f"по тексту {kind} «{removed}» заменить {kinds} «{added}».", changes=changes,
                          order_key=(-0.5, 0)))
    return items


def _all_text(doc) -> list[str]:
    result = []
    for _, node in walk(doc):
        for value in (getattr(node, "title", None), getattr(node, "deadline", None), getattr(node, "note", None)):
            if value:
                result.append(typeset(value))
        if hasattr(node, "text") and isinstance(node.text, tuple):
            result.append(typeset(m.plain_text(node.text)))
        if getattr(node, "responsible", None):
            result.append(typeset(", ".join(node.responsible)))
    return result


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


def compose(dep: m.Department, order: m.Order, settings: Settings = Settings()) -> Composition:
    """The amendment that an order with `amendment:` makes."""
    old = dep.document(order.amendment.old)
    new = dep.document(order.amendment.new)
    return compose_for(dep, old, new, order.amendment.form, order.id, settings)


def compose_for(dep: m.Department, old, new, form: str = "auto", order_id: str | None = None,
                settings: Settings = Settings()) -> Composition:
    from .cosmetic import split_visible
    from .diff import diff
    from .editions import amending_orders, base_edition, carry_numbers, numbers_of
    from .typography import cite as cite_order

    changes = diff(old, new)
    visible, cosmetic = split_visible(changes.changes)
    changes = dataclasses.replace(changes, changes=visible)
    old_numbers = numbers_of(dep, old)
    new_numbers = carry_numbers(old_numbers, changes, new)
    share = changed_share(old, changes)
    if form == "auto":
        form = "new-edition" if share >= settings.new_edition_share else "changes"
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
    if approval is not None:
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
