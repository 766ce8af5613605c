"""The accusative of a document's title kept between runs: the same answers cold and warm,
a kept answer is what is used, and a damaged file is asked again."""

from __future__ import annotations

import pytest

from generator import cache, grammar

TITLES = [
    "План мероприятий («дорожная карта») по повышению качества образования",
    "Положение о муниципальной системе оценки качества образования",
    "ДОРОЖНАЯ КАРТА по развитию МСОКО",
    "Порядок проведения мониторинга",
    "Перечень показателей",
]


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("PRIKAZ_CACHE_DIR", str(tmp_path))
    grammar._answers.cache_clear()  # a new run: the kept answers are read again
    yield tmp_path
    grammar._answers.cache_clear()


def _kept_file(folder):
    (path,) = folder.glob("accusative-*.json")
    return path


def test_the_same_answers_cold_and_warm(folder):
    cold = [grammar.name_in_accusative(t) for t in TITLES]
    assert cold[0].accusative.startswith("план мероприятий («дорожную карту»)")
    assert cold[1].participle == "утвержденное"
    grammar._answers.cache_clear()
    warm = [grammar.name_in_accusative(t) for t in TITLES]
    assert warm == cold


def test_a_kept_answer_is_what_is_used(folder):
    grammar.name_in_accusative(TITLES[1])
    grammar._answers.cache_clear()
    cache.write(_kept_file(folder).name, '{"%s": "особое положение\\nneut"}'.encode() % TITLES[1].encode())
    named = grammar.name_in_accusative(TITLES[1])
    assert (named.accusative, named.participle, named.gender) == ("особое положение", "утвержденное", "neut")


def test_a_damaged_file_is_asked_again(folder):
    first = grammar.name_in_accusative(TITLES[0])
    grammar._answers.cache_clear()
    path = _kept_file(folder)
    path.write_bytes(path.read_bytes()[:-5])
    assert grammar.name_in_accusative(TITLES[0]) == first
