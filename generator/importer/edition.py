"""An edited annex (DOCX) → the next edition of the plan it was made from.

`prikaz import EDITED.docx --edition-of PLAN.yaml`: the importer reads the file as usual;
here each row is matched to a measure of the current edition, so that what the clerk did
not touch stays exactly as it was (source text, ids, frozen numbers), and the written
edition differs from the old one only by the clerk's edits. Matching runs in passes that
each cost about the size of the plan: identical rows in order, rows with the same text in
order, then, only inside the gaps left between matched rows, the same printed number or
similar text, and last a row left alone between the same neighbours on both sides.

Typography never counts as an edit: a text whose typeset form differs from the old one
only in quotes, dashes, spaces or «ё» keeps the old source text.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field

from .. import model as m
from ..diff import longest_in_order
from ..errors import ContentError, Pos, Problem
from ..typography import typeset
from .order import find_doc_type, parse_annex_header, parse_order, split_annexes
from .plan import MeasureNode, PlanTree, SectionNode, is_plan, parse_plan
from .read import read_docx
from .report import Report, quote

LEAST_SHARE = 0.5  # rows of the old edition that must be found for the file to be an edition of it
SIMILAR = 0.5  # least word similarity for two texts in one gap to be one row edited
GAP_LIMIT = 200_000  # largest gap (old × new rows) compared pairwise


# --- typography-blind keys --------------------------------------------------------------

_QUOTES = re.compile("[«»„“”‟\"'‘’‚‹›]")
_DASHES = re.compile(r"\s*[‐‑‒–—―−-]\s*")
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f]+")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_BEFORE_PUNCT = re.compile(r"\s+(?=[,.;:!?)\]])")
_AFTER_OPEN = re.compile(r"(?<=[(\[])\s+")


def key(text: str | None) -> str:
    """A text as compared for edits: what Word's or LibreOffice's autocorrect may change
    (quotes, dashes, spaces, «ё», «№ 5»/«№5», «...»/«…») is made one form."""
    if not text:
        return ""
    text = typeset(_INVISIBLE.sub("", text))
    text = _QUOTES.sub('"', text).replace("…", "...").replace("ё", "е").replace("Ё", "Е")
    text = _SPACES.sub(" ", text)
    text = _DASHES.sub("-", text).replace("№ ", "№")
    text = _AFTER_OPEN.sub("", _BEFORE_PUNCT.sub("", text))
    return text.strip()


def blocks_plain(blocks) -> str:
    """Imported text blocks (strings and dicts of the content format) as plain lines."""
    if isinstance(blocks, str):
        return blocks
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, str):
            lines.append(block)
        elif "bullets" in block:
            lines += [f"{block.get('marker', '–')} {item}".strip() for item in block["bullets"]]
        elif "heading" in block:
            lines.append(block["heading"])
        elif "lead" in block:
            lines.append(f"{block['lead']} {block.get('text', '')}".strip())
    return "\n".join(lines)


# --- reading the edited file ------------------------------------------------------------


def read_plan(path: str, old: m.Plan, report: Report) -> PlanTree:
    """The plan in the DOCX (an annex alone, or an order with annexes); of several plans,
    the one with most rows of the old edition."""
    blocks = read_docx(path).blocks
    start = find_doc_type(blocks)
    if start is not None:
        _order, rest = parse_order(blocks, start, report)
        chunks = split_annexes(rest)
    else:
        chunks = [blocks]
    plans = []
    for chunk in chunks:
        _header, body = parse_annex_header(chunk, report)
        if is_plan(body):
            tree = parse_plan(body, report)
            if tree is not None:
                plans.append(tree)
    if not plans:
        raise ContentError(
            [
                Problem(
                    "file-unreadable",
                    Pos(path),
                    {
                        "reason": "в файле не найден план мероприятий (таблица со столбцами «Мероприятия», «Срок», "
                        "«Ответственные»)"
                    },
                )
            ]
        )
    old_texts = {key(m.plain_text(measure.text)) for measure in old.all_measures()}
    return max(plans, key=lambda tree: sum(key(blocks_plain(r.text)) in old_texts for r in _rows(tree.sections)))


# --- flat lists of rows -------------------------------------------------------------------


@dataclass
class OldRow:
    path: tuple
    measure: m.Measure
    raw: dict
    number: str | None
    text: str = ""
    full: tuple = ()


@dataclass
class NewRow:
    node: MeasureNode
    text: str = ""
    full: tuple = ()


def _rows(sections: list[SectionNode]):
    def measures(items):
        for node in items:
            yield node
            yield from measures(node.children)

    for section in sections:
        yield from measures(section.measures)
        yield from _rows(section.sections)


def old_rows(plan: m.Plan, raw: dict, numbers: dict) -> list[OldRow]:
    rows: list[OldRow] = []

    def measures(items, raws, path):
        for i, (measure, raw_measure) in enumerate(zip(items, raws)):
            own = path + ((("measures" if len(path) and path[-1][0] == "sections" else "children"), i),)
            rows.append(OldRow(own, measure, raw_measure, numbers.get(own)))
            measures(measure.children, raw_measure.get("measures", []), own)

    def sections(items, raws, path):
        for i, (section, raw_section) in enumerate(zip(items, raws)):
            own = path + (("sections", i),)
            measures(section.measures, raw_section.get("measures", []), own)
            sections(section.sections, raw_section.get("sections", []), own)

    sections(plan.sections, raw.get("sections", []), ())
    for row in rows:
        row.text = key(m.plain_text(row.measure.text))
        row.full = (row.text, key(row.measure.deadline), tuple(key(u) for u in row.measure.responsible))
    return rows


def new_rows(tree: PlanTree) -> list[NewRow]:
    rows = [NewRow(node) for node in _rows(tree.sections)]
    for row in rows:
        row.text = key(blocks_plain(row.node.text))
        row.full = (row.text, key(row.node.deadline), tuple(key(u) for u in row.node.responsible))
    return rows


# --- matching ----------------------------------------------------------------------------


@dataclass
class Match:
    pairs: dict[int, int] = field(default_factory=dict)  # new row → old row
    by_evidence: int = 0  # pairs found by content or printed number, not by position alone


def match_rows(olds: list[OldRow], news: list[NewRow]) -> Match:
    """New row → old row; each pass only looks inside the gaps the previous ones left."""
    found: dict[int, int] = {}  # old → new
    _in_order(found, olds, news, lambda r: r.full)
    _in_order(found, olds, news, lambda r: r.text)
    for gap_old, gap_new in _gaps(found, len(olds), len(news)):
        _by_number(found, olds, news, gap_old, gap_new)
    for gap_old, gap_new in _gaps(found, len(olds), len(news)):
        _by_similarity(found, olds, news, gap_old, gap_new)
    evidence = len(found)
    for gap_old, gap_new in _gaps(found, len(olds), len(news)):
        if len(gap_old) == 1 and len(gap_new) == 1:  # one row rewritten between the same neighbours
            found[gap_old[0]] = gap_new[0]
    return Match({j: i for i, j in found.items()}, evidence)


def _in_order(found: dict[int, int], olds, news, key_of) -> None:
    """Pairs of equal keys in order among rows not yet paired (patience matching: keys that
    occur once on each side of a gap anchor it, the longest run of anchors in order is kept,
    equal neighbours of an anchor join it, and the gaps left are matched the same way)."""
    pending = list(_gaps(found, len(olds), len(news)))
    while pending:
        gap_old, gap_new = pending.pop()
        a = [key_of(olds[i]) for i in gap_old]
        b = [key_of(news[j]) for j in gap_new]
        anchors = _unique_pairs(a, b)
        if not anchors:
            continue
        made = _extend(anchors, a, b)
        for x, y in made:
            found[gap_old[x]] = gap_new[y]
        bounds = [(-1, -1), *made, (len(a), len(b))]
        for (x0, y0), (x1, y1) in zip(bounds, bounds[1:]):
            if x1 > x0 + 1 and y1 > y0 + 1:
                pending.append((gap_old[x0 + 1 : x1], gap_new[y0 + 1 : y1]))


def _unique_pairs(a: list, b: list) -> list[tuple[int, int]]:
    """(x, y) for keys that occur once in a and once in b, the longest run in order."""
    count_a: dict = {}
    for x, k in enumerate(a):
        count_a[k] = -1 if k in count_a else x
    count_b: dict = {}
    for y, k in enumerate(b):
        count_b[k] = -1 if k in count_b else y
    pairs = sorted((x, count_b[k]) for k, x in count_a.items() if x >= 0 and count_b.get(k, -1) >= 0)
    return longest_in_order(pairs)


def _extend(anchors: list[tuple[int, int]], a: list, b: list) -> list[tuple[int, int]]:
    """Anchors with the equal rows right before and after each of them."""
    paired = set(anchors)
    used_a, used_b = {x for x, _ in anchors}, {y for _, y in anchors}
    for x, y in list(anchors):
        for step in (1, -1):
            u, v = x + step, y + step
            while 0 <= u < len(a) and 0 <= v < len(b) and u not in used_a and v not in used_b and a[u] == b[v]:
                paired.add((u, v))
                used_a.add(u)
                used_b.add(v)
                u, v = u + step, v + step
    return sorted(paired)


def _gaps(found: dict[int, int], n_old: int, n_new: int):
    """Runs of unpaired old and new rows between consecutive pairs (pairs are in order)."""
    bounds = [(-1, -1), *sorted(found.items()), (n_old, n_new)]
    for (a0, b0), (a1, b1) in zip(bounds, bounds[1:]):
        if a1 > a0 + 1 and b1 > b0 + 1:
            yield list(range(a0 + 1, a1)), list(range(b0 + 1, b1))


def _stem(number: str | None) -> str:
    return (number or "").strip().rstrip(".")


def _by_number(found, olds, news, gap_old, gap_new) -> None:
    """Same printed number in the same gap: the row, edited (numbers in a gap are few)."""
    by_number: dict[str, list[int]] = {}
    for i in gap_old:
        by_number.setdefault(_stem(olds[i].number), []).append(i)
    last = -1
    for j in gap_new:
        candidates = by_number.get(_stem(news[j].node.printed), []) if news[j].node.printed else []
        candidates = [i for i in candidates if i > last]
        if len(candidates) >= 1 and _similar(olds[candidates[0]], news[j]) >= SIMILAR / 2:
            found[candidates[0]] = j
            last = candidates[0]


def _by_similarity(found, olds, news, gap_old, gap_new) -> None:
    if len(gap_old) * len(gap_new) > GAP_LIMIT:
        return
    scored = sorted(
        ((s, i, j) for j in gap_new for i in gap_old if (s := _similar(olds[i], news[j])) >= SIMILAR),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    taken_new: set[int] = set()
    here: list[tuple[int, int]] = []  # pairs made in this gap
    for _score, i, j in scored:
        if i in found or j in taken_new:
            continue
        # keep the pairs in order: a crossing pair would be a move, left to the diff
        if any((a < i) != (b < j) for a, b in here):
            continue
        found[i] = j
        taken_new.add(j)
        here.append((i, j))


_WORD = re.compile(r"\w+")


def _similar(old: OldRow, new: NewRow) -> float:
    return _words_ratio(old.text.lower(), new.text.lower())


def _words_ratio(old: str, new: str) -> float:
    a, b = _WORD.findall(old), _WORD.findall(new)
    if not a and not b:
        return 1.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < SIMILAR / 2 or matcher.quick_ratio() < SIMILAR / 2:
        return 0.0
    return matcher.ratio()


# --- the new edition ----------------------------------------------------------------------


@dataclass
class Edition:
    plan: dict  # the new edition in the shape of the content format
    new_units: list[str]  # responsible units the registry does not have yet
    notes: list[str]  # what the user should know: renumbering, inserted rows, unplaced rows
    matched: int
    total_old: int
    total_new: int


def next_edition(
    old: m.Plan, raw: dict, numbers: dict, tree: PlanTree, new_id: str, units: tuple[m.Unit, ...], where: str
) -> Edition:
    """The edited plan as the edition that follows `old`, or ContentError if it is not one."""
    olds, news = old_rows(old, raw, numbers), new_rows(tree)
    match = match_rows(olds, news)
    if match.by_evidence < LEAST_SHARE * len(olds) or not news:
        unplaced = [news[j] for j in range(len(news)) if j not in match.pairs]
        listed = "; ".join(f"{r.node.printed or 'без номера'} {quote(r.text, 50)}" for r in unplaced[:15])
        more = f" и ещё {len(unplaced) - 15}" if len(unplaced) > 15 else ""
        raise ContentError(
            [
                Problem(
                    "file-unreadable",
                    Pos(where),
                    {
                        "reason": f"это не редакция плана «{old.id}»: из {len(olds)} мероприятий в файле найдено "
                        f"{match.by_evidence} (нужно не меньше {LEAST_SHARE:.0%}); не удалось сопоставить строки: "
                        f"{listed or 'нет строк'}{more}"
                    },
                )
            ]
        )
    builder = _Builder(olds, news, match, units, old.responsible_separator)
    sections = builder.sections(tree.sections, old, raw)
    plan = {key_: value for key_, value in raw.items() if key_ not in ("id", "edition", "sections")}
    result: dict = {
        "format": raw.get("format", "1"),
        "kind": "plan",
        "id": new_id,
        "edition": {"follows": old.id, "kind": "amendment"},
    }
    result.update({k: v for k, v in plan.items() if k not in ("format", "kind")})
    notes = builder.notes()
    if tree.title and key(tree.title).casefold() != key(old.title).casefold():
        if _words_ratio(key(tree.title).lower(), key(old.title).lower()) >= SIMILAR:
            result["title"] = tree.title  # the title, edited
        else:  # a department's own layout splits or shortens it: not an edit to guess at
            notes.append(f"заголовок в файле {quote(tree.title, 80)} не похож на заголовок редакции; оставлен прежний")
    result["sections"] = sections
    return Edition(result, builder.new_units, notes, match.by_evidence, len(olds), len(news))


class _Builder:
    def __init__(self, olds, news, match: Match, units, separator: str):
        self.olds, self.news, self.match = olds, news, match
        self.row_of = {id(r.node): j for j, r in enumerate(news)}
        self.registry = {key(u.name): u.name for u in units}
        self.separator = separator
        self.new_units: list[str] = []
        self.flattened: set[int] = set()  # rows whose imported sub-rows are siblings in the edition
        self.renumbered: list[tuple[str, str]] = []
        self.inserted: list[str] = []

    # sections: matched by title, else by printed number, else by position among the rest
    def sections(self, nodes: list[SectionNode], old_parent, raw_parent: dict) -> list[dict]:
        old_sections = list(getattr(old_parent, "sections", ()))
        raws = raw_parent.get("sections", [])
        taken: set[int] = set()
        chosen: dict[int, int] = {}
        for passes in (
            lambda s, n: key(s.title) == key(n.title),
            lambda s, n: bool(n.printed) and _stem(s.number) == _stem(n.printed),
            self._shares_rows,
        ):
            for k, node in enumerate(nodes):
                if k in chosen:
                    continue
                found = next((i for i, s in enumerate(old_sections) if i not in taken and passes(s, node)), None)
                if found is not None:
                    chosen[k] = found
                    taken.add(found)
        result = []
        for k, node in enumerate(nodes):
            i = chosen.get(k)
            result.append(
                self.section(
                    node, old_sections[i] if i is not None else None, raws[i] if i is not None and i < len(raws) else {}
                )
            )
        return result

    def _shares_rows(self, section: m.Section, node: SectionNode) -> bool:
        old_ids = {id(mm) for mm in section.measures}
        return any(
            id(self.olds[self.match.pairs[self.row_of[id(n)]]].measure) in old_ids
            for n in node.measures
            if self.row_of[id(n)] in self.match.pairs
        )

    def section(self, node: SectionNode, old: m.Section | None, raw: dict) -> dict:
        result: dict = {}
        if old is not None:
            result = {k: v for k, v in raw.items() if k not in ("passport", "measures", "sections")}
            if key(node.title) != key(old.title):
                result["title"] = node.title or "—"
        else:
            result["title"] = node.title or "—"
            if node.printed is None:
                result["numbered"] = "false"
        passport = self._passport(node, old, raw)
        if passport:
            result["passport"] = passport
        if node.measures:
            result["measures"] = [self.measure(n) for n in self._level(node.measures)]
        if node.sections:
            result["sections"] = self.sections(node.sections, old or m.Section(""), raw)
        return result

    def _passport(self, node: SectionNode, old: m.Section | None, raw: dict) -> list:
        imported = []
        for block in node.passport:
            item = {"label": block["label"]}
            if block.get("text"):
                item["text"] = (
                    block["text"]
                    if len(block["text"]) != 1 or not isinstance(block["text"][0], str)
                    else block["text"][0]
                )
            imported.append(item)
        if old is None:
            return imported
        old_key = [(key(b.label), key(m.plain_text(b.text))) for b in old.passport]
        new_key = [(key(b["label"]), key(blocks_plain(b.get("text", [])))) for b in node.passport]
        return raw.get("passport", []) if old_key == new_key else imported

    def _level(self, nodes: list[MeasureNode]) -> list[MeasureNode]:
        """Rows of one level as the old edition nests them. The importer nests by printed
        numbers, so an inserted «2.7.1» (or a kept row numbered 3.1 by an earlier amendment)
        reads as a sub-row of 2.7; under a row that had no sub-rows it is its next sibling."""
        result: list[MeasureNode] = []
        for node in nodes:
            result.append(node)
            i = self.match.pairs.get(self.row_of[id(node)])
            if node.children and i is not None and not self.olds[i].measure.children:
                self.flattened.add(id(node))
                result += self._level(node.children)
        return result

    def measure(self, node: MeasureNode) -> dict:
        j = self.row_of[id(node)]
        i = self.match.pairs.get(j)
        if i is None:
            result = self._fresh(node)
        else:
            result = self._kept(node, self.olds[i])
        if node.children and id(node) not in self.flattened:
            result["measures"] = [self.measure(c) for c in self._level(node.children)]
        return result

    def _fresh(self, node: MeasureNode) -> dict:
        self.inserted.append(node.printed or quote(blocks_plain(node.text), 40))
        result: dict = {"text": _simple(node.text)}
        if node.deadline:
            result["deadline"] = node.deadline
        if node.responsible:
            result["responsible"] = self._units(node.responsible, ())
        if node.note:
            result["note"] = node.note
        return result

    def _kept(self, node: MeasureNode, old: OldRow) -> dict:
        """The old measure's source, with only the fields the clerk really changed replaced."""
        raw = {k: v for k, v in old.raw.items() if k not in ("measures", "reason")}
        measure = old.measure
        new_text = blocks_plain(node.text)
        if key(new_text) != key(m.plain_text(measure.text)):
            raw["text"] = _simple(node.text)
        if key(node.deadline) != key(measure.deadline):
            if node.deadline:
                raw["deadline"] = node.deadline
            else:
                raw.pop("deadline", None)
        units = self._units(node.responsible, measure.responsible)
        if tuple(units) != measure.responsible:
            if units:
                raw["responsible"] = units
            else:
                raw.pop("responsible", None)
        if key(node.note) != key(measure.note):
            if node.note:
                raw["note"] = node.note
            else:
                raw.pop("note", None)
        if node.printed and old.number and _stem(node.printed) != _stem(old.number):
            self.renumbered.append((old.number, node.printed))
        return raw

    def _units(self, printed: list[str], old: tuple[str, ...]) -> list[str]:
        """Units as the old row or the registry spell them; a cell split at a comma inside a
        unit's name («Руководители, кураторы ГМО») is joined back."""
        joined_old = key(self.separator.join(old))
        if old and key(self.separator.join(printed)) == joined_old:
            return list(old)
        known = {key(u): u for u in old}
        known = {**self.registry, **known}
        result: list[str] = []
        k = 0
        while k < len(printed):
            for end in range(len(printed), k, -1):  # the longest run of pieces that is one known unit
                name = known.get(key(", ".join(printed[k:end])))
                if name is not None:
                    result.append(name)
                    k = end
                    break
            else:
                name = printed[k]
                result.append(name)
                if name not in self.new_units and key(name) not in self.registry:
                    self.new_units.append(name)
                k += 1
        return result

    def notes(self) -> list[str]:
        notes = []
        if self.renumbered:
            pairs = ", ".join(f"{_stem(new)} вместо {_stem(old)}" for old, new in self.renumbered[:10])
            more = f" и ещё {len(self.renumbered) - 10}" if len(self.renumbered) > 10 else ""
            notes.append(
                f"строки перенумерованы вручную ({len(self.renumbered)}): напечатано {pairs}{more}; "
                "номера утверждённой редакции сохранены — существующие пункты не перенумеровываются, "
                "вставленные получают дополнительный номер (2.7.1)"
            )
        return notes


