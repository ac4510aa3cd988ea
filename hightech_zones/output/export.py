"""Let the reader download exactly the data behind a figure or table."""
from __future__ import annotations

import base64
import html
import re

import pandas as pd

from hightech_zones.language import is_chinese
from hightech_zones.words.labels import label

# A spreadsheet reads a cell that starts with one of these as a formula (OWASP, "CSV injection"):
# = + - @, and a tab or carriage return, which some programs skip before looking at the rest.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A plain number written as text ('-3.5', '+2', '-12%') is no formula: it stays as it is.
_PLAIN_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?%?", re.ASCII)


def safe_cell(value):
    """A text cell a spreadsheet would run as a formula, made text with OWASP's leading apostrophe.

    '=HYPERLINK(...)' -> "'=HYPERLINK(...)"; numbers, and text that is a plain number, unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    safe = frame.copy()
    for i in range(frame.shape[1]):
        column = frame.iloc[:, i]
        # Only text can be a formula: numeric and boolean columns are written exactly as they were.
        if not (pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column)):
            safe.isetitem(i, column.map(safe_cell))
    # The header row is text too: a column headed by a label (data/labels.csv) could start with '='.
    safe.columns = [safe_cell(str(c)) for c in frame.columns]
    # A byte-order mark lets spreadsheet programs read the Chinese text as UTF-8. Rows end in CRLF
    # (RFC 4180), so that a cell holding a carriage return is quoted, not cut in two.
    return ("\ufeff" + safe.to_csv(index=False, lineterminator="\r\n")).encode("utf-8")


def download_link(frame: pd.DataFrame, filename: str) -> str:
    """An <a download> link that carries the CSV in the page itself, so it works offline."""
    gap, close = ("（", "）") if is_chinese() else (" (", ")")
    payload = base64.b64encode(csv_bytes(frame)).decode("ascii")
    name = html.escape(filename)
    return (f'<a class="hz-download" download="{name}" '
            f'href="data:text/csv;charset=utf-8;base64,{payload}">{html.escape(label("download_data"))}{gap}{name}{close}</a>')
