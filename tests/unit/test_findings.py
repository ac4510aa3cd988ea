"""One computation per headline: the landing page, the chapters and the audit write each figure alike.

The headlines (``findings.py``) are recomputed here another way, from the CSV files; then the glued
values of the built book are read back from its execution cache, and every figure the landing
page glues reads the same, number for number, on every other page that glues it.
"""
from __future__ import annotations

import ast
from pathlib import Path

from hightech_zones import load
from hightech_zones.analysis import findings

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "_build" / ".jupyter_cache"


def test_headlines_agree_with_a_plain_recomputation():
    found = findings.headlines()
    fig = load("figures").set_index("id")
    ctx = load("context_figures").set_index("id")
    assert found["total"] == f"{fig.loc['total_index', 'value']:g}"
    step = fig.loc["total_index", "value"] - ctx.loc["index_2022", "value"]  # the other way to get it
    assert found["step"] == f"{step:.1f}"
    assert found["data_year"] == str(fig.loc["total_index", "year"])
    assert int(found["n_own_agree"]) + int(found["n_own_disagree"]) == int(found["n_own"])
    assert int(found["n_fit"]) + int(found["n_fit_some"]) + int(found["n_fit_none"]) == int(found["n_compared"])
    assert found["n_tracks"] == str(len(load("new_tracks")))
    assert found["wuhan_revenue"].endswith("billion yuan") and found["chengdu_firms"].startswith("more than")


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


