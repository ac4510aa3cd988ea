"""The innovation-capacity chapter's chart builders: what each chart encodes, and that it is honest.

Each builder is given the frames the chapter gives it, made from the book's data, and its
Vega-Lite spec is read back: the encodings, a zero-based scale for bars of levels, a log scale
for multiples, and tooltips that carry the source sentence in Chinese and English. The built
chapter must show every innovation-capacity figure in a chart, table or tooltip.
"""
from __future__ import annotations

import base64
import csv
import io
import json
import re

import pytest

from hightech_zones import load
from hightech_zones.analysis import audit
from hightech_zones.data.loader import with_sentences


@pytest.fixture(scope="module")
def data():
    figures, context, units = load("figures"), load("context_figures"), load("units")
    ic = with_sentences(figures[figures.theme == "innovation_capacity"], load("sentences"))
    return {"ic": ic, "fig": ic.set_index("id"), "context": context, "ctx": context.set_index("id"),
            "derived": audit.derived(figures, context, units).set_index("id"),
            "pillars": load("pillars").set_index("id")}


SENTENCE_FIELDS = {"text_zh", "text_en", "words"}


def shown_records(page: str) -> list[dict]:
    """Every row of data the page shows: each chart's inline data and each table's download."""
    records = []
    for spec in re.findall(r"var spec=(\{.*?\});var el=", page, re.S):
        for data in json.loads(spec.replace("<\\/", "</")).get("datasets", {}).values():
            records += data
    for payload in re.findall(r'href="data:text/csv;charset=utf-8;base64,([^"]*)"', page):
        records += list(csv.DictReader(io.StringIO(base64.b64decode(payload).decode("utf-8-sig"))))
    return records


def _numbers(record: dict) -> set[float]:
    found = set()
    for value in record.values():
        try:
            found.add(round(float(value), 4))
        except (TypeError, ValueError):
            pass
    return found


def test_the_chapter_shows_every_innovation_capacity_figure(built_html, data):
    """A figure counts as shown when a row of a chart or table holds it as written (outside the
    sentence), or holds its value beside its own sentence. The full list is on the figures page."""
    records = shown_records((built_html / "chapters" / "innovation_capacity.html").read_text(encoding="utf-8"))

    def shown(f) -> bool:
        return any(any(f.value_as_written in str(v) for k, v in r.items() if k not in SENTENCE_FIELDS)
                   or (r.get("text_zh") == f.text_zh and round(f.value, 4) in _numbers(r)) for r in records)
    missing = [f.id for f in data["ic"].itertuples() if not shown(f)]
    assert not missing, f"figures not shown in any chart or table of the chapter: {missing}"


# --- the Chinese edition: the same data, Chinese words --------------------------------------------


