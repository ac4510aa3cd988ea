"""The facts that the fact-check of issue 9 corrected, pinned so that no later edit undoes them.

Each test reads the data files (and, where the finding was about what a reader sees, the
built book) and fails if a corrected fact comes back wrong. The corrections themselves are
recorded in data/corrections.csv and shown on the Corrections page.
"""
from __future__ import annotations

import re

from hightech_zones import load


def _context() -> dict:
    return load("context_figures").set_index("id").to_dict("index")


    # The R&D rows, graded high in the first round on NBS's preliminary release, now hold the final
    # bulletin's figures (second round, finding 2: test_national_rd_2024_is_final_in_all_three_rows).


def _page_text(built_html, page: str) -> str:
    import html

    raw = (built_html / page).read_text(encoding="utf-8")
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S)  # chart specs and data are not prose
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", raw)))


def test_east_lake_revenue_is_written_one_way(built_html):
    """Finding 8: East Lake's revenue reads the same on every page, in the book's English form,
    with the Chinese only as the article writes it (突破6000亿元)."""
    from hightech_zones.words.prose import english_value

    english = english_value(load("figures").set_index("id").loc["wuhan_optoelectronics_revenue"], load("units"))
    assert english == "more than 600 billion yuan"
    for page in ("chapters/index.html", "chapters/case_studies.html"):  # the landing page too
        assert english in _page_text(built_html, page), page
    pages = sorted((built_html / "chapters").glob("*.html"))
    assert len(pages) > 10
    for page in (p for p in pages if p.name != "corrections.html"):  # it quotes what the book said
        text = _page_text(built_html, str(page.relative_to(built_html)))
        for match in re.finditer(r"(\S+ \S+ )600 billion", text):
            assert match[1] == "more than ", (page.name, match[0])
        assert "passed 6000" not in text and "passed 600 " not in text, page.name
        for match in re.finditer(r".?6000亿元", text):
            assert match[0] == "破6000亿元", (page.name, match[0])  # only inside 突破6000亿元


# Second round (issue 25): a fresh fact-check of both editions.


def _per_person(text: str) -> list[str]:
    """'每万人' not followed by 从业 (a count per 10,000 people, not per 10,000 employees)."""
    return re.findall(r"每万人(?!从业)", text)


def test_no_per_person_patent_figure_in_either_edition_built(built_html):
    for page in ("chapters/innovation_capacity.html", "zh_CN/chapters/innovation_capacity.html",
                 "chapters/audit.html", "zh_CN/chapters/audit.html"):
        text = _page_text(built_html, page)
        assert not _per_person(text), page
        assert "per 10,000 people" not in text, page
    assert "每万名从业人员" in _page_text(built_html, "zh_CN/chapters/innovation_capacity.html")


def _figure(built_html, page: str, name: str) -> str:
    """The text of a figure or table (its caption and, for a chart, its spec's source note)."""
    import html

    raw = (built_html / page).read_text(encoding="utf-8")
    start = raw.index(f'id="{name}"')
    start = raw.rindex("<figure", 0, start) if "<figure" in raw[:start] else start
    end = raw.index("</figure>", start)
    return html.unescape(raw[start:end])


def test_the_derived_2023_gdp_is_drawn_with_its_disagreement(built_html):
    """Finding 3: wherever the derived 2023 GDP is drawn (the GDP chart, the audit's table of derived
    values), MIIT's own growth for 2023 is shown beside it, in both editions."""
    miit = f"{_context()['zone_gdp_growth_2023_jan_sep']['value']:g}%"
    for prefix, words in (("", "MIIT"), ("zh_CN/", "工业和信息化部")):
        chart = _figure(built_html, f"{prefix}chapters/innovation_capacity.html", "fig-zone-gdp")
        assert miit in chart and words in chart, prefix  # the chart's source note and its caption
        table = _figure(built_html, f"{prefix}chapters/audit.html", "tbl-derived")
        assert miit in table and words in table, prefix


def test_no_thousands_separator_on_a_chinese_page(built_html):
    pages = sorted((built_html / "zh_CN" / "chapters").glob("*.html"))
    assert len(pages) > 10
    for page in (p for p in pages if p.name != "corrections.html"):  # it quotes what the book said
        text = _page_text(built_html, str(page.relative_to(built_html)))
        assert not re.findall(r"\d,\d{3}\b", text), (page.name, re.findall(r".{12}\d,\d{3}\b", text)[:3])


