"""What the innovation-capacity chapter shows, computed from ``data/``: its numbers and its frames.

The chapter says what each figure shows and how it reads; this module does the selecting and
the arithmetic behind it, so that each figure is one cell under the paragraph it supports. Each
section's numbers come from :meth:`Capacity.numbers` (the chapter glues them in one removed
cell); the headline figures come from ``findings.headlines``, so they read as on every page. Each
number carries the id of what it shows (``provenance.sourced``) and so keeps its card. How the
frames are drawn is ``charts/capacity.py``'s.
"""
from __future__ import annotations

import pandas as pd

from hightech_zones.analysis import audit
from hightech_zones.analysis.findings import headlines
from hightech_zones.analysis.provenance import Sourced, sourced
from hightech_zones.charts.capacity import trillion_yuan
from hightech_zones.data.loader import load, with_sentences
from hightech_zones.words.fmt import number, number_zh, percent
from hightech_zones.words.labels import both, field, label, labelled, lang
from hightech_zones.words.prose import citation

ARTICLE = "people_daily_2025"
SOURCES_REGISTER = "data_and_methods.html#source_"  # a source's row of the sources register (tbl-sources)
# The zones' amounts beside the nation's: (label key, figure id, national context id).
PAIRS = [("pair_gdp", "zone_gdp", "national_gdp_2024"),
         ("pair_industrial_va", "zone_industrial_va", "national_industrial_va_2024"),
         ("pair_rd", "firm_rd_spending", "national_rd_2023")]  # the same year, at least
# The counts the article compares with 2010.
COUNTS = ["rd_institutions", "new_firms", "new_quality_firms", "overseas_rd_institutions"]
DERIVED_PILLARS = ["rd_resources", "innovation_ecosystem", "industrial_performance"]


