"""The audit's recomputations, checked independently: plain arithmetic on the CSV files.

These tests do not call the audit's own helpers to get their expected values: they read
data/*.csv with the csv module and redo each sum by hand, with the rounding read off
the way each number is written.
"""
from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from hightech_zones import load
from hightech_zones.analysis import audit

DATA = Path(__file__).resolve().parents[2] / "data"


def rows(name: str) -> dict[str, dict]:
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as f:
        return {r["id"]: r for r in csv.DictReader(f)}


FIG, CTX = rows("figures"), rows("context_figures")
with open(DATA / "units.csv", encoding="utf-8", newline="") as f:
    FACTOR = {r["unit"]: float(r["factor"]) for r in csv.DictReader(f)}


def v(ref: str) -> float:
    return float((FIG.get(ref) or CTX[ref])["value"])


def overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


@pytest.fixture(scope="module")
def claims():
    return audit.claims(load("figures"), load("context_figures"), load("units")).set_index("id")


@pytest.fixture(scope="module")
def derived():
    return audit.derived(load("figures"), load("context_figures"), load("units")).set_index("id")


def expected_claims() -> dict[str, tuple[float, bool]]:
    """Each claim: the recomputed value, and whether it agrees with the stated value within rounding."""
    years = int(FIG["total_index"]["year"]) - 2010
    gain = (v("total_index") - 100) / years
    data_year = 2010 + (v("total_index") - 100) / v("total_index_annual_gain")
    open_cagr = 100 * ((v("open_index") / 100) ** (1 / years) - 1)
    open_year = 2010 + math.log(v("open_index") / 100) / math.log(1 + v("open_index_cagr") / 100)
    prev_avg = v("index_gain_2010_2022") / 12
    step = v("total_index") - v("index_2022")
    industrial = 100 * ((v("industrial_index_2022") / 100) ** (1 / 12) - 1)
    trillion_per_yi = FACTOR["万亿元"] / FACTOR["亿元"]
    gdp_share = 100 * v("zone_gdp") * trillion_per_yi / v("national_gdp_2024")
    gdp_range = tuple(100 * x * trillion_per_yi / v("national_gdp_2024") for x in (19.25, 19.35))
    va_share = 100 * v("zone_industrial_va") * trillion_per_yi / v("national_industrial_va_2024")
    # 约9.8 stands for 9.75 to 9.85: the share it allows
    va_range = tuple(100 * x * trillion_per_yi / v("national_industrial_va_2024") for x in (9.75, 9.85))
    national_rd_2023 = v("national_rd_2024") / (1 + v("national_rd_growth_2024") / 100)
    rd_share = 100 * v("firm_rd_spending") * trillion_per_yi / national_rd_2023
    rd_range = tuple(100 * x * trillion_per_yi / national_rd_2023 for x in (1.15, 1.25))  # 约1.2
    gap = v("hightech_mfg_share") - v("national_hightech_mfg_share_2023")
    # The narrower base: the R&D of the nation's firms in 2023 = NBS total × firms' share (77.7 is 77.65 to 77.75).
    business = v("national_rd_2023") * v("national_business_rd_share_2023") / 100
    business_range = tuple(v("national_rd_2023") * s / 100 for s in (77.75, 77.65))
    rd_business = 100 * v("firm_rd_spending") * trillion_per_yi / business
    rd_business_range = tuple(100 * x * trillion_per_yi / b for x, b in zip((1.15, 1.25), business_range))
    # The 2023 level the article's 2024 GDP and growth imply, over 2022's reported level (17.3 is 17.25 to 17.35).
    growth_2023 = 100 * (v("zone_gdp") / (1 + v("zone_gdp_growth") / 100) / v("zone_gdp_2022") - 1)
    growth_2023_range = (100 * (19.25 / 1.0765 / 17.35 - 1), 100 * (19.35 / 1.0755 / 17.25 - 1))
    return {
        "zone_gdp_2023_growth": (growth_2023, overlap((7.105, 7.115), growth_2023_range)),
        "index_avg_gain": (gain, abs(gain - 31) <= 0.5),
        "index_data_year": (data_year, abs(data_year - 2023) <= 0.5),
        "open_cagr": (open_cagr, abs(open_cagr - 16.1) <= 0.05),
        "open_data_year": (open_year, abs(open_year - 2023) <= 0.5),
        "index_2022_avg_gain": (prev_avg, abs(prev_avg - 27.8) <= 0.05),
        "index_2023_gain": (step, overlap((30.5, 31.5), (step - 0.1, step + 0.1))),
        "industrial_cagr_vs_2022": (industrial, overlap((11.35, 11.45), (industrial - 0.01, industrial + 0.01))),
        "gdp_level_context": (v("zone_gdp"), v("zone_gdp") == v("zone_gdp_2024")),
        "gdp_share": (gdp_share, overlap((14.25, 14.35), gdp_range)),
        "industrial_va_share": (va_share, overlap((24.05, 24.15), va_range)),
        "firm_rd_share": (rd_share, overlap((45, 55), rd_range)),
        "firm_rd_share_business": (rd_business, overlap((45, 55), rd_business_range)),
        # 近一半 (nearly half) stands for 40 to 50, as 近10倍 stands for 9 to 10
        "firm_rd_share_2023_edition": (v("firm_rd_share_business_2022"), overlap((45, 55), (40, 50))),
        "hightech_mfg_gap": (gap, overlap((20.55, 20.65), (36.25 - 15.75, 36.35 - 15.65))),
    }


