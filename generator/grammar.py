"""Russian grammar of the amending order: a document's title in the accusative, and the
participle that agrees with it («в дорожную карту …, утвержденную»).

A real morphological analyser (pymorphy3 with its Russian dictionaries) inflects the head
of the title: the adjectives and the first noun in the nominative, and an apposition in
brackets after it («план мероприятий («дорожная карта») …» → «план мероприятий
(«дорожную карту») …»). A title typed in capitals is put into ordinary case first, proper
names and abbreviations keeping their capitals. pymorphy3 is imported on first use: it
takes a moment to load its dictionaries, and most commands never word an amendment; the
answer for a title is kept between runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# Heads that name a particular act and keep their capital inside a sentence
# («в Положение о …», «в Порядок …»), as municipal acts write them; plans, programmes and
# roadmaps are common nouns («в план мероприятий …»).
CAPITALIZED_HEADS = frozenset(
    {
        "положение",
        "порядок",
        "правила",
        "регламент",
        "устав",
        "инструкция",
        "стандарт",
        "кодекс",
        "концепция",
        "стратегия",
    }
)

# «утвержденный» agrees with the head noun; official texts write «е», not «ё».
PARTICIPLE = {"masc": "утвержденный", "femn": "утвержденную", "neut": "утвержденное", "plur": "утвержденные"}

_TOKEN = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*|[^А-Яа-яЁё]+")
_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")


@lru_cache(maxsize=1)
def _analyzer():
    import pymorphy3  # lazy: the dictionaries take a moment to load

    return pymorphy3.MorphAnalyzer(lang="ru")


@dataclass(frozen=True)
class Named:
    accusative: str  # «дорожную карту по …»
    participle: str  # «утвержденную»
    gender: str  # masc | femn | neut | plur


def name_in_accusative(title: str) -> Named:
    """The title as the object of «Внести в …», and the participle that agrees with it.

    The answer for a title is kept in the user's cache folder (generator/cache.py), named
    by the analyser's version and this module's source: loading the dictionaries costs
    more than the rest of a `diff` of a thousand measures, and a department words
    amendments to the same few documents again and again."""
    accusative, _, gender = (_answers().get(title) or "").rpartition("\n")
    if accusative and gender in PARTICIPLE:  # else never asked (or not our answer): analysed
        return Named(accusative, PARTICIPLE[gender], gender)
    named = _analysed(title)
    _answers().put(title, f"{named.accusative}\n{named.gender}")
    _answers().save()
    return named


@lru_cache(maxsize=1)
def _answers():
    from . import cache

    def name() -> str:
        versions = [cache.installed_file(package, "version.py") for package in ("pymorphy3", "pymorphy3_dicts_ru")]
        return f"accusative-{cache.digest(*versions, Path(__file__).read_bytes())}.json"

    return cache.Answers(name)


def _analysed(title: str) -> Named:
    text = title.strip().rstrip(".")
    if _is_capitals(text):
        text = _ordinary_case(text)
    tokens = _TOKEN.findall(text)
    gender, head_index = _inflect_head(tokens, 0)
    if head_index is None:
        return Named(_lower_first(text, keep=False), PARTICIPLE["masc"], "masc")
    _inflect_apposition(tokens, head_index + 1)
    head_word = tokens[head_index].lower()
    result = "".join(tokens)
    keep = head_word in CAPITALIZED_HEADS or _lemma(tokens[head_index]) in CAPITALIZED_HEADS
    return Named(_lower_first(result, keep), PARTICIPLE[gender], gender)


def _lemma(word: str) -> str:
    return _analyzer().parse(word.lower())[0].normal_form


def _inflect_head(tokens: list[str], start: int) -> tuple[str, int | None]:
    """Inflect leading adjectives and the first noun from `start`; (gender, noun index)."""
    words = [k for k in range(start, len(tokens)) if _WORD.fullmatch(tokens[k])]
    adjectives: list[int] = []
    for k in words:
        if any(not tokens[j].isspace() for j in range(start, k) if not _WORD.fullmatch(tokens[j])) and adjectives:
            break  # punctuation between an adjective and the noun: not one phrase
        noun = _parse(tokens[k], "NOUN")
        if noun is not None:
            gender = "plur" if "plur" in noun.tag else str(noun.tag.gender or "masc")
            tokens[k] = _copy_case(tokens[k], _inflected(noun, {"accs"}) or tokens[k])
            for a in adjectives:
                adjective = _parse(tokens[a], "ADJF")
                grammemes = {"accs", "plur"} if gender == "plur" else {"accs", gender, "sing"}
                if gender in ("masc", "plur"):
                    grammemes.add("inan")
                tokens[a] = _copy_case(tokens[a], _inflected(adjective, grammemes) or tokens[a])
            return gender, k
        if _parse(tokens[k], "ADJF") is not None:
            adjectives.append(k)
            continue
        break
    return "masc", None


def _inflect_apposition(tokens: list[str], start: int) -> None:
    """«план мероприятий («дорожная карта»)»: the bracketed name follows the head's case."""
    # skip the head's genitive complement («мероприятий») up to an opening bracket
    k = start
    while k < len(tokens) and (tokens[k].isspace() or (_WORD.fullmatch(tokens[k]) and _is_genitive(tokens[k]))):
        k += 1
    if k < len(tokens) and not _WORD.fullmatch(tokens[k]) and tokens[k].strip().startswith("("):
        _inflect_head(tokens, k + 1)


def _is_genitive(word: str) -> bool:
    return any("gent" in p.tag for p in _analyzer().parse(word.lower()))


def _parse(word: str, pos: str):
    """The nominative analysis of `word` as `pos`, if the analyser knows one."""
    for p in _analyzer().parse(word.lower()):
        if p.tag.POS == pos and "nomn" in p.tag and p.is_known:
            return p
    return None


def _inflected(parse, grammemes: set[str]) -> str | None:
    if parse is None:
        return None
    form = parse.inflect(grammemes)
    return form.word if form else None


def _copy_case(original: str, word: str) -> str:
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _is_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 3 and sum(c.isupper() for c in letters) > 0.9 * len(letters)


def _ordinary_case(text: str) -> str:
    """«ПРОГРАММА РАЗВИТИЯ ОБРАЗОВАНИЯ ГОРОДА НОВОСИБИРСКА» → «Программа развития … Новосибирска»."""
    out = []
    first = True
    for token in _TOKEN.findall(text):
        if not _WORD.fullmatch(token):
            out.append(token)
            continue
        out.append(_word_case(token, first))
        first = False
    return "".join(out)


def _word_case(word: str, first: bool) -> str:
    parses = [p for p in _analyzer().parse(word.lower()) if p.is_known]
    if not parses or any("Abbr" in p.tag for p in parses[:1]):
        return word  # an abbreviation (МСОКО) or a word the dictionary lacks: as typed
    lower = word.lower()
    if any(g in parses[0].tag for g in ("Geox", "Name", "Surn", "Patr", "Orgn")) or first:
        return lower[:1].upper() + lower[1:]
    return lower


def _lower_first(text: str, keep: bool) -> str:
    if keep or not text[:1].isupper() or text[:2].isupper():
        return text
    return text[:1].lower() + text[1:]
