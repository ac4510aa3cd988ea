"""The innovation-capacity chapter's chart builders: what each chart encodes, and that it is honest.

Each builder is given the frames the chapter gives it, made from the book's data, and its
Vega-Lite spec is read back: the encodings, a zero-based scale for bars of levels, a log scale
for multiples, and tooltips that carry the source sentence in Chinese and English. The built
chapter must show every innovation-capacity figure in a chart, table or tooltip.
"""
from __future__ import annotations

import re

import pandas as pd
import pytest
from conftest import layers

from hightech_zones import load
from hightech_zones.analysis import audit
from hightech_zones.analysis import capacity as frames
from hightech_zones.charts import capacity
from hightech_zones.data.loader import with_sentences
from hightech_zones.language import ENV

CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def data():
    figures, context, units = load("figures"), load("context_figures"), load("units")
    ic = with_sentences(figures[figures.theme == "innovation_capacity"], load("sentences"))
    return {"ic": ic, "fig": ic.set_index("id"), "context": context, "ctx": context.set_index("id"),
            "derived": audit.derived(figures, context, units).set_index("id"),
            "pillars": load("pillars").set_index("id")}




def marked(spec: dict, mark: str) -> list[dict]:
    return [s for s in layers(spec) if (s["mark"] if isinstance(s["mark"], str) else s["mark"]["type"]) == mark]


def tooltip_fields(view: dict) -> list[str]:
    return [t["field"] for t in view["encoding"]["tooltip"]]


def rows(spec: dict) -> list[dict]:
    return [r for d in spec.get("datasets", {}).values() for r in d if r]


def assert_sentence_tooltip(view: dict):
    assert tooltip_fields(view)[-2:] == ["text_zh", "text_en"]


def levels_frame(data):
    ic, derived = data["ic"], data["derived"]
    stated = ic[ic.relation.eq("index_level") & ic.year.eq(2023)]
    levels = stated.assign(low=stated.value, high=stated.value, status="stated")
    rates = ic[ic.relation.eq("cagr_since_2010")].set_index("pillar")
    for pillar in ["rd_resources", "innovation_ecosystem", "industrial_performance"]:
        levels = frames.add_derived(levels, rates.loc[pillar].rename(None), derived.loc[f"{pillar}_level"],
                                      pillar=pillar)
    return frames.with_pillar_names(levels, data["pillars"])


def test_add_derived_marks_the_row_derived_with_its_range(data):
    d = data["derived"].loc["total_index_cagr"]
    frame = frames.add_derived(pd.DataFrame({"value": [1.0], "status": ["stated"]}), data["fig"].loc["total_index"], d)
    row = frame.iloc[-1]
    assert (row.value, row.low, row.high) == (d.value, d.low, d.high)
    assert row.status == f"derived: {d.how}" and row.text_zh == data["fig"].loc["total_index", "text_zh"]


def test_index_levels_are_bars_from_zero_with_ranges_and_sentences(data):
    spec = capacity.index_levels_chart(levels_frame(data), 2023).to_dict()
    (bars,) = marked(spec, "bar")
    assert bars["encoding"]["x"]["field"] == "value" and bars["encoding"]["x"]["scale"]["zero"] is True
    assert bars["encoding"]["y"]["field"] == "index_en"
    assert "condition" in bars["encoding"]["color"]  # stated blue, derived orange
    assert_sentence_tooltip(bars)
    ranges = [v for v in marked(spec, "rule") if v["encoding"].get("x2")]
    assert ranges[0]["encoding"]["x"]["field"] == "low" and ranges[0]["encoding"]["x2"]["field"] == "high"
    statuses = [r["status"] for r in rows(spec)]
    assert statuses.count("stated") == 2 and sum(s.startswith("derived") for s in statuses) == 3
    assert all(r["text_zh"] and r["text_en"] and r["status_zh"] for r in rows(spec))


def test_growth_rates_chart_includes_the_derived_total(data):
    ic = data["ic"]
    rates = ic[ic.relation == "cagr_since_2010"].assign(status="stated")
    rates = frames.add_derived(rates, data["fig"].loc["total_index"], data["derived"].loc["total_index_cagr"])
    spec = capacity.index_cagr_chart(frames.with_pillar_names(rates, data["pillars"])).to_dict()
    (bars,) = marked(spec, "bar")
    assert bars["encoding"]["x"]["scale"]["zero"] is True
    assert_sentence_tooltip(bars)
    derived = [r for r in rows(spec) if r["status"] != "stated"]
    assert len(rows(spec)) == len(rates) and len(derived) == 1 and derived[0]["index_en"]


