"""Case agreement where a morphological analyser makes it cheap and reliable.

One construction only: a preposition, its noun, a comma and a participial phrase («для
педагогов, прошедших курсы»). The preposition fixes the noun's case, so a participle
that agrees with no reading of the noun in that case has a wrong ending («для
педагогов, прошедшие курсы»). Every ambiguous reading counts as agreeing, so the rule is
silent where it could be wrong. pymorphy3 is imported on first use; without it the rule
is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..errors import Problem
from . import Context, Field
from .spelling import _morph

# The cases a preposition governs: its noun's case is then known, not guessed.
_GOVERNS = {
    **dict.fromkeys(("для", "от", "из", "у", "без", "до", "среди", "после", "около"), {"gent"}),
    **dict.fromkeys(("к", "ко"), {"datv"}),
    "по": {"datv"},
    **dict.fromkeys(("с", "со"), {"ablt", "gent"}),
    **dict.fromkeys(("о", "об", "при"), {"loct"}),
    **dict.fromkeys(("в", "во", "на"), {"loct", "accs"}),
    **dict.fromkeys(("за", "под", "над", "перед", "между"), {"ablt", "accs"}),
}
# preposition, an optional adjective, the noun, a comma, the participle
_PHRASE = re.compile(
    r"(?<![А-ЯЁа-яё-])((?i:" + "|".join(sorted(_GOVERNS, key=len, reverse=True)) + r"))\s+"
    r"(?:([а-яё]+)\s+)?([а-яё]{3,}),\s+([а-яё]{4,})(?![А-ЯЁа-яё-])"
)
# Prepositions of place and manner start an adjunct of the word before them: in «подход в
# обучении, основанный на …» the participle belongs to «подход». Their phrase is checked
# only when that word cannot take the participle either.
_ADJUNCT = {"в", "во", "на", "за", "под", "над", "перед", "между", "при", "с", "со", "о", "об"}
_WORD_BEFORE = re.compile(r"([а-яё]+)\s*$")
_GENDERS = {"masc", "femn", "neut"}


# (case, number, gender, animacy) of one reading; None where pymorphy3's tag has no such grammeme
Reading = tuple[str | None, str | None, str | None, str | None]


@lru_cache(maxsize=16384)
def _participle(word: str) -> tuple[Reading, ...]:
    """(case, number, gender, animacy) readings of a full participle; () if not one."""
    morph = _morph()
    if morph is None:
        return ()
    readings = []
    for p in morph.parse(word):
        if p.tag.POS != "PRTF":
            continue
        readings.append((_case(p.tag), p.tag.number, p.tag.gender, p.tag.animacy))
    return tuple(readings)


@lru_cache(maxsize=16384)
def _noun(word: str) -> tuple[Reading, ...]:
    morph = _morph()
    if morph is None:
        return ()
    return tuple(
        (_case(p.tag), p.tag.number, p.tag.gender, p.tag.animacy) for p in morph.parse(word) if p.tag.POS == "NOUN"
    )


def _case(tag) -> str | None:
    case = tag.case
    return {"gen2": "gent", "acc2": "accs", "loc2": "loct"}.get(case, case)


def _agree(noun, participle) -> bool:
    n_case, n_number, n_gender, n_anim = noun
    p_case, p_number, p_gender, p_anim = participle
    if n_case != p_case or n_number != p_number:
        return False
    if n_number == "sing" and p_gender and n_gender in _GENDERS and p_gender != n_gender:
        return False
    return not (p_anim and n_anim and p_anim != n_anim)


def disagreement(text: str) -> tuple[str, str] | None:
    """(noun, participle) of the first participial phrase whose participle agrees with no
    reading of the noun its preposition governs."""
    for match in _PHRASE.finditer(text):
        preposition, noun, participle = (match.group(k).lower() for k in (1, 3, 4))
        readings = _participle(participle)
        if not readings:
            continue
        cases = _GOVERNS[preposition]
        nouns = [r for r in _noun(noun) if r[0] in cases]
        if not nouns:
            continue  # not a noun in a case this preposition governs: misread, keep silent
        if any(_agree(n, p) for n in nouns for p in readings):
            continue
        if preposition in _ADJUNCT:
            before = _WORD_BEFORE.search(text, 0, match.start())
            head = _noun(before.group(1)) if before else ()
            if any(_agree(n, p) for n in head for p in readings):
                continue
        return match.group(3), match.group(4)
    return None


def agreement_rules(ctx: Context) -> Iterator[Problem]:
    for f in ctx.fields:
        if f.kind in ("measure", "text", "point") and ", " in f.text:
            yield from _disagreeing(f)


def _disagreeing(f: Field) -> Iterator[Problem]:
    for line in f.text.split("\n"):
        found = disagreement(line)
        if found:
            noun, participle = found
            yield Problem(
                "case-disagreement",
                f.pos,
                {"where": f.where.capitalize(), "noun": noun, "participle": participle},
                "warning",
            )
