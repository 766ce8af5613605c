"""Two editions → a structured list of changes.

The editions are trees: a plan of sections, a section of passport blocks, measures and
subsections, a measure of its sub-measures; a regulation of chapters and clauses; an
order of points. Children lists are matched pairwise, top down:

1. by stable `id` where both sides have one;
2. by identical content, in order (difflib over content keys), so that one inserted
   measure is one insertion, not a cascade of changes;
3. by similar text, only inside the gaps between the pairs found so far, so the cost
   grows with the size of the changes, not with the square of the plan;
4. by position: an item left alone between the same two kept neighbours on both sides
   is that item rewritten (a plan row that keeps a column, a section or chapter that
   keeps one of its parts).

Matched pairs that left their relative order are moves. An item left over on one side is
an addition or a removal; additions and removals of equal content in different
containers are marked as moves of one another. A match between near-equal candidates is
reported as ambiguous rather than guessed silently.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import re
from dataclasses import dataclass, field

from . import model as m
from .tree import CHILDREN, Path

SIMILAR = 0.55  # least similarity of text for two items to be one item changed
IN_PLACE_SIMILAR = 0.3  # at the same place, when one side has more items than the other
AMBIGUOUS_MARGIN = 0.03


@dataclass(frozen=True)
class FieldChange:
    name: str  # text | deadline | responsible | title | label | …
    old: object
    new: object


@dataclass(frozen=True)
class Change:
    """One change of the tree.

    kind: "changed" (own fields of a kept node), "added" (a node with its subtree),
    "removed", or "document" (fields of the root: title, note, columns …).
    For "added", `container` is the old path of the parent and `list_name` the child
    list; `anchor` is the old index of the kept sibling it follows (-1: at the start).
    """

    kind: str
    old_path: Path | None = None
    new_path: Path | None = None
    old: object = None
    new: object = None
    fields: tuple[FieldChange, ...] = ()
    container: Path | None = None
    list_name: str | None = None
    anchor: int = -1
    moved: bool = False  # a removal and an addition that are one move


@dataclass(frozen=True)
class Ambiguity:
    new_path: Path
    candidates: tuple[Path, ...]
    score: float


@dataclass
class Diff:
    changes: list[Change] = field(default_factory=list)
    ambiguities: list[Ambiguity] = field(default_factory=list)
    # new path → old path, for every kept node (changed or not)
    kept: dict[Path, Path] = field(default_factory=dict)

    def count(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for change in self.changes:
            if change.kind == "document" and not change.fields:
                continue  # only the edition's id or history differ
            key = "moved" if change.moved and change.kind == "added" else change.kind
            if change.moved and change.kind == "removed":
                continue
            counts[key] = counts.get(key, 0) + 1
        return counts


def diff(old, new) -> Diff:
    """Changes that turn edition `old` into edition `new` (plans, regulations, orders)."""
    result = Diff()
    if own_fields(old, include_meta=True) != own_fields(new, include_meta=True):
        own = _own_changes(old, new, include_meta=True)
        result.changes.append(Change("document", (), (), old, new, own))
    _diff_children(old, new, (), (), result, _Memo())
    _pair_moves(result)
    return result


class _Memo:
    """Content keys and words of the nodes of one comparison, each computed once.

    A section's content key holds its measures' keys, and the measures are matched again
    inside it; keyed by identity, since both trees live for the whole comparison. A key is
    a small number standing for `content_key` (equal content, equal number), so matching a
    list of sections hashes numbers, not the nested keys of all their measures."""

    def __init__(self) -> None:
        self._keys: dict[int, int] = {}
        self._numbers: dict[tuple, int] = {}
        self._words: dict[int, list[str]] = {}

    def key(self, node) -> int:
        found = self._keys.get(id(node))
        if found is None:
            kind = type(node)  # the fields of one type come in one order: the key needs no names
            content = (
                kind.__name__,
                tuple([repr(getattr(node, name)) for name in _own_names(kind, False)]),
                tuple(tuple([self.key(c) for c in getattr(node, name)]) for name in CHILDREN[kind]),
            )
            found = self._keys[id(node)] = self._numbers.setdefault(content, len(self._numbers))
        return found

    def words(self, node) -> list[str]:
        found = self._words.get(id(node))
        if found is None:
            found = self._words[id(node)] = words(node_text(node))
        return found


# --- own fields -------------------------------------------------------------------------


def own_fields(node, include_meta: bool = False) -> dict[str, object]:
    """A node's fields that are not children lists (nor its position)."""
    return {name: getattr(node, name) for name in _own_names(type(node), include_meta)}


