"""The termbase (data/terms.csv) and the house style, held without a build (issue 27): every Chinese
string the book is made from (the catalogues' translations, the data's *_zh columns and labels,
the _zh properties of datapackage.json) writes the termbase's terms, full-width punctuation, no
Western thousands separator and no ISO date. tests/test_zh_style.py checks the built pages.
"""
from __future__ import annotations

import csv
import json
import re

import pytest
from babel.messages.pofile import read_po
from zh_style import CJK, DATA, ROOT, faults, termbase

from hightech_zones.data.checks import check_resource
from hightech_zones.data.errors import DataError
from hightech_zones.words.fmt import fullwidth

# Text in its own words: the article's sentences and the context figures' words (full-width
# marks restored, wording kept), what the book wrote before a correction.
QUOTED = {("sentences", "text_zh"), ("context_figures", "words"), ("corrections", "was_zh"), ("terms", "avoid_zh"),
          ("terms", "note_zh")}
ROLE = re.compile(r"\{[a-z:-]+\}`[^`]*`|`[^`]*`|\{[^{}]*\}")


def chinese_strings():
    """(where, text) for every Chinese string of the sources; MyST roles and code taken out."""
    for po in sorted((ROOT / "locale" / "zh_CN" / "LC_MESSAGES").rglob("*.po")):
        for message in read_po(po.open("rb")):
            if message.id and message.string:
                yield f"{po.relative_to(ROOT)}: {str(message.id)[:40]!r}", ROLE.sub(" ", message.string)
    for path in sorted(DATA.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as f:
            for i, row in enumerate(csv.DictReader(f), start=1):
                for column, value in row.items():
                    chinese = column.endswith("_zh") or (path.stem == "labels" and column == "zh")
                    if chinese and value and (path.stem, column) not in QUOTED and re.search(f"[{CJK}]", value):
                        yield f"data/{path.name}, row {i}, {column}", ROLE.sub(" ", value)

    def walk(node, at):
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, str) and key.endswith("_zh"):
                    yield f"datapackage.json {at}.{key}", value
                else:
                    yield from walk(value, f"{at}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from walk(value, f"{at}[{i}]")

    yield from walk(json.loads((DATA / "datapackage.json").read_text(encoding="utf-8")), "")


STRINGS = list(chinese_strings())


def test_there_are_chinese_strings_to_check():
    assert len(STRINGS) > 800


def test_every_chinese_string_follows_the_house_style():
    found = [(where, f) for where, text in STRINGS for f in faults(text)]
    assert found == [], "\n".join(f"{w}: {f}" for w, f in found[:40])


@pytest.mark.parametrize("name, column", [("sentences", "text_zh"), ("context_figures", "words")])
def test_quotations_carry_full_width_marks(name, column):
    """The article's sentences and the context figures' words, exempt from the term check, still
    carry the original's full-width marks (data/README.md)."""
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as f:
        wrong = [row[column] for row in csv.DictReader(f) if fullwidth(row[column]) != row[column]]
    assert wrong == []


def test_the_termbase_covers_the_concepts_issue_27_names():
    terms = {row["id"]: row["term_zh"] for row in termbase()}
    assert terms["zone_gdp"] == "园区生产总值" and terms["cagr"] == "年复合增长率"
    assert terms["report_edition"] == "版次" and terms["the_article"] == "报道" and terms["audit"] == "核查"
    assert terms["wuhan_zone"] == "武汉东湖新技术开发区" and terms["chengdu_zone"] == "成都高新技术产业开发区"
    assert terms["evaluation_report"] == "《国家高新区创新能力评价报告（2024）》"
    assert "studios" in terms


def test_the_glossary_gives_the_official_names():
    with open(DATA / "glossary.csv", encoding="utf-8", newline="") as f:
        glossary = {row["term_zh"] for row in csv.DictReader(f)}
    for name in ("武汉东湖新技术开发区", "成都高新技术产业开发区", "《国家高新区创新能力评价报告（2024）》"):
        assert name in glossary, name


@pytest.mark.parametrize("name", ["case_studies", "index"])
def test_the_official_zone_names_come_first_in_each_chapter_that_names_the_zones(name):
    """At the first mention in a chapter, the full name; the short form (东湖高新区) after it."""
    po = ROOT / "locale" / "zh_CN" / "LC_MESSAGES" / "chapters" / f"{name}.po"
    text = "".join(m.string for m in read_po(po.open("rb")) if m.id and m.string)
    for full, short in (("武汉东湖新技术开发区", "东湖高新区"), ("成都高新技术产业开发区", "成都高新区")):
        assert full in text and text.index(full) < text.index(short), (name, full)


def test_the_data_check_refuses_a_variant_that_is_a_term(tmp_path):
    rows = [{"id": "a", "concept_en": "x", "term_zh": "报道", "avoid_zh": "文章", "note_zh": ""},
            {"id": "b", "concept_en": "y", "term_zh": "核查", "avoid_zh": "审计;报道", "note_zh": ""}]
    with pytest.raises(DataError, match="terms.csv, row 2 .*avoid_zh.*'报道' is a term"):
        check_resource("terms", rows, tmp_path / "terms.csv", lambda name: [])


def test_a_planted_variant_in_a_real_catalogue_string_is_caught():
    where, text = next((w, t) for w, t in STRINGS if "园区生产总值" in t and w.startswith("locale"))
    assert faults(text) == []
    assert "term to avoid: 国家高新区生产总值" in faults(text.replace("园区生产总值", "国家高新区生产总值", 1))
    assert any(f.startswith("half-width") for f in faults(text.replace("，", ",", 1))), where


def test_a_compound_rate_is_written_with_the_termbase_term():
    """Issue 27: every label of a compound rate (a key naming cagr) says 年复合增长率, never 年均增长,
    which the article keeps for the average gain in points (年均增长31点)."""
    term = next(row for row in termbase() if row["id"] == "cagr")["term_zh"]
    with open(DATA / "labels.csv", encoding="utf-8") as f:
        rates = [row for row in csv.DictReader(f) if "cagr" in row["id"] and "{rate}" in row["zh"]]
    assert {"audit_claim_open_cagr", "audit_claim_industrial_cagr_vs_2022"} <= {row["id"] for row in rates}
    assert [row["id"] for row in rates if term not in row["zh"] or "年均增长" in row["zh"]] == []
