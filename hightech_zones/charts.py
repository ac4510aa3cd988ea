"""How the book's charts look and how they are rendered: the one place that decides both.

Chapters say what to plot; :func:`finish` adds the source note and names the
data download, and the ``hightech_zones`` renderer turns every chart into

* ``text/html`` for the HTML book: the Vega-Lite spec, embedded with the
  ``vegaEmbed`` script that the Sphinx extension ships with the book (no CDN);
  in a live notebook, the static image instead, since no script is shipped there;
* ``image/png`` for the PDF, drawn by vl-convert.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import os

import altair as alt
import pandas as pd
import vl_convert as vlc

from .export import download_link
from .rendering import BOOK_ENV, VL_VERSION
FONT = "Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
WIDTH, HEIGHT = 560, 280
PNG_SCALE = 3  # sharp in print at the PDF's text width

# One palette: the zones in blue, the nation in grey, derived values in orange.
ZONES, NATION, DERIVED, ACCENT = "#1f5fa8", "#9aa3ad", "#e07b28", "#2a9d8f"
CATEGORY = [ZONES, ACCENT, DERIVED, "#7b4ea3", "#c0392b", "#8c6d31", NATION]


@alt.theme.register("hightech_zones", enable=True)
def theme() -> alt.theme.ThemeConfig:
    label = {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 11, "titleFontSize": 12,
             "titleFontWeight": "normal", "titleColor": "#333", "labelColor": "#333"}
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": WIDTH, "continuousHeight": HEIGHT, "stroke": None},
            "axis": {**label, "gridColor": "#e6e6e6", "domainColor": "#888", "tickColor": "#888"},
            "legend": {**label, "orient": "top", "direction": "horizontal"},
            "header": {**label},
            "range": {"category": CATEGORY},
            "bar": {"color": ZONES},
            "line": {"color": ZONES, "strokeWidth": 2},
            "point": {"color": ZONES, "filled": True, "size": 60},
            "text": {"font": FONT, "fontSize": 11, "color": "#333"},
            "title": {"font": FONT, "fontSize": 13, "subtitleFont": FONT, "subtitleFontSize": 11},
        }
    }


def highlight_legend(chart: alt.Chart, field: str, *, dim: float = 0.25) -> alt.Chart:
    """Click a legend entry to bring that series forward and fade the others (shift-click adds more).

    The selection is empty until the reader clicks, and an empty selection keeps every mark
    fully opaque, so the static image for print shows all series alike.
    """
    if not isinstance(chart, alt.Chart):
        raise TypeError("highlight_legend takes a single alt.Chart; add it to the layer that has the legend")
    pick = alt.selection_point(fields=[field], bind="legend")
    return chart.add_params(pick).encode(opacity=alt.condition(pick, alt.value(1.0), alt.value(dim)))


def finish(chart: alt.TopLevelMixin, *, source: str, filename: str) -> alt.TopLevelMixin:
    """Add the source note under the chart and name the CSV a reader can download."""
    note = alt.TitleParams(text=f"Source: {source}", orient="bottom", anchor="start", fontSize=10,
                           fontWeight="normal", color="#555", font=FONT, offset=12)
    return chart.properties(title=note, usermeta={"download": filename})


def with_sentences(frame: pd.DataFrame, sentences: pd.DataFrame, key: str = "sentence_id") -> pd.DataFrame:
    """Each row with its source sentence, in Chinese (``text_zh``) and English (``text_en``)."""
    text = sentences[["id", "text_zh", "text_en"]].rename(columns={"id": key})
    return frame.merge(text, on=key, how="left", validate="many_to_one")


def sentence_tooltip(*fields) -> list:
    """A tooltip: the given fields, then the sentence the figure comes from, in Chinese and English."""
    return [*fields, alt.Tooltip("text_zh:N", title="原文"), alt.Tooltip("text_en:N", title="Translation")]


def share_of_whole(frame: pd.DataFrame, *, label: str, share: str, tooltip: list, whole: str = "the nation",
                   part: str = "the zones") -> alt.Chart:
    """Shares as stacked bars against the whole (0 to 100): the part in blue, the rest in grey."""
    rest = f"rest of {whole}"
    return alt.Chart(frame).transform_calculate(rest="100 - datum['" + share + "']").transform_fold(
        [share, "rest"], as_=["part", "percent"]
    ).transform_calculate(
        part=f"datum.part === 'rest' ? '{rest}' : '{part}'", order="datum.part === 'rest' ? 1 : 0"
    ).mark_bar(height=18).encode(
        x=alt.X("percent:Q", title=f"% of {whole}'s total", scale=alt.Scale(domain=[0, 100])),
        y=alt.Y(f"{label}:N", title=None, sort=None, axis=alt.Axis(labelLimit=360)),
        color=alt.Color("part:N", title=None, scale=alt.Scale(domain=[part, rest], range=[ZONES, "#d9dde1"])),
        order=alt.Order("order:Q"),
        tooltip=tooltip,
    )


def _records(spec: dict) -> pd.DataFrame | None:
    """The data behind a chart: its one inline dataset (several are concatenated).

    Layers drawn without data (a rule at 100) carry one empty record, which is left out.
    """
    datasets = list(spec.get("datasets", {}).values())
    if not datasets:
        return None
    return pd.concat([pd.DataFrame(d) for d in datasets], ignore_index=True).dropna(how="all")


def png(spec: dict) -> bytes:
    return vlc.vegalite_to_png(spec, vl_version=VL_VERSION, scale=PNG_SCALE)


def _embed(spec: dict, element_id: str) -> str:
    # No '<' in the script at all: data text cannot close the element ('</script>') or switch the HTML
    # parser into a state where the real closing tag no longer ends it ('<!--<script>').
    payload = json.dumps(spec, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace("<", "\\u003c")
    return (f'<div class="hz-chart" id="{element_id}"></div>\n<script type="text/javascript">'
            f'(function(){{var spec={payload};var el=document.getElementById("{element_id}");'
            'function draw(){window.vegaEmbed(el,spec,{actions:false,renderer:"svg"})'
            '.catch(function(e){el.textContent="This chart could not be drawn: "+e;console.error(e);});}'
            'if(window.vegaEmbed){draw();}else{window.addEventListener("load",draw);}})();</script>')


def render(spec: dict, **_) -> dict:
    """The Altair renderer: HTML for the book (or a static image in a notebook) and a PNG for print."""
    image = png(spec)
    digest = hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:12]
    if os.environ.get(BOOK_ENV):
        body = _embed(spec, f"hz-chart-{digest}")
    else:
        body = f'<img alt="chart" src="data:image/png;base64,{base64.b64encode(image).decode()}" style="max-width:100%">'
    data = _records(spec)
    filename = spec.get("usermeta", {}).get("download", f"chart-{digest}.csv")
    link = download_link(data, filename) if data is not None else ""
    return {"text/html": f'<div class="hz-figure">{body}\n<p class="hz-figure-data">{link}</p></div>',
            "image/png": base64.b64encode(image).decode("ascii")}


alt.renderers.register("hightech_zones", render)
alt.renderers.enable("hightech_zones")
