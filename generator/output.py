"""The one module that writes files: atomically, under the output folder, safe names.

A file is written under a temporary name beside its target (`.tmp-<pid>-….part`), synced
and renamed over the target, so a reader sees the previous file or the new one, never a
half of either. Ctrl-C and SIGTERM are held back for the few milliseconds of one write and
delivered right after it, so an interrupt never leaves a temporary file behind; a process
killed outright (SIGKILL, power loss) may, and the next write into that folder removes
temporaries whose process is gone. Two builds writing the same file both rename complete
files: the last rename wins.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import tempfile
import threading
import unicodedata

from .errors import ToolError

_UNSAFE = re.compile(r"[^0-9A-Za-zА-Яа-яЁё._-]+")
MAX_NAME_BYTES = 240  # file systems allow 255 bytes in a name
_LEFTOVER = re.compile(r"^\.tmp-(\d+)-.*\.part$")
_DEFERRED = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
_swept: set[str] = set()

REASONS: dict[int | None, str] = {  # an OSError made without a code has errno None
    errno.EACCES: "нет прав на запись",
    errno.EPERM: "нет прав на запись",
    errno.EROFS: "файловая система только для чтения",
    errno.ENOSPC: "нет места на диске",
    errno.EDQUOT: "превышена дисковая квота",
    errno.EFBIG: "превышен допустимый размер файла",
    errno.EIO: "ошибка ввода-вывода: диск неисправен или отключён",
    errno.ENOENT: "нет такого файла или папки",
    errno.ENOTDIR: "на месте папки находится файл",
    errno.EEXIST: "на месте папки находится файл",
    errno.EISDIR: "на месте файла находится папка",
    errno.ENAMETOOLONG: "слишком длинное имя",
    errno.EMFILE: "открыто слишком много файлов",
    errno.ENFILE: "открыто слишком много файлов",
}


def reason(e: OSError) -> str:
    """Why a file operation failed, in Russian, with the system's code for an administrator."""
    code = errno.errorcode.get(e.errno or 0, str(e.errno))
    return f"{REASONS.get(e.errno, 'ошибка файловой системы')} ({code})"


def safe_name(name: str) -> str:
    """A file name from an identifier: no separators, no leading dot, never empty.

    Letters are NFC-normalised (a folder name typed on a Mac is NFD). A name too long for a
    file system is cut in its stem, never in its extension («.comparison.docx» stays), so a
    long id cannot lose its suffix and overwrite its sibling; ids (at most 100 characters)
    are never cut. Calling it twice changes nothing."""
    cleaned = _UNSAFE.sub("_", unicodedata.normalize("NFC", name)).strip("._") or "document"
    if len(cleaned.encode("utf-8")) <= MAX_NAME_BYTES:
        return cleaned
    stem, dot, extension = cleaned.partition(".")
    budget = MAX_NAME_BYTES - len((dot + extension).encode("utf-8"))
    stem = stem.encode("utf-8")[: max(budget, 1)].decode("utf-8", "ignore") or "d"
    return (stem + dot + extension)[:MAX_NAME_BYTES]


def relative_path(*parts: str) -> str:
    """The one way an output path is made: safe names joined by «/», relative to the output
    folder. The writer (target_path) and the site's links both use it, so a link always
    names the file that was written."""
    return "/".join(safe_name(part) for part in parts)


def target_path(out_dir: str, *parts: str) -> str:
    """A path inside out_dir made of safe names; refuses to leave out_dir, also through a
    symbolic link inside it (a link «org -> /etc» would otherwise be written through)."""
    root = os.path.abspath(out_dir)
    path = os.path.abspath(os.path.join(root, *relative_path(*parts).split("/")))
    real_root = os.path.realpath(root)
    if os.path.commonpath([root, path]) != root or os.path.commonpath([real_root, os.path.realpath(path)]) != real_root:
        raise ToolError(f"путь {path} выходит за пределы папки {root} (символическая ссылка?); ничего не записано")
    return path


def write_atomic(path: str, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written file."""
    with interrupts_deferred():
        _write(path, data)


def write_if_changed(path: str, data: bytes) -> bool:
    """write_atomic, unless the file already holds these bytes: an unchanged file keeps its
    time, so rebuilding or re-publishing unchanged content changes no file. True if written."""
    try:
        if os.path.getsize(path) == len(data):
            with open(path, "rb") as f:
                if f.read() == data:
                    return False
    except OSError:
        pass
    write_atomic(path, data)
    return True


def _write(path: str, data: bytes) -> None:
    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, exist_ok=True)
        _sweep(folder)
        fd, temporary = tempfile.mkstemp(prefix=f".tmp-{os.getpid()}-", suffix=".part", dir=folder)
    except OSError as e:
        raise ToolError(f"не удалось создать файл в папке {folder}: {reason(e)}") from e
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(e, OSError):
            raise ToolError(f"не удалось записать {path}: {reason(e)}; прежний файл не изменён") from e
        raise


@contextlib.contextmanager
def interrupts_deferred():
    """Hold Ctrl-C, SIGTERM and SIGHUP until the block ends; they are delivered after it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _DEFERRED)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _sweep(folder: str) -> None:
    """Remove temporaries left in this folder by writers that no longer run (once a process)."""
    if folder in _swept:
        return
    _swept.add(folder)
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        match = _LEFTOVER.match(name)
        if match and not alive(int(match.group(1))):
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(folder, name))


def alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True
