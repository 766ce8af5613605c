"""Edition pairs made for the amendment tests: a copy of a bundled organization folder with
a second edition written next to the first (text edits on the YAML), so the command line
sees them as a clerk's files. Not bundled content: each test makes its own in tmp_path."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def organization_copy(tmp_path: Path, org: str) -> Path:
    target = tmp_path / "content" / org
    shutil.copytree(ROOT / "content" / org, target)
    return target


def second_edition(
    folder: Path, source: str, new_id: str, edits: list[tuple[str, str]], follows: str | None = None
) -> Path:
    """`source`.yaml copied as `new_id`.yaml: an amended edition with `edits` applied in order."""
    text = (folder / f"{source}.yaml").read_text(encoding="utf-8")
    old_id = re.search(r"^id: (\S+)$", text, re.M).group(1)
    text = re.sub(r"^edition:\n(  .*\n)+", "", text, flags=re.M)
    text = text.replace(
        f"id: {old_id}\n", f"id: {new_id}\nedition:\n  follows: {follows or old_id}\n  kind: amendment\n", 1
    )
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    path = folder / f"{new_id}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def amending_order(
    folder: Path, order_id: str, number: str, date: str = "2021-03-01", signatory: str | None = None
) -> Path:
    """An order file for `prikaz amend --order`, kept outside the organization folder."""
    lines = [
        "format: 1",
        "kind: order",
        f"id: {order_id}",
        f"date: {date}",
        f'number: "{number}"',
        "amendment: {old: x, new: y}",
        "preamble: В целях актуализации",
        "points:",
        "  - Контроль за исполнением настоящего приказа оставляю за собой.",
    ]
    if signatory:
        lines.append(f"signatory: {signatory}")
    path = folder / f"{order_id}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
