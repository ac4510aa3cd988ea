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
# A cell that holds a number, as the book writes one: 505.7, 1,070, −3.2, 13.3%, 20.2 times, 20.2倍.
_NUMBER = re.compile(r"^[−\-+]?\d[\d,]*(\.\d+)?(%| times|倍)?$")
# Columns of English renderings, by header key: a Chinese reader reads the original, so the Chinese
# edition leaves them out of its tables and their downloads. (The glossary's English column,
# col_english, is what a glossary is for, and stays.)
ENGLISH_RENDERINGS = {"in_english", "heading_in_english", "action_in_english"}


class Table:
    """A data frame shown as a table, with a download link for exactly what it shows.

    ``anchors``, one id a row, make each row a link target (a register's rows, which the
    prose's numbers link to): the row's ``id`` in HTML, a ``{hz-anchor}`` label in the PDF.

    ``in_print`` shortens the PDF's table only: a list of the columns to print (every row, and its
    anchor, stays), or a data frame that summarises the table (not for a table with anchors: the
    prose's links to its rows would break). The HTML table says what the PDF leaves out
    (``data-hz-print-omits``: the positions of the columns left out, or ``all``)."""

    def __init__(self, frame: pd.DataFrame, filename: str, anchors: list[str] | None = None,
                 in_print: list[str] | pd.DataFrame | None = None, links: dict[str, list[str]] | None = None):
        self.frame = _cells(frame)
        self.filename = filename
        # Cells that link elsewhere in the book (a source to its row of the sources register): by
        # column, one page-relative address a row ('' for none). The web book only; print shows the text.
        self.links = {column: list(hrefs) for column, hrefs in (links or {}).items()}
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
        frame = _dated(self.frame)
        body = frame.to_html(index=False, escape=True, na_rep="", border=0, classes="hz-table")
        body = _mark_numbers(body, [i for i, c in enumerate(frame.columns) if _numeric(frame[c])])
        for column, hrefs in self.links.items():
            body = _link_cells(body, list(frame.columns).index(column), hrefs)
        if self.omits:
            body = body.replace("<table ", f'<table data-hz-print-omits="{self.omits}" ', 1)
        if self.anchors is not None:
            head, tbody, rows = body.partition("<tbody>")
            first, *each = rows.split("<tr>")
            body = head + tbody + first + "".join(f'<tr id="{a}">{row}' for a, row in zip(self.anchors, each))
        link = download_link(self.frame, self.filename)
        body = re.sub(r">\n\s+<", ">\n<", body)  # pandas indents each cell: a twentieth of a long table
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


def _numeric(column: pd.Series) -> bool:
    """A column of numbers (empty cells aside), which the web book right-aligns."""
    cells = [str(v) for v in column if str(v) != ""]
    return bool(cells) and all(_NUMBER.match(v) for v in cells)


def _rows(body: str, change) -> str:
    """``change(row_number, cells)`` for each body row's list of ``<td>…</td>`` strings."""
    head, tbody, rest = body.partition("<tbody>")
    count = iter(range(10**9))
    rows = re.sub(r"<tr>(.*?)</tr>", lambda m: "<tr>" + "".join(change(next(count), re.findall(
        r"\s*<td[^>]*>.*?</td>", m.group(1), re.S))) + "\n    </tr>", rest, flags=re.S)
    return head + tbody + rows


def _mark_numbers(body: str, columns: list[int]) -> str:
    """Mark the cells and headers of number columns (class hz-num), which the stylesheet right-aligns."""
    if not columns:
        return body
    head, tbody, rest = body.partition("<tbody>")
    headers = iter(range(10**9))
    head = re.sub(r"<th>", lambda m: '<th class="hz-num">' if next(headers) in columns else "<th>", head)

    def mark(_, cells):
        return [c.replace("<td>", '<td class="hz-num">', 1) if i in columns else c for i, c in enumerate(cells)]
    return _rows(head + tbody + rest, mark)


def _link_cells(body: str, column: int, hrefs: list[str]) -> str:
    def link(row, cells):
        href = hrefs[row]
        if href:
            cells[column] = re.sub(r"<td([^>]*)>(.*?)(</td>)", lambda m: f'<td class="hz-link"{m.group(1)}>'
                                   f'<a href="{html.escape(href)}">{m.group(2)}</a>{m.group(3)}',
                                   cells[column], count=1, flags=re.S)
        return cells
    return _rows(body, link)


def _cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Missing values as empty cells, whatever their dtype (<NA>, NaN, None)."""
    return frame.reset_index(drop=True).astype(object).where(frame.notna().to_numpy(), "")


def table(frame: pd.DataFrame, filename: str, anchors: list[str] | None = None,
          headers: dict[str, str] | None = None,
          in_print: list[str] | pd.DataFrame | None = None,
          links: dict[str, list[str]] | None = None, capitalised: bool = False) -> Table:
    """``frame`` as a table; ``headers`` names columns by label key (data/labels.csv), so the
    table is headed in the edition's language: ``headers={"term_zh": "col_chinese"}``. ``capitalised``
    starts every English header with a capital, so that a table's headers share one case style
    whichever labels they use (the chapters' tables for readers). ``links`` (by column, one
    page-relative address a row) makes a column's cells links in the web book.
    ``in_print`` (columns by their names in ``frame``, or a summary frame) shortens the PDF's table.
    The Chinese edition leaves out the columns of English renderings (:data:`ENGLISH_RENDERINGS`)."""
    if headers:
        missing = sorted(set(headers) - set(frame.columns))
        if missing:
            raise KeyError(f"{filename}: no column {missing[0]!r} to head")
        if is_chinese():
            english = [column for column, key in headers.items() if key in ENGLISH_RENDERINGS]
            frame, headers = frame.drop(columns=english), {c: k for c, k in headers.items() if c not in english}
            links = {c: hrefs for c, hrefs in (links or {}).items() if c not in english}
            if in_print is not None and not isinstance(in_print, pd.DataFrame):
                in_print = [column for column in in_print if column not in english]
        frame, links, in_print = _renamed({column: label(key) for column, key in headers.items()},
                                          frame, links, in_print)
    if capitalised:
        frame, links, in_print = _renamed({column: _sentence_case(column) for column in frame.columns},
                                          frame, links, in_print)
    if links:
        return Table(frame, filename, anchors, in_print, links=links)
    return Table(frame, filename, anchors, in_print)


def _renamed(names: dict, frame: pd.DataFrame, links, in_print):
    """The table, its linked columns and its printed columns (names, or a frame) under new names."""
    links = {names.get(column, column): hrefs for column, hrefs in (links or {}).items()}
    if isinstance(in_print, pd.DataFrame):
        in_print = in_print.rename(columns=lambda column: names.get(column, column))
    elif in_print is not None:
        in_print = [names.get(column, column) for column in in_print]
    return frame.rename(columns=names), links, in_print


def _sentence_case(header) -> str:
    """'points a year' -> 'Points a year'; a header that starts with anything but a lower-case
    Latin letter (Chinese, a digit, a capital, a code name like ``id``'s) as it is."""
    text = str(header)
    return text[:1].upper() + text[1:] if text[:1].islower() and text[:1].isascii() else text
