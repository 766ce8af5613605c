"""The `prikaz` command: parse arguments, call the library, print in Russian.

Exit codes are decided here once: 0 success, 1 findings at error level, 2 content that
cannot be read, 3 an outside tool (LibreOffice, the disk) failed, 128 + N interrupted by
signal N (130 Ctrl-C, 143 SIGTERM). The library below never prints and never exits; no
traceback reaches the user.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import os
import signal
import sys
import time

import click

from . import click_ru

click_ru.install()

DEFAULT_CONTENT = "content"
EXIT_FINDINGS, EXIT_CONTENT, EXIT_TOOL, EXIT_INTERNAL = 1, 2, 3, 70


def _edge(command):
    """Turn the library's errors into Russian messages and exit codes."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        from .errors import ContentError, ToolError, printable

        for number in (signal.SIGTERM, signal.SIGHUP):  # like Ctrl-C: clean up, then exit
            signal.signal(number, _interrupted)
        try:
            _require_existing(kwargs)
            return command(*args, **kwargs)
        except ContentError as e:
            for problem in e.problems:
                click.echo(str(problem), err=True)
            count = len(e.problems)
            click.echo(f"Найдено ошибок: {count}. Ничего не записано.", err=True)
            sys.exit(EXIT_CONTENT)
        except ToolError as e:
            click.echo(f"prikaz: {printable(str(e))}", err=True)
            sys.exit(EXIT_TOOL)
        except BrokenPipeError:  # output piped into «head»: not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except OSError as e:  # the disk outside output.py: templates, folders being read
            from .output import reason

            where = f" {printable(str(e.filename))}:" if e.filename else ""
            click.echo(f"prikaz: ошибка файловой системы:{where} {reason(e)}", err=True)
            sys.exit(EXIT_TOOL)
        except KeyboardInterrupt as e:
            for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):  # a second Ctrl-C changes nothing
                signal.signal(number, signal.SIG_IGN)
            click.echo("prikaz: прервано; недописанных файлов нет — каждый файл остался прежним "
                       "или записан целиком", err=True)
            sys.exit(128 + getattr(e, "signal", signal.SIGINT))
        except click.exceptions.Exit:
            raise
        except Exception as e:  # the promise: never a traceback
            click.echo(f"prikaz: внутренняя ошибка ({type(e).__name__}: {e}). "
                       "Сообщите разработчикам, приложив входные файлы.", err=True)
            sys.exit(EXIT_INTERNAL)

    return wrapper


