"""Benchmarks of prikaz against baselines measured in the same run (`make bench`).

Each figure is the median of several runs. Results are written to bench/RESULTS.md with
the machine described; ratios to the baselines are what to compare between machines.

    python bench/bench.py [--quick] [--no-pdf]
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORDS = (
    "организация проведение мониторинг оценки качества образования обучающихся школ района "
    "педагогов семинаров результатов анализ методической поддержки олимпиады родителей"
).split()
UNITS = ["ОО", "МОУО", "ИМЦ", "Отдел образования", "Руководители ОО"]


def plan_yaml(measures: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    sections = max(1, measures // 25)
    lines = [
        "format: 1",
        "kind: plan",
        "id: bench",
        "title: План мероприятий для измерений",
        "layout: {table_per_section: true}",
        "sections:",
    ]
    per = measures // sections
    for s in range(sections):
        lines += [f"  - title: Раздел {s + 1} {rng.choice(WORDS)}", "    measures:"]
        for k in range(per):
            text = " ".join(rng.choice(WORDS) for _ in range(12)) + f" {s}-{k}"
            lines += [
                f"      - text: {text}",
                f"        deadline: Ежегодно, {rng.choice(['март', 'май', 'сентябрь'])}",
                f"        responsible: [{', '.join(rng.sample(UNITS, 2))}]",
            ]
    return "\n".join(lines) + "\n"


ORGANIZATION = (
    "format: 1\nkind: organization\nname: Отдел\nname_genitive: отдела\nletterhead: [Отдел]\n"
    "units: [" + ", ".join(f"{{name: {u}}}" for u in UNITS) + "]\n"
)


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def make_content(folder: Path, measures: int) -> Path:
    dep = folder / f"dep{measures}"
    dep.mkdir(parents=True, exist_ok=True)
    (dep / "organization.yaml").write_text(ORGANIZATION, encoding="utf-8")
    (dep / "plan.yaml").write_text(plan_yaml(measures), encoding="utf-8")
    return dep


# --- build vs floor ---------------------------------------------------------------------


def bench_build(dep: Path, runs: int) -> dict:
    from generator import view
    from generator.check import check
    from generator.load import load
    from generator.render import docx

    stages = {}
    stages["load"] = median_time(lambda: load([str(dep)]), runs)
    department = load([str(dep)])[0]
    stages["check"] = median_time(lambda: check([department]), runs)
    plan = department.documents[0]
    stages["view"] = median_time(lambda: view.plan_view(plan, []), runs)
    context = view.plan_view(plan, [])
    props = docx.Properties("t", "a", "s", "k", __import__("datetime").date(2020, 1, 1))
    stages["render"] = median_time(lambda: docx.render("plan", context, props), runs)
    data = docx.render("plan", context, props)
    out = Path(tempfile.mkdtemp())
    from generator.output import write_atomic

    stages["write"] = median_time(lambda: write_atomic(str(out / "p.docx"), data), runs)
    shutil.rmtree(out)
    # What the floor also does (read YAML, render a table, keep bytes); check is reported apart.
    stages["total"] = stages["load"] + stages["view"] + stages["render"] + stages["write"]
    return stages


def bench_pandoc(dep: Path, runs: int) -> float | None:
    """What a user might pick instead: pandoc turning an equivalent Markdown table into DOCX."""
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        return None
    from ruamel.yaml import YAML

    data = YAML(typ="safe", pure=False).load((dep / "plan.yaml").read_text(encoding="utf-8"))
    lines = ["| № | Мероприятие | Срок | Ответственные |", "|---|---|---|---|"]
    number = 0
    for section in data["sections"]:
        lines.append(f"| | **{section['title']}** | | |")
        for measure in section["measures"]:
            number += 1
            lines.append(
                f"| {number} | {measure['text']} | {measure['deadline']} | {', '.join(measure['responsible'])} |"
            )
    work = Path(tempfile.mkdtemp())
    source = work / "plan.md"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    seconds = median_time(
        lambda: subprocess.run([pandoc, str(source), "-o", str(work / "plan.docx")], check=True), runs
    )
    shutil.rmtree(work)
    return seconds


def floor_template() -> str:
    """A minimal docxtpl template: one 4-column table looping over rows."""
    from docx import Document

    path = Path(tempfile.mkdtemp()) / "floor.docx"
    doc = Document()
    table = doc.add_table(rows=3, cols=4)
    table.rows[0].cells[0].text = "{%tr for r in rows %}"
    for i, cell in enumerate(table.rows[1].cells):
        cell.text = f"{{{{ r[{i}] }}}}"
    table.rows[2].cells[0].text = "{%tr endfor %}"
    doc.save(path)
    return str(path)


def bench_floor(dep: Path, template: str, runs: int) -> float:
    from docxtpl import DocxTemplate
    from ruamel.yaml import YAML

    text = (dep / "plan.yaml").read_text(encoding="utf-8")

    def floor():
        data = YAML(typ="safe", pure=False).load(text)
        rows = [
            [str(i), m["text"], m["deadline"], ", ".join(m["responsible"])]
            for s in data["sections"]
            for i, m in enumerate(s["measures"])
        ]
        tpl = DocxTemplate(template)
        tpl.render({"rows": rows}, autoescape=True)
        tpl.save(io.BytesIO())

    return median_time(floor, runs)


def peak_memory(code: str) -> float:
    """Peak RSS in MB of a fresh interpreter running `code`.

    VmHWM belongs to the new process image; getrusage's maxrss would include the high
    water mark of this (forked) benchmark process.
    """
    wrapper = code + "\nprint([l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1])"
    out = subprocess.run([sys.executable, "-c", wrapper], capture_output=True, text=True, cwd=ROOT, check=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


# --- diff + wording ---------------------------------------------------------------------


def plan_model(measures: int, seed: int = 1):
    from generator import model as m

    rng = random.Random(seed)
    sections = []
    per = 25
    for s in range(max(1, measures // per)):
        rows = tuple(
            m.Measure(
                text=(m.Paragraph(" ".join(rng.choice(WORDS) for _ in range(12)) + f" {s}-{k}"),),
                deadline="Ежегодно, май",
                responsible=tuple(rng.sample(UNITS, 2)),
            )
            for k in range(per)
        )
        sections.append(m.Section(title=f"Раздел {s + 1}", measures=rows))
    return m.Plan(id="bench", title="План", sections=tuple(sections))


def edited(plan, share: float, seed: int = 2):
    from generator import model as m

    rng = random.Random(seed)
    sections = [list(s.measures) for s in plan.sections]
    total = sum(len(s) for s in sections)
    for _ in range(int(total * share)):
        rows = rng.choice(sections)
        action = rng.choice(["insert", "delete", "text", "deadline"])
        k = rng.randrange(len(rows))
        if action == "insert":
            rows.insert(
                k,
                m.Measure(
                    text=(m.Paragraph(" ".join(rng.choice(WORDS) for _ in range(10))),),
                    deadline="2024",
                    responsible=("ОО",),
                ),
            )
        elif action == "delete" and len(rows) > 1:
            rows.pop(k)
        elif action == "text":
            words = m.plain_text(rows[k].text).split()
            words[rng.randrange(len(words))] = rng.choice(WORDS)
            rows[k] = dataclasses.replace(rows[k], text=(m.Paragraph(" ".join(words)),))
        else:
            rows[k] = dataclasses.replace(rows[k], deadline="Постоянно")
    return dataclasses.replace(
        plan, sections=tuple(dataclasses.replace(s, measures=tuple(rows)) for s, rows in zip(plan.sections, sections))
    )


def bench_diff(measures: int, runs: int) -> tuple[float, int]:
    from generator.amend import wording
    from generator.diff import diff
    from generator.editions import carry_numbers, path_numbers

    # The model is built directly: 20,000 rows of YAML is past the loader's 5 MB file limit.
    plan = plan_model(measures)
    new = edited(plan, 0.05)

    def run():
        result = diff(plan, new)
        numbers = path_numbers(plan)
        return wording(plan, new, result, numbers, carry_numbers(numbers, result, new))

    return median_time(run, runs), len(run())


# --- PDF ----------------------------------------------------------------------------------


def bench_import(measures: int, runs: int) -> tuple[float, float]:
    """`prikaz import` of a plan printed as one long Word table, and the floor: python-docx
    opening the same file and reading the text of every cell."""
    from docx import Document

    from generator.build import build
    from generator.importer.run import import_docx
    from generator.load import load

    folder = Path(tempfile.mkdtemp())
    dep = make_content(folder, measures)
    plan = dep / "plan.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("layout: {table_per_section: true}\n", ""), encoding="utf-8"
    )
    path = build(load([str(dep)]), str(folder / "out"))[0].path

    def floor():
        document = Document(path)
        return [cell.text for table in document.tables for row in table.rows for cell in row.cells]

    seconds = median_time(lambda: import_docx(path), runs)
    base = median_time(floor, runs)
    shutil.rmtree(folder, ignore_errors=True)
    return seconds, base


def import_section(runs: int, sizes=(1000, 4000)) -> list[str]:
    lines = [
        "## Import (DOCX → YAML, in process)",
        "",
        "A plan printed as one Word table; floor: python-docx opening the file and reading the text of every cell.",
        "",
        "| measures | import, s | floor, s | import / floor |",
        "|---:|---:|---:|---:|",
    ]
    for n in sizes:
        seconds, base = bench_import(n, runs)
        lines.append(f"| {n} | {seconds:.3f} | {base:.3f} | {seconds / base:.2f} |")
        print(lines[-1], flush=True)
    return lines


def bench_pdf(count: int) -> tuple[float, float]:
    from generator.render.writers import write

    source = ROOT / "output"
    work = Path(tempfile.mkdtemp())
    prikaz = str(Path(sys.executable).parent / "prikaz")
    subprocess.run(
        [prikaz, "build", "content", "-o", str(work / "built"), "--force"], cwd=ROOT, check=True, capture_output=True
    )
    seeds = sorted((work / "built").rglob("*.docx"))
    files = []
    for i in range(count):
        target = work / "batch" / f"doc{i:02d}.docx"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(seeds[i % len(seeds)], target)
        files.append(str(target))
    sources = [Path(f).read_bytes() for f in files]
    start = time.perf_counter()
    write("pdf", sources)
    batch = time.perf_counter() - start
    start = time.perf_counter()
    for f in files:  # the naive way: a cold LibreOffice for every file
        profile = Path(tempfile.mkdtemp()).as_uri()
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work / "cold"),
                f,
            ],
            capture_output=True,
            check=True,
        )
    cold = time.perf_counter() - start
    shutil.rmtree(work, ignore_errors=True)
    del source
    return batch, cold


def bench_startup(runs: int) -> tuple[float, float]:
    prikaz = str(Path(sys.executable).parent / "prikaz")
    bare = median_time(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), runs)
    cli = median_time(lambda: subprocess.run([prikaz, "--help"], check=True, capture_output=True), runs)
    return bare, cli


# --- report -------------------------------------------------------------------------------


# --- hostile input -----------------------------------------------------------------------

HOSTILE = {  # 4.7 MB each, as in the attack reported in issue 20
    "nesting 4.7 M levels deep": lambda: "[" * 4_700_000,
    "4.7 MB of lists 39 levels deep": lambda: "[" + ("[" * 39 + "]" * 39 + ", ") * 58_750 + "]",
}


def load_in_fresh_process(path: Path) -> tuple[float, float, str]:
    """(seconds, peak MB, outcome) of reading one YAML file in a new interpreter."""
    code = (
        f"import sys, time; sys.path.insert(0, {str(ROOT)!r})\n"
        "from generator.yamlnodes import read_file\nfrom generator.errors import ContentError\n"
        f"t = time.perf_counter()\ntry:\n    read_file({str(path)!r}, 'x'); r = 'loaded'\n"
        "except ContentError as e:\n    r = e.problems[0].code\n"
        "print(time.perf_counter() - t, r)\n"
        "print([l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    timing, peak = out.stdout.strip().splitlines()[-2:]
    seconds, outcome = timing.split()
    return float(seconds), int(peak) / 1024, outcome


def bench_hostile(folder: Path, runs: int) -> list[str]:
    """Refusing hostile YAML against loading a real plan of about the same size."""
    plan = folder / "plan-13000.yaml"
    plan.write_text(plan_yaml(13_000), encoding="utf-8")
    rows = [("a plan of 13,000 measures (baseline)", plan)]
    for name, make in HOSTILE.items():
        path = folder / f"hostile-{len(rows)}.yaml"
        path.write_text(make(), encoding="utf-8")
        rows.append((name, path))
    results = []
    for name, path in rows:
        measured = [load_in_fresh_process(path) for _ in range(runs)]
        seconds = statistics.median(m[0] for m in measured)
        peak = statistics.median(m[1] for m in measured)
        results.append((name, path.stat().st_size, seconds, peak, measured[0][2]))
    base_seconds, base_peak = results[0][2], results[0][3]
    lines = [
        "| file | size, MB | outcome | time, s | peak, MB | time / baseline | peak / baseline |",
        "|---|---:|---|---:|---:|---:|---:|",
    ]
    for name, size, seconds, peak, outcome in results:
        lines.append(
            f"| {name} | {size / 1e6:.1f} | {outcome} | {seconds:.2f} | {peak:.0f} | "
            f"{seconds / base_seconds:.2f} | {peak / base_peak:.2f} |"
        )
    return lines


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    soffice = (
        subprocess.run(["soffice", "--version"], capture_output=True, text=True).stdout.strip()
        if shutil.which("soffice")
        else "нет"
    )
    return (
        f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} ядра ({cpu}), "
        f"{memory:.0f} ГБ; LibreOffice: {soffice or '?'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="меньше размеров и повторов")
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--import-only", action="store_true", help="только импорт DOCX (печатает раздел)")
    args = parser.parse_args()
    if args.import_only:
        print("\n".join(import_section(3)))
        return
    runs = 3 if args.quick else 5
    sizes = [50, 200, 1000] if args.quick else [50, 200, 1000, 5000]
    folder = Path(tempfile.mkdtemp())
    template = floor_template()
    lines = [
        "# Benchmarks",
        "",
        f"Machine: {machine()}.",
        "",
        f"Reproduce: `make bench` (`python bench/bench.py{' --quick' if args.quick else ''}`). "
        f"Medians of {runs} runs; baselines measured in the same run.",
        "",
        "## Build (YAML → DOCX, in process) vs the floor",
        "",
        "Floor: C-based YAML safe load + a bare docxtpl render of the same rows with a minimal template.",
        "",
        "Total = load + view + render + write (what the floor does too); `check` (the rules run "
        "before every build) is shown apart. pandoc: `pandoc plan.md -o plan.docx` on the same rows "
        "as a Markdown table, process start included.",
        "",
        "| measures | load | check | view | render | write | total | floor | total / floor | pandoc | pandoc / total |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n in sizes:
        dep = make_content(folder, n)
        stages = bench_build(dep, runs)
        floor = bench_floor(dep, template, runs)
        pandoc = bench_pandoc(dep, runs)
        versus = f"{pandoc:.3f} | {pandoc / stages['total']:.1f}" if pandoc else "— | —"
        lines.append(
            f"| {n} | {stages['load']:.3f} | {stages['check']:.3f} | {stages['view']:.3f} | "
            f"{stages['render']:.3f} | {stages['write']:.3f} | {stages['total']:.3f} | {floor:.3f} | "
            f"{stages['total'] / floor:.2f} | {versus} |"
        )
        print(lines[-1], flush=True)
    big = max(sizes)
    dep = make_content(folder, big)
    ours = peak_memory(
        f"import sys; sys.path.insert(0, {str(ROOT)!r})\nfrom generator.load import load\n"
        f"from generator.build import build\nbuild(load([{str(dep)!r}]), {str(folder / 'mem')!r})"
    )
    floor_mem = peak_memory(
        f"import io\nfrom ruamel.yaml import YAML\nfrom docxtpl import DocxTemplate\n"
        f"d=YAML(typ='safe', pure=False).load(open({str(dep / 'plan.yaml')!r}, encoding='utf-8').read())\n"
        "rows=[[str(i), m['text'], m['deadline'], ', '.join(m['responsible'])] for s in d['sections'] "
        "for i, m in enumerate(s['measures'])]\n"
        f"t=DocxTemplate({template!r}); t.render({{'rows': rows}}, autoescape=True); t.save(io.BytesIO())"
    )
    lines += [
        "",
        f"Peak memory, {big} measures: prikaz build {ours:.0f} MB, floor {floor_mem:.0f} MB "
        f"(ratio {ours / floor_mem:.2f}).",
        "",
        "## Diff + amendment wording (two editions differing by 5 % of rows)",
        "",
        "| rows | time, s | amendment items |",
        "|---:|---:|---:|",
    ]
    for n in [1000, 5000] if args.quick else [1000, 5000, 20000]:
        seconds, items = bench_diff(n, max(1, runs - 2))
        lines.append(f"| {n} | {seconds:.3f} | {items} |")
        print(lines[-1], flush=True)
    lines += ["", "## Hostile input (read one YAML file, fresh interpreter)", "", *bench_hostile(folder, runs)]
    print("\n".join(lines[-5:]), flush=True)
    lines += [""] + import_section(max(1, runs - 2))
    bare, cli = bench_startup(runs)
    lines += [
        "",
        "## Start-up",
        "",
        f"`python -c pass` {bare * 1000:.0f} ms; `prikaz --help` {cli * 1000:.0f} ms (ratio {cli / bare:.1f}).",
    ]
    if not args.no_pdf and shutil.which("soffice"):
        count = 6 if args.quick else 20
        batch, cold = bench_pdf(count)
        lines += [
            "",
            "## PDF",
            "",
            f"{count} seed-sized documents: one batch through prikaz's converter "
            f"{batch:.1f} s; one cold `soffice --convert-to pdf` per file {cold:.1f} s "
            f"(ratio {batch / cold:.2f}).",
        ]
    report = "\n".join(lines) + "\n"
    (ROOT / "bench" / "RESULTS.md").write_text(report, encoding="utf-8")
    print(report)
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