class Capacity:
    """The chapter's data: the article's innovation-capacity figures with their sentences, the
    context figures, the units, the index's groups and the values the audit derives."""

    def __init__(self) -> None:
        self.figures, self.context = load("figures"), load("context_figures")
        self.units, self.pillars = load("units"), load("pillars").set_index("id")
        self.capacity = with_sentences(self.figures[self.figures.theme == "innovation_capacity"],
                                       load("sentences"))
        self.derived = audit.derived(self.figures, self.context, self.units).set_index("id")
        self.found = headlines()
        self.fig, self.ctx = self.capacity.set_index("id"), self.context.set_index("id")
        self.factor = self.units.set_index("unit")["factor"]
        self.year = self.fig.loc["total_index", "year"]  # the index's latest data year
        self.base = self.fig.loc["total_index_2010", "value"]
        self.last_old_edition_year = self.ctx.loc["index_2022", "year"]  # the old system's last year

    # Numbers as the prose writes them, each with the id of what it shows.
    def _value(self, ref: str, digits=None) -> Sourced:
        return sourced(number(self.fig.loc[ref, "value"], digits), ref)

    def _written(self, ref: str) -> Sourced:
        return sourced(self.fig.loc[ref, "value_as_written"], ref)

    def _derived(self, ref: str, write) -> Sourced:
        return sourced(write(self.derived.loc[ref, "value"]), ref)

    def _times(self, ref: str) -> Sourced:
        return sourced(label("times", n=number(self.fig.loc[ref, "value"])), ref)

    def numbers(self, section: str) -> dict[str, str]:
        """The numbers one section's prose glues, by key: 'index', 'editions',
        'weight', 'growth' or 'context'."""
        return getattr(self, f"_{section}")()

    def _index(self) -> dict[str, str]:
        return {**{k: self.found[k] for k in ["total", "data_year", "gain", "eco_cagr"]},
                "eco_level": self._derived("innovation_ecosystem_level", lambda v: number(v, 0))}

    def _editions(self) -> dict[str, str]:
        return {"step": self.found["step"],
                "ind_2022": sourced(number(self.ctx.loc["industrial_index_2022", "value"]),
                                    "industrial_index_2022"),
                "ind_2023": self._derived("industrial_performance_level", lambda v: number(v, 0)),
                "dims_source": citation("stdaily_2023_04_26")}

    def _weight(self) -> dict[str, str]:
        fig = self.fig
        return {**{k: self.found[k] for k in ["hte", "uni", "gdp_share"]},
                "rd_year": sourced(str(fig.loc["firm_rd_spending", "year"]), "firm_rd_spending"),
                "rd_share": self._written("firm_rd_spending_share"),
                "patents": self._value("patents_per_10k"),
                "patents_x": sourced(label("times", n=label("nearly", n=number(
                    fig.loc["patents_per_10k_vs_national", "value"]))), "patents_per_10k_vs_national"),
                "patents_nat": self._derived("national_patents_per_10k", lambda v: number(v, 1))}

    def _growth(self) -> dict[str, str]:
        return {"new_firms_x": sourced(label("times", n=self.found["new_firms_x"]), "new_firms_vs_2010"),
                "new_firms_cagr": self._derived("new_firms_cagr", lambda v: percent(v, 0)),
                "overseas_x": self._times("overseas_rd_institutions_vs_2010")}

    def _context(self) -> dict[str, str]:
        ctx = self.ctx
        approved = self.zone_count()
        approved = approved[approved.id.str.startswith("zones_approved")]
        return {
            **{f"share_{y}": sourced(percent(ctx.loc[f"zone_gdp_share_{y}", "value"]), f"zone_gdp_share_{y}")
               for y in [2017, 2024]},
            "zones_2024": sourced(number(ctx.loc["zone_count_2024", "value"]), "zone_count_2024"),
            # The sum is checked against the count a government source gave in 2006.
            "zones_sum": sourced(number(ctx.loc["zone_count_1988", "value"] + approved.value.sum()),
                                 "zone_count_2006")}

    # The frames the charts and tables draw.
    def index_levels(self) -> pd.DataFrame:
        """The index levels of the latest data year: stated, and derived from a growth rate."""
        capacity, derived = self.capacity, self.derived
        stated = capacity[capacity.relation.eq("index_level") & capacity.year.eq(self.year)]
        levels = stated.assign(low=stated.value, high=stated.value, status="stated")
        rates = capacity[capacity.relation.eq("cagr_since_2010")].set_index("pillar")
        for pillar in DERIVED_PILLARS:
            levels = add_derived(levels, rates.loc[pillar].rename(None), derived.loc[f"{pillar}_level"],
                                 pillar=pillar)
        return with_pillar_names(levels, self.pillars)

    def index_rates(self) -> pd.DataFrame:
        """The sub-indices' growth rates since 2010 as stated, and the total's, derived."""
        rates = self.capacity[self.capacity.relation == "cagr_since_2010"].assign(status="stated")
        rates = add_derived(rates, self.fig.loc["total_index"], self.derived.loc["total_index_cagr"])
        return with_pillar_names(rates, self.pillars)

    def editions(self) -> pd.DataFrame:
        """The index as each edition of the evaluation report gave it, with the industrial sub-index
        the 2024 edition implies (derived)."""
        context = self.context
        is_level = context.topic.eq("innovation_index") & ~context.id.str.contains("gain")
        d = self.derived.loc["industrial_performance_level"]
        return add_row(context[is_level], **{
            **self.ctx.loc["industrial_index_2022"], "value": d.value, "year": self.year,
            "edition": 2024, "confidence": "derived", "words": d.how,  # a formula: one text
            "source_id": ARTICLE})

    def edition_totals(self) -> pd.DataFrame:
        """The total index by edition, with the average gain and compound growth since 2010 each
        value implies (derived), and the gain the article states for the 2024 edition."""
        editions = self.editions()
        totals = editions[editions.measure_en.eq(self.fig.loc["total_index", "measure_en"])]
        span = totals.year - audit.BASE_YEAR
        gain = (totals.value - self.base) / span
        growth = 100 * ((totals.value / self.base) ** (1 / span) - 1)
        stated = totals.edition.eq(2024).map({True: self.fig.loc["total_index_annual_gain", "value_as_written"]})
        return totals.assign(
            value=[number(v, 1) for v in totals.value], gain=[number(v, 1) for v in gain],
            stated=stated, growth=[number(v, 1) for v in growth],
            confidence=totals.confidence.map(lambda grade: label(f"confidence_{grade}")),
            # The source as a reader knows it (outlet and date), linked to its row of the register.
            source=totals.source_id.map(citation), source_href=SOURCES_REGISTER + totals.source_id)

    def zone_shares(self) -> pd.DataFrame:
        """The zones' shares of national totals as stated, and their GDP share, derived."""
        shares = self.capacity[self.capacity.relation == "share_of_national"].assign(status="stated")
        d = self.derived.loc["zone_gdp_share"]
        return add_derived(shares, self.fig.loc["zone_gdp"], d, id="zone_gdp_share", value=round(d.value, 1),
                           value_as_written="")

    def zone_output(self) -> pd.DataFrame:
        """The zones' GDP, industrial value added and R&D spending inside the nation's."""
        return zones_within_nation(self.fig, self.ctx, self.factor, PAIRS, source=ARTICLE)

    def intensity(self) -> pd.DataFrame:
        """Patent intensity and the weight of high-tech manufacturing: the zones and the nation."""
        fig, derived = self.fig, self.derived
        return pd.DataFrame(
            zones_and_nation(fig.loc["patents_per_10k"], derived.loc["national_patents_per_10k"],
                             "panel_patents_per_10k")
            + zones_and_nation(fig.loc["hightech_mfg_share"], derived.loc["national_hightech_mfg_share"],
                               "panel_hightech_mfg"))

    def growth_yoy(self) -> pd.DataFrame:
        """Growth over the previous year, with the level each growth is of, as written."""
        yoy = self.capacity[self.capacity.relation == "growth_yoy"]
        level = yoy.id.str.removesuffix("_growth")  # the figure the growth is of
        return yoy.assign(level=self.fig.value_as_written.reindex(level).to_numpy())

    def multiples(self) -> pd.DataFrame:
        """Counts as multiples of their 2010 values, with the total index's own (derived)."""
        fig = self.fig
        multiples = self.capacity[self.capacity.relation == "multiple_of_2010"].assign(status="stated")
        how = f"{fig.loc['total_index', 'value_as_written']} ÷ {fig.loc['total_index_2010', 'value_as_written']}"
        return add_row(multiples, **{**fig.loc["total_index"], "value": round(fig.loc["total_index", "value"]
                                                                              / self.base, 2),
                                     "status": f"derived: {how}"})

    def growth_since_2010(self) -> pd.DataFrame:
        return growth_since_2010(self.fig, self.derived, COUNTS)

    def zone_gdp(self) -> pd.DataFrame:
        """The zones' GDP and share by year (context), with 2023 derived from the article's growth."""
        context = self.context
        gdp = context[context.topic.eq("zone_economy") & context.id.str.startswith("zone_gdp")
                      & ~context.id.str.contains("growth")]
        d = self.derived.loc["zone_gdp_2023"]
        return add_row(gdp, **{**self.ctx.loc["zone_gdp_2022"], "year": 2023, "value": d.value,
                               "unit": "万亿元", "confidence": "derived", "words": d.how, "source_id": ARTICLE})

    def zone_gdp_note(self) -> str:
        """The chart's note on 2023: the growth the article implies against MIIT's."""
        implied, miit = audit.growth_2023(self.figures, self.context, self.units)
        return label("note_2023_derived", implied=percent(implied, 1), miit=percent(miit))

    def zone_count(self) -> pd.DataFrame:
        return self.context[self.context.topic == "zone_count"]


