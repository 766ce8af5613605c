"""Shared fixtures: the bundled content built once per session, and DOCX readers."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
PRIKAZ = Path(sys.executable).parent / "prikaz"

# The spelling rule keeps its answers in the user's cache folder; tests keep theirs apart.
os.environ.setdefault("PRIKAZ_CACHE_DIR", tempfile.mkdtemp(prefix="prikaz-test-cache-"))

# Hypothesis budgets: "ci" (the default) keeps `make test` short; the long fuzz run is
# HYPOTHESIS_PROFILE=fuzz .venv/bin/pytest tests/test_fuzz.py (docs/reliability.md).
# Tests with their own @settings(max_examples=…) keep their number under either profile.
settings.register_profile(
    "ci", max_examples=100, deadline=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "fuzz",
    max_examples=20_000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def run_prikaz(
    *args: str, cwd: Path = ROOT, timeout: float = 300, env: dict | None = None, **popen
) -> subprocess.CompletedProcess:
    """`prikaz ARGS` as a user runs it; `env` replaces the environment (default: this one)."""
    return subprocess.run(
        [str(PRIKAZ), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env or {**os.environ, "PYTHONWARNINGS": "ignore"},
        **popen,
    )


@pytest.fixture(scope="session")
def departments():
    from generator.load import load

    return {Path(d.folder).name: d for d in load([str(p) for p in sorted(CONTENT.iterdir())])}


@pytest.fixture(scope="session")
def built(tmp_path_factory, departments) -> Path:
    """All bundled content built into DOCX, in process."""
    from generator.build import build

    out = tmp_path_factory.mktemp("output")
    build(list(departments.values()), str(out))
    return out


@pytest.fixture(scope="session")
def demo_output(tmp_path_factory) -> Path:
    """The bundled content built as `make demo` builds it: the CLI, DOCX, errors forced through."""
    out = tmp_path_factory.mktemp("demo")
    result = run_prikaz("build", "content/", "-o", str(out), "--force")
    assert result.returncode == 0, result.stderr
    return out


# Golden files (tests/golden/README.md): PRIKAZ_UPDATE_GOLDEN=1 rewrites them instead of comparing.
GOLDEN = ROOT / "tests" / "golden"
UPDATE_GOLDEN = os.environ.get("PRIKAZ_UPDATE_GOLDEN") == "1"


def normalize(text: str) -> str:
    """Fold whitespace only: a no-break space reads as a space, runs of spaces as one.

    Never typesets: what is compared is exactly the characters a reader sees, so quotes,
    dashes and initials stay under test (tests/test_typography.py tests the typesetter).
    """
    return " ".join(text.replace("\u00a0", " ").split())


def printed(content: str) -> str:
    """The printed form of text typed in content/, for tests that compare the two.

    Only for the content side of such a comparison: the document side is always read as is.
    """
    from generator.typography import typeset

    return normalize(typeset(content))


def docx_paragraphs(path: Path) -> list[str]:
    from docx import Document

    return [p.text for p in Document(str(path)).paragraphs]


def docx_table_rows(path: Path) -> list[list[str]]:
    """Every row of every table, cells as text (merged cells appear once)."""
    from docx import Document

    rows = []
    for table in Document(str(path)).tables:
        for tr in table._tbl.tr_lst:
            cells = tr.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tc")
            rows.append(["\n".join(_texts(tc)) for tc in cells])
    return rows


def _texts(tc) -> list[str]:
    from docx.text.paragraph import Paragraph

    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return [Paragraph(p, None).text for p in tc.iter(f"{ns}p")]
