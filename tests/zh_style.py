"""The Chinese house style as checks (issue 27), shared by tests/test_zh_style.py (the built pages
and the PDF) and tests/test_terms.py (the catalogues and the data, no build needed).

`faults(text)` reads Chinese text as a reader gets it, code already taken out, and names every
place that breaks the house style: a Western thousands separator in a number, an ISO date, a
half-width comma, semicolon, colon or parenthesis touching a Chinese character, and a variant the
termbase (data/terms.csv) says to avoid. Quotations keep their own words: the article's sentences
and the context figures' words are taken out before terms are checked.

Why not AutoCorrect (autocorrect-py): its spacing rule is the opposite of the People's Daily's (it
puts a space between Chinese and digits or Latin letters, and has no rule that takes one out), and
with spacing off its full-width rule missed half-width parentheses, commas after a parenthesis and
colons and semicolons inside quotations (tried on 2.14.0). The rules here are the few the book needs.
"""
from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
CJK = "\u3400-\u9fff\uf900-\ufaff"
_CJK = f"[{CJK}]"

SEPARATOR = re.compile(r"(?<![\d,.])\d{1,3}(?:,\d{3})+(?![\d])")
# A date, not an execution time stamp ("2026-12-06 23:11", myst-nb's table of runs, a machine's record).
ISO_DATE = re.compile(r"(?<![\d\-/_])(?:19|20)\d\d-[01]\d(?:-[0-3]\d)?(?![\d\-_])(?! \d\d:\d\d)")
# A half-width mark touching a Chinese character (one space allowed between them).
HALF_WIDTH = re.compile(rf"(?<={_CJK}) ?[,;()]|[,;()] ?(?={_CJK})|(?<={_CJK}):(?! ?//)")
URL = re.compile(r"\b(?:https?|file)://\S+|\bwww\.\S+")

# The theme's own words a Chinese reader must not meet (text, tooltips, labels of controls,
# the fold's hint); 列印 is the Taiwanese word for print that sphinx-book-theme's zh_CN catalogue has.
UI_STRINGS = ("Show code", "Hide code", "Click to show", "Click to hide", "Copyright", "Link to this heading",
              "Link to this image", "Link to this table", "Search this book", "Toggle primary sidebar",
              "Toggle secondary sidebar", "Color mode", "System Settings", "Print to PDF", "Download source file",
              "Download notebook file", "Skip to main content", "Back to top", "Fullscreen mode", "Last updated",
              "Contents", "previous page", "next page", "列印")


@cache
def termbase() -> list[dict]:
    with open(DATA / "terms.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row["avoid"] = [v.strip() for v in row["avoid_zh"].split(";") if v.strip()]
    return rows


@cache
def quotations() -> tuple[str, ...]:
    """Text in its own words: the article's sentences, the context figures' words, and what the
    corrections record says the book wrote before (was_zh); longest first."""
    found = set()
    for name, columns in (("sentences", ("text_zh",)), ("context_figures", ("words",)), ("corrections", ("was_zh",))):
        with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                for column in columns:
                    for part in re.split(r"…+|\.{3}", row[column] or ""):
                        if len(part) >= 6:
                            found.add(part)
    return tuple(sorted(found, key=len, reverse=True))


def unquoted(text: str) -> str:
    """`text` without quotations (their words are their authors') and short quoted words (“文章”)."""
    for quote in quotations():
        if quote in text:
            text = text.replace(quote, " ")
    return re.sub(r"“[^”]{1,12}”|'[^']{1,40}'", " ", text)


def variants(text: str) -> list[str]:
    """Each variant of the termbase in `text`, outside quotations and outside the terms themselves."""
    text = unquoted(text)
    # Each concept's own term is taken out before its variants are looked for (统计局 in 国家统计局).
    return [v for row in termbase() for v in row["avoid"] if v in text.replace(row["term_zh"], "\0")]


def faults(text: str, terms: bool = True) -> list[str]:
    """The house-style faults of a Chinese text, one line each ('separator: 153,000')."""
    text = URL.sub(" ", text)
    # A number quoted as a record of how it was once written (“约为1,070点”, the corrections record) is
    # a quotation, not the book's writing.
    out = [f"separator: {m.group()}" for m in SEPARATOR.finditer(re.sub(r"“[^”]{1,40}”", " ", text))]
    out += [f"ISO date: {m.group()}" for m in ISO_DATE.finditer(text)]
    out += [f"half-width {m.group().strip()!r}: {text[max(m.start() - 8, 0):m.end() + 8]!r}"
            for m in HALF_WIDTH.finditer(re.sub(r"“[^”]{1,40}”", " ", text))]
    if terms:
        out += [f"term to avoid: {v}" for v in variants(text)]
    return out


def ui_strings(text: str) -> list[str]:
    """The theme's English words (and the Taiwanese 列印) found in `text`."""
    return [s for s in UI_STRINGS if s in text]
