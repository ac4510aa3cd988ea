"""Chapters that read as stories (issue 26): one folded cell per figure, each under the words it supports.

The chapters are read as myst-nb reads them (``read_myst_markdown_notebook``), no build needed. A
folded cell (``hide-input``) shows a "Show code" bar; a removed cell (``remove-input``) shows nothing
and so does not separate two bars. Two bars with no markdown between them are a reader's "bar after
bar and no reason for them".

Shared by tests/unit/test_story.py, tests/book/test_story_built.py.
"""
from __future__ import annotations

from conftest import ROOT
from myst_nb.core.read import read_myst_markdown_notebook

THEMES = ["innovation_capacity", "new_tracks", "policy_measures", "case_studies"]


def cells(markdown: str, path: str = "chapter.md"):
    return read_myst_markdown_notebook(markdown, path=path).cells


def internal_ids() -> dict[str, str]:
    """Every id of the data package's id columns (``id`` and ``*_id``), with the file and column it
    is from: names a reader should never meet in a table."""
    import csv

    ids = {}
    for path in sorted((ROOT / "data").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        for column in (rows[0] if rows else {}):
            if column == "id" or column.endswith("_id"):
                ids.update({r[column]: f"{path.name}:{column}" for r in rows
                            if r[column] and "_" in r[column]})  # one-word ids are ordinary words
    return ids


def ids_in_tables(page_html: str, ids: dict[str, str]) -> list[str]:
    """The internal ids that a page's tables show as a word of a cell or a header."""
    import re

    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page_html, "html.parser")
    shown = [word for cell in soup.select("table th, table td")
             for word in re.findall(r"[a-z0-9_]+", cell.get_text())]
    return sorted({f"{word} ({ids[word]})" for word in shown if word in ids})
