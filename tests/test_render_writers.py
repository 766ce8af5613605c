"""The writers' table: one signature for every format, bytes back; the PDF writer leaves nothing behind."""

from __future__ import annotations

import datetime as dt
import inspect
import io
import os
import shutil
import signal
import tempfile
from pathlib import Path

import pytest
from factories import FAKE_SOFFICE, blank_pdf, measure, plan, section

from generator import site, view
from generator.compare import ComparisonRow
from generator.errors import ToolError
from generator.render.properties import Properties, properties_of_docx
from generator.render.writers import (
    WRITERS,
    Comparison,
    Document,
    IndexPage,
    Options,
    Part,
    Redline,
    Revision,
    write,
    write_one,
    writer,
)

SOFFICE = shutil.which("soffice")
PROPS = Properties(
    "План «Мониторинг» & всё прочее", "Отдел образования", "приложение", "план; отдел", dt.date(2021, 3, 1)
)


def small_docx(text: str) -> bytes:
    doc = plan(section("Раздел первый", measure(text), measure("Семинар для педагогов")), title="План проверки")
    return write_one("docx", Document((Part("plan", view.plan_view(doc, [])),), PROPS))


def comparison(word: str) -> Comparison:
    row = ComparisonRow(
        1,
        "пункт 1.1",
        [("equal", "Провести "), ("delete", "анализ")],
        [("equal", "Провести "), ("insert", word)],
        "уточнение",
        "пункт 1.1 изложить …",
    )
    return Comparison(f"Сравнительная таблица: {word}", "к приказу № 1", [row], PROPS)


def sources(departments) -> dict[str, tuple[list, list[str]]]:
    """format → (two sources, a text each result must hold)."""
    dep = departments["novosibirsk"]
    work = site.works(dep)[0]
    old, new = small_docx("Провести анализ ВПР"), small_docx("Провести анализ ОГЭ")
    return {
        "docx": (
            [
                Document((Part("plan", view.plan_view(plan(section("А", measure(t))), [])),), PROPS)
                for t in ("Первое мероприятие", "Второе мероприятие")
            ],
            ["Первое мероприятие", "Второе мероприятие"],
        ),
        "pdf": ([old, new], ["ВПР", "ОГЭ"]),
        "comparison.docx": ([comparison("оценку"), comparison("проверку")], ["оценку", "проверку"]),
        "comparison.html": ([comparison("оценку"), comparison("проверку")], ["оценку", "проверку"]),
        "redline.docx": (
            [
                Redline(old, new, [], [], Revision("Отдел образования", dt.date(2021, 3, 1))),
                Redline(new, old, [], [], Revision("Отдел образования", dt.date(2021, 3, 1))),
            ],
            ["ОГЭ", "ВПР"],
        ),
        "html": (
            [IndexPage(site.index_rows([dep], {})), site.work_page(dep, work, {})],
            [dep.organization.name, work[0].title.split()[0]],
        ),
    }


def text_of(format: str, data: bytes) -> str:
    """What a reader sees in the file: the DOCX's text, the PDF's text layer, the page's HTML."""
    if format.endswith("docx"):  # every run's text, also inserted and deleted ones
        import zipfile

        from lxml import etree

        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            root = etree.fromstring(archive.read("word/document.xml"))
        w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        return "".join(t.text or "" for t in root.iter(f"{w}t", f"{w}delText"))
    if format == "pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    import html

    return html.unescape(data.decode("utf-8"))


def test_the_table_names_every_writer_module_once():
    assert len(set(WRITERS.values())) == len(WRITERS)
    assert {"docx", "pdf", "html"} <= set(WRITERS)


@pytest.mark.parametrize("format", WRITERS)
def test_every_writer_has_the_one_signature(format):
    parameters = list(inspect.signature(writer(format)).parameters.values())
    assert [p.name for p in parameters][1:] == ["options"] and len(parameters) == 2
    assert all(p.default is inspect.Parameter.empty for p in parameters)
    assert writer(format)([], Options()) == []  # an empty batch is no work, not an error


@pytest.mark.parametrize("format", WRITERS)
def test_every_writer_returns_the_bytes_of_each_source_in_order(format, departments):
    if format == "pdf" and SOFFICE is None:
        pytest.skip("нет LibreOffice: make setup")
    batch, expected = sources(departments)[format]
    results = write(format, batch)
    assert isinstance(results, list) and len(results) == len(batch)
    assert all(isinstance(data, bytes) and data for data in results)
    for data, text in zip(results, expected):
        assert text in text_of(format, data)
    assert results[0] != results[1]


