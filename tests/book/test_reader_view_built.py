"""What a reader meets: findings first, code one click away, every figure under the cell that makes it.

The chapter sources are read as jupytext notebooks (no build needed) for the rules a chapter
must keep; the built HTML is read for what the reader is shown.
"""
from __future__ import annotations

from bs4 import BeautifulSoup

SHOWN, OUT_OF_THE_WAY = "hide-input", "remove-input"


def test_no_chapter_shows_an_unfolded_code_cell(built_html):
    pages = sorted((built_html / "chapters").glob("*.html"))
    assert pages
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for source in soup.select("div.cell_input"):
            fold = source.find_parent("details")
            assert fold is not None, (page.name, source.get_text()[:80])
            assert fold.get("open") is None and "Show code" in fold.summary.get_text(), page.name
