"""The chart renderer, tables, downloads and number formatting."""
from __future__ import annotations

import base64
import io
import json
import re

import altair as alt
import pandas as pd

from hightech_zones.charts import style as charts
from hightech_zones.output import bundles as outputs
from hightech_zones.output.bundles import SPEC_MIME
from hightech_zones.output.export import csv_bytes, download_link, safe_cell
from hightech_zones.output.tables import table
from hightech_zones.words import fmt

FRAME = pd.DataFrame({"measure": ["研发人员", "PCT | share"], "value": [25.0, 50.0]})


def decode_link(link: str) -> bytes:
    return base64.b64decode(re.search(r"base64,([^\"]+)", link)[1])


def test_download_link_carries_exactly_the_data():
    assert decode_link(download_link(FRAME, "x.csv")) == csv_bytes(FRAME)
    assert csv_bytes(FRAME).decode("utf-8-sig").splitlines()[1] == "研发人员,25.0"


def test_chart_renders_html_for_the_book_and_its_spec_for_print(monkeypatch):
    monkeypatch.setenv(outputs.BOOK_ENV, "1")
    chart = charts.finish(alt.Chart(FRAME).mark_bar().encode(x="value:Q", y="measure:N").properties(
        description="Bars of two test values."), source="test source", filename="test.csv")
    bundle = chart._repr_mimebundle_()[0] if isinstance(chart._repr_mimebundle_(), tuple) else chart._repr_mimebundle_()
    html = bundle["text/html"]
    assert "hzChart" in html and 'download="test.csv"' in html and "Source: test source" in html
    assert "</script" not in html.split("<script", 1)[1].split("</script>")[0]
    assert bundle[SPEC_MIME] == chart.to_dict() and "image/png" not in bundle  # drawn only for print


def test_chart_in_a_notebook_is_a_vegalite_5_bundle_for_jupyterlab(monkeypatch):
    """A live kernel gets what JupyterLab 4 draws itself (Vega-Lite 5) and a PNG, and no HTML,
    which JupyterLab would prefer; the book's own output is unchanged."""
    points = alt.Chart(FRAME).mark_point().encode(x="value:Q")
    spec = charts.finish(points.properties(description="Two test points."), source="s",
                         filename="points.csv").to_dict()
    monkeypatch.delenv(outputs.BOOK_ENV, raising=False)
    bundle, metadata = outputs.render(spec)
    assert set(bundle) == {"application/vnd.vegalite.v5+json", "image/png"}
    lab = bundle["application/vnd.vegalite.v5+json"]
    assert lab["$schema"] == "https://vega.github.io/schema/vega-lite/v5.6.1.json"
    assert {k: v for k, v in lab.items() if k != "$schema"} == {k: v for k, v in spec.items() if k != "$schema"}
    assert metadata["application/vnd.vegalite.v5+json"]["embed_options"] == {"renderer": "svg", "actions": False}
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    assert decode_link(outputs.data_link(spec)) == csv_bytes(FRAME)
    monkeypatch.setenv(outputs.BOOK_ENV, "1")
    book = outputs.render(spec)
    assert set(book) == {"text/html", SPEC_MIME} and book[SPEC_MIME] == spec
    assert outputs.data_link(spec) in book["text/html"]


def test_table_offers_html_markdown_and_a_download():
    t = table(FRAME.assign(year=pd.array([2023, None], dtype="Int64")), "t.csv")
    bundle = t._repr_mimebundle_()
    assert "<table" in bundle["text/html"] and 'download="t.csv"' in bundle["text/html"]
    assert "<NA>" not in bundle["text/html"]
    assert "PCT \\| share" in bundle["text/markdown"]


