"""DOCX → a flat list of blocks: paragraphs and tables, in document order.

Text boxes are read where they are anchored: their paragraphs and tables follow the
paragraph that holds them. Word's automatic numbering is resolved into text («1.»,
«2.1.»), so the parsers see the numbers a reader sees; bulleted list items are flagged.
Merged cells are resolved: a horizontally merged cell knows its grid span, a vertically
merged one repeats the text of the cell it continues. Tracked changes read as accepted
(insertions kept, deletions dropped) and are counted, so the report can say so; field
results, hyperlinks, content controls and smart tags are text, bookmarks and comment
marks are not.

Every block is a unit of the import's accounting: a paragraph, or a table row. The
parsers mark what they carry over (`Para.used`, `Table.used`); `report.Report.account`
names whatever is left.

Hostile files are refused before python-docx parses them: the zip directory gives every
part's size, and the body's paragraphs and cells are counted on the raw XML.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

from ..errors import ContentError, Pos, Problem

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_SIZE = 50 * 1024 * 1024  # the DOCX file itself
MAX_PART = 40 * 1024 * 1024  # one part, uncompressed (a 20,000-row plan is about 20 MB)
MAX_TOTAL = 120 * 1024 * 1024  # all parts, uncompressed
MAX_PARTS = 3000
MAX_PARAGRAPHS = 200_000
MAX_CELLS = 400_000

# Wrappers whose content is ordinary text.
_WRAPPERS = {
    W + "ins",
    W + "moveTo",
    W + "hyperlink",
    W + "smartTag",
    W + "sdtContent",
    W + "fldSimple",
    W + "customXml",
    W + "dir",
    W + "bdo",
}
_TRACKED = (W + "ins", W + "del", W + "moveFrom", W + "moveTo")


@dataclass(eq=False)
class Para:
    text: str  # with line breaks as "\n", tabs as "\t", automatic numbers prefixed
    index: int = 0  # 1-based number among body paragraphs (0 inside tables)
    style: str = ""
    bold: bool = False  # every visible character is bold
    bold_prefix: str = ""  # the bold opening of a partly bold paragraph
    bullet: bool = False  # an item of a bulleted Word list
    centered: bool = False
    page_break: bool = False  # starts on a new page
    right: bool = False  # aligned right (annex headers, approval blocks)
    used: bool = False  # carried over into the content


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


@dataclass(eq=False)
class Table:
    index: int  # 1-based number among body tables
    rows: list[list[Cell]] = field(default_factory=list)
    repeat: set[int] = field(default_factory=set)  # rows with Word's «repeat as header row» flag
    used: set[int] = field(default_factory=set)  # rows carried over into the content

    @property
    def width(self) -> int:
        return max((c.col + c.span for row in self.rows for c in row), default=0)

    def row_text(self, r: int) -> str:
        return " | ".join(c.text for c in self.rows[r] if c.text and not c.continued)


Block = Para | Table


@dataclass
class Source:
    blocks: list[Block]
    author: str  # core properties: prikaz writes the issuing body here
    title: str
    tracked_changes: int = 0  # insertions, deletions and moves left unaccepted in the body
    comments: int = 0  # reviewers' comments (not carried over)


def take(*blocks) -> None:
    """Mark paragraphs (or every row of tables) as carried over into the content."""
    for block in blocks:
        if isinstance(block, Para):
            block.used = True
        elif isinstance(block, Table):
            block.used.update(range(len(block.rows)))


def read_docx(path: str) -> Source:
    """Every paragraph and table of the document body; a Russian error if it is no DOCX."""
    from docx import Document

    data = _read_bytes(path)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _unreadable(path, "это не файл DOCX (не архив Office Open XML)")
    comments = _inspect_zip(path, data)
    try:
        document = Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises many kinds for broken packages
        raise _unreadable(path, f"файл DOCX повреждён или это не документ Word ({type(e).__name__})")
    reader = _Reader(document)
    body = document.element.body
    try:
        blocks = reader.body(body)
    except (KeyError, ValueError, AttributeError) as e:
        raise _unreadable(path, f"не удалось разобрать текст документа ({type(e).__name__})")
    tracked = sum(1 for _ in body.iter(*_TRACKED))
    core = document.core_properties
    return Source(blocks, (core.author or "").strip(), (core.title or "").strip(), tracked, comments)


def _read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_SIZE + 1)
    except OSError as e:
        raise _unreadable(path, e.strerror or str(e))
    if len(data) > MAX_SIZE:
        raise ContentError(
            [Problem("file-too-large", Pos(path), {"size": len(data) // 2**20, "limit": MAX_SIZE // 2**20})]
        )
    return data


def _inspect_zip(path: str, data: bytes) -> int:
    """Refuse a package that would not fit in memory when unpacked (a «zip bomb»), from
    the zip directory alone; count the body's paragraphs and cells on the raw XML.
    Returns the number of reviewers' comments."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _unreadable(path, "файл DOCX повреждён (не читается оглавление архива)")
    if len(infos) > MAX_PARTS:
        raise _unreadable(path, f"в архиве DOCX {len(infos)} частей; предел — {MAX_PARTS}")
    mb = 2**20
    for info in infos:
        if info.file_size > MAX_PART:
            raise _unreadable(
                path,
                f"часть {info.filename} после распаковки занимает {info.file_size // mb} МБ; "
                f"предел — {MAX_PART // mb} МБ (файл похож на «zip-бомбу»)",
            )
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL:
        raise _unreadable(
            path,
            f"после распаковки DOCX занимает {total // mb} МБ; предел — {MAX_TOTAL // mb} МБ "
            "(файл похож на «zip-бомбу»)",
        )
    names = {info.filename for info in infos}
    try:
        body = archive.read("word/document.xml") if "word/document.xml" in names else b""
        comments = archive.read("word/comments.xml") if "word/comments.xml" in names else b""
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as e:
        raise _unreadable(path, f"файл DOCX повреждён ({type(e).__name__})")
    paragraphs = len(re.findall(rb"<(?:\w+:)?p[ >/]", body))
    cells = len(re.findall(rb"<(?:\w+:)?tc[ >/]", body))
    if paragraphs > MAX_PARAGRAPHS or cells > MAX_CELLS:
        raise _unreadable(
            path,
            f"в документе {paragraphs} абзацев и {cells} ячеек таблиц; предел — "
            f"{MAX_PARAGRAPHS} абзацев и {MAX_CELLS} ячеек",
        )
    return len(re.findall(rb"<(?:\w+:)?comment[ >]", comments))


