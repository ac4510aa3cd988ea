"""Zone profiles are built from the data alone: the same structure for every zone, and a third zone
appears when its rows are added."""
from __future__ import annotations

import csv

import pandas as pd
import pytest
from conftest import html_outline, myst_html

from hightech_zones.analysis import profiles
from hightech_zones.analysis.profiles import all_profiles, profile_markdown, zone_profile
from hightech_zones.words.prose import english_value, quote_markdown


def _append(path, row: dict) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    with path.open("a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerow([row.get(h, "") for h in header])


def _add_third_zone(data) -> None:
    """Rows for an invented zone, in every file a profile draws on."""
    _append(data / "officials.csv", {"id": "li_test", "name_zh": "李测试", "name_en": "Li Ceshi",
                                     "title_zh": "某高新区管委会主任", "title_en": "Director, Test Zone"})
    _append(data / "case_zones.csv", {"id": "test_zone", "name_zh": "测试高新区", "name_en": "Test High-tech Zone",
                                      "province_zh": "测试省", "province_en": "Test Province",
                                      "focus_zh": "测试产业", "focus_en": "Test industry", "official_id": "li_test"})
    _append(data / "sentences.csv", {"id": "test_sentence", "source_id": "people_daily_2025",
                                     "theme": "case_studies", "speaker_id": "li_test",
                                     "text_zh": "测试产业营收超500亿元。", "text_en": "Test revenue passed 50 billion yuan.",
                                     "speech": "quoted"})
    _append(data / "figures.csv", {"id": "test_revenue", "theme": "case_studies", "measure_en": "Test revenue",
                                   "measure_zh": "测试产业营收", "value": "500", "unit": "亿元",
                                   "value_as_written": "超500亿元", "approximation": "more_than",
                                   "year_basis": "not_stated", "scope": "test_zone", "relation": "level",
                                   "sentence_id": "test_sentence"})
    _append(data / "zone_highlights.csv", {"id": "test_first", "zone_id": "test_zone", "kind": "first_in_china",
                                           "item_zh": "首个测试", "item_en": "First test",
                                           "sentence_id": "test_sentence"})


def test_the_two_zones_have_profiles_of_one_structure():
    built = all_profiles()
    assert [p.id for p in built] == ["wuhan_east_lake", "chengdu"]
    for p in built:
        text = profile_markdown(p)
        for part in ("**Key figures**", "**Strengths named in the article**", "**Official quoted**", "**Sources**"):
            assert part in text
        assert not p.key_figures.empty and not p.highlights.empty and not p.quotes.empty
        assert p.official["name_zh"] in text


def shown(markdown: str) -> str:
    """The text a reader sees once the Markdown is rendered."""
    return html_outline(myst_html(markdown))[1]


def test_profiles_show_what_the_article_says():
    wuhan = shown(profile_markdown(zone_profile("wuhan_east_lake")))
    assert "more than 600 billion yuan" in wuhan and "3–4 times" in wuhan and "7.1%" in wuhan
    assert "周光勇" in wuhan and "全国首条印刷OLED产线" in wuhan
    chengdu = shown(profile_markdown(zone_profile("chengdu")))
    assert "more than 6,000" in chengdu and "more than 100 billion yuan" in chengdu
    for studio in ("可可豆动画", "墨境天合", "千鸟动画"):
        assert studio in chengdu


def test_a_third_zone_is_profiled_once_its_rows_are_added(data_copy):
    _add_third_zone(data_copy)
    built = all_profiles()
    assert [p.id for p in built] == ["wuhan_east_lake", "chengdu", "test_zone"]
    third = shown(profile_markdown(built[-1]))
    assert "测试高新区 Test High-tech Zone" in third
    assert "more than 50 billion yuan" in third and "超500亿元" in third
    assert "首个测试" in third and "李测试 Li Ceshi" in third and "测试产业营收超500亿元。" in third
    assert profiles.key_figures_frame(built)["Zone"].iloc[-1] == "Test High-tech Zone"
    # The existing zones are untouched by the new rows.
    assert profile_markdown(built[0]) == profile_markdown(zone_profile("wuhan_east_lake"))


@pytest.mark.parametrize("written, value, high, unit, approximation, expected", [
    ("突破6000亿元", 6000, None, "亿元", "more_than", "more than 600 billion yuan"),
    ("万亿级", 1, None, "万亿元", "order_of", "of the order of 1 trillion yuan"),
    ("3至4倍", 3, 4, "倍", "exact", "3–4 times"),
    ("6000余家", 6000, None, "家", "more_than", "more than 6,000"),
    ("3.5万余家", 3.5, None, "万家", "more_than", "more than 35,000"),
    ("100万家", 100, None, "万家", "exact", "1,000,000"),
    ("7.1%", 7.1, None, "%", "exact", "7.1%"),
    ("110吉赫兹", 110, None, "吉赫兹", "exact", "110 gigahertz"),
])
def test_english_values_keep_the_qualifier(written, value, high, unit, approximation, expected):
    figure = {"value": value, "value_high": high if high is not None else pd.NA, "unit": unit,
              "approximation": approximation}
    assert english_value(figure) == expected


def test_a_quote_carries_chinese_english_and_speaker():
    text = quote_markdown("wuhan_revenue")
    assert text.startswith("> 2024年") and "*In 2024" in text and "— 周光勇 Zhou Guangyong" in text
    assert "—" not in quote_markdown("tracks")  # not quoted speech: no speaker line


def test_a_chinese_profile_is_headed_in_chinese_without_the_english_beside_it(monkeypatch):
    from hightech_zones.language import ENV

    english = profile_markdown(zone_profile("wuhan_east_lake"))
    monkeypatch.setenv(ENV, "zh_CN")
    chinese = profile_markdown(zone_profile("wuhan_east_lake"))
    assert "**Key figures**" in english and "*Firsts in the world*: " in english
    assert "**主要数据**" in chinese and "*全球首创*：" in chinese and "| 指标 | 原文写法 | 年份 |" in chinese
    for english_words in ("Key figures", "Firsts in", "Official quoted", "Wuhan East Lake", "not stated"):
        assert english_words not in chinese, english_words
