"""Responsible units and abbreviations.

The registry of units is often built from the document itself, typos included, so an
«unknown unit» shows up as two registry names that are one slip apart («Одел образования»
and «Отдел образования»). The rarer of the two is reported where it is used, with the
commoner one as the suggestion.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .. import model as m
from ..errors import Pos, Problem
from . import WORD, Context, Field, edit_distance, fold
from .spelling import in_dictionary

# Ending pairs that change the grammatical number («руководитель» / «руководители»): two
# registry names that differ so may name different people, and are not reported.
_NUMBER_ENDINGS = {
    frozenset(p)
    for p in (
        ("ь", "и"),
        ("ь", "я"),
        ("й", "и"),
        ("а", "ов"),
        ("я", "ей"),
        ("а", "ы"),
        ("я", "и"),
        ("", "ы"),
        ("", "и"),
        ("", "ов"),
        ("ый", "ые"),
        ("ий", "ие"),
        ("ая", "ые"),
        ("ой", "ые"),
        ("ого", "ых"),
        ("его", "их"),
        ("ь", "ей"),
        ("а", "ей"),
        ("о", "а"),
        ("е", "я"),
        ("ие", "ия"),
    )
}


def unit_rules(ctx: Context) -> Iterator[Problem]:
    yield from near_duplicate_units(ctx)
    yield from undefined_abbreviations(ctx)
    yield from misplaced_definitions(ctx)
    yield from abbreviation_synonyms(ctx)


# --- units written two ways -------------------------------------------------------------


def near_duplicate_units(ctx: Context) -> Iterator[Problem]:
    usage: Counter[str] = Counter()
    first_use: dict[str, Pos] = {}
    for plan in ctx.plans:
        for item in ctx.measures(plan):
            for name in item.measure.responsible:
                usage[name] += 1
                first_use.setdefault(name, item.measure.pos)
    units = {u.name: u for u in ctx.organization.units}
    names = list(dict.fromkeys([*units, *usage]))
    pairs = list(_similar_pairs(names, units))
    vocabulary = _words_outside_unit_names(ctx) if pairs else Counter()
    reported: set[str] = set()
    for a, b, difference in pairs:
        rare, common = sorted((a, b), key=lambda n: (usage[n], _familiarity(n, vocabulary)))
        if rare in reported:
            continue
        reported.add(rare)
        pos = first_use.get(rare) or (units[rare].pos if rare in units else ctx.organization.pos)
        yield Problem(
            "unit-near-duplicate",
            pos,
            {
                "name": rare,
                "other": common,
                "count": usage[rare],
                "other_count": usage[common],
                "difference": difference,
            },
            "warning",
        )


def _similar_pairs(names: list[str], units: dict[str, m.Unit]) -> Iterator[tuple[str, str, str]]:
    """Pairs of names for one unit, with what differs; names bucketed by their shape."""
    buckets: dict[tuple, list[str]] = defaultdict(list)
    for name in names:
        words = WORD.findall(fold(name))
        buckets[(len(words), tuple(w for w in WORD.findall(name) if _is_abbreviation(w)))].append(name)
    for group in buckets.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                difference = _difference(a, b)
                if difference:
                    yield a, b, difference
    by_full: dict[str, list[str]] = defaultdict(list)
    for unit in units.values():
        if unit.full:
            by_full[fold(unit.full)].append(unit.name)
    for same in by_full.values():
        for other in same[1:]:
            if not _difference(same[0], other) and fold(same[0]) != fold(other):
                yield same[0], other, "одна и та же расшифровка"


def _difference(a: str, b: str) -> str | None:
    if a == b or a[:1].lower() + a[1:] == b[:1].lower() + b[1:]:
        return None  # «руководители ОО» after a comma is the same as «Руководители ОО»
    if fold(a) == fold(b):
        if a.translate(_NO_QUOTES) == b.translate(_NO_QUOTES):
            return "разные кавычки"
        if " ".join(a.split()) == " ".join(b.split()):
            return "лишние пробелы"
        return "разный регистр букв"
    words_a, words_b = WORD.findall(fold(a)), WORD.findall(fold(b))
    if len(words_a) != len(words_b):
        return None
    pairs = [(x, y) for x, y in zip(words_a, words_b, strict=True) if x != y]
    if len(pairs) != 1:
        return None
    x, y = pairs[0]
    if not (x.isalpha() and y.isalpha()) or min(len(x), len(y)) < 4:
        return None
    if _is_abbreviation(_original(a, x)) or _is_abbreviation(_original(b, y)):
        return None
    if edit_distance(x, y, 2) > 2:
        return None
    stem = _common_prefix(x, y)
    if frozenset((x[len(stem) :], y[len(stem) :])) in _NUMBER_ENDINGS:
        return None  # «Руководитель РМО» / «Руководители РМО»: one person or several
    return f"«{_original(a, x)}» и «{_original(b, y)}»"


_NO_QUOTES = str.maketrans({q: '"' for q in "«»„“”'"})


def _original(name: str, folded_word: str) -> str:
    for word in WORD.findall(name):
        if fold(word) == folded_word:
            return word
    return folded_word


def _common_prefix(a: str, b: str) -> str:
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[:i]


def _words_outside_unit_names(ctx: Context) -> Counter[str]:
    """How often each folded word occurs in the text other than the unit names: a name
    made of common words is less likely a slip."""
    words: Counter[str] = Counter()
    for text, times in Counter(f.text for f in ctx.fields if f.kind != "responsible").items():
        for word in WORD.findall(fold(text)):
            words[word] += times
    return words


def _familiarity(name: str, vocabulary: Counter[str]) -> int:
    """How common the rarest word of a name is in the rest of the text."""
    return min((vocabulary[w] for w in WORD.findall(fold(name))), default=0)


# --- abbreviations ----------------------------------------------------------------------

# Known to every reader of an education department's documents; not defined in practice.
WELL_KNOWN = frozenset(
    """
