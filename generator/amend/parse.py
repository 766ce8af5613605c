"""The wording of an amending order read back and applied: the proof that it says it all.

A lawyer checks an amending order by applying its items one by one to the amended act:
find «пункт 2.7», replace «слова «…»», insert the quoted rows. This module does the
same with the generated Russian text: it parses the formulas that the amend package writes (a
real parser of that grammar, not a look at the changes the text came from), applies
them in order to the printed units of the old edition (printed.py), and compares the
result with the printed units of the new edition. `prove` returns what does not match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..printed import (
    TOTAL_LABEL,
    NotApplicable,
    Printed,
    Unit,
    bare,
    insert_after,
    occurrences,
    replace_all,
    replace_once,
)
from ..typography import printed_key
from .words import UNIT_FORMS


class WordingError(ValueError):
    """An item the parser cannot read or cannot apply to the document."""


NUM = r"\d+(?:\(\d+\))?(?:\.\d+(?:\(\d+\))?)*"  # 2.7, 2.7.1, 2(1).1
NUMS = rf"{NUM}(?:, {NUM})*(?: и {NUM})?"
QUOTE = r"Q\d+"

# Every form of the unit words the wording uses (words.UNIT_FORMS but the nominative, which
# never names a unit in a formula) → (what it names, plural); a singular form wins a tie.
_KIND_OF_BASE = {
    "пункт": "row",
    "строка": "row",
    "позиция": "row",
    "раздел": "section",
    "глава": "chapter",
    "блок": "block",
}
_UNIT_FORMS: dict[str, tuple[str, bool]] = {}
for _base, _kind in _KIND_OF_BASE.items():
    for _plural in (False, True):
        for _case in ("acc", "gen", "ins", "prep"):
            _UNIT_FORMS.setdefault(UNIT_FORMS[_base][("pl_" if _plural else "") + _case], (_kind, _plural))
UNIT = "(?:" + "|".join(sorted(_UNIT_FORMS, key=len, reverse=True)) + ")"
LABEL = rf"{UNIT} (?:{NUMS}|{QUOTE})"
WORDS_ACC = "(?:слово|слова|цифры)"
WORDS_INS = "(?:словом|словами|цифрами)"
WORDS_GEN = "(?:слова|слов|цифр)"
LOC = rf"(?:в (?P<loc>{LABEL}) )?"
EDIT = (
    rf"(?:{WORDS_ACC} (?P<a>{QUOTE}) заменить {WORDS_INS} (?P<b>{QUOTE})"
    rf"|{WORDS_ACC} (?P<d>{QUOTE}) исключить"
    rf"|после {WORDS_GEN} (?P<anchor>{QUOTE}) дополнить {WORDS_INS} (?P<added>{QUOTE}))"
)

PATTERNS = [
    (
        "throughout",
        re.compile(
            rf"по тексту {WORDS_ACC} (?P<a>{QUOTE}) заменить {WORDS_INS} (?P<b>{QUOTE})"
            rf"(?:, за исключением {UNIT} (?P<except>{NUMS}))?\."
        ),
    ),
    ("title", re.compile(rf"наименование изложить в следующей редакции: (?P<q>{QUOTE})\.")),
    ("note", re.compile(r"пояснительную записку изложить в следующей редакции:")),
    ("preamble", re.compile(r"преамбулу изложить в следующей редакции:")),
    ("note-removed", re.compile(r"пояснительную записку исключить\.")),
    (
        "columns",
        re.compile(
            r"наименования граф таблицы изложить в следующей редакции: "
            rf"(?P<qs>{QUOTE}(?:, {QUOTE})*)\."
        ),
    ),
    (
        "heading",
        re.compile(
            rf"{LOC}наименование (?P<unit>{LABEL}) изложить в следующей редакции: "
            rf"(?P<q>{QUOTE})\."
        ),
    ),
    (
        "removed",
        re.compile(
            rf"{LOC}(?P<units>{LABEL}(?:, {LABEL})*) "
            r"(?:исключить|признать утративш(?:ими|им|ей) силу)\."
        ),
    ),
    (
        "added",
        re.compile(
            rf"{LOC}(?:(?P<rel>после|перед) (?P<anchor>{LABEL}) |(?P<parent>{LABEL}) |приказ )?"
            rf"дополнить (?P<what>{UNIT})(?: (?P<numbers>{NUMS}))? следующего содержания:"
        ),
    ),
    ("cell", re.compile(rf"{LOC}в графе (?P<col>{QUOTE}) (?P<unit>{LABEL}) {EDIT}\.")),
    ("unit", re.compile(rf"{LOC}в (?P<unit>{LABEL}) {EDIT}\.")),
    ("total", re.compile(rf"{LOC}строку (?P<label>{QUOTE}) (?P<unit>{LABEL}) изложить в следующей редакции:")),
    ("restated", re.compile(rf"{LOC}(?P<unit>{LABEL}) изложить в следующей редакции:")),
]


@dataclass
class Quoted:
    template: str  # the item's text with every top-level «…» replaced by Q0, Q1 …
    quotes: list[str]


def lift_quotes(text: str) -> Quoted:
    """Replace balanced top-level «ёлочки» by placeholders (nested ones stay inside)."""
    out, quotes, depth, start = [], [], 0, 0
    for k, char in enumerate(text):
        if char == "«":
            if depth == 0:
                start = k + 1
            depth += 1
        elif char == "»" and depth:
            depth -= 1
            if depth == 0:
                out.append(f"Q{len(quotes)}")
                quotes.append(text[start:k])
        elif depth == 0:
            out.append(char)
    if depth:
        raise WordingError(f"кавычки не закрыты: {text}")
    return Quoted("".join(out), quotes)


# --- the document being amended ---------------------------------------------------------


class Document:
    def __init__(self, start: Printed):
        self.kind = start.kind
        self.cells = dict(start.cells)
        self.columns = list(start.columns)
        self.separator = start.separator
        self.column_cells = list(start.column_cells) or ["number", "text", "deadline", "responsible"]
        self.units = [Unit(u.kind, u.number, dict(u.cells), None, u.path) for u in start.units]
        by_original = {id(a): b for a, b in zip(start.units, self.units)}
        for a, b in zip(start.units, self.units):
            b.parent = by_original.get(id(a.parent)) if a.parent is not None else None
        # An item names rows by their numbers, and a removal takes the units inside: both
        # found through an index, not by a walk over every unit of the document.
        self._numbered: dict[str | None, list[Unit]] = {}
        self._children: dict[int, list[Unit]] = {}  # id of a unit (or of None) → the units it holds
        for unit in self.units:
            self._index(unit)

    def _index(self, unit: Unit) -> None:
        self._numbered.setdefault(unit.number, []).append(unit)
        self._children.setdefault(id(unit.parent), []).append(unit)

    def find(self, label: str, quotes: list[str], within: Unit | None = None) -> Unit:
        word, ident = label.split(" ", 1)
        kind, _ = _UNIT_FORMS[word]
        kinds = {
            "row": ("measure", "clause", "point"),
            "section": ("section",),
            "chapter": ("chapter",),
            "block": ("block",),
        }[kind]
        if re.fullmatch(QUOTE, ident):
            candidates = [u for u in self.units if u.kind in kinds and (within is None or u.inside(within))]
            name = printed_key(quotes[int(ident[1:])]).removesuffix("…")
            found = [
                u
                for u in candidates
                if printed_key(u.cells.get("title") or u.cells.get("label") or u.cells.get("text", "")).startswith(name)
            ]
        else:
            found = [
                u for u in self._numbered.get(ident, ()) if u.kind in kinds and (within is None or u.inside(within))
            ]
        if len(found) != 1:
            raise WordingError(f"«{label}»: найдено {len(found)}")
        return found[0]

    def insert(self, at: int, units: list[Unit]) -> None:
        self.units[at:at] = units
        for unit in units:
            self._index(unit)

    def extent_end(self, unit: Unit, measures_only: bool = False) -> int:
        """Index after the last unit inside `unit` (before its subsections, for rows)."""
        k = self.units.index(unit) + 1
        while k < len(self.units) and self.units[k].inside(unit):
            if measures_only and self.units[k].kind == "section":
                break
            k += 1
        return k

    def remove(self, unit: Unit) -> None:
        """Remove `unit` and every unit inside it."""
        gone, stack = [], [unit]
        while stack:
            node = stack.pop()
            gone.append(node)
            stack += self._children.pop(id(node), [])
        self._children[id(unit.parent)].remove(unit)
        for node in gone:
            self._numbered[node.number].remove(node)
        ids = {id(node) for node in gone}
        self.units = [u for u in self.units if id(u) not in ids]


# --- applying items ---------------------------------------------------------------------


def apply_items(start: Printed, items) -> Document:
    """Apply the items (objects with text, rows and quote) in order; WordingError if one fails."""
    doc = Document(start)
    for number, item in enumerate(items, start=1):
        try:
            _apply(doc, item)
        except (WordingError, NotApplicable, KeyError, IndexError) as error:
            raise WordingError(f"1.{number}. {item.text}: {error}") from error
    return doc


def _apply(doc: Document, item) -> None:
    text = item.text[:1].lower() + item.text[1:]
    quoted = lift_quotes(text)
    for name, pattern in PATTERNS:
        match = pattern.fullmatch(quoted.template)
        if match:
            return globals()["_" + name.replace("-", "_")](doc, match, quoted.quotes, item)
    raise WordingError("формулировка не распознана")


def _within(doc: Document, match, quotes) -> Unit | None:
    loc = match.groupdict().get("loc")
    return doc.find(loc, quotes) if loc else None


def _numbers(text: str) -> list[str]:
    return re.findall(NUM, text)


def _throughout(doc: Document, match, quotes, item) -> None:
    old, new = quotes[int(match["a"][1:])], quotes[int(match["b"][1:])]
    excepted = set(_numbers(match["except"])) if match["except"] else set()
    hits = 0
    for unit in doc.units:
        if unit.number in excepted and unit.kind in ("measure", "clause", "point"):
            continue
        for cell, value in unit.cells.items():
            hits += occurrences(value, old)
            unit.cells[cell] = replace_all(value, old, new)
    if not hits:
        raise NotApplicable(old)


def _title(doc: Document, match, quotes, item) -> None:
    doc.cells["title"] = quotes[int(match["q"][1:])]


def _note(doc: Document, match, quotes, item) -> None:
    doc.cells["note"] = "\n".join(_unquote_lines(item.quote))


def _preamble(doc: Document, match, quotes, item) -> None:
    doc.cells["preamble"] = "\n".join(_unquote_lines(item.quote))


def _note_removed(doc: Document, match, quotes, item) -> None:
    doc.cells.pop("note", None)


def _columns(doc: Document, match, quotes, item) -> None:
    doc.cells["columns"] = "\n".join(quotes[int(q[1:])] for q in re.findall(QUOTE, match["qs"]))
    doc.columns = ["", *doc.cells["columns"].split("\n")][1:]


def _heading(doc: Document, match, quotes, item) -> None:
    unit = doc.find(match["unit"], quotes, _within(doc, match, quotes))
    shown = quotes[int(match["q"][1:])]
    title = re.sub(rf"^{NUM}\.? ", "", shown) if unit.number else shown
    unit.cells["title"] = title


def _removed(doc: Document, match, quotes, item) -> None:
    within = _within(doc, match, quotes)
    for label in _labels(match["units"]):
        doc.remove(doc.find(label, quotes, within))


def _labels(text: str) -> list[str]:
    """«пункты 3.4 и 3.5» → [«пункты 3.4», «пункты 3.5»]; «раздел Q1, раздел Q2» → both."""
    labels = []
    for part in re.findall(rf"{UNIT} (?:{NUMS}|{QUOTE})", text):
        word, rest = part.split(" ", 1)
        idents = [rest] if re.fullmatch(QUOTE, rest) else _numbers(rest)
        labels += [f"{word} {ident}" for ident in idents]
    return labels


def _added(doc: Document, match, quotes, item) -> None:
    within = _within(doc, match, quotes)
    what, _ = _UNIT_FORMS[match["what"]]
    if match["rel"] == "после":
        anchor = doc.find(match["anchor"], quotes, within)
        at, parent = doc.extent_end(anchor), anchor.parent
    elif match["rel"] == "перед":
        anchor = doc.find(match["anchor"], quotes, within)
        at, parent = doc.units.index(anchor), anchor.parent
    elif match["parent"]:
        parent = doc.find(match["parent"], quotes, within)
        at = doc.extent_end(parent, measures_only=what == "row")
    else:
        parent, at = None, len(doc.units)
    units = _rows_units(doc, item.rows, parent) if item.rows else _lines_units(doc, item.quote, parent, what)
    expected = _numbers(match["numbers"] or "")
    if expected and [u.number for u in units if u.parent is parent] != expected:
        raise WordingError(f"номера {expected} не совпадают с цитатой")
    doc.insert(at, units)


def _total(doc: Document, match, quotes, item) -> None:
    """«строку «Итого по разделу» раздела 1 изложить в следующей редакции:» and the row."""
    if quotes[int(match["label"][1:])] != TOTAL_LABEL or not item.rows or len(item.rows) != 1:
        raise WordingError("строка «Итого» не распознана")
    unit = doc.find(match["unit"], quotes, _within(doc, match, quotes))
    if unit.kind != "section":
        raise WordingError("строка «Итого» бывает только у раздела")
    cells = dict(zip(doc.column_cells, _strip_row_quotes(item.rows)[0]))
    if cells.get("text") != TOTAL_LABEL:
        raise WordingError("в строке нет «Итого по разделу»")
    for name in [n for n in unit.cells if n.startswith("total:")]:
        unit.cells[name] = cells.get(name[len("total:") :], "")


def _restated(doc: Document, match, quotes, item) -> None:
    labels = _labels(match["unit"])
    if len(labels) > 1:  # «пункты 2.3, 2.5 и 2.6 изложить в следующей редакции:» + their rows
        within = _within(doc, match, quotes)
        targets = [doc.find(label, quotes, within) for label in labels]
        units = _rows_units(doc, item.rows, None)
        if [u.number for u in units] != [t.number for t in targets]:
            raise WordingError("строки новой редакции не совпадают с перечнем пунктов")
        for target, unit in zip(targets, units):
            target.cells = unit.cells
        return
    unit = doc.find(match["unit"], quotes, _within(doc, match, quotes))
    units = (
        _rows_units(doc, item.rows, unit.parent)
        if item.rows
        else _lines_units(
            doc,
            item.quote,
            unit.parent,
            {"section": "section", "chapter": "chapter", "block": "block"}.get(unit.kind, "row"),
        )
    )
    if len(units) != 1 or units[0].kind != unit.kind:
        raise WordingError("новая редакция — не одна единица того же вида")
    if units[0].number not in (None, unit.number):
        raise WordingError(f"в новой редакции номер {units[0].number}, а не {unit.number}")
    unit.cells = units[0].cells


def _cell(doc: Document, match, quotes, item) -> None:
    """«в графе «…» пункта 2.7 …», or of several rows: «в графе «…» пунктов 1.6, 5.2 …»."""
    names = [printed_key(c) for c in doc.columns]
    cell = doc.column_cells[names.index(printed_key(quotes[int(match["col"][1:])]))]
    word, rest = match["unit"].split(" ", 1)
    within = _within(doc, match, quotes)
    if not _UNIT_FORMS[word][1]:
        unit = doc.find(match["unit"], quotes, within)
        unit.cells[cell] = _edit(unit.cells[cell], match, quotes)
        return
    old, new = quotes[int(match["a"][1:])], quotes[int(match["b"][1:])]
    for number in _numbers(rest):
        unit = doc.find(f"{word} {number}", quotes, within)
        if not occurrences(unit.cells[cell], old):
            raise NotApplicable(number)
        unit.cells[cell] = replace_all(unit.cells[cell], old, new)


def _unit(doc: Document, match, quotes, item) -> None:
    label = match["unit"]
    word, rest = label.split(" ", 1)
    if _UNIT_FORMS[word][1]:  # «в пунктах 1.6, 5.2 и 5.5 слова …»: every cell of each
        for number in _numbers(rest):
            unit = doc.find(f"{word} {number}", quotes, _within(doc, match, quotes))
            if not any(occurrences(v, quotes[int(match["a"][1:])]) for v in unit.cells.values()):
                raise NotApplicable(number)
            for cell, value in unit.cells.items():
                unit.cells[cell] = replace_all(value, quotes[int(match["a"][1:])], quotes[int(match["b"][1:])])
        return
    unit = doc.find(label, quotes, _within(doc, match, quotes))
    unit.cells["text"] = _edit(unit.cells["text"], match, quotes)


def _edit(text: str, match, quotes) -> str:
    q = lambda name: quotes[int(match[name][1:])]  # noqa: E731
    if match["a"]:
        return replace_once(text, q("a"), q("b"))
    if match["d"]:
        return replace_once(text, q("d"), "")
    return insert_after(text, q("anchor"), q("added"))


# --- quoted content back into units -----------------------------------------------------


def _strip_row_quotes(rows: list[list[str]]) -> list[list[str]]:
    rows = [list(r) for r in rows]
    if not rows[0][0].startswith("«") or not (rows[-1][-1].endswith("».") or rows[-1][-1].endswith("»;")):
        raise WordingError("строки не взяты в кавычки «…».")
    rows[0][0] = rows[0][0][1:]
    rows[-1][-1] = rows[-1][-1][:-2]
    return rows


def _rows_units(doc: Document, rows: list[list[str]], parent: Unit | None) -> list[Unit]:
    """Quoted table rows → a section row or measure rows, nested by their numbers."""
    units: list[Unit] = []
    keys = [c for c in doc.column_cells if c not in ("number", "text", "deadline", "responsible")]
    for row in _strip_row_quotes(rows):
        cells = dict(zip(doc.column_cells, row))
        number, text = cells.pop("number", ""), cells.get("text", "")
        others = [v for c, v in cells.items() if c != "text"]
        if text == TOTAL_LABEL and not number:  # the «Итого» row of the section quoted above
            section = next(u for u in reversed(units) if u.kind == "section")
            section.cells.update((f"total:{key}", cells.get(key, "")) for key in keys)
            continue
        if not number and not any(others) and (not units or units[0].kind == "section" or not text):
            heading = re.match(rf"^({NUM})\. (.*)$", text, re.S)
            unit = Unit(
                "section",
                heading[1] if heading else None,
                {"title": heading[2] if heading else text, **{f"total:{key}": "" for key in keys}},
                parent,
            )
        else:
            unit = Unit(
                "measure",
                bare(number) or None,
                {
                    "text": text,
                    "deadline": cells.get("deadline", ""),
                    "responsible": cells.get("responsible", ""),
                    **{key: cells.get(key, "") for key in keys},
                },
                parent,
            )
        if units:
            unit.parent = _nest(units, unit, parent)
        units.append(unit)
    return units


def _nest(units: list[Unit], unit: Unit, parent: Unit | None) -> Unit | None:
    """The parent of a quoted unit: the nearest earlier one whose number it extends, else a
    quoted section above it, else the parent of the first."""
    for earlier in reversed(units):
        if unit.number and earlier.number and unit.number.startswith(earlier.number + "."):
            return earlier
    sections = [u for u in units if u.kind == "section"]
    if unit.kind == "measure" and sections:
        return sections[-1]
    return units[0].parent if unit.kind == units[0].kind else parent


def _unquote_lines(lines: list[str]) -> list[str]:
    lines = list(lines)
    if not lines or not lines[0].startswith("«") or not (lines[-1].endswith("».") or lines[-1].endswith("»;")):
        raise WordingError("текст не взят в кавычки «…».")
    lines[0] = lines[0][1:]
    lines[-1] = lines[-1][:-2]
    return lines


_NUMBERED_LINE = re.compile(rf"^({NUM})\.? (.*)$", re.S)


def _lines_units(doc: Document, quote: list[str], parent: Unit | None, what: str) -> list[Unit]:
    """Quoted paragraphs → clauses, chapters, passport blocks or points."""
    lines = _unquote_lines(quote)
    if what == "block":
        label = lines[0].removesuffix(":")
        return [Unit("block", None, {"label": label, "text": "\n".join(lines[1:])}, parent)]
    kind = {"chapter": "chapter", "row": "clause" if doc.kind == "regulation" else "point"}.get(what, what)
    units: list[Unit] = []
    for line in lines:
        numbered = _NUMBERED_LINE.match(line)
        opens = numbered and (not units or _deeper_or_same(numbered[1], units))
        if opens or not units:
            number, body = (numbered[1], numbered[2]) if numbered else (None, line)
            unit_kind = (
                kind
                if not units
                or units[0].kind != "chapter"
                or (number or "").count(".") == (units[0].number or "").count(".")
                else "clause"
            )
            cells = {"title": body, "text": ""} if unit_kind == "chapter" else {"text": body}
            unit = Unit(unit_kind, bare(number), cells, parent)
            if units:
                unit.parent = _nest(units, unit, parent)
            units.append(unit)
        else:
            last = units[-1]
            last.cells["text"] = (last.cells["text"] + "\n" + line) if last.cells["text"] else line
    return units


def _deeper_or_same(number: str, units: list[Unit]) -> bool:
    """A numbered line opens a unit when its number continues the quoted numbering."""
    first = units[0].number or ""
    return number.count(".") >= first.count(".")


# --- the proof --------------------------------------------------------------------------


def prove(old: Printed, new: Printed, items) -> list[str]:
    """Differences between the old edition amended by the wording and the new edition
    (empty: the wording says every change, and nothing else)."""
    try:
        doc = apply_items(old, items)
    except WordingError as error:
        return [str(error)]
    problems = []
    if {k: printed_key(v) for k, v in doc.cells.items()} != {k: printed_key(v) for k, v in new.cells.items()}:
        problems.append("реквизиты документа (наименование, записка, графы) не совпадают")
    got = [u.key() for u in doc.units]
    want = [u.key() for u in new.units]
    for k, (a, b) in enumerate(zip(got, want)):
        if a != b:
            problems.append(f"единица {k + 1}: после изменений {a[:2]}, в новой редакции {b[:2]}")
            break
    if len(got) != len(want):
        problems.append(f"единиц после изменений {len(got)}, в новой редакции {len(want)}")
    return problems
