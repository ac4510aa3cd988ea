"""The chart of the case-studies chapter: the zones' figures in yuan on one axis.

None of these figures is exact (lower bounds, orders of magnitude), so each bar is labelled
with the figure as the article qualifies it, and the axis title says so.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from .charts import AS_WRITTEN, IN_ENGLISH, sentence_tooltip

ROOM = 1.6  # the axis runs past the longest bar, to leave room for its label


def yuan_figures(key_figures: pd.DataFrame, units: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The key figures in yuan (``units.base_unit``), in billion yuan, each with its sentence
    (``sentences`` indexed by id)."""
    money = key_figures.merge(units, on="unit")
    money = money[money.base_unit == "yuan"]
    return money.assign(
        billion_yuan=money.value * money.factor / 1e9,
        sentence_zh=money.sentence_id.map(sentences.text_zh),
        sentence_en=money.sentence_id.map(sentences.text_en),
    )[["zone", "measure_en", "measure_zh", "value_as_written", "value_en", "approximation", "billion_yuan",
       "sentence_zh", "sentence_en"]].reset_index(drop=True)


def describe_scales(money: pd.DataFrame) -> str:
    bars = "; ".join(f"{r.zone}, {r.measure_en}: {r.value_en}" for r in money.itertuples())
    return (f"Bars of the {len(money)} sizes in yuan the article states for "
            f"{' and '.join(money.zone.unique())}, each a lower bound or an order of magnitude ({bars}).")


def case_scales_chart(money: pd.DataFrame) -> alt.LayerChart:
    """One bar per figure, largest first, coloured by zone, labelled as the article qualifies it."""
    order = list(money.sort_values("billion_yuan", ascending=False).measure_en)
    base = alt.Chart(money).encode(
        x=alt.X("billion_yuan:Q", title="Billion yuan, as stated (lower bounds and orders of magnitude)",
                scale=alt.Scale(domain=[0, money.billion_yuan.max() * ROOM]), axis=alt.Axis(tickCount=4)),
        y=alt.Y("measure_en:N", title=None, sort=order, axis=alt.Axis(labelLimit=280)))
    bars = base.mark_bar().encode(
        color=alt.Color("zone:N", title=None, legend=alt.Legend(labelLimit=300)),
        tooltip=sentence_tooltip("zone:N", alt.Tooltip("measure_zh:N", title="Measure"),
                                 alt.Tooltip("value_as_written:N", title=AS_WRITTEN),
                                 alt.Tooltip("value_en:N", title=IN_ENGLISH), zh="sentence_zh", en="sentence_en"))
    labels = base.mark_text(align="left", dx=4).encode(text="value_en:N")
    return (bars + labels).properties(width=290, height=120, description=describe_scales(money))