def _tolerant_streams() -> None:
    """A terminal in KOI8-R or latin-1 cannot show «», «—» or Cyrillic: print «?» instead
    of failing on the first message."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
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


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True,
              help="text — строки «файл:строка:столбец: …»; json — список для программ.")
@_edge
def check(paths: tuple[str, ...], output_format: str) -> None:
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

    from .check import check as check_content
    from .check import rule_summary
    from .load import load

    departments = load(_paths(paths))
    findings = check_content(departments)
    errors = sum(f.severity == "error" for f in findings)
    if output_format == "json":
        click.echo(json.dumps([
            {"code": f.code, "severity": f.severity, "file": f.pos.file, "line": f.pos.line,
             "column": f.pos.column, "message": f.message,
             **({"details": f.args["details"]} if "details" in f.args else {})} for f in findings
        ], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            click.echo(str(finding))
        for line in rule_summary(findings):
            click.echo(line)
        documents = sum(len(d.documents) for d in departments)
        summary = f"организаций {len(departments)}, документов {documents}"
        if findings:
            infos = sum(f.severity == "info" for f in findings)
            extra = f", к сведению: {infos}" if infos else ""
            click.echo(f"Ошибок: {errors}, предупреждений: {len(findings) - errors - infos}{extra} ({summary}).")
        else:
            click.echo(f"Замечаний нет: {summary}.")
    if errors:
        sys.exit(EXIT_FINDINGS)


def _check_before(departments, force: bool) -> None:
    """The checker's findings before writing anything: errors stop, unless forced.

    Only the errors that stop the command are listed; otherwise a one-line count points to
    `prikaz check`, so that a session of check, build and publish prints each finding once.
    """
    from .check import check as check_content

    findings = check_content(departments)
    errors = [f for f in findings if f.severity == "error"]
    if errors and not force:
        for finding in errors:
            click.echo(str(finding), err=True)
        click.echo(f"Ошибок: {len(errors)}. Ничего не записано; исправьте их или соберите с --force.", err=True)
        sys.exit(EXIT_FINDINGS)
    if findings:
        click.echo(f"Замечаний проверки: {len(findings)} (ошибок {len(errors)}); список — prikaz check.", err=True)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", "out_dir", default="output", show_default=True,
              type=click.Path(file_okay=False), help="Папка для готовых документов.")
@click.option("--pdf", is_flag=True, help="Сделать также PDF (нужен LibreOffice).")
@click.option("--templates", type=click.Path(exists=True, file_okay=False),
              help="Папка с шаблонами DOCX вместо templates/ проекта.")
@click.option("--force", is_flag=True,
              help="Собрать, даже если проверка нашла ошибки (например, в перенесённых документах).")
@click.option("--pdf-timeout", metavar="СЕКУНДЫ",
              help="Предел времени LibreOffice на пакет файлов (по умолчанию 600 или PRIKAZ_PDF_TIMEOUT).")
@_edge
def build(paths: tuple[str, ...], out_dir: str, pdf: bool, templates: str | None, force: bool,
          pdf_timeout: str | None) -> None:
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
    from pathlib import Path

    from .build import build as build_documents
    from .load import load
    from .render.docx import DEFAULT_TEMPLATES
    from .render.pdf import convert

    timeout = _pdf_timeout(pdf_timeout) if pdf else 0.0
    started = time.perf_counter()
    departments = load(_paths(paths))
    _check_before(departments, force)
    loaded = time.perf_counter()
    files = {os.path.abspath(p) for p in paths if os.path.isfile(p)}
    selected = (lambda doc: os.path.abspath(doc.pos.file) in files) if files else (lambda doc: True)
    with _progress("DOCX") as progress:
        built = build_documents(departments, out_dir, selected, Path(templates) if templates else DEFAULT_TEMPLATES,
                                progress)
    rendered = time.perf_counter()
    for item in built:
        click.echo(f"  {_relative(item.path)} — {item.description}")
    unchanged = sum(not item.changed for item in built)
    same = f", без изменений {unchanged}" if unchanged else ""
    click.echo(f"DOCX: {len(built)}{same} за {rendered - loaded:.2f} с (чтение и проверка {loaded - started:.2f} с).")
    if pdf:
        _warn_about_fonts()
        try:
            pdfs = convert([item.path for item in built], timeout)
        except Exception:
            click.echo("DOCX записаны, но PDF не созданы.", err=True)
            raise
        click.echo(f"PDF: {len(pdfs)} за {time.perf_counter() - rendered:.2f} с.")


def _pdf_timeout(option: str | None) -> float:
    """LibreOffice's time limit from --pdf-timeout or PRIKAZ_PDF_TIMEOUT; a bad value exits 2."""
    from .render.pdf import timeout_setting

    try:
        return timeout_setting(option)
    except ValueError as e:
        click.echo(f"prikaz: {e}", err=True)
        sys.exit(EXIT_CONTENT)


def _warn_about_fonts() -> None:
    from .render.pdf import font_warning

    warning = font_warning()
    if warning:
        click.echo(f"prikaz: предупреждение: {warning}", err=True)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--site", "site_dir", required=True, type=click.Path(file_okay=False),
              help="Папка сайта: туда пишутся PDF, DOCX и страницы (создаётся при необходимости).")
@click.option("--templates", type=click.Path(exists=True, file_okay=False),
              help="Папка с шаблонами (DOCX и templates/site) вместо templates/ проекта.")
@click.option("--force", is_flag=True, help="Опубликовать, даже если проверка нашла ошибки.")
@click.option("--pdf-timeout", metavar="СЕКУНДЫ",
              help="Предел времени LibreOffice на пакет файлов (по умолчанию 600 или PRIKAZ_PDF_TIMEOUT).")
