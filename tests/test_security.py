"""Hostile or unlucky input around the content: nothing overwritten, nothing unbounded.

Folder names that collide or break links, ids that are file names, a damaged site
manifest, symbolic links out of the output folder, templates that try to run code,
terminals that cannot print Cyrillic, FIFOs and deep nesting in content, LibreOffice
killed with its parent. Each case runs the real `prikaz` in a subprocess where it can.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
import unicodedata
import urllib.parse
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import CONTENT, PRIKAZ, ROOT
from factories import FAKE_SOFFICE, blank_pdf

CYRILLIC = re.compile("[А-Яа-яЁё]")


def prikaz(*args: str, env: dict | None = None, timeout: float = 120, **popen) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONWARNINGS": "ignore", **(env or {})}
    return subprocess.run(
        [str(PRIKAZ), *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=environment, **popen
    )


def refused(result: subprocess.CompletedProcess, code: int = 2) -> str:
    """The run failed with the documented code, in Russian, without a traceback."""
    output = result.stdout + result.stderr
    assert result.returncode == code, output
    assert "Traceback" not in output and "внутренняя ошибка" not in output, output
    assert CYRILLIC.search(result.stderr), output
    return result.stderr


def organization(root: Path, name: str, source: str = "novosibirsk") -> Path:
    """A copy of a bundled organization under another folder name."""
    target = root / name
    shutil.copytree(CONTENT / source, target)
    return target


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


# --- 1. two organizations, one output folder --------------------------------------------


@pytest.mark.parametrize("command", ["build", "publish"])
def test_folders_with_the_same_safe_name_are_refused_before_anything_is_written(tmp_path, command):
    content = tmp_path / "content"
    organization(content, "org a")
    organization(content, "org_a", source="noglik")
    out = tmp_path / "out"
    where = ["-o", str(out)] if command == "build" else ["--site", str(out)]
    stderr = refused(prikaz(command, str(content), *where, "--force"))
    assert "org a" in stderr and "org_a" in stderr and "[output-collision]" in stderr
    assert files_under(out) == []


def test_the_same_folder_name_under_two_content_roots_is_refused(tmp_path):
    first, second = organization(tmp_path / "c1", "org"), organization(tmp_path / "c2", "org", source="taimyr")
    out = tmp_path / "out"
    stderr = refused(prikaz("build", str(first.parent), str(second.parent), "-o", str(out), "--force"))
    assert str(first.relative_to(tmp_path)) in stderr.replace(str(tmp_path) + "/", "")
    assert str(second.relative_to(tmp_path)) in stderr.replace(str(tmp_path) + "/", "")
    assert files_under(out) == []


def test_folder_names_differing_only_in_case_are_refused(tmp_path):
    content = tmp_path / "content"
    organization(content, "Org")
    organization(content, "org", source="taimyr")
    stderr = refused(prikaz("build", str(content), "-o", str(tmp_path / "out"), "--force"))
    assert "[output-collision]" in stderr


def test_ids_differing_only_in_case_are_refused_before_anything_is_written(tmp_path):
    org = organization(tmp_path, "org", source="taimyr")
    copy = org / "regulation-copy.yaml"
    copy.write_text(
        (org / "regulation-msoko.yaml")
        .read_text(encoding="utf-8")
        .replace("id: regulation-msoko", "id: Regulation-MSOKO"),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    stderr = refused(prikaz("build", str(org), "-o", str(out), "--force"))
    assert "«regulation-msoko»" in stderr and "«Regulation-MSOKO»" in stderr  # both ids named
    assert "[output-collision-case]" in stderr
    assert files_under(out) == []


# --- 2 and 7. every link of the site resolves, whatever the folders are called ----------


def fake_libreoffice(folder: Path) -> dict[str, str]:
    """A `soffice` that answers every DOCX with a one-page PDF, first on PATH."""
    folder.mkdir()
    (folder / "payload").write_bytes(blank_pdf())
    (folder / "soffice").write_text(FAKE_SOFFICE.replace("{ending}", "exit 0").format(dir=folder))
    (folder / "soffice").chmod(0o755)
    return {"PATH": f"{folder}:{os.environ['PATH']}"}


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.targets += [value for name, value in attrs if name in ("href", "src") and value is not None]


def site_links(site: Path) -> dict[Path, list[str]]:
    result = {}
    for page in sorted(site.rglob("*.html")):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        result[page] = parser.targets
    return result


@pytest.fixture(scope="module")
def odd_site(tmp_path_factory) -> tuple[Path, Path, subprocess.CompletedProcess]:
    """Organizations in folders «Отдел образования» and «javascript:alert(1)», published."""
    root = tmp_path_factory.mktemp("odd")
    content = root / "content"
    organization(content, "Отдел образования")
    organization(content, "javascript:alert(document.domain)", source="taimyr")
    site = root / "site"
    result = prikaz("publish", str(content), "--site", str(site), "--force", env=fake_libreoffice(root / "lo"))
    assert result.returncode == 0, result.stderr
    return content, site, result


def test_every_link_of_a_site_with_spaces_and_cyrillic_in_folder_names_resolves(odd_site):
    _, site, _ = odd_site
    links = site_links(site)
    assert len(links) == 3  # the index, the plan's page (two editions), the regulation's page
    followed = set()
    for page, targets in links.items():
        for target in targets:
            assert not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target), f"{page.name}: {target} has a scheme"
            resolved = (page.parent / target).resolve()  # as written: a safe path is its own file name
            assert resolved.is_file(), f"{page.relative_to(site)}: {target} is broken"
            assert (page.parent / urllib.parse.unquote(target)).resolve() == resolved  # and as a browser reads it
            followed.add(resolved)
    published = {p.resolve() for p in site.rglob("*") if p.suffix in (".pdf", ".docx")}
    assert published and published <= followed  # every document is reachable from some page


def test_the_index_links_the_documents_of_every_organization(odd_site):
    _, site, _ = odd_site
    index = site / "index.html"
    targets = site_links(site)[index]
    for folder in ("Отдел_образования", "javascript_alert_document.domain"):
        mine = [t for t in targets if urllib.parse.unquote(t).startswith(folder + "/")]
        assert any(t.endswith(".pdf") for t in mine) and any(t.endswith(".docx") for t in mine), (folder, targets)


def test_no_javascript_link_reaches_a_page(odd_site):
    _, site, _ = odd_site
    for page in site.rglob("*.html"):
        assert "javascript:" not in "".join(site_links(site)[page]).lower()


# --- 7. ids that are file names ---------------------------------------------------------


def long_id_content(root: Path, length: int) -> Path:
    """novosibirsk with its first plan's edition renamed to an id of `length` characters."""
    org = organization(root, "org")
    for name in ("order-2020-0212.yaml",):  # the seal would refuse the renamed plan
        path = org / name
        path.write_text(path.read_text(encoding="utf-8").split("sealed:")[0], encoding="utf-8")
    (org / "order-2020-0415.yaml").unlink()
    (org / "plan-2020-ed2.yaml").unlink()
    new_id = ("plan-" + "x" * length)[:length]
    for path in org.glob("*.yaml"):
        path.write_text(path.read_text(encoding="utf-8").replace("plan-2020", new_id), encoding="utf-8")
    return org


