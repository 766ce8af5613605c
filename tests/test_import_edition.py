"""`prikaz import EDITED.docx --edition-of PLAN.yaml`: a clerk edits the annex in Word, prikaz
writes the next edition, and the diff names exactly the clerk's edits.

The edits are scripted with python-docx the way a clerk makes them (a deadline changed, a
row inserted after another, a row deleted, a text rewritten, a unit renamed everywhere),
then the file goes through LibreOffice once. The expected changes are derived from the
script, never written out by hand.
"""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import CONTENT, run_prikaz
from docx import Document
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import model as m
from generator.diff import diff
from generator.editions import path_numbers, walk
from generator.history import numbers_of
from generator.typography import typeset

BUNDLED = ["noglik/plan-msoko", "novosibirsk/plan-2020", "novosibirsk/plan-2020-ed2", "pogranichny/plan-msoko"]
NEW_UNIT = "Управление образования и молодёжной политики"
NEW_TEXT = "Проведение муниципального конкурса методических разработок для молодых педагогов"
REWRITTEN = "Организация стажировочных площадок на базе школ с устойчиво высокими результатами"
NEW_DEADLINE = "до 15 декабря 2021 года"
soffice = shutil.which("soffice") or shutil.which("libreoffice")


# --- the folder, the DOCX and its rows ------------------------------------------------------


def copy_folder(tmp_path: Path, org: str) -> Path:
    folder = tmp_path / "content" / org
    shutil.copytree(CONTENT / org, folder)
    return folder


def build_annex(folder: Path, plan_file: Path, out: Path) -> Path:
    done = run_prikaz("build", str(plan_file), "-o", str(out), "--force")
    assert done.returncode == 0, done.stderr
    return out / folder.name / (plan_file.stem + ".docx")


def load_plan(folder: Path, doc_id: str):
    from generator.load import load_folder

    dep = load_folder(str(folder), check_seals=False)
    return dep, dep.document(doc_id)


@dataclass
class Row:
    tr: object  # the table row's XML element
    path: tuple  # the measure's path in the old edition
    measure: m.Measure
    number: str


def measure_rows(document, dep, plan) -> list[Row]:
    """Table rows of the measures, in order, paired with the measures they print."""
    measures = [(p, node) for p, node in walk(plan) if isinstance(node, m.Measure)]
    numbers = numbers_of(dep, plan)
    rows = []
    for table in document.tables:
        for tr in table._tbl.tr_lst:
            cells = tr.findall(qn("w:tc"))
            header = tr.trPr is not None and tr.trPr.find(qn("w:tblHeader")) is not None
            if len(cells) == 4 and not header:
                rows.append(tr)
    assert len(rows) == len(measures)
    return [Row(tr, p, node, numbers.get(p) or "") for tr, (p, node) in zip(rows, measures)]


def cells(tr) -> list:
    return tr.findall(qn("w:tc"))


def set_cell(tc, text: str) -> None:
    """Type over a cell: the first paragraph's first run gets the text, the rest goes."""
    paragraphs = tc.findall(qn("w:p"))
    for p in paragraphs[1:]:
        tc.remove(p)
    runs = paragraphs[0].findall(qn("w:r"))
    for r in runs[1:]:
        paragraphs[0].remove(r)
    if not runs:
        from docx.oxml import OxmlElement

        runs = [OxmlElement("w:r")]
        paragraphs[0].append(runs[0])
    for t in runs[0].findall(qn("w:t")) + runs[0].findall(qn("w:br")):
        runs[0].remove(t)
    from docx.oxml import OxmlElement

    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    runs[0].append(t)


def cell_text(tc) -> str:
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.findall(qn("w:p")))


def replace_in_cell(tc, pattern: re.Pattern, new: str) -> bool:
    """Replace within each paragraph, as Word's «Replace all» does; False if nothing matched."""
    changed = False
    for p in tc.findall(qn("w:p")):
        ts = list(p.iter(qn("w:t")))
        text = "".join(t.text or "" for t in ts)
        replaced = pattern.sub(new, text)
        if replaced != text and ts:
            ts[0].text = replaced
            ts[0].set(qn("xml:space"), "preserve")
            for t in ts[1:]:
                t.text = ""
            changed = True
    return changed


