"""Screenshots against reference images in tests/golden/pages/, with a tolerance.

Both images are made grey (16 levels, so a reference is a few tens of KB), scaled to a
fixed width and blurred a little, then compared pixel by pixel: a pixel differs when its
grey level moves by more than `LEVEL` (of 255); the test fails when more than `SHARE` of
the pixels differ.

Why these numbers (measured on the comparison page at 640 px wide): two runs of the same
Chromium or pdftoppm give identical pixels (share 0); replacing one word («Апрель» →
«Июнь») changes 0.09 %, «года» → «г.» 0.05 %. The blur (radius 1) and a level of 24 (more
than one of the 16 grey steps) absorb the sub-pixel shifts of anti-aliased glyph edges a
different font hinting or renderer build may cause; a share of 0.02 % (~60 pixels of a
640×450 image, less than one short word) still catches a changed word, a wrapped line, a
lost border or a moved row.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from conftest import GOLDEN, UPDATE_GOLDEN

PAGES = GOLDEN / "pages"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NO_CHROMIUM = "нет Chromium (пакет Debian chromium): make setup"
# Headless, offline, with nothing of a user profile: the same page renders the same.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess:
    """Headless Chromium with its own profile folder (`--dump-dom URL`, `--screenshot=…`)."""
    return subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=120
    )


LEVEL = 24
SHARE = 0.0002


def prepare(path: Path, width: int):
    """The screenshot grey and scaled to `width` pixels: small enough to check in."""
    from PIL import Image

    with Image.open(path) as opened:
        image = opened.convert("L")
    height = round(image.height * width / image.width)
    return image.resize((width, height), Image.Resampling.LANCZOS).point(lambda v: v // 16 * 17)


def _save(image, path: Path) -> None:
    """16 grey levels as a 4-bit palette PNG: a page is 10–30 KB."""
    from PIL import Image

    indexed = Image.frombytes("P", image.size, image.point(lambda v: v // 17).tobytes())
    indexed.putpalette([level * 17 for level in range(16) for _ in range(3)])
    indexed.save(path, optimize=True, bits=4)


def differing_share(actual, reference) -> float:
    from PIL import ImageChops, ImageFilter

    if actual.size != reference.size:
        return 1.0
    blur = ImageFilter.GaussianBlur(1)
    difference = ImageChops.difference(actual.filter(blur), reference.filter(blur))
    histogram = difference.histogram()
    return sum(histogram[LEVEL + 1 :]) / (actual.width * actual.height)


def assert_looks_like_reference(screenshot: Path, name: str, width: int, keep: Path) -> None:
    """Compare with tests/golden/pages/<name>.png; PRIKAZ_UPDATE_GOLDEN=1 rewrites it.

    On a failure the scaled screenshot and a difference image are left in `keep`.
    """
    from PIL import Image, ImageChops

    actual = prepare(screenshot, width)
    reference_path = PAGES / f"{name}.png"
    if UPDATE_GOLDEN:
        PAGES.mkdir(parents=True, exist_ok=True)
        _save(actual, reference_path)
        return
    assert reference_path.is_file(), f"no reference {reference_path.name}: run `make golden` and review it"
    with Image.open(reference_path) as opened:
        reference = opened.convert("L")
    share = differing_share(actual, reference)
    if share > SHARE:
        actual.save(keep / f"{name}.actual.png")
        if actual.size == reference.size:
            ImageChops.invert(ImageChops.difference(actual, reference)).save(keep / f"{name}.difference.png")
        raise AssertionError(
            f"{name}: {share:.2%} of the pixels differ from the reference "
            f"(allowed {SHARE:.2%}; sizes {actual.size} and {reference.size}); "
            f"see {keep}; an intended change is accepted with `make golden`"
        )
