"""DOCX files → PDF files through LibreOffice: one process for a whole batch.

A cold LibreOffice start costs seconds, so every file of a batch goes through one
`soffice --convert-to` call (measured in bench/). Each run has its own profile folder,
a time limit, and kills everything it started when the limit passes. PDFs are written
beside their DOCX atomically: a failed run leaves the previous PDF in place. Their
metadata is then rewritten from the DOCX (pdf_meta), so a rebuild gives the same metadata.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..errors import ToolError
from ..output import alive, interrupts_deferred, write_atomic
from .pdf_meta import apply_metadata, metadata_of_docx

# PDF/A-2b and tagged PDF: archival, searchable, accessible (LibreOffice ≥ 7.4).
PDF_FILTER = (
    'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"},'
    '"UseTaggedPDF":{"type":"boolean","value":"true"}}'
)
INSTALL_HINT = (
    "установите LibreOffice: sudo apt-get install libreoffice-writer-nogui fonts-liberation "
    "(или выполните make setup)"
)


DEFAULT_TIMEOUT = 600.0  # seconds for one batch; 5,000 measures took 11 s (bench/)
TIMEOUT_ENV = "PRIKAZ_PDF_TIMEOUT"
FONTS = ("Times New Roman", "Liberation Serif")  # the templates' font, or its metric twin


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def parse_timeout(text: str, where: str) -> float:
    """Seconds from an option or the environment; ValueError with a Russian message."""
    try:
        seconds = float(text.strip().replace(",", "."))
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds) or seconds <= 0:
        raise ValueError(f"{where}: «{text}» — не время в секундах; укажите положительное число, например 300")
    return seconds


def timeout_setting(option: str | None) -> float:
    """The time limit of a batch: the option, else PRIKAZ_PDF_TIMEOUT, else the default."""
    if option is not None:
        return parse_timeout(option, "--pdf-timeout")
    if os.environ.get(TIMEOUT_ENV, "").strip():
        return parse_timeout(os.environ[TIMEOUT_ENV], TIMEOUT_ENV)
    return DEFAULT_TIMEOUT


def font_warning() -> str | None:
    """A Russian warning when fontconfig knows neither Times New Roman nor Liberation Serif."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        families = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    if any(font in families for font in FONTS):
        return None
    return ("не найдены шрифты Times New Roman и Liberation Serif: LibreOffice наберёт PDF другим "
            "шрифтом, и страницы разойдутся с DOCX; установите fonts-liberation (или выполните make setup)")


def convert(docx_files: list[str], timeout: float = DEFAULT_TIMEOUT) -> list[str]:
    """Convert DOCX files to PDF files beside them; return the PDF paths."""
    soffice = find_soffice()
    if soffice is None:
        raise ToolError(f"LibreOffice не найден, PDF не созданы: {INSTALL_HINT}")
    written: list[str] = []
    for batch in _batches_with_unique_names(docx_files):
        written += _convert_batch(soffice, batch, timeout)
    return written


def _batches_with_unique_names(files: list[str]) -> list[list[str]]:
    """LibreOffice writes <stem>.pdf into one folder: equal stems go to separate runs."""
    batches: list[list[str]] = []
    for path in files:
        stem = Path(path).stem
        for batch in batches:
            if all(Path(other).stem != stem for other in batch):
                batch.append(path)
                break
        else:
            batches.append([path])
    return batches


WORK_PREFIX = "prikaz-lo-"
_STALE_WORK = re.compile(rf"^{WORK_PREFIX}(\d+)-")


def _convert_batch(soffice: str, files: list[str], timeout: float) -> list[str]:
    sweep_stale_work()
    with tempfile.TemporaryDirectory(prefix=f"{WORK_PREFIX}{os.getpid()}-") as work:
        profile = Path(work, "profile").as_uri()
        out_dir = Path(work, "pdf")
        command = [
            soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
            "--nolockcheck", "--convert-to", PDF_FILTER, "--outdir", str(out_dir),
            *[os.path.abspath(f) for f in files],
        ]
        _run(command, timeout)
        ready = []
        for path in files:  # the whole batch or nothing: a half-done run replaces no PDF
            pdf = out_dir / (Path(path).stem + ".pdf")
            data = pdf.read_bytes() if pdf.is_file() else b""
            if not _whole_pdf(data):
                what = "пустой или неполный PDF" if data else "PDF"
                raise ToolError(f"LibreOffice не создал {what} для {path}; прежние PDF не изменены")
            target = str(Path(path).with_suffix(".pdf"))
            meta = metadata_of_docx(Path(path).read_bytes())
            try:
                ready.append((target, apply_metadata(data, meta)))
            except Exception as e:  # a PDF that looks whole but does not parse
                raise ToolError(f"LibreOffice создал повреждённый PDF для {path} ({type(e).__name__}); "
                                "прежние PDF не изменены")
        for target, data in ready:
            write_atomic(target, data)
        return [target for target, _ in ready]


