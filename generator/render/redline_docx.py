"""The `redline.docx` writer: two rendered editions (DOCX bytes) → the new one carrying Word's tracked changes.

The new edition's DOCX is taken as `build` renders it and its body is rebuilt unit by
unit, a unit being a paragraph outside tables or a table row:

- rows that the structural diff knows to be the same measure or section (the caller
  passes a key per data row: its old path) are paired first, so an inserted measure is
  one inserted row and never a cascade of changed rows;
- the units between those pairs (header, title, column heads, passport texts, a
  regulation's paragraphs) are paired by text;
- a paired unit gets word-level w:ins / w:del runs where its text changed (the word diff
  of the comparison table) and w:rPrChange / w:pPrChange where only formatting changed;
- a new unit is inserted (rows: w:trPr/w:ins), an old unit is put back at its old place
  as deleted (rows: w:trPr/w:del, text in w:delText).

Accepting every change gives the new edition's text, rejecting every change the old
one's.
"""

from __future__ import annotations

import copy
import difflib
import io
import zipfile
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

import lxml.etree as etree

from ..diff import word_diff, words
from .docx import normalize_zip
from .writers import Options, Redline, Revision

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
DOCUMENT = "word/document.xml"
SIMILAR = 0.5  # least word similarity for two unkeyed units to be one unit changed
LOOKAHEAD = 20  # added units looked past for one alike a removed unit (bounds the cost)


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def write(redlines: Sequence[Redline], options: Options) -> list[bytes]:
    return [redline(r.old_docx, r.new_docx, r.old_row_keys, r.new_row_keys, r.revision) for r in redlines]


