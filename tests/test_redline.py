"""The redline: the new edition's annex with Word tracked changes (prikaz diff --redline).

Checked the way a lawyer would: LibreOffice accepts (or rejects) every change and the
text, cell by cell, is the new (or old) edition's DOCX as `build` writes it; every edit of
an edition script is a tracked change on the right row, and nothing else is; a page of
the redline shows coloured insertions and deletions.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import os
import random
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT, run_prikaz
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from generator import model as m
from generator.cosmetic import split_visible
from generator.diff import diff
from generator.editions import walk
from generator.history import history
from generator.redline import built_docx, redline_docx, row_paths
from generator.render.docx import DEFAULT_TEMPLATES
from generator.render.redline_docx import Revision, redline

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LO_REVIEW = ROOT / "tools" / "lo_review.py"
# LibreOffice's UNO bridge lives in the system Python (Debian: python3-uno), not in .venv.
UNO_PYTHON = os.environ.get("PRIKAZ_UNO_PYTHON", "/usr/bin/python3")


# --- reading documents ------------------------------------------------------------------


def document_xml(data: bytes):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def blocks(data: bytes) -> list[tuple]:
    """The body as a reader sees it: ("p", text) outside tables, ("row", cell texts) in them."""
    result: list[tuple] = []
    for child in document_xml(data).find(f"{W}body"):
        if child.tag == f"{W}p":
            result.append(("p", _text(child)))
        elif child.tag == f"{W}tbl":
            for tr in child.iter(f"{W}tr"):
                result.append(("row", tuple("\n".join(_text(p) for p in tc.iter(f"{W}p")) for tc in tr.iter(f"{W}tc"))))
    return result


def text_blocks(found: list[tuple]) -> list[tuple]:
    """Blocks without empty paragraphs, which hold no text.

    Where a whole table is inserted or removed right beside another table, the empty
    spacer paragraph between them has a tracked mark that Word removes (joining the
    tables) but LibreOffice 7.4 keeps: then an empty paragraph is all that differs."""
    return [block for block in found if block != ("p", "")]


def _text(element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def reviewed(data: bytes, accept: bool) -> list[tuple]:
    """What accepting (or rejecting) every change leaves, read straight from the XML.

    The rules of WordprocessingML: an inserted run or row goes on rejection, a deleted one
    on acceptance; a paragraph whose mark goes joins the paragraph after it.
    """
    gone = f"{W}del" if accept else f"{W}ins"

    def text(p) -> str:
        return "".join(
            t.text or "" for r in p.iter(f"{W}r") if r.getparent().tag != gone for t in r.iter(f"{W}t", f"{W}delText")
        )

    def joined(paragraphs) -> list[str]:
        texts, pending = [], ""
        for p in paragraphs:
            if p.find(f"{W}pPr/{W}rPr/{gone}") is not None:
                pending += text(p)
            else:
                texts.append(pending + text(p))
                pending = ""
        return texts + ([pending] if pending else [])

    result: list[tuple] = []
    run: list = []
    for child in [*document_xml(data).find(f"{W}body"), None]:
        if child is not None and child.tag == f"{W}p":
            run.append(child)
            continue
        result += [("p", t) for t in joined(run)]
        run = []
        if child is not None and child.tag == f"{W}tbl":
            for tr in child.iter(f"{W}tr"):
                if tr.find(f"{W}trPr/{gone}") is None:
                    result.append(
                        ("row", tuple("\n".join(joined(tc.iterchildren(f"{W}p"))) for tc in tr.iter(f"{W}tc")))
                    )
    return result


def marked_paragraphs(data: bytes) -> int:
    """Paragraphs outside tables that carry any tracked change."""
    body = document_xml(data).find(f"{W}body")
    return sum(
        1
        for p in body.iterchildren(f"{W}p")
        if any(True for _ in p.iter(f"{W}ins", f"{W}del", f"{W}rPrChange", f"{W}pPrChange"))
    )


def tracked_rows(data: bytes) -> list[str]:
    """For each row below a table's header: «ins», «del», «changed» (words inside) or «same»."""
    states = []
    for tbl in document_xml(data).iter(f"{W}tbl"):
        rows = list(tbl.iter(f"{W}tr"))
        if not any(tr.find(f"{W}trPr/{W}tblHeader") is not None for tr in rows):
            continue  # the signature
        for tr in rows:
            if tr.find(f"{W}trPr/{W}tblHeader") is not None:
                continue
            if tr.find(f"{W}trPr/{W}ins") is not None:
                states.append("ins")
            elif tr.find(f"{W}trPr/{W}del") is not None:
                states.append("del")
            elif any(True for _ in tr.iter(f"{W}ins", f"{W}del", f"{W}rPrChange")):
                states.append("changed")
            else:
                states.append("same")
    return states


