"""Faults outside the content: nothing lost, nothing broken.

LibreOffice absent, hanging or crashing; fonts missing; a read-only or full disk; Ctrl-C,
SIGTERM and SIGKILL in the middle of a build; two builds at once into one folder. Each run
is the real `prikaz` in a subprocess (a few simulations run in process, where a fault
cannot be made for real). The promise checked after every run: a Russian message, the
documented exit code, no traceback, no temporary `.part` file, and every file of the
output folder is either the previous one, byte for byte, or a complete new one.

The previous output is a build of the bundled content («edition A»); the build that fails
is of the same content with the organizations renamed («edition B»), so an old file and a
new one can be told apart by their bytes.
"""

from __future__ import annotations

import errno
import io
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest
from conftest import CONTENT, PRIKAZ, ROOT, run_prikaz
from factories import FAKE_SOFFICE, blank_pdf

from generator.seals import without_seal_block

CYRILLIC = re.compile("[А-Яа-яЁё]")
OLD_PDF = b"%PDF-1.6\n% the previous good PDF, kept by every failed run\n%%EOF\n"
NOBODY = 65534


# --- helpers -----------------------------------------------------------------------------


def environment(path: str | None = None, **extra: str) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if k != "PRIKAZ_PDF_TIMEOUT"}
    env = {**inherited, "PYTHONWARNINGS": "ignore", **extra}
    if path is not None:
        env["PATH"] = path
    return env


def prikaz(*args: str, env: dict | None = None, timeout: float = 120, **popen) -> subprocess.CompletedProcess:
    """conftest's run_prikaz with this module's environment (no inherited PDF timeout)."""
    return run_prikaz(*args, timeout=timeout, env=env or environment(), **popen)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder, hidden ones included, by relative path."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    return [str(p) for p in folder.rglob("*") if p.name.endswith(".part") or p.name.startswith(".tmp-")]


def whole_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.testzip() is None and "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def assert_failed_cleanly(result: subprocess.CompletedProcess, code: int, *phrases: str) -> None:
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert "внутренняя ошибка" not in output, output
    assert result.returncode == code, output
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith("prikaz: ") and CYRILLIC.search(message), message
    for phrase in phrases:
        assert phrase in result.stderr, result.stderr


def assert_old_or_new(out: Path, old: dict[str, bytes], new: dict[str, bytes]) -> dict[str, str]:
    """Every file is the previous one or the complete new one; returns which, by file."""
    assert not leftovers(out), leftovers(out)
    now = snapshot(out)
    assert set(old) <= set(now) <= set(old) | set(new), sorted(set(now) ^ set(old))
    which = {}
    for name, data in now.items():
        if data == old.get(name):
            which[name] = "old"
        else:
            assert data == new.get(name), f"{name}: ни прежний, ни новый файл"
            which[name] = "new"
        if name.endswith(".docx"):
            assert whole_docx(data), name
    return which


