"""The built chapters open with their findings and show no internal id in a table (tests/story.py)."""
from __future__ import annotations

from pathlib import Path

import pytest
from story import THEMES, ids_in_tables, internal_ids

ROOT = Path(__file__).resolve().parents[2]
FOLDED, REMOVED = "hide-input", "remove-input"


# What the built chapters show a reader (needs `make html`).


@pytest.mark.parametrize("edition", ["", "zh_CN/"], ids=["en", "zh_CN"])
@pytest.mark.parametrize("stem", THEMES)
def test_no_table_shows_an_internal_id(built_html, stem, edition):
    page = (built_html / f"{edition}chapters/{stem}.html").read_text(encoding="utf-8")
    assert ids_in_tables(page, internal_ids()) == []


@pytest.mark.parametrize("edition", ["", "zh_CN/"], ids=["en", "zh_CN"])
@pytest.mark.parametrize("stem", THEMES)
def test_each_chapter_opens_with_its_findings(built_html, stem, edition):
    """The first thing after the overview is a box of three or four findings, each with a glued
    number and a link to the figure or table that shows it."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((built_html / f"{edition}chapters/{stem}.html").read_text(encoding="utf-8"),
                         "html.parser")
    box = soup.select_one("section#overview .hz-findings")
    assert box is not None, "no findings box in the overview"
    items = box.select("li")
    assert 3 <= len(items) <= 4, len(items)
    for item in items:
        assert item.select(".pasted-text"), item.get_text()
        assert item.select("a.reference[href*='#fig-'], a.reference[href*='#tbl-']"), item.get_text()


def prose_numbers(page_html: str) -> int:
    """Glued numbers in running prose: glued values with a provenance card, outside the findings
    box, captions and tables."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page_html, "html.parser")
    return sum(1 for span in soup.select("main .pasted-text.hz-fig")
               if not span.find_parent(class_="hz-findings") and not span.find_parent(["figcaption", "table"]))


def test_innovation_capacity_prose_carries_under_half_its_old_numbers(built_html):
    """Issue 26: 48 glued numbers in the chapter's prose before; fewer than half of that now."""
    page = (built_html / "chapters/innovation_capacity.html").read_text(encoding="utf-8")
    assert 0 < prose_numbers(page) < 48 / 2