# --- LibreOffice ------------------------------------------------------------------------


def _uno_available() -> bool:
    if shutil.which("soffice") is None or not Path(UNO_PYTHON).exists():
        return False
    probe = subprocess.run([UNO_PYTHON, "-c", "import uno"], capture_output=True, timeout=60)
    return probe.returncode == 0


needs_uno = pytest.mark.skipif(not _uno_available(), reason="нет LibreOffice с python3-uno: make setup")


def libreoffice_review(tmp_path: Path, documents: list[bytes]) -> list[tuple[bytes, bytes]]:
    """(accepted, rejected) DOCX bytes of each document, all in one LibreOffice run."""
    args = []
    for k, data in enumerate(documents):
        source = tmp_path / f"redline-{k}.docx"
        source.write_bytes(data)
        args += [
            "accept",
            str(source),
            str(tmp_path / f"accepted-{k}.docx"),
            "reject",
            str(source),
            str(tmp_path / f"rejected-{k}.docx"),
        ]
    done = subprocess.run(
        [UNO_PYTHON, str(LO_REVIEW), "--timeout", "300", *args], capture_output=True, text=True, timeout=360
    )
    assert done.returncode == 0, done.stderr
    return [
        ((tmp_path / f"accepted-{k}.docx").read_bytes(), (tmp_path / f"rejected-{k}.docx").read_bytes())
        for k in range(len(documents))
    ]


# --- edition scripts --------------------------------------------------------------------

WORDS = (
    "организация",
    "проведение",
    "мониторинг",
    "семинар",
    "педагогов",
    "школ",
    "результатов",
    "анализ",
    "методической",
    "поддержки",
    "учителей",
    "математики",
    "отчёта",
    "сетевого",
    "взаимодействия",
    "выпускников",
    "качества",
    "оценки",
    "родителей",
    "конференции",
)
MONTHS = ("Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Сентябрь", "Октябрь", "Ноябрь", "Декабрь")


@dataclasses.dataclass
class Script:
    """What an edition script did, by path: rows expected to be inserted, deleted, changed."""

    inserted: set = dataclasses.field(default_factory=set)  # new paths
    deleted: set = dataclasses.field(default_factory=set)  # old paths
    changed: set = dataclasses.field(default_factory=set)  # new paths
    headings: int | None = 0  # renamed sections whose heading stands above a table (passport)


