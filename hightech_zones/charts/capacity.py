"""The charts of the innovation-capacity chapter.

The chapter selects the figures and does the arithmetic a reader should see; these
functions decide how each figure is drawn. Every chart follows the book's rules: bars
for levels start at zero, growth multiples sit on a log scale, shares stand against
the national whole, values the article implies but does not state are orange
(*derived*), and tooltips carry the source sentence in Chinese and English (in the Chinese
edition, the Chinese sentence alone).

Every word a chart shows comes from ``data/labels.csv`` or the data's ``*_zh``/``*_en``
columns; a chart's data carry both languages, so the two editions draw the same data, and
only the encodings pick the edition's column (``labels.field``) and titles (``labels.label``).
"""
from __future__ import annotations

import re

import altair as alt
import pandas as pd

from hightech_zones.charts.style import (
    ACCENT,
    DERIVED,
    NATION,
    REST,
    ZONES,
    ZONES_LOW,
    ZONES_MEDIUM,
    highlight_legend,
    sentence_tooltip,
    share_of_whole,
)
from hightech_zones.words.fmt import number, number_zh
from hightech_zones.words.labels import both, field, gap, label, labelled, lang, own

LABELS = alt.Axis(labelLimit=300)  # long category names stay whole
NARROW = 340  # a chart width that leaves room for long labels
GREY = REST  # the national whole behind the zones' part
ZERO = alt.Scale(zero=True)  # levels are bars from zero


def _as_written() -> alt.Tooltip:
    return alt.Tooltip("value_as_written:N", title=label("as_written"))


def _words() -> alt.Tooltip:
    return alt.Tooltip("words:N", title=label("source_words"))


def _text(stem: str, key: str) -> alt.Tooltip:
    """A tooltip of the edition's column of ``stem``, titled by the label ``key``."""
    return alt.Tooltip(f"{field(stem)}:N", title=label(key))


def with_status(frame: pd.DataFrame) -> pd.DataFrame:
    """``status_en`` and ``status_zh`` from ``status``: 'stated', 'derived' or 'derived: <how>'
    (how is a formula, the same in both languages); ``status`` becomes the bare key ('stated' or
    'derived') that marks and colours test, so the formula is not carried three times."""
    def words(status: str) -> dict[str, str]:
        if status.startswith("derived: "):
            return both("status_derived_how", how=status.removeprefix("derived: "))
        return both(f"status_{status}")
    texts = [words(s) for s in frame.status]
    return frame.assign(status=frame.status.str.split(":").str[0], status_en=[t["en"] for t in texts],
                        status_zh=[t["zh"] for t in texts])


def _listing(labels, values, unit: str = "") -> str:
    """'a 1.0, b 2.0' ('a 1.0，b 2.0' in Chinese): labels with their values, for a chart's text alternative."""
    write, sep, gap = (number_zh, "，", "") if lang() == "zh" else (number, ", ", " ")
    if lang() == "zh":  # a year and its value must not run together ('202419.3'): '2024年：19.3'
        labels = [f"{name}年：" if re.fullmatch(r"(19|20)\d\d", str(name)) else name for name in labels]
    return sep.join(f"{name}{gap}{write(round(float(v), 1))}{unit}" for name, v in zip(labels, values))


def _stated_colour():
    return alt.condition("datum.status === 'stated'", alt.value(ZONES), alt.value(DERIVED))


def index_levels_chart(levels: pd.DataFrame, year: int) -> alt.LayerChart:
    """Index levels as bars from zero, each derived level with the range its rounding allows,
    and the 2010 base (100) as a dashed line."""
    # The unit (points, 2010 = 100) is the axis title's: a column would repeat it on every row.
    data = with_status(levels)[
        ["index_en", "index_zh", "value", "low", "high", "status", "status_en", "status_zh",
         "value_as_written", "text_zh", "text_en"]]
    name = field("index")
    points = alt.Tooltip("value:Q", format=".1f", title=label("points"))
    base = alt.Chart(data).encode(y=alt.Y(f"{name}:N", title=None, sort=list(data[name]), axis=LABELS))
    bars = base.mark_bar(height=20).encode(
        x=alt.X("value:Q", title=label("axis_index_points_in", year=year), scale=ZERO),
        color=_stated_colour(),
        tooltip=sentence_tooltip(_text("index", "index_group"), points, _text("status", "status"),
                                 _as_written()))
    ranges = base.mark_rule(style="range").encode(x="low:Q", x2="high:Q")
    # A reference line is for the eye (the description says what it marks): aria=False keeps an
    # unlabelled graphic out of a screen reader's way (axe's svg-img-alt, WCAG 1.1.1).
    rule = alt.Chart().mark_rule(strokeDash=[4, 3], color=NATION, aria=False).encode(x=alt.datum(100))
    description = label("describe_index_levels", year=year, listing=_listing(data[name], data.value),
                        derived=data.status.ne("stated").sum())
    return (bars + ranges + rule).properties(width=NARROW, height=180, description=description)