_OWN_NAMES: dict[tuple[type, bool], tuple[str, ...]] = {}


def _own_names(kind: type, include_meta: bool) -> tuple[str, ...]:
    names = _OWN_NAMES.get((kind, include_meta))
    if names is None:
        skip = set(CHILDREN[kind]) | {"pos", "reason", "sealed"}  # seals record approval, not content
        if not include_meta:
            skip |= {"edition"}
        # fields outside equality (the file's checksum, positions) are no content
        names = _OWN_NAMES[(kind, include_meta)] = tuple(
            f.name for f in dataclasses.fields(kind) if f.name not in skip and f.compare
        )
    return names


def _own_changes(old, new, include_meta: bool = False) -> tuple[FieldChange, ...]:
    a, b = own_fields(old), own_fields(new)
    skip = {"edition", "id"} if include_meta else set()
    return tuple(FieldChange(k, a[k], b[k]) for k in a if k not in skip and a[k] != b[k])


def content_key(node) -> tuple:
    """What makes two nodes the same content: own fields and, recursively, children."""
    return (
        type(node).__name__,
        tuple(sorted((k, repr(v)) for k, v in own_fields(node).items())),
        tuple(tuple(content_key(c) for c in getattr(node, name)) for name in CHILDREN[type(node)]),
    )


def node_text(node) -> str:
    """The words that identify a node for similarity."""
    if isinstance(node, m.Measure | m.Clause | m.Point):
        return m.plain_text(node.text)
    if isinstance(node, m.PassportBlock):
        return node.label + " " + m.plain_text(node.text)
    if isinstance(node, m.Chapter | m.Section):
        return node.title
    return ""


# --- matching children lists ------------------------------------------------------------


def _diff_children(old, new, old_path: Path, new_path: Path, result: Diff, memo: _Memo) -> None:
    for name in CHILDREN[type(old)]:
        olds, news = getattr(old, name), getattr(new, name)
        if not olds and not news:
            continue
        pairs, ambiguities = match_lists(olds, news, memo)
        for j, i, score in ambiguities:
            candidates = tuple(old_path + ((name, k),) for k in i)
            result.ambiguities.append(Ambiguity(new_path + ((name, j),), candidates, score))
        kept = longest_in_order(pairs)
        kept_old = {i for i, _ in kept}
        kept_new = {j: i for i, j in kept}
        for i in range(len(olds)):
            if i not in kept_old:
                result.changes.append(Change("removed", old_path + ((name, i),), None, olds[i], None))
        anchor = -1
        for j, node in enumerate(news):
            if j in kept_new:
                i = kept_new[j]
                anchor = i
                o_path, n_path = old_path + ((name, i),), new_path + ((name, j),)
                result.kept[n_path] = o_path
                if memo.key(olds[i]) == memo.key(node):  # the same content: kept as is, all of it
                    _keep_all(olds[i], node, o_path, n_path, result)
                    continue
                own = _own_changes(olds[i], node)
                if own:
                    result.changes.append(Change("changed", o_path, n_path, olds[i], node, own))
                _diff_children(olds[i], node, o_path, n_path, result, memo)
            else:
                result.changes.append(
                    Change(
                        "added",
                        None,
                        new_path + ((name, j),),
                        None,
                        node,
                        container=old_path,
                        list_name=name,
                        anchor=anchor,
                    )
                )


