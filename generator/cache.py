"""Files kept between runs in the user's cache folder: copies that save time, never data.

Each file is named by a digest of everything its content depends on, so a changed input
reads another file and a stale copy is never used. Each file also carries a digest of its
own content: a damaged or truncated copy reads as none. A file that cannot be read or
written is ignored: the caller computes the answer again, and nothing fails for want of a
cache.

The folder is `PRIKAZ_CACHE_DIR` if set, else the platform's cache folder
(`%LOCALAPPDATA%`, `~/Library/Caches`, `$XDG_CACHE_HOME` or `~/.cache`) + `prikaz`.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path


def folder() -> Path:
    configured = os.environ.get("PRIKAZ_CACHE_DIR")
    if configured:
        return Path(configured)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or "~/AppData/Local"
    elif sys.platform == "darwin":
        base = "~/Library/Caches"
    else:
        base = os.environ.get("XDG_CACHE_HOME") or "~/.cache"
    return Path(base).expanduser() / "prikaz"


def digest(*parts: str | bytes) -> str:
    """A short name for a combination of inputs (collisions are not a practical concern)."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))  # («ab», «c») is not («a», «bc»)
        hasher.update(data)
    return hasher.hexdigest()[:24]


_SEAL = 16  # bytes of sha256 before the content


def read(name: str) -> bytes | None:
    """The kept bytes, or None when there are none, or they cannot be read, or they are
    not what was written."""
    try:
        kept = (folder() / name).read_bytes()
    except OSError:
        return None
    seal, data = kept[:_SEAL], kept[_SEAL:]
    return data if len(seal) == _SEAL and hashlib.sha256(data).digest()[:_SEAL] == seal else None


def write(name: str, data: bytes) -> None:
    """Keep `data` under `name`, whole or not at all: another process reading the same name
    meanwhile sees the old file or the new one, never half of it."""
    path = folder() / name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(hashlib.sha256(data).digest()[:_SEAL] + data)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass  # a read-only home or a full disk: the next run computes it again
