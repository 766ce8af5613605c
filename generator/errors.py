"""Problems found in content, and the one error family the library raises.

Problems are data: a code, a position and arguments. The Russian wording of every code
lives in MESSAGES, the single place a user-facing sentence about content is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MESSAGES: dict[str, str] = {
    # reading files
    "file-unreadable": "не удалось прочитать файл: {reason}",
    "file-not-regular": "это не обычный файл (канал, устройство или сокет): содержимое читается только "
    "из обычных файлов",
    "path-missing": "нет такого файла или папки",
    "edition-cycle": "редакции ссылаются друг на друга по кругу (edition.follows)",
    "file-too-large": "файл слишком большой ({size} МБ); предел — {limit} МБ",
    "not-utf8": "файл не в кодировке UTF-8 (байт {byte} в позиции {offset})",
    "yaml-syntax": "ошибка синтаксиса YAML: {problem}",
    "yaml-empty": "файл пуст: ожидается документ prikaz (format: 1, kind: …)",
    "yaml-multiple-documents": "в файле несколько YAML-документов; ожидается один",
    "yaml-alias": "якоря и ссылки YAML (&, *) не поддерживаются: повторите текст явно",
    "yaml-tag": "теги YAML ({tag}) не поддерживаются",
    "yaml-duplicate-key": "ключ «{key}» повторяется (первый раз — в строке {first_line})",
    "yaml-too-deep": "слишком глубокая вложенность (больше {limit} уровней)",
    "yaml-too-many-values": "слишком много значений в одном файле (больше {limit}); разделите документ",
    "yaml-complex-key": "ключ должен быть простой строкой",
    # templates (a folder given with --templates)
    "template-unsafe": "шаблон пытается выйти за пределы своих значений ({detail}); шаблоны выполняются в "
    "песочнице: им доступны только значения документа",
    "template-error": "ошибка в шаблоне: {detail}",
    # structure
    "format-missing": "нет строки «format: 1» — версии формата содержимого",
    "format-unknown": "неизвестная версия формата «{value}»; эта версия prikaz читает format: 1",
    "kind-unknown": "неизвестный вид документа «{value}»; допустимо: {allowed}",
    "key-unknown": "неизвестный ключ «{key}»{suggestion}",
    "key-missing": "не указано обязательное поле «{key}»",
    "type-mapping": "«{key}»: ожидается набор полей (ключ: значение), а не {got}",
    "type-list": "«{key}»: ожидается список, а не {got}",
    "type-string": "«{key}»: ожидается строка, а не {got}",
    "value-empty": "«{key}»: значение не может быть пустым",
    "value-choice": "«{key}»: недопустимое значение «{value}»; допустимо: {allowed}",
    "value-bool": "«{key}»: ожидается true или false, а не «{value}»",
    "value-date": "«{key}»: «{value}» — не дата; пишите ГГГГ-ММ-ДД, например 2020-09-09",
    "value-year": "«{key}»: «{value}» — не год",
    "value-id": "«{key}»: «{value}» — недопустимый идентификатор; используйте буквы, цифры, «-», «_»",
    "value-too-long": "«{key}»: значение длиннее {limit} символов",
    "char-invalid": "недопустимый символ {char} в тексте (позиция {offset} в значении)",
    "text-block-unknown": "блок текста: ожидается строка, bullets, heading или lead",
    "column-role-twice": "«columns»: столбец с ролью «{role}» указан дважды",
    "column-key-taken": "«columns»: ключ «{key}» уже занят (полем мероприятия или другим столбцом)",
    "column-measure-missing": "«columns»: нет столбца с ролью measure (наименование мероприятия)",
    "column-key-missing": "«columns»: для столбца с ролью «{role}» нужен ключ key "
    "(под ним мероприятия хранят значение)",
    "column-title-missing": "«columns»: для столбца с ролью custom нужен заголовок title",
    "value-amount": "«{key}»: «{value}» — не число; пишите сумму цифрами, например 120,0",
    "value-date-phrase": "«{key}»: «{value}» — не дата и не период; пишите, например, 01.02.2024, февраль 2024 "
    "или I квартал 2024",
    "value-mark": "«{key}»: «{value}» — не отметка квартала; допустимо: {marks}, дата (01.02.2024) или месяцы",
    "value-width": "«{key}»: «{value}» — не ширина столбца в сантиметрах (число от 0,5 до 20)",
    "nesting-too-deep": "вложенность глубже трёх уровней (мероприятия, пункты — не более трёх)",
    # cross references
    "organization-missing": "не найден файл organization.yaml в папке документа или выше",
    "organization-not-here": "файл организации должен называться organization.yaml",
    "organization-kind": "в organization.yaml ожидается kind: organization, а не «{kind}»",
    "output-collision": "документы этой организации записывались бы в папку «{folder}», как и документы из "
    "{other}: одни файлы заменили бы другие; переименуйте одну из папок",
    "output-collision-case": "идентификатор «{id}» отличается от «{other}» только регистром букв: на сервере "
    "с Windows или macOS их файлы заменили бы друг друга; выберите другой идентификатор",
    "id-reserved": "«{key}»: «{value}» — зарезервированное имя устройства Windows (CON, PRN, AUX, NUL, "
    "COM1–COM9, LPT1–LPT9); такой файл нельзя открыть в Windows, выберите другой идентификатор",
    "id-duplicate": "идентификатор «{id}» уже использован ({other})",
    "unit-unknown": "ответственный «{name}» не найден в реестре organization.units{suggestion}",
    "unit-duplicate": "исполнитель «{name}» уже есть в реестре",
    "signatory-unknown": "подписант «{key}» не найден в organization.signatories{suggestion}",
    "annex-unknown": "приложение «{id}» не найдено среди документов организации{suggestion}",
    "annex-not-annexable": "«{id}» — это {kind}; приложением может быть план или положение",
    "annex-twice": "документ «{id}» уже утверждён приказом «{other}»",
    "edition-unknown": "редакция «{id}» не найдена среди документов организации{suggestion}",
    "edition-kind": "«{id}» — документ другого вида; редакции одного документа должны быть одного вида",
    "edition-not-next": "редакция «{new}» должна следовать за «{old}» (edition.follows: {old})",
    "order-new-edition": "пункты приказа «{id}» изменяются перечнем изменений (form: changes); "
    "новая редакция приказа — это новый приказ",
    # sealed (approved) content
    "seal-value": "«sealed»: «{value}» — не контрольная сумма; ожидается «v2:sha256:…» (или прежнее «sha256:…»), "
    "как её записывает prikaz seal",
    "seal-foreign": "«sealed»: «{id}» не утверждается этим приказом; печать ставится командой prikaz seal",
    "sealed-changed": "редакция «{id}» утверждена {order} и запечатана ({seal}), но её содержимое изменено. "
    "Утверждённую редакцию менять нельзя: верните прежний текст или создайте новую редакцию "
    "(edition: follows: {id}) и приказ о внесении изменений",
    "sealed-order-changed": "приказ «{id}» подписан и запечатан ({seal}), но его содержимое изменено. "
    "Подписанный приказ менять нельзя: верните прежний текст или издайте новый приказ",
    "sealed-organization-changed": "изменились значения из organization.yaml, которые печатает «{id}» (наименование, "
    "бланк, стиль даты, подписант, исполнители), а он утверждён или подписан {order} "
    "и запечатан ({seal}): подписанный документ изменился бы при сборке. Верните "
    "прежние значения или издайте новый приказ",
    "sealed-missing": "документ «{id}», утверждённый {order} и запечатанный, не найден: "
    "утверждённые редакции не удаляют",
}

# Control characters (an escape sequence in a file name could rewrite the terminal) and
# bidirectional overrides (they reorder what is shown): printed as \x1b, \u202e.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """A name as it can be shown on a terminal: control characters escaped, not obeyed."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


