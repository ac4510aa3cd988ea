"""The book builds from scratch without a warning and opens on its landing page."""
from __future__ import annotations

import pytest
from conftest import ROOT

pytestmark = pytest.mark.build

THEMES = ["Innovation capacity", "New tracks", "Policy measures", "Case studies"]


def test_book_builds_from_scratch_without_warnings(fresh_build):
    log = fresh_build.stdout + fresh_build.stderr
    assert fresh_build.returncode == 0, log[-3000:]
    sphinx_warnings = [line for line in log.splitlines() if ": WARNING:" in line or ": ERROR:" in line]
    assert not sphinx_warnings and "build succeeded" in log


def test_landing_page_lists_the_four_themes(built_html):
    index = (built_html / "index.html").read_text(encoding="utf-8")
    target = "chapters/index.html"
    assert target in index  # the root redirects to the landing page
    landing = (built_html / target).read_text(encoding="utf-8")
    for theme in THEMES:
        assert theme in landing


def corrections_budget() -> int:
    """The corrections record grows by a row with every fix, each row in two tables and their inline
    downloads (about 2.4 KB a row at 92 rows, 257 KB): its page may weigh 40 KB and 3 KB a row, so a
    row that grows heavier still fails. Every other page keeps the 210 KB budget."""
    import csv

    with (ROOT / "data" / "corrections.csv").open(encoding="utf-8", newline="") as f:
        rows = sum(1 for _ in csv.DictReader(f))
    return 40_000 + 3_000 * rows


BUDGET = {"corrections.html": corrections_budget()}


def test_every_page_weighs_under_210_kb(built_html):
    """Issue 6: a page's own HTML (charts, tables and downloads inline) stays under 200 KB; issue 28 added
    about 6 KB to the heaviest page (innovation capacity's twelve Cite lines, 4.6 KB, and its link
    preview's metadata), which was at 198 KB: 210 KB. The corrections record has its own (BUDGET)."""
    pages = [p for p in built_html.rglob("*.html") if not {"_static", "_sources", "_images"} & set(p.parts)]
    heavy = {str(p.relative_to(built_html)): p.stat().st_size for p in pages
             if p.stat().st_size >= BUDGET.get(p.name, 210_000)}
    assert pages and not heavy, heavy
