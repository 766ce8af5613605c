"""Every bundled document's DOCX against its checked-in outline (tests/golden/README.md).

An intended change is accepted with `make golden` and reviewed as a diff of the outlines.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from conftest import CONTENT, GOLDEN, UPDATE_GOLDEN
from outline import outline

OUTLINES = GOLDEN / "docx"


def _golden(document: Path, demo_output: Path) -> Path:
    return OUTLINES / document.relative_to(demo_output).with_suffix(".outline.txt")


def _expected_documents() -> list[str]:
    """Documents known from the goldens, so each gets its own test and its own failure."""
    return sorted(
        p.relative_to(OUTLINES).as_posix().removesuffix(".outline.txt") for p in OUTLINES.glob("*/*.outline.txt")
    )


def test_every_built_document_has_a_golden_outline(demo_output):
    built = sorted(p.relative_to(demo_output).with_suffix("").as_posix() for p in demo_output.glob("*/*.docx"))
    assert built, "nothing was built from content/"
    if UPDATE_GOLDEN:
        for stale in set(_expected_documents()) - set(built):
            (OUTLINES / f"{stale}.outline.txt").unlink()
        for name in built:
            target = OUTLINES / f"{name}.outline.txt"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(outline(demo_output / f"{name}.docx"), encoding="utf-8")
        return
    assert built == _expected_documents(), "new or removed documents: run `make golden` and review"


@pytest.mark.parametrize("name", _expected_documents())
def test_document_matches_its_golden_outline(demo_output, name):
    if UPDATE_GOLDEN:
        pytest.skip("golden files are being rewritten")
    expected = (OUTLINES / f"{name}.outline.txt").read_text(encoding="utf-8")
    actual = outline(demo_output / f"{name}.docx")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(True), actual.splitlines(True), f"golden/{name}", f"built/{name}", n=2
            )
        )
        pytest.fail(f"{name}.docx differs from its golden outline (`make golden` accepts it):\n{diff[:6000]}")


def test_goldens_cover_every_content_folder():
    """A department added to content/ without a golden is noticed even before a build."""
    folders = {p.name for p in CONTENT.iterdir() if p.is_dir() and any(p.glob("*.yaml"))}
    with_goldens = {p.name for p in OUTLINES.iterdir() if p.is_dir()} if OUTLINES.is_dir() else set()
    assert folders <= with_goldens or UPDATE_GOLDEN
