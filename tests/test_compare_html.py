"""The lawyer's comparison page, opened in a real headless Chromium."""

from __future__ import annotations

import re

import pytest
from conftest import run_prikaz
from pixels import CHROMIUM, NO_CHROMIUM, PAGES, SHARE, assert_looks_like_reference, chromium, differing_share, prepare

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    out = tmp_path_factory.mktemp("diff")
    result = run_prikaz(
        "diff", "content/novosibirsk/plan-2020.yaml", "content/novosibirsk/plan-2020-ed2.yaml", "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    return out / "novosibirsk" / "plan-2020-ed2.comparison.html"


def test_every_change_is_shown_in_the_rendered_page(page, tmp_path):
    dom = chromium("--dump-dom", page.as_uri(), profile=tmp_path / "profile").stdout
    rows = re.findall(r'<tr id="change-(\d+)">', dom)
    assert rows == [str(n) for n in range(1, 7)]  # the row the «по тексту» item changes has no item of its own
    assert "<del>Март</del>" in dom and "<ins>Апрель</ins>" in dom
    assert "По итогам ВПР осенью 2019 года" in dom  # the reason column
    assert "http" not in dom.split("<body>")[1]  # self-contained: no outside links


def test_screenshot_of_the_page(page, tmp_path):
    shot = tmp_path / "comparison.png"
    chromium("--window-size=1280,900", f"--screenshot={shot}", page.as_uri(), profile=tmp_path / "profile")
    assert_looks_like_reference(shot, "comparison-page", 640, tmp_path)


def test_the_comparison_table_is_a_formal_attachment_with_its_pdf(tmp_path):
    from pypdf import PdfReader

    result = run_prikaz(
        "diff",
        "content/novosibirsk/plan-2020.yaml",
        "content/novosibirsk/plan-2020-ed2.yaml",
        "-o",
        str(tmp_path),
        "--pdf",
    )
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "novosibirsk" / "plan-2020-ed2.comparison.pdf"
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(str(pdf)).pages]
    assert len(pages) >= 2
    first = pages[0]
    # the documents and the amending order by title, date and number; no ids of the content
    assert "изменений, вносимых в план мероприятий (дорожную карту) по повышению" in first
    assert "приказом департамента образования мэрии города Новосибирска от 15.04.2020 № 0415-09" in first
    assert "plan-2020" not in " ".join(pages) and "годы.:" not in first
    assert pages[1].startswith("2 ")  # the page number from page 2, at the top
    text = " ".join(pages).replace("- ", "-")  # words broken in the narrow column
    assert "Исключен" in text and "Раздел «Нормативно-правовое обеспечение», пункт 5" in text


def test_one_changed_word_is_beyond_the_screenshot_tolerance(page, tmp_path):
    """The tolerance of tests/pixels.py is tight enough to see a single word replaced."""
    from PIL import Image

    if not (PAGES / "comparison-page.png").is_file():
        pytest.skip("no reference yet: make golden")
    changed = tmp_path / "changed.html"  # the page is self-contained: it can be moved
    changed.write_text(
        page.read_text(encoding="utf-8").replace("<ins>Апрель</ins>", "<ins>Июнь</ins>", 1), encoding="utf-8"
    )
    shot = tmp_path / "changed.png"
    chromium("--window-size=1280,900", f"--screenshot={shot}", changed.as_uri(), profile=tmp_path / "profile")
    with Image.open(PAGES / "comparison-page.png") as reference:
        assert differing_share(prepare(shot, 640), reference.convert("L")) > SHARE