@pytest.mark.parametrize("length", [85, 96, 100])
def test_long_ids_keep_their_extension(tmp_path, length):
    org = long_id_content(tmp_path, length)
    out = tmp_path / "out"
    result = prikaz("build", str(org), "-o", str(out), "--force")
    assert result.returncode == 0, result.stderr
    names = files_under(out)
    assert all(name.endswith(".docx") for name in names), names
    assert any(len(Path(name).stem) == length for name in names), names


def test_a_site_of_documents_with_100_character_ids(tmp_path):
    org = long_id_content(tmp_path, 100)
    site = tmp_path / "site"
    result = prikaz("publish", str(org), "--site", str(site), "--force", env=fake_libreoffice(tmp_path / "lo"))
    assert result.returncode == 0, result.stderr
    for page, targets in site_links(site).items():
        for target in targets:
            assert (page.parent / urllib.parse.unquote(target)).resolve().is_file(), target
    assert len([p for p in site.rglob("*") if p.suffix in (".pdf", ".docx")]) == 4  # order, plan: DOCX and PDF


def test_a_comparison_of_long_ids_writes_both_files(tmp_path):
    org = organization(tmp_path, "org")
    old_id, new_id = "p" * 99 + "a", "p" * 99 + "b"
    for path in org.glob("*.yaml"):
        text = path.read_text(encoding="utf-8").split("sealed:")[0]
        text = text.replace("plan-2020-ed2", new_id).replace("plan-2020", old_id)
        path.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = prikaz("diff", str(org / "plan-2020.yaml"), str(org / "plan-2020-ed2.yaml"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert files_under(out) == [f"org/{new_id}.comparison.docx", f"org/{new_id}.comparison.html"]


@pytest.mark.parametrize("reserved", ["CON", "nul", "Com1", "LPT9", "aux.plan"])
def test_windows_device_names_are_refused_as_ids(tmp_path, reserved):
    org = organization(tmp_path, "org", source="taimyr")
    path = org / "regulation-msoko.yaml"
    text = re.sub(r"(?m)^id: .*$", f"id: {reserved}", path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    stderr = refused(prikaz("check", str(org)))
    assert "regulation-msoko.yaml:" in stderr and "зарезервированное имя устройства Windows" in stderr


# --- 5. one form of every letter ---------------------------------------------------------


def decomposed_lines(text: str, every: int) -> str:
    """Every `every`-th line in NFD («й» as «и» + U+0306), as a Mac or a PDF copy gives it."""
    lines = text.splitlines(keepends=True)
    return "".join(unicodedata.normalize("NFD", line) if i % every == 0 else line for i, line in enumerate(lines))


@pytest.mark.parametrize("every", [1, 2, 3])
def test_decomposed_letters_load_as_the_composed_ones(tmp_path, every):
    from generator.load import load

    org = organization(tmp_path, "org")
    original = load([str(org)])[0]
    for path in org.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert unicodedata.normalize("NFD", text) != text
        path.write_text(decomposed_lines(text, every), encoding="utf-8")
    decomposed = load([str(org)])[0]  # seals hold: the checksum is of what was meant, not of the bytes
    assert decomposed.documents == original.documents
    assert decomposed.organization == original.organization


def test_a_unit_typed_with_a_decomposed_letter_is_the_unit_of_the_registry(tmp_path):
    org = organization(tmp_path, "org", source="noglik")
    plan = org / "plan-msoko.yaml"
    text = plan.read_text(encoding="utf-8")
    units = [u for u in re.findall(r'(?m)^ +- "([^"]+)"$', text) if unicodedata.normalize("NFD", u) != u]
    assert len(units) > 5  # «Ведущий специалист …», «Районная комиссия …»
    for unit in units:
        text = text.replace(f'- "{unit}"', f'- "{unicodedata.normalize("NFD", unit)}"')
    plan.write_text(text, encoding="utf-8")
    result = prikaz("check", str(org))
    assert "[unit-unknown]" not in result.stderr + result.stdout
    assert result.returncode in (0, 1), result.stderr


# --- 8. what hangs or crashes around the content -----------------------------------------


def test_a_fifo_named_yaml_is_refused_without_waiting(tmp_path):
    org = organization(tmp_path, "org", source="taimyr")
    os.mkfifo(org / "pipe.yaml")
    stderr = refused(prikaz("check", str(org), timeout=30))
    assert "pipe.yaml: ошибка: это не обычный файл" in stderr


@pytest.mark.parametrize("encoding", ["koi8_r", "latin-1"])  # (click writes UTF-8 to an ASCII one)
def test_a_terminal_that_cannot_show_russian_gets_replacement_characters(tmp_path, encoding):
    org = organization(tmp_path, "org")
    env = {**fake_libreoffice(tmp_path / "lo"), "PYTHONIOENCODING": encoding}
    for args in (
        ["--help"],
        ["build", "--help"],
        ["check", str(org)],
        ["build", str(org), "-o", str(tmp_path / "out"), "--pdf", "--force"],
    ):
        result = subprocess.run(
            [str(PRIKAZ), *args],
            cwd=ROOT,
            capture_output=True,
            timeout=120,
            env={**os.environ, "PYTHONWARNINGS": "ignore", **env},
        )
        output = (result.stdout + result.stderr).decode(encoding)
        assert result.returncode in (0, 1), output  # 1: the bundled plan has findings at error level
        assert "Traceback" not in output and "внутренняя ошибка" not in output
        assert "?" in output
    assert sorted(p.suffix for p in (tmp_path / "out").rglob("*.pdf"))


def test_an_escape_sequence_in_a_file_name_is_printed_escaped(tmp_path):
    org = organization(tmp_path, "org", source="taimyr")
    (org / "\x1b]0;owned\x07\x1b[2Jplan.yaml").write_text("format: 1\nkind: plan\n", encoding="utf-8")
    result = prikaz("check", str(org))
    assert result.returncode == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\\x1b]0;owned\\x07\\x1b[2Jplan.yaml:" in result.stderr


@pytest.mark.parametrize("shape", ["deep", "wide"])
def test_deeply_nested_yaml_is_refused_quickly_and_in_little_memory(tmp_path, shape):
    """4.7 MB of nesting: refused with a position. Time and memory are measured in bench/."""
    org = organization(tmp_path, "org", source="taimyr")
    unit = "[" * 39 + "]" * 39 + ", "
    text = "[" * 4_700_000 if shape == "deep" else "[" + unit * 58_000 + "]"
    (org / "nested.yaml").write_text(text, encoding="utf-8")
    stderr = refused(prikaz("check", str(org)))
    code = "yaml-too-deep" if shape == "deep" else "yaml-too-many-values"
    assert "nested.yaml:1:" in stderr and f"[{code}]" in stderr


# --- 6. LibreOffice dies with prikaz; the next run cleans what a kill left ---------------

HANGING_SOFFICE = """#!/bin/bash
echo $$ > "{dir}/soffice.pid"
sleep 600 &
echo $! > "{dir}/child.pid"
wait
"""


def running(pid: int) -> bool:
    """The process exists and is not a zombie (a container's init may not reap at once)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def wait_for(condition, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_libreoffice_dies_with_a_killed_prikaz_and_the_next_run_cleans_up(tmp_path):
    """kill -9 of prikaz while LibreOffice (and a process it started) runs."""
    org = organization(tmp_path, "org", source="taimyr")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    hanging = tmp_path / "hanging"
    hanging.mkdir()
    (hanging / "soffice").write_text(HANGING_SOFFICE.format(dir=hanging))
    (hanging / "soffice").chmod(0o755)
    env = {
        **os.environ,
        "PYTHONWARNINGS": "ignore",
        "TMPDIR": str(temporary),
        "PATH": f"{hanging}:{os.environ['PATH']}",
    }
    victim = subprocess.Popen(
        [str(PRIKAZ), "build", str(org), "-o", str(tmp_path / "out"), "--pdf", "--force"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    assert wait_for(lambda: (hanging / "child.pid").exists())
    soffice, child = (int((hanging / name).read_text()) for name in ("soffice.pid", "child.pid"))
    victim.kill()
    victim.wait()
    assert wait_for(lambda: not running(soffice) and not running(child)), "LibreOffice outlived prikaz"
    left = [p.name for p in temporary.iterdir() if p.name.startswith(f"prikaz-lo-{victim.pid}-")]
    assert left  # SIGKILL gives no chance to clean up: the next run does
    again = prikaz(
        "build",
        str(org),
        "-o",
        str(tmp_path / "out"),
        "--pdf",
        "--force",
        env={**fake_libreoffice(tmp_path / "lo"), "TMPDIR": str(temporary)},
    )
    assert again.returncode == 0, again.stderr
    assert not any(p.name.startswith("prikaz-lo-") for p in temporary.iterdir())


def test_the_folder_of_a_running_prikaz_is_not_swept(tmp_path):
    from generator.render.pdf import sweep_stale_work

    mine = tmp_path / f"prikaz-lo-{os.getpid()}-x"
    dead = tmp_path / f"prikaz-lo-{dead_pid()}-y"
    other = tmp_path / "prikaz-lo-old"
    for folder in (mine, dead, other):
        (folder / "profile").mkdir(parents=True)
    assert sweep_stale_work(str(tmp_path)) == [str(dead)]
    assert mine.exists() and other.exists() and not dead.exists()


def dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


# --- 9. templates are code: rendered in a sandbox ----------------------------------------

ESCAPES = {
    "docx": "{{ cycler.__init__.__globals__.os.system('touch %s') }}",
    "docx-mro": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "site": "{{ cycler.__init__.__globals__.os.system('touch %s') }}",
}


def hostile_templates(root: Path, how: str, marker: Path) -> Path:
    """A copy of the project's templates with one that tries to run a shell command."""
    templates = root / "templates"
    shutil.copytree(ROOT / "templates", templates)
    payload = ESCAPES[how].replace("%s", str(marker))
    if how == "site":
        page = templates / "site" / "index.html"
        page.write_text(page.read_text(encoding="utf-8").replace("</h1>", "</h1>" + payload, 1), encoding="utf-8")
        return templates
    order = templates / "orders" / "order.docx"
    with zipfile.ZipFile(order) as source:
        parts = {item: source.read(item) for item in source.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    assert "{{ doc_type }}" in xml
    parts["word/document.xml"] = xml.replace("{{ doc_type }}", payload.replace("'", "&apos;"), 1).encode("utf-8")
    with zipfile.ZipFile(order, "w", zipfile.ZIP_DEFLATED) as target:
        for item, data in parts.items():
            target.writestr(item, data)
    return templates


@pytest.mark.parametrize("how", ["docx", "docx-mro", "site"])
def test_a_hostile_template_cannot_run_code(tmp_path, how):
    org = organization(tmp_path, "org", source="noglik")
    marker = tmp_path / "owned"
    templates = hostile_templates(tmp_path, how, marker)
    out = tmp_path / "out"
    if how == "site":
        args = ["publish", str(org), "--site", str(out)]
        env = fake_libreoffice(tmp_path / "lo")
    else:
        args = ["build", str(org), "-o", str(out)]
        env = {}
    stderr = refused(prikaz(*args, "--templates", str(templates), "--force", env=env))
    assert "[template-unsafe]" in stderr and "песочнице" in stderr
    assert not marker.exists()
    assert not (out / "index.html").exists()


# --- 9. only an approved edition is published as current ---------------------------------


def test_a_draft_edition_is_listed_but_not_published_as_current(tmp_path):
    org = organization(tmp_path, "org")
    (org / "order-2020-0415.yaml").unlink()  # the amending order: plan-2020-ed2 becomes a draft
    site = tmp_path / "site"
    result = prikaz("publish", str(org), "--site", str(site), "--force", env=fake_libreoffice(tmp_path / "lo"))
    assert result.returncode == 0, result.stderr
    index = site_links(site)[site / "index.html"]
    assert "org/plan-2020.pdf" in index and "org/plan-2020-ed2.pdf" not in index
    page = (site / "org" / "plan-2020.html").read_text(encoding="utf-8")
    current = re.findall(r'<tr class="current">(.*?)</tr>', page, re.S)
    assert len(current) == 1 and "plan-2020.pdf" in current[0] and "ed2" not in current[0]
    assert "plan-2020-ed2.pdf" in page  # the draft is listed, as a draft


# --- 10. smaller things ------------------------------------------------------------------


def test_bidirectional_controls_are_warned_about_wherever_they_are_printed(tmp_path):
    org = organization(tmp_path, "org", source="taimyr")
    regulation = org / "regulation-msoko.yaml"
    text = regulation.read_text(encoding="utf-8")
    title = re.search(r"(?m)^title: (.*)$", text).group(1)
    regulation.write_text(text.replace(title, title.replace("о ", "о \u202eикнецо \u202c", 1), 1), encoding="utf-8")
    settings = org / "organization.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("name: ", "name: \u2067", 1), encoding="utf-8")
    result = prikaz("check", str(org))
    assert result.returncode in (0, 1), result.stderr
    warnings = [line for line in result.stdout.splitlines() if "[bidi-control]" in line]
    assert len(warnings) == 2, result.stdout
    assert any("regulation-msoko.yaml" in w and "U+202E" in w for w in warnings)
    assert any("organization.yaml" in w and "U+2067" in w for w in warnings)
    assert all("предупреждение" in w and "\u202e" not in w and "\u2067" not in w for w in warnings)


DAMAGED_MANIFESTS = {
    "not json": '{"files": ',
    "a list": "[]",
    "files as a list": '{"files": []}',
    "an entry as a string": '{"files": {"org/plan-2020.pdf": "x"}, "pages": ["index.html"]}',
    "a checksum as a number": '{"files": {"org/plan-2020.pdf": {"sha256": 5, "source_sha256": []}}}',
    "pages as a number": '{"files": {}, "pages": 5}',
    "nested deeper than Python recurses": "[" * 100_000 + "]" * 100_000,
    "not utf-8": "\xff\xfe{}",
}


@pytest.mark.parametrize("damage", DAMAGED_MANIFESTS)
def test_a_damaged_manifest_does_not_stop_publish(tmp_path, damage):
    org = organization(tmp_path, "org")
    site = tmp_path / "site"
    site.mkdir()
    (site / "manifest.json").write_bytes(DAMAGED_MANIFESTS[damage].encode("latin-1"))
    result = prikaz("publish", str(org), "--site", str(site), "--force", env=fake_libreoffice(tmp_path / "lo"))
    assert result.returncode == 0, result.stderr
    assert (site / "index.html").is_file() and (site / "org" / "plan-2020.pdf").is_file()
    assert '"format": 2' in (site / "manifest.json").read_text(encoding="utf-8")


def test_publish_deletes_only_files_holding_what_it_wrote(tmp_path):
    org = organization(tmp_path, "org")
    site = tmp_path / "site"
    env = fake_libreoffice(tmp_path / "lo")
    assert prikaz("publish", str(org), "--site", str(site), "--force", env=env).returncode == 0
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    theirs = site / "theirs.html"  # a page of the web editor's, slipped into the manifest
    theirs.write_text("<p>наша страница</p>", encoding="utf-8")
    manifest["pages"]["theirs.html"] = "0" * 64
    manifest["files"]["org/report.pdf"] = {"sha256": "0" * 64, "size": 1}
    (site / "org" / "report.pdf").write_bytes(b"%PDF-1.4 a report put here by hand")
    edited = site / "org" / "plan-2020-ed2.docx"  # prikaz's file, then changed by someone
    edited.write_bytes(edited.read_bytes() + b"\0")
    (org / "order-2020-0415.yaml").unlink()
    (org / "plan-2020-ed2.yaml").unlink()
    (site / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = prikaz("publish", str(org), "--site", str(site), "--force", env=env)
    assert result.returncode == 0, result.stderr
    assert theirs.is_file() and (site / "org" / "report.pdf").is_file() and edited.is_file()
    assert not (site / "org" / "order-2020-0415.docx").exists()  # unchanged since prikaz wrote it
    assert not (site / "org" / "plan-2020-ed2.pdf").exists()


def test_a_symbolic_link_in_the_output_folder_does_not_lead_outside(tmp_path):
    org = organization(tmp_path, "org", source="taimyr")
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "org").symlink_to(outside, target_is_directory=True)
    stderr = refused(prikaz("build", str(org), "-o", str(out), "--force"), code=3)
    assert "выходит за пределы папки" in stderr
    assert list(outside.iterdir()) == []
