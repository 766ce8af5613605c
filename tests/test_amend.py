"""Amendment wording: the formulas of real amendment orders, frozen numbers, the order itself."""

from __future__ import annotations

import dataclasses

from conftest import docx_paragraphs, docx_table_rows, normalize, run_prikaz
from factories import measure, plan, section, twenty

from generator import model as m
from generator.amend import accusative, wording
from generator.diff import diff
from generator.editions import carry_numbers, path_numbers, with_numbers
from generator.numbering import NumberedMeasure, plan_outline


def words_for(old, new):
    result = diff(old, new)
    old_numbers = path_numbers(old)
    new_numbers = carry_numbers(old_numbers, result, new)
    return wording(old, new, result, old_numbers, new_numbers), new_numbers


def second_section(old):
    return plan(section("Первый", measure("Нулевой пункт")), old.sections[0])


def test_inserting_one_row_into_twenty_is_one_addition_with_a_suffix_number():
    old = second_section(plan(twenty()))
    rows = list(old.sections[1].measures)
    rows.insert(7, measure("Новое мероприятие по оценке качества"))
    second = dataclasses.replace(old.sections[1], measures=tuple(rows))
    new = dataclasses.replace(old, sections=(old.sections[0], second))
    items, numbers = words_for(old, new)
    assert [i.text for i in items] == ["после пункта 2.7 дополнить пунктом 2.7.1 следующего содержания:"]
    assert items[0].rows == [["«2.7.1", "Новое мероприятие по оценке качества", "2021", "ОО»."]]
    frozen = [i.number for i in plan_outline(with_numbers(new, numbers)) if isinstance(i, NumberedMeasure)]
    assert frozen == ["1.1"] + [f"2.{k}" for k in range(1, 8)] + ["2.7.1"] + [f"2.{k}" for k in range(8, 21)]


def test_a_row_added_at_the_end_continues_past_a_removed_number():
    old = second_section(plan(twenty()))
    rows = list(old.sections[1].measures)[:-1] + [measure("Итоговое совещание", deadline="2022", units=("ИМЦ",))]
    second = dataclasses.replace(old.sections[1], measures=tuple(rows))
    new = dataclasses.replace(old, sections=(old.sections[0], second))
    items, _ = words_for(old, new)
    texts = [i.text for i in items]
    assert "пункт 2.20 исключить." in texts
    assert "раздел 2 дополнить пунктом 2.21 следующего содержания:" in texts


def test_a_row_rewritten_in_place_keeps_its_number():
    # The text is entirely new, the deadline and the units stayed: the same measure restated.
    old = second_section(plan(twenty()))
    rows = list(old.sections[1].measures)
    rows[1] = dataclasses.replace(rows[1], text=(m.Paragraph("Совсем иной текст о семинарах для педагогов"),))
    new = dataclasses.replace(
        old, sections=(old.sections[0], dataclasses.replace(old.sections[1], measures=tuple(rows)))
    )
    items, _ = words_for(old, new)
    assert [i.text for i in items] == ["пункт 2.2 изложить в следующей редакции:"]


def test_a_clause_rewritten_between_kept_neighbours_keeps_its_number():
    clause = lambda t: m.Clause(text=(m.Paragraph(t),))  # noqa: E731
    texts = ["Первый пункт о целях.", "Второй пункт о задачах.", "Третий пункт о принципах."]
    old = m.Regulation(id="r", title="Положение", chapters=(m.Chapter("Общие", clauses=tuple(map(clause, texts))),))
    new = dataclasses.replace(
        old,
        chapters=(
            m.Chapter(
                "Общие", clauses=(clause(texts[0]), clause("Совершенно новые слова иного смысла."), clause(texts[2]))
            ),
        ),
    )
    items, _ = words_for(old, new)
    assert [i.text for i in items] == ["пункт 1.2 изложить в следующей редакции:"]
    assert items[0].quote == ["«1.2. Совершенно новые слова иного смысла.»."]


