"""The wheel works outside the checkout: templates and site assets travel inside it.

The wheel is built from a copy of the project's sources, installed into a fresh virtual
environment in a temporary folder, and run from there on a copy of the bundled content.
The fresh environment borrows the dependencies from the project's own (a path line in
a .pth file; the editable install of prikaz that lives there is not activated, because
.pth files in a borrowed folder are not read), so the test needs no package index.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT

SOURCES = ("pyproject.toml", "setup.py", "README.md", "generator", "templates")


def _run(*args, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**env, "PYTHONWARNINGS": "ignore"},
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, source / name)
    dist = tmp_path_factory.mktemp("dist")
    done = _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "--disable-pip-version-check",
        "-w",
        dist,
        source,
        cwd=source,
    )
    assert done.returncode == 0, done.stderr
    (built,) = dist.glob("prikaz-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """bin/ of a fresh virtual environment with the wheel installed."""
    venv = tmp_path_factory.mktemp("venv")
    assert _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=venv).returncode == 0
    bin_dir = venv / "bin"
    (purelib,) = (venv / "lib").glob("python3*/site-packages")
    (purelib / "borrowed-dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    done = _run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        bin_dir / "python",
        "install",
        "--no-deps",
        "--disable-pip-version-check",
        wheel,
        cwd=venv,
    )
    assert done.returncode == 0, done.stderr
    return bin_dir


def test_wheel_carries_every_template_and_site_asset(wheel):
    shipped = set(zipfile.ZipFile(wheel).namelist())
    bundled = {
        f"generator/templates/{p.relative_to(ROOT / 'templates').as_posix()}"
        for p in (ROOT / "templates").rglob("*")
        if p.is_file()
    }
    assert bundled and bundled <= shipped


def test_installed_prikaz_runs_from_any_folder(installed, tmp_path):
    version = _run(installed / "prikaz", "--version", cwd=tmp_path)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == "prikaz 0.1.0"
    where = _run(installed / "python", "-c", "import generator; print(generator.__file__)", cwd=tmp_path)
    assert Path(where.stdout.strip()).is_relative_to(installed.parent), "the wheel's copy is the one imported"


def test_installed_prikaz_builds_docx_and_pdf_outside_the_checkout(installed, tmp_path):
    shutil.copytree(CONTENT, tmp_path / "content")
    # The bundled documents keep the defects of their originals: --force, as in `make demo`.
    done = _run(installed / "prikaz", "build", "content/", "-o", "output/", "--pdf", "--force", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    docx = sorted(p.relative_to(tmp_path / "output").with_suffix("") for p in (tmp_path / "output").rglob("*.docx"))
    pdf = sorted(p.relative_to(tmp_path / "output").with_suffix("") for p in (tmp_path / "output").rglob("*.pdf"))
    documents = sum(1 for p in CONTENT.rglob("*.yaml") if p.name != "organization.yaml")
    assert len(docx) >= documents and docx == pdf
    assert all(p.stat().st_size > 1000 for p in (tmp_path / "output").rglob("*.pdf"))


def test_installed_prikaz_publishes_the_site_with_its_stylesheet(installed, tmp_path):
    shutil.copytree(CONTENT / "taimyr", tmp_path / "content" / "taimyr")
    done = _run(installed / "prikaz", "publish", "content/", "--site", "site/", "--force", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site" / "style.css").read_bytes() == (ROOT / "templates/site/style.css").read_bytes()
