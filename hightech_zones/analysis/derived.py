"""What the article's figures imply but do not state: a level from a growth rate, a 2010 level
from a multiple, a count from a share; each marked derived, computed on the intervals of
``quantities.py``. The audit page and the innovation-capacity chapter show them.
"""
from __future__ import annotations

import pandas as pd

from hightech_zones.analysis.quantities import (
    BASE_INDEX,
    BASE_YEAR,
    Facts,
    Quantity,
    cagr,
    implied_growth_2023,
    recompute,
    say,
    with_range,
)
from hightech_zones.words.labels import lang


def _derived(id, quantity, result, unit, inputs, how):
    value, low, high = result
    return {"id": id, "quantity": quantity, "value": value, "low": low, "high": high, "unit": unit,
            "inputs": ", ".join(q.ref for q in inputs), "how": how}


def _measure(table: pd.DataFrame, ref: str) -> str:
    """A figure's measure in the edition's language (measure_en, measure_zh)."""
    return str(table.loc[ref, "measure_en" if lang() == "en" else "measure_zh"])


def _derived_index(f: Facts) -> list[dict]:
    total = f.fig("total_index")
    n = Quantity.exact(f.year("total_index") - BASE_YEAR, "years")
    rows = [_derived("total_index_cagr", say("derived_total_index_cagr", base_year=BASE_YEAR,
                                              year=f.year("total_index")),
                     recompute(cagr, total, n), "% a year", [total], f"({total.value:.10g} ÷ 100)^(1/{n.value:.10g}) − 1")]
    for pillar, ref in [("rd_resources", "rd_index_cagr"), ("innovation_ecosystem", "ecosystem_index_cagr"),
                        ("industrial_performance", "industrial_index_cagr")]:
        rate = f.fig(ref)
        # The sub-index's name: its growth rate's measure without the words for growth.
        name = _measure(f.figures, ref).split(",")[0].removesuffix("年复合增长率")
        rows.append(_derived(f"{pillar}_level", say("derived_level", name=name, year=f.year(ref)),
                             recompute(lambda r, n: BASE_INDEX * (1 + r / 100) ** n, rate, n), "points", [rate],
                             f"100 × (1 + {rate})^{n.value:.10g}"))
    return rows


def _derived_since_2010(f: Facts) -> list[dict]:
    rows = []
    for level_ref in ["rd_institutions", "new_firms", "new_quality_firms", "overseas_rd_institutions"]:
        level, multiple = f.fig(level_ref), f.fig(f"{level_ref}_vs_2010")
        k = f.scale(level, "家")
        n = Quantity.exact(f.year(level_ref) - BASE_YEAR, "years")
        name = _measure(f.figures, level_ref)
        rows.append(_derived(f"{level_ref}_2010", say("derived_base", name=name, base_year=BASE_YEAR),
                             recompute(lambda v, m: v * k / m, level, multiple),
                             "count", [level, multiple], f"{level} ÷ {multiple.value:.10g}"))
        rows.append(_derived(f"{level_ref}_cagr", say("derived_cagr", name=name, base_year=BASE_YEAR,
                                                       year=f.year(level_ref)),
                             recompute(lambda m, n: 100 * (m ** (1 / n) - 1), multiple, n), "% a year", [multiple],
                             f"{multiple.value:.10g}^(1/{n.value:.10g}) − 1"))
    return rows