def test_editions_are_unjoined_points_one_panel_per_series(data):
    context = data["context"]
    editions = context[context.topic.eq("innovation_index") & ~context.id.str.contains("gain")]
    spec = capacity.editions_chart(editions, break_after=2022).to_dict()
    assert len(spec["hconcat"]) == editions.measure_en.str.contains("sub-index").any() + 1
    assert not marked(spec, "line")  # editions recompute the series: never joined
    points = marked(spec, "point")
    assert points and all(p["encoding"]["x"]["field"] == "year" for p in points)
    assert {"words", "source_id"} <= set(tooltip_fields(points[0]))
    cuts = [r for r in marked(spec, "rule") if r["encoding"].get("x", {}).get("datum") == 2022.5]
    assert len(cuts) == len(spec["hconcat"])


def test_zone_shares_stand_against_the_whole_with_sentences(data):
    ic = data["ic"]
    shares = ic[ic.relation == "share_of_national"].assign(status="stated")
    spec = capacity.zone_shares_chart(shares).to_dict()
    (bars,) = marked(spec, "bar")
    assert bars["encoding"]["x"]["scale"]["domain"] == [0, 100]
    assert_sentence_tooltip(bars)
    measures = [r["measure_en"] for r in rows(spec)]
    assert len(measures) == len(shares) and all(m for m in measures)
    assert any("(about)" in m for m in measures)
    assert [r["value"] for r in rows(spec)] == sorted(shares.value, reverse=True)


def test_output_and_intensity_and_growth_bars_start_at_zero(data):
    fig, derived = data["fig"], data["derived"]
    output = frames.zones_within_nation(fig, data["ctx"], load("units").set_index("unit")["factor"],
                                          [("pair_gdp", "zone_gdp", "national_gdp_2024")], source="s")
    intensity = pd.DataFrame(frames.zones_and_nation(fig.loc["patents_per_10k"],
                                                       derived.loc["national_patents_per_10k"],
                                                       "panel_patents_per_10k"))
    ic = data["ic"]
    yoy = ic[ic.relation == "growth_yoy"].assign(level="x")
    for chart in (capacity.zone_output_chart(output), capacity.intensity_chart(intensity),
                  capacity.growth_yoy_chart(yoy)):
        for bar in marked(chart.to_dict(), "bar"):
            assert bar["encoding"]["x"]["scale"]["zero"] is True
    assert list(intensity.status) == ["stated", "derived"]
    assert_sentence_tooltip(marked(capacity.intensity_chart(intensity).to_dict(), "bar")[0])
    assert_sentence_tooltip(marked(capacity.growth_yoy_chart(yoy).to_dict(), "bar")[0])


def test_multiples_sit_on_a_log_scale(data):
    ic = data["ic"]
    multiples = ic[ic.relation == "multiple_of_2010"].assign(status="stated")
    spec = capacity.multiples_chart(multiples).to_dict()
    (points,) = marked(spec, "point")
    assert points["encoding"]["x"]["scale"]["type"] == "log"
    assert_sentence_tooltip(points)
    assert all(r["measure_en"].endswith(", 2023") or r["measure_en"].endswith(", 2024") for r in rows(spec))
    assert all(r["measure_zh"].endswith("（2023年）") or r["measure_zh"].endswith("（2024年）") for r in rows(spec))


def test_context_charts_show_confidence_and_source(data):
    ctx, factor = data["ctx"], load("units").set_index("unit")["factor"]
    gdp = ctx.loc[["zone_gdp_2017", "zone_gdp_share_2017"]].reset_index()
    spec = capacity.zone_gdp_chart(gdp, factor, years=range(2017, 2025)).to_dict()
    assert [p["encoding"]["y"]["title"] for p in spec["hconcat"]] == ["GDP (trillion yuan)", "Share of national GDP (%)"]
    assert all(p["encoding"]["y"]["scale"]["zero"] is True for p in spec["hconcat"])
    amounts = {r["kind"]: r["value"] for r in rows(spec)}
    assert amounts["gdp_trillion_yuan"] == pytest.approx(ctx.loc["zone_gdp_2017", "value"] / 1e4)  # 亿元 -> 万亿元
    context = data["context"]
    view = capacity.zone_count_chart(context[context.topic == "zone_count"]).to_dict()
    assert view["mark"]["type"] == "point" and {"confidence_en", "source_id"} <= set(tooltip_fields(view))
    assert {r["kind"] for r in rows(view)} == set(capacity.ZONE_COUNT_KINDS)


