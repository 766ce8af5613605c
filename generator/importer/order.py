"""Blocks of an order → letterhead, type, date and number, title, preamble, points,
signature; and where its annexes begin. Also the header of an annex («Приложение к
приказу … от … № …»), which an annex printed alone begins with too.

Where the order ends is read from the document's shape, not from what the annex says:
the order's points end at its signature block (a position and a name set apart by a
tab, a table or a line of their own), or, when no signature is printed, at the first
annex header in any form, at a heading on a new page, or at a plan's table (with the
headings just above it).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from . import shapes
from .dates import find_date, parse_dated
from .read import Block, Para, Table, take
from .report import Report, at_para, at_row, quote
from .text import clean, text_of

DOC_TYPE = re.compile(r"^(п\s*р\s*и\s*к\s*а\s*з|р\s*а\s*с\s*п\s*о\s*р\s*я\s*ж\s*е\s*н\s*и\s*е)$", re.IGNORECASE)
COMMAND_WORD = re.compile(r"(п\s*р\s*и\s*к\s*а\s*з\s*ы\s*в\s*а\s*ю|о\s*б\s*я\s*з\s*ы\s*в\s*а\s*ю)\s*:", re.IGNORECASE)
COMMAND = re.compile(r"(п\s*р\s*и\s*к\s*а\s*з\s*ы\s*в\s*а\s*ю|о\s*б\s*я\s*з\s*ы\s*в\s*а\s*ю)\s*:?$", re.IGNORECASE)
# The first words of an annex header or an approval block: «Приложение», «Приложение № 2»,
# «Приложение 1 к приказу …», «УТВЕРЖДЕН(А, О, Ы) приказом …», «УТВЕРЖДАЮ». Not «Приложение:»
# (the list of attachments at the end of an order's text).
ANNEX_HEAD = re.compile(
    r"^(приложение(?:\s*№?\s*\d+(?:\.\d+)?)?|утвержд[её]н[аоы]?|утверждаю)"
    r"(?=\s*$|\s+(?:к|приказом|распоряжением|постановлением|решением|от)\b|\s*\()",
    re.IGNORECASE,
)
REFERENCE = re.compile(r"(приказ|распоряжени|постановлени|решени)", re.IGNORECASE)
POINT = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)[.)]?\s+(?=\S)")
PLACE = re.compile(r"^(г\.|пгт\.?|с\.|п\.|город|поселок|посёлок|село)\s*\S", re.IGNORECASE)


@dataclass
class OrderTree:
    letterhead: list[str]
    doc_type: str
    date: dt.date
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
    date: dt.date | None
    number: str | None
    date_style: str | None
    revisions: list[str] = field(default_factory=list)  # «(в ред. приказа …)»
    where: str = "приложение"  # the paragraph it starts at, for the report
    left_out: list[str] = field(default_factory=list)  # other cells of a header laid out as a table


def find_doc_type(blocks: list[Block]) -> int | None:
    for i, block in enumerate(blocks[:25]):
        if isinstance(block, Para) and DOC_TYPE.match(clean(block.text)):
            return i
    return None


def parse_order(blocks: list[Block], start: int, report: Report) -> tuple[OrderTree, list[Block]]:
    """The order and the blocks after its signature (the annexes)."""
    letterhead = _lines(blocks[:start])
    take(*blocks[: start + 1])
    doc_type = clean(_para_at(blocks, start).text)
    i, date, date_style, number, place = _date_line(blocks, start + 1, report)
    title, i = _order_title(blocks, i)
    command_at = _find_command(blocks, i)
    if command_at is not None and not COMMAND.search(clean(_para_at(blocks, command_at).text)):
        blocks = _split_command(blocks, command_at, report)
    if command_at is None:
        body_start = next(
            (k for k, block in enumerate(blocks[i:], i) if isinstance(block, Para) and POINT.match(clean(block.text))),
            len(blocks),
        )
        report.guess("приказ", "слово «ПРИКАЗЫВАЮ:» не найдено; пункты начинаются с первого нумерованного абзаца")
    else:
        body_start = command_at + 1
    preamble_paras, command = _preamble(blocks, i, command_at if command_at is not None else body_start, report)
    points_end, signature, rest = _order_end(blocks, body_start)
    body = blocks[body_start:points_end]
    if signature is None:
        signature, body = _signature(body)
    points = _points(body, report)
    order = OrderTree(
        letterhead,
        doc_type,
        date,
        date_style,
        number,
        title,
        text_of(preamble_paras),
        command,
        points,
        signature,
        place,
    )
    return order, blocks[rest:]


def _para_at(blocks: list[Block], k: int) -> Para:
    """The block at k, which the caller found among the paragraphs (find_doc_type, _find_command)."""
    block = blocks[k]
    assert isinstance(block, Para), f"block {k} is a table"
    return block


def _lines(blocks: list[Block]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Para):
            lines += [line for line in clean(block.text).split("\n") if line]
        else:
            lines += [line for row in block.rows for c in row for line in shapes.cell_lines(c)]
    return lines


def _date_line(blocks: list[Block], i: int, report: Report) -> tuple[int, dt.date, str, str, str | None]:
    date: dt.date | None = None
    date_style = number = place = None
    where = "приказ"
    while i < len(blocks) and (date is None or number is None):
        block = blocks[i]
        texts = [clean(block.text)] if isinstance(block, Para) else _lines([block])
        if isinstance(block, Para) and not texts[0]:
            i += 1
            continue
        if not any(find_date(t) or "№" in t or PLACE.match(t) for t in texts):
            break
        take(block)
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
        raise ContentError(
            [
                Problem(
                    "file-unreadable",
                    Pos(where),
                    {"reason": f"у приказа не найдена {missing} (ожидается, например, «от 09.09.2020 № 427»)"},
                )
            ]
        )
    assert date_style is not None  # parse_dated finds a date together with its style
    # the place may stand on a line of its own after the date
    while i < len(blocks):
        block = blocks[i]
        if not isinstance(block, Para) or (clean(block.text) and not PLACE.match(clean(block.text))):
            break
        if clean(block.text):
            place = clean(block.text)
            take(block)
        i += 1
    return i, date, date_style, number, place


def _order_title(blocks, i) -> tuple[str, int]:
    while i < len(blocks) and isinstance(blocks[i], Para) and not clean(blocks[i].text):
        i += 1
    if i >= len(blocks) or not isinstance(blocks[i], Para):
        return "", i
    first = blocks[i]
    lines = [clean(first.text)]
    take(first)
    i += 1
    while i < len(blocks) and isinstance(blocks[i], Para) and (first.bold or first.centered):
        nxt = blocks[i]
        text = clean(nxt.text)
        if text and (nxt.style != first.style or nxt.bold != first.bold or COMMAND.search(text)):
            break
        if not text:
            break
        lines.append(text)
        take(nxt)
        i += 1
    return " ".join(" ".join(lines).split()), i


def _find_command(blocks, i) -> int | None:
    """«ПРИКАЗЫВАЮ:» alone, at the end of the preamble, or followed by the first point."""
    for k in range(i, len(blocks)):
        block = blocks[k]
        if isinstance(block, Para) and (COMMAND.search(clean(block.text)) or COMMAND_WORD.search(clean(block.text))):
            return k
    return None


def _split_command(blocks: list[Block], k: int, report: Report) -> list[Block]:
    """«ПРИКАЗЫВАЮ: 1. Утвердить …» in one paragraph: the command, and the point after it
    as a paragraph of its own (the source paragraph is carried over by both)."""
    para = _para_at(blocks, k)
    text = clean(para.text)
    match = COMMAND_WORD.search(text)
    assert match is not None  # _find_command found it here, and COMMAND (alone) did not match
    take(para)
    report.differs(
        at_para(para),
        "после «ПРИКАЗЫВАЮ:» в том же абзаце шёл текст пункта; prikaz напечатает «ПРИКАЗЫВАЮ:» отдельной строкой",
    )
    command = Para(text[: match.end()], para.index, para.style, para.bold)
    rest = Para(text[match.end() :].strip(), para.index, para.style)
    return [*blocks[:k], command, rest, *blocks[k + 1 :]]


def _preamble(blocks, i, end, report) -> tuple[list[Para], str]:
    """Paragraphs between the title and «ПРИКАЗЫВАЮ:» (or the first point), and the command."""
    paras = []
    for block in blocks[i:end]:
        if isinstance(block, Table):
            report.table_left_out(block, "в преамбуле приказа")
        else:
            paras.append(block)
    command_para = blocks[end] if end < len(blocks) else None
    if not isinstance(command_para, Para):
        return paras, "ПРИКАЗЫВАЮ:"
    text = clean(command_para.text)
    match = COMMAND.search(text)
    if match is None:
        return paras, "ПРИКАЗЫВАЮ:"
    take(command_para)
    command = text[match.start() :]
    before = text[: match.start()].rstrip(" ,")
    if before:
        paras.append(Para(before + ",", command_para.index, command_para.style))
        report.differs(
            at_para(command_para), f"«{command}» стояло в конце преамбулы; prikaz напечатает его отдельной строкой"
        )
    return paras, command


def _order_end(blocks: list[Block], k: int) -> tuple[int, dict | None, int]:
    """(where the points end, the signature if it was found there, where the annexes begin)."""
    from .plan import header_of

    for j in range(k, len(blocks)):
        block = blocks[j]
        if isinstance(block, Table):
            if annex_header_at(blocks, j):
                return j, None, j
            found = shapes.signature_table(block)
            if found:
                take(block)
                return j, found, j + 1
            if header_of(block):  # a plan's table straight after the points: its headings go with it
                start = j
                while start > k and _goes_with_table(blocks[start - 1]):
                    start -= 1
                return start, None, start
            continue
        if not clean(block.text):
            continue
        if annex_header_at(blocks, j) or (j > k and block.page_break and shapes.heading_like(block)):
            return j, None, j
        found = shapes.signature_at(blocks, j)
        if found:
            signature, end = found
            take(*blocks[j:end])
            return j, signature, end
    return len(blocks), None, len(blocks)


def _goes_with_table(block: Block) -> bool:
    """An empty paragraph or a heading (not a point) just above a plan's table."""
    if not isinstance(block, Para):
        return False
    text = clean(block.text)
    return not text or (shapes.heading_like(block) and not POINT.match(text))


