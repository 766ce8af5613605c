"""`prikaz check`: findings about content that loaded cleanly.

Loading already refuses what cannot be read (exit 2). The rules here look for what
hand-made orders and plans get wrong — deadlines, responsible units, duplicates,
consistency between an order and its annexes, hand-typed numbers, text hygiene — and
return findings as `Problem`s: a stable code, a severity, the position of the node and the
arguments of a Russian message. Each family of rules is a module in `generator/rules/`.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import signal
import sys
from collections import Counter

from . import model as m
from .errors import MESSAGES, Problem

RULE_MESSAGES: dict[str, str] = {
    # deadlines
    "deadline-unclear": (
        "срок «{deadline}» не распознан (непонятно: {words}); пишите, например, «март 2021 г.», "
        "«I квартал 2021 г.», «ежегодно, сентябрь», «постоянно», «по мере необходимости»"
    ),
    "deadline-year-typo": ("срок «{deadline}»: «{year}» — не год (пропущена, лишняя или неверная цифра){suggestion}"),
    "deadline-range-reversed": "срок «{deadline}»: конец периода раньше начала",
    "deadline-outside-period": "срок «{deadline}» выходит за период плана ({period})",
    "deadline-before-order": ("срок «{deadline}» истёк до даты утверждающего приказа (от {date} № {number})"),
    "order-after-deadlines": (
        "дата приказа позже {count} сроков плана (приказ от {date} № {number}, самый ранний "
        "срок — «{earliest}») — проверьте дату приказа"
    ),
    # responsible units and abbreviations
    "unit-near-duplicate": (
        "исполнитель «{name}» (в мероприятиях: {count}) почти совпадает с «{other}» (в "
        "мероприятиях: {other_count}): {difference}; возможно, имелось в виду «{other}»"
    ),
    "abbreviation-undefined": (
        "сокращение «{abbreviation}» (раз: {count}, впервые — {where}) нигде не расшифровано; "
        "добавьте «(далее – {abbreviation})» при первом упоминании или расшифровку в реестр "
        "исполнителей (full)"
    ),
    "abbreviation-case": (
        "сокращение «{abbreviation}» (раз: {count}, впервые — {where}) набрано с искажением "
        "регистра; правильно «{correct}»"
    ),
    "abbreviation-defined-late": (
        "{where}: сокращение «{abbreviation}» расшифровано позже первого употребления "
        "({first}); перенесите «(далее – {abbreviation})» к первому упоминанию"
    ),
    "abbreviation-defined-by-itself": (
        "{where}: сокращение «{abbreviation}» расшифровано само собой («{abbreviation} (далее "
        "{abbreviation})»); перед скобкой должно стоять полное наименование"
    ),
    "abbreviation-synonym": (
        "«{abbreviation}» (раз: {count}, впервые — {where}) и «{other}» (раз: {other_count}) "
        "обозначают одно и то же; возможно, везде «{other}»"
    ),
    # duplicates
    "measure-duplicate": (
        "{where} повторяет мероприятие {other_number} ({other_pos}) дословно, со сроком и исполнителями"
    ),
    "measure-near-duplicate": ("{where} почти совпадает с мероприятием {other_number} ({other_pos}): {difference}"),
    # consistency between documents
    "annex-header-mismatch": (
        "шапка приложения «{document}» набрана вручную с {what} «{printed}», а у приказа — "
        "«{actual}»; шапка строится из даты и номера приказа"
    ),
    "annex-not-approved": ("приложение «{document}» ({kind}) не утверждается ни одним пунктом приказа"),
    "annex-missing": "{where} утверждает {kind}, но такого приложения у приказа нет (annexes)",
    "municipality-foreign": (
        "{where}: «{name}» — другой муниципалитет (организация: {municipality}); возможно, осталось от чужого документа"
    ),
    "organization-name-variant": ("{where}: «{written}» — наименование организации с искажением; правильно: «{name}»"),
    "annex-reference-missing": ("{where}: ссылка на приложение № {number}, а приложений у приказа {count}"),
    "annex-title-years": (
        "{where} называет утверждаемый документ с годами {cited}, а его заголовок — {own} («{title}»)"
    ),
    "deadline-in-signing-month": (
        "сроки {count} мероприятий (впервые — {first}) приходятся на месяц подписания приказа "
        "({month}): успеют ли исполнители?"
    ),
    # hand-typed numbers
    "number-gap": "после номера {previous} идёт {number}: пропущен {missing}",
    "number-repeat": "номер {number} повторяется ({other_pos})",
    "number-style": "номера набраны в разном стиле: {numbers} — {style}, а остальные — нет",
    "number-parent": "номер {number} не соответствует {parent}{suggestion}",
    # text hygiene
    "words-doubled": "{where}: повтор «{words} {words}»",
    "quotes-unbalanced": "{where}: кавычки не парные ({detail})",
    "brackets-unbalanced": "{where}: скобки не парные ({detail})",
    "cell-empty": "{where}: пустая графа «{column}»",
    "space-trailing": "{where}: лишний пробел в начале или в конце: «{text}»",
    "space-double": "двойные пробелы в тексте (мест: {count}; впервые — {where}: «{text}»)",
    "latin-in-cyrillic": "{where}: в слове «{word}» латинские буквы ({letters}){suggestion}",
    "phrase-typo": "{where}: «{typed}» — правильно «{correct}»",
    "abbreviation-glued": ("{where}: «{word}» — сокращение внутри слова (след автозамены?){suggestion}"),
    "word-typo": "{where}: «{word}» — опечатка? В документах везде «{suggestion}»",
    "word-misspelt": "{where}: «{word}» — нет в словаре; возможно, «{suggestion}»",
    "case-disagreement": (
        "{where}: «{noun}, {participle}» — причастие не согласовано с существительным в падеже или числе"
    ),
    "title-period": "{where}: точка в конце заголовка не ставится: «{text}»",
    "point-unfinished": "{where}: пункт приказа не заканчивается точкой: «…{end}»",
    # columns a plan declares
    "column-dates-reversed": "{where}: «{start_title}» ({start}) позже, чем «{end_title}» ({end})",
    "column-date-outside-period": "{where}: «{column}» — «{value}» выходит за период плана ({period})",
    "amount-total-mismatch": (
        "раздел «{section}»: в строке «Итого» графы «{column}» — {total}, а сумма мероприятий — {sum}"
    ),
    "amount-children-mismatch": ("{where}: в графе «{column}» — {value}, а сумма подпунктов — {sum}"),
    "bidi-control": (
        "{where}: невидимый символ управления направлением текста {char} — он меняет порядок, в котором "
        "читатель видит слова в DOCX, PDF и на сайте; удалите его: «{text}»"
    ),
}

MESSAGES.update(RULE_MESSAGES)


def check(departments: list[m.Department], today: dt.date | None = None) -> list[Problem]:
    """Every finding about the content, ordered by file, line and column."""
    from .rules import Context
    from .rules.columns import column_rules
    from .rules.consistency import consistency_rules
    from .rules.deadlines import deadline_rules
    from .rules.duplicates import duplicate_rules
    from .rules.grammar import agreement_rules
    from .rules.hygiene import hygiene_rules
    from .rules.numbers import number_rules
    from .rules.references import reference_rules
    from .rules.signature import signature_rules
    from .rules.units import unit_rules

    families = (
        deadline_rules,
        unit_rules,
        duplicate_rules,
        consistency_rules,
        reference_rules,
        number_rules,
        hygiene_rules,
        column_rules,
        signature_rules,
        agreement_rules,
    )
    today = today or dt.date.today()
    found: list[Problem] = []
    for department in departments:
        ctx = Context(department, today)
        found.extend(one_per_cause(p for family in families for p in family(ctx)))
    unique = {(p.code, p.pos, repr(sorted(p.args.items()))): p for p in found}
    return sorted(unique.values(), key=_order)


def check_alongside(departments: list[m.Department], today: dt.date | None = None) -> Alongside:
    """Start `check` in a forked process; the result gives its findings when called.

    `build` renders its documents meanwhile and asks for the findings before writing
    anything: on two cores the check costs the wall time of the longer of the two, not
    their sum. Where the system cannot fork (Windows; macOS, where a forked process may
    crash in system libraries), or the child fails, the check runs here when its findings
    are asked for (so an error in a rule surfaces as it would without this).
    """
    return Alongside(departments, today or dt.date.today())


class Alongside:
    """A check running in a child process: call it for the findings, or `cancel` it."""

    def __init__(self, departments: list[m.Department], today: dt.date):
        self._args = (departments, today)
        self._findings: list[Problem] | None = None
        self._pid = 0
        if not hasattr(os, "fork") or sys.platform == "darwin":
            return
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: compute, send, and leave without the parent's exit handlers
            os.close(read_end)
            status = 1
            try:
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(pickle.dumps(check(departments, today)))
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        self._pid, self._read_end = pid, read_end

    def __call__(self) -> list[Problem]:
        if self._findings is not None:
            return self._findings
        data = b""
        if self._pid:
            with os.fdopen(self._read_end, "rb") as pipe:
                data = pipe.read()
            _, status = os.waitpid(self._pid, 0)
            self._pid = 0
            if status != 0:
                data = b""
        findings: list[Problem] = pickle.loads(data) if data else check(*self._args)
        self._findings = findings
        return findings

    def cancel(self) -> None:
        """Stop the child if its findings were never asked for (the build failed first)."""
        if self._pid:
            os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
            os.close(self._read_end)
            self._pid = 0


# Findings whose cause is one fact of the department, whatever document shows it: an
# abbreviation never defined is one missing definition, even in two editions of a plan.
_CAUSE = {
    "abbreviation-undefined": ("abbreviation",),
    "abbreviation-case": ("abbreviation",),
    "abbreviation-synonym": ("abbreviation", "other"),
}


def one_per_cause(problems) -> list[Problem]:
    """The first finding of each cause, its count summed and the other places as details."""
    kept: dict[tuple, Problem] = {}
    result: list[Problem] = []
    for problem in problems:
        keys = _CAUSE.get(problem.code)
        if keys is None:
            result.append(problem)
            continue
        cause = (problem.code, *(problem.args[k] for k in keys))
        first = kept.get(cause)
        if first is None:
            kept[cause] = problem
            result.append(problem)
            continue
        first.args["count"] = first.args.get("count", 0) + problem.args.get("count", 0)
        first.args.setdefault("details", []).append(
            {
                "file": problem.pos.file,
                "line": problem.pos.line,
                "column": problem.pos.column,
                "text": problem.args.get("where", ""),
            }
        )
    return result


def _order(problem: Problem) -> tuple:
    return (problem.pos.file, problem.pos.line, problem.pos.column, problem.code, str(problem.args))


def rule_summary(findings: list[Problem]) -> list[str]:
    """One line per rule, commonest first: what a reader scans before the details."""
    if not findings:
        return []
    counts = Counter(f.code for f in findings)
    width = max(len(code) for code in counts)
    return ["По правилам:"] + [
        f"  {code:<{width}}  {count}" for code, count in sorted(counts.items(), key=lambda c: (-c[1], c[0]))
    ]
