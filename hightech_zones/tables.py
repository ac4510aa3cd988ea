"""Tables shown in the book: HTML for the web, a MyST table for the PDF, and the data to download."""
from __future__ import annotations

import html
import re

import pandas as pd

from .export import download_link
from .labels import label
from .prose import escape

_ANCHOR = re.compile(r"^[a-z0-9_]+$")


class Table:
    """A data frame shown as a table, with a download link for exactly what it shows.

    ``anchors``, one id a row, make each row a link target (a register's rows, which the
    prose's numbers link to): the row's ``id`` in HTML, a ``{hz-anchor}`` label in the PDF."""

    def __init__(self, frame: pd.DataFrame, filename: str, anchors: list[str] | None = None):
        # Show missing values as empty cells, whatever their dtype (<NA>, NaN, None).
        self.frame = frame.reset_index(drop=True).astype(object).where(frame.notna().to_numpy(), "")
        self.filename = filename
        self.anchors = None if anchors is None else [str(a) for a in anchors]
        if self.anchors is not None and (len(self.anchors) != len(self.frame)
                                         or not all(_ANCHOR.match(a) for a in self.anchors)):
            raise ValueError(f"{filename}: anchors must be one id ([a-z0-9_]) a row")

    def _repr_html_(self) -> str:
        body = self.frame.to_html(index=False, escape=True, na_rep="", border=0, classes="hz-table")
        if self.anchors is not None:
            head, tbody, rows = body.partition("<tbody>")
            first, *each = rows.split("<tr>")
            body = head + tbody + first + "".join(f'<tr id="{a}">{row}' for a, row in zip(self.anchors, each))
        link = download_link(self.frame, self.filename)
        return f'<div class="hz-table-wrap">{body}\n<p class="hz-figure-data">{link}</p></div>'

    def _repr_markdown_(self) -> str:
        """A MyST table, which the PDF builder typesets as a native LaTeX table."""
        head = "| " + " | ".join(escape(c) for c in self.frame.columns) + " |"
        rule = "|" + "|".join("---" for _ in self.frame.columns) + "|"
        rows = [["" if pd.isna(v) else escape(v) for v in row] for row in self.frame.itertuples(index=False)]
        for row, anchor in zip(rows, self.anchors or []):
            row[0] = f"{{hz-anchor}}`{anchor}`" + row[0]
        rows = ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join([head, rule, *rows])

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self._repr_html_(), "text/markdown": self._repr_markdown_(),
                "text/plain": html.unescape(self.frame.to_string(index=False))}


def table(frame: pd.DataFrame, filename: str, anchors: list[str] | None = None,
          headers: dict[str, str] | None = None) -> Table:
    """``frame`` as a table; ``headers`` names columns by label key (data/labels.csv), so the
    table is headed in the edition's language: ``headers={"term_zh": "col_chinese"}``."""
    if headers:
        missing = sorted(set(headers) - set(frame.columns))
        if missing:
            raise KeyError(f"{filename}: no column {missing[0]!r} to head")
        frame = frame.rename(columns={column: label(key) for column, key in headers.items()})
    return Table(frame, filename, anchors)