def test_fragment_and_whole_row_forms():
    old = plan(
        section(
            "Р",
            measure("Проведение семинаров для учителей", deadline="Март 2020"),
            measure("Анализ результатов", deadline="2021"),
        )
    )
    new = plan(
        section(
            "Р",
            measure("Проведение семинаров для учителей", deadline="Апрель 2020"),
            measure("Совершенно другое содержание строки о работе", deadline="2023", units=("ИМЦ",)),
        )
    )
    items, _ = words_for(old, new)
    assert [i.text for i in items] == [
        "в графе «Срок исполнения» пункта 1.1 слово «Март» заменить словом «Апрель».",
        "пункт 1.2 исключить.",
        "раздел 1 дополнить пунктом 1.3 следующего содержания:",
    ]


def test_removing_consecutive_rows_is_one_item_and_the_verb_is_a_setting():
    from generator.amend import Settings

    old = plan(twenty())
    rows = list(old.sections[0].measures)
    new = plan(section("Раздел", *(rows[:3] + rows[5:])))
    result = diff(old, new)
    numbers = path_numbers(old)
    items = wording(old, new, result, numbers, carry_numbers(numbers, result, new))
    assert [i.text for i in items] == ["пункты 1.4 и 1.5 исключить."]
    repeal = wording(
        old,
        new,
        result,
        numbers,
        carry_numbers(numbers, result, new),
        Settings(removal="признать утратившим силу", row_word="строка"),
    )
    assert [i.text for i in repeal] == ["строки 1.4 и 1.5 признать утратившими силу."]


def test_a_unit_renamed_everywhere_is_one_throughout_item():
    rows = [measure(f"Мероприятие {w}", units=("МОУО", "ИМЦ")) for w in ("один", "два", "три")]
    old = plan(section("Р", *rows))
    new = plan(section("Р", *[dataclasses.replace(r, responsible=("МОУО", "Методический центр")) for r in rows]))
    items, _ = words_for(old, new)
    assert [i.text for i in items] == ["по тексту слово «ИМЦ» заменить словами «Методический центр»."]


def test_a_new_section_is_added_with_its_rows():
    old = plan(section("Р", measure("a")))
    new = plan(section("Р", measure("a")), section("Новый раздел", measure("b"), measure("c")))
    items, _ = words_for(old, new)
    assert items[0].text == "дополнить разделом 2 следующего содержания:"
    assert [r[:2] for r in items[0].rows] == [["«", "2. Новый раздел"], ["2.1", "b"], ["2.2", "c"]]


def test_regulation_clauses_are_quoted_and_repealed():
    clause = lambda t: m.Clause(text=(m.Paragraph(t),))  # noqa: E731
    old = m.Regulation(
        id="r",
        title="Положение",
        chapters=(
            m.Chapter(
                "Общие",
                clauses=(clause("Первый пункт."), clause("Второй пункт."), clause("Третий пункт про мониторинг.")),
            ),
        ),
    )
    new = dataclasses.replace(
        old,
        chapters=(
            m.Chapter(
                "Общие",
                clauses=(clause("Первый пункт."), clause("Третий пункт про мониторинг школ района.")),
            ),
        ),
    )
    items, _ = words_for(old, new)
    assert [i.text for i in items] == [
        "пункт 1.2 признать утратившим силу.",
        "в пункте 1.3 после слов «пункт про мониторинг» дополнить словами «школ района».",
    ]


def test_plan_titles_go_into_the_accusative():
    expected = "план мероприятий («дорожную карту») по развитию"
    assert accusative("План мероприятий («дорожная карта») по развитию") == expected


# --- the bundled illustrative edition, through the command line ------------------------------


def test_the_amendment_order_is_built_from_the_two_bundled_editions(built):
    path = built / "novosibirsk" / "order-2020-0415.docx"
    paragraphs = [normalize(p) for p in docx_paragraphs(path)]
    title = (
        "О внесении изменений в приказ департамента образования мэрии города Новосибирска "
        "от 28.02.2020 № 0212-09 а «Об утверждении плана мероприятий (дорожной карты) по повышению "
        "показателей качества образовательных результатов обучающихся на 2020 год»"
    )
    assert title in paragraphs
    assert any(
        p.startswith("1. Внести в план мероприятий (дорожную карту)") and p.endswith("следующие изменения:")
        for p in paragraphs
    )
    assert "1.1. По тексту слова «МКУДПО ГЦИ «Эгида»» заменить словами «МАУ ДО ГЦИ «Эгида»»." in paragraphs
    assert "1.4. В разделе «Нормативно-правовое обеспечение» пункт 5 исключить." in paragraphs
    assert any(p.startswith("2. Контроль исполнения приказа") for p in paragraphs)
    quoted = [[normalize(c) for c in r] for r in docx_table_rows(path) if len(r) == 4]
    assert [
        "«3.1",
        "Проведение собеседований с руководителями ОО, показавших низкие результаты по итогам "
        "всероссийских проверочных работ",
        "Апрель-май 2020",
        "МОУО, ОО».",
    ] in quoted