SEVERITY_WORD = {"error": "ошибка", "warning": "предупреждение", "info": "к сведению"}


@dataclass(frozen=True)
class Pos:
    """A place in a source file; line and column count from 1."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return printable(self.file)
        return f"{printable(self.file)}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    code: str
    pos: Pos
    args: dict = field(default_factory=dict)
    severity: str = "error"

    @property
    def message(self) -> str:
        return MESSAGES[self.code].format(**self.args)

    def __str__(self) -> str:
        return f"{self.pos}: {SEVERITY_WORD[self.severity]}: {self.message} [{self.code}]"


class PrikazError(Exception):
    """The base of every error the library raises on purpose."""


class ContentError(PrikazError):
    """Content could not be loaded; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=_problem_order)
        super().__init__("\n".join(str(p) for p in self.problems))


class InputError(PrikazError):
    """The user asked for something that cannot be done as asked: a wrong pair of files, an
    option's bad value, files that would be overwritten. The message is Russian and says
    what to do instead; nothing was written."""


class CheckFailed(PrikazError):
    """The checker found errors before anything was written, and the command was not forced."""

    def __init__(self, errors: list[Problem]):
        self.errors = errors
        super().__init__("\n".join(str(p) for p in errors))


class ToolError(PrikazError):
    """An outside tool (LibreOffice, the file system) failed; the message is Russian."""


def _problem_order(p: Problem) -> tuple:
    return (p.pos.file, p.pos.line, p.pos.column, p.code)


def suggestion(word: str, choices) -> str:
    """«, возможно, имелось в виду …» for the nearest known word, or nothing."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; возможно, имелось в виду «{close[0]}»" if close else ""