def _keep_all(old, new, old_path: Path, new_path: Path, result: Diff) -> None:
    """Record every node inside two nodes of the same content as kept, child by child
    (what matching their lists would find: the same items in the same order)."""
    for name in CHILDREN[type(old)]:
        for i, (a, b) in enumerate(zip(getattr(old, name), getattr(new, name))):
            o_path, n_path = old_path + ((name, i),), new_path + ((name, i),)
            result.kept[n_path] = o_path
            _keep_all(a, b, o_path, n_path, result)


def match_lists(
    olds, news, memo: _Memo | None = None
) -> tuple[list[tuple[int, int]], list[tuple[int, list[int], float]]]:
    """Pairs (old index, new index) of the same item; and ambiguous matches found."""
    if not olds or not news:
        return [], []
    memo = memo or _Memo()
    pairs: dict[int, int] = {}
    # 1. stable ids
    old_ids = {getattr(n, "id", None): i for i, n in enumerate(olds) if getattr(n, "id", None)}
    for j, node in enumerate(news):
        i = old_ids.get(getattr(node, "id", None))
        if i is not None:
            pairs[i] = j
    # 2. identical content, in order
    rest_old = [i for i in range(len(olds)) if i not in pairs]
    rest_new = [j for j in range(len(news)) if j not in pairs.values()]
    keys_old = [memo.key(olds[i]) for i in rest_old]
    keys_new = [memo.key(news[j]) for j in rest_new]
    matcher = difflib.SequenceMatcher(None, keys_old, keys_new, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            pairs[rest_old[block.a + k]] = rest_new[block.b + k]
    # 3. similar text, inside the gaps between ordered pairs
    ambiguities: list[tuple[int, list[int], float]] = []
    for gap_old, gap_new in _gaps(pairs, len(olds), len(news)):
        _match_similar(olds, news, gap_old, gap_new, pairs, ambiguities, memo)
    # 4. a unit rewritten in place: same place, other text, kept columns or neighbours
    for gap_old, gap_new in _gaps(pairs, len(olds), len(news)):
        _match_in_place(olds, news, gap_old, gap_new, pairs, memo)
    return sorted(pairs.items()), ambiguities


def _match_in_place(olds, news, gap_old, gap_new, pairs, memo: _Memo) -> None:
    """Pair the k-th left-over old item with the k-th new one when the place is the same.

    A gap with as many old items as new ones is a place rewritten unit by unit. The
    position alone is evidence enough between kept neighbours for units without columns
    (clauses, points); a plan row must also keep its deadline or its responsible units,
    and a section or a chapter one of its parts, or it is a removal and an unrelated
    addition.
    """
    after_kept = gap_old[0] > 0 and gap_new[0] > 0
    bounded = after_kept or (gap_old[-1] + 1 < len(olds) and gap_new[-1] + 1 < len(news))
    if len(gap_old) != len(gap_new) and not after_kept:
        return  # which of the items is which is a guess: removals and additions
    for i, j in zip(gap_old, gap_new):
        a, b = olds[i], news[j]
        if type(a) is not type(b):
            continue
        if len(gap_old) != len(gap_new) and not similarity_at_least(a, b, IN_PLACE_SIMILAR):
            continue  # more items on one side: only a unit that keeps some of its words
        if isinstance(a, m.Measure):
            kept_deadline = a.deadline and a.deadline == b.deadline
            if not (kept_deadline or (a.responsible and a.responsible == b.responsible)):
                continue
        elif not bounded or (isinstance(a, m.Section | m.Chapter) and not _keeps_a_part(a, b, memo)):
            continue
        pairs[i] = j


def _keeps_a_part(old, new, memo: _Memo) -> bool:
    """Whether `new` holds one of the children of `old` as it was (a passport block, a
    measure, a subsection, a clause), or `old` had none (a bare heading). A heading is its
    group: a new heading over none of the old parts is another group put in the place of
    a removed one, and pairing them would restate every part (the old ones removed, the
    new ones numbered on after them)."""
    parts = {memo.key(child) for name in CHILDREN[type(old)] for child in getattr(old, name)}
    return not parts or any(memo.key(child) in parts for name in CHILDREN[type(new)] for child in getattr(new, name))


def _gaps(pairs: dict[int, int], n_old: int, n_new: int):
    """Runs of unmatched old and new items between consecutive ordered pairs."""
    ordered = longest_in_order(sorted(pairs.items()))
    bounds = [(-1, -1), *ordered, (n_old, n_new)]
    matched_old, matched_new = set(pairs), set(pairs.values())
    for (a0, b0), (a1, b1) in zip(bounds, bounds[1:]):
        gap_old = [i for i in range(a0 + 1, a1) if i not in matched_old]
        gap_new = [j for j in range(b0 + 1, b1) if j not in matched_new]
        if gap_old and gap_new:
            yield gap_old, gap_new


def _match_similar(olds, news, gap_old, gap_new, pairs, ambiguities, memo: _Memo) -> None:
    scored = []
    candidates = _similar_candidates([memo.words(olds[i]) for i in gap_old], [memo.words(news[j]) for j in gap_new])
    for j, near in zip(gap_new, candidates):
        wb = memo.words(news[j])
        matcher = difflib.SequenceMatcher(None, (), wb, autojunk=False)  # b's index built once
        same_type = [gap_old[k] for k in near if type(olds[gap_old[k]]) is type(news[j])]
        scores = sorted(((_similarity_of(matcher, memo.words(olds[i]), wb), i) for i in same_type), reverse=True)
        scores = [(s, i) for s, i in scores if s >= SIMILAR]
        if len(scores) > 1 and scores[0][0] - scores[1][0] < AMBIGUOUS_MARGIN:
            ambiguities.append((j, [i for s, i in scores[:2]], scores[0][0]))
        scored += [(s, i, j) for s, i in scores]
    for _score, i, j in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        if i not in pairs and j not in pairs.values():
            pairs[i] = j


_WORD = re.compile(r"\w+|[^\w\s]")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def similarity(a, b) -> float:
    wa, wb = words(node_text(a)), words(node_text(b))
    if not wa and not wb:
        return 1.0 if type(a) is type(b) else 0.0
    return _similarity_of(difflib.SequenceMatcher(None, (), wb, autojunk=False), wa, wb)


def _similarity_of(matcher: difflib.SequenceMatcher, wa: list[str], wb: list[str]) -> float:
    """`similarity` of two word lists of the same node type; `matcher` holds `wb` as its b."""
    if not wa and not wb:
        return 1.0
    matcher.set_seq1(wa)
    if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
        return 0.0
    return matcher.ratio()


def _similar_candidates(old_words: list[list[str]], new_words: list[list[str]]) -> list[list[int]]:
    """For each new item, the old items (indexes into `old_words`) that may reach SIMILAR.

    Prefix filtering: a similarity of at least t needs at least t·l/(2 − t) words in common
    with an item of l words. Order every item's words from the rarest in the gap; two items
    with that many words in common share one of the rarest l − α + 1 words of each. So a
    gap of many similar titles («Раздел 1 …», «Раздел 2 …») compares each title with the few
    sharing a rare word, not with all of them; the others score below SIMILAR anyway.
    """
    frequency: dict[str, int] = {}
    for item in (*old_words, *new_words):
        for word in set(item):
            frequency[word] = frequency.get(word, 0) + 1

    def prefix(item: list[str]) -> list[tuple[str, int]]:
        seen: dict[str, int] = {}
        elements = []
        for word in item:  # the k-th «и» and the first one are different elements
            seen[word] = seen.get(word, 0) + 1
            elements.append((word, seen[word]))
        elements.sort(key=lambda e: (frequency[e[0]], e))
        needed = max(1, math.ceil(SIMILAR * len(item) / (2 - SIMILAR) - 1e-9))
        return elements[: len(item) - needed + 1]

    index: dict[tuple[str, int], list[int]] = {}
    empty = []
    for k, item in enumerate(old_words):
        if not item:
            empty.append(k)  # two items without words are alike (similarity 1.0)
        for element in prefix(item):
            index.setdefault(element, []).append(k)
    result = []
    for item in new_words:
        if not item:
            result.append(empty)
            continue
        near = {k for element in prefix(item) for k in index.get(element, ())}
        result.append(sorted(near))
    return result


def similarity_at_least(a, b, threshold: float) -> bool:
    wa, wb = words(node_text(a)), words(node_text(b))
    return difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio() >= threshold


def longest_in_order(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of pairs whose old and new orders agree; the others are moves."""
    import bisect

    pairs = sorted(pairs, key=lambda p: p[1])
    tails: list[int] = []  # smallest old index ending an increasing run of each length
    tail_at: list[int] = []
    previous = [-1] * len(pairs)
    for k, (i, _) in enumerate(pairs):
        n = bisect.bisect_left(tails, i)
        if n == len(tails):
            tails.append(i)
            tail_at.append(k)
        else:
            tails[n], tail_at[n] = i, k
        previous[k] = tail_at[n - 1] if n else -1
    result = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        result.append(pairs[k])
        k = previous[k]
    return sorted(result)


def _pair_moves(result: Diff) -> None:
    """An item removed in one place and added with the same content elsewhere was moved."""
    removed: dict[tuple, list[int]] = {}
    for k, change in enumerate(result.changes):
        if change.kind == "removed":
            removed.setdefault(_move_key(change.old), []).append(k)
    for k, change in enumerate(result.changes):
        if change.kind == "added":
            candidates = removed.get(_move_key(change.new))
            if candidates:
                r = candidates.pop(0)
                result.changes[r] = dataclasses.replace(result.changes[r], moved=True)
                result.changes[k] = dataclasses.replace(change, moved=True)


def _move_key(node) -> tuple:
    return (type(node).__name__, node_text(node))


# --- words ------------------------------------------------------------------------------

# Words and punctuation are separate tokens: «мониторинг.» → «мониторинг», «.».
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(op, text) runs with op in equal / delete / insert, at word level."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    runs: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append(("equal", "".join(a[i1:i2])))
        else:
            if i2 > i1:
                runs.append(("delete", "".join(a[i1:i2])))
            if j2 > j1:
                runs.append(("insert", "".join(b[j1:j2])))
    return runs


# --- applying changes -------------------------------------------------------------------


def apply(old, changes: list[Change]):
    """The edition that `changes` make of `old`: the inverse of diff, for proof."""
    removed = {c.old_path for c in changes if c.kind == "removed"}
    replaced = {c.old_path: c.new for c in changes if c.kind == "changed"}
    inserts: dict[tuple[Path, str], dict[int, list]] = {}
    for change in changes:
        if change.kind == "added":
            # an addition always names the list it joins (see Change)
            assert change.container is not None and change.list_name is not None
            by_anchor = inserts.setdefault((change.container, change.list_name), {})
            by_anchor.setdefault(change.anchor, []).append(change.new)
    document = next((c.new for c in changes if c.kind == "document"), None)
    root = _with_fields(old, document) if document is not None else old
    return _rebuild(root, (), removed, replaced, inserts)


def _rebuild(node, path: Path, removed, replaced, inserts):
    updates = {}
    for name in CHILDREN[type(node)]:
        children = []
        anchored = inserts.get((path, name), {})
        children += anchored.get(-1, [])
        for i, child in enumerate(getattr(node, name)):
            child_path = path + ((name, i),)
            if child_path not in removed:
                if child_path in replaced:
                    child = _with_fields(child, replaced[child_path])
                children.append(_rebuild(child, child_path, removed, replaced, inserts))
            children += anchored.get(i, [])
        updates[name] = tuple(children)
    return dataclasses.replace(node, **updates)


def _with_fields(node, source):
    """`node` with the own fields of `source` (its children stay)."""
    return dataclasses.replace(node, **own_fields(source, include_meta=True))
