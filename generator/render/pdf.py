"""The `pdf` writer: DOCX bytes → PDF bytes through LibreOffice, one process for a whole batch.

A cold LibreOffice start costs seconds, so every document of a batch goes through one
`soffice --convert-to` call (measured in bench/). LibreOffice reads and writes files: they
live in a private temporary folder of the run (`prikaz-lo-<pid>-…`, with its own profile),
which is removed when the run ends — also on a failure, a time limit or Ctrl-C — and by the
next run when prikaz was killed outright (sweep_stale_work). The run has a time limit and
kills everything it started when the limit passes. The whole batch or nothing: a failed run
returns no PDF, so the caller replaces none. Each PDF's metadata is rewritten from its DOCX
(pdf_meta), so the same DOCX gives the same PDF.
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
from collections.abc import Sequence
from pathlib import Path

from ..errors import ToolError
from ..output import alive, interrupts_deferred, reason
from .pdf_meta import apply_metadata
from .properties import Properties, properties_of_docx
from .writers import DEFAULT_PDF_TIMEOUT, Options

# PDF/A-2b and tagged PDF: archival, searchable, accessible (LibreOffice ≥ 7.4).
PDF_FILTER = (
    'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"},'
    '"UseTaggedPDF":{"type":"boolean","value":"true"}}'
)
INSTALL_HINT = (
    "установите LibreOffice: sudo apt-get install libreoffice-writer-nogui fonts-liberation (или выполните make setup)"
)


DEFAULT_TIMEOUT = DEFAULT_PDF_TIMEOUT
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
    return (
        "не найдены шрифты Times New Roman и Liberation Serif: LibreOffice наберёт PDF другим "
        "шрифтом, и страницы разойдутся с DOCX; установите fonts-liberation (или выполните make setup)"
    )


WORK_PREFIX = "prikaz-lo-"
_STALE_WORK = re.compile(rf"^{WORK_PREFIX}(\d+)-")


def write(documents: Sequence[bytes], options: Options) -> list[bytes]:
    """The PDF of each DOCX, in order, from one LibreOffice run."""
    if not documents:
        return []
    soffice = find_soffice()
    if soffice is None:
        raise ToolError(f"LibreOffice не найден, PDF не созданы: {INSTALL_HINT}")
    props = [properties_of_docx(data) for data in documents]
    sweep_stale_work()
    with _work_folder() as work:
        # Numbered names: LibreOffice writes <stem>.pdf, and numbers never collide.
        files = [Path(work, "docx", f"{index:05d}.docx") for index in range(len(documents))]
        try:
            files[0].parent.mkdir()
            for path, data in zip(files, documents):
                path.write_bytes(data)
        except OSError as e:
            raise ToolError(
                f"не удалось подготовить файлы для LibreOffice в папке {work}: {reason(e)}; "
                "PDF не созданы, прежние PDF не изменены"
            ) from e
        out_dir = Path(work, "pdf")
        command = [
            soffice,
            f"-env:UserInstallation={Path(work, 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            PDF_FILTER,
            "--outdir",
            str(out_dir),
            *map(str, files),
        ]
        _run(command, options.pdf_timeout)
        return [
            _finished(out_dir / (path.stem + ".pdf"), meta, index, len(documents))
            for index, (path, meta) in enumerate(zip(files, props))
        ]


@contextlib.contextmanager
def _work_folder():
    """The run's private folder, removed when the run ends however it ends."""
    try:
        work = tempfile.TemporaryDirectory(prefix=f"{WORK_PREFIX}{os.getpid()}-")
    except OSError as e:
        raise ToolError(f"не удалось создать временную папку для LibreOffice: {reason(e)}; PDF не созданы") from e
    with work as path:
        yield path


def _finished(pdf: Path, meta: Properties, index: int, count: int) -> bytes:
    """LibreOffice's PDF checked whole and given the DOCX's metadata; else a ToolError."""
    data = pdf.read_bytes() if pdf.is_file() else b""
    which = _which(meta, index, count)
    if not _whole_pdf(data):
        what = "пустой или неполный PDF" if data else "PDF"
        raise ToolError(f"LibreOffice не создал {what} для {which}; прежние PDF не изменены")
    try:
        return apply_metadata(data, meta)
    except Exception as e:  # a PDF that looks whole but does not parse
        raise ToolError(
            f"LibreOffice создал повреждённый PDF для {which} ({type(e).__name__}); прежние PDF не изменены"
        ) from e


def _which(meta: Properties, index: int, count: int) -> str:
    """A document of the batch as a reader knows it: by its title, else by its place."""
    place = f"документа {index + 1} из {count}"
    title = " ".join(meta.title.split())
    if not title:
        return place
    return f"{place} «{title if len(title) <= 80 else title[:79] + '…'}»"


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
                command,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
                start_new_session=True,
                preexec_fn=_die_with_parent,
            )
            guard = _guard(process.pid)
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        assert process is not None  # only communicate() has a time limit, and it runs after the start
        _kill_group(process)
        raise ToolError(
            f"LibreOffice не уложился в отведённое время ({timeout:g} с) и был остановлен; "
            f"PDF не созданы, прежние PDF не изменены. Предел задаётся переменной {TIMEOUT_ENV} "
            "или параметром --pdf-timeout (в секундах)"
        )
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
    for stream in (process.stdout, process.stderr):  # left open when communicate was cut short
        if stream is not None:
            stream.close()


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
    script = (
        f'trap "kill -KILL -{group} 2>/dev/null; exit 0" TERM; while kill -0 -{group} 2>/dev/null; do sleep 0.2; done'
    )
    try:
        return subprocess.Popen(
            ["/bin/sh", "-c", script],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=lambda: _die_with_parent(signal.SIGTERM),
        )
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
