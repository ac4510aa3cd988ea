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
from conftest import glue_records

from hightech_zones.analysis import findings

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "_build" / ".jupyter_cache"
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def glued(page: Path) -> dict[str, str]:
    """What a page glued, by key, as text."""
    plain = {key: data.get("text/plain") for key, data in glue_records(page).items()}
    return {key: str(ast.literal_eval(text)) if text[:1] in "'\"" else text for key, text in plain.items() if text is not None}




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