def running(pid: int) -> bool:
    """The process exists and is not a zombie (a container's init may not reap at once)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


# --- editions A and B --------------------------------------------------------------------


class Editions:
    def __init__(self, root: Path, source: Path, build_args: tuple[str, ...] = ("--force",)):
        self.a, self.b = root / "a", root / "b"
        shutil.copytree(source, self.a)
        shutil.copytree(source, self.b)
        for organization in self.b.rglob("organization.yaml"):
            text = organization.read_text(encoding="utf-8")
            text = re.sub(r'^name: "?(.*?)"?$', r'name: "\1 (редакция Б)"', text, count=1, flags=re.M)
            organization.write_text(text, encoding="utf-8")
        for order in self.b.rglob("order-*.yaml"):  # the organization's name is sealed: B is not signed
            text = order.read_text(encoding="utf-8")
            if "\nsealed:" in text:
                order.write_text(without_seal_block(text), encoding="utf-8")
        self.build_args = build_args
        self.old = self._build(self.a, root / "out-a")
        self.new = self._build(self.b, root / "out-b")
        assert set(self.old) == set(self.new) and all(self.old[k] != self.new[k] for k in self.old)

    def _build(self, content: Path, out: Path) -> dict[str, bytes]:
        result = prikaz("build", str(content), "-o", str(out), *self.build_args)
        assert result.returncode == 0, result.stderr
        return snapshot(out)

    def previous(self, out: Path, pdf: bool = False) -> Path:
        """An output folder holding edition A (and an old PDF beside every DOCX)."""
        for name, data in self.old.items():
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            (out / name).write_bytes(data)
            if pdf:
                (out / name).with_suffix(".pdf").write_bytes(OLD_PDF)
        return out

    def old_with_pdfs(self) -> dict[str, bytes]:
        pdfs = {str(Path(name).with_suffix(".pdf")): OLD_PDF for name in self.old}
        return {**self.old, **pdfs}


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> Editions:
    return Editions(tmp_path_factory.mktemp("editions"), CONTENT)


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Editions:
    """30 plans of 100 measures: 3,000 measures, long enough a build to interrupt midway."""
    root = tmp_path_factory.mktemp("big")
    source = root / "source" / "org"
    source.mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "legit_input" / "minimal" / "organization.yaml", source)
    for p in range(30):
        lines = [f"format: 1\nkind: plan\nid: plan-{p:02}\ntitle: План мероприятий № {p} на 2020 год\nsections:\n"]
        for s in range(5):
            lines.append(f"  - title: Раздел {s + 1}\n    measures:\n")
            lines += [
                f"      - text: Провести совещание руководителей {s + 1}.{i + 1} о работе № {p}\n"
                "        deadline: Март 2020\n        responsible: [МОУО]\n"
                for i in range(20)
            ]
        (source / f"plan-{p:02}.yaml").write_text("".join(lines), encoding="utf-8")
    return Editions(root, source.parent)


# --- a) LibreOffice absent ---------------------------------------------------------------


def test_libreoffice_absent_writes_docx_and_says_what_to_install(editions, tmp_path):
    out = editions.previous(tmp_path / "out", pdf=True)
    empty = tmp_path / "bin"
    empty.mkdir()
    result = prikaz("build", str(editions.b), "-o", str(out), "--pdf", "--force", env=environment(str(empty)))
    assert_failed_cleanly(
        result, 3, "LibreOffice не найден", "apt-get install libreoffice", "DOCX записаны, но PDF не созданы"
    )
    which = assert_old_or_new(out, editions.old_with_pdfs(), editions.new)
    assert all(which[name] == "new" for name in editions.new)  # every DOCX written
    assert all(which[name] == "old" for name in which if name.endswith(".pdf"))


# --- b) LibreOffice hanging --------------------------------------------------------------

HANGING = """#!/bin/bash
echo $$ > "{dir}/soffice.pid"
sleep 600 &
echo $! > "{dir}/child.pid"
wait
"""


def fake_soffice(folder: Path, script: str) -> str:
    """A folder with a fake `soffice` first on PATH (the real tools after it)."""
    folder.mkdir(exist_ok=True)
    (folder / "soffice").write_text(script.format(dir=folder))
    (folder / "soffice").chmod(0o755)
    return f"{folder}:{os.environ['PATH']}"


def pids(folder: Path) -> list[int]:
    return [int((folder / name).read_text()) for name in ("soffice.pid", "child.pid")]


@pytest.mark.parametrize("how", ["environment", "option"])
def test_hanging_libreoffice_is_killed_at_the_time_limit(editions, tmp_path, how):
    out = editions.previous(tmp_path / "out", pdf=True)
    fake = tmp_path / "fake"
    path = fake_soffice(fake, HANGING)
    args = ["build", str(editions.b), "-o", str(out), "--pdf", "--force"]
    if how == "option":
        env, args = environment(path), [*args, "--pdf-timeout", "1,0"]
    else:
        env = environment(path, PRIKAZ_PDF_TIMEOUT="1.0")
    started = time.monotonic()
    result = prikaz(*args, env=env, timeout=60)
    elapsed = time.monotonic() - started
    assert_failed_cleanly(result, 3, "не уложился в отведённое время (1 с)", "PRIKAZ_PDF_TIMEOUT")
    assert elapsed < 15, elapsed  # the limit, not the fake's 600 s
    which = assert_old_or_new(out, editions.old_with_pdfs(), editions.new)
    assert all(which[name] == "old" for name in which if name.endswith(".pdf"))
    assert not any(running(pid) for pid in pids(fake))  # the whole process group is gone


@pytest.mark.parametrize("value", ["abc", "0", "-5", "inf", "nan", "", "1e999", "10 с"])
def test_invalid_time_limit_values(value):
    from generator.render.pdf import parse_timeout

    with pytest.raises(ValueError, match="не время в секундах"):
        parse_timeout(value, "--pdf-timeout")


@pytest.mark.parametrize("how, value", [("option", "abc"), ("option", "0"), ("environment", "-5")])
def test_invalid_time_limit_is_refused_before_anything_is_written(tmp_path, how, value):
    out = tmp_path / "out"
    args = ["build", str(CONTENT), "-o", str(out), "--pdf", "--force"]
    if how == "option":
        result = prikaz(*args, "--pdf-timeout", value)
    else:
        result = prikaz(*args, env=environment(PRIKAZ_PDF_TIMEOUT=value))
    assert_failed_cleanly(result, 2, "не время в секундах")
    assert not out.exists()


# --- c) LibreOffice crashing or writing nothing useful -----------------------------------


CRASHES = {
    # name: (payload or None, the script's last line, what the message says)
    "abort-134": (None, "echo 'terminate called after throwing' >&2; exit 134", "код 134"),
    "segfault": ("blank", "kill -SEGV $$", "сигнал SIGSEGV"),
    "exit-0-nothing": (None, "exit 0", "не создал PDF"),
    "empty-pdf": (b"", "exit 0", "не создал PDF"),
    "truncated-pdf": ("truncated", "exit 0", "пустой или неполный PDF"),
    "garbage-pdf": (b"%PDF-1.6\nnot a pdf at all\n%%EOF\n", "exit 0", "повреждённый PDF"),
    "one-missing": ("blank", "exit 0", "не создал PDF для"),
}


@pytest.mark.parametrize("name", CRASHES)
def test_crashing_libreoffice_leaves_the_previous_pdfs(editions, tmp_path, name):
    payload, ending, phrase = CRASHES[name]
    out = editions.previous(tmp_path / "out", pdf=True)
    fake = tmp_path / "fake"
    path = fake_soffice(fake, FAKE_SOFFICE.replace("{ending}", ending))
    if payload is not None:
        data = blank_pdf() if payload in ("blank", "truncated") else payload
        (fake / "payload").write_bytes(data[: len(data) // 2] if payload == "truncated" else data)
    if name == "one-missing":  # a half-done batch: every other PDF converted fine
        (fake / "skip").write_text("00001")  # the batch's second file (the writer numbers them)
    folder = str(editions.b / "novosibirsk")  # four documents: a batch, and a quick run
    result = prikaz("build", folder, "-o", str(out), "--pdf", "--force", env=environment(path))
    assert_failed_cleanly(result, 3, phrase, "прежние PDF не изменены")
    which = assert_old_or_new(out, editions.old_with_pdfs(), editions.new)
    assert all(which[name] == "old" for name in which if name.endswith(".pdf"))


# --- i) fonts missing --------------------------------------------------------------------


def test_missing_fonts_are_warned_about_and_pdfs_still_made(editions, tmp_path):
    out = tmp_path / "out"
    fake = tmp_path / "fake"
    path = fake_soffice(fake, FAKE_SOFFICE.replace("{ending}", "exit 0"))
    (fake / "payload").write_bytes(blank_pdf())
    no_fonts = tmp_path / "fonts.conf"
    no_fonts.write_text("<?xml version='1.0'?>\n<fontconfig></fontconfig>\n")
    result = prikaz(
        "build",
        str(editions.b),
        "-o",
        str(out),
        "--pdf",
        "--force",
        env=environment(path, FONTCONFIG_FILE=str(no_fonts)),
    )
    assert result.returncode == 0, result.stderr
    assert "предупреждение: не найдены шрифты Times New Roman и Liberation Serif" in result.stderr
    assert "fonts-liberation" in result.stderr
    pdfs = sorted(out.rglob("*.pdf"))
    assert len(pdfs) == len(editions.new) and all(p.read_bytes().startswith(b"%PDF-") for p in pdfs)
    assert not leftovers(out)
    from generator.render.pdf import font_warning

    if (
        shutil.which("fc-list")
        and "Liberation Serif" in subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    ):
        assert font_warning() is None  # with the fonts installed, no warning


# --- d) read-only output folder, e) full disk: in process ----------------------------------


@pytest.fixture
def cli(monkeypatch):
    """`prikaz` in process (click's runner); the signal handlers it installs are put back."""
    from click.testing import CliRunner

    from generator.cli import main

    saved = {n: signal.getsignal(n) for n in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    yield lambda *args: CliRunner().invoke(main, list(args))
    for number, handler in saved.items():
        signal.signal(number, handler)


def refuse(error: int):
    def fail(*args, **kwargs):
        raise OSError(error, os.strerror(error))

    return fail


SIMULATED = {
    # name: (what fails, errno, the Russian reason)
    "read-only-folder": ("tempfile.mkstemp", errno.EACCES, "нет прав на запись (EACCES)"),
    "read-only-filesystem": ("tempfile.mkstemp", errno.EROFS, "файловая система только для чтения (EROFS)"),
    "rename-refused": ("os.replace", errno.EROFS, "файловая система только для чтения (EROFS)"),
    "disk-full-on-sync": ("os.fsync", errno.ENOSPC, "нет места на диске (ENOSPC)"),
    "quota-on-sync": ("os.fsync", errno.EDQUOT, "превышена дисковая квота (EDQUOT)"),
}


@pytest.mark.parametrize("name", SIMULATED)
def test_disk_faults_simulated_in_process(editions, tmp_path, monkeypatch, cli, name):
    import generator.output as output

    what, error, reason = SIMULATED[name]
    module, function = what.split(".")
    out = editions.previous(tmp_path / "out")
    monkeypatch.setattr(getattr(output, module), function, refuse(error))
    result = cli("build", str(editions.b), "-o", str(out), "--force")
    monkeypatch.undo()
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output and "внутренняя ошибка" not in result.output
    assert "prikaz: не удалось" in result.stderr and reason in result.stderr, result.stderr
    assert snapshot(out) == editions.old  # the first write failed: nothing replaced, nothing left


# --- d) read-only output folder, for real --------------------------------------------------


READ_ONLY_MOUNT = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"'
EROFS = "файловая система только для чтения (EROFS)"
EACCES = "нет прав на запись (EACCES)"


def read_only(folder: Path) -> tuple[list[str], str]:
    """A command prefix under which `folder` cannot be written, and the reason prikaz names.

    Root ignores file permissions, so as root the folder is bind-mounted read-only onto
    itself in a private mount namespace (a real EROFS, from any folder, nothing left
    mounted); where mounting is not permitted, the command runs as user nobody, which
    needs the interpreter to be reachable by nobody. An ordinary user gets a folder
    without the write bit.
    """
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return [], EACCES
    unshare = shutil.which("unshare")
    if unshare:
        prefix = [unshare, "--mount", "--propagation", "private", "sh", "-c", READ_ONLY_MOUNT, "sh", str(folder)]
        probe = subprocess.run([*prefix, "sh", "-c", f"! touch {folder}/.probe 2>/dev/null"], capture_output=True)
        if probe.returncode == 0:
            return prefix, EROFS
        (folder / ".probe").unlink(missing_ok=True)
    setpriv = shutil.which("setpriv")
    if setpriv:
        prefix = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
        if subprocess.run([*prefix, str(PRIKAZ), "--version"], capture_output=True).returncode == 0:
            subprocess.run(["chown", "-R", f"{NOBODY}:{NOBODY}", str(folder.parent)], check=True)
            folder.chmod(0o555)
            return prefix, EACCES
    pytest.skip(
        "тесты идут от root, монтирование запрещено, а пользователь nobody не может запустить "
        f"{PRIKAZ} (папка закрыта для него): папку только для чтения не создать"
    )


def test_read_only_output_folder(editions):
    with tempfile.TemporaryDirectory(prefix="prikaz-ro-") as work:
        work = Path(work)
        work.chmod(0o755)
        shutil.copytree(editions.b, work / "content")
        out = editions.previous(work / "out")
        prefix, reason = read_only(out / "noglik")  # the first folder written
        env = environment(HOME=str(work))
        result = subprocess.run(
            [*prefix, str(PRIKAZ), "build", str(work / "content"), "-o", str(out), "--force"],
            cwd=work,
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )
        assert_failed_cleanly(result, 3, "не удалось создать файл в папке", reason)
        assert snapshot(out) == editions.old


# --- e) full disk, for real: a file size limit ---------------------------------------------


def size_limit(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.parametrize("limit", [4096, 45_000])
def test_file_size_limit_like_a_full_disk(editions, tmp_path, limit):
    """Python ignores SIGXFSZ: a write over RLIMIT_FSIZE fails with EFBIG, as on a full disk."""
    out = editions.previous(tmp_path / "out")
    result = prikaz("build", str(editions.b), "-o", str(out), "--force", preexec_fn=size_limit(limit))
    assert_failed_cleanly(
        result, 3, "не удалось записать", "превышен допустимый размер файла (EFBIG)", "прежний файл не изменён"
    )
    which = assert_old_or_new(out, editions.old, editions.new)
    if limit < min(map(len, editions.new.values())):
        assert set(which.values()) == {"old"}


# --- f) interrupts -------------------------------------------------------------------------


def start(args: list[str], log: Path, env: dict | None = None) -> subprocess.Popen:
    with open(log, "w") as stdout, open(log.with_suffix(".err"), "w") as stderr:
        return subprocess.Popen([str(PRIKAZ), *args], cwd=ROOT, stdout=stdout, stderr=stderr, env=env or environment())


def finish(process: subprocess.Popen, log: Path) -> subprocess.CompletedProcess:
    process.wait(timeout=60)
    return subprocess.CompletedProcess(
        process.args, process.returncode, log.read_text(), log.with_suffix(".err").read_text()
    )


def wait_for_first_write(process: subprocess.Popen, out: Path, limit: float = 30) -> None:
    """Until a file of out is replaced or a temporary file appears: the middle of the writes."""
    inodes = {p: p.stat().st_ino for p in out.rglob("*.docx")}
    deadline = time.monotonic() + limit
    while process.poll() is None and time.monotonic() < deadline:
        try:
            if leftovers(out) or any(p.stat().st_ino != inode for p, inode in inodes.items()):
                return
        except FileNotFoundError:
            continue
        time.sleep(0.001)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
def test_interrupt_in_the_middle_of_the_writes(big, tmp_path, sig):
    out = big.previous(tmp_path / "out")
    sources = snapshot(big.b)
    process = start(["build", str(big.b), "-o", str(out), "--force"], tmp_path / "log")
    wait_for_first_write(process, out)
    process.send_signal(sig)
    result = finish(process, tmp_path / "log")
    assert_failed_cleanly(result, 128 + sig, "прервано", "недописанных файлов нет")
    which = assert_old_or_new(out, big.old, big.new)
    assert "old" in which.values(), "сборка успела закончиться до сигнала"
    assert snapshot(big.b) == sources  # the content itself is never written


def test_interrupt_while_libreoffice_runs(editions, tmp_path):
    out = editions.previous(tmp_path / "out", pdf=True)
    fake = tmp_path / "fake"
    path = fake_soffice(fake, HANGING)
    process = start(["build", str(editions.b), "-o", str(out), "--pdf", "--force"], tmp_path / "log", environment(path))
    deadline = time.monotonic() + 30
    while not (fake / "child.pid").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGINT)
    result = finish(process, tmp_path / "log")
    assert_failed_cleanly(result, 130, "прервано")
    which = assert_old_or_new(out, editions.old_with_pdfs(), editions.new)
    assert all(which[name] == "old" for name in which if name.endswith(".pdf"))
    assert gone(pids(fake))


def gone(pids: list[int], within: float = 10.0) -> bool:
    """Every process has ended within `within` seconds: a killed group's members take a
    moment to die after prikaz itself has exited (a hang, not a slow exit, is the fault)."""
    deadline = time.monotonic() + within
    while any(running(pid) for pid in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_killed_build_leaves_whole_files_and_the_next_build_sweeps_temporaries(big, tmp_path):
    out = big.previous(tmp_path / "out")
    planted = out / "org" / f".tmp-{dead_pid()}-abcdef.part"  # as a power cut would leave it
    planted.write_bytes(b"PK\x03\x04 half a file")
    process = start(["build", str(big.b), "-o", str(out), "--force"], tmp_path / "log")
    wait_for_first_write(process, out)
    process.kill()
    process.wait(timeout=30)
    temporaries = [p for p in leftovers(out) if Path(p) != planted]
    for name, data in snapshot(out).items():  # apart from temporaries: old or new, whole
        if not (name.endswith(".part")):
            assert data in (big.old[name], big.new[name]), name
    again = prikaz("build", str(big.b), "-o", str(out), "--force")
    assert again.returncode == 0, again.stderr
    assert not leftovers(out), f"остались после повторной сборки: {leftovers(out)} (было {temporaries})"
    assert snapshot(out) == big.new


# --- g) two builds at once -----------------------------------------------------------------


def test_two_builds_at_once_into_one_folder(editions, tmp_path):
    out = editions.previous(tmp_path / "out")
    processes = [start(["build", str(editions.b), "-o", str(out), "--force"], tmp_path / f"log{i}") for i in range(2)]
    results = [finish(p, tmp_path / f"log{i}") for i, p in enumerate(processes)]
    for result in results:
        assert result.returncode == 0, result.stderr
    assert not leftovers(out)
    assert snapshot(out) == editions.new  # the output is deterministic: equal to one clean build


# --- h) Chromium and LibreOffice absent: only their own tests skip, saying why --------------


@pytest.mark.parametrize(
    "module, reason",
    [
        ("test_compare_html.py", "нет Chromium (пакет Debian chromium): make setup"),
        ("test_render_pdf.py", "нет LibreOffice: make setup"),
    ],
)
def test_tests_needing_a_browser_or_libreoffice_skip_with_the_reason(tmp_path, module, reason):
    empty = tmp_path / "bin"
    empty.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", str(ROOT / "tests" / module)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=environment(str(empty)),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "passed" not in result.stdout and "failed" not in result.stdout, result.stdout
    assert "SKIPPED" in result.stdout and reason in result.stdout, result.stdout
