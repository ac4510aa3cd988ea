"""The book's headline figures: each computed once, and written one way.

The landing page states them, the chapters show them and the audit checks them; all read them
from :func:`headlines`, so a figure cannot read differently on two pages. The values come from
``data/`` through the audit's recomputations (``audit.py``) when the book is built.
"""
from __future__ import annotations

from hightech_zones.analysis import audit
from hightech_zones.analysis.provenance import Sourced, sourced
from hightech_zones.data.loader import load
from hightech_zones.words.fmt import number, percent
from hightech_zones.words.prose import value_text

# What each count on the landing page counts: a data file's rows.
COUNTS = {"n_tracks": "new_tracks", "n_routes": "track_routes", "n_headings": "policy_headings",
          "n_measures": "policy_measures", "n_cases": "case_zones"}


def headlines() -> dict[str, str | Sourced]:
    """Every headline figure as the book writes it, by the name the pages glue it under;
    a figure as a :class:`~.provenance.Sourced` string, a count of the book's items as a str."""
    figures, context, units = load("figures"), load("context_figures"), load("units")
    fig = figures.set_index("id")
    derived = audit.derived(figures, context, units).set_index("id")
    claims = audit.claims(figures, context, units).set_index("id")

    def value(ref: str) -> Sourced:
        return sourced(number(fig.loc[ref, "value"]), ref)

    def written(ref: str) -> Sourced:
        return sourced(fig.loc[ref, "value_as_written"], ref)

    year = int(fig.loc["total_index", "year"])
    return {
        "base": value("total_index_2010"),
        "total": value("total_index"),
        "gain": value("total_index_annual_gain"),
        "data_year": sourced(str(year), "total_index"),
        # The span is what the audit's data-year claim recomputes.
        "span": sourced(str(year - audit.BASE_YEAR), "claim:index_data_year"),
        "total_cagr": sourced(percent(derived.loc["total_index_cagr", "value"], 1),
                              "derived:total_index_cagr"),
        "eco_cagr": written("ecosystem_index_cagr"),
        "rd_cagr": written("rd_index_cagr"),
        # The step across editions is the audit's recomputation of the claim it tests.
        "step": sourced(number(claims.loc["index_2023_gain", "recomputed"], 1),
                        "claim:index_2023_gain"),
        "gdp": value("zone_gdp"),
        "gdp_share": sourced(percent(derived.loc["zone_gdp_share", "value"], 1),
                             "derived:zone_gdp_share"),
        # The article's words for the zones' share of the nation's R&D and patents: a quote, not a number.
        "half_words": written("firm_rd_spending_share"),
        "hte": written("hightech_enterprises_share"),
        "lg": written("little_giants_share"),
        "uni": written("unicorns_share"),
        "new_firms_x": value("new_firms_vs_2010"),
        # The audit's two parts, each counted on its own (audit.parts).
        **{key: str(count) for key, count in audit.parts(claims).items()},
        **{key: str(len(load(name))) for key, name in COUNTS.items()},
        "wuhan_revenue": sourced(value_text(fig.loc["wuhan_optoelectronics_revenue"], units),
                                 "wuhan_optoelectronics_revenue"),
        "chengdu_firms": sourced(value_text(fig.loc["chengdu_digital_culture_firms"], units),
                                 "chengdu_digital_culture_firms"),
    }
