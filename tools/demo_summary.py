"""The end of `make demo`: output/index.html listing what was made, and a short summary.

Reads only the output folder (what the demo actually wrote), so the list never promises a
file that is not there.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

SITE = "site"
COMPARISON = ".comparison."


def collect(out: Path) -> tuple[dict[str, list[Path]], list[Path], Path | None]:
    """Documents by organization folder, comparison tables, the site's index."""
    documents: dict[str, list[Path]] = {}
    comparisons: list[Path] = []
    for folder in sorted(p for p in out.iterdir() if p.is_dir() and p.name != SITE):
        for path in sorted(folder.iterdir()):
            if COMPARISON in path.name:
                comparisons.append(path)
            elif path.suffix in (".docx", ".pdf"):
                documents.setdefault(folder.name, []).append(path)
    site = out / SITE / "index.html"
    return documents, comparisons, site if site.is_file() else None


def index_html(out: Path, documents, comparisons, site) -> str:
    def link(path: Path) -> str:
        href = html.escape(path.relative_to(out).as_posix())
        return f'<a href="{href}">{html.escape(path.name)}</a>'

    parts = [
        "<!doctype html>",
        '<html lang="ru"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>prikaz: результат make demo</title></head><body>",
        "<h1>Что сделал <code>make demo</code></h1>",
        "<h2>Документы (DOCX и PDF)</h2>",
    ]
    for org, files in documents.items():
        parts.append(f"<h3>{html.escape(org)}/</h3><ul>")
        parts += [f"<li>{link(p)}</li>" for p in files]
        parts.append("</ul>")
    if comparisons:
        parts.append("<h2>Сравнительные таблицы редакций</h2><ul>")
        parts += [f"<li>{link(p)}</li>" for p in comparisons]
        parts.append("</ul>")
    if site:
        parts.append(f"<h2>Сайт для загрузки на сервер</h2><p>{link(site)} (папка {SITE}/)</p>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def main(out: Path) -> None:
    documents, comparisons, site = collect(out)
    (out / "index.html").write_text(index_html(out, documents, comparisons, site), encoding="utf-8")
    count = sum(len({p.stem for p in files}) for files in documents.values())
    print()
    print(f"Готово. Всё сделанное — в папке {out}/; список со ссылками: {out / 'index.html'}")
    print(f"  {out}/<организация>/ — документы в DOCX и PDF: {count} ({', '.join(documents)})")
    tables: dict[Path, list[str]] = {}
    for path in comparisons:
        tables.setdefault(path.with_suffix(""), []).append(path.suffix.lstrip(".").upper())
    for stem, kinds in tables.items():
        print(f"  {stem}.* — сравнительная таблица двух редакций плана ({', '.join(kinds)})")
    if site:
        print(f"  {site.parent}/ — сайт для загрузки на сервер (начало: {site})")
    print("Замечания проверки напечатаны выше один раз; повторить: .venv/bin/prikaz check content/")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "output"))
