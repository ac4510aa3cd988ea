"""Tables shown in the book: HTML for the web, a MyST table for the PDF, and the data to download.

A long reference table may print in short (``in_print``), as a printed report does: some of its
columns, or a summary, and a line saying that the web book shows it in full and downloads it.
The web book always shows the whole table."""
from __future__ import annotations

import html
import re

import pandas as pd

from hightech_zones.language import is_chinese
from hightech_zones.output.export import download_link
from hightech_zones.words import fmt
from hightech_zones.words.labels import label
from hightech_zones.words.prose import escape

_ANCHOR = re.compile(r"^[a-z0-9_]+$")


class Table:
    """A data frame shown as a table, with a download link for exactly what it shows.

    ``anchors``, one id a row, make each row a link target (a register's rows, which the
    prose's numbers link to): the row's ``id`` in HTML, a ``{hz-anchor}`` label in the PDF.

    ``in_print`` shortens the PDF's table only: a list of the columns to print (every row, and its
    anchor, stays), or a data frame that summarises the table (not for a table with anchors: the
    prose's links to its rows would break). The HTML table says what the PDF leaves out
    (``data-hz-print-omits``: the positions of the columns left out, or ``all``)."""

    def __init__(self, frame: pd.DataFrame, filename: str, anchors: list[str] | None = None,
                 in_print: list[str] | pd.DataFrame | None = None):
        self.frame = _cells(frame)
        self.filename = filename
        self.anchors = None if anchors is None else [str(a) for a in anchors]
        if self.anchors is not None and (len(self.anchors) != len(self.frame)
                                         or not all(_ANCHOR.match(a) for a in self.anchors)):
            raise ValueError(f"{filename}: anchors must be one id ([a-z0-9_]) a row")
        self.printed, self.omits, self.note = self.frame, "", ""
        if isinstance(in_print, pd.DataFrame):
            if self.anchors is not None:
                raise ValueError(f"{filename}: a summary in print would lose the anchors of the rows")
            self.printed, self.omits = _cells(in_print), "all"
            self.note = label("print_summary").format(
                shown=len(self.printed), total=len(self.frame), filename=filename)
        elif in_print is not None:
            unknown = [c for c in in_print if c not in self.frame.columns]
            if unknown or not in_print:
                raise ValueError(f"{filename}: no such columns to print: {unknown}")
            self.printed = self.frame[list(in_print)]
            self.omits = " ".join(str(i) for i, c in enumerate(self.frame.columns) if c not in in_print)
            self.note = label("print_columns").format(
                shown=len(in_print), total=self.frame.shape[1], filename=filename)

    def _repr_html_(self) -> str:
        body = _dated(self.frame).to_html(index=False, escape=True, na_rep="", border=0, classes="hz-table")
        if self.omits:
            body = body.replace("<table ", f'<table data-hz-print-omits="{self.omits}" ', 1)
        if self.anchors is not None:
            head, tbody, rows = body.partition("<tbody>")
            first, *each = rows.split("<tr>")
            body = head + tbody + first + "".join(f'<tr id="{a}">{row}' for a, row in zip(self.anchors, each))
        link = download_link(self.frame, self.filename)
        return f'<div class="hz-table-wrap">{body}\n<p class="hz-figure-data">{link}</p></div>'

    def _repr_markdown_(self) -> str:
        """A MyST table, which the PDF builder typesets as a native LaTeX table (in short, with its note)."""
        shown = _dated(self.printed)
        head = "| " + " | ".join(escape(c) for c in shown.columns) + " |"
        rule = "|" + "|".join("---" for _ in shown.columns) + "|"
        rows = [["" if pd.isna(v) else escape(v) for v in row] for row in shown.itertuples(index=False)]
        for row, anchor in zip(rows, self.anchors or []):
            row[0] = f"{{hz-anchor}}`{anchor}`" + row[0]
        rows = ["| " + " | ".join(row) + " |" for row in rows]
        note = [f"\n*{escape(self.note)}*"] if self.note else []
        return "\n".join([head, rule, *rows, *note])

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self._repr_html_(), "text/markdown": self._repr_markdown_(),
                "text/plain": html.unescape(self.frame.to_string(index=False))}


def _dated(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as the edition writes it: in Chinese, dates as 2025年2月26日 and full-width marks
    beside Chinese text ('100点，505.7点'); its download keeps the data as they are."""
    return frame.map(lambda v: fmt.fullwidth(fmt.dates_in(v))) if is_chinese() else frame


def _cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Missing values as empty cells, whatever their dtype (<NA>, NaN, None)."""
    return frame.reset_index(drop=True).astype(object).where(frame.notna().to_numpy(), "")


def table(frame: pd.DataFrame, filename: str, anchors: list[str] | None = None,
          headers: dict[str, str] | None = None,
          in_print: list[str] | pd.DataFrame | None = None) -> Table:
    """``frame`` as a table; ``headers`` names columns by label key (data/labels.csv), so the
    table is headed in the edition's language: ``headers={"term_zh": "col_chinese"}``.
    ``in_print`` (columns by their names in ``frame``, or a summary frame) shortens the PDF's table."""
    if headers:
        missing = sorted(set(headers) - set(frame.columns))
        if missing:
            raise KeyError(f"{filename}: no column {missing[0]!r} to head")
        names = {column: label(key) for column, key in headers.items()}
        frame = frame.rename(columns=names)
        if isinstance(in_print, pd.DataFrame):
            in_print = in_print.rename(columns=names)
        elif in_print is not None:
            in_print = [names.get(column, column) for column in in_print]
    return Table(frame, filename, anchors, in_print)
