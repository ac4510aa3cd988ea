"""Every chart of the book draws in JupyterLab: checked under the Vega-Lite that JupyterLab ships.

JupyterLab 4 draws a Vega-Lite 5 bundle itself, offline, with the vega and vega-lite it bundles
(its third-party-licenses.json names them). Altair writes Vega-Lite 6, and the renderer only
relabels the spec as 5 (lab_spec): a chart that needs something newer would break there,
or quietly lose what 5.6.1 does not know. So each chart of the book, as the downloadable notebooks
carry it, is

* validated against that version's own JSON schema, which refuses any property it does not know;
* compiled by that Vega-Lite and drawn to SVG by that Vega (tests/npm/vegalite/check.js, under Node.js),
  with any warning or error a failure.

The same npm packages are pinned, with hashes, in tests/npm/vegalite/package-lock.json; `make test`
installs them. Without Node.js or those packages the tests skip on a developer's machine and fail in CI.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from lab_vegalite import (
    problems,
)

from hightech_zones.output.bundles import LAB_MIME, LAB_SCHEMA

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"


def book_charts() -> dict[str, dict]:
    """Every chart of the book, as the notebooks the book offers for download carry it."""
    if not (HTML / "index.html").is_file():
        pytest.fail("_build/html is missing: run the tests through `make test`")
    specs = {}
    for page in sorted(HTML.rglob("*.html")):
        rel = page.relative_to(HTML).with_suffix("")
        offered = HTML / "_sources" / f"{rel.as_posix()}.ipynb"
        if not offered.is_file():
            continue
        nb = json.loads(offered.read_text(encoding="utf-8"))
        found = [o["data"][LAB_MIME] for c in nb["cells"] for o in c.get("outputs", []) if LAB_MIME in o.get("data", {})]
        assert len(found) == page.read_text(encoding="utf-8").count('class="hz-chart"'), rel
        specs.update({f"{rel.as_posix()} #{i + 1} ({s.get('usermeta', {}).get('download')})": s
                      for i, s in enumerate(found)})
    return specs


@pytest.mark.build  # reads the charts from the built book
def test_every_chart_of_the_book_compiles_and_draws_under_jupyterlabs_vegalite(checker):
    specs = book_charts()
    assert len(specs) >= 10, sorted(specs)
    assert all(s["$schema"] == LAB_SCHEMA for s in specs.values())
    found = problems(specs)
    assert not found, "charts that JupyterLab's Vega-Lite cannot draw as the book does:\n" + json.dumps(
        found, ensure_ascii=False, indent=1)