def test_every_claim_is_recomputed_independently(claims):
    expected = expected_claims()
    assert set(claims.index) == set(expected)
    for claim, (value, agrees) in expected.items():
        assert claims.loc[claim, "recomputed"] == pytest.approx(value, rel=1e-9), claim
        assert bool(claims.loc[claim, "agrees"]) is agrees, claim


def test_the_findings_are_the_expected_ones(claims):
    # Hand-checked: the 2024 edition's arithmetic holds; the series breaks between editions;
    # the R&D share of 50% does not follow from total R&D; the industrial share agrees only within 约.
    assert sorted(claims.index[~claims.agrees]) == ["firm_rd_share", "index_2023_gain", "industrial_cagr_vs_2022",
                                                    "zone_gdp_2023_growth"]
    assert round(claims.loc["zone_gdp_2023_growth", "recomputed"], 1) == 3.7
    assert round(claims.loc["index_avg_gain", "recomputed"], 1) == 31.2
    assert round(claims.loc["index_data_year", "recomputed"]) == 2023
    assert round(claims.loc["industrial_va_share", "recomputed"], 2) == 24.17
    assert not math.isclose(claims.loc["industrial_va_share", "recomputed"], 24.1, abs_tol=0.05)


def test_each_claim_names_real_inputs_and_says_why(claims):
    known = set(FIG) | set(CTX)
    for claim, row in claims.iterrows():
        assert set(row.inputs.split(", ")) <= known, claim
        assert row.finding and row.how and row.as_written, claim
        assert row.recomputed_low <= row.recomputed <= row.recomputed_high, claim


def test_every_capacity_figure_is_checked_or_says_why_not(claims):
    coverage = audit.coverage(load("figures"), claims.reset_index())
    assert len(coverage) == sum(r["theme"] == "innovation_capacity" for r in FIG.values())
    assert ((coverage.checked_by != "") ^ (coverage.why_not != "")).all()
    assert set(audit.NOT_RECOMPUTABLE) <= set(FIG)


# The article's own arithmetic: the claims whose every figure is one of the article's, by hand.
OWN = {"index_avg_gain": ("total_index_annual_gain", "total_index", "total_index_2010"),
       "index_data_year": ("total_index", "total_index_2010", "total_index_annual_gain"),
       "open_cagr": ("open_index_cagr", "open_index"),
       "open_data_year": ("open_index", "open_index_cagr")}


