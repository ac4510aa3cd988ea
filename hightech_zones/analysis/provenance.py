"""Where each number of the prose comes from: the id a glued number carries, and its card.

A chapter glues a number together with the id of what it shows: a figure of the article
(``figures.csv``), a context figure (``context_figures.csv``), a value the audit derives or a
claim it recomputes (``audit.py``). :func:`sourced` makes that pair, a :class:`Sourced` string;
``glue.glue_figure`` glues it. Its glue record holds the text as any glued string, for
``{glue:text}``, and the id under a mime type of its own (:data:`MIME`), so the Sphinx extension
knows which figure each number of a page shows, links it to its row of the register
(:func:`register_target`) and gives it a card (:func:`cards`).

The cards are built here, from ``data/``, when the book is built: nothing in them is typed
twice. Their words come from :data:`LABELS`, by language, so an edition in another language
shows the same cards in its own words. Counts of the book's own items (rows of a data file)
are no figures and are glued as plain text.

This module imports only the standard library at the top: the Sphinx extension imports it on
every build, and only a build that writes pages pays for pandas.
"""
from __future__ import annotations

import os
import re
from contextlib import contextmanager

from hightech_zones.data.loader import memo
from hightech_zones.language import CHINESE, ENGLISH, ENV
from hightech_zones.words import fmt

MIME = "application/vnd.hightech-zones.source+json"
KINDS = ("figure", "context", "derived", "claim")  # the order a bare id is looked up in
ID = re.compile(r"^[a-z0-9_]+$")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

# Where each kind's rows are listed, one anchor per row, the anchor being the row's id.
REGISTER = {"figure": "chapters/figures", "context": "chapters/figures",
            "derived": "chapters/audit", "claim": "chapters/audit"}

LABELS = {
    "en": {
        "figure": "Figure of the article", "context": "Context figure, from another source",
        "derived": "Derived by the book, not stated", "claim": "Recomputed by the book's audit",
        "year": "Year", "rests_on": "rests on", "no_year": "not stated",
        "as_written": "As written", "in_english": "In English", "stated": "Stated by the article",
        "sentence": "Source sentence", "translation": "Translation",
        "value": "Value", "words": "The source's words", "outlet": "Outlet", "date": "Date",
        "confidence": "Confidence", "note": "Note",
        "how": "Computation", "uses": "Figures it uses", "recomputed": "Recomputed",
        "agrees": "Agrees within rounding", "yes": "yes", "no": "no",
        "register": "Its row in the register",
    },
    "zh_CN": {
        "figure": "报道中的数字", "context": "背景数字（其他来源）",
        "derived": "本书推算，报道未直接给出", "claim": "本书核查重新计算",
        "year": "年份", "rests_on": "依据", "no_year": "未说明",
        "as_written": "原文写法", "in_english": "英文表述", "stated": "报道直接给出",
        "sentence": "原文句子", "translation": "英译",
        "value": "数值", "words": "来源原话", "outlet": "媒体", "date": "日期",
        "confidence": "可信度", "note": "说明",
        "how": "算法", "uses": "所用数字", "recomputed": "重新计算",
        "agrees": "在四舍五入范围内一致", "yes": "是", "no": "否",
        "register": "在数字登记表中的一行",
    },
}


def labels(language: str | None) -> dict[str, str]:
    """The cards' words in the build's language (Sphinx's ``language``: 'en', 'zh_CN', …)."""
    language = (language or "en").replace("-", "_")
    if language.startswith("zh"):
        return LABELS["zh_CN"]
    return LABELS.get(language, LABELS["en"])


class Sourced(str):
    """A number as the prose writes it, with the id of the figure it shows ('kind:id').

    It is a string, so it glues, formats and compares as one; its mime bundle adds the id."""

    ref: str

    def __new__(cls, text: str, ref: str) -> "Sourced":
        kind, _, key = ref.partition(":")
        if kind not in KINDS or not ID.match(key):
            raise ValueError(f"not a qualified figure id: {ref!r} (expected 'kind:id', kind in {KINDS})")
        self = super().__new__(cls, text)
        self.ref = ref
        return self

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {"text/plain": repr(str(self)), MIME: {"ref": self.ref}}


