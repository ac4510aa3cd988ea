"""What the policy-measures chapter shows, computed from ``data/``: the measures under their
headings, their counts, and the article figures that measure them.

The chapter says what each table and chart shows; this module joins the data behind them, so
that each is one cell under the paragraph it supports. How the matrix is drawn is
``charts/policy.py``'s.
"""
from __future__ import annotations

import pandas as pd

from hightech_zones.analysis.findings import headlines
from hightech_zones.data.loader import load
from hightech_zones.words.labels import field
from hightech_zones.words.prose import citation, value_text


def measures_under_headings(policy_headings: pd.DataFrame, policy_measures: pd.DataFrame) -> pd.DataFrame:
    """Each measure with its heading (``heading``, ``heading in English``), in the headings' order."""
    headings = policy_headings.rename(columns={"id": "heading_id", "name_zh": "heading",
                                               "name_en": "heading in English"})
    measures = policy_measures.merge(headings[["heading_id", "order", "heading", "heading in English"]],
                                     on="heading_id")
    return measures.sort_values("order", kind="stable").reset_index(drop=True)


def numbers() -> dict[str, str]:
    """The counts the chapter's prose gives: headings, measures, measures per heading (``n_<heading>``)
    and measures an article figure measures (``n_linked``); and the article's citation."""
    found = headlines()  # the headline figures, as every page writes them
    measures = load("policy_measures")
    per_heading = measures.groupby("heading_id", sort=False).size()
    return {"n_headings": found["n_headings"], "n_measures": found["n_measures"],
            **{f"n_{heading_id}": str(n) for heading_id, n in per_heading.items()},
            "n_linked": str(measures["related_figure_id"].notna().sum()),
            "source_article": citation("people_daily_2025")}


def measured_by_figures(measures: pd.DataFrame, figures: pd.DataFrame, units: pd.DataFrame,
                        pillars: pd.DataFrame) -> pd.DataFrame:
    """The measures an article figure measures (the editors' pairing), with the index group each
    targets, the figure, its value as written and in words, and its year (figures and pillars
    indexed by id)."""
    linked = measures[measures["related_figure_id"].notna()].copy()
    related = linked["related_figure_id"]
    linked["group"] = linked["target_pillar"].map(pillars[field("name")])
    linked["figure"] = related.map(figures[field("measure")])
    linked["value"] = [value_text(figures.loc[f], units) for f in related]
    linked["as written"] = related.map(figures["value_as_written"])
    linked["year"] = related.map(figures["year"])
    return linked