def test_a_table_prints_in_short_and_says_so_while_the_web_shows_it_whole():
    frame = pd.DataFrame({"measure": ["a", "b"], "value": [1, 2], "sentence": ["研发人员增加", "long"]})
    t = table(frame, "t.csv", anchors=["row_a", "row_b"], in_print=["measure", "value"])
    html, markdown = t._repr_html_(), t._repr_markdown_()
    assert 'data-hz-print-omits="2"' in html and "研发人员增加" in html  # the web book: every column
    head, _, *rows, _, note = markdown.replace("\\", "").splitlines()  # unescaped
    assert head == "| measure | value |" and "研发人员增加" not in markdown
    assert rows[0].startswith("| {hz-anchor}`row_a`a |")  # the register's rows stay link targets
    assert "2 of the table" in note and "3 columns" in note and "t.csv" in note


def test_a_table_summed_up_in_print_says_how_many_rows_it_stands_for():
    frame = pd.DataFrame({"file": ["a.csv", "a.csv", "b.csv"], "column": ["x", "y", "z"]})
    summary = frame.groupby("file")["column"].agg(", ".join).reset_index()
    t = table(frame, "t.csv", in_print=summary)
    assert 'data-hz-print-omits="all"' in t._repr_html_()
    markdown = t._repr_markdown_().replace("\\", "")
    assert "| a.csv | x, y |" in markdown and "in 2 rows" in markdown and "all 3" in markdown


def test_a_table_in_short_refuses_what_would_break_it():
    import pytest

    frame = pd.DataFrame({"measure": ["a"], "value": [1]})
    with pytest.raises(ValueError, match="no such columns"):
        table(frame, "t.csv", in_print=["measure", "year"])
    with pytest.raises(ValueError, match="anchors"):
        table(frame, "t.csv", anchors=["a"], in_print=frame.head(0))
    assert "data-hz-print-omits" not in table(frame, "t.csv")._repr_html_()


def test_number_formatting():
    assert fmt.number(7130.0) == "7,130" and fmt.number(505.7) == "505.7" and fmt.number(31.19, 1) == "31.2"
    assert fmt.percent(24.1) == "24.1%"
    assert fmt.close(31.19, 31, 0) and not fmt.close(24.2, 24.1, 1)


# Cells a spreadsheet would run (OWASP, "CSV injection"), and text and numbers that must stay as they are.
FORMULAS = ["=1+1", '=HYPERLINK("http://x.test","click")', "+SUM(A1:A2)", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1)", "\t=1+1", "\r=1+1", "-", "--flag"]
KEPT = ["plain", "中文=1", "R&D", "-5", "+2.5", "-12%", "1e5", "'quoted"]


def read_back(payload: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(payload), encoding="utf-8-sig")


def test_a_download_neutralises_formula_cells_and_keeps_numbers():
    n = len(FORMULAS) + len(KEPT)
    frame = pd.DataFrame({"text": FORMULAS + KEPT, "value": [-1.5 * i for i in range(n)],
                          "count": pd.array([-i if i % 3 else None for i in range(n)], dtype="Int64")})
    back = read_back(csv_bytes(frame))
    assert back["text"].tolist() == ["'" + f for f in FORMULAS] + KEPT
    assert back["value"].dtype == "float64" and back["value"].tolist() == frame["value"].tolist()
    assert back["count"].isna().tolist() == frame["count"].isna().tolist()
    assert back["count"].dropna().tolist() == [float(v) for v in frame["count"].dropna()]
    assert safe_cell(-3) == -3 and safe_cell(None) is None


def test_every_download_the_book_offers_is_neutralised(monkeypatch):
    """Tables and charts both offer their data through download_link: check each as a reader gets it."""
    frame = pd.DataFrame({"measure": FORMULAS, "value": [float(-i) for i in range(len(FORMULAS))]})
    monkeypatch.setenv(outputs.BOOK_ENV, "1")
    chart = alt.Chart(frame).mark_bar().encode(x="value:Q", y="measure:N")
    pages = {"table": table(frame, "t.csv")._repr_html_(), "chart": outputs.render(chart.to_dict())["text/html"]}
    for kind, page in pages.items():
        back = read_back(decode_link(page))
        assert back["measure"].tolist() == ["'" + f for f in FORMULAS], kind
        assert back["value"].tolist() == frame["value"].tolist(), kind