РФ РСФСР СССР ЕГЭ ОГЭ ГВЭ ГИА ВПР НИКО ФГОС ОВЗ ВсОШ ВОШ СПО ВО ВУЗ ДПО ДО ПМПК ИКТ СМИ
МВД ГИБДД МЧС ФЗ ФИПИ ФИОКО ФИС ФРДО КИМ ППЭ УМК УВР ВР ОБЖ ИЗО МХК ЗОЖ ПДД ГТО ИП ООО ОАО АО
ПАО НКО ИНН ОГРН ЦОС ЭОР ЦОР ДОТ СОШ ООШ НОШ ДЮСШ ДШИ ДДТ ЦДТ ДОУ РДШ ЮИД ЖКХ ФИО ВКС ОРКСЭ
ФГИС ЕПГУ КДН КДНиЗП ПДН ТОС ДПС ЧС ГО ИТ ЕГРЮЛ ОКВЭД ВСОКО РСОКО ООП АООП НОО СОО ОП ДООП ПОО
""".split()
)

# Legal forms («МКУДПО», «ГКУ», «МБОУ», «ФГБОУ ВО»): what follows them is a proper name.
_LEGAL = r"К?(?:ФГ|Г|М|Ф|Ч|Н|А)[БАКЧ]?(?:ДОУ|ДОО|ОУ|ОО|У|УДО|ПОУ)(?:ДО|ДПО|ВО|СПО|ДОД)?"
_LEGAL_RUN = re.compile(
    rf"(?<![А-ЯЁа-яё]){_LEGAL}(?![А-ЯЁа-яё])(?:\s+[А-ЯЁ][А-ЯЁа-яё]*[А-ЯЁ][а-яё]{{0,2}}"
    r"(?![А-ЯЁа-яё]))*"
)
# Not abbreviations of the text: a name in quotes («ГЦРО»), a word right before one
# («МО «Городской округ …»», «ВВПОД «ЮНАРМИЯ»»), a number after «№» («№ ОМ-009»).
_NOT_TEXT = re.compile(r"[«\"„“][^«»\"„“”]*[»\"“”]|(?<![А-ЯЁа-яё])[А-ЯЁ][А-ЯЁа-яё]*\s*(?=[«\"])|№\s*\S+")
_CANDIDATE = re.compile(r"(?<![А-ЯЁа-яё])[А-ЯЁа-яё]*[А-ЯЁ][А-ЯЁа-яё]*[А-ЯЁ][А-ЯЁа-яё]*(?![А-ЯЁа-яё])")
# «(далее – АИС, система)», «(далее - ЦОС и ЦНППМ)», «(далее ВСОКО)», «(далее по тексту –
# …)»: every abbreviation inside the bracket is defined; «(ШМО)» alone defines one.
_DEFINED_AFTER = re.compile(r"\(\s*далее(?:\s+по\s+тексту)?\s*(?:[-–—:]\s*|\s)([^()]*)\)", re.IGNORECASE)
_DEFINED_BARE = re.compile(r"\(\s*[«\"]?([А-ЯЁ][А-ЯЁа-яё]*)[»\"]?\s*\)")
_WORD_BEFORE = re.compile(r"([А-ЯЁа-яё]+)[»\"]?\s*$")
_DEFINED_AT_LINE_START = re.compile(r"^\s*([А-ЯЁ][А-ЯЁа-яё]+)\s*[-–—]\s+[а-яё]", re.M)
_LETTERS = re.compile(r"[А-ЯЁа-яё]+")
_CASE_ENDINGS = ("ами", "ов", "ах", "ам", "ом", "ы", "е", "а", "у", "и")


def _is_abbreviation(word: str) -> bool:
    upper = sum(c.isupper() for c in word)
    return upper >= 2 and upper >= len(word) - upper and bool(_LETTERS.fullmatch(word))


def _abbreviation_key(word: str) -> str:
    """«ВУЗов» → «ВУЗ»: a case ending typed after an abbreviation is not part of it."""
    for ending in _CASE_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 1 and word[-len(ending) - 1].isupper():
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=8192)
def abbreviations(text: str) -> tuple[str, ...]:
    """The abbreviations of a text, except those in an organization's proper name."""
    if not re.search(r"[а-яё]", text):
        return ()  # a line in capitals («ДЕПАРТАМЕНТ ОБРАЗОВАНИЯ») is not made of abbreviations
    blank = _LEGAL_RUN.sub(_spaces, _NOT_TEXT.sub(_spaces, text))
    return tuple(
        _abbreviation_key(w) for w in _CANDIDATE.findall(blank) if _is_abbreviation(w) and not _word_in_capitals(w)
    )