def _unreadable(path: str, reason: str) -> ContentError:
    return ContentError([Problem("file-unreadable", Pos(path), {"reason": reason})])


class _Reader:
    def __init__(self, document):
        self.document = document
        self.numbering = _Numbering(document)
        self.styles = {s.style_id: s for s in document.styles}
        self._bold: dict[tuple[str | None, bool], bool] = {}
        self._numbering: dict[str | None, object] = {}
        self.paragraphs = 0
        self.tables = 0
        self.cells = 0

    def body(self, element) -> list[Block]:
        blocks: list[Block] = []
        for child in element.iterchildren():
            if child.tag == W + "p":
                self.paragraphs += 1
                blocks.append(self.paragraph(child, self.paragraphs))
                for box in text_boxes(child):  # what a text box holds follows its anchor
                    blocks += self.body(box)
            elif child.tag == W + "tbl":
                self.tables += 1
                blocks.append(self.table(child, self.tables))
            elif child.tag in (W + "sdt", W + "customXml"):  # a content control: its content is body text
                content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
                if content is not None:
                    blocks += self.body(content)
        return blocks

    # --- paragraphs --------------------------------------------------------------------

    def paragraph(self, p, index: int) -> Para:
        style_id = _style_id(p)
        style = self.styles[style_id].name if style_id in self.styles else ""
        style_bold = self._style_bold(style_id)
        runs: list[tuple[str, bool]] = []
        page_break = False
        for r in _runs(p):
            text, breaks = _run_text(r)
            page_break = page_break or breaks
            runs.append((text, self._run_bold(r, style_bold)))
        # NFC, as the loader reads YAML: a Word file typed on a Mac may hold «й» as и + ◌̆
        text = unicodedata.normalize("NFC", "".join(t for t, _ in runs)).replace("\u00a0", " ").replace("\r", "\n")
        bold, prefix = _boldness(runs)
        label, bullet = self.numbering.label(p, self._style_numbering(style_id))
        if label and text.strip():
            text = f"{label} {text.lstrip()}"
        elif label and not bullet:
            text = label
        ppr = p.pPr
        align = str(ppr.jc_val).lower() if ppr is not None and ppr.jc is not None else ""
        page_break = page_break or (ppr is not None and ppr.find(W + "pageBreakBefore") is not None)
        return Para(
            text,
            index,
            style,
            bold,
            prefix,
            bullet or style.lower().startswith("list bullet"),
            align.startswith("center"),
            page_break,
            align.startswith(("right", "end")),
        )

    def _run_bold(self, r, style_bold: bool) -> bool:
        """Whether the run `<w:r>` is bold: its own setting, else its character style's, else
        the paragraph style's."""
        rpr = r.rPr
        if rpr is not None and rpr.b is not None:  # what python-docx's Run.bold reads
            return bool(rpr.b.val)
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
        if style_id not in self._numbering:
            self._numbering[style_id] = self._find_numbering(style_id)
        return self._numbering[style_id]

    def _find_numbering(self, style_id: str | None):
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
        for tr in _rows(tbl):
            row: list[Cell] = []
            col = _grid_before(tr)
            for tc in _cells(tr):
                self.cells += 1
                span, merge = _cell_props(tc)
                paras = [self.paragraph(q, 0) for p in _cell_paragraphs(tc) for q in _with_boxed_paragraphs(p)]
                cell = Cell(col, span, paras)
                if merge == "continue" and col in above:
                    cell = Cell(col, span, above[col].paras, continued=True)
                above[col] = cell
                row.append(cell)
                col += span
            if _repeats_as_header(tr):
                table.repeat.add(len(table.rows))
            table.rows.append(row)
        return table


