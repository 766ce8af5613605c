"""`prikaz publish`: the site a web editor uploads, checked as a visitor and as a web editor would."""

from __future__ import annotations

import hashlib
import html
import os
import pty
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import CONTENT, PRIKAZ, ROOT, run_prikaz
from pixels import CHROMIUM, NO_CHROMIUM, assert_looks_like_reference, chromium

from generator import model as m
from generator.history import history
from generator.load import load
from generator.numbering import NumberedSection, plan_outline

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="нет LibreOffice: make setup")


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[Path, Path, subprocess.CompletedProcess]:
    """A copy of the bundled content and the site published from it."""
    root = tmp_path_factory.mktemp("publish")
    content = root / "content"
    shutil.copytree(CONTENT, content)
    site = root / "site"
    result = run_prikaz("publish", str(content), "--site", str(site), "--force")
    assert result.returncode == 0, result.stderr
    return content, site, result


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


class Links(HTMLParser):
    """Every href and src of a page, and the file entries (link, size text, SHA-256) it shows."""

    def __init__(self):
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src"):
                self.targets.append(value)


def links_of(page: Path) -> list[str]:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.targets


FILE_ENTRY = re.compile(
    r'<a href="([^"]+)">(PDF|DOCX)</a> <span class="size">([^<]+)</span>\s*'
    r'<span class="sha" title="SHA-256">SHA-256: <code>([0-9a-f]{64})</code>'
)


def test_index_lists_every_order_and_every_plan_and_regulation(published):
    content, site, _ = published
    page = html.unescape((site / "index.html").read_text(encoding="utf-8"))
    departments = load([str(p) for p in sorted(content.iterdir())])
    expected_rows = 0
    for dep in departments:
        assert dep.organization.name in page
        for doc in dep.documents:
            if isinstance(doc, m.Order) and doc.amendment is None:
                assert doc.title in page
                assert f"№\u00a0{doc.number.replace(' ', chr(0xA0))}" in page
        works = {history(dep).work_of(d.id)[0].id for d in dep.documents if isinstance(d, m.Plan | m.Regulation)}
        for work in works:
            assert f'href="{Path(dep.folder).name}/{work}.html"' in page
        expected_rows += len(works) + sum(isinstance(d, m.Order) for d in dep.documents)
    rows = page.count("<tr>") - page.count("<thead><tr>")
    assert rows == expected_rows  # every order, and every work (a plan or regulation) once
    # The amending order of the bundled content brings in an illustrative edition: the
    # order says so, and the amended order's own files are not called amended.
    text = page.replace("\u00a0", " ")
    assert "(пример, не действующий документ)" in text
    assert "в ред. приказа от 15.04.2020 № 0415-09" not in text


def test_every_link_of_every_page_resolves(published):
    content, site, _ = published
    pages = sorted(site.rglob("*.html"))
    works = {
        (d.folder, history(d).work_of(doc.id)[0].id)
        for d in load([str(p) for p in sorted(content.iterdir())])
        for doc in d.documents
        if isinstance(doc, m.Plan | m.Regulation)
    }
    assert len(pages) == 1 + len(works)  # the index and a page per plan or regulation
    checked = 0
    for page in pages:
        for target in links_of(page):
            assert not re.match(r"^[a-z]+:", target), f"{page.name}: outside link {target}"
            assert (page.parent / target).resolve().is_file(), f"{page.relative_to(site)}: {target} is broken"
            checked += 1
    assert checked > 50


def test_sizes_and_checksums_shown_are_those_of_the_files(published):
    _, site, _ = published
    for page in sorted(site.rglob("*.html")):
        entries = FILE_ENTRY.findall(page.read_text(encoding="utf-8"))
        assert entries, page
        for href, label, size, sha in entries:
            target = (page.parent / href).resolve()
            data = target.read_bytes()
            assert target.suffix == "." + label.lower()
            assert hashlib.sha256(data).hexdigest() == sha
            assert size == shown_size(len(data)), (href, size, len(data))


def shown_size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{round(size / 1024)} КБ"
    return f"{size / 1024 / 1024:.1f} МБ".replace(".", ",")


def test_plan_page_shows_its_editions_and_orders(published):
    _, site, _ = published
    page = html.unescape((site / "novosibirsk" / "plan-2020.html").read_text(encoding="utf-8")).replace("\u00a0", " ")
    first, second = page.index("Редакция 1: первоначальная"), page.index("Редакция 2: с изменениями")
    assert first < second
    assert "утверждена приказом от 28.02.2020 № 0212-09 а" in page
    assert "изменения внесены приказом от 15.04.2020 № 0415-09" in page
    assert "О внесении изменений в приказ" in page
    # An illustrative edition is listed, never called the one in force: the original is.
    assert 'href="../novosibirsk/plan-2020.pdf"' in page[: page.index("Редакции")]
    assert "(пример, не действующий документ) — действующая" not in page
    assert page.count("— действующая") == 1 and "первоначальная — действующая" in page
    assert "Организационные мероприятия" in page  # the contents


def test_pdf_metadata_outline_and_archival_marks(published):
    from pypdf import PdfReader

    content, site, _ = published
    pdf = site / "noglik" / "order-2020-427.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    fields = {k: v.strip() for k, v in fields.items()}
    dep = load([str(content / "noglik")])[0]
    order = dep.document("order-2020-427")
    assert fields["Title"] == order.title
    assert fields["Author"] == dep.organization.name
    assert fields["Subject"] == f"Приказ от 09.09.2020 № {order.number}"
    assert fields["Keywords"] == f"приказ; {dep.organization.name}"
    assert fields["CreationDate"].startswith("Wed Sep  9") and "2020" in fields["CreationDate"]
    assert fields["Tagged"] == "yes" and fields["PDF version"] == "1.6"
    reader = PdfReader(str(pdf))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<pdfaid:part>2</pdfaid:part>" in xmp and html.escape(order.title, quote=False) in xmp
    assert "<xmp:CreateDate>2020-09-09T12:00:00Z</xmp:CreateDate>" in xmp
    plan = dep.document("plan-msoko")
    sections = [
        " ".join(filter(None, [i.number, i.section.title]))
        for i in plan_outline(plan)
        if isinstance(i, NumberedSection)
    ]
    bookmarks = [item.title.replace("\u00a0", " ") for item in _flatten(reader.outline)]  # titles bind their last word
    assert bookmarks[0] == order.title
    assert [b for b in bookmarks if b in sections] == sections  # each section, in order