def sourced(text: str, ref: str) -> Sourced:
    """``text`` carrying the id of what it shows: a bare id ('total_index') is looked up in the
    figures, the context figures, the derived values and the claims, in that order; 'claim:…'
    (or any 'kind:…') says which. An id the data do not hold stops the chapter here."""
    return Sourced(str(text), qualify(ref))


def qualify(ref: str) -> str:
    kind, _, key = ref.rpartition(":")
    kinds = [kind] if kind else KINDS
    for k in kinds:
        if key in _ids(k):
            return f"{k}:{key}"
    raise KeyError(f"no {' or '.join(kinds)} has the id {key!r} in data/")


@memo
def _ids(kind: str) -> frozenset[str]:
    from hightech_zones.analysis import audit
    from hightech_zones.data.loader import load

    if kind == "figure":
        return frozenset(load("figures").id)
    if kind == "context":
        return frozenset(load("context_figures").id)
    tables = load("figures"), load("context_figures"), load("units")
    if kind == "derived":
        return frozenset(audit.derived(*tables).id)
    if kind == "claim":
        return frozenset(audit.claims(*tables).id)
    raise KeyError(f"no kind of figure is called {kind!r}")


def register_target(ref: str) -> tuple[str, str]:
    """The page (docname) that lists the figure, and its anchor there: its id."""
    kind, _, key = ref.partition(":")
    return REGISTER[kind], key


# --- the cards ------------------------------------------------------------------------------

@contextmanager
def _edition(language: str):
    """The environment of a kernel of the edition ``language``, for the code that reads it."""
    before = os.environ.get(ENV)
    os.environ[ENV] = language
    try:
        yield
    finally:
        if before is None:
            del os.environ[ENV]
        else:
            os.environ[ENV] = before


def cards(language: str = "en") -> dict[str, dict]:
    """Every card of the book, by qualified id: a title, a kind, and rows of (label, text, lang).

    The text is plain text: the page's script sets it as text, never as markup."""
    from hightech_zones.analysis import audit
    from hightech_zones.data.loader import load

    words = labels(language)
    zh = words is LABELS["zh_CN"]
    figures, context, units = load("figures"), load("context_figures"), load("units")
    sentences = load("sentences").set_index("id")
    sources = load("sources").set_index("id")
    # The audit writes its words (labels audit_*) in the edition the environment names: the cards'.
    with _edition(CHINESE if zh else ENGLISH):
        claims = audit.claims(figures, context, units)
        derived = audit.derived(figures, context, units)
        readable_claims = audit.readable(claims)
        readable_derived = audit.readable_derived(derived)
    named = _names(figures, context, units, zh)
    found: dict[str, dict] = {}
    for row in figures.itertuples():
        found[f"figure:{row.id}"] = _figure_card(row, units, sentences, words, zh)
    for row in context.itertuples():
        found[f"context:{row.id}"] = _context_card(row, sources, words, zh)
    for row, shown in zip(derived.itertuples(), readable_derived.itertuples()):
        found[f"derived:{row.id}"] = _card(row.quantity, words["derived"], [
            (words["value"], shown[2], ""),
            (words["how"], row.how, ""),
            *_inputs(row.inputs, named, words)])
    for row, shown in zip(claims.itertuples(), readable_claims.itertuples()):
        found[f"claim:{row.id}"] = _card(row.claim, words["claim"], [
            (words["as_written"], row.as_written, None),
            (words["recomputed"], shown.recomputed, ""),
            (words["agrees"], words["yes"] if row.agrees else words["no"], ""),
            (words["how"], row.how, ""),
            *_inputs(row.inputs, named, words)])
    for card in found.values():
        card["register"] = words["register"]
        if zh:  # Chinese typography: full-width marks, Chinese dates (fmt)
            with _edition(CHINESE):
                card["title"] = fmt.fullwidth(card["title"])
                card["rows"] = [[name, fmt.fullwidth(fmt.dates_in(_no_separators(text))), lang]
                                for name, text, lang in card["rows"]]
    return found


