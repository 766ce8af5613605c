"""Model factories shared by several test modules: small plans built in code, no YAML.

A module with factories of its own shape (positions for messages, numbering options) keeps
them next to its tests; what two modules use lives here.
"""

from __future__ import annotations

import dataclasses

from generator import model as m

WORDS = [
    "оценка",
    "качества",
    "образования",
    "мониторинг",
    "школ",
    "педагогов",
    "анализ",
    "ВПР",
    "ОГЭ",
    "семинар",
    "2021",
    "2022",
    "родителей",
    "олимпиады",
    "рекомендации",
    "плана",
]
UNITS = ["ОО", "МОУО", "ИМЦ", "Отдел образования"]


def measure(text, deadline="2021", units=("ОО",), children=(), id=None):
    return m.Measure(
        text=(m.Paragraph(text),), deadline=deadline, responsible=tuple(units), children=tuple(children), id=id
    )


def plan(*sections, title="План"):
    return m.Plan(id="p", title=title, sections=tuple(sections))


def section(title, *measures, sections=()):
    return m.Section(title=title, measures=tuple(measures), sections=tuple(sections))


def twenty():
    return section("Раздел", *[measure(f"Мероприятие номер {i} про {WORDS[i % len(WORDS)]}") for i in range(20)])


def replace_at(doc, path, node):
    """`doc` with the node at `path` replaced by `node` (None: removed; a list: several)."""
    name, index = path[0]
    children = list(getattr(doc, name))
    if len(path) == 1:
        children[index : index + 1] = [] if node is None else (node if isinstance(node, list) else [node])
    else:
        children[index] = replace_at(children[index], path[1:], node)
    return dataclasses.replace(doc, **{name: tuple(children)})


def add_text_box(paragraph, lines: list[str]) -> None:
    """A floating text box anchored in `paragraph`, written as Word writes one: a drawing
    (wps) for current readers and the same text again as a VML shape for old ones."""
    from docx.oxml import parse_xml

    body = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)
    namespaces = (
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml"'
    )
    run = parse_xml(
        f'<w:r {namespaces}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor behindDoc="0" distT="0" distB="0" distL="0" distR="0" simplePos="0" locked="0" '
        'layoutInCell="1" allowOverlap="1" relativeHeight="2"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="margin"><wp:align>right</wp:align></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="2700000" cy="900000"/><wp:wrapTopAndBottom/><wp:docPr id="90" name="Надпись 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx><w:txbxContent>{body}</w:txbxContent></wps:txbx>'
        "<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f'<mc:Fallback><w:pict><v:shape style="width:212pt;height:70pt"><v:textbox><w:txbxContent>{body}'
        "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    paragraph._p.append(run)


def measure_rows(plan, text) -> list[tuple]:
    """(number, text, deadline, units) of every measure in print order, each text passed
    through `text` (a normalisation) so that two plans compare by what matters."""
    from generator.numbering import NumberedMeasure, plan_outline

    return [
        (
            item.number,
            text(m.plain_text(item.measure.text)),
            text(item.measure.deadline or ""),
            tuple(text(u) for u in item.measure.responsible),
        )
        for item in plan_outline(plan)
        if isinstance(item, NumberedMeasure)
    ]


# A fake LibreOffice for the PDF writer's faults: it records its process id, copies
# `{dir}/payload` as the PDF of every DOCX it is given (but the one named in `{dir}/skip`),
# then runs `{ending}`: an exit code, a signal, a hang. Fill with
# `FAKE_SOFFICE.replace("{ending}", ending).format(dir=folder)`.
FAKE_SOFFICE = """#!/bin/bash
echo $$ > "{dir}/soffice.pid"
out=""; prev=""
for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done
mkdir -p "$out"
skip="$(cat "{dir}/skip" 2>/dev/null)"
for a in "$@"; do
  case "$a" in
    *.docx) stem="$(basename "$a" .docx)"
            [ "$stem" = "$skip" ] || {{ [ -f "{dir}/payload" ] && cp "{dir}/payload" "$out/$stem.pdf"; }} ;;
  esac
done
{ending}
"""


def blank_pdf() -> bytes:
    """A valid one-page PDF, as a converter that works would write."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