@_edge
def publish(paths: tuple[str, ...], site_dir: str, templates: str | None, force: bool,
            pdf_timeout: str | None) -> None:
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
    from pathlib import Path

    from .load import load
    from .publish import publish as publish_site
    from .render.docx import DEFAULT_TEMPLATES
    from .render.pdf import convert

    timeout = _pdf_timeout(pdf_timeout)
    started = time.perf_counter()
    departments = load(_paths(paths))
    _check_before(departments, force)
    loaded = time.perf_counter()
    _warn_about_fonts()

    def to_pdf(files: list[str]) -> list[str]:
        click.echo(f"PDF: преобразование файлов: {len(files)}…", err=True)
        try:
            return convert(files, timeout)
        except Exception:
            click.echo("DOCX записаны, но PDF не созданы; страницы сайта не обновлены.", err=True)
            raise

    with _progress("DOCX") as progress:
        done = publish_site(departments, site_dir, to_pdf, Path(templates) if templates else DEFAULT_TEMPLATES,
                            progress)
    seconds = done.seconds
    click.echo(f"Сайт: {_relative(os.path.join(site_dir, 'index.html'))} — документов {len(done.built)}, "
               f"страниц {done.pages}.")
    click.echo(f"DOCX: записано {len(done.built) - done.unchanged}, без изменений {done.unchanged} "
               f"({seconds['docx']:.2f} с). PDF: преобразовано {len(done.converted)} ({seconds['pdf']:.2f} с). "
               f"Страницы: обновлено {done.pages_written} ({seconds['pages']:.2f} с).")
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
    from . import model as m
    from .load import load
    from .output import write_atomic
    from .seals import renewable, seal_block, unsealed, without_seal_block

    dep = load([order_file])[0]
    order = _document_at(dep, order_file)
    if not isinstance(order, m.Order):
        click.echo("prikaz: это не приказ; запечатывается файл приказа, утвердившего редакцию", err=True)
        sys.exit(EXIT_CONTENT)
    renew = bool(order.sealed) and renewable(dep, order)
    if order.sealed and not renew:
        missing = [doc_id for owner, doc_id in unsealed(dep) if owner.id == order.id]
        if missing:
            click.echo(f"prikaz: печать приказа не покрывает: {', '.join(missing)}; удалите блок sealed "
                       "из файла приказа и запечатайте его заново", err=True)
            sys.exit(EXIT_CONTENT)
        click.echo(f"Приказ {order.id} уже запечатан; содержимое совпадает с печатью.")
        return
    with open(order_file, encoding="utf-8") as f:
        text = f.read()
    if renew:  # an intact seal of format 1: the same content, now with the organization's values
        text = without_seal_block(text)
    block = seal_block(dep, order)
    write_atomic(order_file, (text + ("" if text.endswith("\n") else "\n") + block).encode("utf-8"))
    done = "Печать обновлена (формат 2: и значения из organization.yaml)" if renew else "Запечатан"
    click.echo(f"{done}: приказ {order.id}, {_relative(order_file)}")
    for line in block.splitlines()[1:]:
        click.echo(f"  {line.strip()}")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@_edge