def test_the_audit_has_two_parts_reported_on_their_own(claims):
    """The article's own arithmetic (its figures against each other) apart from the book's comparisons
    with other sources, so that no disagreement of a comparison is charged to the article."""
    assert all(ref in FIG for refs in OWN.values() for ref in refs)
    assert set(claims.index[claims.part == "own"]) == set(OWN)
    for claim, row in claims[claims.part == "sources"].iterrows():  # each brings in another source
        assert any(ref in CTX and ref not in FIG for ref in row.inputs.split(", ")), claim
    assert claims.loc[list(OWN), "agrees"].all()  # the article's own arithmetic holds
    quote = claims[claims.statement == "firm_rd_spending_share"]
    assert len(quote) == 3 and set(quote.part) == {"sources"}
    assert set(claims.index[claims.part == "sources"]) == {c for rows in ARTICLE.values() for c in rows} | BOOK
    assert set(claims.index[(claims.whose != "article") & (claims.part == "sources")]) == BOOK
    assert set(claims.whose[["index_data_year", "open_data_year"]]) == {"book_reading"}  # not the article's


# The article's own arithmetic counts relations: one relation solved for a stated figure and for the year.
RELATIONS = {"index_gain": ("index_avg_gain", "index_data_year"), "open_growth": ("open_cagr", "open_data_year")}
# The article's statements set against other sources (each counted once, however many bases) ...
ARTICLE = {"zone_gdp": ("gdp_level_context",), "zone_industrial_va_share": ("industrial_va_share",),
           "firm_rd_spending_share": ("firm_rd_share", "firm_rd_share_business", "firm_rd_share_2023_edition"),
           "hightech_mfg_gap": ("hightech_mfg_gap",), "industrial_index_cagr": ("industrial_cagr_vs_2022",)}
# ... apart from the book's checks of other sources' figures: the 2023 edition's own arithmetic, the
# book's chain test, MIIT's share and MIIT's growth for January–September 2023.
BOOK = {"index_2022_avg_gain", "index_2023_gain", "gdp_share", "zone_gdp_2023_growth"}


def test_the_audit_counts_relations_and_statements_by_hand(claims):
    """The counts the landing page and the audit print, from the independent recomputation."""
    agrees = {claim: ok for claim, (_, ok) in expected_claims().items()}
    assert set(RELATIONS) == {audit.RELATION[c] for c in OWN} and {c for r in RELATIONS.values() for c in r} == set(OWN)
    own = [all(agrees[c] for c in rows) for rows in RELATIONS.values()]
    fits = [[agrees[c] for c in rows] for rows in ARTICLE.values()]
    every, some = sum(all(f) for f in fits), sum(any(f) and not all(f) for f in fits)
    book = [agrees[c] for c in BOOK]
    expected = {"n_own": len(own), "n_own_agree": sum(own), "n_own_disagree": len(own) - sum(own),
                "n_compared": len(fits), "n_fit": every, "n_fit_some": some,
                "n_fit_none": len(fits) - every - some,
                "n_checks": len(book), "n_checks_fit": sum(book), "n_checks_none": len(book) - sum(book)}
    assert audit.parts(claims.reset_index()) == expected
    # By hand: 2 relations, both agree; of the article's 5 statements 3 fit, the quote fits some bases
    # and not others, the industrial growth rate does not fit the 2023 edition; the book's 4 checks: 2 and 2.
    assert expected == {"n_own": 2, "n_own_agree": 2, "n_own_disagree": 0, "n_compared": 5, "n_fit": 3,
                        "n_fit_some": 1, "n_fit_none": 1, "n_checks": 4, "n_checks_fit": 2, "n_checks_none": 2}


def test_the_data_year_is_the_books_reading_not_the_articles(claims):
    """The article never states 2023: the stated cell of a year row says so, in both editions."""
    for claim in ("index_data_year", "open_data_year"):
        written = claims.loc[claim, "as_written"]
        assert not any(ch.isdigit() for ch in written) and "not stated" in written, claim
    with open(DATA / "labels.csv", encoding="utf-8", newline="") as f:
        zh = {r["id"]: r["zh"] for r in csv.DictReader(f)}
    assert zh["audit_year_not_stated"] == "—（本书的推断，报道未写明）"


