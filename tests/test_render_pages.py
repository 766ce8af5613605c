"""What a clerk sees on the printed page: hyphenated words, no stranded headings.

Documents go through the real LibreOffice; pages are read back with `pdftotext -raw`,
which keeps the line ends and the hyphens LibreOffice put there.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import CONTENT, run_prikaz

from generator import model as m
from generator.load import load
from generator.numbering import NumberedChapter, regulation_outline

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="нет LibreOffice: make setup")

HYPHENS = "-\u2010\u00ad"
WORD = re.compile(r"[А-Яа-яЁё]+")

# Long words of plans of measures, in columns only a few centimetres wide.
LONG_WORDS = (
    "профориентационной",
    "предварительные",
    "высокомотивированных",
    "общеобразовательных",
    "самоопределению",
    "здоровьесберегающих",
)


def raw_lines(pdf: Path, first: int | None = None, last: int | None = None) -> list[str]:
    pages = ["-f", str(first), "-l", str(last)] if first else []
    text = subprocess.run(
        ["pdftotext", "-raw", *pages, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [line.strip() for line in text.splitlines()]


def breaks(lines: list[str], vocabulary: set[str]) -> tuple[list[str], list[str]]:
    """Words split across two lines: (without a hyphen, with one).

    A split is a line ending in a piece of a word whose rest opens the next line: the two
    joined make a word of the document, while the pieces alone are not both words.
    """
    bare, hyphenated = [], []
    for line, following in zip(lines, lines[1:]):
        end = re.search(rf"([А-Яа-яЁё]+)([{HYPHENS}]?)$", line)
        start = re.match(r"[(«]?([а-яё]+)", following)
        if not end or not start:
            continue
        head, tail = end.group(1), start.group(1)
        joined = (head + tail).lower()
        if joined in vocabulary and not (head.lower() in vocabulary and tail in vocabulary):
            (hyphenated if end.group(2) else bare).append(f"{head}{end.group(2)}/{tail}")
    return bare, hyphenated


def vocabulary_of(folder: Path) -> set[str]:
    return {w.lower() for p in folder.rglob("*.yaml") for w in WORD.findall(p.read_text(encoding="utf-8"))}


def narrow_plan(folder: Path) -> Path:
    """A plan whose deadline and responsible columns hold words longer than the column."""
    folder.mkdir()
    (folder / "organization.yaml").write_text(
        "format: 1\nkind: organization\nname: Комитет по образованию\nname_genitive: комитета по образованию\n"
        "letterhead: [Комитет по образованию]\nunits:\n  - name: Руководители организаций\n",
        encoding="utf-8",
    )
    measures = "".join(
        f"      - text: Проведение мероприятий {word} направленности для обучающихся\n"
        f"        deadline: По планам {word} работы\n"
        f"        responsible: [Руководители организаций]\n"
        for word in LONG_WORDS
    )
    (folder / "plan.yaml").write_text(
        "format: 1\nkind: plan\nid: plan-narrow\ntitle: План мероприятий по развитию системы "
        "профориентационной работы на 2021-2024 годы\n"
        f"sections:\n  - title: Профориентационная работа\n    measures:\n{measures}",
        encoding="utf-8",
    )
    return folder


def test_long_words_in_a_narrow_cell_are_broken_with_a_hyphen(tmp_path):
    folder = narrow_plan(tmp_path / "org")
    result = run_prikaz("build", str(folder), "-o", str(tmp_path / "out"), "--pdf")
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "out" / "org" / "plan-narrow.pdf"
    lines = raw_lines(pdf)
    bare, hyphenated = breaks(lines, vocabulary_of(folder))
    assert bare == []
    # every long word met the 3.5 cm deadline column and had to be split somewhere
    split_words = {piece.replace("/", "").strip(HYPHENS).lower() for piece in hyphenated}
    split_words = {re.sub(rf"[{HYPHENS}]", "", w) for w in split_words}
    assert set(LONG_WORDS) <= split_words, hyphenated
    # the title is centred and bold, and is not hyphenated; its range has an en dash
    title = lines[: lines.index(next(x for x in lines if "годы" in x)) + 1]
    assert not any(line.endswith(tuple(HYPHENS)) for line in title), title
    assert "2021–2024 годы" in " ".join(title).replace("\u00a0", " ")


@pytest.fixture(scope="module")
def bundled_pdfs(built, tmp_path_factory) -> dict[str, Path]:
    from generator.render.writers import write

    folder = tmp_path_factory.mktemp("pages")
    names = ("noglik/order-2020-427.docx", "pogranichny/plan-msoko.docx", "taimyr/regulation-msoko.docx")
    pdfs = {}
    for name, data in zip(names, write("pdf", [(built / name).read_bytes() for name in names])):
        pdfs[name] = (folder / name).with_suffix(".pdf")
        pdfs[name].parent.mkdir(exist_ok=True)
        pdfs[name].write_bytes(data)
    return pdfs


def test_no_word_of_the_bundled_documents_is_broken_without_a_hyphen(bundled_pdfs):
    vocabulary = vocabulary_of(CONTENT)
    found = {name: breaks(raw_lines(pdf), vocabulary) for name, pdf in bundled_pdfs.items()}
    assert {name: bare for name, (bare, _) in found.items() if bare} == {}
    assert sum(len(hyphenated) for _, hyphenated in found.values()) > 100  # hyphenation is on


def test_no_chapter_heading_or_introducing_clause_ends_a_page(bundled_pdfs):
    """The last line of a page is never the end of a chapter title or of a clause that only
    introduces its sub-clauses (the reader would turn the page to find what it introduces)."""
    regulation = next(d for d in load([str(CONTENT / "taimyr")])[0].documents if isinstance(d, m.Regulation))
    titles = []
    for item in regulation_outline(regulation):
        if isinstance(item, NumberedChapter):
            titles.append(item.chapter.title)
        elif item.clause.clauses:
            titles.append(m.plain_text(item.clause.text))
    ends = {_tail(t) for t in titles if _tail(t)}
    pdf = bundled_pdfs["taimyr/regulation-msoko.docx"]
    pages = int(
        re.search(
            r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        ).group(1)
    )
    stranded = []
    for page in range(1, pages):
        lines = [x for x in raw_lines(pdf, page, page) if x and not x.isdigit()]
        if lines and _tail(lines[-1]) in ends:
            stranded.append((page, lines[-1]))
    assert stranded == []


def _tail(text: str) -> str:
    """The last three words of a text, as comparable keys."""
    words = WORD.findall(text.replace("\u00a0", " ").lower())
    return " ".join(words[-3:])


def varied_regulation(folder: Path, chapters: int = 90) -> tuple[Path, set[str]]:
    """A regulation whose chapters differ in length, so that page ends fall everywhere:
    somewhere a chapter title or an introducing clause would be the last line of a page."""
    import random

    rng = random.Random(7)
    folder.mkdir()
    (folder / "organization.yaml").write_text(
        "format: 1\nkind: organization\nname: Комитет по образованию\nname_genitive: комитета по образованию\n"
        "letterhead: [Комитет по образованию]\nunits:\n  - name: Комитет по образованию\n",
        encoding="utf-8",
    )
    sentence = "Организации обеспечивают проведение процедур оценки качества образования в установленные сроки. "
    short = sentence.strip() * 1 + " Сведения представляются ежеквартально в установленной форме."
    body, headings = [], set()
    for index in range(chapters):
        title = f"Порядок работы участников оценки, раздел {index + 1}"
        intro = f"Участники оценки в разделе {index + 1} выполняют следующее."
        headings |= {title, intro}
        words = (sentence * 4).split()
        filler = " ".join(words[: rng.randint(3, len(words))])
        body.append(
            f"  - title: {title}\n    clauses:\n      - text: {filler.strip()}\n"
            f"      - text: {intro}\n        clauses:\n"
            f"          - text: {short}\n          - text: {short}\n"
        )
    (folder / "regulation.yaml").write_text(
        "format: 1\nkind: regulation\nid: regulation-varied\ntitle: Положение об оценке качества образования\n"
        "chapters:\n" + "".join(body),
        encoding="utf-8",
    )
    return folder, headings


def test_headings_and_introducing_clauses_never_end_a_page(tmp_path):
    folder, headings = varied_regulation(tmp_path / "org")
    result = run_prikaz("build", str(folder), "-o", str(tmp_path / "out"), "--pdf")
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "out" / "org" / "regulation-varied.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 6
    stranded = []
    for page in range(1, pages):
        lines = [x for x in raw_lines(pdf, page, page) if x and not x.isdigit()]
        last = re.sub(r"^[\d.]+\s*", "", lines[-1]).replace("\u00a0", " ")
        if last in headings:
            stranded.append((page, last))
    assert stranded == []
