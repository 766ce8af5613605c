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
import json
import os
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

NOTES = "<!-- notes: kept by bench/e2e.py when it rewrites the tables above -->"
SIGNATORY = "signatories: {head: {position: [Начальник отдела], name: И. И. Иванов}}\n"
AMENDING_ORDER = """format: 1
kind: order
id: order-amend
date: 2024-03-01
number: "12"
amendment: {old: bench, new: bench-ed2}
signatory: head
"""


@dataclasses.dataclass(frozen=True)
class Command:
    argv: object  # a list, or a function of the run's number (a fresh folder each run)
    env: object = None  # a dict, or a function of the run's number
    ok: tuple[int, ...] = (0,)


def process_times(commands: dict[str, Command], runs: int) -> dict[str, float]:
    """Median wall time of each command as a whole process, the commands taking turns run
    by run (floor, build, check, … then again), so that a machine growing busier or quieter
    during the run moves every figure alike and the ratios stay fair. A failing run is a
    broken benchmark, not a figure."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for run in range(runs):
        for name, command in commands.items():
            args = command.argv(run) if callable(command.argv) else command.argv
            extra = command.env(run) if callable(command.env) else (command.env or {})
            start = time.perf_counter()
            done = subprocess.run(args, capture_output=True, text=True, env={**os.environ, **extra})
            times[name].append(time.perf_counter() - start)
            if done.returncode not in command.ok:
                raise SystemExit(f"{' '.join(args)} exited {done.returncode}:\n{done.stderr[-2000:]}")
    return {name: statistics.median(values) for name, values in times.items()}


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


# Where the time of a build goes, measured inside one process (one run; the order is the
# order of the work: imports, YAML → model, the check's rules, view + DOCX, the write).
STAGES = """
import json, sys, time
t0 = time.perf_counter()
from generator import cli, build, check, load
from generator.render import docx
t1 = time.perf_counter()
deps = load.load([sys.argv[1]])
t2 = time.perf_counter()
check.check(deps)
t3 = time.perf_counter()
rendered = [r for dep in deps for doc in dep.documents for r in build.render_document(dep, doc, docx.DEFAULT_TEMPLATES)]
t4 = time.perf_counter()
build.build(deps, sys.argv[2])
t5 = time.perf_counter()
print(json.dumps({"imports": t1 - t0, "load": t2 - t1, "check rules": t3 - t2, "render": t4 - t3,
                  "build (render again + write)": t5 - t4}))