def test_docx_and_pdf_say_the_same_properties(departments):
    data = small_docx("Провести анализ ВПР")
    assert properties_of_docx(data) == PROPS
    if SOFFICE is None:
        pytest.skip("нет LibreOffice: make setup")
    from pypdf import PdfReader

    info = PdfReader(io.BytesIO(write_one("pdf", data))).metadata
    assert (info.title, info.author, info.subject, info.keywords) == (
        PROPS.title,
        PROPS.author,
        PROPS.subject,
        PROPS.keywords,
    )
    assert info.creation_date.date() == PROPS.date


def test_a_joined_document_says_what_its_first_part_says():
    parts = tuple(Part("plan", view.plan_view(plan(section(t, measure(t))), [])) for t in ("Один", "Два"))
    data = write_one("docx", Document(parts, PROPS))
    assert properties_of_docx(data) == PROPS
    text = text_of("docx", data)
    assert text.index("Один") < text.index("Два")


# --- the PDF writer's private folder --------------------------------------------------------

HANG = 'sleep 600 & echo $! > "{dir}/child.pid"; wait'


@pytest.fixture
def private(tmp_path, monkeypatch):
    """A fake soffice first on PATH, and a temporary folder of the test's own."""
    fake, temp = tmp_path / "fake", tmp_path / "tmp"
    fake.mkdir()
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setenv("PATH", f"{fake}:{os.environ['PATH']}")
    (fake / "payload").write_bytes(blank_pdf())

    def install(ending: str) -> None:
        script = FAKE_SOFFICE.replace("{ending}", ending).format(dir=fake)
        (fake / "soffice").write_text(script)
        (fake / "soffice").chmod(0o755)

    return install, fake, temp


def dead(fake: Path) -> bool:
    """Every process the fake started is gone."""
    for name in ("soffice.pid", "child.pid"):
        if not (fake / name).exists():
            continue
        pid = int((fake / name).read_text())
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            continue
        with open(f"/proc/{pid}/stat") as f:  # a zombie waiting for its parent counts as gone
            if f.read().rsplit(")", 1)[1].split()[0] != "Z":
                return False
    return True


def output_folder(tmp_path: Path) -> tuple[Path, list[str]]:
    out = tmp_path / "out"
    out.mkdir()
    files = []
    for name in ("a", "b", "c"):
        (out / f"{name}.docx").write_bytes(small_docx(f"Мероприятие {name}"))
        files.append(str(out / f"{name}.docx"))
    return out, files


def test_a_successful_run_leaves_only_the_pdfs(private, tmp_path):
    from generator.build import write_pdfs

    install, fake, temp = private
    install("exit 0")
    out, files = output_folder(tmp_path)
    written = write_pdfs(files, 60)
    assert written == [str(Path(f).with_suffix(".pdf")) for f in files]
    assert sorted(p.name for p in out.iterdir()) == ["a.docx", "a.pdf", "b.docx", "b.pdf", "c.docx", "c.pdf"]
    assert list(temp.iterdir()) == []
    assert dead(fake)


@pytest.mark.parametrize(
    "ending, phrase",
    [
        ("exit 134", "код 134"),
        ("kill -SEGV $$", "сигнал SIGSEGV"),
        ('rm -f "$out"/00001.pdf; exit 0', "не создал PDF для документа 2 из 3"),
        (HANG, "не уложился в отведённое время"),
    ],
)
def test_a_failed_run_leaves_nothing_behind(private, tmp_path, ending, phrase):
    from generator.build import write_pdfs

    install, fake, temp = private
    install(ending)
    out, files = output_folder(tmp_path)
    (out / "b.pdf").write_bytes(b"%PDF-1.6 the previous one\n%%EOF\n")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with pytest.raises(ToolError, match=phrase):
        write_pdfs(files, 1.0)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert list(temp.iterdir()) == []
    assert dead(fake)


def test_an_interrupt_during_the_run_leaves_nothing_behind(private):
    install, fake, temp = private
    install(HANG)

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 1.5)
    try:
        with pytest.raises(KeyboardInterrupt):
            write("pdf", [small_docx("Мероприятие")], Options(pdf_timeout=60))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert list(temp.iterdir()) == []
    assert dead(fake)


@pytest.mark.skipif(SOFFICE is None, reason="нет LibreOffice: make setup")
def test_the_real_libreoffice_leaves_nothing_in_the_temporary_folder(tmp_path, monkeypatch):
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    [pdf] = write("pdf", [small_docx("Мероприятие")])
    assert pdf.startswith(b"%PDF-")
    assert list(temp.iterdir()) == []