def through_libreoffice(path: Path, work: Path) -> Path:
    """Open and save once in LibreOffice (DOCX to DOCX), as a clerk's office suite would."""
    out = work / "resaved"
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="prikaz-test-lo-") as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "docx:MS Word 2007 XML",
                "--outdir",
                str(out),
                str(path),
            ],
            check=True,
            capture_output=True,
            timeout=240,
        )
    return out / path.name


def import_edition(edited: Path, plan_file: Path, *extra: str, cwd: Path):
    return run_prikaz("import", str(edited), "--edition-of", str(plan_file), *extra, cwd=cwd)


# --- the scripted edits and the changes they must give ----------------------------------------


@dataclass
class Expected:
    changed: dict = field(default_factory=dict)  # old path → names of changed fields
    removed: set = field(default_factory=set)
    added: list = field(default_factory=list)  # (old container, list name, anchor index, text)


def stem(number: str) -> str:
    return number.strip().rstrip(".")


def clerk_edits(rows: list[Row], separator: str) -> tuple[Expected, str]:
    """Edit rows the way a clerk does; return the changes that must come out, and the unit renamed."""
    expected = Expected()
    count = len(rows)

    def inside(k: int) -> bool:  # a row with rows of its own list on both sides
        return 0 < k < count - 1 and rows[k - 1].path[:-1] == rows[k].path[:-1] == rows[k + 1].path[:-1]

    # after 2.7, or (other numbering) the first row from the seventh on that is not last in its list
    anchor = next((k for k, r in enumerate(rows) if stem(r.number) == "2.7" and inside(k)), None)
    if anchor is None:
        anchor = next(k for k in range(min(6, count - 2), count - 1) if inside(k))
    taken = {anchor, anchor + 1}

    def pick(k: int, where=lambda k: True) -> int:
        while k in taken or k - 1 in taken or k + 1 in taken or not where(k):
            k = (k + 1) % count
        taken.add(k)
        return k

    # a row rewritten at the very end of its list reads as removed and added (diff.py, step 4)
    deadline_at, delete_at, rewrite_at = pick(count // 5), pick(count // 2), pick(count * 3 // 4, inside)
    # a unit to rename: the most frequent one in the responsible column
    frequency: dict[str, int] = {}
    for r in rows:
        for unit in r.measure.responsible:
            frequency[unit] = frequency.get(unit, 0) + 1
    unit = max((u for u in frequency if typeset(u) == u), key=lambda u: (frequency[u], u))
    pattern = re.compile(rf"(?<!\w){re.escape(unit)}(?!\w)")

    row = rows[deadline_at]
    set_cell(cells(row.tr)[2], NEW_DEADLINE)
    expected.changed.setdefault(row.path, set()).add("deadline")

    row = rows[rewrite_at]
    set_cell(cells(row.tr)[1], REWRITTEN)
    expected.changed.setdefault(row.path, set()).add("text")

    for r in rows:
        if replace_in_cell(cells(r.tr)[3], pattern, NEW_UNIT) and r is not rows[delete_at]:
            expected.changed.setdefault(r.path, set()).add("responsible")

    row = rows[anchor]
    inserted = copy.deepcopy(row.tr)
    row.tr.addnext(inserted)
    dot = "." if row.number.endswith(".") else ""
    set_cell(cells(inserted)[0], stem(row.number) + ".1" + dot)
    set_cell(cells(inserted)[1], NEW_TEXT)
    set_cell(cells(inserted)[2], "Сентябрь 2021")
    set_cell(cells(inserted)[3], NEW_UNIT)
    expected.added.append((row.path[:-1], row.path[-1][0], row.path[-1][1], NEW_TEXT))

    row = rows[delete_at]
    row.tr.getparent().remove(row.tr)
    expected.removed.add(row.path)
    expected.changed.pop(row.path, None)
    return expected, unit


def edits(old, new) -> list:
    """The changes of a diff that are edits: not the new edition's own id and history."""
    return [c for c in diff(old, new).changes if c.kind != "document" or c.fields]


def actual_changes(old, new) -> Expected:
    changes = diff(old, new)
    actual = Expected()
    for change in changes.changes:
        if change.kind == "changed":
            actual.changed[change.old_path] = {f.name for f in change.fields}
        elif change.kind == "removed":
            actual.removed.add(change.old_path)
        elif change.kind == "added":
            actual.added.append((change.container, change.list_name, change.anchor, m.plain_text(change.new.text)))
        elif change.fields:  # the document's own fields; the edition's id and history are no edit
            actual.changed[change.old_path] = {f.name for f in change.fields}
    return actual


def assert_same(actual: Expected, expected: Expected) -> None:
    assert actual.removed == expected.removed
    assert actual.added == expected.added
    assert actual.changed == expected.changed


# --- per bundled plan ------------------------------------------------------------------------


@pytest.mark.skipif(soffice is None, reason="LibreOffice не установлен")
@pytest.mark.parametrize("name", BUNDLED)
def test_clerk_edits_come_back_as_exactly_those_changes(tmp_path, name):
    org, stem_name = name.split("/")
    folder = copy_folder(tmp_path, org)
    plan_file = folder / f"{stem_name}.yaml"
    dep, old = load_plan(folder, stem_name)
    built = build_annex(folder, plan_file, tmp_path / "out")
    document = Document(str(built))
    expected, unit = clerk_edits(measure_rows(document, dep, old), old.responsible_separator)
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    resaved = through_libreoffice(edited, tmp_path)

    done = import_edition(resaved, plan_file, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    new_files = {p.stem for p in folder.glob("*.yaml")} - {d.id for d in dep.documents} - {"organization"}
    assert len(new_files) == 1
    dep2, new = load_plan(folder, new_files.pop())
    assert new.edition.follows == old.id and new.edition.kind == "amendment"
    assert_same(actual_changes(old, new), expected)
    # the inserted row takes a suffix number after its anchor; the others keep theirs
    numbers = numbers_of(dep2, new)
    old_numbers = numbers_of(dep2, old)
    container, list_name, anchor, _text = expected.added[0]
    anchor_number = old_numbers[container + ((list_name, anchor),)]
    added = next(p for p, node in walk(new) if isinstance(node, m.Measure) and m.plain_text(node.text) == NEW_TEXT)
    assert stem(numbers[added]) == stem(anchor_number) + ".1"
    # the renamed unit joined the registry, the rest of organization.yaml is as it was
    assert NEW_UNIT in {u.name for u in dep2.organization.units}
    assert (
        (folder / "organization.yaml")
        .read_text(encoding="utf-8")
        .startswith((CONTENT / org / "organization.yaml").read_text(encoding="utf-8").rstrip("\n").rsplit("\n", 1)[0])
    )
    assert "изменено" in done.stdout and "исключено: 1" in done.stdout and "добавлено: 1" in done.stdout


@pytest.mark.skipif(soffice is None, reason="LibreOffice не установлен")
@pytest.mark.parametrize("name", ["novosibirsk/plan-2020", "pogranichny/plan-msoko"])
def test_typography_of_an_office_resave_is_no_change(tmp_path, name):
    """Straight quotes, hyphens for dashes, ordinary spaces, «е» for «ё»: an empty diff."""
    org, stem_name = name.split("/")
    folder = copy_folder(tmp_path, org)
    plan_file = folder / f"{stem_name}.yaml"
    dep, old = load_plan(folder, stem_name)
    document = Document(str(build_annex(folder, plan_file, tmp_path / "out")))
    for t in document.element.body.iter(qn("w:t")):
        if t.text:
            t.text = (
                t.text.replace("«", '"').replace("»", '"').replace("–", "-").replace("\u00a0", " ").replace("ё", "е")
            )
    edited = tmp_path / "retyped.docx"
    document.save(str(edited))
    done = import_edition(through_libreoffice(edited, tmp_path), plan_file, "--id", "plan-same", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    _dep, new = load_plan(folder, "plan-same")
    assert edits(old, new) == []
    assert "изменений нет" in done.stdout


def test_rows_renumbered_by_hand_keep_their_numbers(tmp_path):
    folder = copy_folder(tmp_path, "noglik")
    plan_file = folder / "plan-msoko.yaml"
    dep, old = load_plan(folder, "plan-msoko")
    document = Document(str(build_annex(folder, plan_file, tmp_path / "out")))
    rows = measure_rows(document, dep, old)
    gone = 3
    section = rows[gone].path[:-1]
    following = [r for r in rows[gone + 1 :] if r.path[:-1] == section]
    for before, row in zip([rows[gone], *following], following):  # the clerk closes the gap
        set_cell(cells(row.tr)[0], before.number)
    rows[gone].tr.getparent().remove(rows[gone].tr)
    edited = tmp_path / "renumbered.docx"
    document.save(str(edited))
    done = import_edition(edited, plan_file, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    dep2, new = load_plan(folder, "plan-msoko-ed2")
    changes = diff(old, new)
    assert [(c.kind, c.old_path) for c in edits(old, new)] == [("removed", rows[gone].path)]
    numbers, old_numbers = numbers_of(dep2, new), numbers_of(dep2, old)
    assert all(numbers[new_path] == old_numbers[old_path] for new_path, old_path in changes.kept.items())
    assert "перенумерованы вручную" in done.stdout and f"({len(following)})" in done.stdout


def test_a_file_of_another_plan_is_refused_and_nothing_written(tmp_path):
    folder = copy_folder(tmp_path, "noglik")
    other = copy_folder(tmp_path, "pogranichny")
    before = sorted(p.name for p in folder.iterdir())
    organization = (folder / "organization.yaml").read_bytes()
    foreign = build_annex(other, other / "plan-msoko.yaml", tmp_path / "out")
    done = import_edition(
        foreign, folder / "plan-msoko.yaml", "--order", str(folder / "order-2020-427.yaml"), cwd=tmp_path
    )
    assert done.returncode == 2
    assert "это не редакция плана «plan-msoko»" in done.stderr and "не удалось сопоставить строки" in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in folder.iterdir()) == before
    assert (folder / "organization.yaml").read_bytes() == organization
    assert not (tmp_path / "output").exists()


def test_with_order_the_amendment_order_names_the_edits(tmp_path):
    folder = copy_folder(tmp_path, "noglik")
    plan_file = folder / "plan-msoko.yaml"
    dep, old = load_plan(folder, "plan-msoko")
    document = Document(str(build_annex(folder, plan_file, tmp_path / "out")))
    rows = measure_rows(document, dep, old)
    set_cell(cells(rows[5].tr)[2], NEW_DEADLINE)
    edited = tmp_path / "one-edit.docx"
    document.save(str(edited))
    order = tmp_path / "order-2021-15.yaml"
    order.write_text(
        'format: 1\nkind: order\nid: order-2021-15\ndate: 2021-03-01\nnumber: "15"\n'
        "amendment: {old: plan-msoko, new: plan-msoko-ed2}\n"
        "points:\n  - Контроль исполнения приказа оставляю за собой.\nsignatory: renkevich\n",
        encoding="utf-8",
    )
    done = import_edition(edited, plan_file, "--order", str(order), "-o", str(tmp_path / "orders"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    written = tmp_path / "orders" / "noglik" / "order-2021-15.docx"
    order_docx = Document(str(written))
    text = "\n".join(
        [p.text for p in order_docx.paragraphs]
        + [c.text for t in order_docx.tables for row in t.rows for c in row.cells]
    )
    assert "О внесении изменения" in text
    number = stem(rows[5].number)
    assert re.search(rf"пункт\w* {re.escape(number)}\b", text)  # «пункта 1.6», «Пункт 1.6 …», «в пункте 1.6»
    assert typeset(NEW_DEADLINE) in text.replace("\u00a0", " ") or NEW_DEADLINE in text


# --- a department's own Word file of the same plan ---------------------------------------------


def own_word_file(plan: m.Plan, numbers: dict, target: Path) -> list[tuple[tuple, object]]:
    """The plan typed by a department in Word: its own header wording, straight quotes and
    hyphens, one table with section rows merged, numbers typed by hand. Rows → measure paths."""
    document = Document()
    document.add_paragraph("ПЛАН").runs[0].bold = True
    document.add_paragraph(plan.title.replace("«", '"').replace("»", '"'))
    table = document.add_table(rows=1, cols=4)
    for cell, title in zip(table.rows[0].cells, ("№ п/п", "Содержание мероприятия", "Срок", "Исполнитель")):
        cell.text = title
    rows = []

    def plain(text: str) -> str:
        return text.replace("«", '"').replace("»", '"').replace("–", "-").replace("ё", "е")

    for path, node in walk(plan):
        if isinstance(node, m.Section):
            row = table.add_row()
            merged = row.cells[0].merge(row.cells[3])
            number = numbers.get(path)
            merged.text = f"{stem(number)}. {plain(node.title)}" if number else plain(node.title)
            merged.paragraphs[0].runs[0].bold = True
        elif isinstance(node, m.Measure):
            row = table.add_row()
            values = (
                numbers.get(path) or "",
                plain(m.plain_text(node.text)),
                plain(node.deadline or ""),
                plain(", ".join(node.responsible)),
            )
            for cell, value in zip(row.cells, values):
                cell.text = value
            rows.append((path, node, row._tr))
    document.save(str(target))
    return rows


@pytest.mark.parametrize("name", ["noglik/plan-msoko", "novosibirsk/plan-2020"])
def test_a_departments_own_word_file(tmp_path, name):
    org, stem_name = name.split("/")
    folder = copy_folder(tmp_path, org)
    plan_file = folder / f"{stem_name}.yaml"
    dep, old = load_plan(folder, stem_name)
    own = tmp_path / "own.docx"
    own_word_file(old, numbers_of(dep, old), own)
    done = import_edition(own, plan_file, "--id", "plan-same", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert edits(old, load_plan(folder, "plan-same")[1]) == []

    document = Document(str(own))
    rows = [
        Row(tr, path, node, numbers_of(dep, old).get(path) or "")
        for tr in document.tables[0]._tbl.tr_lst[1:]
        if len(cells(tr)) == 4
        for path, node in [_measure_of(tr, old, dep)]
    ]
    expected, _unit = clerk_edits(rows, old.responsible_separator)
    edited = tmp_path / "own-edited.docx"
    document.save(str(edited))
    done = import_edition(edited, plan_file, "--id", "plan-edited", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert_same(actual_changes(old, load_plan(folder, "plan-edited")[1]), expected)


def _measure_of(tr, plan, dep):
    """The measure a row of the department's file prints (rows are in the plan's order)."""
    measures = [(p, node) for p, node in walk(plan) if isinstance(node, m.Measure)]
    table = tr.getparent()
    data = [r for r in table.findall(qn("w:tr"))[1:] if len(r.findall(qn("w:tc"))) == 4]
    return measures[data.index(tr)]


# --- a property: random edit scripts on a small generated plan ---------------------------------

WORDS = (
    "организация",
    "проведение",
    "мониторинг",
    "качества",
    "образования",
    "обучающихся",
    "педагогов",
    "семинар",
    "конкурс",
    "анализ",
    "результатов",
    "оценки",
    "школ",
    "муниципальных",
    "методической",
    "поддержки",
    "подготовка",
    "отчета",
    "совещание",
    "руководителей",
    "олимпиады",
    "участия",
)
UNITS = ("Отдел образования", "ММС", "ОО", "Руководители ОО", "Методический кабинет")
DEADLINES = ("Январь 2022", "В течение года", "Ежеквартально", "До 1 июня 2022", "Май-июнь 2022")


@st.composite
def small_plans(draw):
    sizes = draw(st.lists(st.integers(3, 7), min_size=2, max_size=3))
    phrase = st.lists(st.sampled_from(WORDS), min_size=4, max_size=9).map(" ".join)
    # rows of equal text are one row to any reader: which of two twins was edited cannot be told
    texts = iter(draw(st.lists(phrase, min_size=sum(sizes), max_size=sum(sizes), unique=True)))
    sections = []
    for s, size in enumerate(sizes):
        measures = []
        for _ in range(size):
            text = next(texts)
            measures.append(
                m.Measure(
                    (m.Paragraph(text[:1].upper() + text[1:]),),
                    draw(st.sampled_from(DEADLINES)),
                    tuple(draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=2, unique=True))),
                )
            )
        sections.append(m.Section(f"Раздел {s + 1}: {draw(st.sampled_from(WORDS))}", measures=tuple(measures)))
    return m.Plan("plan-small", "План мероприятий по повышению качества образования", tuple(sections))


EDITS = ("deadline", "text", "delete", "insert", "units")


@settings(max_examples=40, deadline=None)
@given(
    plan=small_plans(),
    script=st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 100)), max_size=4),
    seed=st.integers(0, 10),
)
def test_random_edit_scripts_on_a_small_plan(plan, script, seed):
    from generator.dump import to_yaml

    with tempfile.TemporaryDirectory(prefix="prikaz-edition-prop-") as work:
        work = Path(work)
        folder = work / "org"
        folder.mkdir()
        (folder / "organization.yaml").write_text(
            to_yaml(
                {
                    "format": "1",
                    "kind": "organization",
                    "name": "Управление образования",
                    "name_genitive": "управления образования",
                    "letterhead": ["УПРАВЛЕНИЕ ОБРАЗОВАНИЯ"],
                    "signatories": {},
                    "units": [{"name": u} for u in UNITS],
                }
            ),
            encoding="utf-8",
        )
        (folder / "plan-small.yaml").write_text(to_yaml(_plan_dict(plan)), encoding="utf-8")
        dep, old = load_plan(folder, "plan-small")
        own = work / "plan.docx"
        rows = own_word_file(old, path_numbers(old), own)
        document = Document(str(own))
        trs = [tr for tr in document.tables[0]._tbl.tr_lst[1:] if len(cells(tr)) == 4]
        expected = Expected()
        touched: set[int] = set()
        deleted: set[int] = set()
        for n, (edit, where) in enumerate(script):
            k = (where + seed) % len(trs)
            # one edit per row and never next to a deleted or inserted one: a row replaced in place
            # is one rewritten row, an ambiguity no file can settle
            if k in touched or k - 1 in touched or k + 1 in touched:
                continue
            touched.add(k)
            path, node, _ = rows[k]
            tr = trs[k]
            if edit == "deadline":
                set_cell(cells(tr)[2], f"Декабрь 20{30 + n}")
                expected.changed[path] = {"deadline"}
            elif edit == "text":
                text = f"Совершенно новый текст мероприятия номер {n} про иное"
                set_cell(cells(tr)[1], text)
                # the row keeps its place, deadline and units: the same measure rewritten, also
                # first or last in its list (diff: identity by position and unchanged columns)
                expected.changed[path] = {"text"}
            elif edit == "units":
                set_cell(cells(tr)[3], "ММС, Новый исполнитель")
                if list(node.responsible) != ["ММС", "Новый исполнитель"]:
                    expected.changed[path] = {"responsible"}
            elif edit == "delete":
                tr.getparent().remove(tr)
                deleted.add(k)
                expected.removed.add(path)
            else:
                inserted = copy.deepcopy(tr)
                tr.addnext(inserted)
                set_cell(cells(inserted)[0], "")
                text = f"Вставленное мероприятие {n} о чем-то другом"
                set_cell(cells(inserted)[1], text)
                expected.added.append((path[:-1], path[-1][0], path[-1][1], text))
        edited = work / "edited.docx"
        document.save(str(edited))
        from generator.importer import edition as importer

        imported = importer.import_edition(str(edited), str(folder / "plan-small.yaml"), "plan-small-ed2")
        actual = actual_changes(imported.old, imported.new)
        expected.added.sort()
        actual.added.sort()
        assert_same(actual, expected)


def _plan_dict(plan: m.Plan) -> dict:
    return {
        "format": "1",
        "kind": "plan",
        "id": plan.id,
        "title": plan.title,
        "sections": [
            {
                "title": s.title,
                "measures": [
                    {"text": m.plain_text(mm.text), "deadline": mm.deadline, "responsible": list(mm.responsible)}
                    for mm in s.measures
                ],
            }
            for s in plan.sections
        ],
    }
