"""Defect-injection benchmark of `prikaz check` (issue 16).

Takes the bundled departments (content/) and the unseen plan of tests/unseen/, injects one
defect of a class at a random place, runs the checker and counts the defect as found when
a finding of the class's codes appears that the uninjected text did not have. Reports
recall per class and, on the uninjected text, findings per 100 measures (every finding on
tests/unseen/ is a false alarm: that plan was written clean, traps included).

    python bench/inject.py [--trials N] [--seed S] [--source DIR]

`--source DIR` checks with another copy of the generator package (an export of an older
commit), for a before/after in the same run; departments it cannot load are left out.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_SOURCE = sys.argv[sys.argv.index("--source") + 1] if "--source" in sys.argv else str(ROOT)
sys.path.insert(0, _SOURCE)

from generator import model as m  # noqa: E402
from generator.check import check  # noqa: E402
from generator.load import load  # noqa: E402

FOLDERS = [*sorted((ROOT / "content").iterdir()), *sorted((ROOT / "tests" / "unseen").iterdir())]
TODAY = dt.date(2025, 6, 1)


# --- walking and replacing measures ---------------------------------------------------


def measure_paths(plan: m.Plan) -> list[tuple]:
    """A path (section indexes…, measure indexes…) to every measure of a plan."""
    paths: list[tuple] = []

    def measures(items, prefix):
        for i, measure in enumerate(items):
            paths.append((*prefix, i))
            measures(measure.children, (*prefix, i, "c"))

    def sections(items, prefix):
        for i, section in enumerate(items):
            measures(section.measures, (*prefix, i, "m"))
            sections(section.sections, (*prefix, i, "s"))

    sections(plan.sections, ("s",))
    return paths


def replace_at(plan: m.Plan, path: tuple, change: Callable[[tuple, int], tuple]) -> m.Plan:
    """The plan with the sibling tuple holding path's last item changed by `change`."""

    def go(node, rest):
        kind, index, *tail = rest
        field = {"s": "sections", "m": "measures", "c": "children"}[kind]
        items = getattr(node, field)
        if not tail:
            return dataclasses.replace(node, **{field: change(items, index)})
        items = list(items)
        items[index] = go(items[index], tail)
        return dataclasses.replace(node, **{field: tuple(items)})

    return go(plan, path)


def change_text(plan: m.Plan, path: tuple, edit: Callable[[str], str | None]) -> m.Plan | None:
    result = {}

    def change(items, index):
        measure = items[index]
        blocks = list(measure.text)
        first = next((k for k, b in enumerate(blocks) if isinstance(b, m.Paragraph)), None)
        if first is None:
            return items
        new = edit(blocks[first].text)
        if new is None:
            return items
        blocks[first] = m.Paragraph(new)
        result["ok"] = True
        return (*items[:index], dataclasses.replace(measure, text=tuple(blocks)), *items[index + 1 :])

    changed = replace_at(plan, path, change)
    return changed if result else None


# --- the defect classes -----------------------------------------------------------------

_LONG_WORD = re.compile(r"(?<![А-ЯЁа-яё-])[а-яё]{7,}(?![А-ЯЁа-яё-])")
FOREIGN = [
    "с участием специалистов Энского муниципального района",
    "по опыту Кировского муниципального округа",
    "совместно с управлением образования Заречного городского округа",
]
ABBREVIATIONS = ["РЦМП", "МЦОКО", "ТПМПК", "ЦДНиК", "МОЦ", "РЦОИ"]
NOUNS = ["педагог", "учитель", "руководитель", "специалист", "выпускник", "родитель"]
PARTICIPLES = ["прошедший", "имеющий", "участвующий", "показавший"]
PREPOSITIONS = {"для": "gent", "с": "ablt", "к": "datv", "от": "gent"}
# Every case the preposition may govern: a form of one of them is not a wrong ending.
_GOVERNED = {"для": ("gent",), "с": ("ablt", "gent"), "к": ("datv",), "от": ("gent",)}


