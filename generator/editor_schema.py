"""`prikaz schema`: the content format as a JSON Schema, for editors that complete keys and
underline mistakes while the clerk types (VS Code with the YAML extension, any editor with
yaml-language-server).

Nothing here restates the format: the loader's readers (load.READERS) are run on probes
(schema.py), and what their accessors record is the schema. This module adds the frame
(format version, kinds) and the Russian descriptions, and tells editors where to find it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Literal

from . import load
from .errors import Pos
from .schema import Fields, Probe, Shape, start_exploration

SCHEMA_FILE = "prikaz.schema.json"
MODELINE = "# yaml-language-server: $schema="

KINDS = {
    "organization": "организация: бланк, подписанты, реестр исполнителей (organization.yaml)",
    "order": "приказ",
    "plan": "план мероприятий (дорожная карта)",
    "regulation": "положение",
}

# Descriptions by the loader's name of a key («style.date», «measures.deadline»), looked up
# as «kind:name», then «name», then without its leading parts («text.bullets» → «bullets»).
DESCRIPTIONS = {
    "format": "Версия формата содержимого; всегда 1.",
    "kind": "Вид файла: organization, order, plan или regulation.",
    "organization:name": "Наименование организации в именительном падеже, как печатается.",
    "name_genitive": "Наименование в родительном падеже: «приказ …», «Приложение к приказу …».",
    "letterhead": "Строки бланка над видом документа, как печатаются.",
    "place": "Место издания (печатается под датой и номером), например «г. Новосибирск».",
    "municipality": "Муниципальное образование: по нему проверка сверяет названия в тексте.",
    "style": "Оформление документов организации.",
    "style.doc_type": "Вид документа над датой: «ПРИКАЗ» или вразрядку «П Р И К А З».",
    "style.command": "Распорядительное слово после преамбулы: «ПРИКАЗЫВАЮ:» (в кавычках из-за двоеточия).",
    "style.date": "Дата приказа: numeric — «28.02.2020»; long — «28 февраля 2020 г.»; long_zero — «05 февраля …».",
    "style.command_position": "paragraph — «ПРИКАЗЫВАЮ:» отдельным абзацем; run-in — в конце преамбулы.",
    "style.amendment_items": "Подпункты приказа о внесении изменений: capital — «1.1. Пункт …»; "
    "lower — «1.1. пункт …».",
    "style.annex_header": "Шапка приложений: annex — «Приложение к приказу …»; approved — «УТВЕРЖДЕН приказом …».",
    "signatories": "Подписанты: ключ (на него ссылается приказ) → должность и имя.",
    "position": "Должность подписанта: строки, как печатаются.",
    "signatories.*.name": "Инициалы и фамилия подписанта, как печатаются.",
    "signature.name": "Инициалы и фамилия подписанта, как печатаются.",
    "signature": "Подпись под документом: должность и имя.",
    "abbreviations": "Сокращения, которые организация не расшифровывает в тексте (региональные органы, "
    "общеизвестные учреждения): prikaz check не считает их нерасшифрованными.",
    "units": "Реестр ответственных исполнителей: графа «Ответственные» планов ссылается на name.",
    "units.name": "Исполнитель, как печатается в плане (часто сокращение).",
    "units.full": "Полное наименование исполнителя (расшифровка сокращения).",
    "id": "Идентификатор: уникален в организации, из него — имя файла; буквы, цифры, «-», «_», «.».",
    "order:date": "Дата приказа: ГГГГ-ММ-ДД.",
    "number": 'Номер, как печатается; всегда в кавычках: "427".',
    "order:title": "Заголовок приказа («Об утверждении …»); у приказа о внесении изменений составляется сам.",
    "plan:title": "Наименование плана.",
    "regulation:title": "Наименование положения.",
    "title": "Заголовок.",
    "preamble": "Преамбула: текст перед «ПРИКАЗЫВАЮ:».",
    "points": "Пункты; номера prikaz ставит сам.",
    "text": "Текст: строка (абзац) или список абзацев и блоков (bullets, heading, lead).",
    "signatory": "Подписант: ключ из signatories в organization.yaml.",
    "annexes": "Документы, которые утверждает приказ (приложения), по порядку: id или document с шапкой.",
    "annexes.document": "id плана или положения.",
    "annexes.header": "Шапка этого приложения: annex или approved (иначе — из style).",
    "annexes.printed_header": "Шапка, как она напечатана в исходнике: только для проверки, не печатается.",
    "amendment": "Приказ о внесении изменений: какую редакцию какой заменяет.",
    "amendment.old": "id изменяемой редакции.",
    "amendment.new": "id редакции, которую вводит приказ.",
    "amendment.form": "auto — перечень изменений или новая редакция по доле изменений; changes; new-edition.",
    "sealed": "Контрольные суммы утверждённого содержимого (пишет prikaz seal); не изменяйте.",
    "period": "Годы действия плана: по ним проверяются сроки.",
    "period.from": "Первый год, четыре цифры.",
    "period.to": "Последний год, четыре цифры.",
    "note": "Пояснительная записка перед таблицей.",
    "note.title": "Заголовок пояснительной записки.",
    "table_title": "Заголовок над таблицей плана.",
    "columns": "Графы таблицы: четыре заголовка (номер, мероприятие, срок, ответственные) "
    "или список граф с ролями (role: number, measure, deadline, responsible, start, end, result, "
    "indicator, funding_source, amount, quarter, custom).",
    "columns.role": "Роль графы: что в ней стоит и как её проверять (docs/content-format.md).",
    "columns.title": "Заголовок графы, как печатается (по умолчанию — по роли).",
    "columns.key": "Ключ, под которым мероприятия хранят значение графы (для quarter и custom обязателен).",
    "columns.width": "Ширина графы в сантиметрах (иначе — по роли; графа мероприятия занимает остаток).",
    "total": "Строка «Итого по разделу»: значения граф (ключ графы → значение), например amount.",
    "column_numbers": "Строка «1 2 3 4» под шапкой таблицы.",
    "responsible_separator": 'Как разделять нескольких ответственных: ", " или "\\n" (каждого с новой строки).',
    "numbering": "Схема нумерации разделов и мероприятий.",
    "numbering.sections": "numbered — разделы с номерами; unnumbered — без номеров.",
    "numbering.measures": "hierarchical — 1.1, 1.1.1; restart — 1, 2, … в каждом разделе.",
    "numbering.trailing_dot": "Точка после номера: «1.1.» или «1.1».",
    "layout": "Раскладка таблицы.",
    "layout.table_per_section": "Отдельная таблица на каждый раздел верхнего уровня.",
    "sections": "Разделы плана; номера prikaz ставит сам.",
    "sections.title": "Наименование раздела.",
    "numbered": "false — этот раздел без номера.",
    "passport": "Блоки перед мероприятиями раздела («Цели», «Задачи» …).",
    "passport.label": "Заголовок блока («Цели»).",
    "measures": "Мероприятия; вложенные — до трёх уровней.",
    "deadline": "Срок, как печатается: «Февраль-март 2020», «в течение года».",
    "responsible": "Ответственные: имена из реестра units организации.",
    "note.text": "Текст пояснительной записки.",
    "measures.note": "Примечание к мероприятию.",
    "reason": "Обоснование изменения для сравнительной таблицы (не печатается).",
    "edition": "Редакция: какую редакцию продолжает этот файл.",
    "edition.follows": "id предыдущей редакции.",
    "edition.kind": "original — первоначальная; new — новая редакция; amendment — с изменениями (номера заморожены).",
    "edition.illustrative": "Пример, а не настоящий документ.",
    "typography": "typeset — «ёлочки», тире и неразрывные пробелы ставит prikaz; "
    "as-written — текст печатается точно как набран.",
    "measures.responsible_separator": "Разделитель ответственных этого мероприятия, если не такой, как у плана.",
    "trailing_dot": "Точка после номера пункта: «1.1.» (по умолчанию) или «1.1».",
    "chapters": "Главы положения.",
    "chapters.title": "Наименование главы.",
    "clauses": "Пункты; номера prikaz ставит сам.",
    "definitions": "Определения: «термин – определение».",
    "definitions.term": "Термин.",
    "definitions.definition": "Определение.",
    "bullets": "Маркированный список: строки.",
    "marker": 'Маркер списка: «–» (по умолчанию), «-», «•» или "" (без маркера).',
    "heading": "Отдельный заголовок полужирным.",
    "lead": "Полужирное вступление абзаца («Цель системы»).",
    "lead.text": "Текст абзаца после вступления.",
}


def content_schema() -> dict:
    """One schema for every file of the content: the frame picks the kind's definition."""
    exploration = start_exploration()
    kinds = {}
    for kind, reader in load.READERS.items():
        problems: list = []
        shape = Shape()
        probe = Probe({}, Pos("<schema>"), shape=shape)
        shape.add("format", "format", {"enum": [load.FORMAT_VERSION, int(load.FORMAT_VERSION)]}, True)
        shape.add("kind", "kind", {"const": kind}, True)
        fields = Fields(probe, problems)
        reader(fields)
        fields.done()
        kinds[kind] = {"description": KINDS[kind], **shape.schema()}
    definitions = {**exploration.definitions}
    for kind, schema in kinds.items():
        _describe(schema, kind)
        definitions[kind] = schema
    for schema in exploration.definitions.values():
        _describe(schema, "")
    _share(definitions)
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": f"Содержимое prikaz, формат {load.FORMAT_VERSION}",
        "description": "Файл организации, приказа, плана или положения (docs/content-format.md).",
        "type": "object",
        "required": ["format", "kind"],
        "properties": {
            "format": {"description": DESCRIPTIONS["format"]},
            "kind": {"enum": list(kinds), "description": DESCRIPTIONS["kind"]},
        },
        "allOf": [
            {
                "if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
                "then": {"$ref": f"#/definitions/{kind}"},
            }
            for kind in kinds
        ],
        "definitions": definitions,
    }


