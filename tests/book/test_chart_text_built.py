"""No chart text under 11 px in the built chapters' specs, both editions (tests/chart_text.py)."""
from __future__ import annotations

import pytest
from chart_text import THEMES, specs, too_small


@pytest.mark.parametrize("edition", ["", "zh_CN/"], ids=["en", "zh_CN"])
@pytest.mark.parametrize("stem", THEMES)
def test_no_chart_text_under_11_px_in_the_specs(built_html, stem, edition):
    page = (built_html / f"{edition}chapters/{stem}.html").read_text(encoding="utf-8")
    charts = specs(page)
    assert charts, "no chart specs found"
    from hightech_zones.charts.theme import chart_config

    for spec in charts:
        for theme in ("light", "dark"):
            assert too_small(spec, chart_config(theme)) == [], spec.get("description", "")[:80]


