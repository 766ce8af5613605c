"""Changes between two editions → the sub-points of «Внести … следующие изменения:», in
the order of the document (drafting rules §2)."""

from __future__ import annotations

from .. import model as m
from ..diff import Change, Diff
from ..editions import walk
from ..printed import Printed, column_cells, printed
from ..tree import resolve
from .formulas import additions, changed, document_items, removals
from .grouped import grouped
from .names import Item, Settings, Wording, in_section, numbers_repeat, unit_name
from .quote import DEFAULT_CELLS, requote
from .words import join_numbers

COLUMN_ROLES = {"text": "measure", "deadline": "deadline", "responsible": "responsible"}


def _column_titles(doc) -> dict:
    """Which column a measure's field is printed in: «в графе «…»» names it."""
    if not isinstance(doc, m.Plan):
        return {}
    titles = {name: doc.column_title(role) for name, role in COLUMN_ROLES.items()}
    titles.update((c.key, c.title) for c in doc.extra_columns if c.key)
    return {name: title for name, title in titles.items() if title}


def wording(
    old,
    new,
    changes: Diff,
    old_numbers,
    new_numbers,
    settings: Settings = Settings(),
    printed_pair: tuple[Printed, Printed] | None = None,
) -> list[Item]:
    """Sub-points of «Внести … следующие изменения:», in the order of the document;
    `printed_pair`: both editions printed with these numbers, when they are known already
    (History.printed)."""
    old_printed, new_printed = printed_pair or (printed(old, old_numbers), printed(new, new_numbers))
    ctx = Wording(
        old,
        new,
        old_numbers,
        new_numbers,
        getattr(new, "responsible_separator", ", "),
        settings,
        columns=_column_titles(old),
        cells=column_cells(old) or DEFAULT_CELLS,
        qualify=numbers_repeat(old, old_numbers),
        kept_old=frozenset(changes.kept.values()),
    )
    order = {path: k for k, (path, _) in enumerate(walk(old))}
    ctx.last_inside = _last_inside(order)
    ctx.old_printed = old_printed
    ctx.old_units = {u.path: u for u in old_printed.units}
    ctx.new_units = {u.path: u for u in new_printed.units}
    ctx.new_path_of = {o: n for n, o in changes.kept.items()}
    ctx.current = {path: dict(u.cells) for path, u in ctx.old_units.items()}
    items: list[Item] = []
    pending = list(changes.changes)
    items += grouped(ctx, pending, order)
    items += document_items(ctx, [c for c in pending if c.kind == "document"])
    items += removals(ctx, [c for c in pending if c.kind == "removed"], order)
    items += additions(ctx, [c for c in pending if c.kind == "added"], order)
    restated_or_edited = [changed(ctx, c, order) for c in pending if c.kind == "changed"]
    items += [i for i in restated_or_edited if i is not None]
    return _restated_together(ctx, sorted(items, key=lambda i: i.order_key))


def _last_inside(order: dict) -> dict:
    """For every path, the document order of the last node inside it (itself if a leaf)."""
    last: dict = {(): -1}
    for path, k in order.items():
        for end in range(len(path) + 1):
            prefix = path[:end]
            if last.get(prefix, -1) < k:
                last[prefix] = k
    return last


def _restated_together(ctx: Wording, items: list[Item]) -> list[Item]:
    """Rows of one list restated one after another: «пункты 2.3, 2.5 и 2.6 изложить …»."""
    result: list[Item] = []
    run: list[Item] = []

    def flush():
        if len(run) > 1:
            paths = [i.restated for i in run if i.restated is not None]
            numbers = [ctx.old_numbers[p] for p in paths]
            node = resolve(ctx.old, paths[0])
            text = (
                f"{in_section(ctx, paths[0])}{ctx.word(node, 'acc', True)} "
                f"{join_numbers(numbers)} изложить в следующей редакции:"
            )
            rows, _ = requote([r for i in run for r in i.rows], [])
            result.append(
                Item(
                    text,
                    rows=rows,
                    changes=[c for i in run for c in i.changes],
                    order_key=run[0].order_key,
                    restated=paths[0],
                    unit=unit_name(ctx, paths[0], numbers),
                )
            )
        else:
            result.extend(run)
        run.clear()

    for item in items:
        previous = run[-1].restated if run else None
        if item.restated is not None and previous is not None and previous[:-1] == item.restated[:-1]:
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


def mentioned(items: list[Item]) -> list[Change]:
    """Every change the wording covers (each should appear exactly once)."""
    return [c for item in items for c in item.changes]
