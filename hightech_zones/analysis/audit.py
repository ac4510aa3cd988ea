"""The article's arithmetic, recomputed from data/.

Two tidy tables, used by the audit page and the innovation-capacity chapter:

* :func:`claims`: every claim the data lets us recompute, with the value as stated,
  the value recomputed, and whether the two agree within rounding, in one of two parts
  (:func:`parts`): the article's own arithmetic (its stated figures checked against each
  other) and its consistency with other sources (where the book brings in a national total
  or another edition of the evaluation report);
* :func:`derived`: what the article's figures imply but do not state (a level from a
  growth rate, a 2010 level from a multiple, a count from a share), each marked derived.

"Within rounding" is read from how each number is written: ``31`` stands for anything
that rounds to 31 (30.5 to 31.5), ``24.1`` for 24.05 to 24.15. A round number with a
qualifier is read to its last non-zero digit (``约50%`` is 45 to 55); ``余`` (more than)
and ``近`` (nearly) open the interval on one side only. Each recomputation is carried out
on those intervals, and a claim agrees when its interval and the recomputed one overlap.
"""
from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import pandas as pd

from hightech_zones.words.labels import label, lang

BASE_YEAR = 2010  # the index's base year (2010 = 100) and the base of every "times 2010" multiple
BASE_INDEX = 100.0


@dataclass(frozen=True)
class Quantity:
    """A number as the sources give it: its value, the interval its writing allows, its unit."""

    value: float
    low: float
    high: float
    unit: str
    ref: str  # the id of the figure or context figure it comes from
    written: str = ""  # as the source writes it, e.g. '约9.8万亿元'

    @classmethod
    def exact(cls, value: float, unit: str = "", ref: str = "") -> "Quantity":
        return cls(value, value, value, unit, ref, f"{value:.10g}")

    def __str__(self) -> str:
        return self.written or f"{self.value:.10g}{self.unit}"


def _decimals(value: float) -> int:
    text = repr(float(value))
    return 0 if text.endswith(".0") else len(text.split(".")[1])


def interval(value: float, approximation: str = "exact") -> tuple[float, float]:
    """The values a number could stand for, given how it is written (see the module docstring)."""
    decimals = _decimals(value)
    step = 10.0 ** -decimals
    if decimals == 0 and approximation != "exact" and value >= 10:
        digits = str(int(value))
        step = 10.0 ** (len(digits) - len(digits.rstrip("0")))  # 50 -> 10, 1600 -> 100
        if step >= value:  # '近10倍': read to the unit, not to the tens
            step = 10.0 ** (len(digits) - 2)
    if approximation == "more_than":
        return value, value + step
    if approximation == "nearly":
        return value - step, value
    return value - step / 2, value + step / 2


class Facts:
    """The figures a recomputation may use: the article's, the context's, and the unit factors."""

    def __init__(self, figures: pd.DataFrame, context: pd.DataFrame, units: pd.DataFrame):
        self.figures = figures.set_index("id")
        self.context = context.set_index("id")
        self.factor = dict(zip(units["unit"], units["factor"]))

    def _quantity(self, row, ref: str, written: str) -> Quantity:
        low, high = interval(row["value"], row["approximation"])
        if row["relation"] == "index_level" and row["year"] == BASE_YEAR:
            low = high = row["value"]  # the base of the index is 100 by definition, not a rounded value
        return Quantity(float(row["value"]), low, high, row["unit"], ref, written)

    def fig(self, ref: str) -> Quantity:
        row = self.figures.loc[ref]
        return self._quantity(row, ref, row["value_as_written"])

    def ctx(self, ref: str) -> Quantity:
        row = self.context.loc[ref]
        return self._quantity({**row, "relation": row["topic"]}, ref, f"{row['value']:.10g}{row['unit']}")

    def year(self, ref: str) -> int:
        table = self.figures if ref in self.figures.index else self.context
        return int(table.loc[ref, "year"])

    def scale(self, q: Quantity, unit: str) -> float:
        """The factor that turns a number in q's unit into one in `unit` (万亿元 -> 亿元: 10000)."""
        return self.factor[q.unit] / self.factor[unit]


