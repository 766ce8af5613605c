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
    parts: list[str | bytes] = [cache.installed_file(package, name) for package, name in _VERSION_FILES]
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


def answers() -> cache.Answers:
    """word → its correction ("" for none), kept per dictionaries and rule."""
    return cache.Answers(lambda: f"spelling-{_dictionaries_key()}.json")