def _phrase(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def _measure_text(measure: m.Measure) -> str:
    return m.plain_text(measure.text)


def edit_plan(plan: m.Plan, rng: random.Random) -> tuple[m.Plan, Script]:
    """A random amended edition: measures and sub-measures inserted, measures deleted,
    reworded, list items, notes, deadlines and responsible units changed; sections
    inserted, deleted and renamed (by adding words, as clerks do), passports edited."""
    script = Script()

    def edit_measures(measures, old_path, new_path):
        result = []
        keys = [repr(x) for x in measures]
        for i, measure in enumerate(measures):
            if rng.random() < 0.07:
                result.append(
                    m.Measure(
                        text=(m.Paragraph(_phrase(rng, rng.randint(4, 12))),),
                        deadline=f"{rng.choice(MONTHS)} 2021",
                        responsible=("МОУО",),
                    )
                )
                script.inserted.add(new_path + (("measures", len(result) - 1),))
            roll = rng.random()
            if roll < 0.08 and keys.count(keys[i]) == 1:
                script.deleted.update(p for p, _ in _subtree(measure, old_path + (("measures", i),)))
                continue
            text = _measure_text(measure)
            if roll < 0.16 and len(text.split()) >= 5 and measure.text and isinstance(measure.text[0], m.Paragraph):
                words = text.split()
                k = rng.randrange(1, len(words) - 1)
                words[k] = rng.choice(WORDS)
                reworded = " ".join(words) + " " + _phrase(rng, 2).lower()
                measure = dataclasses.replace(measure, text=(m.Paragraph(reworded),) + measure.text[1:])
                script.changed.add(new_path + (("measures", len(result)),))
            elif roll < 0.24:
                deadline = f"{rng.choice(MONTHS)} {rng.randint(2021, 2024)} года"
                if deadline != measure.deadline:
                    measure = dataclasses.replace(measure, deadline=deadline)
                    script.changed.add(new_path + (("measures", len(result)),))
            elif roll < 0.28:
                measure = dataclasses.replace(measure, responsible=measure.responsible + ("ОО",))
                script.changed.add(new_path + (("measures", len(result)),))
            elif roll < 0.36 and any(isinstance(b, m.Bullets) for b in measure.text):  # a list item
                measure = dataclasses.replace(
                    measure, text=tuple(_edit_bullets(b, rng) if isinstance(b, m.Bullets) else b for b in measure.text)
                )
                script.changed.add(new_path + (("measures", len(result)),))
            elif roll < 0.4 and not measure.note:  # a note under the text: one more paragraph
                measure = dataclasses.replace(measure, note=_phrase(rng, 5))
                script.changed.add(new_path + (("measures", len(result)),))
            elif roll < 0.44:  # a sub-measure (2.3.1) under a kept measure
                child = m.Measure(text=(m.Paragraph(_phrase(rng, 7)),), deadline="Ежеквартально")
                script.inserted.add(new_path + (("measures", len(result)), ("children", len(measure.children))))
                measure = dataclasses.replace(measure, children=measure.children + (child,))
            result.append(measure)
        if rng.random() < 0.1:
            result.append(m.Measure(text=(m.Paragraph(_phrase(rng, 6)),), deadline="Декабрь 2021"))
            script.inserted.add(new_path + (("measures", len(result) - 1),))
        return tuple(result)

    def edit_sections(sections, old_path, new_path):
        result = []
        for i, section in enumerate(sections):
            if rng.random() < 0.06:  # a new section with two measures
                added = m.Section(
                    title=_phrase(rng, 3),
                    measures=tuple(
                        m.Measure(text=(m.Paragraph(_phrase(rng, 6)),), deadline="Март 2022") for _ in range(2)
                    ),
                )
                n = new_path + (("sections", len(result)),)
                script.inserted.update(p for p, _ in _subtree(added, n))
                script.headings = None  # a table of its own may bring a spacer paragraph
                result.append(added)
            o, n = old_path + (("sections", i),), new_path + (("sections", len(result)),)
            if rng.random() < 0.06 and len(sections) > 1:  # a section removed with its measures
                script.deleted.update(p for p, _ in _subtree(section, o))
                script.headings = None  # its heading, passport or spacer may go as deleted paragraphs
                continue
            if section.passport and rng.random() < 0.3:  # the passport text: paragraphs outside tables
                blocks_ = list(section.passport)
                k = rng.randrange(len(blocks_))
                blocks_[k] = dataclasses.replace(
                    blocks_[k],
                    text=tuple(_edit_bullets(b, rng) if isinstance(b, m.Bullets) else b for b in blocks_[k].text)
                    + (m.Paragraph(_phrase(rng, 8)),),
                )
                section = dataclasses.replace(section, passport=tuple(blocks_))
                script.headings = None
            if rng.random() < 0.2:
                section = dataclasses.replace(section, title=section.title + " " + _phrase(rng, 2).lower())
                if not section.passport:
                    script.changed.add(n)
                elif script.headings is not None:
                    script.headings += 1
            section = dataclasses.replace(
                section, measures=edit_measures(section.measures, o, n), sections=edit_sections(section.sections, o, n)
            )
            result.append(section)
        return tuple(result)

    new = dataclasses.replace(
        plan,
        id=plan.id + "-generated",
        sections=edit_sections(plan.sections, (), ()),
        edition=m.Edition(follows=plan.id, kind="amendment"),
    )
    return new, script


def _edit_bullets(bullets: m.Bullets, rng: random.Random) -> m.Bullets:
    """A list item added, removed or reworded."""
    items = list(bullets.items)
    roll = rng.random()
    if roll < 0.4 or not items:
        items.insert(rng.randint(0, len(items)), _phrase(rng, 6).lower() + ";")
    elif roll < 0.7 and len(items) > 1:
        items.pop(rng.randrange(len(items)))
    else:
        k = rng.randrange(len(items))
        items[k] = items[k].rstrip(";.") + " " + _phrase(rng, 2).lower() + ";"
    return dataclasses.replace(bullets, items=tuple(items))


def _subtree(node, path):
    yield path, node
    yield from walk(node, path)


def edit_regulation(regulation: m.Regulation, rng: random.Random) -> m.Regulation:
    """A random amended regulation: clauses inserted, deleted and reworded, chapters renamed."""
    chapters = []
    for chapter in regulation.chapters:
        clauses = []
        for clause in chapter.clauses:
            roll = rng.random()
            if roll < 0.06:
                clauses.append(m.Clause(text=(m.Paragraph(_phrase(rng, 10)),)))
            if roll < 0.12 and len(chapter.clauses) > 1:
                continue
            if roll < 0.2 and clause.text and isinstance(clause.text[0], m.Paragraph):
                first = clause.text[0].text + " " + _phrase(rng, 3).lower()
                clause = dataclasses.replace(clause, text=(m.Paragraph(first),) + clause.text[1:])
            clauses.append(clause)
        title = chapter.title + (" " + _phrase(rng, 2).lower() if rng.random() < 0.2 else "")
        chapters.append(dataclasses.replace(chapter, title=title, clauses=tuple(clauses)))
    return dataclasses.replace(
        regulation,
        id=regulation.id + "-generated",
        chapters=tuple(chapters),
        edition=m.Edition(follows=regulation.id, kind="amendment"),
    )


def with_edition(dep: m.Department, doc) -> m.Department:
    return dataclasses.replace(dep, documents=dep.documents + (doc,))


PLANS = [("noglik", "plan-msoko"), ("pogranichny", "plan-msoko"), ("novosibirsk", "plan-2020")]


def generated_pairs(departments, seeds) -> list[tuple]:
    """(department, old, new, script) for edition scripts on every bundled plan."""
    pairs = []
    for seed in seeds:
        folder, doc_id = PLANS[seed % len(PLANS)]
        dep = departments[folder]
        old = dep.document(doc_id)
        new, script = edit_plan(old, random.Random(seed))
        pairs.append((with_edition(dep, new), old, new, script))
    return pairs


def script_of(changes) -> Script:
    """The rows a list of changes of the structural diff touches."""
    return Script(
        inserted={p for c in changes if c.kind == "added" for p, _ in _subtree(c.new, c.new_path)},
        deleted={p for c in changes if c.kind == "removed" for p, _ in _subtree(c.old, c.old_path)},
        changed={c.new_path for c in changes if c.kind == "changed"},
    )


def runs(states: list[str]) -> list:
    """Kept rows in order, with the numbers of removed and added rows between them.

    Where removed and added rows meet, either order is right (accepting and rejecting
    check each side's order): only their counts are compared."""
    result: list = [(0, 0)]
    for state in states:
        if state in ("del", "ins"):
            deleted, inserted = result[-1]
            result[-1] = (deleted + (state == "del"), inserted + (state == "ins"))
        else:
            result += [state, (0, 0)]
    return result


def expected_states(old, new, script: Script, kept: dict | None = None) -> list[str]:
    """The row states a correct redline has, in the order of its rows.

    `kept` (new path → old path, the diff's) names the one kept node that is no kept row:
    a section that gained or lost its passport, whose heading is a paragraph above its
    table in one edition and a row in the other. A paragraph cannot become a row, so that
    row is added (or removed) whatever the diff says of the section's title."""
    old_rows, new_rows = row_paths(old), row_paths(new)
    kept = kept or {}
    row_changed_form = {p for p in new_rows if p in kept and kept[p] not in old_rows}
    row_changed_form |= {q for q in old_rows if q in kept.values() and q not in {kept.get(p) for p in new_rows}}
    states = []
    i = j = 0
    # Deleted rows stand at their old place: before the first row that follows them in
    # the old edition. Walk both editions' rows like a merge.
    while i < len(old_rows) or j < len(new_rows):
        if i < len(old_rows) and (old_rows[i] in script.deleted or old_rows[i] in row_changed_form):
            states.append("del")
            i += 1
        elif j < len(new_rows) and (new_rows[j] in script.inserted or new_rows[j] in row_changed_form):
            states.append("ins")
            j += 1
        else:
            states.append("changed" if new_rows[j] in script.changed else "same")
            i, j = i + 1, j + 1
    return states


# --- tests ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled_pair(departments):
    dep = departments["novosibirsk"]
    old, new = dep.document("plan-2020"), dep.document("plan-2020-ed2")
    return (
        redline_docx(dep, old, new, DEFAULT_TEMPLATES),
        built_docx(dep, old, DEFAULT_TEMPLATES),
        built_docx(dep, new, DEFAULT_TEMPLATES),
    )


def test_bundled_pair_carries_every_change_of_the_amending_order(departments, bundled_pair):
    from generator.amend import compose

    data, old_docx, new_docx = bundled_pair
    dep = departments["novosibirsk"]
    old, new = dep.document("plan-2020"), dep.document("plan-2020-ed2")
    # Every change the amending order of 15.04.2020 names, on the row it names.
    named = [c for item in compose(dep, history(dep).amending_order(new.id)).items for c in item.changes]
    script = script_of(named)
    assert len(named) >= 9
    states = tracked_rows(data)
    assert runs(states) == runs(expected_states(old, new, script))
    assert states.count("ins") == 2 and states.count("del") == 1 and states.count("changed") == 6
    xml = document_xml(data)
    deleted = "".join(t.text for t in xml.iter(f"{W}delText"))
    inserted = "".join(t.text for ins in xml.iter(f"{W}ins") for t in ins.iter(f"{W}t"))
    assert "Корректировка системы мероприятий в рамках ВСОКО" in deleted
    assert "МКУДПО" in deleted and "МАУ ДО" in inserted
    assert "Март" in deleted and "Апрель" in inserted and "Поведение" in deleted
    # Author and date on every change: the organization and the amending order's date.
    marks = list(xml.iter(f"{W}ins", f"{W}del"))
    assert {mark.get(f"{W}author") for mark in marks} == {"Департамент образования мэрии города Новосибирска"}
    assert {mark.get(f"{W}date") for mark in marks} == {"2020-04-15T00:00:00Z"}
    ids = [mark.get(f"{W}id") for mark in xml.iter(f"{W}ins", f"{W}del", f"{W}rPrChange", f"{W}pPrChange")]
    assert len(ids) == len(set(ids))
    assert reviewed(data, accept=True) == blocks(new_docx)
    assert reviewed(data, accept=False) == blocks(old_docx)


def test_numbers_are_untouched_unless_they_changed(bundled_pair):
    data, _, _ = bundled_pair
    xml = document_xml(data)
    for tr in xml.iter(f"{W}tr"):
        first = tr.find(f"{W}tc")
        whole_row = tr.find(f"{W}trPr/{W}ins") is not None or tr.find(f"{W}trPr/{W}del") is not None
        if not whole_row:
            assert not list(first.iter(f"{W}ins", f"{W}del")), _text(first)


@needs_uno
def test_bundled_pair_accept_and_reject_all_in_libreoffice(bundled_pair, tmp_path):
    data, old_docx, new_docx = bundled_pair
    [(accepted, rejected)] = libreoffice_review(tmp_path, [data])
    assert blocks(accepted) == blocks(new_docx)
    assert blocks(rejected) == blocks(old_docx)


@functools.cache
def bundled_departments() -> dict[str, m.Department]:
    """Loaded once; not a fixture argument, so that hypothesis reports only the seed."""
    from generator.load import load

    return {Path(d.folder).name: d for d in load([str(p) for p in sorted(CONTENT.iterdir())])}


@settings(max_examples=25)
@given(seed=st.integers(0, 2**32 - 1))
def test_generated_editions_accept_and_reject_give_the_two_editions(seed):
    [(dep, old, new, script)] = generated_pairs(bundled_departments(), [seed])
    data = redline_docx(dep, old, new, DEFAULT_TEMPLATES)
    if script.headings is not None:
        assert marked_paragraphs(data) == script.headings
    assert text_blocks(reviewed(data, accept=True)) == text_blocks(blocks(built_docx(dep, new, DEFAULT_TEMPLATES)))
    assert text_blocks(reviewed(data, accept=False)) == text_blocks(blocks(built_docx(dep, old, DEFAULT_TEMPLATES)))


# Seeds where the diff once paired a section put in the place of a removed one with it
# (a rewrite in place: the redline then added the new heading row the diff called changed).
REPLACED_SECTION_SEEDS = [154, 4480486, 3280387012, 2879396074]


def assert_rows_follow_the_diff(seed: int) -> None:
    [(dep, old, new, script)] = generated_pairs(bundled_departments(), [seed])
    data = redline_docx(dep, old, new, DEFAULT_TEMPLATES)
    # Each visible change of the structural diff (what the amending order names) on its row;
    # typing-only edits (a hyphen for a dash, quotes) print the same: no tracked change.
    found = diff(old, new)
    visible, _ = split_visible(found.changes)
    assert runs(tracked_rows(data)) == runs(expected_states(old, new, script_of(visible), found.kept))


@pytest.mark.parametrize("seed", [*range(40), *REPLACED_SECTION_SEEDS])
def test_generated_editions_every_change_tracked_at_its_place(seed):
    assert_rows_follow_the_diff(seed)


@settings(max_examples=200)
@given(seed=st.integers(0, 2**32 - 1))
def test_generated_editions_every_change_tracked_at_its_place_for_any_seed(seed):
    assert_rows_follow_the_diff(seed)


def test_a_section_that_loses_its_passport_has_its_heading_removed_and_its_row_added(departments):
    """The diff keeps the section (its passport blocks removed); its heading, a paragraph
    above its table, becomes a row: the paragraph is deleted, the row inserted."""
    dep = departments["pogranichny"]
    old = dep.document("plan-msoko")
    k = next(k for k, section in enumerate(old.sections) if section.passport)
    sections = list(old.sections)
    sections[k] = dataclasses.replace(sections[k], passport=())
    new = dataclasses.replace(
        old, id=old.id + "-generated", sections=tuple(sections), edition=m.Edition(follows=old.id, kind="amendment")
    )
    dep = with_edition(dep, new)
    found = diff(old, new)
    assert found.kept[(("sections", k),)] == (("sections", k),)
    assert {c.kind for c in found.changes} - {"document"} == {"removed"}  # the passport blocks only
    data = redline_docx(dep, old, new, DEFAULT_TEMPLATES)
    assert tracked_rows(data).count("ins") == 1 and set(tracked_rows(data)) == {"ins", "same"}
    assert runs(tracked_rows(data)) == runs(expected_states(old, new, script_of(found.changes), found.kept))
    opening = " ".join(sections[k].title.split()[:4])
    heading = next(
        b
        for b in blocks(built_docx(dep, old, DEFAULT_TEMPLATES))
        if b[0] == "p" and b[1].partition(". ")[2].startswith(opening)
    )
    assert heading in reviewed(data, accept=False) and heading not in reviewed(data, accept=True)
    assert text_blocks(reviewed(data, accept=True)) == text_blocks(blocks(built_docx(dep, new, DEFAULT_TEMPLATES)))
    assert text_blocks(reviewed(data, accept=False)) == text_blocks(blocks(built_docx(dep, old, DEFAULT_TEMPLATES)))


@needs_uno
def test_generated_editions_accept_and_reject_all_in_libreoffice(departments, tmp_path):
    pairs = generated_pairs(departments, range(100, 108))
    dep = departments["taimyr"]
    regulation = dep.document("regulation-msoko")
    for seed in (1, 2):
        new = edit_regulation(regulation, random.Random(seed))
        pairs.append((with_edition(dep, new), regulation, new, None))
    redlines = [redline_docx(dep, old, new, DEFAULT_TEMPLATES) for dep, old, new, _ in pairs]
    for (dep, old, new, _), (accepted, rejected) in zip(pairs, libreoffice_review(tmp_path, redlines)):
        assert text_blocks(blocks(accepted)) == text_blocks(blocks(built_docx(dep, new, DEFAULT_TEMPLATES))), new.id
        assert text_blocks(blocks(rejected)) == text_blocks(blocks(built_docx(dep, old, DEFAULT_TEMPLATES))), old.id


def test_formatting_change_is_a_format_change_not_a_rewrite():
    from docx import Document

    def made(bold: bool, extra: str = "") -> bytes:
        document = Document()
        paragraph = document.add_paragraph()
        lead = paragraph.add_run("Цель:")
        if bold:
            lead.bold = True
        paragraph.add_run(" повышение качества образования" + extra)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()

    data = redline(made(False), made(True, " в школах"), [], [], Revision("Отдел образования", m_date()))
    xml = document_xml(data)
    changes = list(xml.iter(f"{W}rPrChange"))
    assert len(changes) == 1
    run = changes[0].getparent().getparent()
    assert _text(run) == "Цель:" and run.find(f"{W}rPr/{W}b") is not None
    assert changes[0].find(f"{W}rPr/{W}b") is None  # the old formatting: not bold
    assert ["".join(t.text for t in ins.iter(f"{W}t")) for ins in xml.iter(f"{W}ins")] == [" в школах"]
    assert not list(xml.iter(f"{W}del"))


def m_date():
    import datetime as dt

    return dt.date(2021, 3, 1)


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
    reason="нет LibreOffice или poppler: make setup",
)
def test_a_page_of_the_redline_shows_coloured_changes(bundled_pair, tmp_path):
    from PIL import Image

    from generator.render.writers import write_one

    data, _, _ = bundled_pair
    pdf = str(tmp_path / "plan-2020-ed2.redline.pdf")
    Path(pdf).write_bytes(write_one("pdf", data))
    # Page 2 holds the changed deadline, the removed measure 5 and the renamed school.
    subprocess.run(
        ["pdftoppm", "-r", "80", "-f", "2", "-l", "2", "-png", pdf, str(tmp_path / "page")], check=True, timeout=120
    )
    [png] = sorted(tmp_path.glob("page*.png"))
    image = Image.open(png).convert("RGB")
    pixels = image.tobytes()
    coloured = sum(1 for k in range(0, len(pixels), 3) if max(pixels[k : k + 3]) - min(pixels[k : k + 3]) > 60)
    assert coloured > 500, coloured  # struck and underlined words in the author's colour


