"""Spelling from a real dictionary: Russian hunspell (Debian's hunspell-ru) through enchant.

A word is reported only when nobody knows it — not hunspell, not the morphological
analyser's dictionary (pymorphy3 knows many forms hunspell lacks: «мониторингов»), not the
department's own vocabulary (a word its documents use twice or more, the words of
organization.yaml, abbreviations) — and when one slip away from it (a letter dropped,
added, changed or two swapped) there is a word hunspell knows. Unknown words with no close
dictionary word are terms and names, not typos.

Each distinct word is looked up once per process (lru_cache), and its answer is kept
between runs (spelling_cache): a check whose words were all asked before loads no
dictionary.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..errors import Problem
from . import Context, Field
from .spelling_cache import answers

_ALPHABET = "абвгдежзийклмнопрстуфхцчшщъыьэюя"
_WORD = re.compile(r"(?<![0-9A-Za-zА-Яа-яЁё-])[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*(?![0-9A-Za-zА-Яа-яЁё])")
_SENTENCE_START = re.compile(r"(?:^|[.!?…:;]\s+|\n\s*|^[\s«\"(]*)$")


@lru_cache(maxsize=1)
def _hunspell():
    """The ru_RU dictionary, or None where enchant or the dictionary is missing (then
    spelling is not checked; tools/setup.sh installs both)."""
    try:
        import enchant

        return enchant.Dict("ru_RU")
    except Exception:  # ImportError, enchant.errors.DictNotFoundError, a missing libenchant
        return None


@lru_cache(maxsize=1)
def _morph():
    try:
        import pymorphy3

        return pymorphy3.MorphAnalyzer()
    except Exception:
        return None


def available() -> bool:
    return _hunspell() is not None


@lru_cache(maxsize=65536)
def in_dictionary(word: str) -> bool:
    """Whether hunspell knows the word (in the case typed, or in lower case)."""
    d = _hunspell()
    if d is None:
        return False
    return d.check(word) or d.check(word.lower()) or d.check(word.lower().replace("ё", "е"))


@lru_cache(maxsize=65536)
def _known_form(word: str) -> bool:
    morph = _morph()
    return morph is not None and morph.word_is_known(word)


def _slips(word: str) -> Iterator[str]:
    """Every word one slip away: deletion, transposition, substitution, insertion."""
    for i in range(len(word)):
        yield word[:i] + word[i + 1 :]
        if i + 1 < len(word):
            yield word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        for c in _ALPHABET:
            if c != word[i]:
                yield word[:i] + c + word[i + 1 :]
    for i in range(len(word) + 1):
        for c in _ALPHABET:
            yield word[:i] + c + word[i:]


_ANSWERS = answers()


@lru_cache(maxsize=65536)
def correction(word: str) -> str | None:
    """The dictionary word one slip away from an unknown lower-case word, or None; an
    answer kept from an earlier run with the same dictionaries is taken as it is."""
    kept = _ANSWERS.get(word)
    if kept is not None:
        return kept or None
    found = _looked_up_correction(word)
    if _morph() is not None:  # without the dictionaries nothing was looked up: keep nothing
        _ANSWERS.put(word, found or "")
    return found


def _looked_up_correction(word: str) -> str | None:
    # pymorphy3 first: it loads in a third of hunspell's time, and a document whose every
    # word it knows never loads hunspell at all.
    if _known_form(word) or in_dictionary(word):
        return None
    if word.startswith("не") and (_known_form(word[2:]) or in_dictionary(word[2:])):
        return None  # «неуспешности»: «не» written together with a known word
    d = _hunspell()
    if d is None:
        return None
    # A correction known to both dictionaries: rare words of hunspell («ионофоны» for
    # «инофоны») are not what a clerk meant.
    found = [w for w in dict.fromkeys(_slips(word)) if len(w) >= 4 and d.check(w) and _known_form(w)]
    if not found:
        return None
    # Prefer a known word that shares the ending: «пдагогов» → «педагогов».
    found.sort(key=lambda w: (w[-2:] != word[-2:], w[:1] != word[:1]))
    return found[0]


def custom_words(ctx: Context) -> set[str]:
    """The department's own vocabulary: words its documents use more than once, and every
    word of organization.yaml (names, units, signatories, its abbreviations); lower case,
    «ё» as «е»."""
    if "custom-words" not in ctx.cache:
        from .hygiene import word_counts  # the documents' words, counted once for all rules

        words = {w for w, n in word_counts(ctx).items() if n > 1}
        for f in ctx.organization_fields:
            words.update(_plain(w) for w in _WORD.findall(f.text))
        words.update(_plain(a) for a in ctx.organization.abbreviations)
        ctx.cache["custom-words"] = words
    return ctx.cache["custom-words"]


def _plain(word: str) -> str:
    return word.lower().replace("ё", "е")


def misspelt_words(ctx: Context, fields: list[Field], already: set[str]) -> Iterator[Problem]:
    """Words one slip away from a dictionary word, once per distinct word and document."""
    custom = custom_words(ctx)
    seen: set[str] = set()  # a text read again reports nothing new: its words are in `already`
    for f in fields:
        if f.kind == "responsible" or f.text in seen:
            continue  # unit names: compared with each other by the unit rules
        seen.add(f.text)
        for match in _WORD.finditer(f.text):
            word = match.group(0)
            if len(word) < 5:
                continue
            lower = _plain(word)
            if lower in custom or lower in already:
                continue
            if any(c.isupper() for c in word[1:]):
                continue  # an abbreviation or a name in capitals
            if word[0].isupper() and not _SENTENCE_START.search(f.text[: match.start()]):
                continue  # a capital inside a sentence: a proper name
            # In a compound only the last part is a word of its own: «практико-» is a
            # combining form no dictionary lists.
            parts = lower.split("-")[-1:]
            suggestion = None
            for part in parts:
                if len(part) >= 5 and part not in custom:
                    fixed = correction(part)
                    if fixed:
                        suggestion = lower[: len(lower) - len(part)] + fixed
                        break
            if suggestion:
                already.add(lower)
                if word[0].isupper():
                    suggestion = suggestion[0].upper() + suggestion[1:]
                yield Problem(
                    "word-misspelt",
                    f.pos,
                    {"where": f.where.capitalize(), "word": word, "suggestion": suggestion},
                    "warning",
                )
    _ANSWERS.save()
