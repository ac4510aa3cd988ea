"""What the chart renderer and the Sphinx extension must agree on; light, so the book build can import it cheaply."""

VL_VERSION = "6.4"  # the Vega-Lite version of the pinned Altair; the shipped bundle matches it
BOOK_ENV = "HIGHTECH_ZONES_BOOK"  # set by the Sphinx extension while the book executes
# In the book, a chart's output carries its bare spec beside the HTML: pdf_charts.py draws it for print.
SPEC_MIME = "application/vnd.vegalite.v6+json"
PNG_SCALE = 3  # sharp in print at the PDF's text width


def png(spec: dict) -> bytes:
    """The chart as a PNG, drawn by vl-convert: for print, and beside a live notebook's chart."""
    import vl_convert as vlc  # only what draws pays for it

    return vlc.vegalite_to_png(spec, vl_version=VL_VERSION, scale=PNG_SCALE)

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

# JupyterLab 4 draws Vega-Lite up to 5 itself, offline, with the Vega-Lite 5.6.1 it ships:
# tests/test_lab_vegalite.py reads that version from JupyterLab and checks every chart under it.
LAB_MIME = "application/vnd.vegalite.v5+json"
LAB_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.6.1.json"


def lab_spec(spec: dict) -> dict:
    """A chart's spec for JupyterLab: unchanged but for a v5 ``$schema`` (vega-embed warns on another major)."""
    return {**spec, "$schema": LAB_SCHEMA}


def lab_output(spec: dict, image: str | None) -> tuple[dict, dict]:
    """The bundle and metadata that JupyterLab draws a chart from: Vega-Lite 5, and the PNG beside it
    (base64) where there is one.

    No ``text/html``: JupyterLab would show it instead. Drawn as SVG and without vega-embed's
    menu of actions, as in the book (one of them opens an outside site).
    """
    bundle = {LAB_MIME: lab_spec(spec)} | ({"image/png": image} if image else {})
    return (bundle,
            {LAB_MIME: {"embed_options": {"renderer": "svg", "actions": False}}})
