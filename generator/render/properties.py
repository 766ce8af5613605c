"""What a document says about itself: one type for the DOCX core properties and the PDF metadata.

The DOCX writers set these properties (title, author = the issuing body, subject,
keywords, the document's own date) and the PDF writer reads them back from the DOCX it
converts, so a PDF always says what its DOCX says.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

CORE = "docProps/core.xml"
NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
}
NOON = dt.time(12, 0)  # a date is stored as noon: no time zone moves it to another day
NO_DATE = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class Properties:
    title: str
    author: str
    subject: str
    keywords: str
    date: dt.date  # the document's own date, never the clock: rebuilding changes nothing

    @property
    def moment(self) -> dt.datetime:
        """The date as the instant both formats record (noon, UTC)."""
        return dt.datetime.combine(self.date, NOON, tzinfo=dt.UTC)


def properties_of_docx(docx: bytes) -> Properties:
    """The core properties of a DOCX (as render/docx.set_properties wrote them)."""
    import zipfile  # lazy: only the PDF writer reads a DOCX back
    from xml.etree import ElementTree

    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        root = ElementTree.fromstring(archive.read(CORE)) if CORE in archive.namelist() else None

    def text(tag: str) -> str:
        element = root.find(tag, NS) if root is not None else None
        return (element.text or "") if element is not None else ""

    created = text("dcterms:created")
    try:
        date = dt.datetime.fromisoformat(created.replace("Z", "+00:00")).date() if created else NO_DATE
    except ValueError:
        date = NO_DATE
    return Properties(
        title=text("dc:title"),
        author=text("dc:creator"),
        subject=text("dc:subject"),
        keywords=text("cp:keywords"),
        date=date,
    )
