"""The `comparison.html` writer: comparison rows → a self-contained HTML page (no scripts, no outside files)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from .writers import Comparison, Options

STYLE = """
body { font-family: "Times New Roman", "Liberation Serif", serif; margin: 1.5rem; color: #111; }
h1 { font-size: 1.3rem; text-align: center; }
p.meta { text-align: center; color: #444; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
th, td { border: 1px solid #555; padding: 0.4rem; vertical-align: top; white-space: pre-wrap; }
th { background: #eee; }
del { color: #a00; text-decoration: line-through; }
ins { color: #060; text-decoration: underline; font-weight: bold; }
td.n { text-align: center; width: 2.5rem; }
@media (max-width: 700px) { table, thead, tbody, tr, th, td { display: block; } th { display: none; }
  td::before { content: attr(data-label); display: block; font-weight: bold; } }
"""

HEADINGS = ("№ п/п", "Структурная единица", "Действующая редакция", "Предлагаемая редакция", "Обоснование")


def write(comparisons: Sequence[Comparison], options: Options) -> list[bytes]:
    return [comparison_html(c.title, c.subtitle, c.rows) for c in comparisons]


def comparison_html(title: str, subtitle: str, rows) -> bytes:
    body = []
    for row in rows:
        cells = [str(row.number), escape(row.unit), _runs(row.current), _runs(row.proposed), escape(row.reason)]
        tds = "".join(
            f'<td data-label="{HEADINGS[k]}"{" class=n" if k == 0 else ""}>{cell}</td>' for k, cell in enumerate(cells)
        )
        body.append(f'<tr id="change-{row.number}">{tds}</tr>')
    head = "".join(f"<th>{h}</th>" for h in HEADINGS)
    page = f"""<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><style>{STYLE}</style></head>
<body><h1>{escape(title)}</h1><p class="meta">{escape(subtitle)}</p>
<table><thead><tr>{head}</tr></thead><tbody>
{chr(10).join(body)}
</tbody></table></body></html>
"""
    return page.encode("utf-8")


def _runs(runs) -> str:
    parts = []
    for op, text in runs:
        if op == "delete":
            parts.append(f"<del>{escape(text)}</del>")
        elif op == "insert":
            parts.append(f"<ins>{escape(text)}</ins>")
        else:
            parts.append(escape(text))
    return "".join(parts)
