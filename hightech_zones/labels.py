"""The words the book's code writes around the data, in the language of the edition being built.

They live in one table, ``data/labels.csv`` (English and Chinese side by side), so no chapter
or builder types a label in one language only; the edition comes from :func:`language.language`.
"""
from __future__ import annotations

from .data import load
from .language import CHINESE, language


def label(key: str) -> str:
    """The label ``key`` in the current edition's language; an unknown key is an error."""
    table = load("labels").set_index("id")
    if key not in table.index:
        raise KeyError(f"data/labels.csv has no label {key!r}")
    return str(table.loc[key, "zh" if language() == CHINESE else "en"])