def verify(paths: tuple[str, ...]) -> None:
    """Проверить историю: не изменены ли подписанные приказы и утверждённые редакции.

    Для каждой печати (блок sealed: в файле приказа) сравнивает контрольную сумму с
    текущим содержимым и называет приказы, которые ещё не запечатаны.

    Код выхода: 0 — всё совпадает, 1 — запечатанное содержимое изменено или удалено.

    \b
    Пример:
      prikaz verify content/
    """
    from . import formats
    from .load import load
    from .seals import states, unsealed

    departments = load(_paths(paths), check_seals=False)
    broken = total = 0
    for dep in departments:
        click.echo(dep.organization.name)
        for state in states(dep):
            total += 1
            by = f"приказ {formats.cited(state.order)}"
            if state.intact:
                old = "; печать формата 1 не охватывает значения из organization.yaml — обновите: " \
                      f"prikaz seal {_relative(state.order.pos.file)}" if state.version == 1 else ""
                click.echo(f"  совпадает: {state.document} ({by}){old}")
                continue
            broken += 1
            what = "удалён" if state.actual is None else "ИЗМЕНЁН после утверждения"
            if state.organization_changed:
                what = "ИЗМЕНЕНЫ значения из organization.yaml, которые печатает"
            part = 3 if state.organization_changed else 2 if state.version == 2 else 1
            recorded, actual = (v.split(":")[part][:12] if v else "—" for v in (state.recorded, state.actual))
            click.echo(f"  {what}: {state.document} ({by}); записано {recorded}…, сейчас {actual}…")
        for order, doc_id in unsealed(dep):
            click.echo(f"  не запечатан: {doc_id} (приказ {formats.cited(order)}); "
                       f"prikaz seal {_relative(order.pos.file)}")
    click.echo(f"Печатей: {total}, совпадают: {total - broken}, нарушены: {broken}.")
    if broken:
        sys.exit(EXIT_FINDINGS)


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


def _document_at(dep, path: str):
    """The document read from this file, or None."""
    target = os.path.abspath(path)
    return next((d for d in dep.documents if os.path.abspath(d.pos.file) == target), None)


def _edition_pair(old: str, new: str):
    """The department and the two editions named by their files."""
    from .errors import ToolError
    from .load import load

    departments = load([old, new])
    if len(departments) != 1:
        raise ToolError("редакции должны принадлежать одной организации (одной папке content/…)")
    dep = departments[0]
    old_doc, new_doc = _document_at(dep, old), _document_at(dep, new)
    if old_doc is None or new_doc is None or type(old_doc) is not type(new_doc):
        raise ToolError("укажите два файла редакций одного плана, положения или приказа")
    return dep, old_doc, new_doc


def _echo_changes(composition, old_doc, new_doc, items: bool = False) -> None:
    """The change summary of two editions (what `prikaz diff` prints)."""
    counts = composition.changes.count()
    names = {"added": "добавлено", "removed": "исключено", "changed": "изменено", "moved": "перемещено",
             "document": "реквизиты документа"}
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
@click.option("-o", "--output", "out_dir", default="output", show_default=True,
              type=click.Path(file_okay=False), help="Папка для сравнительной таблицы.")
@click.option("--redline", is_flag=True,
              help="Ещё и новая редакция приложения в DOCX с исправлениями в режиме рецензирования.")
@click.option("--templates", type=click.Path(exists=True, file_okay=False),
              help="Папка с шаблонами DOCX для --redline вместо templates/ проекта (как у build).")
@click.option("--pdf", is_flag=True, help="Сделать также PDF таблицы (нужен LibreOffice).")
@click.option("--pdf-timeout", metavar="СЕКУНДЫ",
              help="Предел времени LibreOffice (по умолчанию 120 с или PRIKAZ_PDF_TIMEOUT).")
