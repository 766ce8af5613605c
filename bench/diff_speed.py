"""`prikaz diff` and `prikaz amend` as whole processes, against a floor process, same run.

The floor is bench/e2e.py's: a fresh interpreter that loads one edition with the C YAML
loader, renders its rows into a bare docxtpl table and writes the DOCX. The second edition
differs from the first in one of several ways, since the cost of a comparison follows
the shape of the change, not only the size of the plan:

- `one`: one measure gets a new deadline;
- `5%`: every 20th measure gets a new deadline (bench/e2e.py's pair);
- `30%`: a third of the measures changed in different ways (words of the text, deadline,
  responsible units, removed, added, moved);
- `throughout`: one word replaced in every measure that has it.

    python bench/diff_speed.py [--quick] [--sizes 1000,5000] [--label after]

Writes bench/RESULTS-diff.md (a table per label: `--label before` on the old code and
`--label after` on the new one keep both tables).
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from e2e import AMENDING_ORDER, FLOOR, SIGNATORY  # noqa: E402

from bench import ORGANIZATION, ROOT, floor_template, machine, plan_yaml  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS-diff.md"
MEASURE = re.compile(r"^      - text: ")


def _measures(lines: list[str]) -> list[int]:
    """Line indexes where a measure of the generated plan begins (text, deadline, responsible)."""
    return [k for k, line in enumerate(lines) if MEASURE.match(line)]


def _edition_header(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        if line.startswith("id: "):
            out += ["id: bench-ed2", "edition: {follows: bench, kind: amendment}"]
        else:
            out.append(line)
    return out


def edit_one(plan: str) -> str:
    lines = plan.splitlines()
    k = _measures(lines)[len(_measures(lines)) // 2] + 1
    lines[k] = lines[k].split("deadline:")[0] + "deadline: Постоянно"
    return "\n".join(_edition_header(lines)) + "\n"


def edit_share(plan: str, share: float = 0.05) -> str:
    lines = plan.splitlines()
    for n, k in enumerate(_measures(lines)):
        if n % int(1 / share) == int(1 / share) - 1:
            lines[k + 1] = lines[k + 1].split("deadline:")[0] + "deadline: Постоянно"
    return "\n".join(_edition_header(lines)) + "\n"


def edit_mixed(plan: str, share: float = 0.3, seed: int = 7) -> str:
    """A third of the measures changed: text words, deadlines, responsible units, removals,
    additions and moves, spread at random over the plan."""
    rng = random.Random(seed)
    lines = plan.splitlines()
    starts = _measures(lines)
    blocks = {k: lines[k : k + 3] for k in starts}
    chosen = set(rng.sample(starts, int(len(starts) * share)))
    moved: list[list[str]] = []
    out: list[str] = []
    for k, line in enumerate(lines):
        if k in blocks:
            block = list(blocks[k])
            if k in chosen:
                action = rng.choice(["words", "deadline", "responsible", "remove", "add", "move"])
                if action == "words":
                    words = block[0].split()
                    words[3 + rng.randrange(len(words) - 4)] = rng.choice(["контроль", "учет", "сопровождение"])
                    block[0] = "      " + " ".join(words)
                elif action == "deadline":
                    block[1] = "        deadline: До 1 декабря"
                elif action == "responsible":
                    block[2] = "        responsible: [Отдел образования]"
                elif action == "remove":
                    block = []
                elif action == "add":
                    block = block + [
                        f"      - text: новое мероприятие по плану {k}",
                        "        deadline: В течение года",
                        "        responsible: [ИМЦ]",
                    ]
                else:
                    moved.append(block)
                    block = []
            out += block
        elif k - 1 in blocks or k - 2 in blocks:
            continue  # the deadline and responsible lines went with their block
        else:
            if line.startswith("  - title:") and moved:
                out.append(line)
                continue
            out.append(line)
            if line == "    measures:" and moved:
                out += moved.pop()  # a measure moved to the head of a later section
    return "\n".join(_edition_header(out)) + "\n"


def edit_throughout(plan: str) -> str:
    """One word replaced throughout: «мониторинг» → «наблюдение» in every measure."""
    lines = [
        line.replace(" мониторинг ", " наблюдение ") if MEASURE.match(line) else line for line in plan.splitlines()
    ]
    return "\n".join(_edition_header(lines)) + "\n"


EDITS = {"one": edit_one, "5%": edit_share, "30%": edit_mixed, "throughout": edit_throughout}


def write_pair(folder: Path, measures: int, edit: str) -> Path:
    pair = folder / f"pair{measures}-{list(EDITS).index(edit)}"
    pair.mkdir(parents=True)
    plan = plan_yaml(measures)
    (pair / "organization.yaml").write_text(ORGANIZATION + SIGNATORY, encoding="utf-8")
    (pair / "order.yaml").write_text(AMENDING_ORDER, encoding="utf-8")
    (pair / "plan.yaml").write_text(plan, encoding="utf-8")
    (pair / "plan-ed2.yaml").write_text(EDITS[edit](plan), encoding="utf-8")
    return pair


def process_times(argv: list[str]) -> tuple[float, float]:
    """Wall time and processor time (user + system) of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {done.returncode}:\n{done.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(folder: Path, measures: int, runs: int, template: str) -> list[tuple]:
    """Per edit, rounds of floor, diff and amend one after another, so that a machine busy
    with other work weighs on the floor and on the commands alike; medians of the rounds."""
    prikaz = str(Path(sys.executable).parent / "prikaz")
    rows = []
    for edit in EDITS:
        pair = write_pair(folder, measures, edit)
        old, new = str(pair / "plan.yaml"), str(pair / "plan-ed2.yaml")
        commands = {
            "floor": [sys.executable, "-c", FLOOR, old, template, str(folder / "floor.docx")],
            "diff": [prikaz, "diff", old, new, "-o", str(pair / "diff")],
            "amend": [prikaz, "amend", old, new, "--order", str(pair / "order.yaml"), "-o", str(pair / "amend")],
        }
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, argv in commands.items():
                times[name].append(process_times(argv))
        wall = {name: statistics.median(t[0] for t in found) for name, found in times.items()}
        cpu = {name: statistics.median(t[1] for t in found) for name, found in times.items()}
        rows.append((measures, edit, wall, cpu))
        print(
            f"{measures} {edit}: floor {wall['floor']:.2f} s, diff {wall['diff']:.2f} s "
            f"({wall['diff'] / wall['floor']:.2f}×, processor {cpu['diff'] / cpu['floor']:.2f}×), amend "
            f"{wall['amend']:.2f} s ({wall['amend'] / wall['floor']:.2f}×, processor "
            f"{cpu['amend'] / cpu['floor']:.2f}×)",
            flush=True,
        )
    return rows


def table(label: str, runs: int, rows: list[tuple]) -> list[str]:
    lines = [
        f"## {label}",
        "",
        f"Medians of {runs} rounds (floor, diff, amend as fresh processes, one "
        "after another). Wall time, and in brackets the ratio of processor time (user + "
        "system), which a busy machine disturbs less.",
        "",
        "| measures | edit | floor, s | diff, s | diff / floor | amend, s | amend / floor |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for n, edit, wall, cpu in rows:
        lines.append(
            f"| {n} | {edit} | {wall['floor']:.2f} | {wall['diff']:.2f} | "
            f"{wall['diff'] / wall['floor']:.2f} ({cpu['diff'] / cpu['floor']:.2f}) | {wall['amend']:.2f} | "
            f"{wall['amend'] / wall['floor']:.2f} ({cpu['amend'] / cpu['floor']:.2f}) |"
        )
    return lines + [""]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="меньше повторов")
    parser.add_argument("--sizes", default="1000,5000", help="числа мероприятий через запятую")
    parser.add_argument("--label", default="after", help="название таблицы в RESULTS-diff.md")
    args = parser.parse_args()
    runs = 3 if args.quick else 5
    folder = Path(tempfile.mkdtemp())
    template = floor_template()
    rows = [row for n in map(int, args.sizes.split(",")) for row in measure(folder, n, runs, template)]
    head = [
        "# Benchmarks: `prikaz diff` and `prikaz amend` as whole processes",
        "",
        f"Machine: {machine()}.",
        "",
        "Reproduce: `python bench/diff_speed.py --label after`. The floor (a fresh interpreter: "
        "C YAML load of one edition + bare docxtpl render + write) is measured in the same run; "
        "ratios to it are what to compare. Edits: `one` deadline; `5%` of the deadlines; `30%` of "
        "the measures changed in mixed ways (words, deadlines, responsible, removed, added, moved); "
        "`throughout`: one word replaced in every measure that has it.",
        "",
    ]
    sections = _sections(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    sections[args.label] = "\n".join(table(args.label, runs, rows))
    RESULTS.write_text("\n".join(head) + "\n" + "\n".join(sections.values()), encoding="utf-8")
    print(RESULTS.read_text(encoding="utf-8"))


def _sections(text: str) -> dict[str, str]:
    """The tables already in the results file, by label (so before and after stay side by side)."""
    found: dict[str, str] = {}
    for chunk in text.split("\n## ")[1:]:
        label = chunk.split("\n", 1)[0]
        found[label] = "## " + chunk.rstrip("\n") + "\n"
    return found


if __name__ == "__main__":
    main()
