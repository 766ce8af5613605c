"""What docxtpl templates cannot express about page and table layout, in WordprocessingML.

- `w:tblGrid`: a table whose columns come from a loop (`{%tc for %}`) gets the grid of its
  cells' widths (LibreOffice lays a table out by its grid, Word by its cells).
- `w:sectPr/w:pgSz`: a wide plan is printed on landscape pages, also when it is joined to
  its portrait order, in a section of its own.
"""

from __future__ import annotations

import copy

from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def fit_grids(body) -> None:
    """Give every table the grid of its first row whose cells all state their width.

    Tables whose grid already agrees are left as they are (byte for byte)."""
    for table in body.iter(qn("w:tbl")):
        widths = _row_widths(table)
        grid = table.find(qn("w:tblGrid"))
        if widths is None or grid is None:
            continue
        current = [col.get(qn("w:w")) for col in grid.findall(qn("w:gridCol"))]
        if current == [str(w) for w in widths]:
            continue
        for col in grid.findall(qn("w:gridCol")):
            grid.remove(col)
        for width in widths:
            col = OxmlElement("w:gridCol")
            col.set(qn("w:w"), str(width))
            grid.append(col)


def _row_widths(table) -> list[int] | None:
    for row in table.findall(qn("w:tr")):
        widths = []
        for cell in row.findall(qn("w:tc")):
            props = cell.find(qn("w:tcPr"))
            width = None if props is None else props.find(qn("w:tcW"))
            span = None if props is None else props.find(qn("w:gridSpan"))
            if width is None or span is not None or not (width.get(qn("w:w")) or "").isdigit():
                break
            widths.append(int(width.get(qn("w:w"))))
        else:
            if widths:
                return widths
    return None


def is_landscape(sect_pr) -> bool:
    size = sect_pr.find(qn("w:pgSz"))
    return size is not None and size.get(qn("w:orient")) == "landscape"


def set_orientation(sect_pr, landscape: bool) -> None:
    """Turn a section's page: width and height swap, the margins stay."""
    size = sect_pr.find(qn("w:pgSz"))
    if size is None or is_landscape(sect_pr) == landscape:
        return
    width, height = size.get(qn("w:w")), size.get(qn("w:h"))
    size.set(qn("w:w"), height)
    size.set(qn("w:h"), width)
    if landscape:
        size.set(qn("w:orient"), "landscape")
    else:
        size.attrib.pop(qn("w:orient"), None)


def break_section_before(final_sect_pr, landscape: bool):
    """A paragraph that ends the current section as it is; the section after it (whose
    properties the body's final `w:sectPr` holds) turns to the given orientation and
    shows its page number from its first page on (it is not the document's first page)."""
    paragraph = OxmlElement("w:p")
    props = OxmlElement("w:pPr")
    props.append(copy.deepcopy(final_sect_pr))
    paragraph.append(props)
    set_orientation(final_sect_pr, landscape)
    title_page = final_sect_pr.find(qn("w:titlePg"))
    if title_page is not None:
        final_sect_pr.remove(title_page)
    return paragraph