def test_the_high_tech_manufacturing_label_names_both_denominators():
    """The zones' bar is a share of manufacturing, the nation's of above-scale industry."""
    with open(DATA / "labels.csv", encoding="utf-8", newline="") as f:
        row = next(r for r in csv.DictReader(f) if r["id"] == "panel_hightech_mfg")
    assert "of manufacturing" in row["en"] and "of above-scale industry" in row["en"]
    assert "高新区占制造业" in row["zh"] and "全国占规模以上工业" in row["zh"] and "占工业增加值" not in row["zh"]


def test_the_years_table_counts_every_figure_of_the_article():
    """A figure whose year is not stated is counted as such, not dropped (Table 5.3)."""
    years = audit.figure_years(load("figures"))
    assert years.figures.sum() == len(FIG)
    not_stated = sum(r["year"] == "" for r in FIG.values())
    assert not_stated == 8 and years[years.year == "not stated"].figures.sum() == not_stated


def test_the_landing_page_charges_the_article_only_with_its_own_arithmetic():
    root = DATA.parent
    landing = (root / "chapters" / "index.md").read_text(encoding="utf-8")
    assert "mostly holds" not in landing and "n_disagree" not in landing
    assert "{glue:text}`n_own`" in landing and "{glue:text}`n_fit_none`" in landing
    catalogue = (root / "locale" / "zh_CN" / "LC_MESSAGES" / "chapters" / "index.po").read_text(encoding="utf-8")
    assert "大体成立" not in catalogue and "index.md::n_own:s" in catalogue


@pytest.mark.parametrize("value, approximation, expected", [
    (31, "exact", (30.5, 31.5)), (24.1, "exact", (24.05, 24.15)), (50, "about", (45, 55)),
    (9.8, "about", (9.75, 9.85)), (1600, "more_than", (1600, 1700)), (3.5, "more_than", (3.5, 3.6)),
    (10, "nearly", (9, 10)), (100, "exact", (99.5, 100.5)),
])
def test_rounding_interval_is_read_from_the_writing(value, approximation, expected):
    assert audit.interval(value, approximation) == pytest.approx(expected)


def test_derived_values(derived):
    years = 2023 - 2010
    assert derived.loc["rd_resources_level", "value"] == pytest.approx(100 * 1.10 ** years)
    assert derived.loc["innovation_ecosystem_level", "value"] == pytest.approx(100 * 1.20 ** years)
    assert derived.loc["industrial_performance_level", "value"] == pytest.approx(100 * 1.114 ** years)
    assert derived.loc["total_index_cagr", "value"] == pytest.approx(100 * (5.057 ** (1 / years) - 1))
    assert derived.loc["hightech_enterprises_count", "value"] == pytest.approx(0.33 * 46.3e4)
    assert derived.loc["little_giants_count", "value"] == pytest.approx(0.46 * 1.46e4)
    assert derived.loc["national_hightech_mfg_share", "value"] == pytest.approx(36.3 - 20.6)
    assert derived.loc["new_firms_2010", "value"] == pytest.approx(100e4 / 20.2)
    assert derived.loc["overseas_rd_institutions_cagr", "value"] == pytest.approx(100 * (15.8 ** (1 / 13) - 1))
    assert derived.loc["zone_gdp_2023", "value"] == pytest.approx(19.3 / 1.076)
    # Were 约1.2万亿元 a figure for 2024, it would be about 43% of business R&D: outside 45 to 55.
    share_2024 = 100 * v("firm_rd_spending") * 1e4 / (v("national_rd_2024") * v("national_business_rd_share_2023") / 100)
    assert derived.loc["firm_rd_share_business_2024", "value"] == pytest.approx(share_2024)
    assert round(share_2024) == 43 and derived.loc["firm_rd_share_business_2024", "high"] < 45
    assert (derived.low <= derived.value).all() and (derived.value <= derived.high).all()


def test_readable_tables_show_every_row(claims, derived):
    shown = audit.readable(claims.reset_index())
    assert len(shown) == len(claims) and set(shown.agrees) == {"yes", "NO"}
    assert shown.recomputed.iloc[0].startswith("31.2 (") and shown.recomputed.iloc[0].endswith(" points a year")
    year_row = shown[shown.claim.str.contains("refers to")].iloc[0]
    assert "," not in year_row.recomputed  # years are not written 2,023
    assert len(audit.readable_derived(derived.reset_index())) == len(derived)
