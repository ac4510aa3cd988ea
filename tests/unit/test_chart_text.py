"""The theme's and the source note's chart text sizes, and the size check itself (tests/chart_text.py)."""
from __future__ import annotations

from chart_text import PRINT_PT, SCREEN_PX, too_small


def test_the_theme_and_the_source_note_are_at_least_11_px():
    from hightech_zones.charts import style, theme

    for name in theme.THEMES:
        assert too_small({"config": theme.chart_config(name)}) == [], name
    assert style.NOTE_SIZE >= SCREEN_PX


def test_a_small_size_anywhere_in_a_spec_is_found():
    """Not blind: a 10 px mark, a 9 px title and a config block with no size are each reported."""
    from hightech_zones.charts import theme

    spec = {"config": theme.chart_config("light"),
            "layer": [{"mark": {"type": "text", "fontSize": 10}}, {"title": {"text": "x", "fontSize": 9}}]}
    assert too_small(spec) == [("layer.0.mark.fontSize", 10), ("layer.1.title.fontSize", 9)]
    del spec["config"]["legend"]["labelFontSize"]
    assert ("config.legend.labelFontSize", 0) in too_small(spec)


def test_charts_print_at_7_pt_or_more():
    """A chart prints at its web width times PRINT_SCALE %, and a CSS pixel is 0.75 pt."""
    from hightech_zones.book.pdf_charts import PRINT_SCALE

    assert SCREEN_PX * PRINT_SCALE / 100 * 0.75 >= PRINT_PT


