"""What the new-tracks chapter shows, computed from ``data/``: the tracks under their routes, and
how tracks are cultivated and governed, by kind.

The chapter says what each figure and table shows; this module joins the data behind them, so
that each is one cell under the paragraph it supports. How the tracks are drawn is
``charts/tracks.py``'s.
"""
from __future__ import annotations

import pandas as pd

from hightech_zones.data.loader import load
from hightech_zones.words.labels import field, label

# The kinds of cultivation and governance the article names, in the order the table lists them.
KINDS = ["cultivation_model", "ecosystem_element", "governance_pilot", "innovation_centre",
         "original_technology"]
# The counts the prose gives, by the key it glues them under.
COUNTED = {"n_models": "cultivation_model", "n_elements": "ecosystem_element",
           "n_pilots": "governance_pilot"}


def tracks_by_route(new_tracks: pd.DataFrame, track_routes: pd.DataFrame,
                    sentences: pd.DataFrame) -> pd.DataFrame:
    """Each track with the route the editors assign it to, in the routes' order, its slot under
    the route, and the sentence it comes from in both languages (sentences indexed by id)."""
    routes = track_routes.rename(columns={"id": "route_id", "name_zh": "route_zh", "name_en": "route_en"})
    tracks = new_tracks.merge(routes[["route_id", "order", "route_zh", "route_en"]], on="route_id")
    tracks = tracks.sort_values(["order", "id"]).reset_index(drop=True)
    return tracks.assign(slot=tracks.groupby("route_id").cumcount(),
                         sentence_zh=tracks["sentence_id"].map(sentences["text_zh"]),
                         sentence_en=tracks["sentence_id"].map(sentences["text_en"]))


def cultivation_counts() -> dict[str, str]:
    """How many cultivation models, ecosystem elements and governance pilots the article names."""
    counts = load("cultivation")["category"].value_counts()
    return {key: str(counts[category]) for key, category in COUNTED.items()}


def cultivation_by_kind(cultivation: pd.DataFrame, sentences: pd.DataFrame,
                        officials: pd.DataFrame) -> pd.DataFrame:
    """The ways of cultivating and governing tracks, by kind in the order of :data:`KINDS`, each with
    who said it (an official, or the article); sentences and officials indexed by id."""
    kinds = {category: label(f"category_{category}") for category in KINDS}
    how = cultivation[cultivation["category"].isin(kinds)].copy()
    how["kind"] = how["category"].map(kinds)
    how["order"] = how["category"].map({c: i for i, c in enumerate(kinds)})
    how["said by"] = how["sentence_id"].map(sentences["speaker_id"]).map(
        officials[field("name")]).fillna(label("the_article"))
    return how.sort_values("order", kind="stable")
