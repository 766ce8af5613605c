"""DOCX files → PDF files through LibreOffice: one process for a whole batch.

A cold LibreOffice start costs seconds, so every file of a batch goes through one
`soffice --convert-to` call (measured in bench/). Each run has its own profile folder,
a time limit, and kills everything it started when the limit passes. PDFs are written
beside their DOCX atomically: a failed run leaves the previous PDF in place.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..errors import ToolError
from ..output import write_atomic

# PDF/A-2b and tagged PDF: archival, searchable, accessible (LibreOffice ≥ 7.4).
PDF_FILTER = (
    'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"},'
    '"UseTaggedPDF":{"type":"boolean","value":"true"}}'
)
INSTALL_HINT = (
    "установите LibreOffice: sudo apt-get install libreoffice-writer-nogui fonts-liberation "
    "(или выполните make setup)"
)


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(docx_files: list[str], timeout: float = 600.0) -> list[str]:
    """Convert DOCX files to PDF files beside them; return the PDF paths."""
    soffice = find_soffice()
    if soffice is None:
        raise ToolError(f"LibreOffice не найден, PDF не созданы: {INSTALL_HINT}")
    written: list[str] = []
    for batch in _batches_with_unique_names(docx_files):
        written += _convert_batch(soffice, batch, timeout)
    return written


def _batches_with_unique_names(files: list[str]) -> list[list[str]]:
    """LibreOffice writes <stem>.pdf into one folder: equal stems go to separate runs."""
    batches: list[list[str]] = []
    for path in files:
        stem = Path(path).stem
        for batch in batches:
            if all(Path(other).stem != stem for other in batch):
                batch.append(path)
                break
        else:
            batches.append([path])
    return batches


def _convert_batch(soffice: str, files: list[str], timeout: float) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="prikaz-lo-") as work:
        profile = Path(work, "profile").as_uri()
        out_dir = Path(work, "pdf")
        command = [
            soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
            "--nolockcheck", "--convert-to", PDF_FILTER, "--outdir", str(out_dir),
            *[os.path.abspath(f) for f in files],
        ]
        _run(command, timeout)
        written = []
        for path in files:
            pdf = out_dir / (Path(path).stem + ".pdf")
            if not pdf.is_file() or pdf.stat().st_size == 0:
                raise ToolError(f"LibreOffice не создал PDF для {path}")
            target = str(Path(path).with_suffix(".pdf"))
            write_atomic(target, pdf.read_bytes())
            written.append(target)
        return written


def _run(command: list[str], timeout: float) -> None:
    env = dict(os.environ, HOME=os.environ.get("HOME", "/tmp"), SAL_USE_VCLPLUGIN="svp")
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True
    )
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise ToolError(f"LibreOffice не уложился в {timeout:.0f} с и был остановлен; PDF не созданы")
    except BaseException:
        _kill_group(process)
        raise
    if process.returncode != 0:
        detail = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise ToolError(f"LibreOffice завершился с кодом {process.returncode}: {detail[0]}")


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()