def test_cli_writes_the_redline_beside_the_comparison_table(tmp_path):
    done = run_prikaz(
        "diff",
        str(CONTENT / "novosibirsk" / "plan-2020.yaml"),
        str(CONTENT / "novosibirsk" / "plan-2020-ed2.yaml"),
        "--redline",
        "-o",
        str(tmp_path),
    )
    assert done.returncode == 0, done.stderr
    written = tmp_path / "novosibirsk" / "plan-2020-ed2.redline.docx"
    assert "plan-2020-ed2.redline.docx — исправления: строк добавлено 2, исключено 1;" in done.stdout
    assert tracked_rows(written.read_bytes()).count("del") == 1


def test_cli_without_redline_writes_no_redline(tmp_path):
    done = run_prikaz(
        "diff",
        str(CONTENT / "novosibirsk" / "plan-2020.yaml"),
        str(CONTENT / "novosibirsk" / "plan-2020-ed2.yaml"),
        "-o",
        str(tmp_path),
    )
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "novosibirsk" / "plan-2020-ed2.redline.docx").exists()


def test_site_links_each_amended_edition_to_its_redline(departments, tmp_path):
    import json

    from generator.publish import publish

    dep = departments["novosibirsk"]
    publish([dep], str(tmp_path), convert=lambda paths: [])  # pages and DOCX; PDFs are not the point
    redline_file = tmp_path / "novosibirsk" / "plan-2020-ed2.redline.docx"
    assert tracked_rows(redline_file.read_bytes()).count("ins") == 2
    page = (tmp_path / "novosibirsk" / "plan-2020.html").read_text(encoding="utf-8")
    assert page.count(".redline.docx") == 1  # the first edition follows none
    assert 'href="../novosibirsk/plan-2020-ed2.redline.docx"' in page
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert "novosibirsk/plan-2020-ed2.redline.docx" in manifest["files"]