def typo(text: str, rng: random.Random) -> str | None:
    words = _LONG_WORD.findall(text)
    if not words:
        return None
    word = rng.choice(words)
    i = rng.randrange(2, len(word) - 2)
    kind = rng.choice(("drop", "swap", "double"))
    wrong = {
        "drop": word[:i] + word[i + 1 :],
        "swap": word[:i] + word[i + 1] + word[i] + word[i + 2 :],
        "double": word[:i] + word[i] + word[i:],
    }[kind]
    if wrong == word:
        return None
    return text.replace(word, wrong, 1)


def doubled(text: str, rng: random.Random) -> str | None:
    words = list(re.finditer(r"(?<![А-ЯЁа-яё-])[а-яё]{2,}(?![А-ЯЁа-яё-])", text))
    if not words:
        return None
    w = rng.choice(words)
    return text[: w.end()] + " " + w.group(0) + text[w.end() :]


def foreign(text: str, rng: random.Random) -> str:
    return text.rstrip(".") + " " + rng.choice(FOREIGN) + "."


def quote(text: str, rng: random.Random) -> str | None:
    if "»" in text:
        at = rng.choice([i for i, c in enumerate(text) if c == "»"])
        return text[:at] + text[at + 1 :]
    words = list(re.finditer(r"[А-ЯЁа-яё]{4,}", text))
    if not words:
        return None
    w = rng.choice(words)
    return text[: w.start()] + "«" + text[w.start() :]


def abbreviation(text: str, rng: random.Random) -> str:
    return text.rstrip(".") + f" с участием {rng.choice(ABBREVIATIONS)}."


def wrong_case(text: str, rng: random.Random) -> str:
    import pymorphy3

    morph = _morph(pymorphy3)
    preposition, case = rng.choice(list(PREPOSITIONS.items()))
    noun = morph.parse(rng.choice(NOUNS))[0].inflect({case, "plur"}).word
    participle = morph.parse(rng.choice(PARTICIPLES))[0]
    right = {participle.inflect({c, "plur"}).word for c in _GOVERNED[preposition]}
    right.add(participle.inflect({"accs", "plur", "anim"}).word)  # «педагогов» is also accusative
    wrong = [
        f for c in ("nomn", "gent", "datv", "ablt", "loct") if (f := participle.inflect({c, "plur"}).word) not in right
    ]
    form = rng.choice(wrong)
    return text.rstrip(".") + f" {preposition} {noun}, {form} обучение."


_MORPH = {}


def _morph(pymorphy3):
    if "m" not in _MORPH:
        _MORPH["m"] = pymorphy3.MorphAnalyzer()
    return _MORPH["m"]


def wrong_year(measure: m.Measure, rng: random.Random) -> m.Measure | None:
    deadline = measure.deadline or ""
    years = re.findall(r"20\d\d", deadline)
    if not years:
        return None
    year = rng.choice(years)
    # ten years off, two digits swapped, a digit typed twice
    wrong = rng.choice([str(int(year) + 10), year[:2] + year[3] + year[2], year + year[3]])
    return dataclasses.replace(measure, deadline=deadline.replace(year, wrong, 1))


TEXT_CLASSES: dict[str, tuple[Callable, set[str]]] = {
    "typo": (typo, {"word-misspelt", "word-typo"}),
    "doubled word": (doubled, {"words-doubled"}),
    "foreign municipality": (foreign, {"municipality-foreign"}),
    "unbalanced quote": (quote, {"quotes-unbalanced"}),
    "undefined abbreviation": (abbreviation, {"abbreviation-undefined"}),
    "wrong case ending": (wrong_case, {"case-disagreement"}),
}
OTHER_CLASSES = {
    "wrong year": {
        "deadline-year-typo",
        "deadline-outside-period",
        "deadline-range-reversed",
        "deadline-unclear",
    },
    "duplicated measure": {"measure-duplicate"},
    "order date after deadlines": {"order-after-deadlines", "deadline-before-order"},
}


