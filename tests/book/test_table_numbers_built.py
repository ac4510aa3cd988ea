"""Glued tables are numbered as tables and charts as figures, in both editions (table_numbers.py)."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

WORDS = {"": ("Fig.", "Table"), "zh_CN/": ("图", "表")}


@pytest.mark.parametrize("edition", WORDS)
def test_captions_and_references_say_table_for_a_table(built_html, edition):
    figure_word, table_word = WORDS[edition]
    seen = {"fig": 0, "tbl": 0}
    for page in sorted((built_html / edition / "chapters").glob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        numbers = {}
        for figure in soup.select("figure[id^=fig-], figure[id^=tbl-]"):
            kind = figure["id"][:3]
            word = table_word if kind == "tbl" else figure_word
            number = figure.select_one("figcaption .caption-number").get_text(strip=True)
            assert re.fullmatch(re.escape(word) + r"\s*\d+\.\d+", number), (page.name, figure["id"], number)
            numbers[figure["id"]] = number
            seen[kind] += 1
        for ref in soup.select("a.reference span.std-numref"):  # {numref} reads as the caption does
            target = ref.find_parent("a")["href"].split("#")[-1]
            if target in numbers:
                assert ref.get_text(strip=True) == numbers[target], (page.name, target)
    assert seen["fig"] >= 10 and seen["tbl"] >= 20, seen
