"""The chart of the new-tracks chapter: each track as a tile under the route it came by.

The chapter pairs tracks with routes (an editorial reading, which the tooltip says); this
module decides how the pairing is drawn. Tiles, not bars: the chart shows membership, not size.
The data carry every name in both languages; the edition's language picks the route labels,
the tooltip titles and the text alternative, while the tiles show the Chinese name over the English.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from hightech_zones.charts.style import ZONES, sentence_tooltip
from hightech_zones.words.labels import field, label, lang, own

# Route names wrap at this many characters in the axis labels above the columns.
WRAP = r"split(replace(datum.label, /(.{1,26})(\s|$)/g, '$1|'), '|')"
COLUMNS = ["name_zh", "name_en", "route_zh", "route_en", "route_label_en", "route_label_zh", "route_rationale",
           "route_rationale_zh", "slot", "sentence_zh", "sentence_en"]


def with_route_labels(tracks: pd.DataFrame) -> pd.DataFrame:
    """``route_label_en`` ('1. Upgrading …') and ``route_label_zh`` ('1. 传统产业…'): each route
    numbered in its order, in both languages."""
    order = tracks.order.astype(str) + ". "
    return tracks.assign(route_label_en=order + tracks.route_en, route_label_zh=order + tracks.route_zh)


def describe_tracks(tracks: pd.DataFrame) -> str:
    """One sentence that says what the chart shows, from its data, in the edition's language."""
    name, sep = (("name_zh", "、") if lang() == "zh" else ("name_en", ", "))
    groups = [f"{route}: {sep.join(group[name])}"
              for route, group in tracks.groupby(field("route_label"), sort=False)]
    return label("describe_tracks", tracks=len(tracks), routes=len(groups),
                 listing=("；" if lang() == "zh" else "; ").join(groups))


def tracks_by_route_chart(tracks: pd.DataFrame) -> alt.LayerChart:
    """Tracks as tiles in one column per route (in the routes' order), Chinese name over English (the
    Chinese name alone in the Chinese edition)."""
    data = with_route_labels(tracks)[COLUMNS]
    route = field("route_label")
    axis = alt.Axis(orient="top", labelAngle=0, labelLimit=180, domain=False, ticks=False,
                    labelBaseline="bottom", labelPadding=4, offset=32, labelExpr=WRAP)
    english = [alt.Tooltip("name_en:N", title=label("in_english"))] if lang() == "en" else []
    base = alt.Chart(data).encode(
        x=alt.X(f"{route}:N", sort=list(data[route].unique()), title=None, axis=axis),
        y=alt.Y("slot:O", axis=None),
        tooltip=sentence_tooltip(
            alt.Tooltip("name_zh:N", title=label("track")), *english,
            alt.Tooltip(f"{field('route')}:N", title=label("route_editorial")),
            alt.Tooltip(f"{own('route_rationale')}:N", title=label("why_route")),
            zh="sentence_zh", en="sentence_en"))
    # The tiles' white gaps are the page's paper (style "tile"), in either theme.
    tiles = base.mark_rect(style="tile", strokeWidth=6, opacity=0.18, color=ZONES)
    if lang() == "zh":  # the Chinese reader reads the name alone; the data keep the English all the same
        return (tiles + base.mark_text(fontSize=15).encode(text="name_zh:N")).properties(
            width=540, height=150, description=describe_tracks(data))
    names_zh = base.mark_text(dy=-9, fontSize=15).encode(text="name_zh:N")
    names_en = base.mark_text(dy=11, fontSize=11, style="muted").encode(text="name_en:N")
    return (tiles + names_zh + names_en).properties(width=540, height=150, description=describe_tracks(data))
