"""How the book's charts look in each of the page's themes: fonts, ink, paper and rules.

Light (no Altair, no pandas), so the Sphinx build can import it to ship each theme's config
to the page's script; ``charts.py`` makes the light one Altair's theme.
"""

# The Chinese web font the book ships (a subset of Noto Sans CJK SC, see fonts.py), first in every
# font list; the system's CJK fonts follow for a live notebook and for vl-convert's PNGs.
WEB_FONT = "HZ Noto Sans SC"
FONT = f"{WEB_FONT}, Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif"

# The colours a chart takes from the page's theme: paper, ink and rules. Data colours (the
# palette in charts.py) are the same in both themes. The HTML book swaps the chart's config at
# embed time from the page's data-theme; print and notebooks use the light one.
THEMES = {
    "light": {"paper": "white", "ink": "#333", "muted": "#555", "grid": "#e6e6e6", "rule": "#888",
              "range": "#333"},
    "dark": {"paper": "#14181e", "ink": "#e6e6e6", "muted": "#b4b9c0", "grid": "#3a3f46", "rule": "#8a9099",
             "range": "#e6e6e6"},
}


def chart_config(theme: str = "light") -> dict:
    """The Vega-Lite config of the book's charts in one theme: fonts, ink, grid, and named mark styles.

    Marks never name a theme colour themselves: they take it from a style here (``muted``
    text, ``tile`` gaps, ``range`` rules), so swapping the config re-colours every chart.
    """
    c = THEMES[theme]
    label = {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 11, "titleFontSize": 12,
             "titleFontWeight": "normal", "titleColor": c["ink"], "labelColor": c["ink"]}
    return {
        "background": c["paper"],
        "font": FONT,
        "axis": {**label, "gridColor": c["grid"], "domainColor": c["rule"], "tickColor": c["rule"]},
        "legend": {**label},
        "header": {**label},
        "text": {"font": FONT, "fontSize": 11, "color": c["ink"]},
        "title": {"font": FONT, "fontSize": 13, "subtitleFont": FONT, "subtitleFontSize": 11,
                  "color": c["muted"], "subtitleColor": c["muted"]},  # titles are source notes
        "style": {"muted": {"color": c["muted"]}, "tile": {"stroke": c["paper"]},
                  "range": {"color": c["range"]}, "note": {"color": c["muted"]}},
    }
