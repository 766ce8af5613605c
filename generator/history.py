"""One department's edition history, computed once and asked by everyone who needs it.

For every plan or regulation edition: the order that approved it (as an annex) or brought
it into force (an amending order), the edition it follows, the edition its amended line
started from, the orders that amended that line since, and the numbers it prints (frozen
from the edition it amends, `editions.carry_numbers`). For every pair of editions: their
diff, the numbers the newer one carries from the older and both as a reader sees them
(`printed`), which the wording of an amending order and its proof both read. For every
amending order: what it says (`amend.order.compose_for`), composed once. Build, check,
show, the site and amend read these answers here instead of deciding them again.

`history(dep)` keeps one `History` per department object while that object lives, so a
`publish` that checks, builds, draws redlines and writes pages composes each amending
order once, and diffs, numbers and prints each pair of editions once.
"""

from __future__ import annotations

import dataclasses
import weakref
from typing import TYPE_CHECKING

from . import model as m
from .editions import carry_numbers, path_numbers, with_numbers
from .typography import writing_as_typed

if TYPE_CHECKING:
    from .amend.order import Composition
    from .diff import Diff
    from .printed import Printed

EditionDocument = m.Plan | m.Regulation  # an edition of a work (m.Edition is its metadata)


class History:
    """The editions of one department and the orders that approved or amended them."""

    def __init__(self, dep: m.Department):
        self._department = weakref.ref(dep)  # the cache must not keep a department alive
        self._documents = {doc.id: doc for doc in dep.documents}
        self._approvals: dict[str, tuple[m.Order, int]] = {}
        self._amendments: dict[str, m.Order] = {}
        for doc in dep.documents:  # the first order that names a document decides, in file order
            if isinstance(doc, m.Order):
                for index, ref in enumerate(doc.annexes):
                    self._approvals.setdefault(ref.document, (doc, index))
                if doc.amendment is not None:
                    self._amendments.setdefault(doc.amendment.new, doc)
        self._numbers: dict[str, dict] = {}
        self._frozen: dict[str, EditionDocument] = {}
        self._diffs: dict[tuple[str, str], Diff] = {}
        self._carried: dict[tuple[str, str], dict] = {}
        self._printed: dict[tuple[str, str | None, bool], Printed] = {}
        self._compositions: dict[str, Composition] = {}
        self._works: list[list[EditionDocument]] | None = None

    @property
    def department(self) -> m.Department:
        dep = self._department()
        assert dep is not None, "a history outlived its department"
        return dep

    # --- orders ---------------------------------------------------------------------------

    def approval(self, doc_id: str) -> tuple[m.Order, int] | None:
        """The order that approves a document as its annex, and the annex's index in it."""
        return self._approvals.get(doc_id)

    def approving_order(self, doc_id: str) -> m.Order | None:
        found = self._approvals.get(doc_id)
        return found[0] if found else None

    def amending_order(self, doc_id: str) -> m.Order | None:
        """The order that brought an amended edition into force."""
        return self._amendments.get(doc_id)

    def basis(self, doc_id: str) -> m.Order | None:
        """The order an edition rests on: the one that approved it, else the one that brought it in."""
        return self.approving_order(doc_id) or self.amending_order(doc_id)

    # --- the line of an edition -----------------------------------------------------------

    def previous(self, doc: m.Document) -> m.Document | None:
        """The edition this one follows, if the department holds it."""
        follows = doc.edition.follows
        return self._documents.get(follows) if follows else None

    def base(self, doc) -> EditionDocument:
        """The edition an amended line started from (the one an order approved as its annex)."""
        current = doc
        while current.edition.kind == "amendment" and current.edition.follows:
            previous = self._documents[current.edition.follows]
            # an edition follows an edition of its own kind (the loader refuses anything else)
            assert isinstance(previous, m.Plan | m.Regulation)
            current = previous
        return current

    def amended_by(self, doc) -> list[m.Order]:
        """The orders that amended this edition's line since its base edition, oldest first."""
        orders: list[m.Order] = []
        current = doc
        while current.edition.kind == "amendment" and current.edition.follows:
            order = self.amending_order(current.id)
            if order is not None:
                orders.append(order)
            current = self._documents[current.edition.follows]
        return list(reversed(orders))

    def works(self) -> list[list[EditionDocument]]:
        """Each plan or regulation with all its editions, oldest first."""
        if self._works is None:
            seen: set[str] = set()
            self._works = []
            for doc in self._documents.values():
                if isinstance(doc, m.Plan | m.Regulation) and doc.id not in seen:
                    chain = self._chain(doc.id)
                    seen.update(d.id for d in chain)
                    self._works.append(chain)
        return self._works

    def work_of(self, doc_id: str) -> list[EditionDocument]:
        """Every edition of the work a document belongs to, oldest first."""
        found = next((work for work in self.works() if any(e.id == doc_id for e in work)), None)
        return found if found is not None else self._chain(doc_id)

    def _chain(self, doc_id: str) -> list[EditionDocument]:
        """Back to the first edition (a loop of `follows` stops), then forward, taking the
        first edition in file order that follows the last one."""
        by_id = {d.id: d for d in self._documents.values() if isinstance(d, m.Plan | m.Regulation)}
        first = by_id[doc_id]
        seen = {first.id}
        while first.edition.follows in by_id and first.edition.follows not in seen:
            first = by_id[first.edition.follows]
            seen.add(first.id)
        chain = [first]
        while True:
            following = [d for d in by_id.values() if d.edition.follows == chain[-1].id and d not in chain]
            if not following:
                return chain
            chain.append(following[0])

    def current(self, work: list[EditionDocument]) -> EditionDocument:
        """The edition in force: the newest real one (not an illustrative example) that an
        order approved or brought in. A later draft (no order yet) is never current; a work
        that no order approves shows its newest real edition."""
        real = [e for e in work if not e.edition.illustrative] or work[:1]
        approved = [e for e in real if self.basis(e.id)]
        return approved[-1] if approved else real[-1]

    # --- numbers and changes --------------------------------------------------------------

    def changes(self, old, new) -> Diff:
        """The structural diff of two editions (kept, for the department's own documents)."""
        from .diff import diff  # here: building a plan without editions needs no diff

        if not (self._own(old) and self._own(new)):
            return diff(old, new)
        key = (old.id, new.id)
        if key not in self._diffs:
            self._diffs[key] = diff(old, new)
        return self._diffs[key]

    def numbers(self, doc) -> dict:
        """Display number of every numbered node by path: an amended edition keeps the
        numbers of the edition it amends (editions.carry_numbers), any other numbers itself."""
        if self._own(doc) and doc.id in self._numbers:
            return self._numbers[doc.id]
        follows = getattr(getattr(doc, "edition", None), "follows", None)
        if doc.edition.kind != "amendment" or not follows:
            numbers = path_numbers(doc)
        else:
            numbers = self.carried(self._documents[follows], doc)
        if self._own(doc):
            self._numbers[doc.id] = numbers
        return numbers

    def frozen(self, doc) -> EditionDocument:
        """An edition as it is printed: every number written out, inherited ones included."""
        if not self._own(doc):
            return with_numbers(doc, self.numbers(doc))
        if doc.id not in self._frozen:
            self._frozen[doc.id] = with_numbers(doc, self.numbers(doc))
        return self._frozen[doc.id]

    def carried(self, old, new) -> dict:
        """The numbers `new` prints as the amended `old`: the old numbers kept, new ones by
        suffix (editions.carry_numbers); `numbers(new)` when `new` follows `old`."""
        key = (old.id, new.id)
        if key in self._carried and self._own(old) and self._own(new):
            return self._carried[key]
        numbers = carry_numbers(self.numbers(old), self.changes(old, new), new)
        if self._own(old) and self._own(new):
            self._carried[key] = numbers
        return numbers

    def printed(self, old, new) -> tuple[Printed, Printed]:
        """Both editions as a reader sees them (printed.printed), `old` with its numbers and
        `new` with the ones it carries from `old`: the wording of an amending order reads
        them and its proof compares them. Nobody changes a Printed (the proof copies the
        units it edits)."""
        follows = new.edition.kind == "amendment" and new.edition.follows == old.id
        return self._print(old), self._print(new, None if follows else old)

    def _print(self, doc, carried_from=None) -> Printed:
        """`doc` printed with its own numbers, or with those it carries from `carried_from`;
        typeset or as written, as the caller's typography asks."""
        key = (doc.id, carried_from.id if carried_from is not None else None, writing_as_typed())
        own = self._own(doc) and (carried_from is None or self._own(carried_from))
        if own and key in self._printed:
            return self._printed[key]
        from .printed import printed

        result = printed(doc, self.numbers(doc) if carried_from is None else self.carried(carried_from, doc))
        if own:
            self._printed[key] = result
        return result

    # --- amending orders ------------------------------------------------------------------

    def composition(self, order: m.Order) -> Composition:
        """What an amending order says (amend.order.Composition), composed on first use."""
        if not self._own(order):
            return self._compose(order)
        if order.id not in self._compositions:
            self._compositions[order.id] = self._compose(order)
        return self._compositions[order.id]

    def _compose(self, order: m.Order) -> Composition:
        from .amend import order as amending  # the amendment's wording needs this history

        assert order.amendment is not None, "only an amending order is composed"
        old, new = self._documents[order.amendment.old], self._documents[order.amendment.new]
        return amending.compose_for(self.department, old, new, order.amendment.form, order.id)

    def _inherit(self, earlier: History) -> None:
        """Take what `earlier`, the history of a department that differs from this one in a
        few documents, knows of the editions those documents leave alone: an entry stays
        when no document it was computed from (its editions and the ones they follow) is
        another object here. Who approved or amended what, and the compositions, are this
        department's own."""
        mine, theirs = self._documents, earlier._documents
        changed = {i for i in mine.keys() | theirs.keys() if mine.get(i) is not theirs.get(i)}

        def untouched(*ids: str) -> bool:
            return not any(earlier._lineage(i) & changed for i in ids)

        self._numbers.update((k, v) for k, v in earlier._numbers.items() if untouched(k))
        self._frozen.update((k, v) for k, v in earlier._frozen.items() if untouched(k))
        self._diffs.update((k, v) for k, v in earlier._diffs.items() if untouched(*k))
        self._carried.update((k, v) for k, v in earlier._carried.items() if untouched(*k))
        self._printed.update((k, v) for k, v in earlier._printed.items() if untouched(*filter(None, k[:2])))

    def _lineage(self, doc_id: str) -> set[str]:
        """The document's id and the ids of the editions it follows, back to the first
        (a `follows` this department lacks included)."""
        ids = {doc_id}
        follows = _follows(self._documents.get(doc_id))
        while follows and follows not in ids:
            ids.add(follows)
            follows = _follows(self._documents.get(follows))
        return ids

    def _own(self, doc) -> bool:
        """A document of this department (an edition made in memory is computed, not kept)."""
        return self._documents.get(doc.id) is doc


