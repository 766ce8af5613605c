"""DOCX → a flat list of blocks: paragraphs and tables, in document order.

Word's automatic numbering is resolved into text («1.», «2.1.»), so the parsers see the
numbers a reader sees; bulleted list items are flagged. Merged cells are resolved: a
horizontally merged cell knows its grid span, a vertically merged one repeats the text
of the cell it continues.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from ..errors import ContentError, Pos, Problem

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_SIZE = 50 * 1024 * 1024


@dataclass
class Para:
    text: str  # with line breaks as "\n", automatic numbers prefixed
    index: int = 0  # 1-based number among body paragraphs (0 inside tables)
    style: str = ""
    bold: bool = False  # every visible character is bold
    bold_prefix: str = ""  # the bold opening of a partly bold paragraph
    bullet: bool = False  # an item of a bulleted Word list
    centered: bool = False
    page_break: bool = False  # starts on a new page


@dataclass
class Cell:
    col: int  # first grid column
    span: int
    paras: list[Para]
    continued: bool = False  # vertically merged with the cell above

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paras if p.text.strip()).strip()

    @property
    def bold(self) -> bool:
        visible = [p for p in self.paras if p.text.strip()]
        return bool(visible) and all(p.bold for p in visible)


@dataclass
class Table:
    index: int  # 1-based number among body tables
    rows: list[list[Cell]] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max((c.col + c.span for row in self.rows for c in row), default=0)


Block = Para | Table


@dataclass
class Source:
    blocks: list[Block]
    author: str  # core properties: prikaz writes the issuing body here
    title: str


def read_docx(path: str) -> Source:
    """Every paragraph and table of the document body; a Russian error if it is no DOCX."""
    from docx import Document

    data = _read_bytes(path)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _unreadable(path, "это не файл DOCX (не архив Office Open XML)")
    try:
        document = Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises many kinds for broken packages
        raise _unreadable(path, f"файл DOCX повреждён или это не документ Word ({type(e).__name__})")
    reader = _Reader(document)
    try:
        blocks = reader.body(document.element.body)
    except (KeyError, ValueError, AttributeError) as e:
        raise _unreadable(path, f"не удалось разобрать текст документа ({type(e).__name__})")
    core = document.core_properties
    return Source(blocks, (core.author or "").strip(), (core.title or "").strip())


def _read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_SIZE + 1)
    except OSError as e:
        raise _unreadable(path, e.strerror or str(e))
    if len(data) > MAX_SIZE:
        raise ContentError([Problem("file-too-large", Pos(path), {"size": len(data) // 2**20,
                                                                  "limit": MAX_SIZE // 2**20})])
    return data


def _unreadable(path: str, reason: str) -> ContentError:
    return ContentError([Problem("file-unreadable", Pos(path), {"reason": reason})])


class _Reader:
    def __init__(self, document):
        self.document = document
        self.numbering = _Numbering(document)
        self.styles = {s.style_id: s for s in document.styles}
        self._bold: dict[tuple[str | None, bool], bool] = {}
        self.paragraphs = 0
        self.tables = 0

    def body(self, element) -> list[Block]:
        blocks: list[Block] = []
        for child in element.iterchildren():
            if child.tag == W + "p":
                self.paragraphs += 1
                blocks.append(self.paragraph(child, self.paragraphs))
            elif child.tag == W + "tbl":
                self.tables += 1
                blocks.append(self.table(child, self.tables))
            elif child.tag == W + "sdt":  # a content control: its content is body text
                content = child.find(W + "sdtContent")
                if content is not None:
                    blocks += self.body(content)
        return blocks

    # --- paragraphs --------------------------------------------------------------------

    def paragraph(self, p, index: int) -> Para:
        from docx.text.paragraph import Paragraph

        para = Paragraph(p, self.document)
        text = para.text.replace("\u00a0", " ").replace("\r", "\n")
        style_id = _style_id(p)
        style = self.styles[style_id].name if style_id in self.styles else ""
        style_bold = self._style_bold(style_id)
        runs = [(r.text, self._run_bold(r, style_bold)) for r in para.runs]
        bold, prefix = _boldness(runs)
        label, bullet = self.numbering.label(p, self._style_numbering(style_id))
        if label and text.strip():
            text = f"{label} {text.lstrip()}"
        elif label and not bullet:
            text = label
        ppr = p.pPr
        centered = ppr is not None and ppr.jc is not None and str(ppr.jc_val).lower().startswith("center")
        breaks = ppr is not None and ppr.find(W + "pageBreakBefore") is not None
        breaks = breaks or any(br.get(W + "type") == "page" for br in p.iter(W + "br"))
        return Para(text, index, style, bold, prefix, bullet or style.lower().startswith("list bullet"),
                    centered, breaks)

    def _run_bold(self, run, style_bold: bool) -> bool:
        if run.bold is not None:
            return bool(run.bold)
        rpr = run._r.rPr
        if rpr is not None and rpr.rStyle is not None:
            return self._style_bold(rpr.rStyle.val, style_bold)
        return style_bold

    def _style_bold(self, style_id: str | None, default: bool = False) -> bool:
        key = (style_id, default)
        if key not in self._bold:
            self._bold[key] = self._find_bold(style_id, default)
        return self._bold[key]

    def _find_bold(self, style_id: str | None, default: bool) -> bool:
        style = self.styles.get(style_id)
        while style is not None:
            if style.font.bold is not None:
                return bool(style.font.bold)
            style = style.base_style
        return default

    def _style_numbering(self, style_id: str | None):
        style = self.styles.get(style_id)
        while style is not None:
            ppr = style.element.pPr
            if ppr is not None and ppr.numPr is not None:
                return ppr.numPr
            style = style.base_style
        return None

    # --- tables ------------------------------------------------------------------------

    def table(self, tbl, index: int) -> Table:
        table = Table(index)
        above: dict[int, Cell] = {}
        for tr in tbl.findall(W + "tr"):
            row: list[Cell] = []
            col = _grid_before(tr)
            for tc in tr.findall(W + "tc"):
                span, merge = _cell_props(tc)
                paras = [self.paragraph(p, 0) for p in tc.iter(W + "p")]
                cell = Cell(col, span, paras)
                if merge == "continue" and col in above:
                    cell = Cell(col, span, above[col].paras, continued=True)
                above[col] = cell
                row.append(cell)
                col += span
            table.rows.append(row)
        return table


def _style_id(p) -> str | None:
    ppr = p.pPr
    return ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None


def _boldness(runs: list[tuple[str, bool]]) -> tuple[bool, str]:
    """(whole paragraph bold, bold opening of a partly bold paragraph)."""
    visible = [(t, b) for t, b in runs if t.strip()]
    if not visible:
        return False, ""
    if all(b for _, b in visible):
        return True, ""
    prefix = []
    for text, bold in runs:
        if not bold and text.strip():
            break
        prefix.append(text)
    return False, "".join(prefix).replace("\u00a0", " ").strip()


def _grid_before(tr) -> int:
    trpr = tr.find(W + "trPr")
    node = trpr.find(W + "gridBefore") if trpr is not None else None
    return int(node.get(W + "val", "0")) if node is not None else 0


def _cell_props(tc) -> tuple[int, str | None]:
    tcpr = tc.find(W + "tcPr")
    if tcpr is None:
        return 1, None
    span_node = tcpr.find(W + "gridSpan")
    span = int(span_node.get(W + "val", "1")) if span_node is not None else 1
    merge_node = tcpr.find(W + "vMerge")
    merge = None if merge_node is None else (merge_node.get(W + "val") or "continue")
    return max(span, 1), merge


class _Numbering:
    """Word's automatic list numbers, counted in document order."""

    def __init__(self, document):
        self.formats: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            part = document.part.numbering_part
        except (KeyError, NotImplementedError, AttributeError):
            return
        root = part.element
        abstract = {a.get(W + "abstractNumId"): a for a in root.findall(W + "abstractNum")}
        for num in root.findall(W + "num"):
            ref = num.find(W + "abstractNumId")
            definition = abstract.get(ref.get(W + "val")) if ref is not None else None
            if definition is None:
                continue
            for lvl in definition.findall(W + "lvl"):
                level = int(lvl.get(W + "ilvl", "0"))
                fmt = _val(lvl.find(W + "numFmt"), "decimal")
                text = _val(lvl.find(W + "lvlText"), "")
                start = int(_val(lvl.find(W + "start"), "1"))
                self.formats[(num.get(W + "numId"), level)] = (fmt, text, start)

    def label(self, p, style_numpr) -> tuple[str, bool]:
        """(the printed number, is a bullet) of a paragraph in a Word list."""
        ppr = p.pPr
        numpr = ppr.numPr if ppr is not None and ppr.numPr is not None else style_numpr
        if numpr is None:
            return "", False
        num_id = numpr.numId.val if numpr.numId is not None else None
        level = numpr.ilvl.val if numpr.ilvl is not None else 0
        if num_id is None or str(num_id) == "0":
            return "", False
        fmt, text, start = self.formats.get((str(num_id), level), ("bullet", "", 1))
        if fmt in ("bullet", "none"):
            return "", fmt == "bullet"
        counters = self.counters.setdefault(str(num_id), [0] * 9)
        counters[level] = counters[level] + 1 if counters[level] else start
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        label = text
        for k in range(level + 1):
            label = label.replace(f"%{k + 1}", _format(max(counters[k], 1), self._fmt(num_id, k)))
        return label.strip(), False

    def _fmt(self, num_id, level: int) -> str:
        return self.formats.get((str(num_id), level), ("decimal", "", 1))[0]


def _val(node, default: str) -> str:
    return node.get(W + "val", default) if node is not None else default


def _format(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return "абвгдежзиклмнопрстуфхцчшщэюя"[(n - 1) % 28]
    if fmt == "upperLetter":
        return "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ"[(n - 1) % 28]
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    return str(n)


def _roman(n: int) -> str:
    result = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            result += letters
            n -= value
    return result
