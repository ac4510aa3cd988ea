"""The charts of the innovation-capacity chapter.

The chapter selects the figures and does the arithmetic a reader should see; these
functions decide how each figure is drawn. Every chart follows the book's rules: bars
for levels start at zero, growth multiples sit on a log scale, shares stand against
the national whole, values the article implies but does not state are orange
(*derived*), and tooltips carry the source sentence in Chinese and English.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from .charts import (
    ACCENT,
    DERIVED,
    NATION,
    REST,
    SOURCE_WORDS,
    ZONES,
    ZONES_LOW,
    ZONES_MEDIUM,
    highlight_legend,
    sentence_tooltip,
    share_of_whole,
)
from .charts import AS_WRITTEN as AS_WRITTEN_TITLE
from .fmt import number

LABELS = alt.Axis(labelLimit=300)  # long category names stay whole
NARROW = 340  # a chart width that leaves room for long labels
GREY = REST  # the national whole behind the zones' part
AS_WRITTEN = alt.Tooltip("value_as_written:N", title=AS_WRITTEN_TITLE)
WORDS = alt.Tooltip("words:N", title=SOURCE_WORDS)
ZERO = alt.Scale(zero=True)  # levels are bars from zero


def add_row(frame: pd.DataFrame, **row) -> pd.DataFrame:
    return pd.concat([frame, pd.DataFrame([row])], ignore_index=True)


def add_derived(frame: pd.DataFrame, like: pd.Series, derived: pd.Series, **fields) -> pd.DataFrame:
    """Add a derived value (a row of ``audit.derived``) as a row shaped like the figure ``like``."""
    return add_row(frame, **{**like, "value": derived.value, "low": derived.low, "high": derived.high,
                             "status": f"derived: {derived.how}", **fields})


def with_pillar_names(frame: pd.DataFrame, pillars: pd.DataFrame) -> pd.DataFrame:
    """Name each row's index group in English (``index``) and Chinese (``名称``); pillars is indexed by id."""
    return frame.assign(index=frame.pillar.map(pillars.name_en), 名称=frame.pillar.map(pillars.name_zh))


def _listing(labels, values, unit: str = "") -> str:
    """'a 1.0, b 2.0': labels with their values, for a chart's text alternative."""
    return ", ".join(f"{label} {number(round(float(v), 1))}{unit}" for label, v in zip(labels, values))


def _stated_colour():
    return alt.condition("datum.status === 'stated'", alt.value(ZONES), alt.value(DERIVED))


def index_levels_chart(levels: pd.DataFrame, year: int) -> alt.LayerChart:
    """Index levels as bars from zero, each derived level with the range its rounding allows,
    and the 2010 base (100) as a dashed line."""
    data = levels.assign(unit="points (2010 = 100)")[
        ["index", "名称", "value", "low", "high", "unit", "status", "value_as_written", "text_zh", "text_en"]]
    points = alt.Tooltip("value:Q", format=".1f", title="Points")
    base = alt.Chart(data).encode(y=alt.Y("index:N", title=None, sort=list(data["index"]), axis=LABELS))
    bars = base.mark_bar(height=20).encode(
        x=alt.X("value:Q", title=f"Index points in {year} (2010 = 100)", scale=ZERO),
        color=_stated_colour(),
        tooltip=sentence_tooltip("index:N", "名称:N", points, "unit:N", "status:N", AS_WRITTEN))
    ranges = base.mark_rule(style="range").encode(x="low:Q", x2="high:Q")
    # A reference line is for the eye (the description says what it marks): aria=False keeps an
    # unlabelled graphic out of a screen reader's way (axe's svg-img-alt, WCAG 1.1.1).
    rule = alt.Chart().mark_rule(strokeDash=[4, 3], color=NATION, aria=False).encode(x=alt.datum(100))
    description = (f"Bars of the innovation index and its sub-indices in {year}, 2010 = 100: "
                   f"{_listing(data['index'], data.value)}; {data.status.ne('stated').sum()} of them derived "
                   "from a growth rate.")
    return (bars + ranges + rule).properties(width=NARROW, height=180, description=description)