def index_cagr_chart(rates: pd.DataFrame) -> alt.Chart:
    """Compound growth rates since 2010 as bars, stated in blue, derived in orange."""
    data = with_status(rates)[  # the unit is the axis title's
        ["index_en", "index_zh", "value", "status", "status_en", "status_zh", "text_zh", "text_en"]]
    return alt.Chart(data).mark_bar(height=20).encode(
        x=alt.X("value:Q", title=label("axis_cagr_since_2010"), scale=ZERO),
        y=alt.Y(f"{field('index')}:N", title=None, sort="-x", axis=LABELS),
        color=_stated_colour(),
        tooltip=sentence_tooltip(_text("index", "index_group"),
                                 alt.Tooltip("value:Q", format=".1f", title=label("axis_cagr_since_2010")),
                                 _text("status", "status")),
    ).properties(width=NARROW, height=180, description=label(
        "describe_index_cagr", listing=_listing(data[field("index")], data.value, "%"),
        derived=data.status.ne("stated").sum()))


EDITION_YEARS = alt.Scale(domain=[2010, 2024])
EDITION_POINTS = alt.Scale(domain=[0, 550])
CONFIDENCE_SHAPE_RANGE = {"high": "circle", "medium": "diamond", "derived": "triangle-up"}


def _edition_axis() -> alt.Axis:
    return alt.Axis(format="d", values=list(range(2010, 2025, 2)), title=label("axis_data_year"))


def _confidence(frame: pd.DataFrame) -> pd.DataFrame:
    """``confidence_en``/``confidence_zh``: a confidence grade in words, from its key."""
    return labelled(frame, confidence="confidence_" + frame.confidence)


def _confidence_scale(grades, marks) -> alt.Scale:
    """A scale over confidence grades in the edition's words, keeping each grade's mark or colour."""
    return alt.Scale(domain=[label(f"confidence_{g}") for g in grades], range=list(marks))


def _edition_panel(data: pd.DataFrame, series: str, cut: float) -> alt.LayerChart:
    axis = _edition_axis()
    at_cut = alt.X(datum=cut, type="quantitative", scale=EDITION_YEARS, axis=axis)
    break_line = alt.Chart().mark_rule(strokeDash=[2, 2], color=DERIVED, aria=False).encode(x=at_cut)
    break_note = alt.Chart().mark_text(align="right", dx=-4, color=DERIVED, fontSize=11).encode(
        x=at_cut, y=alt.datum(30), text=alt.datum(label("new_indicator_system")))
    base_line = alt.Chart().mark_rule(strokeDash=[4, 3], color=NATION, aria=False).encode(y=alt.datum(100))
    data = data[data.series_en == series]
    x = alt.X("year:Q", scale=EDITION_YEARS, axis=axis)
    y = alt.Y("value:Q", title=label("axis_index_points"), scale=EDITION_POINTS)
    points = alt.Chart(data).mark_point(filled=True, size=90).encode(
        x=x, y=y,
        # Three editions a row: in one row the legend was wider than the page's column.
        color=alt.Color(f"{field('edition_label')}:N", title=label("edition_of_report"),
                        legend=alt.Legend(columns=3)),
        shape=alt.Shape(f"{field('confidence')}:N", title=label("confidence"),
                        scale=_confidence_scale(CONFIDENCE_SHAPE_RANGE, CONFIDENCE_SHAPE_RANGE.values())),
        tooltip=[_text("series", "series"), alt.Tooltip("year:Q", title=label("year")),
                 alt.Tooltip("value:Q", title=label("value")), alt.Tooltip("unit:N", title=label("unit")),
                 _text("edition_label", "edition_of_report"), _text("confidence", "confidence"), _words(),
                 alt.Tooltip("source_id:N", title=label("source_id"))])
    labels = alt.Chart(data).mark_text(dy=-12, fontSize=11).encode(
        x=alt.X("year:Q", scale=EDITION_YEARS), y=alt.Y("value:Q", scale=EDITION_POINTS),
        text=alt.Text("value:Q", format=".1~f"))
    return alt.layer(break_line, break_note, base_line, points, labels).properties(
        title=data[field("series")].iloc[0], width=200, height=240)


