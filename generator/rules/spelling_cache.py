"""The spelling rule's answers kept between runs, so that a check does not load dictionaries
to look up words it has already looked up.

Loading pymorphy3's and hunspell's dictionaries costs more than checking a plan of a
thousand measures; the words a department leaves to the dictionaries are few and the same
from run to run. The answers (word → correction, or none) are kept in the user's cache
folder, in a file named by what decides them: the versions of both dictionaries and the
source of the spelling rule. Another dictionary or another rule reads another file, so a
stale answer is never used. The cache is only a copy (generator/cache.py): a file that
cannot be read or written is ignored.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .. import cache

# Where enchant finds a Russian hunspell dictionary on the systems prikaz runs on.
_DICTIONARY_FOLDERS = (
    "/usr/share/hunspell",
    "/usr/share/myspell",
    "/usr/share/myspell/dicts",
    "/usr/local/share/hunspell",
    "/Library/Spelling",
    "~/Library/Spelling",
    "~/.config/enchant/hunspell",
    "~/.local/share/enchant/hunspell",
)


# The files that name each library's version: read as bytes, not through
# importlib.metadata, whose import (email, zipfile, csv…) cost more than the lookups.
_VERSION_FILES = (
    ("pymorphy3", "version.py"),
    ("pymorphy3_dicts_ru", "version.py"),
    ("pymorphy3_dicts_ru", "data/meta.json"),
    ("enchant", "__init__.py"),
)


def _dictionaries_key() -> str:
    """A digest of everything an answer depends on, read without loading a dictionary."""
    parts = [_library_file(package, name) for package, name in _VERSION_FILES]
    for folder in _DICTIONARY_FOLDERS:
        for name in ("ru_RU.dic", "ru_RU.aff"):
            path = Path(folder).expanduser() / name
            try:
                stat = path.stat()
            except OSError:
                continue
            parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    parts.append(hashlib.sha256(Path(__file__).with_name("spelling.py").read_bytes()).hexdigest())
    return cache.digest(*parts)


def _library_file(package: str, name: str) -> bytes:
    """A file of an installed library (found without importing it), or b"" without one."""
    from importlib.util import find_spec

    try:
        spec = find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            return b""
        return (Path(next(iter(spec.submodule_search_locations))) / name).read_bytes()
    except (OSError, ImportError, ValueError):
        return b""


class Answers:
    """word → its correction ("" for none), loaded lazily and saved once if it grew."""

    def __init__(self) -> None:
        self._name: str | None = None
        self._words: dict[str, str] | None = None
        self._added = False

    def _load(self) -> dict[str, str]:
        if self._words is None:
            self._words = {}
            self._name = f"spelling-{_dictionaries_key()}.json"
            try:
                words = json.loads(cache.read(self._name) or b"{}")
            except ValueError:  # a damaged copy: looked up again
                words = {}
            if isinstance(words, dict):
                self._words = {k: v for k, v in words.items() if isinstance(k, str) and isinstance(v, str)}
        return self._words

    def get(self, word: str) -> str | None:
        """The kept answer: a correction, "" for none, None when the word was never asked."""
        return self._load().get(word)

    def put(self, word: str, correction: str | None) -> None:
        self._load()[word] = correction or ""
        self._added = True

    def save(self) -> None:
        if not self._added or self._name is None or self._words is None:
            return
        cache.write(self._name, json.dumps(self._words, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        self._added = False
