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
import json
import os
import sys
import tempfile
from collections.abc import Callable
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


def installed_file(package: str, name: str) -> bytes:
    """A file of an installed library, found without importing the library (its version
    file, say, for a key), or b"" when there is none."""
    from importlib.util import find_spec

    try:
        spec = find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            return b""
        return (Path(next(iter(spec.submodule_search_locations))) / name).read_bytes()
    except (OSError, ImportError, ValueError):
        return b""


class Answers:
    """A question's answers kept between runs: text → text, in one JSON file named by
    `name()` (called on first use: the digest in it may cost a little to compute), read on
    first use and written back by `save` only if it grew."""

    def __init__(self, name: Callable[[], str]) -> None:
        self._name_of = name
        self._name: str | None = None
        self._answers: dict[str, str] | None = None
        self._added = False

    def _load(self) -> dict[str, str]:
        if self._answers is None:
            self._name = self._name_of()
            try:
                kept = json.loads(read(self._name) or b"{}")
            except ValueError:  # a copy that is no JSON: asked again
                kept = {}
            kept = kept if isinstance(kept, dict) else {}
            self._answers = {k: v for k, v in kept.items() if isinstance(k, str) and isinstance(v, str)}
        return self._answers

    def get(self, question: str) -> str | None:
        """The kept answer, or None when the question was never asked."""
        return self._load().get(question)

    def put(self, question: str, answer: str) -> None:
        self._load()[question] = answer
        self._added = True

    def save(self) -> None:
        if not self._added or self._name is None or self._answers is None:
            return
        write(self._name, json.dumps(self._answers, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        self._added = False
