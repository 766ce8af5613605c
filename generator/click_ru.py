"""click's own words (usage errors, help headings) in Russian.

click passes every message it shows through gettext (`_`, `ngettext`) bound at import in
each of its modules; prikaz replaces those bindings with a lookup in the table below, so
«Missing option '--site'» reads «не указан параметр «--site»». A string not in the table
stays as click wrote it.
"""

from __future__ import annotations

SINGULAR = {
    "Usage:": "Использование:",
    "Options": "Параметры",
    "Commands": "Команды",
    "Positional arguments": "Аргументы",
    "Show this message and exit.": "Показать эту справку и выйти.",
    "Show the version and exit.": "Показать версию и выйти.",
    "Error: {message}": "Ошибка: {message}",
    "Try '{command} {option}' for help.": "Справка: {command} {option}",
    "Missing argument": "Не указан аргумент",
    "Missing option": "Не указан параметр",
    "Missing parameter": "Не указан параметр",
    "Missing {param_type}": "Не указан {param_type}",
    "Missing command.": "Не указана команда.",
    "Missing parameter: {param_name}": "Не указан параметр: {param_name}",
    "No such command {name!r}.": "Нет такой команды «{name}».",
    "No such option {name!r}.": "Нет такого параметра «{name}».",
    "Option {name!r} does not take a value.": "Параметр «{name}» не принимает значения.",
    "Invalid value for {param_hint}: {message}": "Недопустимое значение {param_hint}: {message}",
    "Invalid value: {message}": "Недопустимое значение: {message}",
    "{name} {filename!r} does not exist.": "{name} «{filename}» не существует.",
    "{name} {filename!r} is a file.": "«{filename}» — файл, а нужна папка.",
    "{name} {filename!r} is a directory.": "«{filename}» — папка, а нужен файл.",
    "{name} {filename!r} is not readable.": "{name} «{filename}» недоступен для чтения.",
    "{name} {filename!r} is not writable.": "{name} «{filename}» недоступен для записи.",
    "file": "Файл",
    "directory": "Папка",
    "path": "Путь",
    "argument": "аргумент",
    "option": "параметр",
    "parameter": "параметр",
    "default: {default}": "по умолчанию: {default}",
    "Aborted!": "Прервано.",
    "unknown error": "неизвестная ошибка",
}
ARGUMENTS = {  # argument name → its placeholder in usage lines
    "paths": "[ПУТИ]...",
    "path": "ФАЙЛ",
    "old": "СТАРАЯ_РЕДАКЦИЯ",
    "new": "НОВАЯ_РЕДАКЦИЯ",
    "order_file": "ФАЙЛ_ПРИКАЗА",
}
PLURAL = {
    "Did you mean {possibility}?": ("Возможно, имелось в виду {possibility}?",) * 2,
    "Option {name!r} requires an argument.": ("Параметру «{name}» нужно значение.",) * 2,
    "Got unexpected extra argument ({args})": ("Лишний аргумент: {args}", "Лишние аргументы: {args}"),
    "{value!r} is not {choice}.": ("«{value}»; допустимо: {choices}.",) * 2,
}


def gettext(message: str) -> str:
    return SINGULAR.get(message, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    forms = PLURAL.get(singular)
    if forms is None:
        return singular if count == 1 else plural
    return forms[0] if count == 1 else forms[1]


def install() -> None:
    """Rebind click's translators (once, before the command line is parsed)."""
    import click

    for name in ("core", "exceptions", "formatting", "decorators", "types", "parser", "termui", "utils"):
        module = getattr(click, name, None)
        if module is None:
            continue
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext


def localize_usage(group) -> None:
    """The placeholders of usage lines, which click takes from each command, not from gettext."""
    import click

    group.subcommand_metavar = "КОМАНДА [АРГУМЕНТЫ]..."
    for command in (group, *group.commands.values()):
        command.options_metavar = "[ПАРАМЕТРЫ]"
        for param in command.params:
            if isinstance(param, click.Argument) and param.metavar is None and param.name in ARGUMENTS:
                param.metavar = ARGUMENTS[param.name]
