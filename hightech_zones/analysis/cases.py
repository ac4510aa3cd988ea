"""The case-studies chapter's numbers, computed from ``data/``: each carries the id of the figure
it shows (``provenance.sourced``), and the headline figures come from ``findings.headlines``, so
they read as on every page. The chapter glues them in one removed cell; the profiles themselves
are ``profiles.py``'s.
"""
from __future__ import annotations

from hightech_zones.analysis.findings import headlines
from hightech_zones.analysis.provenance import sourced
from hightech_zones.data.loader import load
from hightech_zones.words.labels import own
from hightech_zones.words.prose import citation, value_text

# Figures the prose writes in words (value_text), by the key it glues them under.
IN_WORDS = {"wuhan_growth": "wuhan_gdp_growth", "wuhan_cluster": "wuhan_cluster_scale",
            "wuhan_bandwidth": "wuhan_modulator_bandwidth", "wuhan_speedup": "wuhan_modulator_speedup",
            "chengdu_cluster": "chengdu_digital_culture_cluster"}


def numbers() -> dict[str, str]:
    """Every number and note the chapter's prose glues, by key."""
    found = headlines()
    figures, units = load("figures").set_index("id"), load("units")
    sentences = load("sentences").set_index("id")
    highlights = load("zone_highlights")
    studios = highlights[(highlights["zone_id"] == "chengdu") & (highlights["kind"] == "film_studio")]
    wafer = value_text(figures.loc["wuhan_wafer_size"], units)
    return {
        "n_zones": found["n_cases"], "source_article": citation("people_daily_2025"),
        "wuhan_revenue": found["wuhan_revenue"], "chengdu_firms": found["chengdu_firms"],
        **{key: sourced(value_text(figures.loc[ref], units), ref) for key, ref in IN_WORDS.items()},
        # An adjective in English: an 8-inch wafer.
        "wuhan_wafer": sourced(wafer.replace(" inches", "-inch"), "wuhan_wafer_size"),
        "wuhan_revenue_zh": sourced(figures.loc["wuhan_optoelectronics_revenue", "value_as_written"],
                                    "wuhan_optoelectronics_revenue"),
        # The article's 提升3至4倍 may mean 3-4 times as high or higher by 3-4 times: the prose quotes it.
        "wuhan_speedup_zh": sourced(figures.loc["wuhan_modulator_speedup", "value_as_written"],
                                    "wuhan_modulator_speedup"),
        "oled_note": sentences.loc["wuhan_oled", own("note")],
        "n_studios": str(len(studios)),
    }
