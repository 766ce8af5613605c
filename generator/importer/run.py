"""`prikaz import`: DOCX → the files of an organization folder, all parsed before any
file is written; the written text is loaded back with the project's loader first."""

from __future__ import annotations

import dataclasses
import os
import tempfile
from dataclasses import dataclass, field

from .. import model as m
from ..dump import dump
from ..errors import ContentError, Pos, Problem
from . import compose
from .order import AnnexHeader, find_doc_type, parse_annex_header, parse_order, split_annexes
from .plan import PlanTree, is_plan, parse_plan
from .read import Block, Para, Table, read_docx
from .regulation import RegulationTree, is_regulation, parse_regulation
from .report import Accounting, Report, quote
from .text import clean

ORGANIZATION_FILE = "organization.yaml"
STUB_COMMENT = (
    "Заготовка: в импортированном файле было только приложение. Известны дата и номер приказа\n"
    "из шапки приложения; заполните заголовок, пункты и подписанта (organization.yaml)."
)


@dataclass
class Imported:
    """What `import_docx` returns (the `import` command and `import --edition-of` build on it)."""

    files: dict[str, str]  # file name → YAML text, organization.yaml first
    report: Report  # every note; `report.lines()` is what the command prints
    summary: list[str] = field(default_factory=list)
    accounting: Accounting | None = None  # source units: carried over, reported, found unaccounted
    tracked_changes: int = 0  # unaccepted revisions in the file (read as accepted)
    organization: m.Organization | None = None  # the model of what `files` hold
    documents: list = field(default_factory=list)  # the order (or its stub) first, then its annexes


