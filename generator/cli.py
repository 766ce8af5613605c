"""The `prikaz` command: parse arguments, call a use case of the library, print in Russian.

What a command does lives in `generator/usecases/` (one module per job, a typed result);
this module parses, calls, prints, and turns errors into exit codes in one table (`_exits`):
0 success, 1 findings at error level, 2 content that cannot be read or a user's mistake (a
wrong pair of files, a bad option value, files that would be overwritten), 3 an outside tool
(LibreOffice, the disk) failed, 70 an internal error, 128 + N interrupted by signal N (130
Ctrl-C, 143 SIGTERM). The library below never prints and never exits; no traceback reaches
the user.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import os
import signal
import sys
import time
from collections.abc import Callable

import click

from . import click_ru

click_ru.install()

DEFAULT_CONTENT = "content"
EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_TOOL, EXIT_INTERNAL = 0, 1, 2, 3, 70


ExitRow = tuple[type[BaseException], int | Callable[..., int], Callable[..., None]]  # (raised, code, printer)


def _exits() -> tuple[ExitRow, ...]:
    """Exception type → (exit code, how the message is printed); the first matching row wins.

    The one place an error becomes an exit code: the library raises, commands return
    EXIT_FINDINGS or nothing, and `_edge` exits once with what this table says.
    """
    from .errors import CheckFailed, ContentError, InputError, ToolError

    return (
        (ContentError, EXIT_INPUT, _show_problems),
        (CheckFailed, EXIT_FINDINGS, _show_check_errors),
        (InputError, EXIT_INPUT, _show_message),
        (ToolError, EXIT_TOOL, _show_message),
        (BrokenPipeError, EXIT_OK, _silence_stdout),  # output piped into «head»: not an error
        (OSError, EXIT_TOOL, _show_file_system_error),  # the disk outside output.py: templates, folders read
        (KeyboardInterrupt, _signal_exit, _show_interrupted),
        (Exception, EXIT_INTERNAL, _show_internal_error),  # the promise: never a traceback
    )


def _edge(command):
    """Run a command: its returned status, or the exit code and message of what it raised."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        for number in (signal.SIGTERM, signal.SIGHUP):  # like Ctrl-C: clean up, then exit
            signal.signal(number, _interrupted)
        try:
            _require_existing(kwargs)
            code = command(*args, **kwargs) or EXIT_OK
        except click.exceptions.Exit:
            raise
        except (Exception, KeyboardInterrupt) as e:
            _, exit_code, show = next(row for row in _exits() if isinstance(e, row[0]))
            show(e)
            code = exit_code(e) if callable(exit_code) else exit_code
        if code != EXIT_OK:
            sys.exit(code)

    return wrapper


def _show_problems(e) -> None:
    for problem in e.problems:
        click.echo(str(problem), err=True)
    click.echo(f"Найдено ошибок: {len(e.problems)}. Ничего не записано.", err=True)


def _show_check_errors(e) -> None:
    for finding in e.errors:
        click.echo(str(finding), err=True)
    click.echo(f"Ошибок: {len(e.errors)}. Ничего не записано; исправьте их или соберите с --force.", err=True)


def _show_message(e) -> None:
    from .errors import printable

    click.echo(f"prikaz: {printable(str(e))}", err=True)


def _silence_stdout(e) -> None:
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _show_file_system_error(e: OSError) -> None:
    from .errors import printable
    from .output import reason

    where = f" {printable(str(e.filename))}:" if e.filename else ""
    click.echo(f"prikaz: ошибка файловой системы:{where} {reason(e)}", err=True)


def _signal_exit(e: BaseException) -> int:
    return 128 + getattr(e, "signal", signal.SIGINT)


def _show_interrupted(e) -> None:
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):  # a second Ctrl-C changes nothing
        signal.signal(number, signal.SIG_IGN)
    click.echo("prikaz: прервано; недописанных файлов нет — каждый файл остался прежним или записан целиком", err=True)


