"""The article's arithmetic, recomputed from data/.

:func:`claims`: every claim the data lets us recompute, with the value as stated, the value
recomputed, and whether the two agree within rounding (``quantities.py`` says how a number's
writing is read), in one of two parts (:func:`parts`): the article's own arithmetic (its stated
figures checked against each other) and its consistency with other sources (where the book brings
in a national total or another edition of the evaluation report). The audit's second table, what
the figures imply but do not state, is ``derived.py``'s; ``audit.derived`` is the same function.
"""
from __future__ import annotations

import pandas as pd

from hightech_zones.analysis.derived import derived, readable_derived  # noqa: F401 (the audit's second table)
from hightech_zones.analysis.quantities import (
    BASE_INDEX,
    BASE_YEAR,
    Facts,
    Quantity,
    cagr,
    implied_growth_2023,
    interval,  # noqa: F401 (audit.interval: how the audit page reads a number)
    recompute,
    say,
    with_range,
    years_to,
)
from hightech_zones.words.labels import field, label, lang


def _row(id, group, claim, stated: Quantity, result, inputs, how, finding, digits, unit):
    value, low, high = result
    agrees = low <= stated.high and stated.low <= high
    return {"id": id, "group": group, "claim": claim, "statement": stated.ref, "as_written": str(stated),
            "stated": stated.value,
            "stated_low": stated.low,
            "stated_high": stated.high, "recomputed": value, "recomputed_low": low, "recomputed_high": high,
            "unit": unit, "agrees": agrees, "inputs": ", ".join(q.ref for q in inputs), "how": how,
            "finding": finding, "digits": digits}


def _year(year: int, ref: str) -> Quantity:
    """A data year the book reads from the article's figures: the article does not state it, so the
    stated cell says so (label audit_year_not_stated)."""
    return Quantity(year, year - 0.5, year + 0.5, "year", ref, say("year_not_stated"))


def _index_claims(f: Facts) -> list[dict]:
    base, total, gain = f.fig("total_index_2010"), f.fig("total_index"), f.fig("total_index_annual_gain")
    level, rate = f.fig("open_index"), f.fig("open_index_cagr")
    year = f.year("total_index")
    n = Quantity.exact(year - BASE_YEAR, "years")
    words = dict(base=base, total=total, gain=gain, level=level, rate=rate, year=year, n=n.value,
                 base_year=BASE_YEAR, open_year=f.year("open_index"))
    return [
        _row("index_avg_gain", "Index", say("claim_index_avg_gain", **words),
             gain, recompute(lambda t, b, n: (t - b) / n, total, base, n), [gain, total, base],
             f"({total.value:.10g} − {base.value:.10g}) ÷ ({year} − {BASE_YEAR})",
             say("finding_index_avg_gain", **words), 1, "points a year"),
        _row("index_data_year", "Year", say("claim_index_data_year", **words),
             _year(year, "total_index"), recompute(lambda t, b, g: BASE_YEAR + (t - b) / g, total, base, gain),
             [total, base, gain], f"{BASE_YEAR} + ({total.value:.10g} − {base.value:.10g}) ÷ {gain.value:.10g}",
             say("finding_index_data_year", **words), 1, "year"),
        _row("open_cagr", "Index", say("claim_open_cagr", **words), rate,
             recompute(cagr, level, n), [rate, level],
             f"({level.value:.10g} ÷ {BASE_INDEX:.10g})^(1 ÷ {n.value:.10g}) − 1",
             say("finding_open_cagr", **words), 2, "% a year"),
        _row("open_data_year", "Year", say("claim_open_data_year", **words),
             _year(f.year("open_index"), "open_index"), recompute(lambda v, r: BASE_YEAR + years_to(v, r), level, rate),
             [level, rate], f"{BASE_YEAR} + ln({level.value / BASE_INDEX:.10g}) ÷ ln({1 + rate.value / 100:.10g})",
             say("finding_open_data_year", **words), 1, "year"),
    ]


