"""The Chinese edition (issue 13): built from the same notebooks and data as the English one.

Checks that need no build (catalogue rules, the language switch's links, the kernel's language)
come first; the rest read the site `make html` built, with the Chinese edition in zh_CN/.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from edition_pages import (
    CJK,
    TRANSLATED,
    chinese_share,
    glued,
    visible_page,
)

ROOT = Path(__file__).resolve().parents[2]


# --- without a build ---------------------------------------------------------------------------


# --- the built site ----------------------------------------------------------------------------

def english_pages(built_html) -> list[str]:
    return sorted(p.relative_to(built_html).as_posix() for p in (built_html / "chapters").glob("*.html"))


def site_pages(root: Path) -> list[str]:
    """Every page of one edition's site: the chapters, search, the index, and the redirect at its root."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html")
                  if not {"_static", "_sources", "_images", "zh_CN"} & set(p.relative_to(root).parts))


def test_every_page_exists_in_both_editions_with_a_working_switch(built_html):
    assert len(english_pages(built_html)) == len(list((ROOT / "chapters").glob("*.md")))
    pages = site_pages(built_html)
    assert pages == site_pages(built_html / "zh_CN")
    assert {"index.html", "search.html", "genindex.html"} <= set(pages)
    for root in (built_html, built_html / "zh_CN"):  # the root redirects to the edition's own landing page
        assert 'url=chapters/index.html"' in (root / "index.html").read_text(encoding="utf-8")
    for rel in set(pages) - {"index.html"}:
        en, zh = built_html / rel, built_html / "zh_CN" / rel
        assert zh.is_file(), rel
        for page in (en, zh):
            href = re.search(r'class="btn hz-language-switch" href="([^"]+)"', page.read_text(encoding="utf-8"))[1]
            assert (page.parent / href).resolve() == (zh if page == en else en).resolve(), (page, href)


def test_the_front_page_lets_the_reader_choose(built_html):
    for root in (built_html, built_html / "zh_CN"):
        landing = (root / "chapters" / "index.html").read_text(encoding="utf-8")
        chooser = re.search(r'<nav class="hz-edition-chooser".*?</nav>', landing, re.S)[0]
        assert "English" in chooser and "中文" in chooser


def _specs(page: Path) -> list[dict]:
    return [json.loads(m.replace("<\\/", "</"))
            for m in re.findall(r"var spec=(\{.*?\});var el=", page.read_text(encoding="utf-8"))]


def test_every_chart_draws_the_same_data_in_both_editions(built_html):
    charts = 0
    for rel in english_pages(built_html):
        en, zh = _specs(built_html / rel), _specs(built_html / "zh_CN" / rel)
        assert len(en) == len(zh), rel
        for a, b in zip(en, zh):
            assert sorted(json.dumps(d, sort_keys=True) for d in a.get("datasets", {}).values()) == \
                sorted(json.dumps(d, sort_keys=True) for d in b.get("datasets", {}).values()), rel
            charts += 1
    assert charts >= 10


def test_every_glued_value_is_the_same_in_both_editions(built_html):
    """Every page shows the same glued values in both editions: the same figures and the same
    numbers; only the words and units around them follow the edition."""
    compared = 0
    for rel in english_pages(built_html):
        en = glued((built_html / rel).read_text(encoding="utf-8"))
        zh = glued((built_html / "zh_CN" / rel).read_text(encoding="utf-8"))
        # The same figures, though not as often: where the English gives the article's Chinese words
        # beside its own (wuhan_revenue_zh), the Chinese prose already is those words.
        assert {g for g in en if g[0] == "figure"} == {g for g in zh if g[0] == "figure"}, rel
        assert sorted(g for g in en if g[0] != "figure") == sorted(g for g in zh if g[0] != "figure"), rel
        compared += len(en)
    assert compared >= 100


def _visible_prose(html: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    article = soup.find("article") or soup
    for hidden in article.select("script, style, pre, code, details, .cell_input, .hz-figure, .hz-table-wrap, "
                                 "table, span.pasted-text, .headerlink"):
        hidden.decompose()
    return article.get_text(" ")


@pytest.mark.parametrize("page", TRANSLATED)
def test_the_chinese_edition_is_chinese(built_html, page):
    """At least 90% of a translated page's visible prose is Chinese: letters counted, code and data aside.

    An English word counts as its letters divided by two, about the space a Chinese character takes.
    """
    text = _visible_prose((built_html / "zh_CN" / "chapters" / f"{page}.html").read_text(encoding="utf-8"))
    chinese = len(CJK.findall(text))
    latin = len(re.findall(r"[A-Za-z]", text)) / 2
    assert chinese / (chinese + latin) >= 0.9, (page, round(chinese / (chinese + latin), 3))


# The share of Chinese in a whole Chinese page, its tables included: every page reaches it (the
# lowest, corrections, 0.88: its English quotations of the wording it corrected).
PAGE_SHARE = 0.85


@pytest.mark.parametrize("page", TRANSLATED)
def test_the_chinese_edition_is_chinese_tables_included(built_html, page):
    """A whole Chinese page, its tables included, is at least PAGE_SHARE Chinese: the tables' data
    text comes from the data's Chinese columns and properties, their words from data/labels.csv."""
    html = (built_html / "zh_CN" / "chapters" / f"{page}.html").read_text(encoding="utf-8")
    share = chinese_share(visible_page(html))
    assert share >= PAGE_SHARE, (page, round(share, 3))


@pytest.mark.parametrize("word", ["新赛道", "氢冶金", "光电子信息"])
def test_chinese_search_finds_chinese_words(built_html, word):
    index = (built_html / "zh_CN" / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(re.search(r"Search\.setIndex\((.*)\)\s*$", index, re.S)[1])["terms"]
    assert word in terms, word