def _runs(element):
    """The runs of a paragraph that make its current text, in order."""
    for child in element.iterchildren():
        tag = child.tag
        if tag == W + "r":
            yield child
        elif tag in _WRAPPERS or tag == W + "sdt":
            yield from _runs(child.find(W + "sdtContent") if tag == W + "sdt" else child)
        # w:del, w:moveFrom (tracked deletions), bookmarks, comment marks, proofing marks: no text


def _run_text(r) -> tuple[str, bool]:
    """(text, has a page break) of one run."""
    parts: list[str] = []
    page_break = False
    for child in r.iterchildren():
        tag = child.tag
        if tag == W + "t":
            parts.append(child.text or "")
        elif tag == W + "tab" or tag == W + "ptab":
            parts.append("\t")
        elif tag == W + "br":
            if child.get(W + "type") == "page":
                page_break = True
            else:
                parts.append("\n")
        elif tag == W + "cr":
            parts.append("\n")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
        elif tag == W + "lastRenderedPageBreak":
            continue
    return "".join(parts), page_break


def _rows(tbl):
    """Table rows, a tracked deletion of a whole row left out."""
    for tr in _through_controls(tbl, W + "tr"):
        trpr = tr.find(W + "trPr")
        if trpr is None or trpr.find(W + "del") is None:
            yield tr


def _cells(tr):
    return _through_controls(tr, W + "tc")


def _through_controls(element, tag: str):
    """The children of `element` with `tag`, also those wrapped in content controls
    (w:sdt/w:sdtContent) or custom XML."""
    for child in element.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag in (W + "sdt", W + "customXml"):
            content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if content is not None:
                yield from _through_controls(content, tag)


def _cell_paragraphs(element):
    """A cell's paragraphs, those of a table nested in it included, in order."""
    for child in element.iterchildren():
        if child.tag == W + "p":
            yield child
        elif child.tag in (W + "tbl", W + "tr", W + "tc", W + "sdtContent", W + "customXml"):
            yield from _cell_paragraphs(child)
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from _cell_paragraphs(content)


_TEXT_BOX = W + "txbxContent"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def text_boxes(p):
    """The text boxes anchored in paragraph `p` (a stamp «УТВЕРЖДЕН …», an annex's
    heading, a whole table laid out in a frame), each once: Word writes a text box twice,
    as a drawing and as a VML fallback for old readers, and the fallback is skipped. A
    box inside a box is its outer box's (read with the outer box's paragraphs)."""
    for box in p.iter(_TEXT_BOX):
        ancestor = box.getparent()
        while ancestor is not None and ancestor is not p:
            if ancestor.tag in (_TEXT_BOX, _FALLBACK):
                break
            ancestor = ancestor.getparent()
        else:
            yield box


def _with_boxed_paragraphs(p):
    """A cell's paragraph, then the paragraphs of the text boxes anchored in it."""
    yield p
    for box in text_boxes(p):
        for inner in _cell_paragraphs(box):
            yield from _with_boxed_paragraphs(inner)


def _repeats_as_header(tr) -> bool:
    trpr = tr.find(W + "trPr")
    node = trpr.find(W + "tblHeader") if trpr is not None else None
    return node is not None and node.get(W + "val", "true") not in ("0", "false", "off")


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
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            result += letters
            n -= value
    return result