# Frames the chapter's charts and tables are drawn from.
def add_row(frame: pd.DataFrame, **row) -> pd.DataFrame:
    return pd.concat([frame, pd.DataFrame([row])], ignore_index=True)


def add_derived(frame: pd.DataFrame, like: pd.Series, derived: pd.Series, **fields) -> pd.DataFrame:
    """Add a derived value (a row of ``audit.derived``) as a row shaped like the figure ``like``."""
    return add_row(frame, **{**like, "value": derived.value, "low": derived.low, "high": derived.high,
                             "status": f"derived: {derived.how}", **fields})


def with_pillar_names(frame: pd.DataFrame, pillars: pd.DataFrame) -> pd.DataFrame:
    """Name each row's index group in English (``index_en``) and Chinese (``index_zh``); pillars is
    indexed by id."""
    return frame.assign(index_en=frame.pillar.map(pillars.name_en), index_zh=frame.pillar.map(pillars.name_zh))


def zones_within_nation(fig: pd.DataFrame, ctx: pd.DataFrame, factor: pd.Series, pairs: list[tuple],
                        *, source: str) -> pd.DataFrame:
    """For each (measure's label key, figure id, national context id): the zones' amount and the
    nation's, in trillion yuan, each with the words it comes from and its source's id (``source``
    for the zones'); ``who`` is 'zones' or 'nation'."""
    zones = [{"measure": m, "who": "zones", "source": source, "as_written": fig.loc[z, "value_as_written"],
              "trillion_yuan": trillion_yuan(fig.loc[z, "value"], fig.loc[z, "unit"], factor),
              "words": fig.loc[z, "text_zh"]} for m, z, _ in pairs]
    nation = [{"measure": m, "who": "nation", "source": ctx.loc[n, "source_id"],
               "trillion_yuan": trillion_yuan(ctx.loc[n, "value"], ctx.loc[n, "unit"], factor),
               "words": ctx.loc[n, "words"]} for m, _, n in pairs]
    frame = pd.DataFrame(zones + nation)
    return labelled(frame, measure=frame.measure, who="who_" + frame.who)


