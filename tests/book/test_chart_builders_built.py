"""The chart builders of new tracks, policy measures and case studies, and the one look of every chart.

Each builder is given the frames its chapter gives it, made from the book's data, and its
Vega-Lite spec is read back: what it encodes, the palette and the tooltip titles of charts.py,
and a text alternative (``description``) made from the data. Then every chapter's charts: no
chart names a colour outside the palette, and every tooltip titles its fields the same way.
"""
from __future__ import annotations

import json
import re

import pytest
from chart_text import colours
from conftest import layers

from hightech_zones import load
from hightech_zones.charts import style as charts
from hightech_zones.words.labels import label


@pytest.fixture(scope="module")
def sentences():
    return load("sentences").set_index("id")


@pytest.fixture(scope="module")
def measures():
    headings = load("policy_headings").rename(columns={"id": "heading_id", "name_en": "heading_en",
                                                       "name_zh": "heading_zh"})
    frame = load("policy_measures").merge(headings[["heading_id", "order", "heading_en", "heading_zh"]],
                                          on="heading_id")
    pillars = load("pillars").set_index("id")
    return frame.assign(pillar_en=frame.target_pillar.map(pillars.name_en),
                        pillar_zh=frame.target_pillar.map(pillars.name_zh)), headings, pillars


# --- every chart of the built book ---------------------------------------------------------------

PALETTE = {c.lower() for c in [*charts.CATEGORY, charts.REST, charts.ZONES_MEDIUM, charts.ZONES_LOW,
                               charts.ON_DARK, charts.ON_PALE]}
VOCABULARY = {"text_zh": label("source_sentence"), "sentence_zh": label("source_sentence"),
              "text_en": label("translation"), "sentence_en": label("translation"),
              "value_as_written": label("as_written"), "words": label("source_words")}


def book_specs(built_html) -> list[tuple[str, dict]]:
    found = []
    for page in sorted((built_html / "chapters").glob("*.html")):
        for spec in re.findall(r"var spec=(\{.*?\});var el=", page.read_text(encoding="utf-8"), re.S):
            found.append((page.stem, json.loads(spec.replace("<\\/", "</"))))
    return found


def test_every_chart_takes_its_colours_from_the_palette_and_says_what_it_shows(built_html):
    specs = book_specs(built_html)
    drawn = sum(p.read_text(encoding="utf-8").count('class="hz-chart"') for p in (built_html / "chapters").glob("*.html"))
    assert specs and len(specs) == drawn
    descriptions = [spec.get("description") for _, spec in specs]
    assert all(isinstance(d, str) and len(d) > 40 for d in descriptions), descriptions
    assert len(set(descriptions)) == len(descriptions), "two charts share a text alternative"
    for page, spec in specs:
        body = {k: v for k, v in spec.items() if k not in ("datasets", "config")}
        stray = {c for c in colours(body) if c.startswith("#") and c.lower() not in PALETTE}
        assert not stray, (page, stray)


def test_every_tooltip_titles_a_field_the_same_way(built_html):
    for page, spec in book_specs(built_html):
        for view in layers(spec):
            for tip in view.get("encoding", {}).get("tooltip", []) if isinstance(
                    view.get("encoding", {}).get("tooltip"), list) else []:
                if tip["field"] in VOCABULARY:
                    assert tip.get("title") == VOCABULARY[tip["field"]], (page, tip)