def editions_chart(editions: pd.DataFrame, *, break_after: int) -> alt.HConcatChart:
    """The index as each edition of the report gives it: one panel per series, points not joined,
    and a dotted line after the last data year of the old indicator system (``break_after``)."""
    total = editions.measure_en.str.contains("sub-index")
    editions_words = [both("edition_of_year", edition=e) for e in editions.edition]
    data = _confidence(editions.assign(
        series_en=editions.measure_en.where(total, both("total_index")["en"]),
        series_zh=editions.measure_zh.where(total, both("total_index")["zh"]),
        edition_label_en=[w["en"] for w in editions_words], edition_label_zh=[w["zh"] for w in editions_words]))[
        ["series_en", "series_zh", "year", "value", "unit", "edition_label_en", "edition_label_zh", "confidence",
         "confidence_en", "confidence_zh", "words", "source_id"]]
    series = data[field("series")].unique()
    description = label("describe_editions", editions=data.edition_label_en.nunique(),
                        series=("、" if lang() == "zh" else ", ").join(series), first=data.year.min(),
                        last=data.year.max(), last_old=break_after)
    return alt.hconcat(*(_edition_panel(data, s, break_after + 0.5) for s in data.series_en.unique())).properties(
        description=description)


def zone_shares_chart(shares: pd.DataFrame) -> alt.Chart:
    """The zones' shares of national totals against the rest of the nation, largest first; each
    share is named by its label ``share_<figure id>`` (data/labels.csv)."""
    about = shares.approximation.eq("about")
    names = [both(f"share_{i}") for i in shares.id]
    # An approximate share says so: '(about)' in English; in Chinese the article's own words, which
    # qualify it as 左右 or 约 (“50%左右”, “约50%”).
    qualifier = [{"en": " " + both("about_suffix")["en"], "zh": f"（{w}）"} for w in shares.value_as_written]
    stated = [both("status_stated_year", year=int(y)) if not pd.isna(y) else both("status_stated_no_year")
              for y in shares.year]
    status = [both("status_derived_how", how=s.removeprefix("derived: ")) if s != "stated" else w
              for s, w in zip(shares.status, stated)]
    data = shares.assign(
        **{f"measure_{c}": [n[c] + (q[c] if a else "") for n, q, a in zip(names, qualifier, about)] for c in ("en", "zh")},
        **{f"status_{c}": [w[c] for w in status] for c in ("en", "zh")},
        status=shares.status.str.split(":").str[0],
    ).sort_values("value", ascending=False)[
        ["measure_en", "measure_zh", "value", "value_as_written", "status", "status_en", "status_zh", "text_zh",
         "text_en"]]
    tooltip = sentence_tooltip(_text("measure", "measure"), alt.Tooltip("value:Q", title="%"),
                               _text("status", "status"), _as_written())
    return share_of_whole(data, label=field("measure"), share="value", tooltip=tooltip).properties(
        width=NARROW, height=260,
        description=label("describe_zone_shares", listing=_listing(data[field("measure")], data.value, "%")))


def trillion_yuan(value: float, unit: str, factor: pd.Series) -> float:
    """An amount in trillion yuan (万亿元), from its unit's factor to yuan (units.csv)."""
    return value * factor[unit] / 1e12


def zone_output_chart(output: pd.DataFrame) -> alt.LayerChart:
    """The zones' amounts (thin blue bars) inside the nation's (wide grey bars), from zero."""
    measure = field("measure")
    base = alt.Chart(output).encode(
        y=alt.Y(f"{measure}:N", title=None, sort=None, axis=LABELS),
        x=alt.X("trillion_yuan:Q", title=label("axis_trillion_yuan"), stack=None, scale=ZERO),
        tooltip=[_text("measure", "measure"), _text("who", "who"),
                 alt.Tooltip("trillion_yuan:Q", format=".2f", title=label("axis_trillion_yuan")),
                 alt.Tooltip("as_written:N", title=label("as_written")),
                 alt.Tooltip("source:N", title=label("source_id")), _words()])
    nation = base.transform_filter("datum.who === 'nation'").mark_bar(height=24, color=GREY)
    zones = base.transform_filter("datum.who === 'zones'").mark_bar(height=12, color=ZONES)
    zones_rows, nation_rows = output[output.who == "zones"], output[output.who == "nation"]
    write = number_zh if lang() == "zh" else number
    pairs = [label("part_of_whole", measure=m, part=write(round(z, 1)), whole=write(round(n, 1))) for m, z, n
             in zip(zones_rows[measure], zones_rows.trillion_yuan, nation_rows.trillion_yuan)]
    description = label("describe_zone_output", listing=("；" if lang() == "zh" else "; ").join(pairs))
    return (nation + zones).properties(width=NARROW, height=150, description=description)


