"""PDF through the real LibreOffice: text searchable, fonts embedded, header repeated, pages drawn."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import normalize
from pixels import assert_looks_like_reference

from generator import model as m
from generator.numbering import NumberedMeasure, plan_outline

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="нет LibreOffice: make setup")


@pytest.fixture(scope="module")
def pdfs(built, tmp_path_factory):
    from generator.render.writers import write

    folder = tmp_path_factory.mktemp("pdf")
    names = ("noglik/order-2020-427.docx", "pogranichny/plan-msoko.docx", "taimyr/regulation-msoko.docx")
    paths = []
    for name, data in zip(names, write("pdf", [(built / name).read_bytes() for name in names])):
        paths.append((folder / name).with_suffix(".pdf"))
        paths[-1].parent.mkdir(exist_ok=True)
        paths[-1].write_bytes(data)
    return paths


def pdftotext(path: Path, first: int | None = None, last: int | None = None, layout=True) -> str:
    pages = ["-f", str(first), "-l", str(last)] if first else []
    mode = ["-layout"] if layout else []
    return subprocess.run(
        ["pdftotext", *mode, *pages, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_every_measure_text_is_searchable_in_the_pdf(pdfs, departments):
    """The measures' words are in the PDF's text layer.

    pdftotext interleaves neighbouring cells and glues a word hyphenated at a line end to
    whatever follows it, so the check is by word, allowing those few glued compounds.
    """
    text = pdftotext(pdfs[0], layout=False)
    found = set(_words(text))
    plan = departments["noglik"].document("plan-msoko")
    expected, missing = 0, []
    for item in plan_outline(plan):
        if isinstance(item, NumberedMeasure):
            assert item.number in text
            words = _words(normalize(m.plain_text(item.measure.text)))
            expected += len(words)
            missing += [w for w in words if not _present(w, found)]
    assert len(missing) <= expected * 0.005, missing


def _words(text: str) -> list[str]:
    tokens = re.findall(r"[А-Яа-яЁёA-Za-z0-9\u2010-]+", text.replace("\u2010", "-"))
    return [w.strip("-") for w in tokens if w.strip("-")]


def _present(word: str, found: set[str]) -> bool:
    """pdftotext joins a compound split at a line end («психолого-» + «педагогическое»)."""
    parts = word.split("-")
    return word in found or word.replace("-", "") in found or all(p in found for p in parts)


def test_fonts_are_embedded_and_metric_compatible(pdfs):
    listing = subprocess.run(["pdffonts", str(pdfs[0])], capture_output=True, text=True, check=True).stdout
    fonts = listing.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)  # the «emb» column
    assert any("LiberationSerif" in line or "TimesNewRoman" in line for line in fonts)


def test_table_header_repeats_on_the_next_page(pdfs):
    page_three = pdftotext(pdfs[0], 3, 3)
    assert "Наименование мероприятий" in page_three and "Ответственные" in page_three


def test_pages_are_numbered_from_the_second(pdfs):
    first = pdftotext(pdfs[0], 1, 1).strip().splitlines()
    second = pdftotext(pdfs[0], 2, 2).strip().splitlines()
    assert first[0].strip() != "1"
    assert second[0].strip() == "2"


def test_pdf_is_pdf_a_with_tags_and_russian_metadata(pdfs):
    from pypdf import PdfReader

    reader = PdfReader(str(pdfs[0]))
    info = reader.metadata
    assert info.title.startswith("Об актуализации плана")
    assert info.author.startswith("Департамент социальной политики")
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert b"pdfaid:part" in root["/Metadata"].get_object().get_data()


def test_a_rendered_page_has_letterhead_ink_at_the_top(pdfs, tmp_path):
    """Draw page 1 and check where the ink is: letterhead on top, margins clean."""
    subprocess.run(
        ["pdftoppm", "-r", "20", "-gray", "-f", "1", "-l", "1", str(pdfs[0]), str(tmp_path / "page")], check=True
    )
    image = next(tmp_path.glob("page*.pgm")).read_bytes()
    width, height, pixels = _pgm(image)
    rows = [pixels[y * width : (y + 1) * width] for y in range(height)]
    dark = [sum(1 for v in row if v < 128) for row in rows]
    top_margin = int(height * 20 / 297)
    left_margin = int(width * 30 / 210) - 2
    assert sum(dark[: top_margin - 1]) == 0  # nothing in the top margin of page 1
    assert sum(dark[top_margin : top_margin + height // 10]) > 0  # the letterhead
    assert all(v >= 128 for row in rows for v in row[:left_margin])  # the left margin is clean


@pytest.mark.parametrize("index, page", [(0, 1), (0, 3), (1, 1), (2, 1)])
def test_rendered_pages_look_like_their_references(pdfs, tmp_path, index, page):
    """Page images against tests/golden/pages/: letterhead, tables, repeated header, layout."""
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "40",
            "-gray",
            "-png",
            "-f",
            str(page),
            "-l",
            str(page),
            str(pdfs[index]),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    shot = next(tmp_path.glob("page*.png"))
    assert_looks_like_reference(shot, f"pdf-{pdfs[index].parent.name}-{pdfs[index].stem}-p{page}", 330, tmp_path)


def _pgm(data: bytes) -> tuple[int, int, bytes]:
    parts = data.split(maxsplit=4)
    width, height = int(parts[1]), int(parts[2])
    return width, height, parts[4][-width * height :]


def test_converting_the_same_docx_twice_gives_the_same_pdf(built, tmp_path):
    """No clock in the PDF: dates come from the document, the identifier from the DOCX bytes."""
    from generator.render.writers import write_one

    source = (built / "novosibirsk" / "order-2020-0212.docx").read_bytes()
    results = [write_one("pdf", source) for _run in ("first", "second")]
    assert results[0] == results[1]
    from pypdf import PdfReader

    info = PdfReader(io.BytesIO(results[0])).metadata
    assert info.creation_date.date() == info.modification_date.date() == dt.date(2020, 2, 28)
