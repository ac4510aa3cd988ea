"""One computation per headline: the landing page, the chapters and the audit write each figure alike.

The headlines (``findings.py``) are recomputed here another way, from the CSV files; then the glued
values of the built book are read back from its execution cache, and every figure the landing
page glues reads the same, number for number, on every other page that glues it.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from hightech_zones.analysis import findings

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "_build" / ".jupyter_cache"
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def glued(page: Path) -> dict[str, str]:
    """What a page glued, by key, from the execution cache of the `make html` build."""
    from jupyter_cache import get_cache
    from myst_nb.core.read import read_myst_markdown_notebook

    notebook = read_myst_markdown_notebook(page.read_text(encoding="utf-8"), path=str(page))
    _, merged = get_cache(CACHE).merge_match_into_notebook(notebook)
    values = {}
    for cell in merged.cells:
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get("scrapbook")
            plain = output.get("data", {}).get(f"{meta['mime_prefix']}text/plain") if meta else None
            if plain is not None:
                values[meta["name"]] = str(ast.literal_eval(plain)) if plain[:1] in "'\"" else plain
    return values


def test_the_landing_page_and_the_chapters_write_each_figure_alike(built_html):
    if not CACHE.is_dir():
        pytest.fail("_build/.jupyter_cache is missing: run the tests through `make test`")
    pages = {p.stem: glued(p) for p in sorted((ROOT / "chapters").glob("*.md"))}
    landing = pages.pop("index")
    headline_keys = set(findings.headlines())
    assert headline_keys <= set(landing)
    shared = 0
    for name, values in pages.items():
        for key in headline_keys & set(values):
            shared += 1
            assert NUMBER.findall(values[key]) == NUMBER.findall(landing[key]), (name, key, values[key], landing[key])
    # The chapters name the case-study count n_zones.
    assert pages["case_studies"]["n_zones"] == landing["n_cases"]
    assert shared >= 20