"""


# `build` without its check, as a whole process: the same load and render and writes, for
# the check's share of a build — (build − this) / build. Without click and the CLI's own
# imports, so the share it gives is an upper bound.
WITHOUT_CHECK = """
import sys
from generator.build import build
from generator.load import load
build(load([sys.argv[1]]), sys.argv[2])
"""


@dataclasses.dataclass
class Row:
    measures: int
    floor: float
    build: float
    build_cold: float
    check: float
    check_cold: float
    without_check: float
    diff: float
    amend: float
    publish: float
    stages: dict


def measure(folder: Path, measures: int, runs: int, template: str, publish_runs: int) -> Row:
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
    # The spelling answers and the compiled template parts are kept in a cache folder:
    # "warm" is the folder a first run filled (what a clerk has from the second build on),
    # "cold" a new folder each run.
    warm = {"PRIKAZ_CACHE_DIR": str(folder / "cache")}

    def cold(run: int) -> dict:
        return {"PRIKAZ_CACHE_DIR": str(folder / f"cold{measures}-{time.perf_counter_ns()}")}

    build_argv = [prikaz, "build", str(dep), "-o", str(out)]
    # check exits 1 when it finds errors by substance; the generated plan may have some.
    check_argv = [prikaz, "check", str(dep)]
    process_times({"fill": Command(build_argv, warm, (0, 1))}, 1)  # fills the warm cache
    old, new = str(pair / "plan.yaml"), str(pair / "plan-ed2.yaml")
    t = process_times(
        {
            "floor": Command(
                [sys.executable, "-c", FLOOR, str(dep / "plan.yaml"), template, str(folder / "floor.docx")]
            ),
            "build": Command(build_argv, warm),
            "build_cold": Command(build_argv, cold),
            "without_check": Command([sys.executable, "-c", WITHOUT_CHECK, str(dep), str(out)], warm),
            "check": Command(check_argv, warm, (0, 1)),
            "check_cold": Command(check_argv, cold, (0, 1)),
            "diff": Command([prikaz, "diff", old, new, "-o", str(folder / "diff")], warm),
            "amend": Command(
                [prikaz, "amend", old, new, "--order", str(pair / "order.yaml"), "-o", str(folder / "amend")], warm
            ),
        },
        runs,
    )
    # publish from scratch: a new site folder each run, so every PDF is converted.
    site = Command(lambda run: [prikaz, "publish", str(dep), "--site", str(folder / f"site{measures}-{run}")], warm)
    publish = process_times({"publish": site}, publish_runs)["publish"]
    done = subprocess.run(
        [sys.executable, "-c", STAGES, str(dep), str(folder / f"stages{measures}")],
        capture_output=True,
        text=True,
        env={**os.environ, **warm},
        check=True,
    )
    return Row(
        measures,
        t["floor"],
        t["build"],
        t["build_cold"],
        t["check"],
        t["check_cold"],
        t["without_check"],
        t["diff"],
        t["amend"],
        publish,
        json.loads(done.stdout),
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="меньше повторов")
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    publish_runs = 1 if args.quick else 3
    folder = Path(tempfile.mkdtemp())
    template = floor_template()
    # Python's bytecode of the package, as an installed package has it: pip compiles it at
    # install, an editable checkout on first import, unless PYTHONDONTWRITEBYTECODE is set
    # (then every process would compile the package again, which no user's process does;
    # the floor's libraries are compiled).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "generator")], check=True)
    rows = [measure(folder, n, runs, template, publish_runs) for n in (1000, 5000)]
    lines = [
        "# Benchmarks: whole processes",
        "",
        f"Machine: {machine()}.",
        "",
        f"Reproduce: `python bench/e2e.py`. Medians of {runs} runs of each command as a fresh "
        f"process ({publish_runs} of `publish`), the commands taking turns run by run; the floor (a "
        "fresh interpreter: C YAML load + bare docxtpl render + write) is measured in the same run.",
        "",
        "## End to end, against the floor",
        "",
        "`build` includes the `check`: it runs in a forked process while the documents render, and "
        "nothing is written before its findings are in. The spelling rule's answers and the templates' "
        "compiled parts are kept in the user's cache folder: *warm* is a run after the first (the "
        "clerk's usual case), *cold* a "
        "run with an empty cache folder. `diff` and `amend` compare two editions that differ in "
        "5 % of their deadlines. `publish` is a first publication into an empty site folder: "
        "build, every PDF through LibreOffice, the pages — the PDF conversion is most of it, "
        "and the floor has no PDF. *check in build* is the check's share of a build: (build − the "
        "same build without its check) / build; *check / build* compares a `check` process with a "
        "`build` process, both paying the interpreter's start, the imports and the load.",
        "",
        "| measures | floor, s | build / floor | build cold / floor | check in build | check / build | "
        "check cold / build cold | diff / floor | amend / floor | publish / floor |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r.measures} | {r.floor:.2f} | {r.build / r.floor:.2f} | {r.build_cold / r.floor:.2f} | "
            f"{max(r.build - r.without_check, 0) / r.build:.0%} | {r.check / r.build:.0%} | "
            f"{r.check_cold / r.build_cold:.0%} | {r.diff / r.floor:.2f} | "
            f"{r.amend / r.floor:.2f} | {r.publish / r.floor:.2f} |"
        )
    lines += [
        "",
        "Seconds (medians):",
        "",
        "| measures | floor | build | build cold | build without check | check | check cold | diff | amend | publish |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r.measures} | {r.floor:.2f} | {r.build:.2f} | {r.build_cold:.2f} | {r.without_check:.2f} | "
            f"{r.check:.2f} | "
            f"{r.check_cold:.2f} | {r.diff:.2f} | {r.amend:.2f} | {r.publish:.2f} |"
        )
    lines += [
        "",
        "## Where a build's time goes",
        "",
        "One process, warm cache, the stages one after another (inside `build` the check's rules "
        "overlap the render): seconds.",
        "",
        "| measures | " + " | ".join(rows[0].stages) + " |",
        "|---:|" + "---:|" * len(rows[0].stages),
    ]
    for r in rows:
        lines.append(f"| {r.measures} | " + " | ".join(f"{v:.2f}" for v in r.stages.values()) + " |")
    results = ROOT / "bench" / "RESULTS-e2e.md"
    # Notes written by hand (the analysis of a profile, before/after figures) follow the
    # marker and survive a rerun; the tables above it are this run's.
    old = results.read_text(encoding="utf-8") if results.exists() else ""
    notes = old[old.index(NOTES) :] if NOTES in old else ""
    results.write_text("\n".join(lines) + "\n\n" + notes, encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
