"""The files of a new department (`prikaz init`): an organization, an order, its plan.

Every field of organization.yaml carries a comment that says what it is for; the order
and the plan show the usual shape of each. The example's dates follow the day it is
created (the order today, the plan for next year), so it passes `prikaz check` as it is.
"""

from __future__ import annotations

import datetime as dt

ORGANIZATION = """\
format: 1               # версия формата содержимого; всегда 1
kind: organization      # вид файла: organization — организация (бланк, подписанты, исполнители)

# Наименование организации в именительном падеже, как оно печатается.
name: Управление образования администрации Примерного муниципального района
# То же в родительном падеже: «приказ Управления …», «Приложение к приказу Управления …».
name_genitive: Управления образования администрации Примерного муниципального района

# Строки бланка над словом «ПРИКАЗ» — каждая строка печатается отдельно, как написана.
letterhead:
  - Администрация Примерного муниципального района
  - Управление образования

place: с. Примерное     # место издания под датой и номером приказа (можно удалить)
municipality: Примерный муниципальный район  # муниципалитет: по нему check сверяет названия в тексте

# Оформление (можно удалить: тогда действуют значения, показанные здесь).
style:
  doc_type: ПРИКАЗ            # слово над датой: «ПРИКАЗ» или вразрядку «П Р И К А З»
  command: "ПРИКАЗЫВАЮ:"      # распорядительное слово; двоеточие внутри — поэтому в кавычках
  command_position: paragraph # paragraph — отдельным абзацем; run-in — в конце преамбулы
  date: long                  # дата приказа: long — «28 февраля 2020 г.»; numeric — «28.02.2020»;
                              # long_zero — «05 февраля 2020 г.»
  annex_header: annex         # шапка приложения: annex — «Приложение к приказу …»;
                              # approved — «УТВЕРЖДЕН приказом …»

# Кто подписывает: ключ (латиницей) → должность (строки, как печатаются) и имя.
# Приказ ссылается на ключ: signatory: head.
signatories:
  head:
    position:
      - Начальник Управления образования
    name: И.И. Иванов

# Реестр исполнителей: графа «Ответственные» в планах ссылается на name.
# name — как печатается в плане (часто сокращение), full — полное наименование (можно не писать).
units:
  - name: Управление образования
  - name: ОО
    full: общеобразовательные организации Примерного муниципального района
  - name: ММС
    full: муниципальная методическая служба
"""

ORDER = """\
format: 1
kind: order
id: order-{year}-1            # идентификатор: уникален в организации, из него — имя файла
date: {date}            # дата приказа, ГГГГ-ММ-ДД
number: "1"                   # номер, как печатается; всегда в кавычках
title: Об утверждении плана мероприятий по повышению качества образования на {next} год
preamble: В целях повышения качества образования в общеобразовательных организациях Примерного муниципального района,
points:                       # пункты приказа; номера 1, 2, … prikaz ставит сам
  - Утвердить план мероприятий по повышению качества образования на {next} год (далее – План) согласно приложению.
  - Руководителям общеобразовательных организаций обеспечить выполнение мероприятий Плана.
  - Контроль исполнения настоящего приказа оставляю за собой.
signatory: head               # ключ из signatories в organization.yaml
annexes:                      # документы, которые утверждает приказ (приложения), по порядку
  - plan-{next}
"""

PLAN = """\
format: 1
kind: plan
id: plan-{next}
title: План мероприятий по повышению качества образования на {next} год
period: {{from: "{next}", to: "{next}"}}   # годы действия: по ним check проверяет сроки
columns: ["№ п/п", "Мероприятие", "Срок", "Ответственные"]
sections:                     # разделы; номера разделов и мероприятий prikaz ставит сам
  - title: Организационные мероприятия
    measures:
      - text: Анализ результатов оценочных процедур {year} года
        deadline: январь {next} г.
        responsible: [Управление образования, ММС]   # имена из units в organization.yaml
      - text: Совещание руководителей общеобразовательных организаций по итогам анализа
        deadline: февраль {next} г.
        responsible: [Управление образования]
  - title: Методическое сопровождение
    measures:
      - text: Семинары для учителей по подготовке обучающихся к оценочным процедурам
        deadline: в течение года
        responsible: [ММС, ОО]
      - text: Мониторинг выполнения плана
        deadline: ежеквартально
        responsible: [Управление образования]
"""


def starter_files(today: dt.date) -> dict[str, str]:
    """File name → text of a new department's files."""
    values = {"date": today.isoformat(), "year": today.year, "next": today.year + 1}
    return {
        "organization.yaml": ORGANIZATION,
        f"order-{today.year}-1.yaml": ORDER.format(**values),
        f"plan-{today.year + 1}.yaml": PLAN.format(**values),
    }