def _word_in_capitals(word: str) -> bool:
    """«ПЛАН», «ПОЛОЖЕНИЕ», «МЕРОПРИЯТИЙ»: a title word printed in capitals, not an
    abbreviation (a dictionary word of four letters or more)."""
    return len(word) >= 4 and word.isupper() and in_dictionary(word.lower())


def _spaces(match: re.Match) -> str:
    return " " * len(match.group(0))


@dataclass(frozen=True)
class Definition:
    abbreviation: str
    start: int  # where the defining bracket (or line) starts in the field's text
    itself: bool  # «ВСОКО (далее ВСОКО)»: the word before the bracket is the abbreviation
    glossary: bool = False  # «МСОКО – муниципальная …» in a list of terms: its own place


def definitions_in(text: str) -> list[Definition]:
    """The abbreviations a text defines, in every common form."""
    found: list[Definition] = []
    for match in _DEFINED_AFTER.finditer(text):
        before = _WORD_BEFORE.search(text, 0, match.start())
        for word in _LETTERS.findall(match.group(1)):
            if _is_abbreviation(word):
                key = _abbreviation_key(word)
                itself = bool(before) and _abbreviation_key(before.group(1)) == key
                found.append(Definition(key, match.start(), itself))
    for match in _DEFINED_BARE.finditer(text):
        if _is_abbreviation(match.group(1)):
            found.append(Definition(_abbreviation_key(match.group(1)), match.start(), False))
    for match in _DEFINED_AT_LINE_START.finditer(text):
        if _is_abbreviation(match.group(1)):
            found.append(Definition(_abbreviation_key(match.group(1)), match.start(), False, True))
    return found


def _known(ctx: Context) -> set[str]:
    """Abbreviations that need no definition in the text: well known, the organization's own
    list, and those the registry of units spells out."""
    known: set[str] = set(WELL_KNOWN)
    for entry in ctx.organization.abbreviations:  # «ИРО ПК»: each abbreviation of it
        known.update(_abbreviation_key(w) for w in _LETTERS.findall(entry) if _is_abbreviation(w))
    for unit in ctx.organization.units:
        if unit.full:
            known.update(_abbreviation_key(w) for w in _LETTERS.findall(unit.name) if _is_abbreviation(w))
            known.update(d.abbreviation for d in definitions_in(unit.full))
    return known


def _definitions(ctx: Context) -> set[str]:
    if "abbreviations-defined" not in ctx.cache:
        defined = _known(ctx)
        for f in ctx.fields:
            if "(" in f.text or "–" in f.text or "-" in f.text:
                defined.update(d.abbreviation for d in definitions_in(f.text))
        ctx.cache["abbreviations-defined"] = defined
    return ctx.cache["abbreviations-defined"]


def _uses(fields: list[Field]) -> tuple[Counter[str], dict[str, Field]]:
    counts: Counter[str] = Counter()
    first: dict[str, Field] = {}
    for f in fields:
        if f.kind == "header":
            continue  # a header typed by hand is checked against the order, not read
        for abbreviation in abbreviations(f.text):
            counts[abbreviation] += 1
            first.setdefault(abbreviation, f)
    return counts, first