def _follows(doc) -> str | None:
    return getattr(getattr(doc, "edition", None), "follows", None)


_histories: dict[int, History] = {}


def history(dep: m.Department) -> History:
    """The department's history, computed on first use and kept while the department lives."""
    found = _histories.get(id(dep))
    if found is None or found._department() is not dep:
        found = _histories[id(dep)] = History(dep)
        weakref.finalize(dep, _histories.pop, id(dep), None)
    return found


def with_document(dep: m.Department, doc: m.Document) -> m.Department:
    """The department with `doc` in place of the document of its id (or added at the end).

    Its history starts from what the department's history knows of the editions `doc`
    leaves alone: `prikaz amend` swaps the new amending order in, and `import --edition-of`
    has worded the changes already, so the diff, the numbers and the printed editions are
    not made again."""
    swapped = dataclasses.replace(dep, documents=tuple(d for d in dep.documents if d.id != doc.id) + (doc,))
    earlier = _histories.get(id(dep))
    if earlier is not None and earlier._department() is dep:
        history(swapped)._inherit(earlier)
    return swapped


def numbers_of(dep: m.Department, doc) -> dict:
    """The numbers an edition prints (History.numbers)."""
    return history(dep).numbers(doc)


def frozen(dep: m.Department, doc) -> EditionDocument:
    """An edition with the numbers it prints written out (History.frozen)."""
    return history(dep).frozen(doc)
