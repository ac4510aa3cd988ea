"""The chart of the policy-measures chapter: how many of each heading's actions target each index group.

The targeting is the editors' reading (the chapter says so); this module decides how it is drawn:
a grid of counts, shaded from pale to dark, each cell labelled with its count.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from .charts import ON_DARK, ON_PALE, SEQUENTIAL

WRAP = r"split(replace(datum.label, /(.{1,16})(\s|$)/g, '$1|'), '|')"
DARK_FROM = 4  # counts from which the cell is dark enough for white text


def heading_matrix(measures: pd.DataFrame) -> pd.DataFrame:
    """One row per heading and index group: how many actions, and which (``heading in English``,
    ``target_pillar`` and ``pillar`` name them; ``order`` is the heading's place)."""
    keys = ["order", "heading in English", "target_pillar", "pillar"]
    return (measures.groupby(keys).agg(measures=("id", "size"), actions=("action_en", "; ".join))
            .reset_index())


def describe_matrix(matrix: pd.DataFrame) -> str:
    by_pillar = matrix.groupby("pillar", sort=False).measures.sum().sort_values(ascending=False)
    return (f"A grid of the {matrix['heading in English'].nunique()} headings against the "
            f"{len(by_pillar)} index groups their {matrix.measures.sum()} actions target, in the editors' "
            f"reading; the {by_pillar.index[0]} is targeted most ({by_pillar.iloc[0]} actions).")


def heading_matrix_chart(matrix: pd.DataFrame, *, headings: list[str], pillars: list[str]) -> alt.LayerChart:
    """Headings (rows, in ``headings`` order) against index groups (columns, in ``pillars`` order)."""
    x_axis = alt.Axis(orient="top", labelAngle=0, labelLimit=110, labelBaseline="bottom", offset=50,
                      domain=False, ticks=False, labelExpr=WRAP)
    cells = alt.Chart(matrix).encode(
        x=alt.X("pillar:N", sort=pillars, title="Index group targeted (editorial)", axis=x_axis),
        y=alt.Y("heading in English:N", sort=headings, title="Heading"),
        tooltip=["heading in English:N", alt.Tooltip("pillar:N", title="Index group (editorial)"),
                 alt.Tooltip("measures:Q", title="Actions"), alt.Tooltip("actions:N", title="Which")])
    heat = cells.mark_rect(style="tile", strokeWidth=2).encode(
        color=alt.Color("measures:Q", title="Actions", scale=alt.Scale(scheme=SEQUENTIAL, domainMin=0)))
    # The text stands on the cell's own fill, which is the same in either theme.
    counts = cells.mark_text(fontSize=13).encode(
        text="measures:Q",
        color=alt.condition(alt.datum.measures >= DARK_FROM, alt.value(ON_DARK), alt.value(ON_PALE)))
    return (heat + counts).properties(width=430, height=200, description=describe_matrix(matrix))