def index_cagr_chart(rates: pd.DataFrame) -> alt.Chart:
    """Compound growth rates since 2010 as bars, stated in blue, derived in orange."""
    data = rates.assign(unit="% a year, compound, since 2010")[
        ["index", "名称", "value", "unit", "status", "text_zh", "text_en"]]
    return alt.Chart(data).mark_bar(height=20).encode(
        x=alt.X("value:Q", title="Compound annual growth since 2010 (% a year)", scale=ZERO),
        y=alt.Y("index:N", title=None, sort="-x", axis=LABELS),
        color=_stated_colour(),
        tooltip=sentence_tooltip("index:N", "名称:N", alt.Tooltip("value:Q", format=".1f"), "unit:N",
                                 "status:N"),
    ).properties(width=NARROW, height=180, description=(
        "Bars of compound annual growth since 2010: "
        f"{_listing(data['index'], data.value, '%')}; {data.status.ne('stated').sum()} derived."))


EDITION_YEARS = alt.Scale(domain=[2010, 2024])
EDITION_AXIS = alt.Axis(format="d", values=list(range(2010, 2025, 2)), title="Data year")
EDITION_POINTS = alt.Scale(domain=[0, 550])
CONFIDENCE_SHAPES = alt.Scale(domain=["high", "medium", "derived"], range=["circle", "diamond", "triangle-up"])


def _edition_panel(data: pd.DataFrame, series: str, cut: float) -> alt.LayerChart:
    at_cut = alt.X(datum=cut, type="quantitative", scale=EDITION_YEARS, axis=EDITION_AXIS)
    break_line = alt.Chart().mark_rule(strokeDash=[2, 2], color=DERIVED, aria=False).encode(x=at_cut)
    break_note = alt.Chart().mark_text(align="right", dx=-4, color=DERIVED, fontSize=10).encode(
        x=at_cut, y=alt.datum(30), text=alt.datum("new indicator system →"))
    base_line = alt.Chart().mark_rule(strokeDash=[4, 3], color=NATION, aria=False).encode(y=alt.datum(100))
    data = data[data.series == series]
    x = alt.X("year:Q", scale=EDITION_YEARS, axis=EDITION_AXIS)
    y = alt.Y("value:Q", title="Index points (2010 = 100)", scale=EDITION_POINTS)
    points = alt.Chart(data).mark_point(filled=True, size=90).encode(
        x=x, y=y,
        color=alt.Color("edition_label:N", title="Edition of the report"),
        shape=alt.Shape("confidence:N", title="Confidence", scale=CONFIDENCE_SHAPES),
        tooltip=["series:N", "year:Q", "value:Q", "unit:N", "edition_label:N", "confidence:N", WORDS,
                 "source_id:N"])
    labels = alt.Chart(data).mark_text(dy=-12, fontSize=10).encode(
        x=alt.X("year:Q", scale=EDITION_YEARS), y=alt.Y("value:Q", scale=EDITION_POINTS),
        text=alt.Text("value:Q", format=".1~f"))
    return alt.layer(break_line, break_note, base_line, points, labels).properties(
        title=series, width=220, height=240)


def editions_chart(editions: pd.DataFrame, *, break_after: int) -> alt.HConcatChart:
    """The index as each edition of the report gives it: one panel per series, points not joined,
    and a dotted line after the last data year of the old indicator system (``break_after``)."""
    data = editions.assign(
        series=editions.measure_en.where(editions.measure_en.str.contains("sub-index"), "Total index"),
        edition_label=editions.edition.astype(str) + " edition",
    )[["series", "year", "value", "unit", "edition_label", "confidence", "words", "source_id"]]
    description = (f"Points of the innovation index as {data.edition_label.nunique()} editions of the report "
                   f"give it, one panel per series ({', '.join(data.series.unique())}), data years "
                   f"{data.year.min()} to {data.year.max()}, with the indicator system changing after {break_after}.")
    return alt.hconcat(*(_edition_panel(data, s, break_after + 0.5) for s in data.series.unique())).properties(
        description=description)