def _show_internal_error(e) -> None:
    click.echo(
        f"prikaz: внутренняя ошибка ({type(e).__name__}: {e}). Сообщите разработчикам, приложив входные файлы.",
        err=True,
    )


def _tolerant_streams() -> None:
    """A terminal in KOI8-R or latin-1 cannot show «», «—» or Cyrillic: print «?» instead
    of failing on the first message."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):  # not when replaced by something else (None without a console)
            with contextlib.suppress(ValueError):
                stream.reconfigure(errors="replace")


class _Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP, handled as Ctrl-C; the exit code is 128 + the signal's number."""

    def __init__(self, number: int):
        super().__init__(signal.Signals(number).name)
        self.signal = number


def _interrupted(number, frame) -> None:
    raise _Interrupted(number)


def _require_existing(arguments: dict) -> None:
    """Paths given on the command line exist: a Russian message, not click's English one."""
    from .errors import ContentError, Pos, Problem

    names = ("paths", "path", "old", "new", "order_file", "edition_of")
    given = [p for name in names for p in _as_list(arguments.get(name))]
    missing = [p for p in given if not os.path.exists(p)]
    if missing:
        raise ContentError([Problem("path-missing", Pos(p)) for p in missing])


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return list(value) if isinstance(value, tuple | list) else [value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="prikaz", message="prikaz %(version)s")
def main() -> None:
    """prikaz — приказы, планы мероприятий и положения из YAML.

    Содержимое хранится в папке content/: папка на организацию, в ней
    organization.yaml и документы. Формат описан в docs/content-format.md.

    \b
    Пример:
      prikaz check content/
      prikaz build content/ -o output/ --pdf
    """


def _paths(paths: tuple[str, ...]) -> list[str]:
    from .load import organization_folders

    return organization_folders(list(paths) or [DEFAULT_CONTENT])


# --- options several commands share ---------------------------------------------------------


def _output_folder(help_text: str | None = None, default: str | None = "output"):
    return click.option(
        "-o",
        "--output",
        "out_dir",
        default=default,
        show_default=default is not None,
        type=click.Path(file_okay=False),
        help=help_text,
    )


def _templates(help_text: str = "Папка с шаблонами DOCX вместо templates/ проекта."):
    return click.option("--templates", type=click.Path(exists=True, file_okay=False), help=help_text)


def _force(help_text: str):
    return click.option("--force", is_flag=True, help=help_text)


_pdf_timeout = click.option(
    "--pdf-timeout",
    metavar="СЕКУНДЫ",
    help="Предел времени LibreOffice на пакет файлов (по умолчанию 600 или PRIKAZ_PDF_TIMEOUT).",
)


def _seconds(option: str | None) -> float:
    """LibreOffice's time limit from --pdf-timeout or PRIKAZ_PDF_TIMEOUT; a bad value is the user's mistake."""
    from .errors import InputError
    from .render.pdf import timeout_setting

    try:
        return timeout_setting(option)
    except ValueError as e:
        raise InputError(str(e)) from None


def _templates_folder(templates: str | None):
    from pathlib import Path

    from .render.docx import DEFAULT_TEMPLATES

    return Path(templates) if templates else DEFAULT_TEMPLATES