def test_cli_redline_with_the_departments_own_templates(tmp_path):
    """A department's templates folder lays out the redline as it lays out `build`."""
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    edited_template = templates / "roadmaps" / "plan.docx"
    with zipfile.ZipFile(edited_template) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    # The department renamed a column heading style: its name shows in the redline's XML.
    parts["word/document.xml"] = parts["word/document.xml"].replace(b'w:val="ColumnHead"', b'w:val="Cell"')
    with zipfile.ZipFile(edited_template, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    pair = CONTENT / "novosibirsk" / "plan-2020.yaml", CONTENT / "novosibirsk" / "plan-2020-ed2.yaml"
    args = ["diff", *map(str, pair), "--redline", "-o"]
    own = run_prikaz(*args, str(tmp_path / "own"), "--templates", str(templates))
    bundled = run_prikaz(*args, str(tmp_path / "bundled"))
    assert own.returncode == 0 and bundled.returncode == 0, own.stderr + bundled.stderr

    def xml_of(folder: str) -> bytes:
        path = tmp_path / folder / "novosibirsk" / "plan-2020-ed2.redline.docx"
        return etree.tostring(document_xml(path.read_bytes()))

    assert b'w:val="ColumnHead"' in xml_of("bundled") and b'w:val="ColumnHead"' not in xml_of("own")