def test_chart_data_cannot_break_out_of_its_script():
    """Inside a <script>, '</script>' ends it and '<!--<script>' makes the real end tag not end it."""
    frame = pd.DataFrame({"measure": ["</script><img src=x onerror=alert(1)>", "<!--<script>"], "value": [1.0, 2.0]})
    spec = alt.Chart(frame).mark_bar().encode(x="value:Q", y="measure:N").to_dict()
    page = outputs._embed(spec, "hz-chart-test")
    script = page.split('<script type="text/javascript">', 1)[1]
    assert script.count("<") == 1 and script.endswith("</script>")  # its own end tag, nothing else
    payload = re.search(r"var spec=(\{.*?\});var el=", script)[1]
    assert json.loads(payload) == json.loads(json.dumps(outputs._page_spec(spec)))


def test_print_charts_draw_the_spec_for_latex_only(tmp_path):
    """Reading a page keeps the chart's spec; the PDF's PNG is drawn from it at print time, named
    by the spec, and drawn once."""
    from types import SimpleNamespace

    from myst_nb.core.render import MimeData, get_mime_priority

    from hightech_zones.book.pdf_charts import PRINT_SCALE, PrintCharts, chart_image, print_chart
    from hightech_zones.output.bundles import PNG_SCALE

    latex, web = get_mime_priority("latex", []), get_mime_priority("html", [])
    assert latex.index(SPEC_MIME) < latex.index("image/png")
    assert SPEC_MIME not in web or web.index("text/html") < web.index(SPEC_MIME)
    bars = alt.Chart(FRAME).mark_bar().encode(x="value:Q", y="measure:N").properties(description="Two bars.")
    spec = charts.finish(bars, source="s", filename="f.csv").to_dict()
    renderer = SimpleNamespace(renderer=SimpleNamespace(sphinx_env=object()))
    kept = PrintCharts.handle_mime(renderer, MimeData(SPEC_MIME, spec), False)
    assert [type(n) for n in kept] == [print_chart] and json.loads(kept[0]["spec"]) == json.loads(json.dumps(spec))
    assert not list(tmp_path.rglob("*.png"))  # reading draws nothing
    image = chart_image(kept[0], tmp_path / "out", tmp_path)
    drawn = list((tmp_path / "out").glob("chart-*.png"))
    assert len(drawn) == 1 and drawn[0].read_bytes().startswith(b"\x89PNG")
    assert image["uri"] == image["candidates"]["image/png"] == f"out/{drawn[0].name}" and image["alt"] == "Two bars."
    # It prints at its own width in CSS pixels (the PNG's over its scale), shrunk alike for every chart.
    width = int.from_bytes(drawn[0].read_bytes()[16:20], "big")
    assert width > 100 and image["width"] == f"{width // PNG_SCALE}px" and image["scale"] == PRINT_SCALE < 100
    mtime = drawn[0].stat().st_mtime_ns
    assert chart_image(kept[0], tmp_path / "out", tmp_path)["uri"] == image["uri"]
    assert drawn[0].stat().st_mtime_ns == mtime  # an unchanged chart is not drawn again
    assert PrintCharts.handle_mime(renderer, MimeData("text/html", "<p>"), False) is None


def test_a_page_carries_a_chart_without_the_config_its_theme_supplies():
    """The page's theme (window.hzChartThemes) supplies the charts' common config; a chart keeps only its own."""
    from hightech_zones.charts.theme import chart_config
    from hightech_zones.output.bundles import _page_spec

    spec = {"mark": "bar", "config": {**chart_config("light"), "view": {"stroke": None}}}
    assert _page_spec(spec) == {"mark": "bar", "config": {"view": {"stroke": None}}}
    assert _page_spec({"mark": "bar", "config": chart_config("light")}) == {"mark": "bar"}
