"""The user's cache folder: what is kept is read back exactly, and anything else — a
missing, damaged, truncated or unwritable copy — reads as no copy, never as an error."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import cache


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("PRIKAZ_CACHE_DIR", str(tmp_path))
    return tmp_path


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=2000))
def test_what_is_kept_is_read_back(data):
    with pytest.MonkeyPatch.context() as patch:
        import tempfile

        with tempfile.TemporaryDirectory() as where:
            patch.setenv("PRIKAZ_CACHE_DIR", where)
            cache.write("item", data)
            assert cache.read("item") == data


def test_nothing_kept_reads_as_none(folder):
    assert cache.read("never-written") is None


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty", "short"])
def test_a_damaged_copy_reads_as_none(folder, damage):
    cache.write("item", b"answer " * 100)
    path = folder / "item"
    kept = path.read_bytes()
    damaged = {
        "truncate": kept[:-10],
        "flip": kept[:-1] + bytes([kept[-1] ^ 1]),
        "empty": b"",
        "short": kept[:5],
    }[damage]
    path.write_bytes(damaged)
    assert cache.read("item") is None


def test_an_unwritable_folder_is_no_error(tmp_path, monkeypatch):
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("PRIKAZ_CACHE_DIR", str(tmp_path / "file" / "cache"))
    cache.write("item", b"data")
    assert cache.read("item") is None


def test_a_write_leaves_no_temporary_file(folder):
    cache.write("item", b"one")
    cache.write("item", b"two")
    assert cache.read("item") == b"two"
    assert sorted(p.name for p in folder.iterdir()) == ["item"]


def test_digest_separates_its_parts():
    assert cache.digest("ab", "c") != cache.digest("a", "bc")
    assert cache.digest("ab", "c") == cache.digest(b"ab", b"c")


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="XDG: Linux and the BSDs")
def test_the_default_folder_follows_the_platform_convention(monkeypatch, tmp_path):
    monkeypatch.delenv("PRIKAZ_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.folder() == tmp_path / "prikaz"