# --- commands --------------------------------------------------------------------------------


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text — строки «файл:строка:столбец: …»; json — список для программ.",
)
@_edge
def check(paths: tuple[str, ...], output_format: str) -> int:
    """Проверить содержимое: ошибки чтения и замечания по сути документов.

    Сроки, исполнители и сокращения, повторы мероприятий, согласованность приказа и
    приложений, набранные вручную номера, опечатки и оформление текста. Каждое замечание —
    с файлом, строкой и столбцом, уровнем (ошибка или предупреждение) и кодом правила.

    Код выхода: 0 — ошибок нет (предупреждения возможны), 1 — есть ошибки,
    2 — содержимое не читается.

    \b
    Пример:
      prikaz check content/noglik
      prikaz check content/ --format json
    """
    import json

    from .check import rule_summary
    from .usecases.checking import check_paths

    checked = check_paths(_paths(paths))
    findings = checked.findings
    if output_format == "json":
        click.echo(
            json.dumps(
                [
                    {
                        "code": f.code,
                        "severity": f.severity,
                        "file": f.pos.file,
                        "line": f.pos.line,
                        "column": f.pos.column,
                        "message": f.message,
                        **({"details": f.args["details"]} if "details" in f.args else {}),
                    }
                    for f in findings
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for finding in findings:
            click.echo(str(finding))
        for line in rule_summary(list(findings)):
            click.echo(line)
        summary = f"организаций {len(checked.departments)}, документов {checked.documents}"
        if findings:
            extra = f", к сведению: {checked.infos}" if checked.infos else ""
            warnings = len(findings) - checked.errors - checked.infos
            click.echo(f"Ошибок: {checked.errors}, предупреждений: {warnings}{extra} ({summary}).")
        else:
            click.echo(f"Замечаний нет: {summary}.")
    return EXIT_FINDINGS if checked.errors else EXIT_OK


def _checked(paths: tuple[str, ...], force: bool):
    """The departments, checked before anything is written (errors stop unless forced)."""
    from .load import load
    from .usecases.checking import check_before

    departments = load(_paths(paths))
    _count_findings(check_before(departments, force))
    return departments


def _count_findings(checked, progress=None) -> None:
    """One line with the number of findings that did not stop the command: a session of
    check, build and publish prints each finding once (in `prikaz check`)."""
    if not checked.findings:
        return
    if progress is not None:
        click.echo("\r\033[K", err=True, nl=False)  # the progress line gives way to the count
    click.echo(
        f"Замечаний проверки: {len(checked.findings)} (ошибок {checked.errors}); список — prikaz check.", err=True
    )


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@_output_folder("Папка для готовых документов.")
@click.option("--pdf", is_flag=True, help="Сделать также PDF (нужен LibreOffice).")
@_templates()
@_force("Собрать, даже если проверка нашла ошибки (например, в перенесённых документах).")
@_pdf_timeout
@_edge
def build(
    paths: tuple[str, ...], out_dir: str, pdf: bool, templates: str | None, force: bool, pdf_timeout: str | None
) -> None:
    """Собрать DOCX (и PDF) приказов, планов и положений.

    Приказ собирается вместе с приложениями, каждое приложение — ещё и отдельным
    файлом. Если указан файл, собирается только документ из него. Перед сборкой
    выполняется проверка (как prikaz check): предупреждения печатаются, ошибки
    останавливают сборку (код 1), если не указан --force.

    \b
    Пример:
      prikaz build content/ -o output/ --pdf
      prikaz build content/noglik/plan-msoko.yaml
    """
    from .build import build as build_documents
    from .build import write_pdfs
    from .check import check_alongside
    from .load import load
    from .usecases.checking import stop_on_errors

    timeout = _seconds(pdf_timeout) if pdf else 0.0
    started = time.perf_counter()
    departments = load(_paths(paths))
    findings = check_alongside(departments)  # the check runs while the documents render
    loaded = time.perf_counter()
    files = {os.path.abspath(p) for p in paths if os.path.isfile(p)}
    selected = (lambda doc: os.path.abspath(doc.pos.file) in files) if files else (lambda doc: True)
    try:
        with _progress("DOCX") as progress:
            built = build_documents(
                departments,
                out_dir,
                selected,
                _templates_folder(templates),
                progress,
                before_writing=lambda: _count_findings(stop_on_errors(departments, findings(), force), progress),
            )
    finally:
        findings.cancel()  # nothing to stop once the findings are in
    rendered = time.perf_counter()
    for item in built:
        click.echo(f"  {_relative(item.path)} — {item.description}")
    unchanged = sum(not item.changed for item in built)
    same = f", без изменений {unchanged}" if unchanged else ""
    click.echo(
        f"DOCX: {len(built)}{same} за {rendered - loaded:.2f} с (чтение {loaded - started:.2f} с; "
        "проверка шла одновременно со сборкой)."
    )
    if pdf:
        _warn_about_fonts()
        try:
            pdfs = write_pdfs([item.path for item in built], timeout)
        except Exception:
            click.echo("DOCX записаны, но PDF не созданы.", err=True)
            raise
        click.echo(f"PDF: {len(pdfs)} за {time.perf_counter() - rendered:.2f} с.")


def _warn_about_fonts() -> None:
    from .render.pdf import font_warning

    warning = font_warning()
    if warning:
        click.echo(f"prikaz: предупреждение: {warning}", err=True)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--site",
    "site_dir",
    required=True,
    type=click.Path(file_okay=False),
    help="Папка сайта: туда пишутся PDF, DOCX и страницы (создаётся при необходимости).",
)
@_templates("Папка с шаблонами (DOCX и templates/site) вместо templates/ проекта.")
@_force("Опубликовать, даже если проверка нашла ошибки.")
@_pdf_timeout
@_edge
def publish(paths: tuple[str, ...], site_dir: str, templates: str | None, force: bool, pdf_timeout: str | None) -> None:
    """Опубликовать документы: PDF и DOCX и статический сайт со списком.

    На сайте — страница index.html со всеми приказами, планами и положениями (вид,
    дата, номер, наименование, отметка «в ред. …»), страница каждого плана и
    положения с его редакциями и приказами, ссылки на PDF и DOCX с размером и
    контрольной суммой SHA-256. Сайт — обычные файлы HTML и CSS, сервер не нужен.
    Повторная публикация без изменений содержимого не меняет ни одного файла.

    \b
    Пример:
      prikaz publish content/ --site site/
    """
    from .build import write_pdfs
    from .publish import publish as publish_site

    timeout = _seconds(pdf_timeout)
    started = time.perf_counter()
    departments = _checked(paths, force)
    loaded = time.perf_counter()
    _warn_about_fonts()

    def to_pdf(files: list[str]) -> list[str]:
        click.echo(f"PDF: преобразование файлов: {len(files)}…", err=True)
        try:
            return write_pdfs(files, timeout)
        except Exception:
            click.echo("DOCX записаны, но PDF не созданы; страницы сайта не обновлены.", err=True)
            raise

    with _progress("DOCX") as progress:
        done = publish_site(departments, site_dir, to_pdf, _templates_folder(templates), progress)
    seconds = done.seconds
    click.echo(
        f"Сайт: {_relative(os.path.join(site_dir, 'index.html'))} — документов {len(done.built)}, страниц {done.pages}."
    )
    click.echo(
        f"DOCX: записано {len(done.built) - done.unchanged}, без изменений {done.unchanged} "
        f"({seconds['docx']:.2f} с). PDF: преобразовано {len(done.converted)} ({seconds['pdf']:.2f} с). "
        f"Страницы: обновлено {done.pages_written} ({seconds['pages']:.2f} с)."
    )
    if done.removed:
        click.echo(f"Удалены устаревшие файлы: {', '.join(done.removed)}.")
    click.echo(f"Всего {time.perf_counter() - started:.2f} с (чтение и проверка {loaded - started:.2f} с).")


@main.command()
@click.argument("order_file", type=click.Path(dir_okay=False))
@_edge
def seal(order_file: str) -> None:
    """Запечатать подписанный приказ: записать в его файл контрольные суммы.

    В конец файла приказа добавляется блок sealed: с контрольными суммами самого
    приказа и утверждённых им редакций (приложений или новой редакции, которую вводит
    приказ о внесении изменений). После этого любое изменение этих файлов — ошибка
    при проверке и сборке: утверждённую редакцию меняют только новой редакцией.

    \b
    Пример:
      prikaz seal content/novosibirsk/order-2020-0212.yaml
    """
    from .usecases.sealing import seal as seal_order

    sealed = seal_order(order_file)
    if sealed.outcome == "intact":
        click.echo(f"Приказ {sealed.order.id} уже запечатан; содержимое совпадает с печатью.")
        return
    done = (
        "Печать обновлена (формат 2: и значения из organization.yaml)" if sealed.outcome == "renewed" else "Запечатан"
    )
    click.echo(f"{done}: приказ {sealed.order.id}, {_relative(sealed.path)}")
    for line in sealed.lines:
        click.echo(f"  {line}")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@_edge
def verify(paths: tuple[str, ...]) -> int:
    """Проверить историю: не изменены ли подписанные приказы и утверждённые редакции.

    Для каждой печати (блок sealed: в файле приказа) сравнивает контрольную сумму с
    текущим содержимым и называет приказы, которые ещё не запечатаны.

    Код выхода: 0 — всё совпадает, 1 — запечатанное содержимое изменено или удалено.

    \b
    Пример:
      prikaz verify content/
    """
    from . import formats
    from .usecases.verification import verify as verify_seals

    verification = verify_seals(_paths(paths))
    for organization in verification.organizations:
        click.echo(organization.organization.name)
        for state in organization.seals:
            by = f"приказ {formats.cited(state.order)}"
            if state.intact:
                old = (
                    "; печать формата 1 не охватывает значения из organization.yaml — обновите: "
                    f"prikaz seal {_relative(state.order.pos.file)}"
                    if state.version == 1
                    else ""
                )
                click.echo(f"  совпадает: {state.document} ({by}){old}")
                continue
            what = "удалён" if state.actual is None else "ИЗМЕНЁН после утверждения"
            if state.organization_changed:
                what = "ИЗМЕНЕНЫ значения из organization.yaml, которые печатает"
            part = 3 if state.organization_changed else 2 if state.version == 2 else 1
            recorded, actual = (v.split(":")[part][:12] if v else "—" for v in (state.recorded, state.actual))
            click.echo(f"  {what}: {state.document} ({by}); записано {recorded}…, сейчас {actual}…")
        for order, doc_id in organization.unsealed:
            click.echo(
                f"  не запечатан: {doc_id} (приказ {formats.cited(order)}); prikaz seal {_relative(order.pos.file)}"
            )
    total, broken = verification.total, verification.broken
    click.echo(f"Печатей: {total}, совпадают: {total - broken}, нарушены: {broken}.")
    return EXIT_FINDINGS if broken else EXIT_OK


@contextlib.contextmanager
def _progress(label: str):
    """«DOCX [3/8] plan-msoko», rewritten in place on a terminal; nothing when output is piped."""
    if not sys.stderr.isatty():
        yield None
        return

    def show(done: int, total: int, name: str) -> None:
        click.echo(f"\r\033[K{label} [{done + 1}/{total}] {name}", err=True, nl=False)

    try:
        yield show
    finally:
        click.echo("\r\033[K", err=True, nl=False)


def _echo_changes(composition, old_doc, new_doc, items: bool = False) -> None:
    """The change summary of two editions (what `prikaz diff` prints)."""
    counts = composition.changes.count()
    names = {
        "added": "добавлено",
        "removed": "исключено",
        "changed": "изменено",
        "moved": "перемещено",
        "document": "реквизиты документа",
    }
    summary = ", ".join(f"{names[k]}: {v}" for k, v in counts.items())
    if composition.cosmetic:  # spacing, quotes, «ё», dashes: no item of the order
        summary += (", " if summary else "") + f"изменения оформления: {len(composition.cosmetic)}"
    summary = summary or "изменений нет"
    click.echo(f"{old_doc.id} → {new_doc.id}: {summary}. Пунктов изменений: {len(composition.items)}.")
    for ambiguity in composition.changes.ambiguities:
        click.echo(f"  неоднозначное сопоставление: {ambiguity.new_path} (сходство {ambiguity.score:.2f})")
    if items:
        for item in composition.items:
            click.echo(f"    {item.text}")


@main.command()
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@_output_folder("Папка для сравнительной таблицы.")
@click.option(
    "--redline", is_flag=True, help="Ещё и новая редакция приложения в DOCX с исправлениями в режиме рецензирования."
)
@_templates("Папка с шаблонами DOCX для --redline вместо templates/ проекта (как у build).")
@click.option("--pdf", is_flag=True, help="Сделать также PDF таблицы (нужен LibreOffice).")
@_pdf_timeout
@_edge
def diff(
    old: str, new: str, out_dir: str, redline: bool, templates: str | None, pdf: bool, pdf_timeout: str | None
) -> None:
    """Сравнить две редакции: сводка и сравнительная таблица (DOCX и HTML).

    С --redline — ещё новая редакция приложения, свёрстанная как в build, в которой
    изменения записаны исправлениями Word (вставки, удаления, строки таблицы целиком):
    «Принять все» даёт новую редакцию, «Отклонить все» — прежнюю.

    \b
    Пример:
      prikaz diff content/novosibirsk/plan-2020.yaml content/novosibirsk/plan-2020-ed2.yaml --redline
    """
    from .usecases.comparison import compare_editions

    timeout = _seconds(pdf_timeout) if pdf else None
    compared = compare_editions(old, new, out_dir, _templates_folder(templates) if redline else None, timeout)
    _echo_changes(compared.composition, compared.old, compared.new)
    for written in compared.files:
        click.echo(f"  {_relative(written.path)}" + (_redline_summary(written.tracked) if written.tracked else ""))
    for path in compared.pdfs:
        click.echo(f"  {_relative(path)}")


def _redline_summary(counts: dict[str, int]) -> str:
    return (
        f" — исправления: строк добавлено {counts['rows_inserted']}, исключено {counts['rows_deleted']}; "
        f"вставок в тексте {counts['inserted']}, удалений {counts['deleted']}, "
        f"изменений оформления {counts['formatting']}"
    )


@main.command()
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option(
    "--order",
    "order_file",
    required=True,
    type=click.Path(dir_okay=False),
    help="YAML приказа: дата, номер, подписант, преамбула, заключительные пункты.",
)
@click.option(
    "--form",
    type=click.Choice(["auto", "changes", "new-edition"]),
    default="auto",
    show_default=True,
    help="Перечень изменений или новая редакция приложения.",
)
@_output_folder()
@_edge
def amend(old: str, new: str, order_file: str, form: str, out_dir: str) -> None:
    """Написать приказ о внесении изменений из двух редакций.

    \b
    Пример:
      prikaz amend content/novosibirsk/plan-2020.yaml content/novosibirsk/plan-2020-ed2.yaml \\
        --order content/novosibirsk/order-2020-0415.yaml
    """
    from .usecases.amendment import amend as amend_editions

    _echo_amendment(amend_editions(old, new, order_file, form, out_dir))


def _echo_amendment(written) -> None:
    for problem in written.unproved:
        click.echo(f"prikaz: предупреждение: формулировка не дает новую редакцию: {problem}", err=True)
    composition = written.composition
    if composition.form == "new-edition":
        click.echo(
            f"Изменено {composition.share:.0%} пунктов: предлагается изложить приложение в новой "
            "редакции (или утвердить новый план и признать утратившими силу прежние приказы)."
        )
    click.echo(f"  {_relative(written.path)} — {written.description}")
    for item in composition.items:
        click.echo(f"    {item.text}")


@main.command()
@click.argument("path", type=click.Path(dir_okay=False))
@_edge
def editions(path: str) -> None:
    """Показать редакции плана или положения и приказы, которыми они утверждены.

    \b
    Пример:
      prikaz editions content/novosibirsk/plan-2020.yaml
    """
    from .site import EDITION_KINDS as kinds
    from .typography import format_date
    from .usecases.inspection import editions_of

    for number, entry in enumerate(editions_of(path), start=1):
        edition, order = entry.document, entry.order
        by = f"приказ от {format_date(order.date, 'numeric')} № {order.number}" if order else "приказ не указан"
        mark = " (иллюстративная)" if edition.edition.illustrative else ""
        click.echo(f"{number}. {edition.id} — {kinds[edition.edition.kind]}{mark}; {by}; {_relative(edition.pos.file)}")


@main.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option(
    "--yaml", "as_yaml", is_flag=True, help="Напечатать документ в формате содержимого (YAML), как его прочитал prikaz."
)
@_edge
def show(path: str, as_yaml: bool) -> None:
    """Показать план или положение с вычисленными номерами.

    \b
    Пример:
      prikaz show content/noglik/plan-msoko.yaml
      prikaz show --yaml content/noglik/order-2020-427.yaml
    """
    from . import model as m
    from .numbering import NumberedChapter, NumberedSection, plan_outline, regulation_outline
    from .usecases.inspection import inspect

    inspected = inspect(path)
    if as_yaml:
        from .dump import dump

        click.echo(
            dump(inspected.department.organization if inspected.is_organization else inspected.document), nl=False
        )
        return
    doc = inspected.numbered()
    if doc is None:
        return
    click.echo(doc.title)
    if isinstance(doc, m.Plan):
        for item in plan_outline(doc):
            if isinstance(item, NumberedSection):
                click.echo(f"{'  ' * (item.depth - 1)}{item.number or '—'} {item.section.title}")
            else:
                mm = item.measure
                first = m.plain_text(mm.text).splitlines()[0]
                units = ", ".join(mm.responsible)
                click.echo(f"    {item.number} {_short(first)} | {mm.deadline or ''} | {units}")
    elif isinstance(doc, m.Regulation):
        for item in regulation_outline(doc):
            title = item.chapter.title if isinstance(item, NumberedChapter) else m.plain_text(item.clause.text)
            click.echo(f"{item.number} {_short(title)}")


@main.command(name="import")
@click.argument("path", type=click.Path(dir_okay=False))
@_output_folder("Папка организации для YAML (по умолчанию content/<имя файла>).", default=None)
@_force("Перезаписать файлы, которые уже есть в папке.")
@click.option(
    "--edition-of",
    "edition_of",
    type=click.Path(dir_okay=False),
    help="YAML плана, приложение которого правили в Word: файл станет его следующей редакцией.",
)
@click.option(
    "--order",
    "order_file",
    type=click.Path(dir_okay=False),
    help="С --edition-of: YAML приказа о внесении изменений (дата, номер, подписант, пункты); "
    "его DOCX пишется в папку -o (по умолчанию output).",
)
@click.option("--id", "new_id", help="С --edition-of: id новой редакции (по умолчанию <id>-ed2, -ed3 …).")
@_edge
def import_docx(
    path: str, out_dir: str | None, force: bool, edition_of: str | None, order_file: str | None, new_id: str | None
) -> None:
    """Перенести документ Word (DOCX) в YAML: приказ с приложениями, план, положение.

    Читает бланк, дату и номер, заголовок, преамбулу, пункты и подпись приказа; таблицы
    планов (шапку, разделы, вложенные мероприятия, сроки, исполнителей); главы и пункты
    положений. Пишет папку организации (organization.yaml с реестром исполнителей и
    документы) и печатает всё, что не удалось перенести как есть. Напечатанные номера
    сохраняются: prikaz check найдёт пропуски и повторы.

    С --edition-of файл — исправленное в Word приложение действующей редакции плана:
    строки сопоставляются с её мероприятиями, рядом пишется следующая редакция
    (номера прежних пунктов сохраняются, вставленные получают 2.7.1), печатается
    сводка изменений, а с --order — ещё и приказ о внесении изменений.

    \b
    Пример:
      prikaz import приказ.docx -o content/noglik
      prikaz import правка.docx --edition-of content/noglik/plan-msoko.yaml --order приказ.yaml
    """
    from .errors import InputError
    from .usecases import importing

    if edition_of is not None:
        _echo_edition(importing.import_edition(path, edition_of, order_file, new_id, out_dir or "output", force))
        return
    if order_file is not None or new_id is not None:
        raise InputError("--order и --id действуют только вместе с --edition-of")
    started = time.perf_counter()
    imported = importing.import_document(path, out_dir or importing.default_folder(path), force)
    for line in imported.summary:
        click.echo(line)
    for written in imported.written:
        click.echo(f"  {_relative(written)}")
    for line in imported.report:
        click.echo(line)
    if not imported.report:
        click.echo("Всё содержимое перенесено.")
    click.echo(f"Готово за {time.perf_counter() - started:.2f} с. Проверьте: prikaz check {_relative(imported.folder)}")


def _echo_edition(imported) -> None:
    """What `import --edition-of` did: the matching, the files, the changes, the order."""
    click.echo(
        f"Сопоставлено строк: {imported.matched} из {imported.total_old} мероприятий редакции "
        f"{imported.old.id} (строк в файле: {imported.total_new})."
    )
    if imported.later:
        click.echo(
            f"prikaz: предупреждение: у редакции {imported.old.id} уже есть следующая: "
            f"{', '.join(imported.later)}; новая редакция продолжает ту, что указана в --edition-of",
            err=True,
        )
    for written in imported.written:
        click.echo(f"  {_relative(written)}")
    if imported.new_units:
        click.echo(f"В реестр исполнителей добавлены: {', '.join(imported.new_units)}")
    _echo_changes(imported.composition, imported.old, imported.new, items=True)
    for line in imported.notes:
        click.echo(line)
    if imported.amendment is not None:
        _echo_amendment(imported.amendment)


@main.command()
@click.option(
    "-o",
    "--output",
    "out_file",
    type=click.Path(dir_okay=False),
    help="Файл для схемы (по умолчанию — вывод на экран).",
)
@_edge
def schema(out_file: str | None) -> None:
    """Записать JSON Schema содержимого: редактор подскажет поля и подчеркнёт ошибки.

    Одна схема для всех файлов (организация, приказ, план, положение) с описаниями полей;
    строится из того же кода, которым prikaz читает содержимое. Файл YAML находит схему по
    первой строке «# yaml-language-server: $schema=путь» (её пишут init и import) или по
    настройке yaml.schemas редактора.

    \b
    Пример:
      prikaz schema -o content/prikaz.schema.json
    """
    from .editor_schema import schema_text
    from .output import write_atomic

    text = schema_text()
    if out_file is None:
        click.echo(text, nl=False)
        return
    write_atomic(os.path.abspath(out_file), text.encode("utf-8"))
    click.echo(f"  {_relative(out_file)}")


@main.command()
@click.argument("folder", type=click.Path(file_okay=False))
@_edge
def init(folder: str) -> None:
    """Начать новую организацию: organization.yaml с пояснениями, пример приказа и плана.

    Каждое поле organization.yaml снабжено комментарием; пример сразу проходит проверку
    и собирается. Замените значения своими. Существующие файлы не перезаписываются.
    Рядом пишется схема prikaz.schema.json: редактор с поддержкой YAML (VS Code с
    расширением YAML) подсказывает поля и подчёркивает ошибки при наборе.

    \b
    Пример:
      prikaz init content/moy-otdel
      prikaz check content/moy-otdel
      prikaz build content/moy-otdel --pdf
    """
    from .usecases.starting import init as start_organization

    for path in start_organization(folder, dt.date.today()):
        click.echo(f"  {_relative(path)}")
    click.echo(f"Готово. Замените примеры своими данными и проверьте: prikaz check {_relative(folder)}")


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _relative(path: str) -> str:
    from .errors import printable

    relative = os.path.relpath(path)
    return printable(path if relative.startswith("..") else relative)


click_ru.localize_usage(main)
_tolerant_streams()  # before click prints anything, --help and usage errors included