def _edition_claims(f: Facts) -> list[dict]:
    """The 2024 edition read against the 2023 edition: where the index series breaks."""
    total, gain = f.fig("total_index"), f.fig("total_index_annual_gain")
    prev, prev_gain, prev_avg = f.ctx("index_2022"), f.ctx("index_gain_2010_2022"), f.ctx("index_annual_gain_2010_2022")
    rate, level_2022 = f.fig("industrial_index_cagr"), f.ctx("industrial_index_2022")
    n = Quantity.exact(f.year("index_2022") - BASE_YEAR, "years")
    jump = total.value - prev.value
    words = dict(total=total, gain=gain, prev=prev, prev_gain=prev_gain, prev_avg=prev_avg, rate=rate,
                 level=level_2022, n=n.value, base_year=BASE_YEAR, base_index=BASE_INDEX, ratio=jump / gain.value)
    return [
        _row("index_2022_avg_gain", "Index (2023 edition)", say("claim_index_2022_avg_gain", **words),
             prev_avg, recompute(lambda g, n: g / n, prev_gain, n), [prev_avg, prev_gain],
             f"{prev_gain.value:.10g} ÷ {n.value:.10g}", say("finding_index_2022_avg_gain", **words), 2,
             "points a year"),
        _row("index_2023_gain", "Series break", say("claim_index_2023_gain", **words),
             gain, recompute(lambda t, p: t - p, total, prev), [gain, total, prev],
             say("how_index_2023_gain", **words), say("finding_index_2023_gain", **words), 1, "points"),
        _row("industrial_cagr_vs_2022", "Series break", say("claim_industrial_cagr_vs_2022", **words),
             rate, recompute(cagr, level_2022, n), [rate, level_2022],
             say("how_industrial_cagr_vs_2022", **words), say("finding_industrial_cagr_vs_2022", **words),
             2, "% a year"),
    ]


def _share_claims(f: Facts) -> list[dict]:
    gdp, nat_gdp, gdp_share = f.fig("zone_gdp"), f.ctx("national_gdp_2024"), f.ctx("zone_gdp_share_2024")
    va, nat_va, va_share = f.fig("zone_industrial_va"), f.ctx("national_industrial_va_2024"), f.fig("zone_industrial_va_share")
    rd, nat_rd, rd_growth = f.fig("firm_rd_spending"), f.ctx("national_rd_2024"), f.ctx("national_rd_growth_2024")
    rd_share = f.fig("firm_rd_spending_share")
    # The narrower base the quote fits: the R&D of the nation's firms (NBS total × firms' share).
    nat_rd_23, firms_part = f.ctx("national_rd_2023"), f.ctx("national_business_rd_share_2023")
    near_half = f.ctx("firm_rd_share_business_2022")
    k_rd23 = f.scale(rd, nat_rd_23.unit)
    mfg, gap, nat_mfg = f.fig("hightech_mfg_share"), f.fig("hightech_mfg_gap"), f.ctx("national_hightech_mfg_share_2023")
    k_gdp, k_va, k_rd = f.scale(gdp, nat_gdp.unit), f.scale(va, nat_va.unit), f.scale(rd, nat_rd.unit)
    implied_va = va_share.value / 100 * nat_va.value / k_va
    rd_year = f.year("firm_rd_spending")
    words = dict(gdp=gdp, nat_gdp=nat_gdp, gdp_share=gdp_share, va=va, nat_va=nat_va, va_share=va_share,
                 implied_va=implied_va, rd=rd, nat_rd=nat_rd, rd_share=rd_share, rd_year=rd_year,
                 growth=1 + rd_growth.value / 100, nat_rd_23=nat_rd_23, firms_part=firms_part,
                 nat_rd_year=f.year("national_rd_2023"), near_half_year=f.year("firm_rd_share_business_2022"),
                 mfg=mfg, gap=gap, nat_mfg=nat_mfg, mfg_year=f.year("national_hightech_mfg_share_2023"))
    return [
        _row("gdp_level_context", "Share", say("claim_gdp_level_context", **words),
             f.ctx("zone_gdp_2024"), recompute(lambda g: g, gdp), [f.ctx("zone_gdp_2024"), gdp],
             say("how_gdp_level_context", **words), say("finding_gdp_level_context", **words),
             1, "trillion yuan"),
        _row("gdp_share", "Share", say("claim_gdp_share", **words),
             gdp_share, recompute(lambda g, n: 100 * g * k_gdp / n, gdp, nat_gdp), [gdp_share, gdp, nat_gdp],
             say("how_gdp_share", **words), say("finding_gdp_share", **words), 2, "%"),
        _row("industrial_va_share", "Share", say("claim_industrial_va_share", **words),
             va_share, recompute(lambda v, n: 100 * v * k_va / n, va, nat_va), [va_share, va, nat_va],
             say("how_industrial_va_share", **words), say("finding_industrial_va_share", **words), 2, "%"),
        _row("firm_rd_share", "Share", say("claim_firm_rd_share", **words),
             rd_share, recompute(lambda r, n, g: 100 * r * k_rd / (n / (1 + g / 100)), rd, nat_rd, rd_growth),
             [rd_share, rd, nat_rd, rd_growth],
             say("how_firm_rd_share", **words), say("finding_firm_rd_share", **words), 1, "%"),
        _row("firm_rd_share_business", "Share", say("claim_firm_rd_share_business", **words), rd_share,
             recompute(lambda r, n, s: 100 * r * k_rd23 / (n * s / 100), rd, nat_rd_23, firms_part),
             [rd_share, rd, nat_rd_23, firms_part],
             say("how_firm_rd_share_business", **words), say("finding_firm_rd_share_business", **words), 1, "%"),
        _row("firm_rd_share_2023_edition", "Share", say("claim_firm_rd_share_2023_edition", **words), rd_share,
             recompute(lambda s: s, near_half), [rd_share, near_half],
             say("how_firm_rd_share_2023_edition", **words), say("finding_firm_rd_share_2023_edition", **words),
             0, "%"),
        _row("hightech_mfg_gap", "Gap", say("claim_hightech_mfg_gap", **words),
             gap, recompute(lambda z, n: z - n, mfg, nat_mfg), [gap, mfg, nat_mfg],
             say("how_hightech_mfg_gap", **words), say("finding_hightech_mfg_gap", **words),
             2, "percentage points"),
    ]