def redline(
    old_docx: bytes,
    new_docx: bytes,
    old_row_keys: Sequence[Hashable],
    new_row_keys: Sequence[Hashable],
    revision: Revision,
) -> bytes:
    """The new DOCX with tracked changes from the old one.

    `old_row_keys` and `new_row_keys` name the data rows (the rows below the repeated
    header of each table that has one) of each document in order; rows with equal keys
    are one row. Keys whose count does not match the rows (a custom template) are
    ignored: rows pair by text.
    """
    old_body = _body(_read(old_docx))
    new_root = _read(new_docx)
    new_body = _body(new_root)
    olds = _units(old_body, old_row_keys)
    news = _units(new_body, new_row_keys)
    # Change ids start above every id already used (bookmarks, changes a template carries).
    marks = _Marks(revision, next_id=1 + max((int(v) for v in _ids(new_root) + _ids(old_body)), default=0))
    body = _rebuilt_body(new_body, _align(olds, news), marks)
    # The result is a fresh tree of copies: detaching a large table from a tree whose
    # elements Python still holds costs lxml time that grows faster than the table.
    root = etree.Element(new_root.tag, attrib=dict(new_root.attrib), nsmap=new_root.nsmap)
    for child in new_root:
        root.append(body if child is new_body else copy.deepcopy(child))
    return _replace_document(new_docx, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _ids(tree) -> list[str]:
    return [v for v in tree.xpath("//@w:id", namespaces={"w": W}) if v.isdigit()]


# --- units ------------------------------------------------------------------------------


@dataclass(eq=False)
class Unit:
    kind: str  # p | row
    element: etree._Element
    text: str
    key: Hashable = None  # None: pair by text
    table: etree._Element | None = None  # the w:tbl of a row
    cells: int = 0


def _units(body, row_keys: Sequence[Hashable]) -> list[Unit]:
    units: list[Unit] = []
    data_rows: list[Unit] = []
    for child in body:
        if child.tag == w("p"):
            units.append(Unit("p", child, paragraph_text(child)))
        elif child.tag == w("tbl"):
            # The plan's tables repeat a header row; a signature laid out as a table does not.
            headed = any(_is_header(tr) for tr in child.iterchildren(w("tr")))
            for tr in child.iterchildren(w("tr")):
                cells = tr.findall(w("tc"))
                text = "\x1f".join("\n".join(paragraph_text(p) for p in tc.iter(w("p"))) for tc in cells)
                unit = Unit("row", tr, text, table=child, cells=len(cells))
                units.append(unit)
                if headed and not _is_header(tr):
                    data_rows.append(unit)
    if len(data_rows) == len(row_keys):
        for unit, key in zip(data_rows, row_keys):
            unit.key = key
    return units


def _is_header(tr) -> bool:
    return tr.find(f"{w('trPr')}/{w('tblHeader')}") is not None


def paragraph_text(p) -> str:
    return "".join(text for _, text in _runs(p))


def _runs(p) -> list[tuple[etree._Element | None, str]]:
    """(w:rPr or None, text) of each run of a paragraph, tabs and breaks as characters."""
    result = []
    for r in p.iter(w("r")):
        parts = []
        for child in r:
            if child.tag in (w("t"), w("delText")):
                parts.append(child.text or "")
            elif child.tag == w("tab"):
                parts.append("\t")
            elif child.tag in (w("br"), w("cr")):
                parts.append("\n")
        result.append((r.find(w("rPr")), "".join(parts)))
    return result


# --- alignment --------------------------------------------------------------------------

Pair = tuple[Unit | None, Unit | None]


def _either(old: Unit | None, new: Unit | None) -> Unit:
    """The unit a pair stands for: the new one, or the old one where it was deleted."""
    unit = new or old
    assert unit is not None  # _align pairs two units, or one with None: never None with None
    return unit


def _align(olds: list[Unit], news: list[Unit]) -> list[Pair]:
    """Old and new units in document order: pairs, deletions (new None), insertions."""
    old_at = {u.key: i for i, u in enumerate(olds) if u.key is not None}
    anchors: list[tuple[int, int]] = []
    for j, unit in enumerate(news):
        i = old_at.get(unit.key) if unit.key is not None else None
        if i is not None and (not anchors or i > anchors[-1][0]):
            anchors.append((i, j))
    merged: list[Pair] = []
    previous = (-1, -1)
    for i, j in [*anchors, (len(olds), len(news))]:
        merged += _align_gap(olds[previous[0] + 1 : i], news[previous[1] + 1 : j])
        if i < len(olds):
            merged.append((olds[i], news[j]))
        previous = (i, j)
    return _slide(merged)


def _slide(merged: list[Pair]) -> list[Pair]:
    """Of two equal paragraphs around an added (or removed) block, the first is the kept one.

    Text matching may pair the paragraph after the block (two equal spacers around a
    table, say). Kept before the block, it can carry the mark of the block's last
    paragraph where that one stands before a table; the equal paragraph after the block
    is then the added (removed) one, and its mark joins the text that follows.
    """
    result = list(merged)
    for k, (old, new) in enumerate(result):
        if old is not None and new is not None:
            continue
        side = 1 if old is None else 0
        moved = result[k][side]
        if moved is None or moved.kind != "p":
            continue
        end = k + 1
        while end < len(result) and result[end][1 - side] is None:
            end += 1
        if end == len(result):
            continue
        after, kept = result[end][side], result[end][1 - side]
        if after is None or kept is None or after.kind != "p":
            continue
        if moved.text == after.text and _same_format(moved.element, after.element):
            result[k] = (kept, moved) if side == 1 else (moved, kept)
            result[end] = (None, after) if side == 1 else (after, None)
    return result


def _align_gap(olds: list[Unit], news: list[Unit]) -> list[Pair]:
    # Keyed rows left over are whole insertions or removals: they never match by text.
    def signature(unit: Unit):
        return (unit.kind, unit.text) if unit.key is None else unit

    matcher = difflib.SequenceMatcher(None, [signature(u) for u in olds], [signature(u) for u in news], autojunk=False)
    result: list[Pair] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            result += zip(olds[i1:i2], news[j1:j2])
        else:
            result += _pair_similar(olds[i1:i2], news[j1:j2])
    return result


def _pair_similar(olds: list[Unit], news: list[Unit]) -> list[Pair]:
    """Replaced units: one changed unit where the texts are alike, else removed and added.

    Removals come before additions at one place, unless an old unit is alike a later new
    one: then the new units before it are additions first."""
    result: list[Pair] = []
    i = j = 0
    while i < len(olds) or j < len(news):
        if i < len(olds) and j < len(news) and _alike(olds[i], news[j]):
            result.append((olds[i], news[j]))
            i, j = i + 1, j + 1
        elif i < len(olds) and not any(_alike(olds[i], new) for new in news[j + 1 : j + 1 + LOOKAHEAD]):
            result.append((olds[i], None))
            i += 1
        else:
            result.append((None, news[j]))
            j += 1
    return result


def _alike(old: Unit, new: Unit) -> bool:
    if old.kind != new.kind or old.key is not None or new.key is not None or old.cells != new.cells:
        return False
    a, b = words(old.text), words(new.text)
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= SIMILAR


# --- rebuilding the body ----------------------------------------------------------------


@dataclass
class _Marks:
    """Makes the w:ins / w:del / …Change elements, each with its own id."""

    revision: Revision
    next_id: int = field(default=1)

    def make(self, tag: str) -> etree._Element:
        element = etree.Element(w(tag))
        element.set(w("id"), str(self.next_id))
        element.set(w("author"), self.revision.author)
        element.set(w("date"), f"{self.revision.date:%Y-%m-%d}T00:00:00Z")
        self.next_id += 1
        return element


def _rebuilt_body(original, merged: list[Pair], marks: _Marks):
    """A new w:body: the merged units in order, then what followed them (w:sectPr)."""
    body = etree.Element(w("body"))
    tail = [copy.deepcopy(child) for child in original if child.tag not in (w("p"), w("tbl"))]
    table = source = None  # the output table being filled, and the table its rows come from
    for old, new in merged:
        unit = _either(old, new)
        if unit.kind == "row":
            # A new row from another table than the open one starts a table; a removed row
            # joins the open one, and a table a removed row opened takes the next new rows.
            if table is None or (new is not None and source is not None and source is not new.table):
                table = _empty_table(unit.table)
                body.append(table)
            if new is not None:
                source = new.table
            table.append(_row(old, new, marks))
            continue
        table = source = None
        body.append(_paragraph(old, new, marks))
    for child in tail:
        body.append(child)
    _fix_paragraph_marks(body, marks)
    return body


def _empty_table(table):
    """A table with the properties and grid of `table` and no rows."""
    result = etree.Element(w("tbl"))
    for child in table:
        if child.tag != w("tr"):
            result.append(copy.deepcopy(child))
    return result


def _row(old: Unit | None, new: Unit | None, marks: _Marks):
    if old is None or new is None:
        tag = "ins" if old is None else "del"
        tr = copy.deepcopy(_either(old, new).element)
        _mark_row(tr, tag, marks)
        for tc in tr.iter(w("tc")):
            for p in tc.iter(w("p")):
                _whole_paragraph(p, tag, marks)
            _fix_paragraph_marks(tc, marks)
        return tr
    tr = copy.deepcopy(new.element)
    for old_tc, tc in zip(old.element.findall(w("tc")), tr.findall(w("tc"))):
        _redline_cell(old_tc, tc, marks)
    return tr


def _mark_row(tr, tag: str, marks: _Marks) -> None:
    tr_pr = tr.find(w("trPr"))
    if tr_pr is None:
        tr_pr = etree.Element(w("trPr"))
        tr.insert(1 if len(tr) and tr[0].tag == w("tblPrEx") else 0, tr_pr)
    change = tr_pr.find(w("trPrChange"))
    if change is not None:
        change.addprevious(marks.make(tag))
    else:
        tr_pr.append(marks.make(tag))


def _redline_cell(old_tc, tc, marks: _Marks) -> None:
    """The paragraphs of a kept cell: each paired with its old one, or inserted, or deleted."""
    olds = [Unit("p", p, paragraph_text(p)) for p in old_tc.findall(w("p"))]
    news = [Unit("p", p, paragraph_text(p)) for p in tc.findall(w("p"))]
    if [u.text for u in olds] == [u.text for u in news] and all(
        _same_format(a.element, b.element) for a, b in zip(olds, news)
    ):
        return
    matcher = difflib.SequenceMatcher(None, [u.text for u in olds], [u.text for u in news], autojunk=False)
    merged: list[Pair] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            merged += zip(olds[i1:i2], news[j1:j2])
        else:  # in a cell, replaced paragraphs pair by position: one cell, one text
            count = min(i2 - i1, j2 - j1)
            merged += zip(olds[i1 : i1 + count], news[j1 : j1 + count])
            merged += [(u, None) for u in olds[i1 + count : i2]] + [(None, u) for u in news[j1 + count : j2]]
    anchor = news[0].element
    anchor.addprevious(etree.Element(w("placeholder")))
    placeholder = anchor.getprevious()
    for unit in news:
        tc.remove(unit.element)
    for old, new in merged:
        placeholder.addprevious(_paragraph(old, new, marks))
    tc.remove(placeholder)
    _fix_paragraph_marks(tc, marks)


def _paragraph(old: Unit | None, new: Unit | None, marks: _Marks):
    if new is None:
        p = copy.deepcopy(_either(old, new).element)
        _whole_paragraph(p, "del", marks)
        return p
    p = copy.deepcopy(new.element)
    if old is None:
        _whole_paragraph(p, "ins", marks)
    elif old.text != new.text or not _same_format(old.element, new.element):
        _redline_paragraph(old.element, p, marks)
    return p


def _whole_paragraph(p, tag: str, marks: _Marks) -> None:
    """Every run of `p` inserted or deleted, and its paragraph mark with them."""
    for r in list(p.iter(w("r"))):
        if r.getparent().tag in (w("ins"), w("del")):
            continue
        if tag == "del":
            for t in r.iter(w("t")):
                t.tag = w("delText")
        wrapper = marks.make(tag)
        r.addprevious(wrapper)
        wrapper.append(r)
    _mark_paragraph_end(p, tag, marks)


def _mark_paragraph_end(p, tag: str, marks: _Marks) -> None:
    p_pr = p.find(w("pPr"))
    if p_pr is None:
        p_pr = etree.Element(w("pPr"))
        p.insert(0, p_pr)
    r_pr = p_pr.find(w("rPr"))
    if r_pr is None:
        r_pr = etree.Element(w("rPr"))
        later = [c for c in p_pr if c.tag in (w("sectPr"), w("pPrChange"))]
        if later:
            later[0].addprevious(r_pr)
        else:
            p_pr.append(r_pr)
    for existing in r_pr.findall(w("ins")) + r_pr.findall(w("del")):
        r_pr.remove(existing)
    r_pr.insert(0, marks.make(tag))


def _fix_paragraph_marks(container, marks: _Marks) -> None:
    """The mark of a paragraph that ends a cell or a body cannot go (nothing follows to
    join), nor, in LibreOffice, one before a table. Of a trailing run of inserted (or
    deleted) paragraphs there, the marks shift one paragraph back, so accepting or
    rejecting joins them into it as Word does; a deleted paragraph and an inserted one at
    the end become one paragraph holding both. With no paragraph to shift to (a table
    before the run), the mark stays on a paragraph before a table: Word then joins the
    tables around it, LibreOffice 7.4 leaves it empty."""
    settled: set = set()
    while True:
        children = [c for c in container if c.tag in (w("p"), w("tbl"))]
        ends = [
            (k, mark)
            for k, c in enumerate(children)
            if c.tag == w("p")
            and c not in settled
            and (mark := _mark_of(c)) is not None
            and (k + 1 == len(children) or children[k + 1].tag != w("p"))
        ]
        if not ends:
            return
        k, tag = ends[0]
        last = children[k]
        settled.add(last)
        before = children[k - 1] if k > 0 and children[k - 1].tag == w("p") else None
        if before is not None and _mark_of(before) not in (None, tag):
            _fuse(before, last, marks)
            continue
        first = k
        while first > 0 and children[first - 1].tag == w("p") and _mark_of(children[first - 1]) == tag:
            first -= 1
        ahead = children[first - 1] if first > 0 else None
        if ahead is not None and ahead.tag == w("p") and _mark_of(ahead) is None:
            _unmark(last)
            _mark_paragraph_end(ahead, tag, marks)
        elif k + 1 == len(children):
            _unmark(last)


def _fuse(first, second, marks: _Marks) -> None:
    """Two whole paragraphs, one deleted and one inserted, as one paragraph with both texts;
    it keeps the inserted one's paragraph properties (the old ones in w:pPrChange)."""
    inserted, deleted = (first, second) if _mark_of(first) == "ins" else (second, first)
    runs = [c for c in second if c.tag != w("pPr")]
    for run in [c for c in first if c.tag != w("pPr")][::-1]:
        runs.insert(0, run)
    for child in [c for c in inserted if c.tag != w("pPr")]:
        inserted.remove(child)
    for run in runs:
        inserted.append(run)
    inserted.getparent().remove(deleted)
    _unmark(inserted)
    if _ppr_key(deleted) != _ppr_key(inserted):
        _paragraph_format_change(deleted, inserted, marks)


def _mark_of(p) -> str | None:
    r_pr = p.find(f"{w('pPr')}/{w('rPr')}")
    if r_pr is None:
        return None
    for tag in ("ins", "del"):
        if r_pr.find(w(tag)) is not None:
            return tag
    return None


def _unmark(p) -> None:
    r_pr = p.find(f"{w('pPr')}/{w('rPr')}")
    for existing in r_pr.findall(w("ins")) + r_pr.findall(w("del")):
        r_pr.remove(existing)
    if len(r_pr) == 0:
        r_pr.getparent().remove(r_pr)


# --- words inside a paragraph -----------------------------------------------------------


def _same_format(old_p, new_p) -> bool:
    return _ppr_key(old_p) == _ppr_key(new_p) and _format_spans(old_p) == _format_spans(new_p)


def _ppr_key(p) -> tuple:
    p_pr = p.find(w("pPr"))
    if p_pr is None:
        return ()
    return tuple(_xml_key(child) for child in p_pr if child.tag not in (w("rPr"), w("pPrChange")))


def _rpr_key(r_pr) -> tuple:
    return () if r_pr is None else _xml_key(r_pr)


def _xml_key(element) -> tuple:
    """An element's content, whatever namespace declarations surround it (a detached
    copy and the original serialize differently but mean the same)."""
    return (
        element.tag,
        tuple(sorted(element.attrib.items())),
        (element.text or "").strip(),
        tuple(_xml_key(child) for child in element),
    )


def _format_spans(p) -> list[tuple[tuple, int]]:
    """(formatting, length) of each stretch of text, runs of equal formatting joined."""
    spans: list[tuple[tuple, int]] = []
    for r_pr, text in _runs(p):
        key = _rpr_key(r_pr)
        if not text:
            continue
        if spans and spans[-1][0] == key:
            spans[-1] = (key, spans[-1][1] + len(text))
        else:
            spans.append((key, len(text)))
    return spans


def _redline_paragraph(old_p, p, marks: _Marks) -> None:
    """Replace the runs of `p` with the word diff from `old_p`, keeping each side's formatting."""
    old_chars = _char_formats(old_p)
    new_chars = _char_formats(p)
    old_text, new_text = paragraph_text(old_p), paragraph_text(p)
    pieces: list[etree._Element] = []
    i = j = 0
    for op, text in word_diff(old_text, new_text):
        n = len(text)
        if op == "equal":
            for start, end in _stretches(new_chars[j : j + n], old_chars[i : i + n]):
                r = _run(new_text[j + start : j + end], new_chars[j + start], "t")
                old_format = old_chars[i + start]
                if _rpr_key(old_format) != _rpr_key(new_chars[j + start]):
                    _format_change(r, old_format, marks)
                pieces.append(r)
            i, j = i + n, j + n
        elif op == "delete":
            wrapper = marks.make("del")
            for start, end in _stretches(old_chars[i : i + n]):
                wrapper.append(_run(old_text[i + start : i + end], old_chars[i + start], "delText"))
            pieces.append(wrapper)
            i += n
        else:
            wrapper = marks.make("ins")
            for start, end in _stretches(new_chars[j : j + n]):
                wrapper.append(_run(new_text[j + start : j + end], new_chars[j + start], "t"))
            pieces.append(wrapper)
            j += n
    for child in list(p):
        if child.tag in (w("r"), w("ins"), w("del"), w("hyperlink"), w("smartTag")):
            p.remove(child)
    for piece in pieces:
        p.append(piece)
    if _ppr_key(old_p) != _ppr_key(p):
        _paragraph_format_change(old_p, p, marks)


def _char_formats(p) -> list:
    """The w:rPr (or None) of every character of a paragraph's text."""
    result = []
    for r_pr, text in _runs(p):
        result += [r_pr] * len(text)
    return result


def _stretches(*formats_lists) -> list[tuple[int, int]]:
    """[start, end) stretches over which every list keeps one formatting."""
    length = len(formats_lists[0])
    result = []
    start = 0
    for k in range(1, length + 1):
        if k == length or any(_rpr_key(f[k]) != _rpr_key(f[k - 1]) for f in formats_lists):
            result.append((start, k))
            start = k
    return [s for s in result if s[1] > s[0]]


def _run(text: str, r_pr, text_tag: str):
    r = etree.Element(w("r"))
    if r_pr is not None:
        r.append(copy.deepcopy(r_pr))
    chunk = ""
    for char in text + "\0":
        if char in "\t\n\0":
            if chunk:
                t = etree.SubElement(r, w(text_tag))
                t.text = chunk
                t.set(XML_SPACE, "preserve")
                chunk = ""
            if char == "\t":
                etree.SubElement(r, w("tab"))
            elif char == "\n":
                etree.SubElement(r, w("br"))
        else:
            chunk += char
    return r


def _format_change(r, old_r_pr, marks: _Marks) -> None:
    r_pr, change = _properties_change(r, "rPr", old_r_pr, marks)
    r_pr.append(change)


def _paragraph_format_change(old_p, p, marks: _Marks) -> None:
    p_pr, change = _properties_change(
        p, "pPr", old_p.find(w("pPr")), marks, skip=(w("rPr"), w("sectPr"), w("pPrChange"))
    )
    sect = p_pr.find(w("sectPr"))
    if sect is not None:
        sect.addnext(change)
    else:
        p_pr.append(change)


def _properties_change(element, tag: str, old_properties, marks: _Marks, skip: tuple = ()):
    """The element's properties (`rPr` or `pPr`, made if missing) and a `…Change` mark
    holding the old ones, for the caller to place."""
    properties = element.find(w(tag))
    if properties is None:
        properties = etree.Element(w(tag))
        element.insert(0, properties)
    change = marks.make(f"{tag}Change")
    old = etree.SubElement(change, w(tag))
    for child in old_properties if old_properties is not None else []:
        if child.tag not in skip:
            old.append(copy.deepcopy(child))
    return properties, change


def change_counts(data: bytes) -> dict[str, int]:
    """What a redline carries, for the summary a clerk reads: rows inserted and deleted
    whole, pieces of text inserted and deleted elsewhere, formatting changes."""
    body = _body(_read(data))
    counts = {
        "rows_inserted": 0,
        "rows_deleted": 0,
        "inserted": 0,
        "deleted": 0,
        "formatting": sum(1 for _ in body.iter(w("rPrChange"), w("pPrChange"))),
    }
    whole_rows = set()
    for tr in body.iter(w("tr")):
        for tag, key in (("ins", "rows_inserted"), ("del", "rows_deleted")):
            if tr.find(f"{w('trPr')}/{w(tag)}") is not None:
                counts[key] += 1
                whole_rows.add(tr)
    for tag, key in (("ins", "inserted"), ("del", "deleted")):
        for mark in body.iter(w(tag)):
            if mark.getparent().tag == w("p") and not any(a in whole_rows for a in mark.iterancestors(w("tr"))):
                counts[key] += 1
    return counts


# --- the package ------------------------------------------------------------------------


def _read(data: bytes):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(DOCUMENT))


def _body(root):
    return root.find(w("body"))


def _replace_document(data: bytes, document: bytes) -> bytes:
    """The same package with another word/document.xml; entries in their order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = document if info.filename == DOCUMENT else source.read(info.filename)
            target.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED)
    return normalize_zip(out.getvalue())
