"""Chapters that read as stories (issue 26): one folded cell per figure, each under the words it supports.

The chapters are read as myst-nb reads them (``read_myst_markdown_notebook``), no build needed. A
folded cell (``hide-input``) shows a "Show code" bar; a removed cell (``remove-input``) shows nothing
and so does not separate two bars. Two bars with no markdown between them are a reader's "bar after
bar and no reason for them".
"""
from __future__ import annotations

from pathlib import Path

import pytest
from myst_nb.core.read import read_myst_markdown_notebook

ROOT = Path(__file__).resolve().parents[2]
THEMES = ["innovation_capacity", "new_tracks", "policy_measures", "case_studies"]
FOLDED, REMOVED = "hide-input", "remove-input"


def cells(markdown: str, path: str = "chapter.md"):
    return read_myst_markdown_notebook(markdown, path=path).cells


# What the built chapters show a reader (needs `make html`).

def internal_ids() -> dict[str, str]:
    """Every id of the data package's id columns (``id`` and ``*_id``), with the file and column it
    is from: names a reader should never meet in a table."""
    import csv

    ids = {}
    for path in sorted((ROOT / "data").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        for column in (rows[0] if rows else {}):
            if column == "id" or column.endswith("_id"):
                ids.update({r[column]: f"{path.name}:{column}" for r in rows
                            if r[column] and "_" in r[column]})  # one-word ids are ordinary words
    return ids


def ids_in_tables(page_html: str, ids: dict[str, str]) -> list[str]:
    """The internal ids that a page's tables show as a word of a cell or a header."""
    import re

    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page_html, "html.parser")
    shown = [word for cell in soup.select("table th, table td")
             for word in re.findall(r"[a-z0-9_]+", cell.get_text())]
    return sorted({f"{word} ({ids[word]})" for word in shown if word in ids})


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