OWN, SOURCES = "own", "sources"  # the audit's two parts

# The article's own arithmetic counts relations: each relation solved for a stated figure and for the year.
RELATION = {"index_avg_gain": "index_gain", "index_data_year": "index_gain",
            "open_cagr": "open_growth", "open_data_year": "open_growth"}

# Whose statement a comparison with other sources tests: the article's, unless named here
# (label audit_whose_<whose>).
WHOSE = {"index_data_year": "book_reading", "open_data_year": "book_reading",
         "index_2022_avg_gain": "edition_2023", "index_2023_gain": "book",
         "gdp_share": "miit", "zone_gdp_2023_growth": "miit"}


def _growth_2023(f: Facts) -> tuple[Quantity, Quantity, Quantity, Quantity]:
    """The 2023 growth the article's 2024 figures imply over 2022's reported level, and MIIT's."""
    return (f.fig("zone_gdp"), f.fig("zone_gdp_growth"), f.ctx("zone_gdp_2022"),
            f.ctx("zone_gdp_growth_2023_jan_sep"))


def growth_2023(figures: pd.DataFrame, context: pd.DataFrame, units: pd.DataFrame) -> tuple[float, float]:
    """The zones' GDP growth in 2023 that the article's 2024 figures imply over 2022's reported level
    (derived), and MIIT's nominal growth for January–September 2023: the two disagree."""
    gdp, growth, gdp_2022, miit = _growth_2023(Facts(figures, context, units))
    return implied_growth_2023(gdp.value, growth.value, gdp_2022.value), miit.value


def _gdp_claims(f: Facts) -> list[dict]:
    """The 2023 level the article's growth rate implies, against MIIT's growth for 2023."""
    gdp, growth, gdp_2022, miit = _growth_2023(f)
    result = recompute(implied_growth_2023, gdp, growth, gdp_2022)
    words = dict(gdp=gdp, growth=growth, gdp_2022=gdp_2022, miit=miit, implied=result[0])
    return [_row("zone_gdp_2023_growth", "Growth", say("claim_zone_gdp_2023_growth", **words), miit, result,
                 [miit, gdp, growth, gdp_2022], say("how_zone_gdp_2023_growth", **words),
                 say("finding_zone_gdp_2023_growth", **words), 1, "%")]