def _points(body: list[Block], report: Report) -> list[dict]:
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
            point = {"_paras": [(block, text[match.end() :])]}
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
    return [_point(p) for p in points]


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
    last_block = blocks[last]
    if isinstance(last_block, Table):
        found = shapes.signature_table(last_block)
        if found:
            take(last_block)
        return (found, blocks[:last]) if found else (None, blocks)
    best: tuple[dict | None, list[Block]] = (None, blocks)
    for size in range(1, min(6, len(content)) + 1):
        span = content[-size:]
        paras = [block for block in (blocks[k] for k in span) if isinstance(block, Para)]
        if len(paras) < len(span):  # a table among them
            break
        first = clean(paras[0].text)
        if POINT.match(first) or (size > 1 and (first.endswith(".") or len(first) > 80)):
            break
        found = shapes.signature_paragraphs(paras)
        if found:
            best = (found, blocks[: span[0]])
    if best[0] is not None:
        take(*blocks[len(best[1]) :])
    return best


# --- annex headers ---------------------------------------------------------------------


def annex_header_at(blocks: list[Block], k: int) -> tuple[AnnexHeader, int] | None:
    """The annex header or approval block starting at block k, and the index after it.
    Its date and number may be missing («Приложение № 1» alone, «УТВЕРЖДЕН» alone); it may
    be laid out in a small table (an approval block in the right-hand cell)."""
    first = blocks[k]
    if isinstance(first, Table):
        return _header_table(first, k)
    first_line = clean(first.text).split("\n")[0]
    if len(first_line) > 250 or not ANNEX_HEAD.match(first_line):
        return None
    lines = clean(first.text).split("\n")
    end = k + 1
    j = k + 1
    while not _dated(lines) and j < len(blocks) and len(lines) < 10:
        block = blocks[j]
        if isinstance(block, Table):
            break
        text = clean(block.text)
        if not text:
            j += 1
            continue
        if not _header_goes_on(block, first, lines):
            break
        lines += text.split("\n")
        j += 1
        end = j
    revisions = []
    while end < len(blocks):
        block = blocks[end]
        if not isinstance(block, Para) or not clean(block.text).startswith("(в ред"):
            break
        revisions.append(clean(block.text))
        end += 1
    return _header(lines, revisions, at_para(first)), end


