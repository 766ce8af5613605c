"""Paragraphs → a text of the content format: strings, bullets, headings, leads."""

from __future__ import annotations

import re

from .read import Para

MARKER = re.compile(r"^([–\-•—·*])\s+(?=\S)")
OUR_BULLET_STYLES = ("bullet",)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")


def clean(text: str) -> str:
    """Text as the clerk would type it: ordinary spaces, no stray spaces at the ends."""
    text = _CONTROL.sub(" ", text.replace("\u00a0", " ").replace("\t", " "))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(lines).strip()


def bullet_item(para: Para, text: str | None = None) -> tuple[str, str] | None:
    """(marker, item) if the paragraph is a list item, else None."""
    text = clean(para.text if text is None else text)
    match = MARKER.match(text)
    if match:
        return match.group(1), text[match.end() :]
    if para.bullet:
        return "–", text
    if para.style.lower() in OUR_BULLET_STYLES:
        return "", text
    return None


def block_of(para: Para, text: str | None = None, plain: bool = False):
    """One paragraph as a text block; `text` replaces the paragraph's own (number cut off)."""
    para.used = True
    text = clean(para.text if text is None else text)
    if plain:
        return text
    if para.bold and not _numbered(text):
        return {"heading": text}
    prefix = clean(para.bold_prefix)
    if prefix and text.startswith(prefix) and len(prefix) < len(text):
        rest = text[len(prefix) :].strip()
        if rest:
            return {"lead": prefix, "text": rest}
    return text


def text_of(paras: list[Para], first_text: str | None = None, plain_first: bool = False) -> list:
    """Paragraphs → blocks; consecutive list items with one marker make one bullets block."""
    blocks: list = []
    for i, para in enumerate(paras):
        own = first_text if i == 0 and first_text is not None else None
        para.used = True
        if not clean(para.text if own is None else own):
            continue
        item = None if (i == 0 and plain_first) else bullet_item(para, own)
        if item is not None:
            marker, value = item
            last = blocks[-1] if blocks else None
            if isinstance(last, dict) and "bullets" in last and last["marker"] == marker:
                last["bullets"].append(value)
            else:
                blocks.append({"bullets": [value], "marker": marker})
            continue
        blocks.append(block_of(para, own, plain=(i == 0 and plain_first)))
    return blocks


def _numbered(text: str) -> bool:
    return bool(re.match(r"^\d+(\.\d+)*\.?\s", text))
