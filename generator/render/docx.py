"""Template context → DOCX bytes, with docxtpl; and several DOCX joined into one.

Templates are found in `templates/` at the root of the project (or another folder given
by the caller), so a department restyles its documents by editing those files in Word.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import struct
from dataclasses import dataclass
from pathlib import Path

TEMPLATE_FILES = {
    "order": "orders/order.docx",
    "plan": "roadmaps/plan.docx",
    "regulation": "regulations/regulation.docx",
}
DEFAULT_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# A fixed time for every zip entry: the same content gives the same bytes.
ZIP_TIME = (2000, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Properties:
    """What the DOCX says about itself (and what LibreOffice copies into the PDF)."""

    title: str
    author: str
    subject: str
    keywords: str
    date: dt.date


def render(kind: str, context: dict, props: Properties, templates: Path = DEFAULT_TEMPLATES) -> bytes:
    from docxtpl import DocxTemplate  # lazy: python-docx is most of the start-up time

    path = templates / TEMPLATE_FILES[kind]
    if not path.is_file():
        from ..errors import ToolError

        raise ToolError(f"нет шаблона {path}: в папке шаблонов нужны {', '.join(TEMPLATE_FILES.values())}")
    template = DocxTemplate(str(path))
    # autoescape: «&», «<» and anything that looks like markup print as typed.
    template.render(context, autoescape=True)
    set_properties(template.docx, props)
    buffer = io.BytesIO()
    template.save(buffer)
    return normalize_zip(buffer.getvalue())


def combine(main: bytes, annexes: list[bytes], props: Properties) -> bytes:
    """The order followed by its annexes, each annex starting on a new page.

    Annex bodies are copied into the order's single section, so they share its page
    setup and page numbering; the templates share style names, so styles carry over.
    """
    from docx import Document

    document = Document(io.BytesIO(main))
    body = document.element.body
    final_section = body[-1]  # w:sectPr
    for annex in annexes:
        annex_body = Document(io.BytesIO(annex)).element.body
        elements = [el for el in annex_body if not el.tag.endswith("}sectPr")]
        _page_break_before(elements)
        for element in elements:
            final_section.addprevious(copy.deepcopy(element))
    set_properties(document, props)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_zip(buffer.getvalue())


def _page_break_before(elements) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    first = next((el for el in elements if el.tag == qn("w:p")), None)
    if first is None:
        return
    p_pr = first.get_or_add_pPr()
    p_pr.insert(0, OxmlElement("w:pageBreakBefore"))


def set_properties(document, props: Properties) -> None:
    core = document.core_properties
    moment = dt.datetime.combine(props.date, dt.time(12, 0))
    core.title = _fit(props.title)
    core.author = core.last_modified_by = _fit(props.author)
    core.subject = _fit(props.subject)
    core.keywords = _fit(props.keywords)
    core.language = "ru-RU"
    core.created = core.modified = moment
    core.revision = 1


def _fit(text: str, limit: int = 255) -> str:
    """python-docx refuses core properties over 255 characters (an amending order's title
    quoting a long plan title is longer): cut at a word, with «…»."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def normalize_zip(data: bytes) -> bytes:
    """Give every entry of the archive a fixed time and mode, so equal content gives equal bytes.

    The entries are already compressed (python-docx writes them in a fixed order); only
    the time and date fields of the local and central headers and the central header's
    file mode are rewritten in place, which costs nothing next to compressing again.
    """
    out = bytearray(data)
    end = out.rfind(b"PK\x05\x06")
    if end < 0:
        raise ValueError("not a zip archive")
    count, _, offset = struct.unpack_from("<HII", out, end + 10)
    for _ in range(count):
        if out[offset:offset + 4] != b"PK\x01\x02":
            raise ValueError("damaged zip central directory")
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", out, offset + 28)
        local = struct.unpack_from("<I", out, offset + 42)[0]
        struct.pack_into("<HH", out, offset + 12, *_DOS_TIME)
        struct.pack_into("<I", out, offset + 38, 0o100644 << 16)
        struct.pack_into("<HH", out, local + 10, *_DOS_TIME)
        offset += 46 + name_len + extra_len + comment_len
    return bytes(out)


def _dos_time(moment: tuple[int, int, int, int, int, int]) -> tuple[int, int]:
    year, month, day, hour, minute, second = moment
    return hour << 11 | minute << 5 | second // 2, (year - 1980) << 9 | month << 5 | day


_DOS_TIME = _dos_time(ZIP_TIME)
