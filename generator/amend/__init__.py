"""Changes between two editions → the wording of an amendment order, and back.

Follows shared/drafting-rules.md §2: one point «Внести в … следующие изменения:» with
sub-points in the structural order of the document; whole units «изложить в следующей
редакции», additions «дополнить пунктом … следующего содержания», removals «исключить» or
«признать утратившим силу», fragments «слова «…» заменить словами «…»», a word changed
in many rows «по тексту слова … заменить словами …». Numbers are the frozen numbers of
the old edition; added items get theirs from editions.carry_numbers.

One job a module:
- `words`: the Russian words (unit words in every case, «слова»/«цифры», number lists);
- `names`: how a unit of the old edition is named, and the state of one wording;
- `quote`: units quoted as table rows or paragraphs;
- `fragments`: an edit in one place of a cell, and its formula;
- `grouped`: one replacement made in many units, worded once;
- `formulas`: the formula for one change (removal, addition, restatement …);
- `wording`: all changes → the ordered sub-points;
- `order`: the amending order as a whole (title, lead, form) and its proof;
- `parse`: the wording read back and applied to the old edition (the proof's parser).
"""

from .names import Item, Settings
from .order import Composition, changes_of, compose, compose_for, proof
from .wording import changed_share, mentioned, wording
from .words import accusative

__all__ = [
    "Composition",
    "Item",
    "Settings",
    "accusative",
    "changed_share",
    "changes_of",
    "compose",
    "compose_for",
    "mentioned",
    "proof",
    "wording",
]