def import_docx(path: str) -> Imported:
    """Everything a DOCX holds, as the YAML files of one organization folder. Every
    paragraph and table row of the file is either carried over or named in the report."""
    source = read_docx(path)
    report = Report()
    blocks = source.blocks
    stem = os.path.splitext(os.path.basename(path))[0]
    start = find_doc_type(blocks)
    order = None
    rest = blocks
    if start is not None:
        order, rest = parse_order(blocks, start, report)
    chunks = split_annexes(rest)
    _left_between(rest, chunks, order is not None, report)
    units = compose.Units(report)
    summary: list[str] = []
    parsed = [_annex(chunk, report) for chunk in chunks]
    parsed = [p for p in parsed if p is not None]
    if order is None and not parsed:
        raise ContentError(
            [
                Problem(
                    "file-unreadable",
                    Pos(path),
                    {
                        "reason": "в документе не найдены ни приказ («ПРИКАЗ» … «ПРИКАЗЫВАЮ:»), ни план мероприятий "
                        "(таблица со столбцами «Мероприятия», «Срок», «Ответственные»), ни положение "
                        "(главы и пункты 1.1., 1.2. …)"
                    },
                )
            ]
        )
    headers = [h for h, _kind, _tree in parsed if h is not None]
    org_date_style = (
        (order.date_style if order else None)
        or next((h.date_style for h in headers if h.date_style), None)
        or "numeric"
    )
    annex_style = headers[0].style if headers else "annex"
    name, genitive, letterhead = _names(source.author, order, headers, report)
    style = m.Style(
        doc_type=order.doc_type if order else "ПРИКАЗ",
        command=order.command if order else "ПРИКАЗЫВАЮ:",
        date=org_date_style,
        annex_header=annex_style,
    )
    number = order.number if order else (headers[0].number if headers else None)
    date = order.date if order else (headers[0].date if headers else None)
    year = str(date.year) if date else ""
    documents: list[m.Plan | m.Regulation] = []
    for index, (_header, kind, tree) in enumerate(parsed):
        doc_id = _annex_id(kind, stem, year, number, index, len(parsed), order is not None)
        if isinstance(tree, PlanTree):
            documents.append(compose.plan(tree, doc_id, units))
            summary.append(
                f"План «{_short(tree.title)}»: разделов {len(tree.sections)}, "
                f"мероприятий {compose.count_measures(tree.sections)}"
            )
        else:
            documents.append(compose.regulation(tree, doc_id))
            summary.append(
                f"Положение «{_short(tree.title)}»: глав {len(tree.chapters)}, "
                f"пунктов {compose.count_clauses(tree.chapters)}"
            )
    found_signature = order.signature if order else None
    if found_signature is None and (order is not None or (headers and date is not None)):
        found_signature = {
            "position": [f"{compose.PLACEHOLDER}: должность"],
            "name": f"{compose.PLACEHOLDER}: И.О. Фамилия",
        }
    # the organization as far as the headers need it; its units are known once refs are made
    organization = compose.organization(
        name, genitive, letterhead, style, found_signature, units, order.place if order else None
    )
    files: dict[str, str] = {}
    approving = None
    if order is not None:
        order_id = _order_id(stem, order.date, order.number)
        provisional = compose.order(
            order,
            order_id,
            tuple(
                m.AnnexRef(doc.id, header.style if header else None) for doc, (header, _k, _t) in zip(documents, parsed)
            ),
        )
        refs = tuple(
            _annex_ref(organization, provisional, index, doc, header, annex_style, report)
            for index, (doc, (header, _k, _t)) in enumerate(zip(documents, parsed))
        )
        approving = dataclasses.replace(provisional, annexes=refs)
        files[order_id + ".yaml"] = dump(approving)
        summary.insert(
            0, f"Приказ от {order.date:%d.%m.%Y} № {order.number}: пунктов {len(order.points)}, приложений {len(refs)}"
        )
        if order.signature is None:
            report.unmapped("приказ", "подпись не найдена: в organization.yaml вписана заготовка подписанта")
    elif headers and date is not None and number is not None:
        order_id = _order_id("", date, number)
        approving = compose.stub_order(date, number, order_id, m.AnnexRef(documents[0].id, headers[0].style))
        _annex_ref(organization, approving, 0, documents[0], parsed[0][0], annex_style, report)
        files[order_id + ".yaml"] = dump(approving, STUB_COMMENT)
        report.unmapped(
            "приложение 1",
            f"приказ от {date:%d.%m.%Y} № {number}, к которому относится приложение, "
            f"в файле не найден: записана заготовка {order_id}.yaml (дата и номер — из "
            "шапки; заголовок, пункты и подписанта заполните)",
        )
    for header, _kind, _tree in parsed:
        if header is not None and approving is None:
            report.unmapped(
                header.where,
                f"шапка приложения {quote(' / '.join(header.lines), 120)} не перенесена: "
                "в ней нет даты и номера приказа, а самого приказа в файле нет",
            )
    for doc in documents:
        files[doc.id + ".yaml"] = dump(doc)
    organization = dataclasses.replace(organization, units=tuple(m.Unit(u) for u in units))
    files = {ORGANIZATION_FILE: dump(organization), **files}
    summary.append(f"Исполнителей в реестре: {len(units)}")
    if source.tracked_changes:
        report.unmapped(
            "документ",
            f"в файле остались неподтверждённые исправления ({source.tracked_changes}): "
            "перенесён текст с принятыми исправлениями — вставки учтены, удаления отброшены",
        )
    if source.comments:
        report.unmapped("документ", f"примечания рецензентов (комментарии) не перенесены: {source.comments}")
    accounting = report.account(blocks)
    return Imported(
        files,
        report,
        summary,
        accounting,
        source.tracked_changes,
        organization,
        ([approving] if approving else []) + documents,
    )


def _annex_ref(organization, approving, index: int, document, header, annex_style: str, report: Report):
    """The reference to an annex, and the report of how its header will print."""
    expected = compose.expected_header(organization, approving, index, document)
    if header is None:
        report.differs(
            f"приложение {index + 1}",
            f"в файле у приложения нет шапки; prikaz напечатает {quote(' / '.join(expected), 160)}",
        )
        return m.AnnexRef(document.id)
    for line in header.revisions:
        report.unmapped(
            header.where, f"строка {line!r} о редакции не перенесена: редакции описываются отдельными файлами (edition)"
        )
    return compose.annex_ref(document.id, header, expected, annex_style, report, header.where)