def recompute(function, *inputs: Quantity) -> tuple[float, float, float]:
    """The value of `function` at the inputs, and its range over the corners of their intervals.

    Every function used here is monotone in each input, so the corners bound it.
    """
    value = function(*(q.value for q in inputs))
    corners = [function(*c) for c in itertools.product(*((q.low, q.high) for q in inputs))]
    return value, min(corners), max(corners)


def _cagr(level: float, years: float) -> float:
    return 100 * ((level / BASE_INDEX) ** (1 / years) - 1)


def _years_to(level: float, rate: float) -> float:
    return math.log(level / BASE_INDEX) / math.log(1 + rate / 100)


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
    return Quantity(year, year - 0.5, year + 0.5, "year", ref, _say("year_not_stated"))


def _say(key: str, **values) -> str:
    """The audit's words in the edition's language: the label ``audit_<key>`` of data/labels.csv,
    its placeholders filled (a Quantity shows as written; ``{total.value:.10g}`` takes its number)."""
    return label(f"audit_{key}", **values)


def _index_claims(f: Facts) -> list[dict]:
    base, total, gain = f.fig("total_index_2010"), f.fig("total_index"), f.fig("total_index_annual_gain")
    level, rate = f.fig("open_index"), f.fig("open_index_cagr")
    year = f.year("total_index")
    n = Quantity.exact(year - BASE_YEAR, "years")
    words = dict(base=base, total=total, gain=gain, level=level, rate=rate, year=year, n=n.value,
                 base_year=BASE_YEAR, open_year=f.year("open_index"))
    return [
        _row("index_avg_gain", "Index", _say("claim_index_avg_gain", **words),
             gain, recompute(lambda t, b, n: (t - b) / n, total, base, n), [gain, total, base],
             f"({total.value:.10g} − {base.value:.10g}) ÷ ({year} − {BASE_YEAR})",
             _say("finding_index_avg_gain", **words), 1, "points a year"),
        _row("index_data_year", "Year", _say("claim_index_data_year", **words),
             _year(year, "total_index"), recompute(lambda t, b, g: BASE_YEAR + (t - b) / g, total, base, gain),
             [total, base, gain], f"{BASE_YEAR} + ({total.value:.10g} − {base.value:.10g}) ÷ {gain.value:.10g}",
             _say("finding_index_data_year", **words), 1, "year"),
        _row("open_cagr", "Index", _say("claim_open_cagr", **words), rate,
             recompute(_cagr, level, n), [rate, level],
             f"({level.value:.10g} ÷ {BASE_INDEX:.10g})^(1 ÷ {n.value:.10g}) − 1",
             _say("finding_open_cagr", **words), 2, "% a year"),
        _row("open_data_year", "Year", _say("claim_open_data_year", **words),
             _year(f.year("open_index"), "open_index"), recompute(lambda v, r: BASE_YEAR + _years_to(v, r), level, rate),
             [level, rate], f"{BASE_YEAR} + ln({level.value / BASE_INDEX:.10g}) ÷ ln({1 + rate.value / 100:.10g})",
             _say("finding_open_data_year", **words), 1, "year"),
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
        _row("index_2022_avg_gain", "Index (2023 edition)", _say("claim_index_2022_avg_gain", **words),
             prev_avg, recompute(lambda g, n: g / n, prev_gain, n), [prev_avg, prev_gain],
             f"{prev_gain.value:.10g} ÷ {n.value:.10g}", _say("finding_index_2022_avg_gain", **words), 2,
             "points a year"),
        _row("index_2023_gain", "Series break", _say("claim_index_2023_gain", **words),
             gain, recompute(lambda t, p: t - p, total, prev), [gain, total, prev],
             _say("how_index_2023_gain", **words), _say("finding_index_2023_gain", **words), 1, "points"),
        _row("industrial_cagr_vs_2022", "Series break", _say("claim_industrial_cagr_vs_2022", **words),
             rate, recompute(_cagr, level_2022, n), [rate, level_2022],
             _say("how_industrial_cagr_vs_2022", **words), _say("finding_industrial_cagr_vs_2022", **words),
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
        _row("gdp_level_context", "Share", _say("claim_gdp_level_context", **words),
             f.ctx("zone_gdp_2024"), recompute(lambda g: g, gdp), [f.ctx("zone_gdp_2024"), gdp],
             _say("how_gdp_level_context", **words), _say("finding_gdp_level_context", **words),
             1, "trillion yuan"),
        _row("gdp_share", "Share", _say("claim_gdp_share", **words),
             gdp_share, recompute(lambda g, n: 100 * g * k_gdp / n, gdp, nat_gdp), [gdp_share, gdp, nat_gdp],
             _say("how_gdp_share", **words), _say("finding_gdp_share", **words), 2, "%"),
        _row("industrial_va_share", "Share", _say("claim_industrial_va_share", **words),
             va_share, recompute(lambda v, n: 100 * v * k_va / n, va, nat_va), [va_share, va, nat_va],
             _say("how_industrial_va_share", **words), _say("finding_industrial_va_share", **words), 2, "%"),
        _row("firm_rd_share", "Share", _say("claim_firm_rd_share", **words),
             rd_share, recompute(lambda r, n, g: 100 * r * k_rd / (n / (1 + g / 100)), rd, nat_rd, rd_growth),
             [rd_share, rd, nat_rd, rd_growth],
             _say("how_firm_rd_share", **words), _say("finding_firm_rd_share", **words), 1, "%"),
        _row("firm_rd_share_business", "Share", _say("claim_firm_rd_share_business", **words), rd_share,
             recompute(lambda r, n, s: 100 * r * k_rd23 / (n * s / 100), rd, nat_rd_23, firms_part),
             [rd_share, rd, nat_rd_23, firms_part],
             _say("how_firm_rd_share_business", **words), _say("finding_firm_rd_share_business", **words), 1, "%"),
        _row("firm_rd_share_2023_edition", "Share", _say("claim_firm_rd_share_2023_edition", **words), rd_share,
             recompute(lambda s: s, near_half), [rd_share, near_half],
             _say("how_firm_rd_share_2023_edition", **words), _say("finding_firm_rd_share_2023_edition", **words),
             0, "%"),
        _row("hightech_mfg_gap", "Gap", _say("claim_hightech_mfg_gap", **words),
             gap, recompute(lambda z, n: z - n, mfg, nat_mfg), [gap, mfg, nat_mfg],
             _say("how_hightech_mfg_gap", **words), _say("finding_hightech_mfg_gap", **words),
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


def _implied_growth_2023(gdp: float, growth: float, gdp_2022: float) -> float:
    return 100 * (gdp / (1 + growth / 100) / gdp_2022 - 1)


def growth_2023(figures: pd.DataFrame, context: pd.DataFrame, units: pd.DataFrame) -> tuple[float, float]:
    """The zones' GDP growth in 2023 that the article's 2024 figures imply over 2022's reported level
    (derived), and MIIT's nominal growth for January–September 2023: the two disagree."""
    gdp, growth, gdp_2022, miit = _growth_2023(Facts(figures, context, units))
    return _implied_growth_2023(gdp.value, growth.value, gdp_2022.value), miit.value


def _gdp_claims(f: Facts) -> list[dict]:
    """The 2023 level the article's growth rate implies, against MIIT's growth for 2023."""
    gdp, growth, gdp_2022, miit = _growth_2023(f)
    result = recompute(_implied_growth_2023, gdp, growth, gdp_2022)
    words = dict(gdp=gdp, growth=growth, gdp_2022=gdp_2022, miit=miit, implied=result[0])
    return [_row("zone_gdp_2023_growth", "Growth", _say("claim_zone_gdp_2023_growth", **words), miit, result,
                 [miit, gdp, growth, gdp_2022], _say("how_zone_gdp_2023_growth", **words),
                 _say("finding_zone_gdp_2023_growth", **words), 1, "%")]


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


def figure_years(figures: pd.DataFrame) -> pd.DataFrame:
    """The article's figures counted by theme, by the year they refer to and by what that year rests
    on (labels audit_basis_*); a figure with no year counts as 'not stated', not dropped."""
    basis = {b: _say(f"basis_{b}") for b in ["stated", "report_2024_edition", "not_stated"]}
    years = figures.assign(year=figures.year.astype("str").fillna(basis["not_stated"]),
                           basis=figures.year_basis.map(basis))
    years = years.groupby(["theme", "year", "basis"], dropna=False).agg(
        figures=("id", "size"), ids=("id", ", ".join)).reset_index()
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
    return pd.DataFrame({
        "figure": theme["id"], "as_written": theme["value_as_written"],
        "checked_by": [", ".join(used.get(ref, [])) for ref in theme["id"]],
        "why_not": [_say(f"why_not_{NOT_RECOMPUTABLE[ref]}") if ref in NOT_RECOMPUTABLE and ref not in used
                    else "" for ref in theme["id"]],
    }).reset_index(drop=True)


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
    rows = [_derived("total_index_cagr", _say("derived_total_index_cagr", base_year=BASE_YEAR,
                                              year=f.year("total_index")),
                     recompute(_cagr, total, n), "% a year", [total], f"({total.value:.10g} ÷ 100)^(1/{n.value:.10g}) − 1")]
    for pillar, ref in [("rd_resources", "rd_index_cagr"), ("innovation_ecosystem", "ecosystem_index_cagr"),
                        ("industrial_performance", "industrial_index_cagr")]:
        rate = f.fig(ref)
        # The sub-index's name: its growth rate's measure without the words for growth.
        name = _measure(f.figures, ref).split(",")[0].removesuffix("年复合增长率")
        rows.append(_derived(f"{pillar}_level", _say("derived_level", name=name, year=f.year(ref)),
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
        rows.append(_derived(f"{level_ref}_2010", _say("derived_base", name=name, base_year=BASE_YEAR),
                             recompute(lambda v, m: v * k / m, level, multiple),
                             "count", [level, multiple], f"{level} ÷ {multiple.value:.10g}"))
        rows.append(_derived(f"{level_ref}_cagr", _say("derived_cagr", name=name, base_year=BASE_YEAR,
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
                             _say("derived_in_zones", name=_measure(f.context, national).removesuffix(", end-2024")),
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
        _derived("national_hightech_mfg_share", _say("derived_national_hightech_mfg_share",
                                                     year=f.year("hightech_mfg_gap")),
                 recompute(lambda z, g: z - g, mfg, gap), "%", [mfg, gap], f"{mfg} − {gap}"),
        _derived("national_patents_per_10k", _say("derived_national_patents_per_10k", year=f.year("patents_per_10k")),
                 recompute(lambda p, m: p / m, patents, times), "patents", [patents, times], f"{patents} ÷ {times}"),
        _derived("zone_gdp_share", _say("derived_zone_gdp_share"),
                 recompute(lambda g, n: 100 * g * k_gdp / n, gdp, nat_gdp), "%", [gdp, nat_gdp], f"{gdp} ÷ {nat_gdp}"),
        # Drawn beside MIIT's growth for 2023, which it does not fit (the claim zone_gdp_2023_growth).
        _derived("zone_gdp_2023", _say("derived_zone_gdp_2023", gdp_2022=gdp_2022, miit=miit,
                                       implied=_implied_growth_2023(gdp.value, growth.value, gdp_2022.value)),
                 recompute(lambda g, r: g / (1 + r / 100), gdp, growth), "trillion yuan", [gdp, growth],
                 f"{gdp} ÷ (1 + {growth})"),
        _derived("zone_industrial_va_implied", _say("derived_zone_industrial_va_implied", share=va_share),
                 recompute(lambda s, n: s / 100 * n / k_va, va_share, nat_va), "trillion yuan", [va_share, nat_va],
                 f"{va_share} × {nat_va}"),
        # 约1.2万亿元 is read as 2023's (the report's data year); were it 2024's, the share would not fit.
        _derived("firm_rd_share_business_2024", _say("derived_firm_rd_share_business_2024", rd=rd,
                                                     rd_year=f.year("firm_rd_spending"),
                                                     part_year=f.year("national_business_rd_share_2023")),
                 recompute(lambda r, n, s: 100 * r * k_rd / (n * s / 100), rd, nat_rd, firms_part), "%",
                 [rd, nat_rd, firms_part], f"{rd} ÷ ({nat_rd} × {firms_part})"),
        _derived("firm_rd_spending_2022", _say("derived_firm_rd_spending_2022"),
                 recompute(lambda r, g: r / (1 + g / 100), rd, rd_growth), "trillion yuan", [rd, rd_growth],
                 f"{rd} ÷ (1 + {rd_growth})"),
        _derived("service_institutions_2022", _say("derived_service_institutions_2022"),
                 recompute(lambda s, g: s / (1 + g / 100), services, services_growth), "count",
                 [services, services_growth], f"{services} ÷ (1 + {services_growth})"),
    ]


def derived(figures: pd.DataFrame, context: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """What the article's figures imply but do not state. Every row is derived, none observed."""
    f = Facts(figures, context, units)
    return pd.DataFrame(_derived_index(f) + _derived_since_2010(f) + _derived_levels(f))


def _shown(value: float, digits: int, unit: str) -> str:
    from hightech_zones.words.fmt import number

    return f"{value:.{digits}f}" if unit == "year" else number(value, digits)


def _with_range(value: float, low: float, high: float, digits: int, unit: str) -> str:
    """'24.17 (24.048 to 24.295) %': the range one decimal finer than the value, so that it shows;
    the words and the unit in the edition's language (labels audit_range, audit_unit_*)."""
    finer = digits + 1 if digits and unit != "year" else digits
    low_text, high_text = _shown(low, finer, unit), _shown(high, finer, unit)
    text = _shown(value, digits, unit)
    if low_text != high_text:
        text = _say("range", value=text, low=low_text, high=high_text)
    if unit in ("year", "count"):
        return text
    return text + ("" if unit.startswith("%") or lang() != "en" else " ") + _say("unit_" + unit.replace("%", "percent")
                                                                             .replace(" ", "_"))


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """The claims as the audit page shows them: the recomputed value with the range rounding allows,
    agreement in words, and how it was recomputed beside what it shows."""
    return pd.DataFrame({
        "claim": table.claim,
        "whose statement": [_say(f"whose_{whose}") for whose in table.whose],
        "stated": table.as_written,
        "recomputed": [_with_range(r.recomputed, r.recomputed_low, r.recomputed_high, r.digits, r.unit)
                       for r in table.itertuples()],
        "agrees": table.agrees.map({True: "yes", False: "NO"}),
        "how, and what it shows": table.how + (". " if lang() == "en" else "。") + table.finding,
    })


def readable_derived(table: pd.DataFrame) -> pd.DataFrame:
    """Derived values as shown: counts and index points whole, rates and amounts to one decimal."""
    digits = table.unit.map({"count": 0, "points": 0, "trillion yuan": 2}).fillna(1).astype(int)
    return pd.DataFrame({
        "quantity (derived)": table.quantity,
        "value (range)": [_with_range(r.value, r.low, r.high, d, r.unit) for r, d in zip(table.itertuples(), digits)],
        "how": table.how,
    })
