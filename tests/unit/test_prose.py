"""Data text set in MyST shows literally: markup in the data is text on the page, never an element.

Rendered by myst-parser with the book's extensions and raw HTML allowed, which is how myst-nb
renders a chapter's Markdown output (conftest.myst_html); the property over every column of
every data file is in test_properties.py, the real build in test_escaping_build.py.
"""
from __future__ import annotations

import csv

import pandas as pd
import pytest
from conftest import html_outline, myst_html, not_literal

from hightech_zones import load
from hightech_zones.analysis.profiles import profile_markdown, zone_profile
from hightech_zones.output.tables import table
from hightech_zones.words.prose import escape, quote_markdown

# The corrupted copy of issue 14, and what else Markdown, MyST and HTML would read as syntax.
INJECTED = "<img src=x onerror=\"document.title='pwned'\"> **bold** [link](javascript:alert(1))"
MARKUP = [INJECTED, "<script>alert(1)</script>", "</blockquote>", "<!-- hidden -->", "<http://x.test>",
          "*em* _em_ __strong__", "`code` ``code``", "$x^2$ $$y$$", "\\(x\\)", "{sub}`2` {{ key }}",
          "~~gone~~", "[^1] [a][b] ![alt](x.png)", "&lt;b&gt; &amp; &#60;img&#62;", "a\\", "\\*not\\*",
          "# heading", "> quote", "- item", "1. item", "+++", "---", "***", "| a | b |", ":::{note}",
          "% comment", "(target)=", ": definition", "=1+1", "line\nbreak"]
# Real text, which must come through unchanged.
REAL = ["国家高新区2024年发展成绩单不久前公布:园区生产总值19.3万亿元,同比名义增长7.6%;",
        "《哪吒之魔童闹海》", "“小巨人”", "R&D", "S&T", "50%左右", "3至4倍", "(GDP)", "—", "10^12 yuan.",
        "the zones' GDP was 19.3 trillion yuan, up 7.6% year on year;", 'specialised and "little giant" firms']


@pytest.mark.parametrize("text", MARKUP + REAL)
def test_escaped_text_shows_literally_in_every_context(text):
    expected = text.replace("\n", " ")  # a line break in data text becomes a space
    problem = not_literal(expected, escape)
    assert problem is None, problem
    if "\n" in text:
        assert escape(text) == escape(expected)


def test_unescaped_markup_would_be_live():
    """The check above can fail: without escaping, the injected text makes elements."""
    problem = not_literal(INJECTED, lambda text: text)
    assert problem and "onerror" in problem and "<strong" in problem


def _set(path, ident: str, column: str, value: str) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    row = next(r for r in rows if r[0] == ident)
    row[rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


# Text the loader lets through (it refuses tags and links) and Markdown would still read as syntax.
ALLOWED = "**bold** _em_ `code` $x$ {sub} `x` x < y > z # not a heading"


def test_a_quote_shows_its_sentence_literally(data_copy):
    english = load("sentences").set_index("id").loc["wuhan_revenue", "text_en"]
    _set(data_copy / "sentences.csv", "wuhan_revenue", "text_en", f"{english} {ALLOWED}")  # its numbers kept
    _set(data_copy / "officials.csv", "zhou_guangyong", "title_en", "Director *of* `x`")
    tags, text = html_outline(myst_html(quote_markdown("wuhan_revenue")))
    assert tags == ["<blockquote []>", "<p []>", "</p>", "<p []>", "<em []>", "</em>", "</p>",
                    "<p []>", "</p>", "</blockquote>"]
    assert ALLOWED in text and "Director *of* `x`" in text


def test_a_profile_shows_its_data_literally(data_copy):
    _set(data_copy / "case_zones.csv", "chengdu", "name_en", "Chengdu **High-tech** Zone")
    _set(data_copy / "zone_highlights.csv", "coco_cartoon", "item_en", "Studio_with_underscores_")
    _set(data_copy / "sources.csv", "people_daily_2025", "authors", "$Wang$ and `Liu`")
    page = myst_html(profile_markdown(zone_profile("chengdu")))
    tags, text = html_outline(page)
    for shown in ("Chengdu **High-tech** Zone", "Studio_with_underscores_", "$Wang$ and `Liu`"):
        assert shown in text
    assert "<code" not in page and "math" not in page
    assert tags.count("<strong []>") == 5  # the zone's name and the four headings: the profile's own bold


def test_a_table_shows_its_cells_literally_in_print_and_on_the_web():
    frame = pd.DataFrame({"text": [INJECTED, ALLOWED], "n": [1, 2]})
    shown = table(frame, "t.csv")
    tags, text = html_outline(shown._repr_html_())
    assert INJECTED in text and ALLOWED in text and not any(t.startswith(("<img", "<strong")) for t in tags)
    tags, text = html_outline(myst_html(shown._repr_markdown_()))  # the PDF's table
    assert INJECTED in text and ALLOWED in text and not any(t.startswith(("<img", "<strong", "<code")) for t in tags)