def intensity_chart(intensity: pd.DataFrame) -> alt.VConcatChart:
    """One small bar panel per measure: the zones (stated) against the nation (derived)."""
    status = alt.Scale(domain=[label("status_stated"), label("status_derived")], range=[ZONES, DERIVED])

    def panel(key):
        title = intensity.loc[intensity.panel == key, field("panel")].iloc[0]
        mine = alt.FieldEqualPredicate(field="panel", equal=key)  # the key as data, not in an expression
        return alt.Chart(intensity).transform_filter(mine).mark_bar(height=22).encode(
            x=alt.X("value:Q", title=title, scale=ZERO), y=alt.Y(f"{field('who')}:N", title=None),
            color=alt.Color(f"{field('status')}:N", title=None, scale=status),
            tooltip=sentence_tooltip(_text("who", "who"), alt.Tooltip("value:Q", title=label("value")),
                                     _text("status", "status"), alt.Tooltip("how:N", title=label("how"))),
        ).properties(width=190, height=70)
    description = label("describe_intensity", listing=("；" if lang() == "zh" else "; ").join(
        f"{group[field('panel')].iloc[0]}: {_listing(group[field('who')], group.value)}"
        for _, group in intensity.groupby("panel", sort=False)))
    return alt.vconcat(*(panel(key) for key in intensity.panel.unique())).properties(description=description)


def _measure_year(measure_en: pd.Series, measure_zh: pd.Series, year: pd.Series, suffix=None) -> dict:
    """``measure_en``/``measure_zh``: a figure's measure with its year ('…, 2024'; '…（2024年）')."""
    suffix = suffix if suffix is not None else [{"en": "", "zh": ""}] * len(year)
    return {"measure_en": [f"{m}, {y}{s['en']}" for m, y, s in zip(measure_en, year, suffix)],
            "measure_zh": [f"{m}（{y}年）{s['zh']}" for m, y, s in zip(measure_zh, year, suffix)]}


def growth_yoy_chart(yoy: pd.DataFrame) -> alt.Chart:
    """Growth over the previous year as bars from zero; the tooltip gives the level it applies to."""
    data = yoy.assign(**_measure_year(yoy.measure_en.str.split(",").str[0], yoy.measure_zh, yoy.year))[
        ["measure_en", "measure_zh", "value", "value_as_written", "level", "text_zh", "text_en"]]
    return alt.Chart(data).mark_bar(height=20).encode(
        x=alt.X("value:Q", title=label("axis_growth_yoy"), scale=ZERO),
        y=alt.Y(f"{field('measure')}:N", title=None, sort="-x", axis=LABELS),
        tooltip=sentence_tooltip(_text("measure", "measure"), _as_written(),
                                 alt.Tooltip("level:N", title=label("level_as_written"))),
    ).properties(width=NARROW, height=110, description=label(
        "describe_growth_yoy", listing=_listing(data[field("measure")], data.value, "%")))


def _short_measure(measure_en: pd.Series) -> pd.Series:
    return (measure_en.str.split(",").str[0].str.replace(" at provincial level or above", "")
            .str.replace(" set up abroad by zone firms", " abroad"))


def multiples_chart(multiples: pd.DataFrame) -> alt.LayerChart:
    """Multiples of the 2010 value as points on a log scale; derived rows (for comparison) in grey."""
    words = {c: (" " if c == "en" else "") + w for c, w in both("for_comparison").items()}
    comparison = [words if s != "stated" else {"en": "", "zh": ""} for s in multiples.status]
    short_zh = multiples.measure_zh.str.replace("是2010年的倍数", "").str.replace("的倍数", "")
    data = with_status(multiples.assign(**_measure_year(_short_measure(multiples.measure_en), short_zh,
                                                        multiples.year, comparison)))[
        ["measure_en", "measure_zh", "value", "status", "status_en", "status_zh", "text_zh", "text_en"]]
    points = alt.Chart(data).mark_point(filled=True, size=120).encode(
        x=alt.X("value:Q", title=label("axis_multiple_of_2010"),
                scale=alt.Scale(type="log", domain=[0.8, 30], nice=False)),  # 1× (2010) inside the frame
        y=alt.Y(f"{field('measure')}:N", title=None, sort="-x", axis=LABELS),
        color=alt.condition("datum.status === 'stated'", alt.value(ZONES), alt.value(NATION)),
        tooltip=sentence_tooltip(_text("measure", "measure"), alt.Tooltip("value:Q", title=label("times_2010")),
                                 _text("status", "status")))
    rule = alt.Chart().mark_rule(strokeDash=[4, 3], color=NATION, aria=False).encode(x=alt.datum(1))
    description = label("describe_multiples", listing=_listing(data[field("measure")], data.value,
                                                               gap() + label("times_suffix")))
    return (rule + points).properties(width=NARROW, height=170, description=description)