def _header_table(table: Table, k: int) -> tuple[AnnexHeader, int] | None:
    cells = [c for row in table.rows for c in row if c.text and not c.continued]
    if not cells or len(table.rows) > 2 or len(cells) > 3:
        return None
    heads = [c for c in cells if ANNEX_HEAD.match(clean(c.text).split("\n")[0])]
    if len(heads) != 1 or len(clean(heads[0].text)) > 600:
        return None
    where = at_row(table, 0)
    others = [c for c in cells if c is not heads[0]]
    header = _header(clean(heads[0].text).split("\n"), [], where)
    header.left_out = [clean(c.text) for c in others]
    return header, k + 1


def _dated(lines: list[str]) -> bool:
    words = " ".join(lines)
    return bool(find_date(words)) and "№" in words


def _header_goes_on(block: Para, first: Para, lines: list[str]) -> bool:
    """A line of the header block: set like its first line, or plainly a part of the reference."""
    text = clean(block.text)
    if len(text) > 250 or POINT.match(text) or (block.centered and not first.centered) or ANNEX_HEAD.match(text):
        return False
    if block.right and first.right:
        return True
    opening = text[:1]
    if opening.islower() or text.lower().startswith(("от ", "от\u00a0", "№", "(")) or find_date(text):
        return True
    # «к постановлению» / «Администрации Энского района» / «от …»: the reference is not finished
    referring = REFERENCE.search(" ".join(lines)) and not find_date(" ".join(lines))
    return bool(referring) and not shapes.heading_like(block) and len(text) <= 120


