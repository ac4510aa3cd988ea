"""The chart renderer, tables, downloads and number formatting."""
from __future__ import annotations

import base64
import re

import altair as alt
import pandas as pd

from hightech_zones import charts, fmt
from hightech_zones.export import csv_bytes, download_link
from hightech_zones.tables import table

FRAME = pd.DataFrame({"measure": ["研发人员", "PCT | share"], "value": [25.0, 50.0]})


def decode_link(link: str) -> bytes:
    return base64.b64decode(re.search(r"base64,([^\"]+)", link)[1])


def test_download_link_carries_exactly_the_data():
    assert decode_link(download_link(FRAME, "x.csv")) == csv_bytes(FRAME)
    assert csv_bytes(FRAME).decode("utf-8-sig").splitlines()[1] == "研发人员,25.0"


def test_chart_renders_html_for_the_book_and_png_for_print(monkeypatch):
    monkeypatch.setenv(charts.BOOK_ENV, "1")
    chart = charts.finish(alt.Chart(FRAME).mark_bar().encode(x="value:Q", y="measure:N").properties(
        description="Bars of two test values."), source="test source", filename="test.csv")
    bundle = chart._repr_mimebundle_()[0] if isinstance(chart._repr_mimebundle_(), tuple) else chart._repr_mimebundle_()
    html = bundle["text/html"]
    assert "hzChart" in html and 'download="test.csv"' in html and "Source: test source" in html
    assert "</script" not in html.split("<script", 1)[1].split("</script>")[0]
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")


def test_chart_in_a_notebook_is_a_vegalite_5_bundle_for_jupyterlab(monkeypatch):
    """A live kernel gets what JupyterLab 4 draws itself (Vega-Lite 5) and a PNG, and no HTML,
    which JupyterLab would prefer; the book's own output is unchanged."""
    points = alt.Chart(FRAME).mark_point().encode(x="value:Q")
    spec = charts.finish(points.properties(description="Two test points."), source="s",
                         filename="points.csv").to_dict()
    monkeypatch.delenv(charts.BOOK_ENV, raising=False)
    bundle, metadata = charts.render(spec)
    assert set(bundle) == {"application/vnd.vegalite.v5+json", "image/png"}
    lab = bundle["application/vnd.vegalite.v5+json"]
    assert lab["$schema"] == "https://vega.github.io/schema/vega-lite/v5.6.1.json"
    assert {k: v for k, v in lab.items() if k != "$schema"} == {k: v for k, v in spec.items() if k != "$schema"}
    assert metadata["application/vnd.vegalite.v5+json"]["embed_options"] == {"renderer": "svg", "actions": False}
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    assert decode_link(charts.data_link(spec)) == csv_bytes(FRAME)
    monkeypatch.setenv(charts.BOOK_ENV, "1")
    book = charts.render(spec)
    assert set(book) == {"text/html", "image/png"} and book["image/png"] == bundle["image/png"]
    assert charts.data_link(spec) in book["text/html"]


def test_the_spec_reads_back_from_the_books_embed():
    """The downloaded notebook's charts come from the book's HTML embed (sphinx_ext.embedded_spec)."""
    from hightech_zones.sphinx_ext import embedded_spec

    bars = alt.Chart(FRAME.assign(note=["</script><b>&amp;", "引号“”"])).mark_bar().encode(
        x="value:Q", y="measure:N", tooltip=["note:N"]).properties(description="Two test bars.")
    spec = charts.finish(bars, source="s", filename="f.csv").to_dict()
    assert embedded_spec(charts._embed(spec, "hz-chart-x")) == spec
    assert embedded_spec("<table></table>") is None


def test_table_offers_html_markdown_and_a_download():
    t = table(FRAME.assign(year=pd.array([2023, None], dtype="Int64")), "t.csv")
    bundle = t._repr_mimebundle_()
    assert "<table" in bundle["text/html"] and 'download="t.csv"' in bundle["text/html"]
    assert "<NA>" not in bundle["text/html"]
    assert "PCT \\| share" in bundle["text/markdown"]


def test_number_formatting():
    assert fmt.number(7130.0) == "7,130" and fmt.number(505.7) == "505.7" and fmt.number(31.19, 1) == "31.2"
    assert fmt.percent(24.1) == "24.1%"
    assert fmt.close(31.19, 31, 0) and not fmt.close(24.2, 24.1, 1)
