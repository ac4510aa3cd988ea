"""Tables shown in the book: HTML for the web, a MyST table for the PDF, and the data to download."""
from __future__ import annotations

import html

import pandas as pd

from .export import download_link
from .prose import escape


class Table:
    """A data frame shown as a table, with a download link for exactly what it shows."""

    def __init__(self, frame: pd.DataFrame, filename: str):
        # Show missing values as empty cells, whatever their dtype (<NA>, NaN, None).
        self.frame = frame.reset_index(drop=True).astype(object).where(frame.notna().to_numpy(), "")
        self.filename = filename

    def _repr_html_(self) -> str:
        body = self.frame.to_html(index=False, escape=True, na_rep="", border=0, classes="hz-table")
        link = download_link(self.frame, self.filename)
        return f'<div class="hz-table-wrap">{body}\n<p class="hz-figure-data">{link}</p></div>'

    def _repr_markdown_(self) -> str:
        """A MyST table, which the PDF builder typesets as a native LaTeX table."""
        head = "| " + " | ".join(escape(c) for c in self.frame.columns) + " |"
        rule = "|" + "|".join("---" for _ in self.frame.columns) + "|"
        rows = ["| " + " | ".join("" if pd.isna(v) else escape(v) for v in row) + " |"
                for row in self.frame.itertuples(index=False)]
        return "\n".join([head, rule, *rows])

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self._repr_html_(), "text/markdown": self._repr_markdown_(),
                "text/plain": html.unescape(self.frame.to_string(index=False))}


def table(frame: pd.DataFrame, filename: str) -> Table:
    return Table(frame, filename)