def inject(department: m.Department, kind: str, rng: random.Random) -> m.Department | None:
    plans = [d for d in department.documents if isinstance(d, m.Plan)]
    if kind == "order date after deadlines":
        orders = [d for d in department.documents if isinstance(d, m.Order) and d.annexes and not d.amendment]
        if not orders or not plans:
            return None
        order = rng.choice(orders)
        later = order.date.replace(year=order.date.year + rng.choice((1, 2)))
        return _with(department, order, dataclasses.replace(order, date=later))
    if not plans:
        return None
    plan = rng.choice(plans)
    paths = measure_paths(plan)
    if not paths:
        return None
    path = rng.choice(paths)
    if kind in TEXT_CLASSES:
        edit = TEXT_CLASSES[kind][0]
        changed = change_text(plan, path, lambda t: edit(t, rng))
    elif kind == "wrong year":
        changed = None
        for _ in range(20):
            path = rng.choice(paths)
            changed = replace_at(plan, path, lambda items, i: _replace(items, i, wrong_year(items[i], rng)))
            if changed != plan:
                break
        else:
            return None
    else:  # duplicated measure: the row copied right under itself
        changed = replace_at(plan, path, lambda items, i: (*items[: i + 1], items[i], *items[i + 1 :]))
    return _with(department, plan, changed) if changed is not None and changed != plan else None


def _replace(items, index, new):
    return items if new is None else (*items[:index], new, *items[index + 1 :])


def _with(department: m.Department, old, new) -> m.Department:
    documents = tuple(new if d is old else d for d in department.documents)
    return dataclasses.replace(department, documents=documents)


def measures_of(department: m.Department) -> int:
    return sum(len(measure_paths(d)) for d in department.documents if isinstance(d, m.Plan))


def run(trials: int, seed: int) -> dict:
    rng = random.Random(seed)
    departments = []
    for folder in FOLDERS:
        try:
            departments.append((folder.name, load([str(folder)])[0]))
        except Exception as error:  # an older loader may refuse a newer key
            print(f"{folder.name}: left out ({type(error).__name__})", file=sys.stderr)
    first = {name: check([dep], today=TODAY) for name, dep in departments}
    baseline = {name: {str(p) for p in found} for name, found in first.items()}
    result = {"findings": {}, "recall": {}}
    for name, dep in departments:
        warnings = sum(p.severity != "info" for p in first[name])  # information is no alarm
        result["findings"][name] = (warnings, measures_of(dep))
    classes = [*TEXT_CLASSES, *OTHER_CLASSES]
    for kind in classes:
        codes = TEXT_CLASSES[kind][1] if kind in TEXT_CLASSES else OTHER_CLASSES[kind]
        found = tried = 0
        for name, dep in departments:
            for _ in range(trials):
                injected = inject(dep, kind, rng)
                if injected is None:
                    continue
                tried += 1
                new = [p for p in check([injected], today=TODAY) if str(p) not in baseline[name]]
                found += any(p.code in codes for p in new)
        result["recall"][kind] = (found, tried)
    return result


def report(result: dict) -> str:
    lines = ["| Defect class | Found / injected | Recall |", "|---|---|---|"]
    for kind, (found, tried) in result["recall"].items():
        lines.append(f"| {kind} | {found} / {tried} | {found / tried:.0%} |" if tried else f"| {kind} | — | — |")
    lines += [
        "",
        "| Department (uninjected) | Measures | Warnings and errors | Per 100 measures |",
        "|---|---|---|---|",
    ]
    for name, (findings, measures) in result["findings"].items():
        per = f"{100 * findings / measures:.1f}" if measures else "— (a regulation)"
        lines.append(f"| {name} | {measures} | {findings} | {per} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=20, help="injections per class and department")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--source", help="another copy of the generator package to check with")
    args = parser.parse_args()
    print(report(run(args.trials, args.seed)))


if __name__ == "__main__":
    main()
