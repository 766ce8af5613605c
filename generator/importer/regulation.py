"""Blocks of a regulation → chapters («1. Общие положения»), numbered clauses (1.1.,
1.2.1.), their paragraphs, lists and definitions («термин – определение»)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import shapes
from .read import Block, Para, Table, take
from .report import Report, at_para, quote
from .text import clean, text_of

CHAPTER_WORD = re.compile(r"^(глава|раздел)\s+(\d+|[IVXLC]+)\.?\s*(.*)$", re.IGNORECASE)
DEFINITIONS_LEAD = re.compile(r"(термин\w*|понят\w*|определени\w*|обозначени\w*|сокращени\w*)[^:]*:$", re.IGNORECASE)
DEFINITION = re.compile(r"^(.{1,120}?)\s+[–—-]\s+(\S.*)$")


@dataclass
class ClauseNode:
    printed: str
    parts: tuple[int, ...]
    paras: list[tuple[Para, str | None]]
    definitions: list[dict] = field(default_factory=list)
    children: list[ClauseNode] = field(default_factory=list)
    depth: int = 1


@dataclass
class ChapterNode:
    title: str
    printed: str | None
    parts: tuple[int, ...] | None
    paras: list[Para] = field(default_factory=list)
    children: list[ClauseNode] = field(default_factory=list)
    stack: list[ClauseNode] = field(default_factory=list)


@dataclass
class RegulationTree:
    title: str
    chapters: list[ChapterNode]
    trailing_dot: bool
    signature: dict | None


def is_regulation(blocks: list[Block]) -> bool:
    clauses = sum(1 for b in blocks if isinstance(b, Para) and _clause(b))
    chapters = sum(1 for b in blocks if isinstance(b, Para) and _chapter(b))
    return chapters >= 1 and clauses + chapters >= 3


def parse_regulation(blocks: list[Block], report: Report) -> RegulationTree:
    content = [b for b in blocks if not isinstance(b, Para) or clean(b.text)]
    signature = None
    if content and isinstance(content[-1], Table) and shapes.signature_table(content[-1]):
        signature = shapes.signature_table(content[-1])
        take(content[-1])
        content = content[:-1]
    title_parts = []
    while (
        content
        and isinstance(content[0], Para)
        and not _chapter(content[0])
        and not _clause(content[0])
        and (not title_parts or shapes.heading_like(content[0]))
        and len(title_parts) < 3
    ):
        take(content[0])
        title_parts.append(clean(content.pop(0).text))
    if signature is None:
        signature, content = _trailing_signature(content)
    chapters: list[ChapterNode] = []
    for block in content:
        if isinstance(block, Table):
            report.table_left_out(block, "в положении")
            continue
        chapter = _chapter(block)
        if chapter:
            chapters.append(ChapterNode(*chapter))
            take(block)
            continue
        clause = _clause(block)
        if not chapters:
            report.unmapped(at_para(block), f"текст до первой главы не перенесён: {quote(block.text)}")
            continue
        if clause:
            _add_clause(chapters[-1], ClauseNode(clause[0], clause[1], [(block, clause[2])]), report, block)
        elif chapters[-1].stack:
            chapters[-1].stack[-1].paras.append((block, None))
        else:
            chapters[-1].paras.append(block)
    numbers = [c.printed for ch in chapters for c in _walk(ch.children) if c.printed]
    dots = sum(n.endswith(".") for n in numbers)
    for chapter in chapters:
        for clause in _walk(chapter.children):
            _definitions(clause)
    return RegulationTree(" ".join(" ".join(title_parts).split()), chapters, dots * 2 >= len(numbers), signature)


def _chapter(para: Para) -> tuple[str, str | None, tuple[int, ...] | None] | None:
    text = clean(para.text)
    match = CHAPTER_WORD.match(text)
    if match and match.group(3):
        number = match.group(2)
        return match.group(3), number, (int(number),) if number.isdigit() else None
    if not shapes.heading_like(para) or len(text) > 200:
        return None
    printed, parts, title = shapes.split_number(text)
    if printed is None or (parts is not None and len(parts) != 1) or not title:
        return None
    return title.replace("\n", " "), shapes.stem(printed), parts


def _clause(para: Para) -> tuple[str, tuple[int, ...], str] | None:
    printed, parts, text = shapes.split_number(para.text)
    if printed is None or parts is None or len(parts) < 2 or _chapter(para):
        return None
    return printed, parts, text


def _add_clause(chapter: ChapterNode, clause: ClauseNode, report: Report, para: Para) -> None:
    stack = chapter.stack
    while stack and not (
        len(stack[-1].parts) < len(clause.parts) and clause.parts[: len(stack[-1].parts)] == stack[-1].parts
    ):
        stack.pop()
    if stack and stack[-1].depth >= 3:
        report.unmapped(at_para(para), f"пункт {clause.printed} глубже трёх уровней: поставлен рядом с родительским")
        stack.pop()
    if stack:
        clause.depth = stack[-1].depth + 1
        stack[-1].children.append(clause)
    else:
        chapter.children.append(clause)
    stack.append(clause)


def _walk(clauses: list[ClauseNode]):
    for clause in clauses:
        yield clause
        yield from _walk(clause.children)


def _definitions(clause: ClauseNode) -> None:
    """«В Положении используются следующие термины:» and the «термин – определение» lines."""
    first = clause.paras[0][1] if clause.paras[0][1] is not None else clean(clause.paras[0][0].text)
    if len(clause.paras) < 2 or not DEFINITIONS_LEAD.search(clean(first)):
        return
    found = []
    for para, _ in clause.paras[1:]:
        match = DEFINITION.match(clean(para.text))
        if not match:
            break
        found.append({"term": match.group(1), "definition": match.group(2)})
    if len(found) == len(clause.paras) - 1:  # only when nothing follows them in the clause
        take(*(para for para, _ in clause.paras))
        clause.definitions = found
        clause.paras = clause.paras[:1]


def _trailing_signature(content: list[Block]) -> tuple[dict | None, list[Block]]:
    for size in (1, 2, 3, 4, 5):
        tail = [b for b in content[-size:] if isinstance(b, Para)]
        if len(tail) < size:  # the content is shorter, or a table is among its last blocks
            break
        if _clause(tail[0]) or _chapter(tail[0]):
            break
        found = shapes.signature_paragraphs(tail)
        if found and all(len(line) < 80 and not line.endswith(".") for line in found["position"]):
            take(*tail)
            return found, content[:-size]
    return None, content


def clause_text(clause: ClauseNode) -> list:
    paras = [p for p, _ in clause.paras]
    return text_of(paras, first_text=clause.paras[0][1], plain_first=True)


def chapter_text(chapter: ChapterNode) -> list:
    return text_of(chapter.paras)
