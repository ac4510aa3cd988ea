"""The chart of the case-studies chapter: the zones' figures in yuan on one axis.

None of these figures is exact, so each is labelled with the figure as the article qualifies it,
and the axis title says so. A lower bound ('突破6000亿元') is a bar from zero; an order of magnitude
('万亿级') is no measured value, so it is drawn as a threshold: a tick where the scale begins and a
dashed line running on. The axis is in billion yuan in English and in 亿元 in Chinese; both
columns are in the data of both editions, so the numbers are the same. Zones, measures and values
are carried in both languages; the edition's language picks which one shows.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from hightech_zones.charts.style import sentence_tooltip
from hightech_zones.words.labels import field, gap, label, lang
from hightech_zones.words.prose import chinese_value

ROOM = 1.6  # the axis runs past the longest bar, to leave room for its label
AXIS = {"en": ("billion_yuan", ",~f"), "zh": ("yi_yuan", "d")}  # the axis's unit and format: 亿元, no separators
THRESHOLD = "datum.approximation === 'order_of'"  # an order of magnitude: a threshold, not a value


def yuan_figures(key_figures: pd.DataFrame, units: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The key figures in yuan (``units.base_unit``), in billion yuan, each with its sentence
    (``sentences`` indexed by id); ``zone_en``/``zone_zh`` name the zone, ``value_en``/``value_zh``
    write the value as each edition reads it."""
    money = key_figures.merge(units, on="unit")
    money = money[money.base_unit == "yuan"]
    return money.assign(
        billion_yuan=money.value * money.factor / 1e9,
        yi_yuan=money.value * money.factor / 1e8,
        value_zh=[chinese_value(row) for _, row in money.iterrows()],
        sentence_zh=money.sentence_id.map(sentences.text_zh),
        sentence_en=money.sentence_id.map(sentences.text_en),
    )[["zone_en", "zone_zh", "measure_en", "measure_zh", "value_as_written", "value_en", "value_zh",
       "approximation", "billion_yuan", "yi_yuan", "sentence_zh", "sentence_en"]].reset_index(drop=True)


def describe_scales(money: pd.DataFrame) -> str:
    """The bars in one sentence, in the edition's language."""
    zone, measure, value = field("zone"), field("measure"), field("value")
    comma, colon, sep = ("，", "：", "；") if lang() == "zh" else (", ", ": ", "; ")
    bars = sep.join(f"{r[zone]}{comma}{r[measure]}{colon}{r[value]}" for _, r in money.iterrows())
    zones = f"{gap()}{label('and')}{gap()}".join(money[zone].unique())
    return label("describe_case_scales", n=len(money), zones=zones, listing=bars)


def case_scales_chart(money: pd.DataFrame) -> alt.LayerChart:
    """One mark per figure, largest first, coloured by zone, labelled as the article qualifies it:
    a bar for a lower bound, a threshold (tick and dashed line) for an order of magnitude."""
    measure, (unit, fmt) = field("measure"), AXIS[lang()]
    order = list(money.sort_values("billion_yuan", ascending=False)[measure])
    end = money[unit].max() * ROOM
    base = alt.Chart(money).encode(
        x=alt.X(f"{unit}:Q", title=label("axis_yuan_as_stated"),
                scale=alt.Scale(domain=[0, end]), axis=alt.Axis(tickCount=4, format=fmt)),
        y=alt.Y(f"{measure}:N", title=None, sort=order, axis=alt.Axis(labelLimit=280)))
    in_english = [alt.Tooltip("value_en:N", title=label("in_english"))] if lang() == "en" else []
    color = alt.Color(f"{field('zone')}:N", title=None, legend=alt.Legend(labelLimit=300, columns=1, symbolOpacity=1))
    tooltip = sentence_tooltip(alt.Tooltip(f"{field('zone')}:N", title=label("zone")),
                               alt.Tooltip("measure_zh:N", title=label("measure")),
                               alt.Tooltip("value_as_written:N", title=label("as_written")),
                               *in_english, zh="sentence_zh", en="sentence_en")
    bars = base.mark_bar().encode(color=color, tooltip=tooltip).transform_filter(f"!({THRESHOLD})")
    threshold = base.transform_filter(THRESHOLD)
    ticks = threshold.mark_tick(thickness=3).encode(color=color, tooltip=tooltip)
    onward = threshold.mark_rule(strokeDash=[4, 3]).encode(x2=alt.X2(datum=end), color=color)
    text = {"text": f"{field('value')}:N"}
    labels = base.transform_filter(f"!({THRESHOLD})").mark_text(align="left", dx=4).encode(**text)
    above = threshold.mark_text(align="left", baseline="bottom", dx=4, dy=-4).encode(**text)  # over the line
    return (bars + ticks + onward + labels + above).properties(width=290, height=120, description=describe_scales(money))
