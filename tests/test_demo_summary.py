"""The end of `make demo`: output/index.html and the summary list what is really there."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser

from conftest import ROOT


class Hrefs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.hrefs += [v for k, v in attrs if k == "href"]


def test_index_and_summary_name_every_file_the_demo_made(tmp_path):
    out = tmp_path / "output"
    made = [
        "noglik/order-2020-427.docx",
        "noglik/order-2020-427.pdf",
        "taimyr/regulation-msoko.docx",
        "novosibirsk/plan-2020-ed2.comparison.docx",
        "novosibirsk/plan-2020-ed2.comparison.html",
        "site/index.html",
        "site/noglik/order-2020-427.pdf",
    ]
    for name in made:
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(b"x")
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "demo_summary.py"), str(out)], capture_output=True, text=True, check=True
    )
    parser = Hrefs()
    parser.feed((out / "index.html").read_text(encoding="utf-8"))
    assert sorted(parser.hrefs) == sorted(n for n in made if not n.startswith("site/noglik"))
    assert all((out / href).is_file() for href in parser.hrefs)
    lines = result.stdout.strip().splitlines()
    assert lines[0] == f"Готово. Всё сделанное — в папке {out}/; список со ссылками: {out / 'index.html'}"
    assert "документы в DOCX и PDF: 2 (noglik, taimyr)" in lines[1]
    assert any(
        "plan-2020-ed2.comparison.* — сравнительная таблица" in line and "(DOCX, HTML)" in line for line in lines
    )
    assert any(line.strip().startswith(f"{out / 'site'}/ — сайт") for line in lines)


def test_build_prints_the_findings_count_not_the_list_check_printed(tmp_path):
    from conftest import CONTENT, run_prikaz

    listed = run_prikaz("check", str(CONTENT)).stdout
    findings = [line for line in listed.splitlines() if line.endswith("]")]
    errors = [line for line in findings if ": ошибка: " in line]
    assert findings and errors
    forced = run_prikaz("build", str(CONTENT), "-o", str(tmp_path / "a"), "--force")
    assert forced.returncode == 0, forced.stderr
    assert not any(line in forced.stderr for line in findings)
    assert f"Замечаний проверки: {len(findings)} (ошибок {len(errors)}); список — prikaz check." in forced.stderr
    stopped = run_prikaz("build", str(CONTENT), "-o", str(tmp_path / "b"))
    assert stopped.returncode == 1 and not (tmp_path / "b").exists()
    shown = [line for line in stopped.stderr.splitlines() if line.endswith("]")]
    assert shown == errors  # what stops the build is listed, the warnings are not
