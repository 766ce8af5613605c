"""The Russian words an amending order is built of: unit words in every case, «слова» /
«цифры», lists of numbers. No knowledge of documents beyond which word names a node."""

from __future__ import annotations

import re

from .. import model as m
from ..grammar import name_in_accusative
from ..typography import typeset

CASES = ("nom", "acc", "gen", "ins", "prep", "pl_nom", "pl_acc", "pl_gen", "pl_ins", "pl_prep")
UNIT_FORMS: dict[str, dict[str, str]] = {
    base: dict(zip(CASES, forms.split(), strict=True))
    for base, forms in {
        "пункт": "пункт пункт пункта пунктом пункте пункты пункты пунктов пунктами пунктах",
        "строка": "строка строку строки строкой строке строки строки строк строками строках",
        "позиция": "позиция позицию позиции позицией позиции позиции позиции позиций позициями позициях",
        "раздел": "раздел раздел раздела разделом разделе разделы разделы разделов разделами разделах",
        "глава": "глава главу главы главой главе главы главы глав главами главах",
        "блок": "блок блок блока блоком блоке блоки блоки блоков блоками блоках",
    }.items()
}
ROW_WORDS = ("пункт", "строка", "позиция")  # what a plan's row may be called (Settings.row_word)


def unit_word(node, row_word: str, case: str = "acc", plural: bool = False) -> str:
    """«пункт», «пункта», «пунктом», «пункты», «раздел», «главу» … for a node."""
    if isinstance(node, m.Section):
        base = "раздел"
    elif isinstance(node, m.Chapter):
        base = "глава"
    elif isinstance(node, m.PassportBlock):
        base = "блок"
    elif isinstance(node, m.Measure):
        base = row_word
    else:
        base = "пункт"
    return UNIT_FORMS[base][("pl_" if plural else "") + case]


def bare(number: str) -> str:
    return number.strip().rstrip(".")


def join_numbers(numbers: list[str]) -> str:
    """«2.3», «2.3 и 2.5», «2.3, 2.5 и 2.6»."""
    numbers = [bare(n) for n in numbers]
    return numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " и " + numbers[-1]


def _kind(fragment: str) -> str:
    """цифры (numbers and dates), слово (one word) or слова."""
    if re.fullmatch(r"[\d\s.,/–-]+", fragment.strip()):
        return "figures"
    return "word" if len(fragment.split()) == 1 and re.search(r"\w", fragment) else "words"


def words_acc(fragment: str) -> str:
    return {"figures": "цифры", "word": "слово", "words": "слова"}[_kind(fragment)]


def words_ins(fragment: str) -> str:
    return {"figures": "цифрами", "word": "словом", "words": "словами"}[_kind(fragment)]


def words_gen(fragment: str) -> str:
    return {"figures": "цифр", "word": "слова", "words": "слов"}[_kind(fragment)]


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def accusative(title: str) -> str:
    """«План мероприятий («дорожная карта») …» → «план мероприятий («дорожную карту») …»."""
    return name_in_accusative(typeset(title)).accusative
