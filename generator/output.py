"""The one module that writes files: atomically, under the output folder, safe names."""

from __future__ import annotations

import os
import re
import tempfile

from .errors import ToolError

_UNSAFE = re.compile(r"[^0-9A-Za-zА-Яа-яЁё._-]+")


def safe_name(name: str) -> str:
    """A file name from an identifier: no separators, no leading dot, never empty."""
    cleaned = _UNSAFE.sub("_", name).strip("._") or "document"
    return cleaned[:100]


def target_path(out_dir: str, *parts: str) -> str:
    """A path inside out_dir made of safe names; refuses to leave out_dir."""
    root = os.path.abspath(out_dir)
    path = os.path.abspath(os.path.join(root, *(safe_name(p) for p in parts)))
    if os.path.commonpath([root, path]) != root:
        raise ToolError(f"путь {path} выходит за пределы папки {root}")
    return path


def write_atomic(path: str, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written file."""
    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=".tmp-", suffix=".part", dir=folder)
    except OSError as e:
        raise ToolError(f"не удалось создать файл в папке {folder}: {e.strerror}") from e
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException as e:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise ToolError(f"не удалось записать {path}: {e.strerror}") from e
        raise
