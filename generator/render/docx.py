"""The `docx` writer: template parts → DOCX bytes, with docxtpl; several parts joined into one.

Templates are found where generator/resources.py says (the checkout's `templates/` or the
installed package's copy), or in another folder given by the caller, so a department
restyles its documents by editing those files in Word.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
import re
import struct
from collections.abc import Sequence
from pathlib import Path

from .properties import Properties
from .writers import DEFAULT_TEMPLATES, Document, Options

TEMPLATE_FILES = {
    "order": "orders/order.docx",
    "plan": "roadmaps/plan.docx",
    "regulation": "regulations/regulation.docx",
}
# A fixed time for every zip entry: the same content gives the same bytes.
ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def write(documents: Sequence[Document], options: Options) -> list[bytes]:
    """Each document's parts rendered and, when there are several, joined in one DOCX."""
    return [_document(document, options.templates) for document in documents]


def _document(document: Document, templates: Path) -> bytes:
    main, *annexes = (render(part.kind, part.context, document.props, templates) for part in document.parts)
    return combine(main, annexes, document.props) if annexes else main


def render(kind: str, context: dict, props: Properties, templates: Path = DEFAULT_TEMPLATES) -> bytes:
    path = templates / TEMPLATE_FILES[kind]
    if not path.is_file():
        from ..errors import ToolError

        raise ToolError(f"нет шаблона {path}: в папке шаблонов нужны {', '.join(TEMPLATE_FILES.values())}")
    template = _template_class()(str(path))
    from jinja2 import TemplateError

    from .environment import Environment

    try:
        template.render(context, jinja_env=Environment(), autoescape=True)
    except TemplateError as e:
        raise template_failure(e, str(path)) from e
    _layout(template.docx, context)
    set_properties(template.docx, props)
    buffer = io.BytesIO()
    template.save(buffer)
    return normalize_zip(buffer.getvalue())


# A paragraph as docxtpl's listing pass finds it (from «<w:p>» or «<w:p …>» to the first
# «</w:p>»), but only one holding a tab, «\a», a line break or a form feed: what that
# pass turns into Word's tabs, breaks and pages. Written as an unrolled loop, so that the
# paragraphs without one, almost all of them, are skipped in C.
_PARAGRAPH_TO_RESOLVE = re.compile(
    r"<w:p(?: [^>]*)?>[^\t\a\n\f<]*(?:<(?!/w:p>)[^\t\a\n\f<]*)*[\t\a\n\f].*?</w:p>", re.DOTALL
)