@_edge
def diff(old: str, new: str, out_dir: str, redline: bool, templates: str | None, pdf: bool,
         pdf_timeout: str | None) -> None:
    """Сравнить две редакции: сводка и сравнительная таблица (DOCX и HTML).

    С --redline — ещё новая редакция приложения, свёрстанная как в build, в которой
    изменения записаны исправлениями Word (вставки, удаления, строки таблицы целиком):
    «Принять все» даёт новую редакцию, «Отклонить все» — прежнюю.

    \b
    Пример:
      prikaz diff content/novosibirsk/plan-2020.yaml content/novosibirsk/plan-2020-ed2.yaml --redline
    """
    from .amend import compose_for
    from .build import site_folder
    from .compare import comparison_rows, heading
    from .history import history
    from .output import target_path, write_atomic
    from .render.compare_docx import comparison_docx
    from .render.compare_html import comparison_html
    from .render.docx import Properties
    from .typography import typeset

    dep, old_doc, new_doc = _edition_pair(old, new)
    composition = compose_for(dep, old_doc, new_doc, form="changes")
    _echo_changes(composition, old_doc, new_doc)
    rows = comparison_rows(composition, getattr(new_doc, "responsible_separator", ", "),
                           getattr(new_doc, "extra_columns", ()))
    title, subtitle = heading(dep, old_doc, new_doc, composition)
    timeout = _pdf_timeout(pdf_timeout) if pdf else 0.0
    folder = site_folder(dep)
    stem = f"{new_doc.id}.comparison"
    order = history(dep).amending_order(new_doc.id)
    props = Properties(f"{title} {subtitle}", dep.organization.name, typeset(new_doc.title), "сравнительная таблица",
                       order.date if order else dt.date(2000, 1, 1))
    outputs = [(stem + ".docx", comparison_docx(title, subtitle, rows, props)),
               (stem + ".html", comparison_html(title, subtitle, rows))]
    if redline:
        from pathlib import Path

        from .redline import file_name, redline_docx
        from .render.docx import DEFAULT_TEMPLATES

        folder_of_templates = Path(templates) if templates else DEFAULT_TEMPLATES
        outputs.append((file_name(new_doc.id), redline_docx(dep, old_doc, new_doc, folder_of_templates)))
    written = []
    for name, data in outputs:
        path = target_path(out_dir, folder, name)
        write_atomic(path, data)
        written.append(path)
        click.echo(f"  {_relative(path)}" + (_redline_summary(data) if name.endswith(".redline.docx") else ""))
    if pdf:
        from .render.pdf import convert

        for path in convert([written[0]], timeout):
            click.echo(f"  {_relative(path)}")


def _redline_summary(data: bytes) -> str:
    from .render.redline_docx import change_counts

    counts = change_counts(data)
    return (f" — исправления: строк добавлено {counts['rows_inserted']}, исключено {counts['rows_deleted']}; "
            f"вставок в тексте {counts['inserted']}, удалений {counts['deleted']}, "
            f"изменений оформления {counts['formatting']}")



@main.command()
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option("--order", "order_file", required=True, type=click.Path(dir_okay=False),
              help="YAML приказа: дата, номер, подписант, преамбула, заключительные пункты.")
@click.option("--form", type=click.Choice(["auto", "changes", "new-edition"]), default="auto", show_default=True,
              help="Перечень изменений или новая редакция приложения.")
@click.option("-o", "--output", "out_dir", default="output", show_default=True, type=click.Path(file_okay=False))
@_edge
def amend(old: str, new: str, order_file: str, form: str, out_dir: str) -> None:
    """Написать приказ о внесении изменений из двух редакций.

    \b
    Пример:
      prikaz amend content/novosibirsk/plan-2020.yaml content/novosibirsk/plan-2020-ed2.yaml \\
        --order content/novosibirsk/order-2020-0415.yaml
    """
    dep, old_doc, new_doc = _edition_pair(old, new)
    _write_amendment(dep, old_doc, new_doc, order_file, form, out_dir)