def _whole_pdf(data: bytes) -> bool:
    """A PDF header at the start and an end-of-file marker at the end: not cut short."""
    return data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]


def _run(command: list[str], timeout: float) -> None:
    env = dict(os.environ, HOME=os.environ.get("HOME", "/tmp"), SAL_USE_VCLPLUGIN="svp")
    process: subprocess.Popen | None = None
    guard: subprocess.Popen | None = None
    try:
        # A Ctrl-C that lands in a fork is lost (Python runs fork handlers then, and an
        # exception there is only printed): hold it until both processes are started.
        with interrupts_deferred():
            process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True,
                preexec_fn=_die_with_parent,
            )
            guard = _guard(process.pid)
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise ToolError(f"LibreOffice не уложился в отведённое время ({timeout:g} с) и был остановлен; "
                        f"PDF не созданы, прежние PDF не изменены. Предел задаётся переменной {TIMEOUT_ENV} "
                        "или параметром --pdf-timeout (в секундах)")
    except BaseException:
        if process is not None:
            _kill_group(process)
        raise
    finally:
        if guard is not None:
            guard.kill()
            guard.wait()
    _kill_group(process)  # helpers it may have left running
    if process.returncode != 0:
        detail = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        if process.returncode < 0:
            how = f"аварийно завершился (сигнал {_signal_name(-process.returncode)})"
        else:
            how = f"завершился с ошибкой (код {process.returncode})"
        tail = f"; его сообщение: {detail[0][:300]}" if detail[0] else ""
        raise ToolError(f"LibreOffice {how}; PDF не созданы, прежние PDF не изменены{tail}")


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return str(number)


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


PR_SET_PDEATHSIG = 1


def _die_with_parent(number: int = signal.SIGKILL) -> None:
    """In the child before exec: get this signal when prikaz dies, even by SIGKILL (Linux);
    and take signals again (the parent holds Ctrl-C while it forks, and a mask is inherited)."""
    signal.pthread_sigmask(signal.SIG_SETMASK, set())
    with contextlib.suppress(Exception):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, number, 0, 0, 0)


def _guard(group: int) -> subprocess.Popen | None:
    """A watchman that kills LibreOffice's whole process group if prikaz dies.

    The parent-death signal reaches only the process prikaz starts (the launcher,
    oosplash); soffice.bin is the launcher's child and would live on with parent 1. The
    watchman is a shell that gets SIGTERM when prikaz dies and then kills the group; it
    ends by itself when the group is gone. Stale work of runs killed before the watchman
    could act is cleaned by the next run (sweep_stale_work)."""
    script = (f'trap "kill -KILL -{group} 2>/dev/null; exit 0" TERM; '
              f"while kill -0 -{group} 2>/dev/null; do sleep 0.2; done")
    try:
        return subprocess.Popen(["/bin/sh", "-c", script], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True,
                                preexec_fn=lambda: _die_with_parent(signal.SIGTERM))
    except OSError:
        return None


def sweep_stale_work(folder: str | None = None) -> list[str]:
    """Clean up after runs killed outright: a `prikaz-lo-<pid>-…` folder whose prikaz is gone
    is removed, and LibreOffice processes still using its profile are killed first."""
    folder = folder or tempfile.gettempdir()
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        match = _STALE_WORK.match(name)
        path = os.path.join(folder, name)
        if not match or alive(int(match.group(1))):
            continue
        try:
            if os.lstat(path).st_uid != os.getuid() or not os.path.isdir(path):
                continue
        except OSError:
            continue
        for pid in _processes_using(path):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def _processes_using(path: str) -> list[int]:
    """Processes whose command line names this folder (LibreOffice's -env:UserInstallation)."""
    needle = os.fsencode(path)
    found = []
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                if needle in f.read():
                    found.append(int(entry))
        except OSError:
            continue
    return found
