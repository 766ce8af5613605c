"""`prikaz check` as a whole process against `prikaz build` (DOCX only) on generated plans.

    python bench/check_speed.py [--source DIR] [--runs N]

`--source` runs another copy of the generator package (for example an export of the
commit before a change: `git archive REV generator | tar -x -C /tmp/base`), so that
before and after are measured in the same run on the same machine. Prints one line per
size: check, build (which runs check first) and their ratio.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import make_content, median_time  # noqa: E402  (bench/bench.py, next to this file)


def run_cli(source: Path, *args: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(source)}
    code = "import sys; from generator.cli import main; sys.exit(main())"
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True)
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr.decode())


def measure(source: Path, sizes: list[int], runs: int) -> list[tuple[int, float, float]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            dep = make_content(Path(tmp), size)
            out = Path(tmp) / f"out{size}"
            check = median_time(lambda dep=dep: run_cli(source, "check", str(dep)), runs)
            build = median_time(lambda dep=dep, out=out: run_cli(source, "build", str(dep), "-o", str(out)), runs)
            rows.append((size, check, build))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", type=Path, default=ROOT)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="1000,5000")
    args = parser.parse_args()
    for size, check, build in measure(args.source, [int(s) for s in args.sizes.split(",")], args.runs):
        print(f"{size} measures: check {check:.2f} s, build {build:.2f} s, check/build {check / build:.2f}")


if __name__ == "__main__":
    main()