def _write_amendment(dep, old_doc, new_doc, order_file: str, form: str, out_dir: str) -> None:
    """The amendment order's DOCX from two editions and the order's own YAML (`prikaz amend`)."""
    from pathlib import Path

    from .amend import compose, proof
    from .build import render_order, site_folder
    from .load import read_order_file
    from .output import target_path, write_atomic
    from .render.docx import DEFAULT_TEMPLATES

    if form == "new-edition" and hasattr(old_doc, "points"):
        click.echo("prikaz: пункты приказа изменяются перечнем изменений (--form changes); "
                   "новая редакция приказа — это новый приказ", err=True)
        sys.exit(EXIT_CONTENT)
    order = read_order_file(order_file, old_doc.id, new_doc.id, form)
    signatories = dict(dep.organization.signatories)
    if order.signatory not in signatories:
        from .errors import ContentError, Problem, suggestion

        raise ContentError([Problem("signatory-unknown", order.pos, {
            "key": order.signatory, "suggestion": suggestion(order.signatory, signatories)})])
    dep = dataclasses.replace(dep, documents=tuple(d for d in dep.documents if d.id != order.id) + (order,))
    composition = compose(dep, order)
    for problem in proof(dep, old_doc, new_doc, composition):  # the wording read back and applied
        click.echo(f"prikaz: предупреждение: формулировка не дает новую редакцию: {problem}", err=True)
    if composition.form == "new-edition":
        click.echo(f"Изменено {composition.share:.0%} пунктов: предлагается изложить приложение в новой "
                   "редакции (или утвердить новый план и признать утратившими силу прежние приказы).")
    _, data, description = render_order(dep, order, Path(DEFAULT_TEMPLATES))
    path = target_path(out_dir, site_folder(dep), order.id + ".docx")
    write_atomic(path, data)
    click.echo(f"  {_relative(path)} — {description}")
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
    from . import formats
    from .history import history
    from .load import load
    from .site import EDITION_KINDS as kinds

    dep = load([path])[0]
    doc = _document_at(dep, path)
    if doc is None or not hasattr(doc, "edition"):
        click.echo("Это не план и не положение.", err=True)
        sys.exit(EXIT_CONTENT)
    for number, edition in enumerate(history(dep).work_of(doc.id), start=1):
        order = history(dep).basis(edition.id)
        by = f"приказ от {formats.date(order.date)} № {order.number}" if order else "приказ не указан"
        mark = " (иллюстративная)" if edition.edition.illustrative else ""
        click.echo(f"{number}. {edition.id} — {kinds[edition.edition.kind]}{mark}; {by}; {_relative(edition.pos.file)}")


@main.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--yaml", "as_yaml", is_flag=True, help="Напечатать документ в формате содержимого (YAML), "
                                                      "как его прочитал prikaz.")
@_edge
def show(path: str, as_yaml: bool) -> None:
    """Показать план или положение с вычисленными номерами.

    \b
    Пример:
      prikaz show content/noglik/plan-msoko.yaml
      prikaz show --yaml content/noglik/order-2020-427.yaml
    """
    from . import model as m
    from .history import frozen
    from .load import load
    from .numbering import NumberedSection, plan_outline, regulation_outline

    dep = load([path])[0]
    doc = _document_at(dep, path)
    if as_yaml:
        from .dump import dump

        is_organization = os.path.basename(path) == "organization.yaml"
        click.echo(dump(dep.organization if is_organization else doc), nl=False)
        return
    if doc is None:
        return
    if isinstance(doc, m.Plan | m.Regulation):
        doc = frozen(dep, doc)  # the numbers the edition prints, as build and amend give them
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
            chapter = getattr(item, "chapter", None)
            title = chapter.title if chapter else m.plain_text(item.clause.text)
            click.echo(f"{item.number} {_short(title)}")


@main.command(name="import")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False),
              help="Папка организации для YAML (по умолчанию content/<имя файла>).")
@click.option("--force", is_flag=True, help="Перезаписать файлы, которые уже есть в папке.")
@click.option("--edition-of", "edition_of", type=click.Path(dir_okay=False),
              help="YAML плана, приложение которого правили в Word: файл станет его следующей редакцией.")
@click.option("--order", "order_file", type=click.Path(dir_okay=False),
              help="С --edition-of: YAML приказа о внесении изменений (дата, номер, подписант, пункты); "
                   "его DOCX пишется в папку -o (по умолчанию output).")
