"""What the user waits for: whole `prikaz` processes against a floor process, same run.

Each command runs as a fresh process (interpreter start, imports, `check` where the
command runs it), exactly as a clerk types it. The floor is the least any tool could do
for the same job in Python: a fresh interpreter that loads the YAML with the C loader,
renders the same rows into a bare docxtpl table and writes the DOCX. Ratios to the floor
are what to compare between machines; absolute seconds drift with the machine's load.

    python bench/e2e.py [--quick]

Writes bench/RESULTS-e2e.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import ORGANIZATION, ROOT, floor_template, machine, plan_yaml  # noqa: E402

FLOOR = """
import sys
from docxtpl import DocxTemplate
from ruamel.yaml import YAML
data = YAML(typ="safe", pure=False).load(open(sys.argv[1], encoding="utf-8").read())
rows = [[str(i), m["text"], m["deadline"], ", ".join(m["responsible"])]
        for s in data["sections"] for i, m in enumerate(s["measures"])]
tpl = DocxTemplate(sys.argv[2])
tpl.render({"rows": rows}, autoescape=True)
tpl.save(sys.argv[3])
"""

SIGNATORY = "signatories: {head: {position: [Начальник отдела], name: И. И. Иванов}}\n"
AMENDING_ORDER = """format: 1
kind: order
id: order-amend
date: 2024-03-01
number: "12"
amendment: {old: bench, new: bench-ed2}
signatory: head
"""


def process_time(argv: list[str], runs: int, ok: tuple[int, ...] = (0,)) -> float:
    """Median wall time of a whole process; a failing run is a broken benchmark, not a figure."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(argv, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode not in ok:
            raise SystemExit(f"{' '.join(argv)} exited {done.returncode}:\n{done.stderr[-2000:]}")
    return statistics.median(times)


def second_edition(text: str, share: float) -> str:
    """The same plan as an amended edition: every 1/share-th measure gets a new deadline."""
    lines = text.splitlines()
    step = max(1, int(1 / share))
    out, seen = [], 0
    for line in lines:
        if line.startswith("id: "):
            out += ["id: bench-ed2", "edition: {follows: bench, kind: amendment}"]
            continue
        if line.strip().startswith("deadline:"):
            seen += 1
            if seen % step == 0:
                line = line.split("deadline:")[0] + "deadline: Постоянно"
        out.append(line)
    return "\n".join(out) + "\n"


@dataclasses.dataclass
class Row:
    measures: int
    floor: float
    build: float
    check: float
    diff: float
    amend: float


def measure(folder: Path, measures: int, runs: int, template: str) -> Row:
    prikaz = str(Path(sys.executable).parent / "prikaz")
    dep = folder / f"dep{measures}"
    dep.mkdir(parents=True)
    (dep / "organization.yaml").write_text(ORGANIZATION, encoding="utf-8")
    plan = plan_yaml(measures)
    (dep / "plan.yaml").write_text(plan, encoding="utf-8")
    pair = folder / f"pair{measures}"
    pair.mkdir()
    (pair / "organization.yaml").write_text(ORGANIZATION + SIGNATORY, encoding="utf-8")
    (pair / "order.yaml").write_text(AMENDING_ORDER, encoding="utf-8")
    (pair / "plan.yaml").write_text(plan, encoding="utf-8")
    (pair / "plan-ed2.yaml").write_text(second_edition(plan, 0.05), encoding="utf-8")
    out = folder / f"out{measures}"
    floor = process_time([sys.executable, "-c", FLOOR, str(dep / "plan.yaml"), template,
                          str(folder / "floor.docx")], runs)
    build = process_time([prikaz, "build", str(dep), "-o", str(out)], runs)
    # check exits 1 when it finds errors by substance; the generated plan may have some.
    check = process_time([prikaz, "check", str(dep)], runs, ok=(0, 1))
    old, new = str(pair / "plan.yaml"), str(pair / "plan-ed2.yaml")
    diff = process_time([prikaz, "diff", old, new, "-o", str(folder / "diff")], runs)
    amend = process_time([prikaz, "amend", old, new, "--order", str(pair / "order.yaml"),
                          "-o", str(folder / "amend")], runs)
    return Row(measures, floor, build, check, diff, amend)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="меньше повторов")
    args = parser.parse_args()
    runs = 3 if args.quick else 5
    folder = Path(tempfile.mkdtemp())
    template = floor_template()
    rows = [measure(folder, n, runs, template) for n in (1000, 5000)]
    lines = ["# Benchmarks: whole processes", "", f"Machine: {machine()}.", "",
             f"Reproduce: `python bench/e2e.py`. Medians of {runs} runs of each command as a fresh "
             "process; the floor (a fresh interpreter: C YAML load + bare docxtpl render + write) "
             "is measured in the same run.", "",
             "`build` includes the `check` it runs first. `diff` and `amend` compare two editions "
             "that differ in 5 % of their deadlines.", "",
             "| measures | floor, s | build, s | build / floor | check, s | check / build "
             "| diff, s | diff / floor | amend, s | amend / floor |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r.measures} | {r.floor:.2f} | {r.build:.2f} | {r.build / r.floor:.2f} | "
                     f"{r.check:.2f} | {r.check / r.build:.0%} | {r.diff:.2f} | {r.diff / r.floor:.2f} | "
                     f"{r.amend:.2f} | {r.amend / r.floor:.2f} |")
    (ROOT / "bench" / "RESULTS-e2e.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
