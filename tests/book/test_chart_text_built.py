"""Chart text a reader can read (issue 26, item 6): no text under 11 px on screen at 1280 px, nor
under 7 pt in the PDF.

The sizes are read from the charts' Vega-Lite specs: the theme's config (axes, legends, headers,
titles, text marks), every size a builder sets on a mark or a title, and the source note. The
specs are read from the built chapters (both editions); the theme's and the note's sizes need no
build. A spec's size is what the screen shows only if the page does not shrink the chart to fit its
column: the browser test measures that, at 1280 px, in Chromium.
"""
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