def _simple(blocks):
    return blocks[0] if len(blocks) == 1 and isinstance(blocks[0], str) else blocks


# --- files --------------------------------------------------------------------------------


def plain(node) -> object:
    """A yamlnodes tree as plain dicts, lists and strings."""
    value = node.value
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def next_id(old_id: str, taken: set[str]) -> str:
    """plan-2020 → plan-2020-ed2; plan-2020-ed2 → plan-2020-ed3 (past ids already taken)."""
    match = re.fullmatch(r"(.*)-ed(\d+)", old_id)
    stem, count = (match.group(1), int(match.group(2)) + 1) if match else (old_id, 2)
    while f"{stem}-ed{count}" in taken:
        count += 1
    return f"{stem}-ed{count}"


def with_units(text: str, root, names: list[str]) -> str:
    """organization.yaml's text with units appended to its `units:` list, the rest untouched."""
    from ..dump import scalar

    lines = text.splitlines(keepends=True)
    if text and not text.endswith("\n"):
        lines[-1] += "\n"
    block = "".join(f"  - name: {scalar(n)}\n" for n in names)
    units = root.value.get("units") if isinstance(root.value, dict) else None
    if units is None:
        return "".join(lines) + "units:\n" + block
    if not units.value:  # «units: []» or an empty key: the line becomes a block list
        at = root.key_pos["units"].line - 1
        return "".join(lines[:at] + ["units:\n", block] + lines[at + 1 :])
    last = units.value[-1].pos
    dash_line = last.line - 1
    before = lines[dash_line][: last.column - 1].rstrip()
    if not before.endswith("-"):
        raise ContentError(
            [
                Problem(
                    "file-unreadable",
                    Pos(root.pos.file),
                    {
                        "reason": "список units записан в одну строку; перепишите его столбиком («- name: …»), "
                        "чтобы prikaz мог добавить новых исполнителей: " + ", ".join(names)
                    },
                )
            ]
        )
    dash = len(before) - 1
    end = dash_line + 1
    while end < len(lines):
        stripped = lines[end].strip()
        indent = len(lines[end]) - len(lines[end].lstrip())
        if stripped and not stripped.startswith("#") and indent <= dash:
            break
        end += 1
    while end > dash_line + 1 and not lines[end - 1].strip():
        end -= 1
    added = [f"{' ' * dash}- name: {scalar(n)}\n" for n in names]
    return "".join(lines[:end] + added + lines[end:])


