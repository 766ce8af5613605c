"""Amending orders on edition pairs made here: long titles, regulations' definitions, the
document named in the right case and gender, the forms of the sub-points."""

from __future__ import annotations

import docx
import pytest
from conftest import docx_paragraphs, normalize, run_prikaz
from edition_pairs import amending_order, organization_copy, second_edition

from generator.grammar import name_in_accusative
from generator.render.docx import PROPERTY_LIMIT, fit_property


def test_a_long_title_is_cut_at_a_word_in_the_property_and_kept_whole_in_the_text(tmp_path):
    folder = organization_copy(tmp_path, "noglik")
    long_title = "Об актуализации плана мероприятий " + " ".join(["по развитию системы оценки качества"] * 9)
    order_file = folder / "order-2020-427.yaml"
    text = order_file.read_text(encoding="utf-8")
    text = text.split("sealed:")[0]  # a copy of the content: not the sealed original
    title = text.split("title: ")[1].split("\n")[0]
    order_file.write_text(text.replace(title, f'"{long_title}"'), encoding="utf-8")
    plan = folder / "plan-msoko.yaml"
    second_edition(folder, "plan-msoko", "plan-msoko-ed2", [('"декабрь 2019"', '"январь 2020"')])
    order = amending_order(tmp_path, "order-2021-1", "15", signatory="renkevich")
    result = run_prikaz(
        "amend", str(plan), str(folder / "plan-msoko-ed2.yaml"), "--order", str(order), "-o", str(tmp_path / "out")
    )
    assert result.returncode == 0, result.stderr
    path = tmp_path / "out" / "noglik" / "order-2021-1.docx"
    core_title = docx.Document(str(path)).core_properties.title
    assert len(core_title) <= PROPERTY_LIMIT and core_title.endswith("…")
    assert core_title.startswith("О внесении изменения в приказ")
    assert any(long_title in normalize(p) for p in docx_paragraphs(path))
    result = run_prikaz("diff", str(plan), str(folder / "plan-msoko-ed2.yaml"), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("length", [254, 255, 256, 300, 1000])
def test_fit_property_cuts_only_what_is_too_long_and_never_inside_a_word(length):
    words = ("оценка качества образования муниципальной системы " * 40)[:length]
    fitted = fit_property(words)
    assert len(fitted) <= PROPERTY_LIMIT
    if len(words.strip()) <= PROPERTY_LIMIT:
        assert fitted == " ".join(words.split())
    else:
        assert fitted.endswith("…") and fitted[:-1].split()[-1] in words.split()


def test_a_changed_definition_of_a_regulation_is_worded_not_a_crash(tmp_path):
    folder = organization_copy(tmp_path, "taimyr")
    old = folder / "regulation-msoko.yaml"
    new = second_edition(
        folder,
        "regulation-msoko",
        "regulation-msoko-ed2",
        [
            (
                "definition: интегральный показатель, количественно определяющий",
                "definition: обобщенный показатель, количественно определяющий",
            ),
            (
                "          - term: критерий\n",
                "          - term: ключевой показатель\n            definition: показатель, "
                "по которому судят о достижении цели;\n          - term: критерий\n",
            ),
        ],
    )
    result = run_prikaz("diff", str(old), str(new), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "изменено: 1" in result.stdout


@pytest.mark.parametrize(
    ("title", "accusative", "participle"),
    [
        (
            "План мероприятий («дорожная карта») по развитию МСОКО",
            "план мероприятий («дорожную карту») по развитию МСОКО",
            "утвержденный",
        ),
        ("Дорожная карта по внедрению ФГОС", "дорожную карту по внедрению ФГОС", "утвержденную"),
        (
            "Положение о муниципальной системе оценки качества",
            "Положение о муниципальной системе оценки качества",
            "утвержденное",
        ),
        ("Порядок проведения мониторинга", "Порядок проведения мониторинга", "утвержденный"),
        (
            "ПРОГРАММА РАЗВИТИЯ ОБРАЗОВАНИЯ ГОРОДА НОВОСИБИРСКА НА 2024–2026 ГОДЫ",
            "программу развития образования города Новосибирска на 2024–2026 годы",
            "утвержденную",
        ),
        ("ПОЛОЖЕНИЕ О МСОКО", "Положение о МСОКО", "утвержденное"),
        (
            "Муниципальная программа «Развитие образования»",
            "муниципальную программу «Развитие образования»",
            "утвержденную",
        ),
        ("Правила приема обучающихся", "Правила приема обучающихся", "утвержденные"),
        (
            "Комплексный план мероприятий по повышению качества",
            "комплексный план мероприятий по повышению качества",
            "утвержденный",
        ),
    ],
)
def test_the_document_is_named_in_the_accusative_and_the_participle_agrees(title, accusative, participle):
    named = name_in_accusative(title)
    assert (named.accusative, named.participle) == (accusative, participle)
    assert "ё" not in named.participle


def test_the_lead_names_a_regulation_with_its_gender(tmp_path):
    folder = organization_copy(tmp_path, "taimyr")
    old = folder / "regulation-msoko.yaml"
    new = second_edition(
        folder,
        "regulation-msoko",
        "regulation-msoko-ed2",
        [
            (
                "Положение распространяется на муниципальные организации",
                "Положение распространяется на все муниципальные организации",
            )
        ],
    )
    org = folder / "organization.yaml"
    org.write_text(
        org.read_text(encoding="utf-8").replace(
            "signatories: {}", "signatories:\n  head:\n    position: [Начальник Управления]\n    name: И.И. Иванов"
        ),
        encoding="utf-8",
    )
    order = amending_order(tmp_path, "order-2021-2", "7", signatory="head")
    result = run_prikaz("amend", str(old), str(new), "--order", str(order), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    paragraphs = [normalize(p) for p in docx_paragraphs(tmp_path / "out" / "taimyr" / "order-2021-2.docx")]
    assert (
        "1. Внести в Положение о муниципальной системе оценки качества образования следующее изменение:" in paragraphs
    )
    assert any(p.startswith("1.1. В пункте 1.3 после слов") for p in paragraphs)


INSERTED_ROW = (
    """        deadline: "2 квартал 2020"
""",
    """        deadline: "2 квартал 2020"
        responsible:
          - "Отдел образования"
      - text: "Новое мероприятие по оценке."
        deadline: "3 квартал 2021"
""",
)


def test_check_and_show_use_the_frozen_numbers_of_an_amended_edition(tmp_path):
    # noglik's plan keeps printed numbers («1.6.») on some rows: counted afresh, a row
    # inserted before them would make 1.6 twice; frozen, the new row is 1.3.1.
    folder = organization_copy(tmp_path, "noglik")
    new = second_edition(folder, "plan-msoko", "plan-msoko-ed2", [INSERTED_ROW])
    result = run_prikaz("check", str(folder))
    assert "number-repeat" not in result.stdout + result.stderr
    shown = run_prikaz("show", str(new)).stdout.splitlines()
    numbers = [line.split()[0] for line in shown[2:9]]
    assert numbers == ["1.1", "1.2", "1.3", "1.3.1", "1.4", "1.5", "1.6."]


def test_edits_nobody_sees_in_print_make_no_item(tmp_path):
    folder = organization_copy(tmp_path, "noglik")
    old = folder / "plan-msoko.yaml"
    new = second_edition(
        folder,
        "plan-msoko",
        "plan-msoko-ed2",
        [
            ("«дорожной карты» по подготовке", '\\"дорожной карты\\" по подготовке'),  # quote style
            ("с учетом специфики", "с учётом  специфики"),  # ё and a double space
            ('"Ежегодно ноябрь"', '"Ежегодно  ноябрь "'),
            ('на 2019-2025 годы."', 'на 2019–2025 годы."'),  # a dash for a hyphen
            ('"Ежегодно октябрь"', '"Ежегодно в октябре"'),  # the one visible edit
        ],
    )
    result = run_prikaz("diff", str(old), str(new), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "изменено: 1," in result.stdout and "изменения оформления: " in result.stdout
    assert "Пунктов изменений: 1." in result.stdout
    html = (tmp_path / "out" / "noglik" / "plan-msoko-ed2.comparison.html").read_text(encoding="utf-8")
    assert html.count('<tr id="change-') == 1 and "октябре" in html


def test_a_second_amendment_cites_the_first_in_its_title_and_lead(tmp_path):
    folder = organization_copy(tmp_path, "noglik")
    second_edition(folder, "plan-msoko", "plan-msoko-ed2", [INSERTED_ROW])
    (folder / "order-2021-1.yaml").write_text(
        'format: 1\nkind: order\nid: order-2021-1\ndate: 2021-03-01\nnumber: "15"\n'
        "amendment: {old: plan-msoko, new: plan-msoko-ed2}\npreamble: В целях актуализации\n"
        "points:\n  - Контроль оставляю за собой.\nsignatory: renkevich\n",
        encoding="utf-8",
    )
    third = second_edition(
        folder,
        "plan-msoko-ed2",
        "plan-msoko-ed3",
        [('"Новое мероприятие по оценке."', '"Новое мероприятие по оценке и анализу."')],
        follows="plan-msoko-ed2",
    )
    order = amending_order(tmp_path, "order-2021-2", "31", date="2021-09-01", signatory="renkevich")
    result = run_prikaz(
        "amend", str(folder / "plan-msoko-ed2.yaml"), str(third), "--order", str(order), "-o", str(tmp_path / "out")
    )
    assert result.returncode == 0, result.stderr
    paragraphs = [normalize(p) for p in docx_paragraphs(tmp_path / "out" / "noglik" / "order-2021-2.docx")]
    title = next(p for p in paragraphs if p.startswith("О внесении"))
    assert title.endswith("(в редакции приказа от 1 марта 2021 г. № 15)")
    lead = next(p for p in paragraphs if p.startswith("1. Внести"))
    assert lead.startswith("1. Внести в план мероприятий («дорожную карту») по развитию")
    assert "утвержденный приказом" in lead and "(в редакции приказа от 1 марта 2021 г. № 15)" in lead
    # the row that the first amendment inserted is named by its frozen number
    assert "1.1. Пункт 1.3.1 изложить в следующей редакции:" in paragraphs


def order_edition(folder, edits):
    text = (folder / "order-2020-427.yaml").read_text(encoding="utf-8").split("sealed:")[0]
    text = text.replace(
        "id: order-2020-427\n", "id: order-2020-427-ed2\nedition:\n  follows: order-2020-427\n  kind: amendment\n"
    )
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    path = folder / "order-2020-427-ed2.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_points_of_an_order_are_amended(tmp_path):
    folder = organization_copy(tmp_path, "noglik")
    new = order_edition(
        folder,
        [
            (
                '  - "Контроль за выполнением данного приказа возложить на отдел образования (Ренкевич Л.М.)"',
                '  - "Контроль за выполнением данного приказа оставляю за собой."\n'
                '  - "Настоящий приказ вступает в силу со дня его подписания."',
            )
        ],
    )
    order = amending_order(tmp_path, "order-2021-5", "44", signatory="renkevich")
    result = run_prikaz(
        "amend", str(folder / "order-2020-427.yaml"), str(new), "--order", str(order), "-o", str(tmp_path / "out")
    )
    assert result.returncode == 0, result.stderr
    paragraphs = [normalize(p) for p in docx_paragraphs(tmp_path / "out" / "noglik" / "order-2021-5.docx")]
    assert any(
        p.startswith("О внесении изменений в приказ Департамента социальной политики")
        and p.endswith(
            "от 9 сентября 2020 г. № 427 «Об актуализации плана мероприятий («дорожной карты») по "
            "развитию муниципальной системы оценки качества образования и механизмов управления "
            "качеством образования»"
        )
        for p in paragraphs
    )
    assert "1.1. Пункт 3 изложить в следующей редакции:" in paragraphs
    assert "«3. Контроль за выполнением данного приказа оставляю за собой.»." in paragraphs
    assert "1.2. Приказ дополнить пунктом 4 следующего содержания:" in paragraphs
    assert "«4. Настоящий приказ вступает в силу со дня его подписания.»." in paragraphs
    # the amending order's own point follows its point 1
    assert any(p.startswith("2. Контроль за исполнением настоящего приказа") for p in paragraphs)
    refused = run_prikaz(
        "amend",
        str(folder / "order-2020-427.yaml"),
        str(new),
        "--order",
        str(order),
        "--form",
        "new-edition",
        "-o",
        str(tmp_path / "out"),
    )
    assert refused.returncode == 2 and "Traceback" not in refused.stderr


def test_an_amendment_of_the_amending_order_itself_is_refused_without_suggesting_it(tmp_path):
    folder = organization_copy(tmp_path, "noglik")
    (folder / "order-2021-5.yaml").write_text(
        'format: 1\nkind: order\nid: order-2021-5\ndate: 2021-03-01\nnumber: "44"\n'
        "amendment: {old: order-2021-5, new: plan-msoko}\npreamble: В целях актуализации\n"
        "points:\n  - Контроль оставляю за собой.\nsignatory: renkevich\n",
        encoding="utf-8",
    )
    result = run_prikaz("check", str(folder))
    assert result.returncode == 2
    message = next(
        line for line in result.stderr.splitlines() + result.stdout.splitlines() if "edition-unknown" in line
    )
    assert "«order-2021-5» не найдена" in message and "имелось в виду «order-2021-5»" not in message
