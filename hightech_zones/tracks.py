"""The chart of the new-tracks chapter: each track as a tile under the route it came by.

The chapter pairs tracks with routes (an editorial reading, which the tooltip says); this
module decides how the pairing is drawn. Tiles, not bars: the chart shows membership, not size.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from .charts import IN_ENGLISH, ZONES, sentence_tooltip

# Route names wrap at this many characters in the axis labels above the columns.
WRAP = r"split(replace(datum.label, /(.{1,26})(\s|$)/g, '$1|'), '|')"
COLUMNS = ["name_zh", "name_en", "route_zh", "route_label", "route_rationale", "slot", "sentence_zh",
           "sentence_en"]


def describe_tracks(tracks: pd.DataFrame) -> str:
    """One sentence that says what the chart shows, from its data."""
    groups = [f"{route}: {', '.join(group.name_en)}"
              for route, group in tracks.groupby("route_label", sort=False)]
    return (f"Tiles of the {len(tracks)} new tracks the article names, under the "
            f"{len(groups)} routes the book's editors assign them to ({'; '.join(groups)}).")


def tracks_by_route_chart(tracks: pd.DataFrame) -> alt.LayerChart:
    """Tracks as tiles in one column per route (in the routes' order), Chinese name over English."""
    data = tracks[COLUMNS]
    axis = alt.Axis(orient="top", labelAngle=0, labelLimit=180, domain=False, ticks=False,
                    labelBaseline="bottom", labelPadding=4, offset=32, labelExpr=WRAP)
    base = alt.Chart(data).encode(
        x=alt.X("route_label:N", sort=list(data.route_label.unique()), title=None, axis=axis),
        y=alt.Y("slot:O", axis=None),
        tooltip=sentence_tooltip(
            alt.Tooltip("name_zh:N", title="Track"), alt.Tooltip("name_en:N", title=IN_ENGLISH),
            alt.Tooltip("route_zh:N", title="Route (editorial)"), alt.Tooltip("route_rationale:N", title="Why"),
            zh="sentence_zh", en="sentence_en"))
    # The tiles' white gaps are the page's paper (style "tile"), in either theme.
    tiles = base.mark_rect(style="tile", strokeWidth=6, opacity=0.18, color=ZONES)
    names_zh = base.mark_text(dy=-9, fontSize=15).encode(text="name_zh:N")
    names_en = base.mark_text(dy=11, fontSize=11, style="muted").encode(text="name_en:N")
    return (tiles + names_zh + names_en).properties(width=540, height=150, description=describe_tracks(data))
