"""The amending order as a whole: its title, its lead point and its items, or a new edition
in an annex (drafting rules §2.1, §2.6); and the proof that its wording says every change."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from .. import model as m
from ..cosmetic import split_visible
from ..diff import Change, Diff, diff
from ..editions import amending_orders, base_edition, carry_numbers, numbers_of
from ..grammar import name_in_accusative
from ..printed import printed
from ..typography import cite as cite_order
from ..typography import typeset
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
    annex: object = None  # the new edition, when the form is new-edition
    changes: Diff | None = None  # the visible changes (and every kept node)
    cosmetic: list[Change] = field(default_factory=list)  # typing only: no item


def proof(dep: m.Department, old, new, composition: Composition) -> list[str]:
    """What the wording of `composition` fails to say (amend.parse.prove); empty: all of it."""
    from .parse import prove

    if composition.form != "changes":
        return []
    old_numbers = numbers_of(dep, old)
    _, _, new_numbers = changes_of(old, new, old_numbers)
    return prove(printed(old, old_numbers), printed(new, new_numbers), composition.items)


def changes_of(old, new, old_numbers: dict) -> tuple[Diff, list[Change], dict]:
    """(the visible changes, the typing-only ones, the new edition's frozen numbers)."""
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
            items = [dataclasses.replace(i, text=capitalized(i.text)) for i in items]
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
