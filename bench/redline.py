"""The redline against its baseline: building the new edition's DOCX alone.

    python bench/redline.py

The redline renders both editions (as `build` does) and rewrites the new one's XML with
tracked changes, so the ratio to one build of the new edition is what to compare between
machines. Editions differ by 5 % of rows (bench.edited). Prints a Markdown section for
bench/RESULTS.md.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import edited, machine, median_time, plan_model  # noqa: E402


def main() -> None:
    from generator import model as m
    from generator.redline import built_docx, redline_docx
    from generator.render.docx import DEFAULT_TEMPLATES

    organization = m.Organization(name="Отдел образования", name_genitive="отдела образования", letterhead=())
    print(f"## Redline (prikaz diff --redline), editions differing by 5 % of rows\n\nMachine: {machine()}.\n")
    print("| measures | build of the new edition, s | redline, s | redline / build | tracked rows |")
    print("|---:|---:|---:|---:|---:|")
    for measures in (200, 1000, 5000):
        old = plan_model(measures)
        new = dataclasses.replace(
            edited(old, 0.05), id="bench-ed2", edition=m.Edition(follows=old.id, kind="amendment")
        )
        dep = m.Department(folder=".", organization=organization, documents=(old, new))
        runs = 5 if measures < 5000 else 3
        build = median_time(lambda dep=dep, new=new: built_docx(dep, new, DEFAULT_TEMPLATES), runs)
        data = redline_docx(dep, old, new, DEFAULT_TEMPLATES)
        redline = median_time(lambda dep=dep, old=old, new=new: redline_docx(dep, old, new, DEFAULT_TEMPLATES), runs)
        tracked = _tracked_rows(data)
        print(f"| {measures} | {build:.3f} | {redline:.3f} | {redline / build:.2f} | {tracked} |")


def _tracked_rows(data: bytes) -> int:
    """Rows inserted or removed whole, and rows with words changed inside."""
    import io
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    xml = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    return sum(1 for tr in xml.iter(f"{w}tr") if next(tr.iter(f"{w}ins", f"{w}del"), None) is not None)


if __name__ == "__main__":
    main()
