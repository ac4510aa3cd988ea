"""The chart of the policy-measures chapter: how many of each heading's actions target each index group.

The targeting is the editors' reading (the chapter says so); this module decides how it is drawn:
a grid of counts, shaded from pale to dark, each cell labelled with its count. Headings, index
groups and actions are carried in both languages; the edition's language picks which one shows.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from hightech_zones.charts.style import ON_DARK, ON_PALE, SEQUENTIAL
from hightech_zones.words.labels import field, label, lang

WRAP = r"split(replace(datum.label, /(.{1,16})(\s|$)/g, '$1|'), '|')"
DARK_FROM = 4  # counts from which the cell is dark enough for white text


def heading_matrix(measures: pd.DataFrame) -> pd.DataFrame:
    """One row per heading and index group: how many actions, and which (``heading_en``/``heading_zh``,
    ``target_pillar`` and ``pillar_en``/``pillar_zh`` name them; ``order`` is the heading's place)."""
    keys = ["order", "heading_en", "heading_zh", "target_pillar", "pillar_en", "pillar_zh"]
    return (measures.groupby(keys).agg(measures=("id", "size"), actions_en=("action_en", "; ".join),
                                       actions_zh=("action_zh", "；".join))
            .reset_index())


def describe_matrix(matrix: pd.DataFrame) -> str:
    """The grid in one sentence, in the edition's language."""
    by_pillar = matrix.groupby(field("pillar"), sort=False).measures.sum().sort_values(ascending=False)
    return label("describe_policy_matrix", headings=matrix.heading_en.nunique(), groups=len(by_pillar),
                 actions=matrix.measures.sum(), top=by_pillar.index[0], top_n=by_pillar.iloc[0])


def heading_matrix_chart(matrix: pd.DataFrame, *, pillars: list[str]) -> alt.LayerChart:
    """Headings (rows, in their ``order``) against index groups (columns, in the order of the
    index-group ids ``pillars``)."""
    heading, pillar = field("heading"), field("pillar")
    names = matrix.drop_duplicates("target_pillar").set_index("target_pillar")[pillar]
    headings = list(matrix.sort_values("order").drop_duplicates("order")[heading])
    # Chinese has no spaces to wrap at: break before 指数 (escaped: the Chinese edition sets a bracket
    # around Chinese text full-width), then after every six characters, so that each line stays inside
    # its column (86 px) instead of running into the next column's name.
    wrap = WRAP if lang() == "en" else (r"split(replace(replace(datum.label, /\u6307\u6570$/, '|\u6307\u6570'),"
                                        r" /([^|]{6})(?=[^|])/g, '$1|'), '|')")
    x_axis = alt.Axis(orient="top", labelAngle=0, labelLimit=110, labelBaseline="bottom", offset=50,
                      domain=False, ticks=False, labelExpr=wrap)
    cells = alt.Chart(matrix).encode(
        x=alt.X(f"{pillar}:N", sort=[names[p] for p in pillars], title=label("axis_index_group_targeted"),
                axis=x_axis),
        y=alt.Y(f"{heading}:N", sort=headings, title=label("heading")),
        tooltip=[alt.Tooltip(f"{heading}:N", title=label("heading")),
                 alt.Tooltip(f"{pillar}:N", title=label("index_group_editorial")),
                 alt.Tooltip("measures:Q", title=label("actions")),
                 alt.Tooltip(f"{field('actions')}:N", title=label("which"))])
    heat = cells.mark_rect(style="tile", strokeWidth=2).encode(
        color=alt.Color("measures:Q", title=label("actions"),
                        scale=alt.Scale(scheme=SEQUENTIAL, domainMin=0)))
    # The text stands on the cell's own fill, which is the same in either theme.
    counts = cells.mark_text(fontSize=13).encode(
        text="measures:Q",
        color=alt.condition(alt.datum.measures >= DARK_FROM, alt.value(ON_DARK), alt.value(ON_PALE)))
    return (heat + counts).properties(width=430, height=200, description=describe_matrix(matrix))