def zones_and_nation(zone: pd.Series, national: pd.Series, panel: str) -> list[dict]:
    """Two bars for one panel (``panel``, a label key): the zones' figure as stated and the national
    value it implies (derived)."""
    names = both(panel)
    common = {"panel": panel, "panel_en": names["en"], "panel_zh": names["zh"], "text_zh": zone.text_zh,
              "text_en": zone.text_en}
    rows = [{**common, "who": "zones", "value": zone.value, "status": "stated", "how": zone.value_as_written},
            {**common, "who": "nation_derived", "value": round(national.value, 1), "status": "derived",
             "how": national.how}]
    for row in rows:
        row.update({f"who_{c}": w for c, w in both(f"who_{row['who']}").items()},
                   **{f"status_{c}": w for c, w in both(f"status_{row['status']}").items()})
    return rows


def growth_since_2010(fig: pd.DataFrame, derived: pd.DataFrame, refs: list[str]) -> pd.DataFrame:
    """Each count compared with 2010: its latest level and multiple as written, and the 2010 level and
    compound growth rate they imply (derived in ``audit.derived`` as ``<ref>_2010`` and ``<ref>_cagr``);
    headed and named in the edition's language."""
    write = number_zh if lang() == "zh" else number
    return pd.DataFrame([{
        label("col_measure"): fig.loc[ref, field("measure")], label("col_latest"): fig.loc[ref, "value_as_written"],
        label("year"): fig.loc[ref, "year"], label("col_multiple"): fig.loc[f"{ref}_vs_2010", "value_as_written"],
        label("col_2010_derived"): write(derived.loc[f"{ref}_2010", "value"], 0),
        label("col_cagr_derived"): write(derived.loc[f"{ref}_cagr", "value"], 1)} for ref in refs])
