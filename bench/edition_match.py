"""Matching the rows of an edited annex to the measures of its edition (`import --edition-of`).

Synthetic plans of 500 to 8,000 rows, edited as a clerk does (every third deadline changed,
one row in 50 deleted, one rewritten, one inserted). The baseline, measured in the same
run, is computing the typography-blind keys of the same rows: matching should stay a small
multiple of it at every size (linear growth), not grow with the square of the plan.

    python bench/edition_match.py
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator import model as m  # noqa: E402
from generator.importer.edition import NewRow, OldRow, key, match_rows  # noqa: E402
from generator.importer.plan import MeasureNode  # noqa: E402

WORDS = (
    "организация проведение мониторинг качества образования обучающихся педагогов семинар конкурс "
    "анализ результатов оценки школ муниципальных"
).split()


def rows(n: int) -> tuple[list[str], list[tuple[str, str]]]:
    rng = random.Random(n)
    texts = [" ".join(rng.choice(WORDS) for _ in range(8)) + f" {i}" for i in range(n)]
    edited = []
    for i, text in enumerate(texts):
        if i % 50 == 7:
            continue
        if i % 50 == 13:
            text = f"совсем другой текст {i}"
        edited.append((text, "Декабрь" if i % 3 == 0 else "В течение года"))
        if i % 50 == 20:
            edited.append((f"вставка {i}", ""))
    return texts, edited


def timed(n: int) -> tuple[float, float]:
    texts, edited = rows(n)
    start = time.perf_counter()
    olds = []
    for i, text in enumerate(texts):
        row = OldRow((), m.Measure((m.Paragraph(text),), "В течение года", ("ОО",)), {}, str(i + 1))
        row.text = key(text)
        row.full = (row.text, key("В течение года"), (key("ОО"),))
        olds.append(row)
    news = []
    for text, deadline in edited:
        row = NewRow(MeasureNode([text], deadline, ["ОО"], None, None))
        row.text = key(text)
        row.full = (row.text, key(deadline), (key("ОО"),))
        news.append(row)
    keys = time.perf_counter() - start
    start = time.perf_counter()
    match_rows(olds, news)
    return time.perf_counter() - start, keys


def main() -> None:
    print("| rows | matching, s | keys (baseline), s | ratio |")
    print("|---|---|---|---|")
    for n in (500, 1000, 2000, 4000, 8000):
        runs = [timed(n) for _ in range(3)]
        match, keys = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
        print(f"| {n:,} | {match:.3f} | {keys:.3f} | {match / keys:.2f} |")


if __name__ == "__main__":
    main()
