"""Let the reader download exactly the data behind a figure or table."""
from __future__ import annotations

import base64
import html

import pandas as pd

from .labels import label


def csv_bytes(frame: pd.DataFrame) -> bytes:
    # A byte-order mark lets spreadsheet programs read the Chinese text as UTF-8.
    return ("\ufeff" + frame.to_csv(index=False, lineterminator="\n")).encode("utf-8")


def download_link(frame: pd.DataFrame, filename: str) -> str:
    """An <a download> link that carries the CSV in the page itself, so it works offline."""
    payload = base64.b64encode(csv_bytes(frame)).decode("ascii")
    name = html.escape(filename)
    return (f'<a class="hz-download" download="{name}" '
            f'href="data:text/csv;charset=utf-8;base64,{payload}">{label("download_data")} ({name})</a>')