# --- the whole import -----------------------------------------------------------------------


@dataclass
class Imported:
    files: dict[str, str]  # path → text to write (the new edition; organization.yaml if units were added)
    department: m.Department  # loaded with the new files, from a scratch copy
    old: m.Plan
    new: m.Plan
    edition: Edition
    report: Report


def import_edition(docx_path: str, plan_path: str, new_id: str | None = None, force: bool = False) -> Imported:
    """Everything `import --edition-of` writes, loaded and checked before anything is written."""
    from ..load import load
    from ..yamlnodes import read_file

    dep = load([plan_path])[0]
    target = os.path.abspath(plan_path)
    old = next((d for d in dep.documents if os.path.abspath(d.pos.file) == target), None)
    if not isinstance(old, m.Plan):
        raise ContentError(
            [
                Problem(
                    "file-unreadable",
                    Pos(plan_path),
                    {"reason": "--edition-of: укажите файл плана мероприятий (редакцию, которую правили в Word)"},
                )
            ]
        )
    from ..history import numbers_of

    report = Report()
    tree = read_plan(docx_path, old, report)
    taken = {d.id for d in dep.documents}
    if new_id is None:
        new_id = next_id(old.id, taken)
    elif new_id in taken:
        raise ContentError(
            [
                Problem(
                    "file-unreadable",
                    Pos(plan_path),
                    {"reason": f"документ с id «{new_id}» уже есть в папке организации; укажите другой --id"},
                )
            ]
        )
    raw = plain(read_file(plan_path, plan_path))
    assert isinstance(raw, dict)  # the file was just loaded as a plan: a mapping
    edition = next_edition(old, raw, numbers_of(dep, old), tree, new_id, dep.organization.units, docx_path)
    from ..dump import to_yaml

    folder = dep.folder
    new_path = os.path.join(os.path.dirname(os.path.abspath(plan_path)), new_id + ".yaml")
    if os.path.exists(new_path) and not force:
        raise ContentError(
            [
                Problem(
                    "file-unreadable",
                    Pos(new_path),
                    {"reason": "файл уже существует; ничего не записано (перезаписать: --force)"},
                )
            ]
        )
    comment = (
        f"Редакция, импортированная из {os.path.basename(docx_path)} (prikaz import --edition-of {old.id}).\n"
        "Номера пунктов не пишутся: они сохраняются из предыдущей редакции, вставленные получают 2.7.1."
    )
    files = {new_path: to_yaml(edition.plan, comment)}
    if edition.new_units:
        org_path = os.path.join(folder, "organization.yaml")
        with open(org_path, encoding="utf-8") as f:
            text = f.read()
        files[org_path] = with_units(text, read_file(org_path, org_path), edition.new_units)
    department = _load_with(folder, files)
    return Imported(files, department, _plan(department, old.id), _plan(department, new_id), edition, report)