def _derived_levels(f: Facts) -> list[dict]:
    rows = []
    for ref, national in [("hightech_enterprises_share", "national_hightech_enterprises_2024"),
                          ("little_giants_share", "national_little_giants_2024")]:
        share, whole = f.fig(ref), f.ctx(national)
        k = f.scale(whole, "家")
        rows.append(_derived(ref.removesuffix("_share") + "_count",
                             say("derived_in_zones", name=_measure(f.context, national).removesuffix(", end-2024")),
                             recompute(lambda s, w: s / 100 * w * k, share, whole), "count", [share, whole],
                             f"{share} × {whole}"))
    mfg, gap = f.fig("hightech_mfg_share"), f.fig("hightech_mfg_gap")
    patents, times = f.fig("patents_per_10k"), f.fig("patents_per_10k_vs_national")
    gdp, growth, nat_gdp = f.fig("zone_gdp"), f.fig("zone_gdp_growth"), f.ctx("national_gdp_2024")
    va, va_share, nat_va = f.fig("zone_industrial_va"), f.fig("zone_industrial_va_share"), f.ctx("national_industrial_va_2024")
    rd, rd_growth = f.fig("firm_rd_spending"), f.fig("firm_rd_spending_growth")
    nat_rd, firms_part = f.ctx("national_rd_2024"), f.ctx("national_business_rd_share_2023")
    k_rd = f.scale(rd, nat_rd.unit)
    gdp_2022, miit = f.ctx("zone_gdp_2022"), f.ctx("zone_gdp_growth_2023_jan_sep")
    services, services_growth = f.fig("service_institutions"), f.fig("service_institutions_growth")
    k_gdp, k_va = f.scale(gdp, nat_gdp.unit), f.scale(va, nat_va.unit)
    return rows + [
        _derived("national_hightech_mfg_share", say("derived_national_hightech_mfg_share",
                                                     year=f.year("hightech_mfg_gap")),
                 recompute(lambda z, g: z - g, mfg, gap), "%", [mfg, gap], f"{mfg} − {gap}"),
        _derived("national_patents_per_10k", say("derived_national_patents_per_10k", year=f.year("patents_per_10k")),
                 recompute(lambda p, m: p / m, patents, times), "patents", [patents, times], f"{patents} ÷ {times}"),
        _derived("zone_gdp_share", say("derived_zone_gdp_share"),
                 recompute(lambda g, n: 100 * g * k_gdp / n, gdp, nat_gdp), "%", [gdp, nat_gdp], f"{gdp} ÷ {nat_gdp}"),
        # Drawn beside MIIT's growth for 2023, which it does not fit (the claim zone_gdp_2023_growth).
        _derived("zone_gdp_2023", say("derived_zone_gdp_2023", gdp_2022=gdp_2022, miit=miit,
                                       implied=implied_growth_2023(gdp.value, growth.value, gdp_2022.value)),
                 recompute(lambda g, r: g / (1 + r / 100), gdp, growth), "trillion yuan", [gdp, growth],
                 f"{gdp} ÷ (1 + {growth})"),
        _derived("zone_industrial_va_implied", say("derived_zone_industrial_va_implied", share=va_share),
                 recompute(lambda s, n: s / 100 * n / k_va, va_share, nat_va), "trillion yuan", [va_share, nat_va],
                 f"{va_share} × {nat_va}"),
        # 约1.2万亿元 is read as 2023's (the report's data year); were it 2024's, the share would not fit.
        _derived("firm_rd_share_business_2024", say("derived_firm_rd_share_business_2024", rd=rd,
                                                     rd_year=f.year("firm_rd_spending"),
                                                     part_year=f.year("national_business_rd_share_2023")),
                 recompute(lambda r, n, s: 100 * r * k_rd / (n * s / 100), rd, nat_rd, firms_part), "%",
                 [rd, nat_rd, firms_part], f"{rd} ÷ ({nat_rd} × {firms_part})"),
        _derived("firm_rd_spending_2022", say("derived_firm_rd_spending_2022"),
                 recompute(lambda r, g: r / (1 + g / 100), rd, rd_growth), "trillion yuan", [rd, rd_growth],
                 f"{rd} ÷ (1 + {rd_growth})"),
        _derived("service_institutions_2022", say("derived_service_institutions_2022"),
                 recompute(lambda s, g: s / (1 + g / 100), services, services_growth), "count",
                 [services, services_growth], f"{services} ÷ (1 + {services_growth})"),
    ]


def derived(figures: pd.DataFrame, context: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """What the article's figures imply but do not state. Every row is derived, none observed."""
    f = Facts(figures, context, units)
    return pd.DataFrame(_derived_index(f) + _derived_since_2010(f) + _derived_levels(f))


def readable_derived(table: pd.DataFrame) -> pd.DataFrame:
    """Derived values as shown: counts and index points whole, rates and amounts to one decimal."""
    digits = table.unit.map({"count": 0, "points": 0, "trillion yuan": 2}).fillna(1).astype(int)
    return pd.DataFrame({
        "quantity (derived)": table.quantity,
        "value (range)": [with_range(r.value, r.low, r.high, d, r.unit) for r, d in zip(table.itertuples(), digits)],
        "how": table.how,
    })
