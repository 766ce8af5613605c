"""One organization, one municipality, one order: names and references agree.

- an annex header typed by hand (`printed_header`) must carry the order's date and number;
- every annex is approved by a point of the order, and a point that approves an attached
  document has one;
- another municipality's name in the text is a leftover of a copied document;
- the organization's own name, where it is written out, is written right.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import formats
from .. import model as m
from ..deadlines import MONTHS
from ..errors import Problem
from . import Context, fold, short
from .hygiene import doubled_words

# --- the annex header typed by hand -----------------------------------------------------

_PRINTED_DATE = re.compile(r"\bот\s+(\d{1,2})[./](\d{1,2})[./](\d{4})")
_PRINTED_LONG_DATE = re.compile(r"\bот\s+[«\"]?(\d{1,2})[»\"]?\s+([а-яё]+)\s+(\d{4})")
_PRINTED_NUMBER = re.compile(r"№\s*([^№]+?)\s*$")  # the last «№»: «Приложение № 1 … от … № 45»


def consistency_rules(ctx: Context) -> Iterator[Problem]:
    for order in ctx.orders:
        yield from annex_headers(order)
        yield from annex_approval(ctx, order)
    yield from foreign_municipalities(ctx)
    yield from own_name_variants(ctx)


def annex_headers(order: m.Order) -> Iterator[Problem]:
    for ref in order.annexes:
        if not ref.printed_header:
            continue
        printed = " ".join(ref.printed_header)
        number = _PRINTED_NUMBER.search(printed)
        if number and _plain_number(number.group(1)) != _plain_number(order.number):
            yield Problem(
                "annex-header-mismatch",
                ref.pos,
                {
                    "document": ref.document,
                    "what": "номером",
                    "printed": number.group(1).strip(),
                    "actual": order.number,
                },
                "error",
            )
        date = _printed_date(printed)
        if date and date != formats.date(order.date):
            yield Problem(
                "annex-header-mismatch",
                ref.pos,
                {
                    "document": ref.document,
                    "what": "датой",
                    "printed": date,
                    "actual": formats.date(order.date),
                },
                "error",
            )


def _plain_number(number: str) -> str:
    return re.sub(r"[\s\u00a0]+", "", number).replace("–", "-").replace("—", "-").casefold()


def _printed_date(text: str) -> str | None:
    match = _PRINTED_DATE.search(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return f"{day:02d}.{month:02d}.{year}"
    match = _PRINTED_LONG_DATE.search(text)
    if match and match.group(2) in MONTHS:
        return f"{int(match.group(1)):02d}.{MONTHS[match.group(2)]:02d}.{match.group(3)}"
    return None


# --- points that approve annexes --------------------------------------------------------

_APPROVES = re.compile(r"\bутвер(?:дить|ждается|ждаются|ждены|жден[аоы]?)\b", re.I)
_KIND_WORDS = {
    m.Plan: re.compile(r"\bплан\w*|\bдорожн\w+\s+карт\w*|\bпрограмм\w*|\bкомплекс\w*\s+мер", re.I),
    m.Regulation: re.compile(r"\bположени\w*|\bпоряд\w+|\bрегламент\w*|\bправил\w*|\bинструкци\w*", re.I),
}
_KIND_NAMES = {m.Plan: "план", m.Regulation: "положение"}
_ATTACHED = re.compile(r"\bприлагаем\w*|\bприложени\w*|\(прилагается\)", re.I)


def annex_approval(ctx: Context, order: m.Order) -> Iterator[Problem]:
    approving = [f for f in ctx.fields if f.doc is order and f.kind == "point" and _APPROVES.search(f.text)]
    documents = {d.id: d for d in ctx.department.documents}
    annexes = [documents[ref.document] for ref in order.annexes if ref.document in documents]
    for ref, doc in zip(order.annexes, annexes, strict=False):
        kind = type(doc)
        if not any(_KIND_WORDS[kind].search(f.text) or _ATTACHED.search(f.text) for f in approving):
            yield Problem(
                "annex-not-approved",
                ref.pos,
                {"document": ref.document, "kind": _KIND_NAMES[kind]},
                "warning",
            )
    for f in approving:
        approved = _approved_object(f.text)
        for kind, words in _KIND_WORDS.items():
            named = words.search(approved)
            if (
                named
                and (_ATTACHED.search(f.text) or kind is m.Regulation or named.start() < 30)
                and not any(isinstance(d, kind) for d in annexes)
            ):
                yield Problem(
                    "annex-missing",
                    f.pos,
                    {"where": f.where.capitalize(), "kind": _KIND_NAMES[kind]},
                    "warning",
                )
                break


def _approved_object(text: str) -> str:
    """The words right after «Утвердить», up to the end of the sentence or a bracket."""
    match = _APPROVES.search(text)
    rest = text[match.end() :] if match else ""
    return re.split(r"[.(;:]", rest, maxsplit=1)[0]


# --- municipalities ---------------------------------------------------------------------

_GENERIC = re.compile(
    r"^(?:муниципальн|городск|сельск|административн|внутригородск|районн|окружн|автономн|федеральн"
    r"|единый|единого|общеобразовательн|образовательн|учебн|школьн|каждого|данного|всего|любого|своего"
    r"|нашего|соседн|указанн|отдельн|нов|нашем|данном|всех|других|иных|этого|того|мэр|глав)",
    re.I,
)
# «… муниципального района», «… городского округа», «… района»; «города …», «г. …»;
# «муниципального образования «…»», «МО «…»», «городской округ «…»».
_ADJECTIVE = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?(?:ого|его|ый|ий|ой|ом|ем|ому|ему)"
_PLACE_PATTERNS = (
    re.compile(
        rf"((?:{_ADJECTIVE}\s+){{1,2}})(?:муниципальн\w+\s+(?:район|округ)\w*"
        r"|городск\w+\s+округ\w*|район\w*)\b"
    ),
    re.compile(r"(?:\bгород[ауе]?|\bг\.)\s*([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)"),
    re.compile(
        r"(?:муниципальн\w+\s+образовани\w+|\bМО|городск\w+\s+округ\w*)\s+"
        r"[«\"]([^»\"]{3,60})[»\"]"
    ),
)


def _stems(text: str) -> set[str]:
    return {w.casefold()[:5] for w in re.findall(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё]+)?", text) if not _GENERIC.match(w)}


def foreign_municipalities(ctx: Context) -> Iterator[Problem]:
    org = ctx.organization
    own = set().union(
        *(
            _stems(t)
            for t in (
                org.name,
                org.name_genitive,
                org.municipality or "",
                org.place or "",
                *org.letterhead,
            )
        )
    )
    if not own:
        return
    city = bool(re.search(r"\bгород\b|\bг\.", org.municipality or org.place or ""))
    reported: set[tuple[int, str]] = set()
    read: set[tuple[int, str]] = set()  # a text read again in a document names nothing new
    for f in ctx.fields:
        if (id(f.doc), f.text) in read:
            continue
        read.add((id(f.doc), f.text))
        for name in _places(f.text, city):
            stems = _stems(name)
            key = (id(f.doc), fold(name))
            if stems and not stems & own and key not in reported:
                reported.add(key)
                yield Problem(
                    "municipality-foreign",
                    f.pos,
                    {
                        "where": f.where.capitalize(),
                        "name": name,
                        "municipality": org.municipality or org.name,
                    },
                    "warning",
                )


def _places(text: str, city: bool) -> Iterator[str]:
    for index, pattern in enumerate(_PLACE_PATTERNS):
        if index == 1 and not city:
            continue  # a district may well name the regional centre or Moscow
        for match in pattern.finditer(text):
            whole = match.group(0).strip()
            if index == 0 and city and not re.search(r"муниципальн|городск", whole):
                continue  # a district of the city itself («Ленинского района»)
            name = match.group(1).strip()
            words = [w for w in name.split() if not _GENERIC.match(w)]
            if words:
                yield whole if index == 0 else name


# --- the organization's own name --------------------------------------------------------


def own_name_variants(ctx: Context) -> Iterator[Problem]:
    """The organization's name written out with a word missing, extra or changed."""
    org = ctx.organization
    names = [n for n in (org.name, org.name_genitive) if len(n.split()) >= 4]
    if not names:
        return
    reference = [_stem(w) for w in names[0].split()]
    head = reference[:2]
    for f in ctx.fields:
        if head[0] not in f.text.casefold():
            continue
        words = f.text.split()
        stems = [_stem(w) for w in words]
        for i in range(len(stems) - 1):
            if stems[i : i + 2] != head:
                continue
            written = _mention(words, stems, i, reference)
            if written and not doubled_words(written):
                yield Problem(
                    "organization-name-variant",
                    f.pos,
                    {
                        "where": f.where.capitalize(),
                        "written": short(written, 150),
                        "name": _as_written(names, written),
                    },
                    "warning",
                )


def _stem(word: str) -> str:
    return re.sub(r"[^\wё-]", "", word.casefold().replace("ё", "е"))[:5]


def _mention(words: list[str], stems: list[str], start: int, reference: list[str]) -> str | None:
    """The words from `start` that spell the name with one slip, or None if exact or unrelated."""
    import difflib

    window = stems[start : start + len(reference) + 6]
    matcher = difflib.SequenceMatcher(a=reference, b=window, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    matched = sum(b.size for b in blocks)
    if not blocks or blocks[0].a != 0 or matched < len(reference) - 1 or matched < 4:
        return None
    last = blocks[-1]
    if last.a + last.size != len(reference):
        return None  # the mention stops before the end of the name: a short form, not a slip
    end = last.b + last.size
    if end == len(reference) and matched == len(reference):
        return None  # written exactly
    return " ".join(words[start : start + end])


def _as_written(names: list[str], written: str) -> str:
    """The form of the name (nominative or genitive) closest to what was written."""
    import difflib

    return max(names, key=lambda n: difflib.SequenceMatcher(a=n.casefold(), b=written.casefold()).ratio())
