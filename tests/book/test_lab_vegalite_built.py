"""Every chart of the built book draws under JupyterLab's own Vega-Lite (tests/lab_vegalite.py)."""
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


