"""The chart builders of new tracks, policy measures and case studies, and the one look of every chart.

Each builder is given the frames its chapter gives it, made from the book's data, and its
Vega-Lite spec is read back: what it encodes, the palette and the tooltip titles of charts.py,
and a text alternative (``description``) made from the data. Then every chapter's charts: no
chart names a colour outside the palette, and every tooltip titles its fields the same way.
"""
from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from conftest import layers
from test_capacity import marked, rows, tooltip_fields

from hightech_zones import load
from hightech_zones.analysis.profiles import all_profiles
from hightech_zones.charts import cases, policy, tracks
from hightech_zones.charts import style as charts
from hightech_zones.charts.theme import THEMES, chart_config
from hightech_zones.language import ENV
from hightech_zones.words.labels import label


def tooltip_titles(view: dict) -> dict[str, str]:
    return {t["field"]: t.get("title", t["field"]) for t in view["encoding"]["tooltip"]}


@pytest.fixture(scope="module")
def sentences():
    return load("sentences").set_index("id")


@pytest.fixture(scope="module")
def track_frame(sentences):
    routes = load("track_routes").rename(columns={"id": "route_id", "name_zh": "route_zh", "name_en": "route_en"})
    routes = routes[["route_id", "order", "route_zh", "route_en"]]
    frame = load("new_tracks").merge(routes, on="route_id").sort_values(["order", "id"]).reset_index(drop=True)
    return frame.assign(slot=frame.groupby("route_id").cumcount(),
                        sentence_zh=frame.sentence_id.map(sentences.text_zh),
                        sentence_en=frame.sentence_id.map(sentences.text_en))


def test_tracks_are_tiles_under_their_routes_with_sentences(track_frame):
    spec = tracks.tracks_by_route_chart(track_frame).to_dict()
    (tiles,) = marked(spec, "rect")
    labelled = tracks.with_route_labels(track_frame)
    assert tiles["encoding"]["x"]["field"] == "route_label_en" and tiles["encoding"]["y"]["field"] == "slot"
    assert tiles["encoding"]["x"]["sort"] == list(labelled.route_label_en.unique())
    assert tooltip_fields(tiles)[-2:] == ["sentence_zh", "sentence_en"]
    titles = tooltip_titles(tiles)
    assert (titles["sentence_zh"], titles["sentence_en"]) == (label("source_sentence"), label("translation"))
    assert tiles["mark"]["color"] == charts.ZONES and tiles["mark"]["style"] == "tile"
    texts = marked(spec, "text")
    assert [t["encoding"]["text"]["field"] for t in texts] == ["name_zh", "name_en"]
    assert len(rows(spec)) == len(track_frame)
    for name in track_frame.name_en:
        assert name in spec["description"]


@pytest.fixture(scope="module")
def measures():
    headings = load("policy_headings").rename(columns={"id": "heading_id", "name_en": "heading_en",
                                                       "name_zh": "heading_zh"})
    frame = load("policy_measures").merge(headings[["heading_id", "order", "heading_en", "heading_zh"]],
                                          on="heading_id")
    pillars = load("pillars").set_index("id")
    return frame.assign(pillar_en=frame.target_pillar.map(pillars.name_en),
                        pillar_zh=frame.target_pillar.map(pillars.name_zh)), headings, pillars


def test_policy_matrix_counts_every_action_once(measures):
    frame, headings, pillars = measures
    matrix = policy.heading_matrix(frame)
    assert matrix.measures.sum() == len(frame)
    assert not matrix.duplicated(["heading_en", "pillar_en"]).any()
    ids = [p for p in pillars.index if p in set(frame.target_pillar)]
    spec = policy.heading_matrix_chart(matrix, pillars=ids).to_dict()
    (cells,) = marked(spec, "rect")
    assert cells["encoding"]["x"]["sort"] == [pillars.loc[p, "name_en"] for p in ids]
    assert cells["encoding"]["y"]["sort"] == list(headings.sort_values("order").heading_en)
    assert cells["encoding"]["color"]["scale"]["scheme"] == charts.SEQUENTIAL
    (counts,) = marked(spec, "text")
    colour = counts["encoding"]["color"]
    assert {colour["condition"]["value"], colour["value"]} == {charts.ON_DARK, charts.ON_PALE}
    top = frame.pillar_en.value_counts()
    assert f"the {top.index[0]} is targeted most ({top.iloc[0]} actions)" in spec["description"]
    assert f"{len(frame)} actions" in spec["description"]