# Short names for the shares, in the order of the scorecard.
SHARE_NAMES = {"rd_staff_share": "R&D personnel", "firm_rd_spending_share": "R&D spending of firms",
               "invention_patents_share": "Invention patents held",
               "pct_share": "PCT international patent applications",
               "hightech_enterprises_share": "High-tech enterprises", "little_giants_share": "Little-giant firms",
               "unicorns_share": "Unicorn firms", "zone_industrial_va_share": "Industrial value added",
               "zone_gdp_share": "GDP (derived: article ÷ NBS)"}


def zone_shares_chart(shares: pd.DataFrame) -> alt.Chart:
    """The zones' shares of national totals against the rest of the nation, largest first."""
    approx = shares.approximation.map({"about": " (about)"}).fillna("")
    year = shares.year.astype("string").fillna("not stated")
    data = shares.assign(
        measure=shares.id.map(SHARE_NAMES) + approx,
        status=shares.status.where(shares.status != "stated", "stated, year " + year),
    ).sort_values("value", ascending=False)[["measure", "value", "value_as_written", "status", "text_zh", "text_en"]]
    tooltip = sentence_tooltip("measure:N", alt.Tooltip("value:Q", title="%"), "status:N", AS_WRITTEN)
    return share_of_whole(data, label="measure", share="value", tooltip=tooltip).properties(
        width=NARROW, height=260,
        description=f"Stacked bars of the zones' shares of national totals: {_listing(data.measure, data.value, '%')}.")


def trillion_yuan(value: float, unit: str, factor: pd.Series) -> float:
    """An amount in trillion yuan (万亿元), from its unit's factor to yuan (units.csv)."""
    return value * factor[unit] / 1e12


def zones_within_nation(fig: pd.DataFrame, ctx: pd.DataFrame, factor: pd.Series, pairs: list[tuple],
                        *, source: str) -> pd.DataFrame:
    """For each (measure, figure id, national context id): the zones' amount and the nation's, in trillion yuan,
    each with the words it comes from."""
    zones = [{"measure": m, "who": "the zones", "source": source, "as_written": fig.loc[z, "value_as_written"],
              "trillion_yuan": trillion_yuan(fig.loc[z, "value"], fig.loc[z, "unit"], factor),
              "words": fig.loc[z, "text_zh"]} for m, z, _ in pairs]
    nation = [{"measure": m, "who": "the nation", "source": ctx.loc[n, "source_id"],
               "trillion_yuan": trillion_yuan(ctx.loc[n, "value"], ctx.loc[n, "unit"], factor),
               "words": ctx.loc[n, "words"]} for m, _, n in pairs]
    return pd.DataFrame(zones + nation)


def zone_output_chart(output: pd.DataFrame) -> alt.LayerChart:
    """The zones' amounts (thin blue bars) inside the nation's (wide grey bars), from zero."""
    base = alt.Chart(output).encode(
        y=alt.Y("measure:N", title=None, sort=None, axis=LABELS),
        x=alt.X("trillion_yuan:Q", title="Trillion yuan (万亿元)", stack=None, scale=ZERO),
        tooltip=["measure:N", "who:N", alt.Tooltip("trillion_yuan:Q", format=".2f"), "as_written:N",
                 "source:N", WORDS])
    nation = base.transform_filter("datum.who === 'the nation'").mark_bar(height=24, color=GREY)
    zones = base.transform_filter("datum.who === 'the zones'").mark_bar(height=12, color=ZONES)
    zones_rows, nation_rows = output[output.who == "the zones"], output[output.who == "the nation"]
    pairs = [f"{m} {number(round(z, 1))} of {number(round(n, 1))}" for m, z, n
             in zip(zones_rows.measure, zones_rows.trillion_yuan, nation_rows.trillion_yuan)]
    description = f"Bars of the zones' amounts inside the nation's, in trillion yuan: {'; '.join(pairs)}."
    return (nation + zones).properties(width=NARROW, height=150, description=description)


