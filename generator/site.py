"""Departments and published files → what the site's pages say (plain data, no HTML).

The index lists every order and every plan or regulation (one row per work, showing its
current edition); each plan or regulation has a page with its editions and the orders
that approved or amended them. Links are relative to the site's root.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import formats
from . import model as m
from .build import published_path
from .history import history
from .numbering import NumberedChapter, NumberedSection, plan_outline, regulation_outline
from .redline import SUFFIX as REDLINE_SUFFIX
from .typography import NBSP

ILLUSTRATIVE = "пример, не действующий документ"
KIND_NAMES = {"order": "Приказ", "plan": "План мероприятий", "regulation": "Положение"}
EDITION_KINDS = {"original": "первоначальная", "new": "новая редакция", "amendment": "с изменениями"}


@dataclass(frozen=True)
class FileLink:
    href: str  # relative to the site's root
    label: str  # «PDF», «DOCX»
    size: int
    sha256: str


@dataclass(frozen=True)
class ListedDocument:
    """A row of the site's list of documents: an order, or a plan or regulation (its current edition)."""

    kind: str
    date: str
    number: str
    title: str
    page: str | None  # the work's own page, for plans and regulations
    note: str  # «в ред. приказа от … № …»
    files: tuple[FileLink, ...]
    sort_key: tuple


@dataclass(frozen=True)
class EditionRow:
    label: str
    basis: str  # «утверждена приказом от … № …»
    basis_files: tuple[FileLink, ...]
    files: tuple[FileLink, ...]
    current: bool
    redline: FileLink | None = None  # the changes from the previous edition, tracked in a DOCX


@dataclass(frozen=True)
class WorkPage:
    path: str
    kind: str
    title: str
    organization: str
    note: str
    files: tuple[FileLink, ...]
    editions: tuple[EditionRow, ...]
    orders: tuple[ListedDocument, ...]
    contents: tuple[str, ...]


@dataclass(frozen=True)
class OrganizationRows:
    name: str
    rows: tuple[ListedDocument, ...]


def files_of(dep: m.Department, doc_id: str, published: dict[str, FileLink]) -> tuple[FileLink, ...]:
    links = (published.get(published_path(dep, doc_id, suffix)) for suffix in (".pdf", ".docx"))
    return tuple(link for link in links if link is not None)


def index_rows(departments: list[m.Department], published: dict[str, FileLink]) -> list[OrganizationRows]:
    result = []
    for dep in sorted(departments, key=lambda d: d.organization.name):
        rows = [_order_row(dep, doc, published) for doc in dep.documents if isinstance(doc, m.Order)]
        rows += [_work_row(dep, work, published) for work in works(dep)]
        result.append(OrganizationRows(dep.organization.name, tuple(sorted(rows, key=lambda r: r.sort_key))))
    return result


def works(dep: m.Department) -> list[list[m.Plan | m.Regulation]]:
    """Each plan or regulation with all its editions, oldest first (History.works)."""
    return history(dep).works()


def work_page_path(dep: m.Department, work: list) -> str:
    return published_path(dep, work[0].id, ".html")


def _kind(doc: m.Document) -> str:
    return KIND_NAMES["order" if isinstance(doc, m.Order) else "plan" if isinstance(doc, m.Plan) else "regulation"]


def _sort_key(date: dt.date | None, number: str) -> tuple:
    """Newest first; undated works last."""
    return (date is None, -(date.toordinal() if date else 0), number)


def _order_row(dep: m.Department, order: m.Order, published) -> ListedDocument:
    return ListedDocument(
        kind=_kind(order),
        date=formats.date(order.date),
        number=_unbroken(formats.number(order.number)),
        title=_order_title(dep, order),
        page=None,
        note=_order_note(dep, order),
        files=files_of(dep, order.id, published),
        sort_key=_sort_key(order.date, order.number),
    )


def _order_title(dep: m.Department, order: m.Order) -> str:
    if order.amendment is None:
        return order.title
    return history(dep).composition(order).title  # an amending order's title is worded from the diff


def current_edition(dep: m.Department, work: list) -> m.Plan | m.Regulation:
    """The edition in force (History.current): a draft or an illustrative example never is."""
    return history(dep).current(work)


