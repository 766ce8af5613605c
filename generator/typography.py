"""Russian typography for generated documents: dates, quotes, non-breaking spaces.

Applied by the view, never stored: content keeps what the clerk typed. A document with
`typography: as-written` is printed exactly as typed: `as_written` switches `typeset` off
while the build renders it (docs/content-format.md lists what `typeset` changes).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import re
from functools import lru_cache

NBSP = "\u00a0"


def format_date(date: dt.date, style: str) -> str:
    """«09.09.2020» (numeric), «9 сентября 2020 г.» (long), «09 сентября 2020 г.» (long_zero)."""
    if style == "numeric":
        return date.strftime("%d.%m.%Y")
    from babel.dates import format_date as babel_date  # lazy: locale data is slow to load

    pattern = "dd MMMM y" if style == "long_zero" else "d MMMM y"
    return babel_date(date, pattern, locale="ru").replace(" ", NBSP, 1) + NBSP + "г."


def number_sign(number: str) -> str:
    """«№ 45» with a non-breaking space."""
    return f"№{NBSP}{number.strip()}"


# An opening quote follows the start, a space, an opening bracket or another quote.
_OPEN_CONTEXT = re.compile(r'(^|[\s(\[{«„\-–—/])"')
_INITIALS_BEFORE = re.compile(r"\b([А-ЯЁA-Z]\.)(\s?)([А-ЯЁA-Z]\.)\s+(?=[А-ЯЁ][а-яё])")
_INITIALS_AFTER = re.compile(r"(?<=[а-яё])\s+([А-ЯЁ]\.)(\s?)([А-ЯЁ]\.)")
_NUMBER_SIGN = re.compile(r"№[^\S\n]*(?=\S)")  # spaces, never a line break the writer typed
_YEAR_ABBREV = re.compile(r"(\d)\s+(гг?\.)")
_PROSE_HYPHEN = re.compile(r"(?<=\S) - (?=\S)")
# «2019-2025», «2019 - 2025», «2019—2025»: a range of years takes an en dash, no spaces.
_YEAR_RANGE = re.compile(r"(?<![\d.\-–—])((?:1[89]|2\d)\d\d)\s*[-‐‑–—]\s*((?:1[89]|2\d)\d\d)(?![\d\-–—])")
_SURNAME_FIRST = re.compile(
    r"^\s*(?P<surname>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)\s+(?P<initials>[А-ЯЁ]\.(?:\s?[А-ЯЁ]\.)?)\s*$"
)


_AS_WRITTEN = contextvars.ContextVar("as_written", default=False)


@contextlib.contextmanager
def as_written(on: bool):
    """While rendering a document that asks for its text exactly as typed."""
    token = _AS_WRITTEN.set(on)
    try:
        yield
    finally:
        _AS_WRITTEN.reset(token)


def writing_as_typed() -> bool:
    """Whether the document being rendered asks for its text exactly as typed (`as_written`)."""
    return _AS_WRITTEN.get()


def typeset(text: str) -> str:
    """Straight quotes to «ёлочки», non-breaking spaces after «№», in names and before «г.»,
    « - » between words to « – »."""
    if _AS_WRITTEN.get():
        return text
    return _typeset(text)


# The same cells are typeset again and again (the wording compares every printed unit with
# each candidate replacement): a pure function of its text, so a cache pays.
@lru_cache(maxsize=1 << 16)
def _typeset(text: str) -> str:
    if '"' in text:
        text = _quotes(text)
    text = _NUMBER_SIGN.sub("№" + NBSP, text)
    text = _YEAR_RANGE.sub("\\1–\\2", text)
    text = _INITIALS_BEFORE.sub(lambda m: _initials(m) + NBSP, text)
    text = _INITIALS_AFTER.sub(lambda m: NBSP + _initials(m), text)
    text = _YEAR_ABBREV.sub(r"\1" + NBSP + r"\2", text)
    return _PROSE_HYPHEN.sub(NBSP + "– ", text)


def _initials(match: re.Match) -> str:
    """Initials written «Л.М.» or «Р. М.»: keep the clerk's spacing, but unbreakable."""
    gap = NBSP if match.group(2) else ""
    return f"{match.group(1)}{gap}{match.group(3)}"


def _quotes(text: str) -> str:
    text = _OPEN_CONTEXT.sub(lambda m: m.group(1) + "«", text)
    return text.replace('"', "»")


_DASHES = re.compile(r"[-‐‑‒–—]")
_SPACES = re.compile(r"\s+")


def printed_key(text: str) -> str:
    """What a reader sees of a text, for telling visible edits from typing ones.

    Two texts with one key print the same to a reader of an act: quotes straight or
    «ёлочки», «ё» or «е» (official texts write «е»), a hyphen or a dash, and spacing.
    """
    return _printed_key(text, _AS_WRITTEN.get())


@lru_cache(maxsize=1 << 16)
def _printed_key(text: str, as_written: bool) -> str:
    text = text if as_written else _typeset(text)
    text = text.replace("“", "«").replace("”", "»").replace("„", "«")
    text = text.replace("ё", "е").replace("Ё", "Е")
    text = _DASHES.sub("-", text)
    text = _SPACES.sub(" ", text.replace(NBSP, " ")).strip()
    return re.sub(r" ?- ?", "-", text)


def typeset_title(text: str) -> str:
    """A title: typeset, and its last word bound to the one before it.

    A centred title must not end with one word alone on its last line («… на 2019–2025
    / годы»): a non-breaking space before the last word carries it over with its neighbour.
    """
    text = typeset(text).rstrip()
    if _AS_WRITTEN.get():
        return text
    head, space, last = text.rpartition(" ")
    return f"{head}{NBSP}{last}" if space and head else text


def surname_first(name: str) -> re.Match | None:
    """«Ренкевич Л.М.»: a signature written surname first, as ГОСТ Р 7.0.97 does not."""
    return _SURNAME_FIRST.match(name)


def signature_name(name: str) -> str:
    """The signer as ГОСТ Р 7.0.97 prints him: initials, then the surname («Л.М. Ренкевич»)."""
    found = surname_first(name)
    if found:
        name = f"{found['initials']}{NBSP}{found['surname']}"
    return typeset(name)