@functools.cache
def _template_class():
    """docxtpl's template, its passes over the XML run only where they can change
    something (the listing pass, the grid repair) and its clean-up of a template part kept
    between runs; each gives docxtpl's own result.

    The listing pass: after rendering, docxtpl rewrites every run of every paragraph with
    regular expressions so that a tab, «\\a», a line break or a form feed typed in a value
    becomes Word's element; that pass was a third of the render of a 5,000-row plan
    (bench/RESULTS-e2e.md), although almost no paragraph holds such a character. Here a
    paragraph without one is left as it is, and one with one goes through docxtpl's own
    pass: the same XML (tests/test_render_docx.py compares the two on random paragraphs).
    """
    import lxml.etree as etree
    from docxtpl import DocxTemplate  # lazy: python-docx is most of the start-up time
    from docxtpl import __version__ as docxtpl_version

    from .. import cache

    grid_fits = _grid_check()

    class Template(DocxTemplate):
        def resolve_listing(self, xml: str) -> str:
            resolve = super().resolve_listing
            return _PARAGRAPH_TO_RESOLVE.sub(lambda m: resolve(m.group(0)), xml)

        def patch_xml(self, src_xml: str) -> str:
            """docxtpl's clean-up of a template part for Jinja (a dozen regular expressions
            over the part), done once per part and kept in the user's cache folder with
            the part's compiled code (render/environment.py)."""
            name = f"docxtpl-{cache.digest(docxtpl_version, src_xml)}.xml"
            kept = cache.read(name)
            if kept is not None:
                return kept.decode("utf-8")
            patched = super().patch_xml(src_xml)
            cache.write(name, patched.encode("utf-8"))
            return patched

        def fix_tables(self, xml: str):
            """docxtpl's repair of table grids, run only where it can change something.

            docxtpl widens a table's grid when a row has more cells than it has columns
            (cells from a loop) and narrows it when no row fills it; to find out, it asks
            every cell of every row for its span in Python, which was a quarter of the
            render of a 1,000-measure plan. Here one XPath query per table answers the
            same question, and a document where some table needs a repair goes through
            docxtpl's own code (tests/test_render_docx.py compares the two)."""
            tree = etree.fromstring(xml, parser=etree.XMLParser(recover=True))
            if tree.nsmap.get("w") == _W and all(grid_fits(table) for table in tree.iter(f"{{{_W}}}tbl")):
                return tree
            return super().fix_tables(xml)

    return Template


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _grid_check():
    """table → True when docxtpl's fix_tables would leave it as it is: it has a grid, no
    row (its nested tables' rows too, as docxtpl counts them) has more cells than the grid
    has columns, some row fills the grid, and every merged cell spans a whole number of
    columns (so that the row filling the grid spans at least all of them)."""
    import lxml.etree as etree

    namespaces = {"w": _W}
    has_grid = etree.XPath("boolean(w:tblGrid)", namespaces=namespaces)
    columns = etree.XPath("count(w:tblGrid/w:gridCol)", namespaces=namespaces)
    wider = etree.XPath("boolean(.//w:tr[count(w:tc) > $n])", namespaces=namespaces)
    filled = etree.XPath("boolean(.//w:tr[count(w:tc) = $n])", namespaces=namespaces)
    spans = etree.XPath(".//w:gridSpan", namespaces=namespaces)
    span = f"{{{_W}}}val"

    def fits(table) -> bool:
        if not has_grid(table):
            return False
        n = columns(table)
        return (
            not wider(table, n=n)
            and filled(table, n=n)
            and all((value := element.get(span) or "").isdigit() and int(value) >= 1 for element in spans(table))
        )

    return fits


def template_failure(error: Exception, where: str):
    """A template that failed or tried to leave the sandbox: a ContentError naming it."""
    from jinja2.exceptions import SecurityError

    from ..errors import ContentError, Pos, Problem

    code = "template-unsafe" if isinstance(error, SecurityError) else "template-error"
    return ContentError([Problem(code, Pos(where), {"detail": str(error)[:300]})])


def combine(main: bytes, annexes: list[bytes], props: Properties) -> bytes:
    """The order followed by its annexes, each annex starting on a new page.

    Annex bodies are copied into the order's single section, so they share its page
    setup and page numbering; the templates share style names, so styles carry over.
    """
    from docx import Document

    from .layout_xml import break_section_before, is_landscape

    document = Document(io.BytesIO(main))
    body = document.element.body
    final_section = body[-1]  # w:sectPr
    for annex in annexes:
        annex_body = Document(io.BytesIO(annex)).element.body
        elements = [el for el in annex_body if not el.tag.endswith("}sectPr")]
        landscape = is_landscape(annex_body[-1])
        if landscape != is_landscape(final_section):
            # A wide annex keeps its landscape pages: a section of its own (which starts
            # on a new page by itself), then the next annex turns back.
            final_section.addprevious(break_section_before(final_section, landscape))
        else:
            _page_break_before(elements)
        for element in elements:
            final_section.addprevious(copy.deepcopy(element))
    set_properties(document, props)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_zip(buffer.getvalue())


def _layout(document, context: dict) -> None:
    """Grids of tables with columns from a loop, and landscape pages for a wide plan."""
    from .layout_xml import fit_grids, set_orientation

    body = document.element.body
    fit_grids(body)
    if context.get("landscape"):
        set_orientation(body[-1], landscape=True)


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
    core.title = fit_property(props.title)
    core.author = core.last_modified_by = fit_property(props.author)
    core.subject = fit_property(props.subject)
    core.keywords = fit_property(props.keywords)
    core.language = "ru-RU"
    core.created = core.modified = moment
    core.revision = 1


PROPERTY_LIMIT = 255  # characters python-docx (and Word) accept in a core property


def fit_property(text: str, limit: int = PROPERTY_LIMIT) -> str:
    """A core property no longer than `limit`: cut at a word boundary with «…».

    Real order titles run to 300 characters and more; the document's text keeps the
    whole title, the property only names the file in a list.
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:«(–—-") + "…"


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
        if out[offset : offset + 4] != b"PK\x01\x02":
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