def zones_and_nation(zone: pd.Series, national: pd.Series, label: str) -> list[dict]:
    """Two bars for one panel: the zones' figure as stated and the national value it implies (derived)."""
    common = {"panel": label, "text_zh": zone.text_zh, "text_en": zone.text_en}
    return [{**common, "who": "the zones", "value": zone.value, "status": "stated", "how": zone.value_as_written},
            {**common, "who": "the nation (derived)", "value": round(national.value, 1), "status": "derived",
             "how": national.how}]


def intensity_chart(intensity: pd.DataFrame) -> alt.VConcatChart:
    """One small bar panel per measure: the zones (stated) against the nation (derived)."""
    def panel(label):
        return alt.Chart(intensity).transform_filter(alt.datum.panel == label).mark_bar(height=22).encode(
            x=alt.X("value:Q", title=label, scale=ZERO), y=alt.Y("who:N", title=None),
            color=alt.Color("status:N", title=None,
                            scale=alt.Scale(domain=["stated", "derived"], range=[ZONES, DERIVED])),
            tooltip=sentence_tooltip("who:N", "value:Q", "status:N", alt.Tooltip("how:N", title="How")),
        ).properties(width=190, height=70)
    description = "Bars of the zones against the nation: " + "; ".join(
        f"{label}: {_listing(group.who, group.value)}" for label, group in intensity.groupby("panel", sort=False)) + "."
    return alt.vconcat(*(panel(label) for label in intensity.panel.unique())).properties(description=description)


def growth_yoy_chart(yoy: pd.DataFrame) -> alt.Chart:
    """Growth over the previous year as bars from zero; the tooltip gives the level it applies to."""
    data = yoy.assign(measure=yoy.measure_en.str.split(",").str[0] + ", " + yoy.year.astype(str))[
        ["measure", "value", "value_as_written", "level", "text_zh", "text_en"]]
    return alt.Chart(data).mark_bar(height=20).encode(
        x=alt.X("value:Q", title="Growth over the previous year (%)", scale=ZERO),
        y=alt.Y("measure:N", title=None, sort="-x", axis=LABELS),
        tooltip=sentence_tooltip("measure:N", AS_WRITTEN, alt.Tooltip("level:N", title=f"Level ({AS_WRITTEN_TITLE.lower()})")),
    ).properties(width=NARROW, height=110, description=(
        f"Bars of growth over the previous year: {_listing(data.measure, data.value, '%')}."))


def growth_since_2010(fig: pd.DataFrame, derived: pd.DataFrame, refs: list[str]) -> pd.DataFrame:
    """Each count compared with 2010: its latest level and multiple as written, and the 2010 level and
    compound growth rate they imply (derived in ``audit.derived`` as ``<ref>_2010`` and ``<ref>_cagr``)."""
    return pd.DataFrame([{
        "measure": fig.loc[ref, "measure_en"], "latest": fig.loc[ref, "value_as_written"],
        "year": fig.loc[ref, "year"], "multiple": fig.loc[f"{ref}_vs_2010", "value_as_written"],
        "2010 (derived)": number(derived.loc[f"{ref}_2010", "value"], 0),
        "% a year (derived)": number(derived.loc[f"{ref}_cagr", "value"], 1)} for ref in refs])


def _short_measure(measure_en: pd.Series) -> pd.Series:
    return (measure_en.str.split(",").str[0].str.replace(" at provincial level or above", "")
            .str.replace(" set up abroad by zone firms", " abroad"))


def multiples_chart(multiples: pd.DataFrame) -> alt.LayerChart:
    """Multiples of the 2010 value as points on a log scale; derived rows (for comparison) in grey."""
    comparison = multiples.status.ne("stated").map({True: " (for comparison)", False: ""})
    data = multiples.assign(measure=_short_measure(multiples.measure_en) + ", "
                            + multiples.year.astype(str) + comparison)[
        ["measure", "value", "status", "text_zh", "text_en"]]
    points = alt.Chart(data).mark_point(filled=True, size=120).encode(
        x=alt.X("value:Q", title="Multiple of the 2010 value (log scale)",
                scale=alt.Scale(type="log", domain=[1, 30], nice=False)),
        y=alt.Y("measure:N", title=None, sort="-x", axis=LABELS),
        color=alt.condition("datum.status === 'stated'", alt.value(ZONES), alt.value(NATION)),
        tooltip=sentence_tooltip("measure:N", alt.Tooltip("value:Q", title="Times the 2010 value"), "status:N"))
    rule = alt.Chart().mark_rule(strokeDash=[4, 3], color=NATION, aria=False).encode(x=alt.datum(1))
    description = (f"Points on a log scale of counts as multiples of their 2010 values: "
                   f"{_listing(data.measure, data.value, ' times')}.")
    return (rule + points).properties(width=NARROW, height=170, description=description)


