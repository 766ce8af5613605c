"""Text hygiene: what a careful proof-reader marks in a hand-made document.

Doubled words and phrases, unpaired quotes and brackets, empty table cells, stray spaces,
Latin letters inside Russian words, stock phrases written wrong («в течении»), an
abbreviation glued into a word by a careless find-and-replace («трудООстройства»), words
one slip away from a word the document uses everywhere else, a period after a title, an
order point without its final period.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from .. import model as m
from ..errors import Problem
from . import Context, Field, edit_distance, short
from .spelling import misspelt_words

# Fields that hold prose; the organization's own settings are not the document's text.
_PROSE = ("title", "text", "point", "measure", "deadline", "responsible", "column", "header")


def hygiene_rules(ctx: Context) -> Iterator[Problem]:
    fields = [f for f in ctx.fields if f.kind in _PROSE]
    rules = (
        _doubled,
        _quotes,
        _brackets,
        _trailing_space,
        _latin,
        _phrases,
        _glued_abbreviation,
        _title_period,
        _point_end,
    )
    # The field rules see only a field's text and kind (and the department's vocabulary);
    # deadlines and unit names repeat on every row, so a text found clean once is clean
    # wherever else it stands.
    clean: set[tuple[str, str]] = set()
    for f in fields:
        if (f.text, f.kind) in clean:
            continue
        found = [p for rule in rules for p in rule(f, ctx)]
        if not found:
            clean.add((f.text, f.kind))
        yield from found
    for f in (*ctx.fields, *ctx.organization_fields):  # every value that is printed
        yield from _bidi_controls(f)
    yield from _double_spaces(fields)
    yield from _empty_cells(ctx)
    reported: set[str] = set()
    yield from _word_typos(ctx, fields, reported)
    yield from misspelt_words(ctx, fields, reported)


# --- doubled words ----------------------------------------------------------------------

_TOKEN = re.compile(r"[0-9A-Za-zА-Яа-яЁё]+(?:-[0-9A-Za-zА-Яа-яЁё]+)*")


def doubled_words(text: str, longest: int = 6) -> str | None:
    """The first word or phrase written twice in a row («по по», «администрации
    муниципального образования администрации муниципального образования»)."""
    for line in text.split("\n"):
        words = [w.casefold() for w in _TOKEN.findall(line)]
        count = len(words)
        # A phrase of n words is doubled at i only if words[i] == words[i + n]: the
        # positions where that holds for some n ≤ longest are the only ones to look at.
        starts = sorted({i for n in range(1, longest + 1) for i in range(count - n) if words[i] == words[i + n]})
        tokens = None  # positions, found only for a line that has a candidate
        for i in starts:
            for n in range(min(longest, (count - i) // 2), 0, -1):
                if (
                    words[i] != words[i + n]
                    or words[i : i + n] != words[i + n : i + 2 * n]
                    or all(w.isdigit() for w in words[i : i + n])
                ):
                    continue
                if tokens is None:
                    tokens = list(_TOKEN.finditer(line))
                span = line[tokens[i].start() : tokens[i + 2 * n - 1].end()]
                if not _NOT_A_WORD.search(span):
                    return line[tokens[i].start() : tokens[i + n - 1].end()]
    return None


_NOT_A_WORD = re.compile(r"[^\w\s-]")


def _doubled(f: Field, ctx) -> Iterator[Problem]:
    words = doubled_words(f.text)
    if words:
        yield Problem("words-doubled", f.pos, {"where": f.where.capitalize(), "words": words}, "warning")


# --- quotes and brackets ----------------------------------------------------------------

# «1)», «б)» at the start of a line or after «:», «;», «,» or «.»; «№ 2)» is never one.
_LIST_MARKER = re.compile(r"(?:^|(?<=[;:,.\n])|(?<=[;:,.\n]\s))(?:\d{1,2}|[а-яa-z])\)", re.M)


def _quotes(f: Field, ctx) -> Iterator[Problem]:
    detail = _quote_balance(f.text)
    if detail:
        yield Problem("quotes-unbalanced", f.pos, {"where": f.where.capitalize(), "detail": detail}, "warning")


def _quote_balance(text: str) -> str | None:
    """None if «ёлочки» pair up. Nested quotes that end together often share one closing
    quote («… «Эгида»» typed as «… «Эгида»): that common practice is not reported."""
    depth = 0
    if "«" in text or "»" in text:
        for char in text:
            if char in "«»":
                depth += 1 if char == "«" else -1
                if depth < 0:
                    return "«»» без открывающей «««»"
    if depth > len(_NESTED_OPENING.findall(text)):
        return f"открывающих «««» — {text.count('«')}, закрывающих «»» — {text.count('»')}"
    if text.count('"') % 2:
        return 'нечётное число кавычек ""'
    return None


_NESTED_OPENING = re.compile(r"«[^«»\n;]*«")


def _brackets(f: Field, ctx) -> Iterator[Problem]:
    if "(" not in f.text and ")" not in f.text:
        return
    detail = bracket_balance(f.text)
    if detail:
        yield Problem(
            "brackets-unbalanced",
            f.pos,
            {"where": f.where.capitalize(), "detail": detail},
            "warning",
        )


def bracket_balance(text: str) -> str | None:
    """None if brackets pair up. A «2)» or «б)» is a list marker only where no bracket is
    open: «(приложение № 2)» closes its bracket, «1) …; 2) …» opens none."""
    markers = {m.end() - 1 for m in _LIST_MARKER.finditer(text)}
    depth = skipped = 0
    for at, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0 and at in markers:
                skipped += 1
                continue
            depth -= 1
            if depth < 0:
                break
    if depth:
        return f"открывающих — {text.count('(')}, закрывающих — {text.count(')') - skipped}"
    return None


# --- spaces -----------------------------------------------------------------------------


def _trailing_space(f: Field, ctx) -> Iterator[Problem]:
    for line in f.text.split("\n"):
        if line != line.strip():
            yield Problem(
                "space-trailing",
                f.pos,
                {"where": f.where.capitalize(), "text": short(line, 50)},
                "warning",
            )
            return


# Embeddings, overrides and isolates: they reorder how the text around them is shown, so a
# reader of the DOCX, PDF or site sees other words than the ones in the file.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _bidi_controls(f: Field) -> Iterator[Problem]:
    found = _BIDI.search(f.text)
    if found:
        visible = _BIDI.sub(lambda m: f"<U+{ord(m.group()):04X}>", f.text)
        args = {"where": f.where.capitalize(), "char": f"U+{ord(found.group()):04X}", "text": short(visible, 60)}
        yield Problem("bidi-control", f.pos, args, "warning")


def _double_spaces(fields: list[Field]) -> Iterator[Problem]:
    """One finding per document: double spaces are many and all the same defect."""
    by_doc: dict[int, list[Field]] = {}
    for f in fields:
        if any("  " in line.strip() for line in f.text.split("\n")):
            by_doc.setdefault(id(f.doc), []).append(f)
    for found in by_doc.values():
        first = found[0]
        line = next(line for line in first.text.split("\n") if "  " in line.strip())
        at = line.strip().index("  ")
        excerpt = short(line.strip()[max(0, at - 25) : at + 25], 60)
        yield Problem(
            "space-double",
            first.pos,
            {"count": len(found), "where": first.where, "text": excerpt},
            "warning",
        )


# --- letters ----------------------------------------------------------------------------

_LOOKALIKE = str.maketrans("AaBCcEeHKkMOoPpTXxy", "АаВСсЕеНКкМОоРрТХху")
_MIXED = re.compile(r"[A-Za-zА-Яа-яЁё]+")
_ROMAN = re.compile(r"^[IVXLCM]+$")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


def _latin(f: Field, ctx) -> Iterator[Problem]:
    if not _ASCII_LETTER.search(f.text) or not re.search(r"[А-Яа-яЁё]", f.text):
        return
    for match in _MIXED.finditer(f.text):
        word = match.group(0)
        latin = re.findall(r"[A-Za-z]", word)
        if not latin:
            continue
        mixed = len(latin) < len(word)
        lookalike = word.translate(_LOOKALIKE)
        all_lookalike = not re.search(r"[A-Za-z]", lookalike)
        if mixed or (all_lookalike and len(word) >= 2 and not _ROMAN.match(word) and word.isupper()):
            yield Problem(
                "latin-in-cyrillic",
                f.pos,
                {
                    "where": f.where.capitalize(),
                    "word": word,
                    "letters": ", ".join(dict.fromkeys(latin)),
                    "suggestion": f"; возможно, «{lookalike}»" if all_lookalike else "",
                },
                "warning",
            )
            return


_TIME_WORD = (
    r"(?:всего\s+|этого\s+|данного\s+)?(?:\d|год|учебн|месяц|недел|дн|дня|пери|срок|календар|текущ"
    r"|следующ|отч[её]тн|перв|втор|трет|двух|тр[её]х|пяти|десяти|квартал|полугод|четверт|семестр"
    r"|каникул|лет|час|смен|рабоч|реализ|действ|всего)"
)
_DATIVE = {
    "плана": "плану",
    "графика": "графику",
    "приказа": "приказу",
    "положения": "положению",
    "распоряжения": "распоряжению",
    "постановления": "постановлению",
    "решения": "решению",
    "требований": "требованиям",
    "рекомендаций": "рекомендациям",
    "договора": "договору",
    "заявок": "заявкам",
    "заявки": "заявке",
    "списка": "списку",
    "регламента": "регламенту",
    "порядка": "порядку",
    "расписания": "расписанию",
    "письма": "письму",
    "закона": "закону",
}
_PHRASES = (
    (re.compile(rf"\b([Вв])\s+течении(?=\s+{_TIME_WORD})"), lambda g: f"{g(1)} течение"),
    (
        re.compile(r"\b([Пп])о\s+(окончани|завершени|истечени|прибыти)ю\b"),
        lambda g: f"{g(1)}о {g(2)}и",
    ),
    (re.compile(r"\b([Пп])о\s+приезду\b"), lambda g: f"{g(1)}о приезде"),
    (
        re.compile(r"\b([Сс])огласно\s+(" + "|".join(_DATIVE) + r")\b"),
        lambda g: f"{g(1)}огласно {_DATIVE[g(2)]}",
    ),
    (re.compile(r"\b([Нн])е\s+смотря\s+на\b"), lambda g: f"{g(1)}есмотря на"),
    (re.compile(r"\b([Вв])\s+следствии\s+(?=чего|этого|того)"), lambda g: f"{g(1)}следствие"),
    (re.compile(r"\b([Вв])\s+последствии\b"), lambda g: f"{g(1)}последствии"),
    (re.compile(r"\b([Нн])а\s+подобии\b"), lambda g: f"{g(1)}аподобие"),
    (re.compile(r"\b([Аа])ктуализованн(\w*)"), lambda g: f"{g(1)}ктуализированн{g(2)}"),
    (re.compile(r"\b([Оо])бь([её]кт|ем|явл)(\w*)"), lambda g: f"{g(1)}бъ{g(2)}{g(3)}"),
)


_PHRASE_TRIGGER = re.compile(r"течени|[ие]ю\b|приезду|огласно|е\s+смотря|следстви|подобии|ктуализованн|бь")


def _phrases(f: Field, ctx) -> Iterator[Problem]:
    if not _PHRASE_TRIGGER.search(f.text):
        return
    for pattern, correct in _PHRASES:
        for match in pattern.finditer(f.text):
            typed = match.group(0).rstrip()
            yield Problem(
                "phrase-typo",
                f.pos,
                {"where": f.where.capitalize(), "typed": typed, "correct": correct(match.group)},
                "warning",
            )


_GLUED_INSIDE = re.compile(r"(?<![А-ЯЁа-яё])([а-яё]+)([А-ЯЁ]{2,})([а-яё]+)(?![А-ЯЁа-яё])")
_TWO_CAPITALS = re.compile(r"[А-ЯЁ]{2}")
_GLUED_BEFORE = re.compile(r"(?<![А-ЯЁа-яё])([А-ЯЁ]{2,})([а-яё]{3,})(?![А-ЯЁа-яё])")


def _glued_abbreviation(f: Field, ctx: Context) -> Iterator[Problem]:
    if not _TWO_CAPITALS.search(f.text):
        return  # both patterns need two capitals in a row
    for match in _GLUED_INSIDE.finditer(f.text):
        yield Problem(
            "abbreviation-glued",
            f.pos,
            {"where": f.where.capitalize(), "word": match.group(0), "suggestion": ""},
            "warning",
        )
    for match in _GLUED_BEFORE.finditer(f.text):
        if match.group(2) in word_counts(ctx):
            yield Problem(
                "abbreviation-glued",
                f.pos,
                {
                    "where": f.where.capitalize(),
                    "word": match.group(0),
                    "suggestion": f"; возможно, «{match.group(1)} {match.group(2)}»",
                },
                "warning",
            )


def word_counts(ctx: Context) -> Counter[str]:
    """How often each Cyrillic word occurs in the department's documents: lower case, «ё»
    as «е» (cached on the context; the spelling rule reads it too)."""
    if "word-counts" not in ctx.cache:
        counts: Counter[str] = Counter()
        for text, times in Counter(f.text for f in ctx.fields).items():
            for word in _CYRILLIC_WORD.findall(text.casefold().replace("ё", "е")):
                counts[word] += times
        ctx.cache["word-counts"] = counts
    return ctx.cache["word-counts"]


_CYRILLIC_WORD = re.compile(r"[а-яё]+")


# --- titles and order points ------------------------------------------------------------

_ABBREVIATED_END = re.compile(r"(?:\b(?:г|гг|т\.\s?д|т\.\s?п|др|пр|руб|ст|п|ч)\.|\.\.\.|…)$")


def _title_period(f: Field, ctx) -> Iterator[Problem]:
    text = f.text.strip()
    if f.kind == "title" and text.endswith(".") and not _ABBREVIATED_END.search(text):
        yield Problem(
            "title-period",
            f.pos,
            {"where": f.where.capitalize(), "text": "…" + text[-40:]},
            "warning",
        )


def _point_end(f: Field, ctx) -> Iterator[Problem]:
    text = f.text.rstrip()
    if f.kind == "point" and text and text[-1] not in ".;:!?…":
        yield Problem("point-unfinished", f.pos, {"where": f.where.capitalize(), "end": text[-40:]}, "warning")


# --- empty cells ------------------------------------------------------------------------

_EMPTY = re.compile(r"^[\s\-–—.…]*$")


def _empty_cells(ctx: Context) -> Iterator[Problem]:
    for plan in ctx.plans:
        title = plan.column_title
        for container in _containers(plan):
            in_list = False  # rows after «…, в том числе» or «…:» continue it, their cells merged
            for measure in container:
                label = f"Мероприятие {_row_number(ctx, plan, measure)}"
                if _EMPTY.match(_text(measure)):
                    yield _empty(measure, label, title("measure") or "")
                sub_item = in_list and not measure.responsible
                if not measure.children and not sub_item:
                    empty_deadline = measure.deadline is None or _EMPTY.match(measure.deadline)
                    if empty_deadline and title("deadline"):
                        yield _empty(measure, label, title("deadline") or "")
                    empty_units = not measure.responsible or any(_EMPTY.match(r) for r in measure.responsible)
                    if empty_units and title("responsible"):
                        yield _empty(measure, label, title("responsible") or "")
                in_list = sub_item or bool(re.search(r"(?:в\s+том\s+числе|:)\s*$", _text(measure)))


def _containers(plan: m.Plan) -> Iterator[tuple[m.Measure, ...]]:
    """Every list of sibling measures: those of each section, and each group row's."""

    def measures(items):
        yield items
        for measure in items:
            if measure.children:
                yield from measures(measure.children)

    def sections(items):
        for section in items:
            yield from measures(section.measures)
            yield from sections(section.sections)

    yield from sections(plan.sections)