CONFIDENCE_COLOUR_RANGE = {"high": ZONES, "medium": ZONES_MEDIUM, "low": ZONES_LOW, "derived": DERIVED}


def zone_gdp_chart(gdp: pd.DataFrame, factor: pd.Series, years: range) -> alt.HConcatChart:
    """The zones' GDP (in trillion yuan) and its share of the nation's, by year, one bar panel each;
    paler bars where the source is less certain. ``kind`` ('gdp_trillion_yuan' or 'gdp_share')
    names each panel's label."""
    share = gdp.unit.eq("%")
    data = _confidence(gdp.assign(
        kind=share.map({True: "gdp_share", False: "gdp_trillion_yuan"}),
        value=[v if s else trillion_yuan(v, u, factor) for v, u, s in zip(gdp.value, gdp.unit, share)],
    ))[["kind", "year", "value", "confidence", "confidence_en", "confidence_zh", "words", "source_id"]]
    colours = _confidence_scale(CONFIDENCE_COLOUR_RANGE, CONFIDENCE_COLOUR_RANGE.values())

    def panel(kind):
        return alt.Chart(data).transform_filter(alt.FieldEqualPredicate(field="kind", equal=kind)).mark_bar(width=16).encode(
            x=alt.X("year:O", title=label("year"), scale=alt.Scale(domain=list(years))),
            y=alt.Y("value:Q", title=label(kind), scale=ZERO),
            color=alt.Color(f"{field('confidence')}:N", title=label("confidence"), scale=colours),
            tooltip=[alt.Tooltip("year:O", title=label("year")),
                     alt.Tooltip("value:Q", format=".2f", title=label(kind)), _text("confidence", "confidence"),
                     _words(), alt.Tooltip("source_id:N", title=label("source_id"))],
        ).properties(width=200, height=180)
    description = label("describe_zone_gdp", first=data.year.min(), last=data.year.max(), listing=(
        "；" if lang() == "zh" else "; ").join(
        f"{label(kind)}: {_listing(group.year, group.value)}" for kind, group in data.groupby("kind", sort=False)))
    return alt.hconcat(*(panel(kind) for kind in ["gdp_trillion_yuan", "gdp_share"]
                         if kind in set(data.kind))).properties(description=description)


ZONE_COUNT_KINDS = ["zones_at_date", "approved_in_year"]


def zone_count_chart(count: pd.DataFrame) -> alt.Chart:
    """Counts of zones (context rows) as unjoined points by date; approvals in a year as squares."""
    approved = count.measure_en.str.contains("approved")
    data = _confidence(count.assign(
        date=count.as_of.fillna(count.year.astype(str)).str.slice(0, 7),
        kind=approved.map({True: ZONE_COUNT_KINDS[1], False: ZONE_COUNT_KINDS[0]}),
    ))
    data = labelled(data, kind_label=data.kind)[
        ["date", "value", "kind", "kind_label_en", "kind_label_zh", "confidence", "confidence_en", "confidence_zh",
         "source_id", "note", "note_zh"]]

    def scale(values):
        return alt.Scale(domain=[label(k) for k in ZONE_COUNT_KINDS], range=values)
    kind = field("kind_label")
    chart = alt.Chart(data).mark_point(filled=True, size=80).encode(
        x=alt.X("date:T", title=label("date"), axis=alt.Axis(format="%Y"),
                scale=alt.Scale(padding=8)),  # the first year's point clear of the axis, not cut in half
        y=alt.Y("value:Q", title=label("axis_zone_count"), scale=ZERO),
        color=alt.Color(f"{kind}:N", title=None, scale=scale([ZONES, ACCENT])),
        shape=alt.Shape(f"{kind}:N", title=None, scale=scale(["circle", "square"])),
        tooltip=[alt.Tooltip("date:N", title=label("date")), alt.Tooltip("value:Q", title=label("value")),
                 alt.Tooltip(f"{kind}:N", title=label("kind")), _text("confidence", "confidence"),
                 alt.Tooltip("source_id:N", title=label("source_id")), alt.Tooltip(f"{own('note')}:N", title=label("note"))],
    ).properties(width=440, height=220, description=label(
        "describe_zone_count", first=data.date.min()[:4], last=data.date.max()[:4],
        listing=_listing(data.date.str[:4], data.value)))
    # Click "Approved in the year" in the legend to see the approvals apart from the counts.
    return highlight_legend(chart, kind)