def test_the_amended_edition_keeps_its_numbers_and_says_which_orders_amended_it(built):
    path = built / "novosibirsk" / "plan-2020-ed2.docx"
    paragraphs = [normalize(p) for p in docx_paragraphs(path)]
    assert "(в ред. приказа от 15.04.2020 № 0415-09)" in paragraphs
    assert "от 28.02.2020 № 0212-09 а" in paragraphs
    numbers = [normalize(r[0]) for r in docx_table_rows(path) if len(r) == 4][1:12]
    assert numbers == ["1", "2", "3", "3.1", "4", "5", "6", "7", "1", "2", "4"]


def test_cli_diff_amend_and_editions(tmp_path):
    old, new = "content/novosibirsk/plan-2020.yaml", "content/novosibirsk/plan-2020-ed2.yaml"
    result = run_prikaz("diff", old, new, "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "добавлено: 2" in result.stdout and "исключено: 1" in result.stdout
    html = (tmp_path / "novosibirsk" / "plan-2020-ed2.comparison.html").read_text(encoding="utf-8")
    assert html.count('<tr id="change-') == 6 and "<del>Март</del>" in html and "<ins>Апрель</ins>" in html
    assert (tmp_path / "novosibirsk" / "plan-2020-ed2.comparison.docx").stat().st_size > 0
    result = run_prikaz("amend", old, new, "--order", "content/novosibirsk/order-2020-0415.yaml", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "novosibirsk" / "order-2020-0415.docx").is_file()
    result = run_prikaz(
        "amend",
        old,
        new,
        "--order",
        "content/novosibirsk/order-2020-0415.yaml",
        "--form",
        "new-edition",
        "-o",
        str(tmp_path / "b"),
    )
    assert result.returncode == 0, result.stderr
    paragraphs = [normalize(p) for p in docx_paragraphs(tmp_path / "b" / "novosibirsk" / "order-2020-0415.docx")]
    assert any("в новой редакции согласно приложению к настоящему приказу" in p for p in paragraphs)
    assert "от 15.04.2020 № 0415-09" in paragraphs  # the annex header of the new edition
    result = run_prikaz("editions", new)
    assert result.returncode == 0
    second = result.stdout.splitlines()[1]
    assert second.startswith("2. plan-2020-ed2 — с изменениями (иллюстративная); приказ от 15.04.2020")
    result = run_prikaz("diff", old, "content/novosibirsk/order-2020-0415.yaml", "-o", str(tmp_path))
    assert result.returncode == 2 and "Traceback" not in result.stderr  # a wrong pair: the user's mistake
    assert "укажите два файла редакций одного плана, положения или приказа" in result.stderr


def test_a_row_inserted_after_an_inserted_row_continues_its_suffix():
    # The second amendment: 2.7.1 came in with the first; a row after it is 2.7.2.
    from generator.editions import carry_numbers as carry

    old = second_section(plan(twenty()))
    rows = list(old.sections[1].measures)
    rows.insert(7, measure("Первое вставленное мероприятие о мониторинге"))
    first = dataclasses.replace(
        old, sections=(old.sections[0], dataclasses.replace(old.sections[1], measures=tuple(rows)))
    )
    first_numbers = carry(path_numbers(old), diff(old, first), first)
    rows.insert(8, measure("Второе вставленное мероприятие об анализе"))
    second = dataclasses.replace(
        first, sections=(first.sections[0], dataclasses.replace(first.sections[1], measures=tuple(rows)))
    )
    result = diff(first, second)
    numbers = carry(first_numbers, result, second)
    items = wording(first, second, result, first_numbers, numbers)
    assert [i.text for i in items] == ["после пункта 2.7.1 дополнить пунктом 2.7.2 следующего содержания:"]