def _header(lines: list[str], revisions: list[str], where: str) -> AnnexHeader:
    style = "approved" if lines[0].lower().startswith("утвержд") else "annex"
    full = " ".join(lines)
    head = ANNEX_HEAD.match(lines[0])
    assert head is not None  # both callers start a header at a line that matched ANNEX_HEAD
    words = full[head.end() :].strip()
    dated_at = re.search(r"\bот\s+[«\"“]?\d", words)
    genitive_text = words[: dated_at.start()] if dated_at else words
    reference = re.match(r"^(?:к\s+приказу|приказом)\s+(.+)$", genitive_text.strip(), re.IGNORECASE | re.DOTALL)
    genitive = reference.group(1).strip() if reference else None
    dated = parse_dated(words[dated_at.start() :]) if dated_at else parse_dated("")
    return AnnexHeader(style, lines, genitive or None, dated.date, dated.number, dated.style, revisions, where)


def parse_annex_header(blocks: list[Block], report: Report) -> tuple[AnnexHeader | None, list[Block]]:
    """The header lines at the start of an annex, and the blocks after them."""
    k = next((i for i, b in enumerate(blocks) if not isinstance(b, Para) or clean(b.text)), len(blocks))
    found = annex_header_at(blocks, k) if k < len(blocks) else None
    if found is None:
        return None, blocks
    header, end = found
    take(*blocks[k:end])
    for text in header.left_out:
        report.unmapped(header.where, f"текст рядом с шапкой приложения не перенесён: {quote(text)}")
    return header, blocks[end:]


def split_annexes(blocks: list[Block]) -> list[list[Block]]:
    """Blocks after an order's signature, one list per annex: each annex header starts one;
    what comes before the first header is an annex of its own if it holds a plan or a
    regulation (an annex printed without a header), else it is left for the report."""
    from .plan import is_plan
    from .regulation import is_regulation

    starts = []
    k = 0
    while k < len(blocks):
        found = annex_header_at(blocks, k)
        if found:
            starts.append(k)
            k = max(found[1], k + 1)
        else:
            k += 1
    before = blocks[: starts[0]] if starts else blocks
    chunks = [blocks[a:b] for a, b in zip(starts, starts[1:] + [len(blocks)])]
    if is_plan(before) or is_regulation(before):
        chunks.insert(0, before)
    return [part for chunk in chunks for part in _documents_on_new_pages(chunk)]


def _documents_on_new_pages(chunk: list[Block]) -> list[list[Block]]:
    """Annexes printed one after another without headers: the chunk is split where a new
    page begins a document and what precedes it is a whole document too — one of another
    kind (a plan, then a regulation), or one of the same kind that ends with its signature
    while the new page starts with a title. A page break inside a plan (a section on a new
    page, a landscape part) has no signature before it."""
    from .plan import is_plan
    from .regulation import is_regulation

    def kind(part: list[Block]) -> str | None:
        return "plan" if is_plan(part) else "regulation" if is_regulation(part) else None

    for i, block in enumerate(chunk):
        if i and isinstance(block, Para) and block.page_break:
            first, rest = kind(chunk[:i]), kind(chunk[i:])
            if first and rest and (first != rest or (_ends_signed(chunk[:i]) and _starts_titled(chunk[i:]))):
                return [chunk[:i], *_documents_on_new_pages(chunk[i:])]
    return [chunk]


def _ends_signed(part: list[Block]) -> bool:
    """The part ends with a signature: a position and a name, in lines or in a table."""
    blocks = [b for b in part if isinstance(b, Table) or clean(b.text)]
    if not blocks:
        return False
    if isinstance(blocks[-1], Table):
        return shapes.signature_table(blocks[-1]) is not None
    for k in range(max(0, len(blocks) - 6), len(blocks)):
        found = shapes.signature_at(blocks, k)
        if found and found[1] == len(blocks):
            return True
    return False


def _starts_titled(part: list[Block]) -> bool:
    """The part opens with a heading (bold, centred or in a heading style), not a table."""
    first = next((b for b in part if isinstance(b, Table) or clean(b.text)), None)
    return isinstance(first, Para) and shapes.heading_like(first)