CONFIDENCE_COLOURS = alt.Scale(domain=["high", "medium", "low", "derived"],
                               range=[ZONES, ZONES_MEDIUM, ZONES_LOW, DERIVED])


def zone_gdp_chart(gdp: pd.DataFrame, factor: pd.Series, years: range) -> alt.HConcatChart:
    """The zones' GDP (in trillion yuan) and its share of the nation's, by year, one bar panel each;
    paler bars where the source is less certain."""
    share = gdp.unit.eq("%")
    data = gdp.assign(
        kind=share.map({True: "Share of national GDP (%)", False: "GDP (trillion yuan)"}),
        value=[v if s else trillion_yuan(v, u, factor) for v, u, s in zip(gdp.value, gdp.unit, share)],
    )[["kind", "year", "value", "confidence", "words", "source_id"]]

    def panel(kind):
        return alt.Chart(data).transform_filter(alt.datum.kind == kind).mark_bar(width=16).encode(
            x=alt.X("year:O", title="Year", scale=alt.Scale(domain=list(years))),
            y=alt.Y("value:Q", title=kind, scale=ZERO),
            color=alt.Color("confidence:N", title="Confidence", scale=CONFIDENCE_COLOURS),
            tooltip=["year:O", alt.Tooltip("value:Q", format=".2f", title=kind), "confidence:N", WORDS,
                     "source_id:N"],
        ).properties(width=200, height=180)
    description = (f"Bars by year, {data.year.min()} to {data.year.max()}, of the zones' GDP in trillion yuan "
                   "and its share of the nation's, from sources of graded confidence: " + "; ".join(
                       f"{kind}: {_listing(group.year, group.value)}" for kind, group in data.groupby("kind")) + ".")
    return alt.hconcat(*(panel(kind) for kind in sorted(data.kind.unique()))).properties(description=description)


ZONE_COUNT_KINDS = ["Zones at the date", "Approved in the year"]


def zone_count_chart(count: pd.DataFrame) -> alt.Chart:
    """Counts of zones (context rows) as unjoined points by date; approvals in a year as squares."""
    approved = count.measure_en.str.contains("approved")
    data = count.assign(
        date=count.as_of.fillna(count.year.astype(str)).str.slice(0, 7),
        kind=approved.map({True: ZONE_COUNT_KINDS[1], False: ZONE_COUNT_KINDS[0]}),
    )[["date", "value", "kind", "confidence", "source_id", "note"]]

    def scale(values):
        return alt.Scale(domain=ZONE_COUNT_KINDS, range=values)
    chart = alt.Chart(data).mark_point(filled=True, size=80).encode(
        x=alt.X("date:T", title="Date", axis=alt.Axis(format="%Y")),
        y=alt.Y("value:Q", title="National high-tech zones", scale=ZERO),
        color=alt.Color("kind:N", title=None, scale=scale([ZONES, ACCENT])),
        shape=alt.Shape("kind:N", title=None, scale=scale(["circle", "square"])),
        tooltip=["date:N", "value:Q", "kind:N", "confidence:N", "source_id:N", "note:N"],
    ).properties(width=440, height=220, description=(
        f"Points of the number of national high-tech zones by date, {data.date.min()[:4]} to "
        f"{data.date.max()[:4]}, from {_listing(data.date.str[:4], data.value)}; squares are approvals in a year."))
    # Click "Approved in the year" in the legend to see the approvals apart from the counts.
    return highlight_legend(chart, "kind")
