"""The web book's Chinese font: every CJK character of every page is in it, and it stays small.

The font is kept in the repository (_static/fonts), cut by `make font` from Noto Sans CJK SC to the
characters of the book, so that the first `make html` needs no system font. This reads the woff2
each edition ships back with fontTools and checks it against every page's text, chart specs and
tooltips included, against the stylesheet that declares it, and against its budget. A page with a
character the font lacks fails here: run `make font`.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from hightech_zones.build import fonts

ROOT = Path(__file__).resolve().parents[2]
CSS = ROOT / "_static" / "hightech_zones.css"  # Jupyter Book links every _static/*.css of the book


@pytest.fixture(scope="module", params=["", "zh_CN"], ids=["en", "zh_CN"])
def edition(request, built_html) -> Path:
    """Each edition's root: it ships the font of its own pages."""
    return built_html / request.param


def pages(root) -> list[Path]:
    return sorted(p for p in root.rglob("*.html") if not {"_static", "zh_CN"} & set(p.relative_to(root).parts))


def test_characters_are_read_from_text_references_and_chart_specs(tmp_path):
    page = tmp_path / "p.html"
    page.write_text('<p>国家&#39640;</p><script>var spec={"a":"\\u65b0"};</script>', encoding="utf-8")
    assert fonts.characters([page]) == "".join(sorted("国家高新" + fonts.QUOTES))  # the quotes always


def test_the_font_needs_no_system_font_to_build():
    """The build copies the font from the repository; only `make font` reads Debian's fonts-noto-cjk."""
    text = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "hightech_zones" / "book").glob("*.py"))
    assert "fonts.SOURCE" not in text and "fonts.subset" not in text
    assert (ROOT / "_static" / fonts.TARGET).is_file()


def test_the_stylesheet_declares_it_for_cjk_code_points_only():
    css = CSS.read_text(encoding="utf-8")
    face = re.search(r"@font-face\s*\{(.*?)\}", css, re.S)[1]
    assert f'url("{fonts.TARGET}")' in face and 'format("woff2")' in face
    declared = re.search(r"unicode-range:\s*([^;]+);", face)[1].strip()
    assert declared == fonts.unicode_range()
    assert not fonts.CJK.match("A") and fonts.CJK.match("新") and fonts.CJK.match("，")


def test_chinese_pages_draw_double_quotes_full_width_and_english_pages_do_not():
    css = CSS.read_text(encoding="utf-8")
    face = re.search(r'@font-face\s*\{([^}]*"HZ Noto Sans SC Quotes"[^}]*)\}', css, re.S)[1]
    assert re.search(r"unicode-range:\s*U\+201C-201D;", face) and set(fonts.QUOTES) == {"\u201c", "\u201d"}
    chinese = re.search(r"html:lang\(zh\)\s*\{([^}]*)\}", css, re.S)[1]
    assert chinese.count('"HZ Noto Sans SC Quotes", "HZ Noto Sans SC"') == 2  # body and headings
    english = re.search(r"\nhtml\s*\{([^}]*)\}", css, re.S)[1]
    assert "Quotes" not in english