def _flatten(outline):
    for item in outline:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item


def test_publishing_unchanged_content_again_changes_no_file(published):
    content, site, _ = published
    before = snapshot(site)
    result = run_prikaz("publish", str(content), "--site", str(site), "--force")
    assert result.returncode == 0, result.stderr
    documents = len([p for p in site.rglob("*.docx") if not p.name.endswith(".redline.docx")])
    assert "PDF: преобразовано 0" in result.stdout and f"записано 0, без изменений {documents}" in result.stdout
    assert snapshot(site) == before


def test_an_edited_plan_changes_only_its_own_files(published, tmp_path):
    content, site, _ = published
    shutil.copytree(content, tmp_path / "content")
    shutil.copytree(site, tmp_path / "site")  # copy2: times kept
    plan = tmp_path / "content" / "pogranichny" / "plan-msoko.yaml"  # no order has approved (sealed) it
    text = plan.read_text(encoding="utf-8")
    edited = text.replace("Корректировка локальных нормативных актов", "Корректировка локальных актов", 1)
    assert edited != text
    plan.write_text(edited, encoding="utf-8")
    before = snapshot(tmp_path / "site")
    result = run_prikaz("publish", str(tmp_path / "content"), "--site", str(tmp_path / "site"), "--force")
    assert result.returncode == 0, result.stderr
    after = snapshot(tmp_path / "site")
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert changed == [
        "index.html",
        "manifest.json",
        "pogranichny/plan-msoko.docx",
        "pogranichny/plan-msoko.html",
        "pogranichny/plan-msoko.pdf",
    ]
    assert "PDF: преобразовано 1" in result.stdout


def test_a_removed_document_disappears_from_the_site(published, tmp_path):
    content, site, _ = published
    shutil.copytree(content, tmp_path / "content")
    shutil.copytree(site, tmp_path / "site")
    shutil.rmtree(tmp_path / "content" / "taimyr")
    result = run_prikaz("publish", str(tmp_path / "content"), "--site", str(tmp_path / "site"), "--force")
    assert result.returncode == 0, result.stderr
    assert not list((tmp_path / "site" / "taimyr").glob("*"))
    assert "taimyr/regulation-msoko.pdf" in result.stdout  # named in the summary
    assert "Положение" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_without_libreoffice_the_site_is_left_as_it_was(published, tmp_path):
    content, site, _ = published
    shutil.copytree(site, tmp_path / "site")
    (tmp_path / "site" / "noglik" / "plan-msoko.pdf").unlink()  # so a conversion is needed
    before = snapshot(tmp_path / "site")
    result = subprocess.run(
        [str(PRIKAZ), "publish", str(content), "--site", str(tmp_path / "site"), "--force"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PATH": str(tmp_path / "empty")},
    )
    assert result.returncode == 3
    assert "LibreOffice не найден" in result.stderr and "apt-get install libreoffice-writer-nogui" in result.stderr
    assert "страницы сайта не обновлены" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(tmp_path / "site") == before


@pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)
@pytest.mark.parametrize("page,width", [("index.html", 1280), ("novosibirsk/plan-2020.html", 390)])
def test_pages_in_chromium(published, tmp_path, page, width):
    _, site, _ = published
    url = (site / page).as_uri()
    profile = tmp_path / "profile"
    dom = chromium("--dump-dom", url, profile=profile).stdout
    hrefs = re.findall(r'href="([^"]+)"', dom)
    assert hrefs and all((site / page).parent.joinpath(html.unescape(h)).resolve().is_file() for h in hrefs)
    # Checksums and sizes of the PDFs follow the LibreOffice build, not this code: the screenshot
    # is taken of a copy where they read the same on every machine.
    copy = tmp_path / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("*.pdf", "*.docx"))
    shown = copy / page
    text = re.sub(r"\b[0-9a-f]{64}\b", "0" * 64, shown.read_text(encoding="utf-8"))
    shown.write_text(re.sub(r"\d+(,\d+)? [КМ]Б", "100 КБ", text), encoding="utf-8")
    shot = tmp_path / "page.png"
    chromium(f"--window-size={width},1400", f"--screenshot={shot}", shown.as_uri(), profile=profile)
    from PIL import Image

    with Image.open(shot) as image:
        assert image.width == width
    name = f"site-{Path(page).stem}-{width}"
    assert_looks_like_reference(shot, name, min(width, 640), tmp_path)


def test_progress_is_shown_on_a_terminal_only(tmp_path):
    args = [str(PRIKAZ), "build", str(CONTENT / "novosibirsk"), "-o", str(tmp_path / "out"), "--force"]
    piped = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert piped.returncode == 0 and "[1/" not in piped.stderr
    controller, terminal = pty.openpty()
    process = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=terminal)
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        shown += chunk
    assert process.wait(timeout=120) == 0
    text = shown.decode("utf-8", "replace")
    assert "DOCX [1/4] order-2020-0212" in text and "DOCX [4/4]" in text
    assert text.rstrip().endswith("\x1b[K")  # the progress line is cleared at the end