def claims(figures: pd.DataFrame, context: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Every claim the data allows us to recompute: stated, recomputed, and whether they agree.

    ``part`` is :data:`OWN` when every input is one of the article's figures (its arithmetic,
    checked against itself), :data:`SOURCES` when the book brings in another source; a
    disagreement of the second part comes from a comparison the book makes, not from the article."""
    facts = Facts(figures, context, units)
    table = pd.DataFrame(_index_claims(facts) + _edition_claims(facts) + _share_claims(facts)
                         + _gdp_claims(facts))
    article = set(figures["id"])
    table["part"] = [OWN if set(refs.split(", ")) <= article else SOURCES for refs in table.inputs]
    table["relation"] = table.id.map(RELATION).fillna("")
    table["whose"] = [WHOSE.get(claim, "article") for claim in table.id]
    return table


def parts(table: pd.DataFrame) -> dict[str, int]:
    """The two parts of the audit, each counted on its own.

    The article's own arithmetic counts relations: a relation solved for a stated figure and for
    the year counts once, as agreeing when every way of solving it agrees. The comparisons with
    other sources count the article's statements apart from the book's checks of other sources'
    (``whose``): a statement tested against several bases (姚珺's 50%左右 against total R&D,
    business R&D and the 2023 edition's 近一半) counts once, as fitting every base, some or none."""
    own = table[table.part == OWN].groupby("relation", sort=False).agrees.all()
    sources = table[table.part == SOURCES]
    compared = sources[sources.whose == "article"].groupby("statement", sort=False).agrees
    every, some = compared.all(), compared.any()
    checks = sources[sources.whose != "article"].agrees
    return {"n_own": len(own), "n_own_agree": int(own.sum()),
            "n_own_disagree": int((~own).sum()),
            "n_compared": len(every), "n_fit": int(every.sum()),
            "n_fit_some": int((some & ~every).sum()), "n_fit_none": int((~some).sum()),
            "n_checks": len(checks), "n_checks_fit": int(checks.sum()),
            "n_checks_none": int((~checks).sum())}


def _joined(items) -> str:
    """Items of a cell, as the edition lists them: 'a, b' or 'a；b'."""
    return ("；" if lang() == "zh" else ", ").join(items)


def figure_years(figures: pd.DataFrame) -> pd.DataFrame:
    """The article's figures counted by theme, by the year they refer to and by what that year rests
    on (labels audit_basis_*); a figure with no year counts as 'not stated', not dropped."""
    basis = {b: say(f"basis_{b}") for b in ["stated", "report_2024_edition", "not_stated"]}
    years = figures.assign(year=figures.year.astype("str").fillna(basis["not_stated"]),
                           basis=figures.year_basis.map(basis))
    # The Chinese edition names the figures, not their ids (issue 27: no internal ids in its tables).
    years["name"] = years[field("measure")] if lang() == "zh" else years.id
    years = years.groupby(["theme", "year", "basis"], dropna=False).agg(
        figures=("id", "size"), ids=("name", _joined)).reset_index()
    years["theme"] = [label(f"theme_{theme}") for theme in years.theme]
    return years


# Why a figure of the innovation-capacity theme has no claim to recompute: the reason's label,
# audit_why_not_<reason> in data/labels.csv.
NOT_RECOMPUTABLE = {
    "rd_index_cagr": "no_level", "ecosystem_index_cagr": "no_level",
    "rd_staff_share": "no_national_rd_staff",
    "firm_rd_spending_growth": "no_earlier_level",
    "rd_institutions": "base_2010_derived",
    "rd_institutions_vs_2010": "no_2010_count",
    "invention_patents_share": "no_national_patents",
    "service_institutions": "unchecked_level",
    "service_institutions_growth": "no_earlier_count",
    "new_firms": "base_2010_derived", "new_quality_firms": "base_2010_derived",
    "new_firms_vs_2010": "no_2010_count", "new_quality_firms_vs_2010": "no_2010_count",
    "patents_per_10k": "no_national_per_employee_multiple",
    "patents_per_10k_vs_national": "no_national_per_employee",
    "overseas_rd_institutions": "base_2010_derived",
    "overseas_rd_institutions_vs_2010": "no_2010_count",
    "pct_share": "no_national_pct",
    "hightech_enterprises_share": "zone_count_not_given", "little_giants_share": "zone_count_not_given",
    "unicorns_share": "no_national_unicorns",
    "zone_gdp_growth": "no_2023_gdp",
}


def coverage(figures: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Each innovation-capacity figure: the claims that recompute it, or why none can."""
    used: dict[str, list[str]] = {}
    for row in table.itertuples():
        for ref in row.inputs.split(", "):
            used.setdefault(ref, []).append(row.id)
    theme = figures[figures["theme"] == "innovation_capacity"]
    # The Chinese edition names each figure and claim in words, not by its id (issue 27).
    named = dict(zip(table.id, table.claim)) if lang() == "zh" else {}
    return pd.DataFrame({
        "figure": theme[field("measure")] if lang() == "zh" else theme["id"],
        "as_written": theme["value_as_written"],
        "checked_by": [_joined(named.get(c, c) for c in used.get(ref, [])) for ref in theme["id"]],
        "why_not": [say(f"why_not_{NOT_RECOMPUTABLE[ref]}") if ref in NOT_RECOMPUTABLE and ref not in used
                    else "" for ref in theme["id"]],
    }).reset_index(drop=True)


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """The claims as the audit page shows them: the recomputed value with the range rounding allows,
    agreement in words, and how it was recomputed beside what it shows."""
    return pd.DataFrame({
        "claim": table.claim,
        "whose statement": [say(f"whose_{whose}") for whose in table.whose],
        "stated": table.as_written,
        "recomputed": [with_range(r.recomputed, r.recomputed_low, r.recomputed_high, r.digits, r.unit)
                       for r in table.itertuples()],
        "agrees": table.agrees.map({True: "yes", False: "NO"}),
        "how, and what it shows": table.how + (". " if lang() == "en" else "。") + table.finding,
    })


