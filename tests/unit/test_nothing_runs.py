"""Nothing in a data file can run (issue 22), checked without a build: each sink where data text
becomes markup (MyST, HTML, a Vega expression) shows it literally, and what the loader must refuse
it refuses. The catalogues are in test_catalogues.py; the real build, both editions, in
test_escaping_build.py.
"""
from __future__ import annotations

import csv
import html
import re

import pandas as pd
import pytest
import yaml
from conftest import ROOT, html_outline, myst_html

from hightech_zones import DataError, validate_all
from hightech_zones.analysis.profiles import profile_markdown, zone_profile
from hightech_zones.charts.style import share_of_whole
from hightech_zones.output.export import download_link

JINJA = "{{ lipsum.__globals__.os.popen('touch MARKER').read() }}"


def set_label(data, key: str, column: str, value: str) -> int:
    """Set one label's text in a copy of labels.csv; its row number (1 = the first after the header)."""
    path = data / "labels.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    i = next(i for i, r in enumerate(rows) if r[0] == key)
    rows[i][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return i


def test_the_book_does_not_render_templates():
    """Neither edition's config turns MyST's substitutions on (the Chinese one is merged over the English)."""
    from hightech_zones.build.editions import config

    english = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    for edition in (english, config("zh_CN")):
        assert "substitution" not in edition["parse"]["myst_enable_extensions"]
        assert "myst_substitutions" not in edition.get("sphinx", {}).get("config", {})


def test_a_template_in_myst_is_text(tmp_path, monkeypatch):
    """What ran `id` on the build machine, rendered as the book renders MyST: text, and nothing ran."""
    monkeypatch.chdir(tmp_path)
    tags, text = html_outline(myst_html(f"Sources {JINJA}"))
    assert not (tmp_path / "MARKER").exists()
    assert "Sources {{ lipsum." in text and ".read() }}" in text  # (its __ are Markdown's bold: no matter)


# Markup the loader lets through in a label (it refuses tags, links, roles and templates) that MyST reads.
LIVE = "**zqbold** _zqem_ `zqcode` $zqmath$ # zq"


@pytest.mark.parametrize("key", ["profile_sources", "profile_by", "profile_focus", "highlight_first_in_china",
                                 "profile_other_sentences", "measure", "not_stated"])
def test_a_label_in_a_profile_is_text(data_copy, key):
    set_label(data_copy, key, "en", "{authors} " + LIVE if key == "profile_by" else
              "{focus} " + LIVE if key == "profile_focus" else LIVE)
    page = myst_html(profile_markdown(zone_profile("wuhan_east_lake")))
    tags, text = html_outline(page)
    assert LIVE in text, key
    assert not re.search(r"<(strong|em|code|span class=\"math)[^>]*>zq", page), page


def test_a_label_in_a_download_link_is_text(data_copy):
    set_label(data_copy, "download_data", "en", "Data &amp; &#60;more&#62;")
    tags, text = html_outline(download_link(pd.DataFrame({"a": [1]}), "a&b.csv"))
    assert text == "Data &amp; &#60;more&#62; (a&b.csv)"


def _svg(chart) -> str:
    import vl_convert as vlc

    from hightech_zones.output.bundles import VL_VERSION

    return vlc.vegalite_to_svg(chart.to_dict(), vl_version=VL_VERSION)


@pytest.mark.parametrize("words", ["the nation's rest", "x' + (datum.percent = 0) + '", '"); alert(1); ("'])
def test_a_label_reaches_a_vega_expression_as_data(data_copy, words):
    """share_of_whole's legend words were pasted into an expression: an apostrophe stopped the chart
    from drawing, and a crafted label ran an expression. Now the label is a value."""
    set_label(data_copy, "rest_of_nation", "en", words)
    frame = pd.DataFrame({"measure": ["R&D"], "value": [40.0]})
    svg = _svg(share_of_whole(frame, label="measure", share="value", tooltip=["value:Q"]))
    assert html.escape(words, quote=False) in svg or html.escape(words) in svg
    assert "40" in svg and "60" in svg  # the zones' part and the rest, as computed


@pytest.mark.parametrize("text, problem", [
    ("profiled for {focus.__class__.__mro__}", "is not a placeholder a label may hold"),
    ("profiled for {focus!r}", "is not a placeholder a label may hold"),
    ("profiled for {0}", "is not a placeholder a label may hold"),
    ("profiled for {focus[0]}", "is not a placeholder a label may hold"),
    ("profiled for {focus:{width}}", "is not a placeholder a label may hold"),
    ("profiled for {area}", "has the placeholders ['focus'], the English ['area']"),
])
def test_a_label_formats_only_its_own_values(data_copy, text, problem):
    """str.format reads attributes and items of the values it is given: a label may only name them."""
    row = set_label(data_copy, "profile_focus", "en", text)
    column = "zh" if "English" in problem else "en"
    with pytest.raises(DataError, match=re.escape(f'data/labels.csv, row {row} (line {row + 1}), column "{column}": ')
                       + ".*" + re.escape(problem)):
        validate_all(data_copy)


def test_a_label_heading_a_download_is_no_formula(data_copy):
    """A table's columns are headed by labels: the CSV's header row is text, as its cells are."""
    from hightech_zones.output.export import csv_bytes
    from hightech_zones.output.tables import table

    set_label(data_copy, "col_chinese", "en", '=HYPERLINK("http://x.test","zq")')
    frame = table(pd.DataFrame({"c": ["新赛道"]}), "t.csv", headers={"c": "col_chinese"}).frame
    header = csv_bytes(frame).decode("utf-8-sig").splitlines()[0]
    assert header == '"\'=HYPERLINK(""http://x.test"",""zq"")"'


def test_an_id_in_a_profile_code_span_must_be_an_id():
    """Ids sit in code spans unescaped because datapackage.json's pattern says what an id is; the
    package is data too, so a loosened pattern must not let a backtick out of the span."""
    from hightech_zones.analysis.profiles import _code

    assert _code("wuhan_oled") == "`wuhan_oled`"
    with pytest.raises(ValueError):
        _code("x` {download}`/etc/passwd")