def _row_number(ctx: Context, plan: m.Plan, measure: m.Measure) -> str:
    numbers = ctx.cache.setdefault("numbers", {})
    if plan.id not in numbers:
        numbers[plan.id] = {id(i.measure): i.number.rstrip(".") for i in ctx.measures(plan)}
    return numbers[plan.id][id(measure)]


def _text(measure: m.Measure) -> str:
    return " ".join(" ".join(getattr(b, "items", ())) or getattr(b, "text", "") for b in measure.text)


def _empty(measure: m.Measure, label: str, column: str) -> Problem:
    return Problem("cell-empty", measure.pos, {"where": label, "column": column}, "warning")


# --- words one slip away from a common word ---------------------------------------------


_LONG_WORD = re.compile(r"(?<![А-ЯЁа-яё])[А-ЯЁа-яё][а-яё]{5,}(?![А-ЯЁа-яё])")


def _word_typos(ctx: Context, fields: list[Field], reported: set[str]) -> Iterator[Problem]:
    """«метпредметных» once, «метапредметных» five times: a letter dropped, added or
    changed inside a word the documents use elsewhere. Slips at the start of a word
    («асоциального» / «социального») and in its ending («организаций» / «организации») are
    left alone: they make other words, not typos. So are words whose other forms occur
    («поведении», «поведения»): a family of forms is a real word."""
    counts = word_counts(ctx)
    common: dict[tuple[str, str], list[str]] = {}
    stems: Counter[str] = Counter()
    for word, count in counts.items():
        stems[word[:-2]] += 1
        if len(word) >= 6 and count >= 3:
            common.setdefault((word[:2], word[-3:]), []).append(word)
    seen: set[str] = set()  # a text read again reports nothing new: its words are in `reported`
    for f in fields:
        if f.kind == "responsible" or f.text in seen:
            continue  # unit names: reported by the unit rules
        seen.add(f.text)
        for word in _LONG_WORD.findall(f.text):
            folded = word.casefold().replace("ё", "е")
            if folded in reported or counts[folded] > 2 or stems[folded[:-2]] > 1:
                continue
            correct = _nearest(folded, counts, common.get((folded[:2], folded[-3:]), ()))
            if correct:
                reported.add(folded)
                yield Problem(
                    "word-typo",
                    f.pos,
                    {"where": f.where.capitalize(), "word": word, "suggestion": correct},
                    "warning",
                )


def _nearest(word: str, counts: Counter[str], candidates) -> str | None:
    for candidate in sorted(candidates, key=lambda c: -counts[c]):
        if (
            counts[candidate] >= 3 * counts[word]
            and abs(len(candidate) - len(word)) <= 1
            and candidate[:-2] != word[:-2]
            and edit_distance(word, candidate, 1) == 1
        ):
            return candidate
    return None
