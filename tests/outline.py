"""A DOCX as a readable outline: the text and the structure a reader sees, one line each.

The golden files under tests/golden/ are such outlines; a change in a document shows up as a
diff a person can review. Only what is visible or matters for layout is written:

    section: portrait 11906×16838                 page size and orientation (at the section's end)
    ¶ [Style name] text                            a paragraph; NBSP shown as ⍽, tab ⇥, line break ↵
    table: 4 columns 964 4422 1984 2268            grid widths in twips
      row 1 [header, cantSplit]                    row flags: header repeats on each page; row not split
        cell 1 [span 4] [vmerge restart] ¶ [Style name] text     merges; a one-paragraph cell inline
        cell 2                                     a cell of several paragraphs (or a nested table)
          ¶ [Style name] text
    [page break]

Run properties (bold, fonts) are left out: they follow from the style names.
"""

from __future__ import annotations

from pathlib import Path

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
VISIBLE = str.maketrans({"\u00a0": "⍽", "\t": "⇥"})


def outline(path: Path) -> str:
    from docx import Document

    document = Document(str(path))
    names = {s.style_id: s.name for s in document.styles}
    lines: list[str] = []
    for element in document.element.body.iterchildren():
        if element.tag == W + "p":
            lines += _paragraph(element, names, "")
        elif element.tag == W + "tbl":
            lines += _table(element, names, "")
        elif element.tag == W + "sectPr":
            lines.append(_section(element))
    return "\n".join(lines) + "\n"


def _paragraph(p, names: dict[str, str], indent: str) -> list[str]:
    style = p.find(f"{W}pPr/{W}pStyle")
    name = names.get(style.get(f"{W}val"), style.get(f"{W}val")) if style is not None else "Normal"
    text, breaks = [], []
    for node in p.iter(f"{W}t", f"{W}tab", f"{W}br"):
        if node.tag == W + "t":
            text.append(node.text or "")
        elif node.tag == W + "tab":
            text.append("\t")
        elif node.get(f"{W}type") == "page":
            breaks.append(f"{indent}[page break]")
        else:
            text.append("↵")
    line = f"{indent}¶ [{name}] {''.join(text).translate(VISIBLE)}".rstrip()
    section = p.find(f"{W}pPr/{W}sectPr")
    return [line, *breaks, *([_section(section)] if section is not None else [])]


def _table(tbl, names: dict[str, str], indent: str) -> list[str]:
    grid = [c.get(f"{W}w") for c in tbl.findall(f"{W}tblGrid/{W}gridCol")]
    lines = [f"{indent}table: {len(grid)} columns {' '.join(grid)}"]
    for number, tr in enumerate(tbl.findall(f"{W}tr"), start=1):
        flags = [
            flag
            for tag, flag in (("tblHeader", "header"), ("cantSplit", "cantSplit"))
            if tr.find(f"{W}trPr/{W}{tag}") is not None
        ]
        lines.append(f"{indent}  row {number}" + (f" [{', '.join(flags)}]" if flags else ""))
        for index, tc in enumerate(tr.findall(f"{W}tc"), start=1):
            content = []
            for child in tc.iterchildren(f"{W}p", f"{W}tbl"):
                if child.tag == W + "p":
                    content += _paragraph(child, names, indent + "      ")
                else:
                    content += _table(child, names, indent + "      ")
            head = f"{indent}    cell {index}{_merges(tc)}"
            if len(content) == 1 and content[0].lstrip().startswith("¶"):
                lines.append(f"{head} {content[0].lstrip()}")  # the usual cell: one paragraph
            else:
                lines += [head, *content]
    return lines


def _merges(tc) -> str:
    marks = []
    span = tc.find(f"{W}tcPr/{W}gridSpan")
    if span is not None:
        marks.append(f" [span {span.get(f'{W}val')}]")
    vmerge = tc.find(f"{W}tcPr/{W}vMerge")
    if vmerge is not None:
        marks.append(f" [vmerge {vmerge.get(f'{W}val') or 'continue'}]")
    return "".join(marks)


def _section(sect) -> str:
    size = sect.find(f"{W}pgSz")
    if size is None:
        return "section: (no page size)"
    width, height = size.get(f"{W}w"), size.get(f"{W}h")
    orientation = size.get(f"{W}orient") or ("landscape" if int(width) > int(height) else "portrait")
    return f"section: {orientation} {width}×{height}"