@click.option("--id", "new_id", help="С --edition-of: id новой редакции (по умолчанию <id>-ed2, -ed3 …).")
@_edge
def import_docx(path: str, out_dir: str | None, force: bool, edition_of: str | None, order_file: str | None,
                new_id: str | None) -> None:
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
    if edition_of is not None:
        _import_edition(path, edition_of, order_file, new_id, out_dir or "output", force)
        return
    if order_file is not None or new_id is not None:
        click.echo("prikaz: --order и --id действуют только вместе с --edition-of", err=True)
        sys.exit(EXIT_CONTENT)
    from .editor_schema import with_schema
    from .importer import run as importer
    from .output import safe_name

    started = time.perf_counter()
    folder = out_dir or os.path.join(DEFAULT_CONTENT, safe_name(os.path.splitext(os.path.basename(path))[0]))
    imported = importer.import_docx(path)
    importer.validate(imported, folder)
    clashes = importer.existing(imported, folder)
    if clashes and not force:
        click.echo(f"prikaz: в папке {folder} уже есть файлы: {', '.join(clashes)}. Ничего не записано; "
                   "чтобы перезаписать их, добавьте --force.", err=True)
        sys.exit(EXIT_CONTENT)
    for line in imported.summary:
        click.echo(line)
    imported = dataclasses.replace(imported, files=with_schema(imported.files))  # for the clerk's editor
    for written in importer.write(imported, folder):
        click.echo(f"  {_relative(written)}")
    report = imported.report.lines()
    for line in report:
        click.echo(line)
    if not report:
        click.echo("Всё содержимое перенесено.")
    click.echo(f"Готово за {time.perf_counter() - started:.2f} с. Проверьте: prikaz check {_relative(folder)}")


@main.command()
@click.option("-o", "--output", "out_file", type=click.Path(dir_okay=False),
              help="Файл для схемы (по умолчанию — вывод на экран).")
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
    from .editor_schema import with_schema
    from .load import ORGANIZATION_FILE, organization_home
    from .output import write_atomic
    from .starter import starter_files

    files = with_schema(starter_files(dt.date.today()))
    home = organization_home(os.path.dirname(os.path.abspath(folder)))
    if home is not None:
        click.echo(f"prikaz: папка {_relative(folder)} внутри организации {_relative(home)} "
                   f"(там уже есть {ORGANIZATION_FILE}); выберите папку вне её. Ничего не записано.", err=True)
        sys.exit(EXIT_CONTENT)
    clashes = [name for name in files if os.path.exists(os.path.join(folder, name))]
    if clashes:
        click.echo(f"prikaz: в папке {_relative(folder)} уже есть {', '.join(clashes)}. Ничего не записано.",
                   err=True)
        sys.exit(EXIT_CONTENT)
    for name, text in files.items():
        path = os.path.join(folder, name)
        write_atomic(path, text.encode("utf-8"))
        click.echo(f"  {_relative(path)}")
    click.echo(f"Готово. Замените примеры своими данными и проверьте: prikaz check {_relative(folder)}")


def _import_edition(path: str, plan_path: str, order_file: str | None, new_id: str | None, out_dir: str,
                    force: bool) -> None:
    """`import --edition-of`: the next edition, its changes and, with --order, the amendment order."""
    from .amend import compose_for
    from .importer import edition as importer

    imported = importer.import_edition(path, plan_path, new_id, force)
    edition = imported.edition
    click.echo(f"Сопоставлено строк: {edition.matched} из {edition.total_old} мероприятий редакции "
               f"{imported.old.id} (строк в файле: {edition.total_new}).")
    later = [d.id for d in imported.department.documents
             if getattr(d, "edition", None) and d.edition.follows == imported.old.id and d.id != imported.new.id]
    if later:
        click.echo(f"prikaz: предупреждение: у редакции {imported.old.id} уже есть следующая: {', '.join(later)}; "
                   "новая редакция продолжает ту, что указана в --edition-of", err=True)
    composition = compose_for(imported.department, imported.old, imported.new, form="changes")
    if order_file is not None:  # a wrong order file stops the import before anything is written
        from .load import read_order_file

        read_order_file(order_file, imported.old.id, imported.new.id, "auto")
    for written in importer.write(imported):
        click.echo(f"  {_relative(written)}")
    if edition.new_units:
        click.echo(f"В реестр исполнителей добавлены: {', '.join(edition.new_units)}")
    _echo_changes(composition, imported.old, imported.new, items=True)
    for line in edition.notes + imported.report.lines():
        click.echo(line)
    if order_file is not None:
        _write_amendment(imported.department, imported.old, imported.new, order_file, "auto", out_dir)


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _relative(path: str) -> str:
    from .errors import printable

    relative = os.path.relpath(path)
    return printable(path if relative.startswith("..") else relative)


click_ru.localize_usage(main)
_tolerant_streams()  # before click prints anything, --help and usage errors included
