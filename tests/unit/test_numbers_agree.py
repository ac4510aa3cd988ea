"""Numbers agree with their words everywhere (issue 22): a context figure with the words its source
used, in its unit; a unit's factor with its name; a sentence's English translation with its Chinese.

Each fault the issue names is planted in a scratch copy of the data, and the loader refuses it with
its file, row and column. The real data pass (test_data_package.py loads them all).
"""
from __future__ import annotations

import csv
import re

import pytest

from hightech_zones import DataError, validate_all
from hightech_zones.data.numbers import chinese_numeral, english_amounts, magnitude, translation_mismatch


def edit(path, ident: str, column: str, change) -> int:
    """Change one cell (``change(old) -> new``) of the row whose first cell is ``ident``; its row number."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    i = next(i for i, r in enumerate(rows) if r[0] == ident)
    j = rows[0].index(column)
    rows[i][j] = change(rows[i][j])
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return i


def refused(data, file: str, row: int, column: str, reason: str) -> None:
    with pytest.raises(DataError) as raised:
        validate_all(data)
    assert str(raised.value).startswith(f'data/{file}, row {row} (line {row + 1}), column "{column}": '), raised.value
    assert reason in str(raised.value), raised.value


def test_a_context_figure_divided_by_ten_is_refused(data_copy):
    """The issue's fault: the national GDP over ten made the zones' share 143%, and the audit's claim flipped."""
    row = edit(data_copy / "context_figures.csv", "national_gdp_2024", "value", lambda v: f"{float(v) / 10:g}")
    refused(data_copy, "context_figures.csv", row, "value", "134908 亿元 is not what its words state")


def test_a_context_figure_in_another_unit_is_refused(data_copy):
    row = edit(data_copy / "context_figures.csv", "national_gdp_2024", "unit", lambda _: "万亿元")
    refused(data_copy, "context_figures.csv", row, "value", "is not what its words state")


def test_a_context_figure_in_another_unit_that_its_words_agree_with_loads(data_copy):
    """The words say 1349084亿元; 134.9084万亿元 is the same amount."""
    edit(data_copy / "context_figures.csv", "national_gdp_2024", "unit", lambda _: "万亿元")
    edit(data_copy / "context_figures.csv", "national_gdp_2024", "value", lambda _: "134.9084")
    assert validate_all(data_copy)


def test_a_context_figure_keeps_its_words_qualifier(data_copy):
    row = edit(data_copy / "context_figures.csv", "zone_industrial_va_share_2023", "approximation", lambda _: "exact")
    refused(data_copy, "context_figures.csv", row, "approximation", "its words state it as 'about'")


def test_a_unit_factor_must_match_its_name(data_copy):
    """A factor changed in units.csv moves every amount in that unit, the words' too: its name decides it."""
    row = edit(data_copy / "units.csv", "亿元", "factor", lambda _: "10000000")
    refused(data_copy, "units.csv", row, "factor", "but '亿元' is 1e+08 yuan")


def test_an_english_translation_with_another_number_is_refused(data_copy):
    row = edit(data_copy / "sentences.csv", "results_2024", "text_en", lambda t: t.replace("19.3 trillion", "1.93 trillion"))
    refused(data_copy, "sentences.csv", row, "text_en", "lacks the Chinese sentence's 1.93e+13")


def test_an_english_translation_that_adds_a_number_is_refused(data_copy):
    row = edit(data_copy / "sentences.csv", "results_2024", "text_en", lambda t: t + " Exports rose 70%.")
    refused(data_copy, "sentences.csv", row, "text_en", "states 70, which the Chinese sentence does not")


@pytest.mark.parametrize("chinese, english", [
    ("营收规模突破6000亿元", "more than 600 billion yuan"),
    ("3.5万余家", "more than 35,000"),
    ("是2010年的5倍", "five times the 2010 figure"),
    ("今年1月", "This January"),
    ("超千亿元产业集群", "a cluster of more than 100 billion yuan"),
    ("《哪吒之魔童闹海》", "Ne Zha 2"),
])
def test_a_translation_may_write_its_numbers_its_own_way(chinese, english):
    assert translation_mismatch(chinese, english) is None


def test_numbers_in_words():
    assert [chinese_numeral(t) for t in ("二十五", "千亿", "三万五千", "一")] == [25, 1e11, 35000, 1]
    assert magnitude("万亿元") == 1e12 and magnitude("个百分点") == 1 and magnitude("吉赫兹") == 1e9
    assert english_amounts("1.2 trillion yuan, 35,000 firms, five times, March") >= {1.2e12, 35000, 5, 3}
    assert not re.search("2", str(english_amounts("Ne Zha 2", names=False)))
