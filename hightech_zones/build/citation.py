"""How to cite the book, in either edition, from one source: ``CITATION.cff`` at the book's root.

GitHub and Zenodo read that file; the book makes from it the landing page's suggested citation
(:func:`book_citation`), the BibTeX file a reader downloads (:func:`bibtex`) and the Cite line under
every chart and table (:func:`figure_citation`), so none of them can drift from it. The Chinese
edition names the book by its own title and authors (``_config.zh_CN.yml``); everything else,
version and source included, comes from the file.
"""
from __future__ import annotations

import html
import os
import time
from pathlib import Path

import yaml

from hightech_zones.words.labels import gap, label, lang

CFF = "CITATION.cff"


def read(root: Path) -> dict:
    return yaml.safe_load((root / CFF).read_text(encoding="utf-8"))


def build_year() -> int:
    """The year of the commit the book is built from (``SOURCE_DATE_EPOCH``), else this year."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or 0) or time.time()
    return time.gmtime(epoch).tm_year


def _names(people: list[dict]) -> list[str]:
    """A person as the Chinese press writes them (family name first, no space), or an entity's name."""
    return [p.get("name") or p.get("family-names", "") + p.get("given-names", "") for p in people]


def _joined(names: list[str]) -> str:
    if lang() == "zh":
        return "、".join(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def source(cff: dict) -> str:
    """The article the book is built from: its authors, newspaper and date, in the edition's style.
    Its date is written as the book writes it everywhere (label article_date, 'spring 2025'): the copy
    has no day, and the reference's month, which GitHub and Zenodo read, is the book's inference."""
    ref = cff["references"][0]
    journal = ref["journal"]
    if lang() == "zh":  # '人民日报 (People's Daily)' -> '《人民日报》'
        journal = f"《{journal.split(' (')[0]}》"
    return label("cite_source", authors=_joined(_names(ref["authors"])), journal=journal, date=label("article_date"))


def book_citation(cff: dict, title: str, authors: str) -> tuple[str, str, str]:
    """The suggested citation as (text before the title, the title, text after it): the title is set
    in italics in English, and the Chinese edition puts it in 《》."""
    if lang() == "zh":
        title = f"《{title}》"
    marker = "\0"
    text = label("cite_book", authors=authors, year=build_year(), title=marker, version=cff["version"],
                 source=source(cff))
    before, after = text.split(marker)
    return before, title, after


def bibtex(cff: dict, url: str) -> str:
    """The book as a BibTeX entry (its key: the book's name and year)."""
    def braced(text: str) -> str:  # keep capitals; BibTeX's specials written as text
        return "{" + "".join("\\" + c if c in "&%$#_" else c for c in text) + "}"
    fields = {
        "author": braced(_names(cff["authors"])[0]),
        "title": braced(cff["title"]),
        "year": str(build_year()),
        "version": cff["version"],
        "url": url,
        "note": f"Built from {source(cff)}".replace("{", "").replace("}", ""),
    }
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields.items())
    return f"@misc{{hightech_zones_{build_year()},\n{body}\n}}\n"


def figure_citation(book: str, number: str, title: str, anchor: str, permalink: str) -> str:
    """The Cite line under a chart or table, as HTML: the book, the figure's number and title, and its
    permalink (linked to the figure's anchor on this page, so that it works offline and on any host)."""
    first = title.split(". ")[0].split("。")[0].rstrip(".")  # the caption's first sentence
    # Quoted marks inside the quotation become single: “…‘强化……’…”, not “…“强化……”…”.
    quoted = f"“{html.escape(first.replace('“', '‘').replace('”', '’'))}”"
    book = f"《{html.escape(book)}》" if lang() == "zh" else f"<cite>{html.escape(book)}</cite>"
    sep = "，" if lang() == "zh" else ", "
    link = f'<a class="hz-permalink" href="#{html.escape(anchor)}">{html.escape(permalink)}</a>'
    return (f'<p class="hz-figure-cite">{html.escape(label("cite_figure"))}{gap()}'
            f"{book}{sep}{html.escape(number)}{sep}{quoted}{sep}{link}</p>")
