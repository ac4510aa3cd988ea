"""Chart text a reader can read (issue 26, item 6): no text under 11 px on screen at 1280 px, nor
under 7 pt in the PDF.

The sizes are read from the charts' Vega-Lite specs: the theme's config (axes, legends, headers,
titles, text marks), every size a builder sets on a mark or a title, and the source note. The
specs are read from the built chapters (both editions); the theme's and the note's sizes need no
build. A spec's size is what the screen shows only if the page does not shrink the chart to fit its
column: the browser test measures that, at 1280 px, in Chromium.

Shared by tests/unit/test_chart_text.py, tests/book/test_chart_text_built.py, tests/e2e/test_chart_text_e2e.py.
"""
from __future__ import annotations

import json

THEMES = ["innovation_capacity", "new_tracks", "policy_measures", "case_studies"]
SCREEN_PX, PRINT_PT = 11, 7
SIZE_KEYS = {"fontSize", "labelFontSize", "titleFontSize", "subtitleFontSize"}
# Config blocks whose text a chart shows, each needing its size said (Vega-Lite's defaults are 10 or 11 px).
CONFIG_SIZES = {"axis": ["labelFontSize", "titleFontSize"], "legend": ["labelFontSize", "titleFontSize"],
                "header": ["labelFontSize", "titleFontSize"], "title": ["fontSize", "subtitleFontSize"],
                "text": ["fontSize"]}


def sizes(spec, path="") -> list[tuple[str, float]]:
    """Every font size a spec sets, with where it is (``config.axis.labelFontSize``, ``layer.1.mark.fontSize``)."""
    found = []
    if isinstance(spec, dict):
        for key, value in spec.items():
            where = f"{path}.{key}" if path else key
            if key in SIZE_KEYS and isinstance(value, (int, float)):
                found.append((where, value))
            else:
                found += sizes(value, where)
    elif isinstance(spec, list):
        for i, value in enumerate(spec):
            found += sizes(value, f"{path}.{i}")
    return found


def too_small(spec, page_config: dict | None = None) -> list[tuple[str, float]]:
    """Sizes under 11 px, and config blocks that leave a size unsaid. ``page_config``: the theme's
    config that the HTML book's script lays under a spec's own when it draws the chart (the
    spec a page embeds carries only what differs from it)."""
    config = {block: {**(page_config or {}).get(block, {}), **keys} if isinstance(keys, dict) else keys
              for block, keys in {**(page_config or {}), **spec.get("config", {})}.items()}
    unsaid = [(f"config.{block}.{key}", 0) for block, keys in CONFIG_SIZES.items() for key in keys
              if key not in config.get(block, {})]
    return unsaid + [(where, size) for where, size in sizes(spec) if size < SCREEN_PX]


def specs(page_html: str) -> list[dict]:
    """The Vega-Lite specs a built page embeds (``var spec={...}``)."""
    decoder, found, at = json.JSONDecoder(), [], 0
    while (at := page_html.find("var spec=", at)) != -1:
        spec, end = decoder.raw_decode(page_html, at + len("var spec="))
        found.append(spec)
        at = end
    return found


COLOUR_KEYS = {"color", "fill", "stroke"}


def colours(node, key=None):
    """Every colour a spec names outside its config: in a mark, an encoding's value or its condition."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "config":
                continue
            inner = k if k in COLOUR_KEYS else (key if key in COLOUR_KEYS and k in ("condition", "value") else k)
            if inner in COLOUR_KEYS and isinstance(v, str):
                yield v
            yield from colours(v, inner)
    elif isinstance(node, list):
        for v in node:
            yield from colours(v, key)
