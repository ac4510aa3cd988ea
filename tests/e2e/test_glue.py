"""hightech_zones.output.glue: myst-nb's glue in the book, and visible values in a reader's kernel.

Each case runs in a real kernel (nbclient), once with the book's environment and once without.
"""
from __future__ import annotations

import subprocess
import sys

import nbformat
import pytest
from nbclient import NotebookClient

from hightech_zones.analysis.provenance import MIME
from hightech_zones.output.bundles import BOOK_ENV, LAB_MIME

pytestmark = pytest.mark.kernel

GLUE_PREFIX = "application/papermill.record/"
SETUP = """\
import altair as alt
import pandas as pd
from myst_nb import glue as myst_glue

from hightech_zones.charts.style import finish
from hightech_zones.output.glue import glue
from hightech_zones.analysis.provenance import sourced
from hightech_zones.output.tables import table

frame = pd.DataFrame({"zone": ["武汉", "成都"], "value": [1.5, 2.0]})
bars = alt.Chart(frame).mark_bar().encode(x="value:Q", y="zone:N")
chart = finish(bars.properties(description="Two zones' values as bars."),
               source="test", filename="zones.csv")
values = {"n_zones": "1,234", "share": 24.1,
          "total": sourced("505.7", "total_index"), "fig-zones": chart,
          "tbl-zones": table(frame, "zones.csv")}
"""
CASES = [(name, display) for name in ("n_zones", "share", "total", "fig-zones", "tbl-zones")
         for display in (False, True)]


def run(book: bool, monkeypatch) -> list[tuple[list, list]]:
    """For each case, the outputs of hightech_zones' glue and of myst-nb's, in one kernel."""
    if book:
        monkeypatch.setenv(BOOK_ENV, "1")
    else:
        monkeypatch.delenv(BOOK_ENV, raising=False)
    cells = [nbformat.v4.new_code_cell(SETUP)]
    for name, display in CASES:
        cells.append(nbformat.v4.new_code_cell(f"glue({name!r}, values[{name!r}], display={display})"))
        cells.append(nbformat.v4.new_code_cell(f"myst_glue({name!r}, values[{name!r}], display={display})"))
    nb = nbformat.v4.new_notebook(cells=cells)
    NotebookClient(nb, timeout=300, kernel_name="python3").execute()
    assert not nb.cells[0].outputs, nb.cells[0].outputs
    return [(nb.cells[i].outputs, nb.cells[i + 1].outputs) for i in range(1, len(cells), 2)]


@pytest.fixture(scope="module")
def patch():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


def test_in_the_book_glue_is_myst_nbs_glue(patch):
    for (name, display), (ours, theirs) in zip(CASES, run(True, patch)):
        assert ours == theirs, (name, display)
        assert len(ours) == 1 and ours[0]["metadata"]["scrapbook"]["name"] == name


def test_in_a_live_kernel_every_glued_value_shows(patch):
    results = dict(zip(CASES, run(False, patch)))
    for (name, display), (ours, theirs) in results.items():
        record = ours[0]
        assert record == theirs[0] or not display and record["metadata"]["scrapbook"]["mime_prefix"] == ""
        if display:  # shown already: exactly myst-nb's
            assert ours == theirs, name
    # Text and numbers: the glue as myst-nb stores it, then `name = value` as the prose shows it.
    for name, shown in (("n_zones", "n_zones = 1,234"), ("share", "share = 24.1")):
        ours, theirs = results[(name, False)]
        assert ours[0] == theirs[0] and set(ours[0]["data"]) == {GLUE_PREFIX + "text/plain"}
        assert [o["data"] for o in ours[1:]] == [{"text/plain": shown}]
    # A number with its figure's id: the id beside the text, and shown as text.
    ours, theirs = results[("total", False)]
    assert ours[0] == theirs[0] and ours[0]["data"][GLUE_PREFIX + MIME] == {"ref": "figure:total_index"}
    assert set(ours[0]["data"]) == {GLUE_PREFIX + "text/plain", GLUE_PREFIX + MIME}
    assert [o["data"] for o in ours[1:]] == [{"text/plain": "total = 505.7"}]
    # A chart: glued visibly, as a Vega-Lite 5 bundle and no HTML, then its data link on its own.
    chart, _ = results[("fig-zones", False)]
    assert chart[0]["metadata"]["scrapbook"] == {"name": "fig-zones", "mime_prefix": ""}
    assert LAB_MIME in chart[0]["data"] and "text/html" not in chart[0]["data"]
    assert len(chart) == 2 and 'download="zones.csv"' in chart[1]["data"]["text/html"]
    # A table: glued visibly (its HTML carries its own link).
    tbl, _ = results[("tbl-zones", False)]
    assert len(tbl) == 1 and 'download="zones.csv"' in tbl[0]["data"]["text/html"]


@pytest.mark.parametrize("module", ["hightech_zones.output.glue", "hightech_zones.charts.capacity"])
def test_a_book_kernel_does_not_import_myst_nb_s_renderer(module):
    """Every chapter imports the glue; myst_nb.core.variables would bring myst-nb's renderer and
    execution cache (SQLAlchemy) into each kernel, nearly a second of its start (see compact)."""
    heavy = "('sqlalchemy', 'jupyter_cache', 'myst_nb.core.render')"
    code = f"import sys, {module}; print(sorted(m for m in {heavy} if m in sys.modules))"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert found == "[]"
