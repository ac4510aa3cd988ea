"""The words the book's code writes around the data, in the language of the edition being built.

They live in one table, ``data/labels.csv`` (English and Chinese side by side), so no chapter
or builder types a label in one language only; the edition comes from :func:`language.language`.
Terms come from ``data/glossary.csv``, the one source of each term in both languages.

A chart's data carry both languages (``status_en`` and ``status_zh``, from :func:`both` or the
data's own ``*_en``/``*_zh`` columns), so both editions draw the same data; only the encodings
pick the edition's column (:func:`field`) and title (:func:`label`).
"""
from __future__ import annotations

import re

import pandas as pd

from hightech_zones.data.loader import load, memo
from hightech_zones.language import CHINESE, language

LANGS = ("en", "zh")


def lang() -> str:
    """The edition's column suffix: 'zh' in the Chinese edition, else 'en'."""
    return "zh" if language() == CHINESE else "en"


@memo
def _table() -> pd.DataFrame:
    """The labels by id, shared by every call until data/labels.csv changes: do not change it."""
    return load("labels").set_index("id")


def label(key: str, **values) -> str:
    """The label ``key`` in the current edition's language; an unknown key is an error.

    ``{name}`` placeholders take ``values`` (numbers, already written by ``fmt``)."""
    table = _table()
    if key not in table.index:
        raise KeyError(f"data/labels.csv has no label {key!r}")
    text = str(table.loc[key, lang()])
    return text.format(**values) if values else text


def both(key: str, **values) -> dict[str, str]:
    """The label ``key`` in both languages: {'en': …, 'zh': …}."""
    table = _table()
    if key not in table.index:
        raise KeyError(f"data/labels.csv has no label {key!r}")
    return {code: str(table.loc[key, code]).format(**values) for code in LANGS}


def gap() -> str:
    """What separates words in the edition: a space in English, nothing in Chinese."""
    return "" if lang() == "zh" else " "


def field(stem: str) -> str:
    """The edition's column of a text field carried in both languages: 'status' -> 'status_zh'."""
    return f"{stem}_{lang()}"


def own(stem: str) -> str:
    """The edition's column of an English text column with a Chinese companion ('note' beside
    'note_zh'): the English column itself, or its ``_zh`` column in the Chinese edition."""
    return stem if lang() == "en" else f"{stem}_zh"


def labelled(frame: pd.DataFrame, **columns) -> pd.DataFrame:
    """``frame`` with text columns in both languages from labels: ``unit="points_2010"`` adds
    ``unit_en`` and ``unit_zh``; a Series of keys labels each row by its own key."""
    out = frame.copy()
    table = _table()
    for stem, key in columns.items():
        keys = key if isinstance(key, pd.Series) else pd.Series(key, index=out.index)
        missing = sorted(set(keys) - set(table.index))
        if missing:
            raise KeyError(f"data/labels.csv has no label {missing[0]!r}")
        for code in LANGS:
            out[f"{stem}_{code}"] = keys.map(table[code]).astype(str)
    return out


def term(term_en: str) -> str:
    """A glossary term in the edition's language: 'New track' -> '新赛道' in Chinese."""
    glossary = load("glossary").set_index("term_en")
    if term_en not in glossary.index:
        raise KeyError(f"data/glossary.csv has no term {term_en!r}")
    return term_en if lang() == "en" else str(glossary.loc[term_en, "term_zh"])


def column_keys(frame: pd.DataFrame) -> dict[str, str]:
    """Each column's header key in data/labels.csv: 'rows come from' -> 'col_rows_come_from'
    (for ``tables.table(..., headers=column_keys(frame))``)."""
    return {c: "col_" + re.sub(r"[^a-z0-9]+", "_", str(c).lower()).strip("_") for c in frame.columns}
