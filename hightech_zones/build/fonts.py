"""The web book's Chinese font: Noto Sans CJK SC, cut down to the characters the book uses.

Readers' systems may have no Chinese font, or a thin fallback one; the book ships its own, a
woff2 subset of Noto Sans CJK SC (SIL Open Font License 1.1) kept in the repository at
``_static/fonts/hz-noto-sans-sc.woff2``, which Sphinx copies into both editions. It is an asset,
not a build product, so that building the book needs nothing but Python: no system font.

``make font`` cuts it again from Debian's ``fonts-noto-cjk`` when the book needs characters it
lacks: those of the built pages of both editions (prose, tables, the chart specs whose labels and
tooltips Vega draws, the provenance cards) and of the sources a page can show (chapters and
catalogues). The build says when a page holds a character the font lacks; a test fails on it.
The stylesheet declares the font for CJK code points only (``unicode-range``), so Latin text
keeps the theme's font.

    python -m hightech_zones.build.fonts        # (make font) cut the font to the book's characters
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from hightech_zones.language import CJK, RANGES

# Debian's fonts-noto-cjk; in the collection, face 2 is Simplified Chinese (SC).
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FACE = 2
TARGET = "fonts/hz-noto-sans-sc.woff2"  # under _static, in the repository and in each edition
PACKAGE = "fonts-noto-cjk"
ROOT = Path.cwd()  # make runs `python -m hightech_zones.build.fonts` from the book's root
# What a page can show, besides the built pages themselves (which add the theme's and Sphinx's strings).
SOURCES = ("chapters/*.md", "locale/**/*.po", "_config*.yml")

def unicode_range() -> str:
    return ", ".join(f"U+{a:04X}-{b:04X}" for a, b in RANGES)


# Chinese double quotes, drawn full-width from this font in the Chinese edition only (the stylesheet's
# second face): the Latin font's are narrow. Single quotes stay Latin: they are English apostrophes too.
QUOTES = "\u201c\u201d"


def characters(pages: list[Path]) -> str:
    """Every CJK character of the given HTML files, sorted, with the Chinese double quotes; character
    references are decoded, and JSON escapes (\\uXXXX, as in a chart's spec) too."""
    found = set(QUOTES)
    for page in pages:
        text = html.unescape(page.read_text(encoding="utf-8"))
        text += re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
        found.update(CJK.findall(text))
    return "".join(sorted(found))


def subset(chars: str, target: Path) -> int:
    """Write the woff2 subset of Noto Sans CJK SC holding ``chars``; return its size in bytes."""
    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    options = ft_subset.Options()
    options.flavor = "woff2"
    options.font_number = FACE
    options.hinting = False  # web renderers hint CJK themselves; the hints are a third of the size
    options.desubroutinize = True  # smaller once compressed
    options.name_IDs = ["*"]  # keep the licence and the copyright notice in the file
    options.name_languages = ["*"]
    # As pyftsubset does by default, the head table keeps the source font's bounds: recomputing them
    # runs every glyph's outline program, a second of each build, for a box no browser lays text by.
    font = TTFont(SOURCE, fontNumber=FACE, lazy=False, recalcBBoxes=False)
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    ft_subset.save_font(font, str(target), options)
    return target.stat().st_size


def covered(font_file: Path) -> set[str]:
    """The characters a font file has glyphs for."""
    from fontTools.ttLib import TTFont

    return {chr(c) for c in TTFont(font_file)["cmap"].getBestCmap()}


def book_characters(root: Path) -> str:
    """Every CJK character the book can show: its sources' and its built pages' (both editions)."""
    files = [f for pattern in SOURCES for f in sorted(root.glob(pattern))]
    files += sorted((root / "_build" / "html").rglob("*.html"))
    files += sorted((root / "_build" / "html").rglob("_static/hz-cards.js"))
    return characters(files)


def main() -> int:
    import sys

    if not SOURCE.is_file():
        print(f"make font: the font is cut from {SOURCE}, which is missing: apt-get install {PACKAGE}", file=sys.stderr)
        return 1
    if not (ROOT / "_build" / "html" / "zh_CN" / "index.html").is_file():
        print("make font: no built book, so only the sources' characters (then make html, make font again)", file=sys.stderr)
    chars = book_characters(ROOT)
    size = subset(chars, ROOT / "_static" / TARGET)
    print(f"make font: _static/{TARGET}, {len(chars)} characters, {size / 1024:.0f} KB; rebuild with make html")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
