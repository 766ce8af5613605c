"""The spelling rule's answers kept between runs: the same findings cold and warm, a
broken cache file ignored, and another dictionary reading another file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator import cache as cache_files
from generator.rules import spelling_cache
from generator.rules.spelling import available

PRIKAZ = Path(sys.executable).parent / "prikaz"

pytestmark = pytest.mark.skipif(not available(), reason="нет словаря hunspell ru_RU")

ORGANIZATION = (
    "format: 1\nkind: organization\nname: Отдел образования\nname_genitive: отдела образования\n"
    "letterhead: [Отдел образования]\nunits:\n  - name: Отдел образования\n"
)
# «педагагов» is one slip from «педагогов»; «измерений» is a word used once, known.
PLAN = (
    "format: 1\nkind: plan\nid: plan-1\ntitle: План мероприятий\nsections:\n  - title: Раздел\n"
    "    measures:\n"
    "      - text: Семинар для педагагов по методике измерений\n        deadline: Март 2021 г.\n"
    "        responsible: [Отдел образования]\n"
)


def check_json(folder: Path, cache: Path) -> list[dict]:
    done = subprocess.run(
        [str(PRIKAZ), "check", str(folder), "--format", "json"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PRIKAZ_CACHE_DIR": str(cache)},
    )
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def department(tmp_path: Path) -> Path:
    folder = tmp_path / "org"
    folder.mkdir()
    (folder / "organization.yaml").write_text(ORGANIZATION, encoding="utf-8")
    (folder / "plan.yaml").write_text(PLAN, encoding="utf-8")
    return folder


def test_the_same_findings_with_a_cold_and_a_warm_cache(department: Path, tmp_path: Path):
    cache = tmp_path / "cache"
    cold = check_json(department, cache)
    kept = list(cache.glob("spelling-*.json"))
    assert len(kept) == 1
    answers = json.loads(_kept(cache, kept[0]))
    assert answers["педагагов"] == "педагогов"
    assert check_json(department, cache) == cold
    assert any(f["code"] == "word-misspelt" and "педагогов" in f["message"] for f in cold)


def test_a_kept_answer_is_used_and_a_broken_file_is_ignored(department: Path, tmp_path: Path):
    cache = tmp_path / "cache"
    check_json(department, cache)
    kept = next(cache.glob("spelling-*.json"))
    # The cache is what the rule reads: an answer written there is what it reports.
    _keep(cache, kept, json.dumps({"педагагов": "педагогах"}, ensure_ascii=False).encode())
    assert any("педагогах" in f["message"] for f in check_json(department, cache))
    fresh = check_json(department, tmp_path / "fresh")
    _keep(cache, kept, b"{not json")
    assert check_json(department, cache) == fresh
    # Changed behind the cache's back (its digest no longer matches): read as no copy.
    _keep(cache, kept, json.dumps({"педагагов": "педагогах"}, ensure_ascii=False).encode())
    kept.write_bytes(kept.read_bytes().replace("педагогах".encode(), "педагогух".encode()))
    assert check_json(department, cache) == fresh


def _kept(folder: Path, file: Path) -> bytes:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PRIKAZ_CACHE_DIR", str(folder))
        data = cache_files.read(file.name)
    assert data is not None
    return data


def _keep(folder: Path, file: Path, data: bytes) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PRIKAZ_CACHE_DIR", str(folder))
        cache_files.write(file.name, data)


def test_another_dictionary_reads_another_file(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(spelling_cache, "_DICTIONARY_FOLDERS", (str(tmp_path),))
    before = spelling_cache._dictionaries_key()
    (tmp_path / "ru_RU.dic").write_text("1\nслово\n", encoding="utf-8")
    assert spelling_cache._dictionaries_key() != before


def test_another_version_of_a_library_reads_another_file(tmp_path: Path, monkeypatch):
    package = tmp_path / "fake_morphology"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "version.py").write_text('__version__ = "1.0"\n', encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(spelling_cache, "_VERSION_FILES", (("fake_morphology", "version.py"),))
    before = spelling_cache._dictionaries_key()
    assert spelling_cache._dictionaries_key() == before
    (package / "version.py").write_text('__version__ = "1.1"\n', encoding="utf-8")
    assert spelling_cache._dictionaries_key() != before
    monkeypatch.setattr(spelling_cache, "_VERSION_FILES", (("no_such_library_here", "version.py"),))
    assert spelling_cache._dictionaries_key() != before  # a library not installed is a state too


def test_an_unwritable_cache_folder_is_no_error(department: Path, tmp_path: Path):
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")  # a file where the folder should be
    assert check_json(department, blocked / "cache") == check_json(department, tmp_path / "ok")