def _no_separators(text: str) -> str:
    """'7,130' -> '7130': Chinese writes no thousands separator (fmt.number_zh)."""
    return re.sub(r"(?<![\d,.])\d{1,3}(?:,\d{3})+(?!\d)", lambda m: m.group().replace(",", ""), text)


def _card(title: str, kind: str, rows: list[tuple[str, str, str | None]]) -> dict:
    """A card; a row's language is given, or Chinese when its text holds Chinese (None)."""
    return {"title": str(title), "kind": kind,
            "rows": [[label, str(text), _lang(text) if lang is None else lang]
                     for label, text, lang in rows if _given(text)]}


def _lang(text) -> str:
    return "zh-CN" if CJK.search(str(text)) else ""


def _given(value) -> bool:
    return value is not None and str(value) not in ("", "nan", "<NA>", "None")


def _year(year, basis: str, words: dict, zh: bool = False) -> str:
    if not _given(year):
        return words["no_year"]
    if basis in ("", "stated") or not _given(basis):
        return str(year)
    from hightech_zones.words.labels import both

    said = both(f"year_basis_{basis}")["zh" if zh else "en"]
    return f"{year} ({words['rests_on']}: {said})"


def _figure_card(row, units, sentences, words: dict, zh: bool) -> dict:
    from hightech_zones.words.prose import english_value

    sentence = sentences.loc[row.sentence_id]
    english = english_value(row._asdict(), units)
    return _card(row.measure_zh if zh else row.measure_en, words["figure"], [
        (words["year"], _year(row.year, row.year_basis, words, zh), ""),
        (words["as_written"], row.value_as_written, None),
        # '33%' needs no English rendering beside it
        (words["in_english"], "" if english == row.value_as_written else english, ""),
        (words["sentence"], sentence["text_zh"], "zh-CN"),
        (words["translation"], sentence["text_en"], "en"),
    ])


def _context_card(row, sources, words: dict, zh: bool) -> dict:
    from hightech_zones.words.fmt import number
    from hightech_zones.words.labels import both

    source = sources.loc[row.source_id]
    suffix = "_zh" if zh else ""  # sources.csv's Chinese companions: outlet_zh, title_zh
    outlet = source["outlet" + suffix] if _given(source["outlet"]) else source["title" + suffix]
    when = row.as_of if _given(row.as_of) else row.year
    return _card(row.measure_zh if zh else row.measure_en, words["context"], [
        (words["year"], _year(when, "", words), ""),
        (words["value"], f"{number(row.value)}{'' if zh else ' '}{row.unit}", None),
        (words["words"], row.words, None),
        (words["outlet"], outlet, None),
        (words["date"], source["published"], ""),
        (words["confidence"], both(f"confidence_{row.confidence}")["zh" if zh else "en"], ""),
        (words["note"], row.note_zh if zh else row.note, ""),
    ])


def _names(figures, context, units, zh: bool) -> dict[str, str]:
    """Each figure and context figure in a few words: its measure and its value as written."""
    from hightech_zones.words.fmt import number

    named = {}
    for row in figures.itertuples():
        when = f" ({row.year})" if _given(row.year) else ""
        named[row.id] = f"{row.measure_zh if zh else row.measure_en}{when}: {row.value_as_written}"
    for row in context.itertuples():
        when = f" ({row.year})" if _given(row.year) else ""
        named[row.id] = f"{row.measure_zh if zh else row.measure_en}{when}: {number(row.value)}{row.unit}"
    return named


def _inputs(inputs: str, named: dict[str, str], words: dict) -> list[tuple[str, str, str]]:
    refs = [ref for ref in str(inputs).split(", ") if ref]
    return [(words["uses"], "; ".join(named.get(ref, ref) for ref in refs), None)]
