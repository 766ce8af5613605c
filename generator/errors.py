"""Problems found in content, and the one error family the library raises.

Problems are data: a code, a position and arguments. The Russian wording of every code
lives in MESSAGES, the single place a user-facing sentence about content is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MESSAGES: dict[str, str] = {
    # reading files
    "file-unreadable": "не удалось прочитать файл: {reason}",
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
    "yaml-complex-key": "ключ должен быть простой строкой",
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
    "nesting-too-deep": "вложенность глубже трёх уровней (мероприятия, пункты — не более трёх)",
    # cross references
    "organization-missing": "не найден файл organization.yaml в папке документа или выше",
    "organization-not-here": "файл организации должен называться organization.yaml",
    "organization-kind": "в organization.yaml ожидается kind: organization, а не «{kind}»",
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
    # sealed (approved) content
    "seal-value": "«sealed»: «{value}» — не контрольная сумма; ожидается «sha256:» и 64 шестнадцатеричные цифры",
    "seal-foreign": "«sealed»: «{id}» не утверждается этим приказом; печать ставится командой prikaz seal",
    "sealed-changed": "редакция «{id}» утверждена {order} и запечатана ({seal}), но её содержимое изменено. "
                      "Утверждённую редакцию менять нельзя: верните прежний текст или создайте новую редакцию "
                      "(edition: follows: {id}) и приказ о внесении изменений",
    "sealed-order-changed": "приказ «{id}» подписан и запечатан ({seal}), но его содержимое изменено. "
                            "Подписанный приказ менять нельзя: верните прежний текст или издайте новый приказ",
    "sealed-missing": "документ «{id}», утверждённый {order} и запечатанный, не найден: "
                      "утверждённые редакции не удаляют",
}

SEVERITY_WORD = {"error": "ошибка", "warning": "предупреждение", "info": "к сведению"}


@dataclass(frozen=True)
class Pos:
    """A place in a source file; line and column count from 1."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


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


class ToolError(PrikazError):
    """An outside tool (LibreOffice, the file system) failed; the message is Russian."""


def _problem_order(p: Problem) -> tuple:
    return (p.pos.file, p.pos.line, p.pos.column, p.code)


def suggestion(word: str, choices) -> str:
    """«, возможно, имелось в виду …» for the nearest known word, or nothing."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; возможно, имелось в виду «{close[0]}»" if close else ""
