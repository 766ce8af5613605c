"""The amending order as a whole: its title, its lead point and its items, or a new edition
in an annex (drafting rules §2.1, §2.6); and the proof that its wording says every change."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from .. import model as m
from ..cosmetic import split_visible
from ..diff import Change, Diff, diff
from ..editions import carry_numbers
from ..formats import order_act, revisions
from ..grammar import name_in_accusative
from ..history import history
from .names import Item, Settings
from .wording import changed_share, wording
from .words import capitalized


@dataclass
class Composition:
    """What an amending order says, before any formatting into a document."""

    title: str
    lead: str  # point 1: «Внести в … следующие изменения:» or «… изложив … в новой редакции …»
    items: list[Item]
    form: str  # changes | new-edition
    share: float
    annex: m.Plan | m.Regulation | m.Order | None = None  # the new edition, when the form is new-edition
    changes: Diff | None = None  # the visible changes (and every kept node)
    cosmetic: list[Change] = field(default_factory=list)  # typing only: no item


def proof(dep: m.Department, old, new, composition: Composition) -> list[str]:
    """What the wording of `composition` fails to say (amend.parse.prove); empty: all of it."""
    from .parse import prove

    if composition.form != "changes":
        return []
    return prove(*history(dep).printed(old, new), composition.items)


def changes_of(old, new, old_numbers: dict, changes: Diff | None = None) -> tuple[Diff, list[Change], dict]:
    """(the visible changes, the typing-only ones, the new edition's frozen numbers) of two
    editions outside a department (a department's history knows them: `compose_for`);
    `changes`: the diff of the two editions, when it is known already."""
    changes = changes if changes is not None else diff(old, new)
    visible, cosmetic = visible_changes(changes)
    return visible, cosmetic, carry_numbers(old_numbers, changes, new)


def visible_changes(changes: Diff) -> tuple[Diff, list[Change]]:
    """(the changes a reader sees, every kept node still in them; the typing-only ones)."""
    visible, cosmetic = split_visible(changes.changes)
    return dataclasses.replace(changes, changes=visible), cosmetic


def compose(dep: m.Department, order: m.Order, settings: Settings = Settings()) -> Composition:
    """The amendment that an order with `amendment:` makes; with the default settings
    composed once per department (the department's history keeps it)."""
    if settings == Settings():
        return history(dep).composition(order)
    amendment = order.amendment
    if amendment is None:
        raise ValueError(f"{order.id} is not an amending order")  # callers pass amending orders only
    old = dep.document(amendment.old)
    new = dep.document(amendment.new)
    return compose_for(dep, old, new, amendment.form, order.id, settings)


def compose_for(
    dep: m.Department, old, new, form: str = "auto", order_id: str | None = None, settings: Settings = Settings()
) -> Composition:
    editions = history(dep)
    changes, cosmetic = visible_changes(editions.changes(old, new))
    share = changed_share(old, changes)
    if form == "auto":  # an order's own points are amended point by point, however many
        form = "new-edition" if share >= settings.new_edition_share and not isinstance(old, m.Order) else "changes"
    org = dep.organization
    approval = editions.approval(editions.base(old).id)
    named = name_in_accusative(old.title)
    reference = named.accusative
    earlier = [o for o in editions.amended_by(old) if o.id != order_id]
    style = org.style.date
    in_revision = f" ({revisions(earlier, style, 'в редакции')})" if earlier else ""
    if form == "new-edition":
        items: list[Item] = []
    else:
        old_numbers, new_numbers = editions.numbers(old), editions.carried(old, new)
        items = wording(old, new, changes, old_numbers, new_numbers, settings, editions.printed(old, new))
        if org.style.amendment_items == "capital":
            items = [dataclasses.replace(i, text=capitalized(i.text)) for i in items]
    single = form == "new-edition" or len(items) == 1
    count_word = "изменения" if single else "изменений"  # «О внесении изменения(й)»
    following = "следующее изменение" if single else "следующие изменения"
    if isinstance(old, m.Order):  # the order's own points: «Внести в приказ … «…» следующие изменения:»
        act = order_act(org, old, style)
        title = f"О внесении {count_word} в {act}{in_revision}"
        lead = (
            f"Внести в {act}{in_revision} {following}:"
            if form != "new-edition"
            else f"Изложить {act}{in_revision} в новой редакции согласно приложению к настоящему приказу."
        )
    elif approval is not None:
        approving, _ = approval
        act = order_act(org, approving, style)
        title = f"О внесении {count_word} в {act}{in_revision}"
        if form == "new-edition":
            lead = (
                f"Внести в {act}{in_revision} изменение, изложив {reference} в новой редакции "
                "согласно приложению к настоящему приказу."
            )
        else:
            lead = (
                f"Внести в {reference}, {named.participle} {order_act(org, approving, style, 'приказом')}"
                f"{in_revision}, {following}:"
            )
    else:
        title = f"О внесении {count_word} в {reference}{in_revision}"
        if form == "new-edition":
            lead = f"Изложить {reference}{in_revision} в новой редакции согласно приложению к настоящему приказу."
        else:
            lead = f"Внести в {reference}{in_revision} {following}:"
    annex = new if form == "new-edition" else None
    return Composition(title, lead, items, form, share, annex, changes, cosmetic)