def _left_between(rest, chunks, after_order: bool, report: Report) -> None:
    """Text after the order's signature (or before the first annex) that belongs to no annex."""
    from .report import at_para, at_row

    inside = {id(block) for chunk in chunks for block in chunk}
    where = "после подписи приказа" if after_order else "перед приложением"
    for block in rest:
        if id(block) in inside:
            continue
        if isinstance(block, Table):
            for r in range(len(block.rows)):
                if block.row_text(r):
                    report.unmapped(
                        at_row(block, r), f"{where}: строка таблицы не перенесена: {quote(block.row_text(r), 100)}"
                    )
        elif clean(block.text):
            report.unmapped(at_para(block), f"{where}: текст не перенесён: {quote(block.text, 100)}")


def _annex(chunk: list[Block], report: Report) -> tuple[AnnexHeader | None, str, PlanTree | RegulationTree] | None:
    header, body = parse_annex_header(chunk, report)
    if is_plan(body):
        return header, "plan", parse_plan(body, report)
    if is_regulation(body):
        return header, "regulation", parse_regulation(body, report)
    texts = [b for b in body if not isinstance(b, Para) or clean(b.text)]
    if texts:
        from .report import at_para, quote

        for block in texts:
            if isinstance(block, Para):
                report.unmapped(
                    at_para(block), f"текст приложения не распознан как план или положение: {quote(block.text)}"
                )
            else:
                report.unmapped(f"таблица {block.index}", "таблица приложения не распознана как план мероприятий")
    return None


def _names(author: str, order, headers, report: Report) -> tuple[str, str, list[str]]:
    letterhead = list(order.letterhead) if order else []
    genitive = next((h.genitive for h in headers if h.genitive), None)
    name = author if len(author.split()) >= 3 and any("а" <= ch.lower() <= "я" for ch in author) else ""
    if not name:
        name = " ".join(letterhead) or (genitive[:1].upper() + genitive[1:] if genitive else "")
        report.guess(
            "организация",
            "наименование организации в именительном падеже не напечатано в документе: "
            f"взято {name!r}; проверьте name в organization.yaml",
        )
    if not genitive:
        genitive = name
        report.guess(
            "организация",
            "наименование в родительном падеже («приказ …») не найдено: проверьте name_genitive в organization.yaml",
        )
    if not letterhead:
        letterhead = [name]
        if order is not None or headers:
            report.guess("организация", "бланк (letterhead) не напечатан в документе: вписано наименование")
    fallback = f"{compose.PLACEHOLDER}: наименование организации"
    return name or fallback, genitive or fallback, [line for line in letterhead if line] or [fallback]


def _order_id(stem: str, date, number: str) -> str:
    if stem.startswith("order-") and compose.ident(stem) == stem:
        return stem
    return compose.ident("order", str(date.year), number)


def _annex_id(kind: str, stem: str, year: str, number, index: int, count: int, in_order: bool) -> str:
    if not in_order and count == 1 and compose.ident(stem) == stem and not stem.startswith("order-"):
        return stem
    suffix = str(index + 1) if count > 1 else ""
    return compose.ident(kind, year, number or "", suffix)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- writing -----------------------------------------------------------------------------


def existing(imported: Imported, out_dir: str) -> list[str]:
    """Files of the import that already exist in the folder."""
    return [name for name in imported.files if os.path.exists(os.path.join(out_dir, name))]


def validate(imported: Imported, out_dir: str) -> None:
    """Load the files with the project's loader before writing them anywhere real."""
    from ..load import load_folder

    with tempfile.TemporaryDirectory(prefix="prikaz-import-") as folder:
        for name, text in imported.files.items():
            with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                f.write(text)
        try:
            load_folder(folder)
        except ContentError as e:
            raise ContentError(
                [
                    Problem(
                        p.code,
                        Pos(
                            os.path.join(out_dir, os.path.relpath(p.pos.file, folder))
                            if p.pos.file.startswith(folder)
                            else p.pos.file,
                            p.pos.line,
                            p.pos.column,
                        ),
                        p.args,
                        p.severity,
                    )
                    for p in e.problems
                ]
            )


def write(imported: Imported, out_dir: str) -> list[str]:
    from ..output import write_atomic

    paths = []
    for name, text in imported.files.items():
        path = os.path.join(out_dir, name)
        write_atomic(path, text.encode("utf-8"))
        paths.append(path)
    return paths