@pytest.fixture(scope="module")
def money(sentences):
    profiles = all_profiles()
    key = pd.concat([p.key_figures.assign(zone_en=p.zone["name_en"], zone_zh=p.zone["name_zh"]) for p in profiles],
                    ignore_index=True)
    return cases.yuan_figures(key, load("units"), sentences)


def test_case_scales_are_bars_from_zero_in_billion_yuan_labelled_as_written(money):
    assert len(money) and set(money.zone_en) == set(load("case_zones").name_en)
    units = load("units").set_index("unit")
    figures = load("figures").set_index("id")
    expected = sorted(figures.loc[i, "value"] * units.loc[figures.loc[i, "unit"], "factor"] / 1e9
                      for i in figures.index if units.loc[figures.loc[i, "unit"], "base_unit"] == "yuan"
                      and figures.loc[i, "theme"] == "case_studies")
    assert sorted(money.billion_yuan) == pytest.approx(expected)
    spec = cases.case_scales_chart(money).to_dict()
    (bars,) = marked(spec, "bar")
    assert bars["encoding"]["x"]["field"] == "billion_yuan" and bars["encoding"]["x"]["scale"]["domain"][0] == 0
    assert tooltip_titles(bars)["value_as_written"] == label("as_written")
    assert tooltip_fields(bars)[-2:] == ["sentence_zh", "sentence_en"]
    # Each mark labelled as written; a threshold's label over its dashed line, not struck through by it.
    labels = marked(spec, "text")
    assert {t["encoding"]["text"]["field"] for t in labels} == {"value_en"} and len(labels) == 2
    baselines = {json.dumps(t["transform"]).startswith('[{"filter": "!('): t["mark"].get("baseline") for t in labels}
    assert baselines == {True: None, False: "bottom"}
    # An order of magnitude (万亿级) is a threshold (a tick and a dashed line), never a bar.
    (tick,) = marked(spec, "tick")
    assert "order_of" in json.dumps(tick["transform"]) and "!(" in json.dumps(bars["transform"])
    for value in money.value_en:
        assert value in spec["description"]


def test_finish_refuses_a_chart_without_a_text_alternative(track_frame):
    import altair as alt

    chart = tracks.tracks_by_route_chart(track_frame)
    assert charts.finish(chart, source="s", filename="f.csv").to_dict()["description"]
    with pytest.raises(ValueError, match="description"):
        charts.finish(alt.Chart(track_frame).mark_rect(), source="s", filename="f.csv")


def test_both_themes_set_paper_ink_and_grid_and_only_those_differ():
    light, dark = chart_config("light"), chart_config("dark")
    assert light["background"] == THEMES["light"]["paper"] and dark["background"] == THEMES["dark"]["paper"]
    assert dark["axis"]["gridColor"] == THEMES["dark"]["grid"] and dark["text"]["color"] == THEMES["dark"]["ink"]
    assert set(light) == set(dark) and set(light["style"]) == set(dark["style"])
    assert light["font"] == dark["font"] and light["font"].startswith(charts.FONT.split(",")[0])


CJK = re.compile(r"[\u3400-\u9fff]")


def test_the_builders_title_in_chinese_in_the_chinese_edition_and_draw_the_same_data(
        track_frame, measures, money, monkeypatch):
    frame, headings, pillars = measures
    ids = [p for p in pillars.index if p in set(frame.target_pillar)]
    builders = [lambda: tracks.tracks_by_route_chart(track_frame),
                lambda: policy.heading_matrix_chart(policy.heading_matrix(frame), pillars=ids),
                lambda: cases.case_scales_chart(money)]
    english = [b().to_dict() for b in builders]
    monkeypatch.setenv(ENV, "zh_CN")
    for before, build in zip(english, builders):
        spec = build().to_dict()
        assert spec["datasets"] == before["datasets"]
        assert CJK.search(spec["description"]) and not re.search(r"\b(the|of|and)\b", spec["description"])
        for view in layers(spec):
            for t in view["encoding"].get("tooltip", []):
                assert CJK.search(t.get("title", "")) or t.get("title") in (None, "In English"), t
            assert "sentence_en" not in tooltip_fields(view) if "tooltip" in view["encoding"] else True
    spec = cases.case_scales_chart(money).to_dict()
    assert {t["encoding"]["text"]["field"] for t in marked(spec, "text")} == {"value_zh"}
    (bars,) = marked(spec, "bar")  # Chinese counts in 亿元, written without separators
    assert bars["encoding"]["x"]["field"] == "yi_yuan" and bars["encoding"]["x"]["axis"]["format"] == "d"
    assert "十亿" not in json.dumps(spec, ensure_ascii=False) and "，" in spec["description"]
    assert "突破6000亿元" in set(money.value_zh)  # the article's words