def _work_row(dep: m.Department, work: list, published) -> ListedDocument:
    current = current_edition(dep, work)
    order = history(dep).approving_order(work[0].id)
    date, number = ("—", "—")
    sort_date = None
    if order is not None:
        date, sort_date = formats.date(order.date), order.date
        number = f"к приказу {_unbroken(formats.number(order.number))}"
    return ListedDocument(
        kind=_kind(current),
        date=date,
        number=number,
        title=current.title,
        page=work_page_path(dep, work),
        note=_work_note(dep, current),
        files=files_of(dep, current.id, published),
        sort_key=_sort_key(sort_date, number),
    )


def _work_note(dep: m.Department, current) -> str:
    """«в ред. приказа …» for the edition whose files are shown, or that it is an example."""
    if current.edition.illustrative:
        return ILLUSTRATIVE
    return formats.revisions(history(dep).amended_by(current), dep.organization.style.date)


def _unbroken(number: str) -> str:
    """«№ 0212-09 а» kept on one line in a narrow column."""
    return number.replace(" ", NBSP)


def _order_note(dep: m.Department, order: m.Order) -> str:
    """What an order's files are. They hold the order as signed, with its annexes as first
    approved: when an annex has been amended since, the note says the text is the original
    and which orders amended it (never «в ред.», which would promise the current text)."""
    if order.amendment is not None and dep.document(order.amendment.new).edition.illustrative:
        return ILLUSTRATIVE
    editions = history(dep)
    amended_by = [
        o for ref in order.annexes for o in editions.amended_by(editions.current(editions.work_of(ref.document)))
    ]
    if not amended_by:
        return ""
    word = formats.orders_word(len(amended_by), "instrumental")
    cited = formats.cited_list(amended_by, dep.organization.style.date)
    return f"текст в первоначальной редакции; изменения внесены {word} {cited}"


def work_page(dep: m.Department, work: list, published: dict[str, FileLink]) -> WorkPage:
    current = current_edition(dep, work)
    rows = [
        _edition_row(dep, number, edition, edition is current and not edition.edition.illustrative, published)
        for number, edition in enumerate(work, start=1)
    ]
    orders = {o.id: o for edition in work for o in _orders_of_edition(dep, edition)}
    return WorkPage(
        path=work_page_path(dep, work),
        kind=_kind(current),
        title=current.title,
        organization=dep.organization.name,
        note=_work_note(dep, current),
        files=files_of(dep, current.id, published),
        editions=tuple(rows),
        orders=tuple(_order_row(dep, o, published) for o in sorted(orders.values(), key=lambda o: o.date)),
        contents=tuple(_contents(current)),
    )


def _orders_of_edition(dep: m.Department, edition) -> list[m.Order]:
    editions = history(dep)
    return [o for o in (editions.approving_order(edition.id), editions.amending_order(edition.id)) if o is not None]


def _edition_row(dep: m.Department, number: int, edition, current: bool, published) -> EditionRow:
    label = f"Редакция {number}: {EDITION_KINDS[edition.edition.kind]}"
    if edition.edition.illustrative:
        label += f" ({ILLUSTRATIVE})"
    editions = history(dep)
    approving, amending = editions.approving_order(edition.id), editions.amending_order(edition.id)
    style = dep.organization.style.date
    order = approving or amending
    if approving is not None:
        basis = f"утверждена приказом {formats.cited(approving, style)}"
    elif amending is not None:
        basis = f"изменения внесены приказом {formats.cited(amending, style)}"
    else:
        order, basis = None, "приказ об утверждении не указан"
    basis_files = files_of(dep, order.id, published) if order else ()
    redline = published.get(published_path(dep, edition.id, REDLINE_SUFFIX))
    return EditionRow(label, basis, basis_files, files_of(dep, edition.id, published), current, redline)


def _contents(doc) -> list[str]:
    """Section titles of a plan (with their measure counts) or chapter titles of a regulation."""
    if isinstance(doc, m.Plan):
        lines, counts = [], []
        for item in plan_outline(doc):
            if isinstance(item, NumberedSection):
                lines.append(" ".join(filter(None, [item.number, item.section.title])))
                counts.append(0)
            elif counts:
                counts[-1] += 1
        return [f"{line} — {_measures(count)}" if count else line for line, count in zip(lines, counts)]
    return [
        f"{item.number} {item.chapter.title}" for item in regulation_outline(doc) if isinstance(item, NumberedChapter)
    ]


def _measures(count: int) -> str:
    tens, ones = count % 100, count % 10
    if 11 <= tens <= 14 or ones in (0, 5, 6, 7, 8, 9):
        return f"{count} мероприятий"
    return f"{count} мероприятие" if ones == 1 else f"{count} мероприятия"
