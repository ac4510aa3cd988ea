"""Every CJK character of every built page is in the shipped font, within budget (tests/unit/test_fonts.py says why)."""
from __future__ import annotations

from pathlib import Path

import pytest

from hightech_zones.build import fonts

ROOT = Path(__file__).resolve().parents[2]
BUDGET = 240_000  # bytes: one face for both editions, about 1,000 characters (the Chinese edit of issue 27 added about 80)


@pytest.fixture(scope="module", params=["", "zh_CN"], ids=["en", "zh_CN"])
def edition(request, built_html) -> Path:
    """Each edition's root: it ships the font of its own pages."""
    return built_html / request.param


@pytest.fixture(scope="module")
def shipped(edition) -> Path:
    font = edition / "_static" / fonts.TARGET
    assert font.is_file(), f"{font} is missing: the HTML build copies it from _static/{fonts.TARGET}"
    assert font.read_bytes() == (ROOT / "_static" / fonts.TARGET).read_bytes(), "the edition ships another font"
    return font


def pages(root) -> list[Path]:
    return sorted(p for p in root.rglob("*.html") if not {"_static", "zh_CN"} & set(p.relative_to(root).parts))


def test_every_cjk_character_of_every_page_is_in_the_shipped_font(edition, shipped):
    have = fonts.covered(shipped)
    missing = {}
    for page in pages(edition):
        lacking = set(fonts.characters([page])) - have
        if lacking:
            missing[page.relative_to(edition).as_posix()] = "".join(sorted(lacking))
    assert not missing, missing
    assert len(have & set(fonts.characters(pages(edition)))) > 300  # the book does use Chinese


def test_the_font_is_noto_sans_cjk_sc_under_its_licence_and_within_budget(edition, shipped):
    from fontTools.ttLib import TTFont

    names = TTFont(shipped)["name"]
    assert names.getDebugName(1) == "Noto Sans CJK SC"
    assert "Open Font License" in (names.getDebugName(13) or "")
    assert shipped.stat().st_size <= BUDGET, shipped.stat().st_size