def _fields_by_doc(ctx: Context) -> dict[int, list[Field]]:
    if "fields-by-doc" not in ctx.cache:
        by_doc: dict[int, list[Field]] = defaultdict(list)
        for f in ctx.fields:
            by_doc[id(f.doc)].append(f)
        ctx.cache["fields-by-doc"] = by_doc
    return ctx.cache["fields-by-doc"]


def _doc_uses(ctx: Context, doc) -> tuple[Counter[str], dict[str, Field]]:
    cache = ctx.cache.setdefault("abbreviation-uses", {})
    if id(doc) not in cache:
        cache[id(doc)] = _uses(_fields_by_doc(ctx)[id(doc)])
    return cache[id(doc)]


def undefined_abbreviations(ctx: Context) -> Iterator[Problem]:
    """Once per document, at the first use: each document is read on its own. The rarer of
    two synonyms («ОУ» beside «ОО») is reported as a synonym instead; a mixed-case variant
    of a known abbreviation («ФГОс») as a typo."""
    defined = _definitions(ctx)
    for doc in ctx.department.documents:
        counts, first = _doc_uses(ctx, doc)
        replaced = {rare for rare, _ in _synonyms(counts)}
        for abbreviation, count in counts.items():
            if abbreviation in defined or abbreviation in replaced:
                continue
            where = first[abbreviation]
            upper = abbreviation.upper()
            if upper != abbreviation and upper in defined:
                yield Problem(
                    "abbreviation-case",
                    where.pos,
                    {"abbreviation": abbreviation, "count": count, "where": where.where, "correct": upper},
                    "warning",
                )
                continue
            yield Problem(
                "abbreviation-undefined",
                where.pos,
                {"abbreviation": abbreviation, "count": count, "where": where.where},
                "warning",
            )


def misplaced_definitions(ctx: Context) -> Iterator[Problem]:
    """A definition after the abbreviation's first use in the same document, and an
    abbreviation defined by itself («ВСОКО (далее ВСОКО)»)."""
    known = _known(ctx)
    for doc in ctx.department.documents:
        seen: dict[str, Field] = {}
        reported: set[str] = set(known)
        by_itself: set[str] = set()
        for f in _fields_by_doc(ctx)[id(doc)]:
            if f.kind == "header":
                continue
            for d in definitions_in(f.text) if "(" in f.text or "-" in f.text or "–" in f.text else ():
                if d.glossary or f.kind == "responsible":
                    continue
                if d.itself:
                    if d.abbreviation in by_itself:
                        continue
                    by_itself.add(d.abbreviation)
                    yield Problem(
                        "abbreviation-defined-by-itself",
                        f.pos,
                        {"abbreviation": d.abbreviation, "where": f.where},
                        "warning",
                    )
                    continue
                if d.abbreviation in reported:
                    continue
                earlier = seen.get(d.abbreviation) or (
                    f if d.abbreviation in abbreviations(f.text[: d.start]) else None
                )
                reported.add(d.abbreviation)  # the first definition is the one that counts
                if earlier is not None:
                    yield Problem(
                        "abbreviation-defined-late",
                        f.pos,
                        {"abbreviation": d.abbreviation, "where": f.where, "first": earlier.where},
                        "warning",
                    )
            for abbreviation in abbreviations(f.text):
                seen.setdefault(abbreviation, f)


def _synonyms(counts: Counter[str]) -> Iterator[tuple[str, str]]:
    """(rarer, commoner) pairs of «…О» and «…У» abbreviations: organization, institution."""
    for one in sorted(counts):
        if len(one) >= 2 and one.endswith("О") and one[:-1] + "У" in counts:
            yield tuple(sorted((one, one[:-1] + "У"), key=lambda a: (counts[a], a)))  # type: ignore[misc]


def abbreviation_synonyms(ctx: Context) -> Iterator[Problem]:
    """«ОО» and «ОУ» in one document: organization and institution, one and the same."""
    for doc in ctx.department.documents:
        counts, first = _doc_uses(ctx, doc)
        for rare, common in _synonyms(counts):
            where = first[rare]
            yield Problem(
                "abbreviation-synonym",
                where.pos,
                {
                    "abbreviation": rare,
                    "other": common,
                    "count": counts[rare],
                    "other_count": counts[common],
                    "where": where.where,
                },
                "warning",
            )
