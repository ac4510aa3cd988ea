"""What a chart's output carries, wherever it is shown: the one place that decides it.

:func:`render` is the Altair renderer (``charts.py`` registers it). It turns every chart into

* for the HTML book only, ``text/html``: the Vega-Lite spec, embedded with the
  ``vegaEmbed`` script that the Sphinx extension ships with the book (no CDN), and the link
  that downloads the chart's data;
* beside it, its bare spec (:data:`SPEC_MIME`), which the PDF build draws as a PNG
  (``pdf_charts.py``): the HTML build never pays for drawing;
* in a live notebook, instead of both, ``application/vnd.vegalite.v5+json``
  (:func:`lab_output`): JupyterLab's built-in renderer draws it offline, with the
  Vega-Lite 5.6.1 it ships, and would prefer any ``text/html`` to it. The data download
  link is then an output of its own (``glue.py``); the Sphinx extension turns the book's
  outputs into these for the notebook a reader downloads.
  ``tests/unit/test_lab_vegalite.py`` checks every chart of the book under 5.6.1.

Light at import (pandas and vl-convert are imported where they are used), so the Sphinx build
and the PDF's chart drawing can import it cheaply.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
from typing import TYPE_CHECKING

from hightech_zones.language import is_chinese
from hightech_zones.words import fmt

if TYPE_CHECKING:
    import pandas as pd

VL_VERSION = "6.4"  # the Vega-Lite version of the pinned Altair; the shipped bundle matches it
BOOK_ENV = "HIGHTECH_ZONES_BOOK"  # set by the Sphinx extension while the book executes
# In the book, a chart's output carries its bare spec beside the HTML: pdf_charts.py draws it for print.
SPEC_MIME = "application/vnd.vegalite.v6+json"
PNG_SCALE = 3  # sharp in print at the PDF's text width


def png(spec: dict) -> bytes:
    """The chart as a PNG, drawn by vl-convert: for print, and beside a live notebook's chart."""
    import vl_convert as vlc  # only what draws pays for it

    return vlc.vegalite_to_png(spec, vl_version=VL_VERSION, scale=PNG_SCALE)


# JupyterLab 4 draws Vega-Lite up to 5 itself, offline, with the Vega-Lite 5.6.1 it ships:
# tests/unit/test_lab_vegalite.py reads that version from JupyterLab and checks every chart under it.
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


def _records(spec: dict) -> pd.DataFrame | None:
    """The data behind a chart: its one inline dataset (several are concatenated).

    Layers drawn without data (a rule at 100) carry one empty record, which is left out.
    """
    datasets = list(spec.get("datasets", {}).values())
    if not datasets:
        return None
    import pandas as pd  # only a chart's data needs it, not the Sphinx build

    return pd.concat([pd.DataFrame(d) for d in datasets], ignore_index=True).dropna(how="all")


def _page_spec(spec: dict) -> dict:
    """The spec as the HTML page carries it: without the parts of its config that the page's theme
    supplies (``window.hzChartThemes``, which hightech_zones.js merges into every chart): the same
    2 KB in each chart made the heaviest page weigh over 200 KB."""
    from hightech_zones.charts.theme import chart_config

    theme = chart_config("light")
    config = {key: value for key, value in spec.get("config", {}).items() if theme.get(key) != value}
    page = {key: value for key, value in spec.items() if key != "config"}
    return {**page, "config": config} if config else page


def _embed(spec: dict, element_id: str) -> str:
    spec = _page_spec(spec)
    # No '<' in the script at all: data text cannot close the element ('</script>') or switch the HTML
    # parser into a state where the real closing tag no longer ends it ('<!--<script>').
    payload = json.dumps(spec, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace("<", "\\u003c")
    return (f'<div class="hz-chart" id="{element_id}"></div>\n<script type="text/javascript">'
            f'(function(){{var spec={payload};var el=document.getElementById("{element_id}");'
            # hzChart (static/hightech_zones.js) draws after the fonts load, in the page's theme.
            'function draw(){window.hzChart(el,spec);}'
            'if(window.hzChart){draw();}else{window.addEventListener("load",draw);}})();</script>')


def data_link(spec: dict) -> str:
    """The link that downloads exactly the data behind a chart, as CSV; '' if it has no data."""
    from hightech_zones.output.export import download_link  # imports pandas: see _records

    data = _records(spec)
    filename = spec.get("usermeta", {}).get("download", f"chart-{_digest(spec)}.csv")
    return download_link(data, filename) if data is not None else ""


def _digest(spec: dict) -> str:
    return hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:12]


_CODE_KEYS = {"datasets", "data", "expr", "calculate", "filter", "test", "field", "format", "$schema", "name"}


def _chinese_text(node, key: str = ""):
    """A chart's titles, descriptions and notes with full-width marks (fmt.fullwidth); its data and
    expressions as they are, so both editions draw the same data."""
    if key in _CODE_KEYS:
        return node
    if isinstance(node, dict):
        return {k: _chinese_text(v, k) for k, v in node.items()}
    if isinstance(node, list):
        return [_chinese_text(v, key) for v in node]
    return fmt.fullwidth(node) if isinstance(node, str) else node


def render(spec: dict, **_) -> dict | tuple[dict, dict]:
    """The Altair renderer: for the book, the HTML embed and the spec; in a live kernel, what JupyterLab
    draws. A Chinese chart reads alike in both."""
    if is_chinese():
        # Chinese numbers carry no thousands separator, on axes and in tooltips too: Vega's default
        # number format groups digits (1,200); this one does not (1200, 12.5, 1349084).
        spec = _chinese_text(spec)
        spec["config"] = {**spec.get("config", {}), "numberFormat": ".12~g"}
    if not os.environ.get(BOOK_ENV):
        return lab_output(spec, base64.b64encode(png(spec)).decode("ascii"))
    body = _embed(spec, f"hz-chart-{_digest(spec)}")
    return {"text/html": f'<div class="hz-figure">{body}\n<p class="hz-figure-data">{data_link(spec)}</p></div>',
            SPEC_MIME: spec}
