"""After the set-up step, the book builds with networking disabled, and the built book loads nothing from the network."""
from __future__ import annotations

import re

import pytest
from conftest import IN_CI

pytestmark = pytest.mark.build


def test_book_builds_without_network(fresh_build):
    if not fresh_build.offline:
        message = f"cannot build without network here: {fresh_build.offline_problem}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    log = fresh_build.stdout + fresh_build.stderr
    probe = fresh_build.stderr.splitlines()[0]
    assert probe.startswith("offline: devices=lo dns=fails route="), probe
    assert "route=open" not in probe
    assert fresh_build.returncode == 0, log[-3000:]
    assert (fresh_build.html / "chapters" / "index.html").is_file()


def test_built_pages_load_no_script_or_style_from_the_network(built_html):
    # A page's canonical address (<link rel="canonical">, from the base URL) names it; nothing is loaded from it.
    remote = re.compile(r'<(?:script|link(?! rel="canonical")|img|iframe)\b[^>]*\b(?:src|href)="(?:https?:)?//[^"]+"')
    found = {p.relative_to(built_html).as_posix(): remote.findall(p.read_text(encoding="utf-8"))
             for p in built_html.rglob("*.html")}
    assert not {k: v for k, v in found.items() if v}


@pytest.mark.parametrize("edition", ["", "zh_CN"], ids=["en", "zh_CN"])
def test_charts_use_the_bundle_shipped_with_the_book(built_html, edition):
    """Each edition's pages load the bundle from that edition's own _static (both are in the site)."""
    root = built_html / edition
    assert (root / "_static" / "vega-bundle.js").is_file()
    pages = list((root / "chapters").glob("*.html"))
    assert sum('class="hz-chart"' in page.read_text(encoding="utf-8") for page in pages) >= 4  # pages with charts
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if 'class="hz-chart"' in text:
            assert re.search(r'<script src="\.\./_static/vega-bundle\.js(\?[^"]*)?"></script>', text), page.name
            assert "cdn.jsdelivr.net/npm/vega" not in text, page.name  # Altair's default renderer