def schema_text() -> str:
    return json.dumps(content_schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _describe(node, kind: str) -> None:
    """Replace the loader's names of keys ("x-name") with Russian descriptions."""
    if isinstance(node, list):
        for item in node:
            _describe(item, kind)
    elif isinstance(node, dict):
        name = node.pop("x-name", None)
        if name is not None:
            text = description(name, kind)
            if text:
                node["description"] = text
        for value in node.values():
            _describe(value, kind)


def _share(definitions: dict) -> None:
    """Write a large part that occurs more than once (text, a nested measure) once, as a definition."""
    counts: dict[str, int] = {}

    def count(schema) -> None:
        if isinstance(schema, dict):
            counts[_key(schema)] = counts.get(_key(schema), 0) + 1
            for _, child in _children(schema):
                count(child)

    for schema in definitions.values():
        count(schema)
    names = {_key(schema): name for name, schema in definitions.items()}

    def replace(schema, where: str, top: bool = False):
        if not isinstance(schema, dict):
            return schema
        key = _key(schema)
        if not top and (key in names or (counts[key] > 1 and len(key) > SHARED_SIZE)):
            if key not in names:
                names[key] = name = _free_name(where, definitions)
                definitions[name] = {}  # the name is taken before the parts inside are named
                definitions[name] = replace(schema, where, top=True)
            return {"$ref": f"#/definitions/{names[key]}"}
        result = dict(schema)
        for path, child in _children(schema):
            _put(result, path, replace(child, path[-1] if path[0] == "properties" else where))
        return result

    for name in list(definitions):
        definitions[name] = replace(definitions[name], name, top=True)


# Where a sub-schema sits in its parent: a property by its name, `items` or
# `additionalProperties`, or one of the choices of anyOf/oneOf/allOf by its index.
SchemaPath = (
    tuple[Literal["properties"], str]
    | tuple[Literal["items", "additionalProperties"]]
    | tuple[Literal["anyOf", "oneOf", "allOf"], int]
)


def _children(schema: dict) -> Iterator[tuple[SchemaPath, object]]:
    """(path, sub-schema) of the keywords that hold schemas."""
    for key, value in schema.get("properties", {}).items():
        yield ("properties", key), value
    for keyword in ("items", "additionalProperties"):
        if isinstance(schema.get(keyword), dict):
            yield (keyword,), schema[keyword]
    for keyword in ("anyOf", "oneOf", "allOf"):
        for index, value in enumerate(schema.get(keyword, ())):
            yield (keyword, index), value


def _put(schema: dict, path: SchemaPath, value) -> None:
    if len(path) == 1:
        schema[path[0]] = value
    elif path[0] == "properties":
        schema["properties"] = {**schema["properties"], path[1]: value}
    else:
        schema[path[0]] = [value if i == path[1] else v for i, v in enumerate(schema[path[0]])]


SHARED_SIZE = 400  # characters of JSON: smaller parts are clearer written in place


def _key(node) -> str:
    return json.dumps(node, ensure_ascii=False, sort_keys=True)


def _free_name(base: str, taken: dict) -> str:
    return next(f"{base}{i or ''}" for i in range(len(taken) + 1) if f"{base}{i or ''}" not in taken)


def description(name: str, kind: str = "") -> str | None:
    parts = name.split(".")
    candidates = [f"{kind}:{name}"] if kind else []
    candidates += [".".join(parts[i:]) for i in range(len(parts))]
    candidates += [".".join(("*" if i == 1 else p) for i, p in enumerate(parts))]
    return next((DESCRIPTIONS[c] for c in candidates if c in DESCRIPTIONS), None)


def modeline(schema_path: str) -> str:
    """The first line of a YAML file that tells yaml-language-server where its schema is."""
    return f"{MODELINE}{schema_path}\n"


def with_schema(files: dict[str, str]) -> dict[str, str]:
    """An organization folder's files (name → YAML text), each YAML file pointing editors at
    the schema, which is written beside organization.yaml."""
    result = {}
    for name, text in files.items():
        if name.endswith((".yaml", ".yml")) and not text.startswith(MODELINE):
            relative = "../" * name.count("/") + SCHEMA_FILE
            text = modeline(relative) + text
        result[name] = text
    return {**result, SCHEMA_FILE: schema_text()}