def _plan(department: m.Department, doc_id: str) -> m.Plan:
    """A plan of the department loaded with the new edition: the old one was checked to be a
    plan above, the new one was written as a plan."""
    document = department.document(doc_id)
    assert isinstance(document, m.Plan), doc_id
    return document


def _load_with(folder: str, files: dict[str, str]) -> m.Department:
    """The organization folder loaded as it will be once `files` are written (from a copy)."""
    import shutil
    import tempfile

    from ..load import load_folder

    with tempfile.TemporaryDirectory(prefix="prikaz-edition-") as scratch:
        copy = os.path.join(scratch, os.path.basename(folder))
        shutil.copytree(
            folder,
            copy,
            ignore=lambda d, names: [
                n for n in names if not (n.endswith((".yaml", ".yml")) or os.path.isdir(os.path.join(d, n)))
            ],
        )
        for path, text in files.items():
            with open(os.path.join(copy, os.path.relpath(path, folder)), "w", encoding="utf-8") as f:
                f.write(text)
        try:
            dep = load_folder(copy)
        except ContentError as e:
            raise ContentError([_outside(p, copy, folder) for p in e.problems])
    return _relocated(dep, copy, folder)


def _outside(problem: Problem, copy: str, folder: str) -> Problem:
    file = problem.pos.file
    if os.path.abspath(file).startswith(copy):
        file = os.path.join(folder, os.path.relpath(os.path.abspath(file), copy))
    return Problem(problem.code, Pos(file, problem.pos.line, problem.pos.column), problem.args, problem.severity)


def _relocated(dep: m.Department, copy: str, folder: str) -> m.Department:
    """Positions of the scratch copy's documents pointed back at the real folder."""
    import dataclasses

    def moved(doc):
        file = doc.pos.file
        if os.path.abspath(file).startswith(copy):
            file = os.path.join(folder, os.path.relpath(os.path.abspath(file), copy))
        return dataclasses.replace(doc, pos=Pos(file, doc.pos.line, doc.pos.column))

    return dataclasses.replace(dep, folder=folder, documents=tuple(moved(d) for d in dep.documents))


def write(imported: Imported) -> list[str]:
    from ..output import write_atomic

    for path, text in imported.files.items():
        write_atomic(path, text.encode("utf-8"))
    return list(imported.files)