def test_zones_within_nation_in_trillion_yuan(data):
    pairs = [("pair_gdp", "zone_gdp", "national_gdp_2024")]
    output = frames.zones_within_nation(data["fig"], data["ctx"], load("units").set_index("unit")["factor"],
                                          pairs, source="s")
    zones, nation = output.trillion_yuan
    assert zones == pytest.approx(data["fig"].loc["zone_gdp", "value"]) and nation > zones
    assert list(output.who) == ["zones", "nation"] and list(output.who_zh) == ["国家高新区", "全国"]
    assert list(output.measure_en) == ["GDP, 2024"] * 2


def test_growth_since_2010_reads_the_derived_levels(data):
    table = frames.growth_since_2010(data["fig"], data["derived"], ["new_firms"])
    assert table.loc[0, "multiple of 2010"] == data["fig"].loc["new_firms_vs_2010", "value_as_written"]
    assert table.loc[0, "% a year (derived)"] == f"{data['derived'].loc['new_firms_cagr', 'value']:.1f}"


# --- the Chinese edition: the same data, Chinese words --------------------------------------------

def _titles(spec) -> list[str]:
    """Every title and tooltip title a spec gives, outside its data."""
    found = []
    for view in layers(spec):
        for channel in view.get("encoding", {}).values():
            for enc in channel if isinstance(channel, list) else [channel]:
                if isinstance(enc, dict) and isinstance(enc.get("title"), str):
                    found.append(enc["title"])
    return found


def test_the_chinese_edition_reads_back_chinese_titles_and_the_same_data(data, monkeypatch):
    english = capacity.index_levels_chart(levels_frame(data), 2023).to_dict()
    monkeypatch.setenv(ENV, "zh_CN")
    spec = capacity.index_levels_chart(levels_frame(data), 2023).to_dict()
    assert english["datasets"] == spec["datasets"]  # only the encodings follow the edition
    (bars,) = marked(spec, "bar")
    assert bars["encoding"]["y"]["field"] == "index_zh"
    assert bars["encoding"]["x"]["title"] == "2023年指数（点，以2010年为100）"
    # 原文, and no English back-translation
    assert tooltip_fields(bars)[-1] == "text_zh" and "text_en" not in tooltip_fields(bars)
    assert all(CJK.search(t) for t in _titles(spec)), _titles(spec)
    assert spec["description"].startswith("2023年创新能力总指数") and "研发资源集聚" in spec["description"]


@pytest.mark.parametrize("build", ["editions", "shares", "multiples", "gdp", "count", "yoy", "output"])
def test_every_capacity_chart_is_titled_in_chinese_in_the_chinese_edition(data, build, monkeypatch):
    ic, ctx, context = data["ic"], data["ctx"], data["context"]
    factor = load("units").set_index("unit")["factor"]
    builders = {
        "editions": lambda: capacity.editions_chart(
            context[context.topic.eq("innovation_index") & ~context.id.str.contains("gain")], break_after=2022),
        "shares": lambda: capacity.zone_shares_chart(ic[ic.relation == "share_of_national"].assign(status="stated")),
        "multiples": lambda: capacity.multiples_chart(ic[ic.relation == "multiple_of_2010"].assign(status="stated")),
        "gdp": lambda: capacity.zone_gdp_chart(ctx.loc[["zone_gdp_2017", "zone_gdp_share_2017"]].reset_index(),
                                               factor, years=range(2017, 2025)),
        "count": lambda: capacity.zone_count_chart(context[context.topic == "zone_count"]),
        "yoy": lambda: capacity.growth_yoy_chart(ic[ic.relation == "growth_yoy"].assign(level="x")),
        "output": lambda: capacity.zone_output_chart(frames.zones_within_nation(
            data["fig"], ctx, factor, [("pair_gdp", "zone_gdp", "national_gdp_2024")], source="s")),
    }
    english = builders[build]().to_dict()
    monkeypatch.setenv(ENV, "zh_CN")
    spec = builders[build]().to_dict()
    assert english.get("datasets") == spec.get("datasets")
    titles = [t for t in _titles(spec) if t != "%"]
    assert titles and all(CJK.search(t) for t in titles), titles
    assert CJK.search(spec["description"])
