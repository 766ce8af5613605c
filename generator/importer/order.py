"""Blocks of an order → letterhead, type, date and number, title, preamble, points,
signature; and where its annexes begin. Also the header of an annex («Приложение к
приказу … от … № …»), which an annex printed alone begins with too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import shapes
from .dates import find_date, parse_dated
from .read import Block, Para, Table
from .report import Report, at_para, quote
from .text import clean, text_of

DOC_TYPE = re.compile(r"^(п\s*р\s*и\s*к\s*а\s*з|р\s*а\s*с\s*п\s*о\s*р\s*я\s*ж\s*е\s*н\s*и\s*е)$", re.IGNORECASE)
COMMAND = re.compile(r"(п\s*р\s*и\s*к\s*а\s*з\s*ы\s*в\s*а\s*ю|о\s*б\s*я\s*з\s*ы\s*в\s*а\s*ю)\s*:?$", re.IGNORECASE)
ANNEX_START = re.compile(r"^(приложение(\s*№?\s*\d+)?\.?|утвержден[аоы]?)$", re.IGNORECASE)
POINT = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)[.)]?\s+(?=\S)")
PLACE = re.compile(r"^(г\.|пгт\.?|с\.|п\.|город|поселок|посёлок|село)\s*\S", re.IGNORECASE)


@dataclass
class OrderTree:
    letterhead: list[str]
    doc_type: str
    date: object  # datetime.date
    date_style: str
    number: str
    title: str
    preamble: list
    command: str
    points: list[dict]
    signature: dict | None
    place: str | None = None


@dataclass
class AnnexHeader:
    style: str  # annex | approved
    lines: list[str]
    genitive: str | None
    date: object | None
    number: str | None
    date_style: str | None
    revisions: list[str] = field(default_factory=list)  # «(в ред. приказа …)»


def find_doc_type(blocks: list[Block]) -> int | None:
    for i, block in enumerate(blocks[:25]):
        if isinstance(block, Para) and DOC_TYPE.match(clean(block.text)):
            return i
    return None


def parse_order(blocks: list[Block], start: int, report: Report) -> tuple[OrderTree, list[Block]]:
    """The order and the blocks after its signature (the annexes)."""
    letterhead = _lines(blocks[:start])
    doc_type = clean(blocks[start].text)
    i, date, date_style, number, place = _date_line(blocks, start + 1, report)
    title, i = _order_title(blocks, i)
    command_at = _find_command(blocks, i)
    preamble_paras, command = _preamble(blocks, i, command_at, report)
    end = _annex_start(blocks, command_at + 1 if command_at is not None else i)
    points, signature = _points(blocks[(command_at + 1 if command_at is not None else i):end], report)
    if command_at is None:
        report.guess("приказ", "слово «ПРИКАЗЫВАЮ:» не найдено; пункты начинаются с первого нумерованного абзаца")
    order = OrderTree(letterhead, doc_type, date, date_style, number, title, text_of(preamble_paras),
                      command, points, signature, place)
    return order, blocks[end:]


def _lines(blocks: list[Block]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Para):
            lines += [line for line in clean(block.text).split("\n") if line]
        else:
            lines += [line for row in block.rows for c in row for line in shapes.cell_lines(c)]
    return lines


def _date_line(blocks, i, report):
    date = date_style = number = place = None
    where = "приказ"
    while i < len(blocks) and (date is None or number is None):
        block = blocks[i]
        texts = [clean(block.text)] if isinstance(block, Para) else _lines([block])
        if isinstance(block, Para) and not texts[0]:
            i += 1
            continue
        if not any(find_date(t) or "№" in t or PLACE.match(t) for t in texts):
            break
        for text in texts:
            dated = parse_dated(text)
            date = date or dated.date
            date_style = date_style or dated.style
            number = number or dated.number
            if dated.rest and PLACE.match(dated.rest):
                place = dated.rest
            elif dated.rest:
                report.unmapped(where, f"в строке даты не распознано {quote(dated.rest)}")
        i += 1
    if date is None or number is None:
        from ..errors import ContentError, Pos, Problem

        missing = "дата" if date is None else "номер"
        raise ContentError([Problem("file-unreadable", Pos(where),
                                    {"reason": f"у приказа не найдена {missing} (ожидается, например, "
                                               "«от 09.09.2020 № 427»)"})])
    # the place may stand on a line of its own after the date
    while i < len(blocks) and isinstance(blocks[i], Para) and (not clean(blocks[i].text)
                                                               or PLACE.match(clean(blocks[i].text))):
        if clean(blocks[i].text):
            place = clean(blocks[i].text)
        i += 1
    return i, date, date_style, number, place


def _order_title(blocks, i) -> tuple[str, int]:
    while i < len(blocks) and isinstance(blocks[i], Para) and not clean(blocks[i].text):
        i += 1
    if i >= len(blocks) or not isinstance(blocks[i], Para):
        return "", i
    first = blocks[i]
    lines = [clean(first.text)]
    i += 1
    while i < len(blocks) and isinstance(blocks[i], Para) and (first.bold or first.centered):
        nxt = blocks[i]
        text = clean(nxt.text)
        if text and (nxt.style != first.style or nxt.bold != first.bold or COMMAND.search(text)):
            break
        if not text:
            break
        lines.append(text)
        i += 1
    return " ".join(" ".join(lines).split()), i


def _find_command(blocks, i) -> int | None:
    for k in range(i, len(blocks)):
        block = blocks[k]
        if isinstance(block, Para) and COMMAND.search(clean(block.text)):
            return k
    return None


def _preamble(blocks, i, command_at, report) -> tuple[list[Para], str]:
    if command_at is None:
        paras = []
        for block in blocks[i:]:
            if isinstance(block, Para) and POINT.match(clean(block.text)):
                break
            if isinstance(block, Para):
                paras.append(block)
        return paras, "ПРИКАЗЫВАЮ:"
    paras = [b for b in blocks[i:command_at] if isinstance(b, Para)]
    command_para = blocks[command_at]
    text = clean(command_para.text)
    match = COMMAND.search(text)
    command = text[match.start():]
    before = text[: match.start()].rstrip(" ,")
    if before:
        paras.append(Para(before + ",", command_para.index, command_para.style))
        report.guess(at_para(command_para), f"«{command}» стояло в конце преамбулы; prikaz напечатает его "
                                            "отдельной строкой")
    return paras, command


def _annex_start(blocks, i) -> int:
    for k in range(i, len(blocks)):
        block = blocks[k]
        if isinstance(block, Para) and _starts_annex(block) and _header_follows(blocks, k):
            return k
    return len(blocks)


def _starts_annex(para: Para) -> bool:
    """«Приложение», «Приложение № 2», «УТВЕРЖДЕН» — alone or as the first line of the header."""
    return bool(ANNEX_START.match(clean(para.text).split("\n")[0]))


def _header_follows(blocks, k) -> bool:
    lines = _lines([b for b in blocks[k:k + 8] if isinstance(b, Para)])
    return any(find_date(line) and "№" in line for line in lines[:8])


def _points(blocks: list[Block], report: Report) -> tuple[list[dict], dict | None]:
    signature, body = _signature(blocks)
    points: list[dict] = []
    stack: list[tuple[tuple[int, ...], dict]] = []
    for block in body:
        if isinstance(block, Table):
            report.table_left_out(block, "в тексте приказа")
            continue
        text = clean(block.text)
        if not text:
            continue
        match = POINT.match(text)
        if match:
            parts = tuple(int(x) for x in match.group(1).split("."))
            point = {"_paras": [(block, text[match.end():])]}
            while stack and not (len(stack[-1][0]) < len(parts) and parts[: len(stack[-1][0])] == stack[-1][0]):
                stack.pop()
            if stack and len(parts) > 1:
                stack[-1][1].setdefault("points", []).append(point)
            else:
                stack.clear()
                points.append(point)
            stack.append((parts, point))
        elif stack:
            stack[-1][1]["_paras"].append((block, None))
        else:
            points.append({"_paras": [(block, None)]})
            report.guess(at_para(block), f"абзац без номера после «ПРИКАЗЫВАЮ:» стал пунктом: {quote(text)}")
    return [_point(p) for p in points], signature


def _point(point: dict) -> dict:
    paras = point.pop("_paras")
    first = paras[0][1]
    result = {"text": text_of([p for p, _ in paras], first_text=first, plain_first=True)}
    if "points" in point:
        result["points"] = [_point(p) for p in point["points"]]
    return result


def _signature(blocks: list[Block]) -> tuple[dict | None, list[Block]]:
    """The signature at the end of the order: a table, or the last lines with a name."""
    content = [k for k, b in enumerate(blocks) if not isinstance(b, Para) or clean(b.text)]
    if not content:
        return None, blocks
    last = content[-1]
    if isinstance(blocks[last], Table):
        found = shapes.signature_table(blocks[last])
        return (found, blocks[:last]) if found else (None, blocks)
    best: tuple[dict | None, list[Block]] = (None, blocks)
    for size in range(1, min(6, len(content)) + 1):
        span = content[-size:]
        if any(isinstance(blocks[k], Table) for k in span):
            break
        first = clean(blocks[span[0]].text)
        if POINT.match(first) or (size > 1 and (first.endswith(".") or len(first) > 80)):
            break
        found = shapes.signature_paragraphs([blocks[k] for k in span])
        if found:
            best = (found, blocks[: span[0]])
    return best


# --- annex headers ---------------------------------------------------------------------


def parse_annex_header(blocks: list[Block], report: Report) -> tuple[AnnexHeader | None, list[Block]]:
    """The header lines at the start of an annex, and the blocks after them."""
    k = next((i for i, b in enumerate(blocks) if not isinstance(b, Para) or clean(b.text)), len(blocks))
    if k == len(blocks) or not isinstance(blocks[k], Para) or not _starts_annex(blocks[k]):
        return None, blocks
    lines: list[str] = []
    end = k
    for i in range(k, min(k + 10, len(blocks))):
        block = blocks[i]
        if not isinstance(block, Para):
            break
        text = clean(block.text)
        if text:
            lines += text.split("\n")
        end = i + 1
        if find_date(text) and "№" in text:
            break
    else:
        return None, blocks
    revisions = []
    while end < len(blocks) and isinstance(blocks[end], Para) and clean(blocks[end].text).startswith("(в ред"):
        revisions.append(clean(blocks[end].text))
        end += 1
    style = "approved" if lines[0].lower().startswith("утвержд") else "annex"
    words = " ".join(lines[1:])
    dated_at = re.search(r"\bот\s+[«\"“]?\d", words)
    genitive_text = words[: dated_at.start()] if dated_at else words
    genitive = re.sub(r"^(к\s+приказу|приказом)\s+", "", genitive_text.strip(), flags=re.IGNORECASE).strip() or None
    dated = parse_dated(words[dated_at.start():] if dated_at else words)
    return AnnexHeader(style, lines, genitive, dated.date, dated.number, dated.style, revisions), blocks[end:]


def split_annexes(blocks: list[Block]) -> list[list[Block]]:
    """Blocks after an order's signature, one list per annex."""
    starts = [k for k, b in enumerate(blocks) if isinstance(b, Para) and _starts_annex(b)
              and _header_follows(blocks, k)]
    if not starts:
        return [blocks] if any(not isinstance(b, Para) or clean(b.text) for b in blocks) else []
    chunks = [blocks[a:b] for a, b in zip(starts, starts[1:] + [len(blocks)])]
    if starts[0] > 0:
        chunks[0] = blocks[: starts[0]] + chunks[0]
    return chunks
