"""hightech_zones.analysis.provenance: the id a glued number carries, and the card built for it from data/.

No build needed: the cards are recomputed here from the CSV files another way where it matters.
"""
from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from hightech_zones.analysis import provenance
from hightech_zones.analysis.provenance import MIME, Sourced, sourced
from hightech_zones.output.tables import table

DATA = Path(__file__).resolve().parents[2] / "data"


def rows(name: str) -> list[dict]:
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_a_sourced_number_is_its_text_and_carries_its_id():
    number = sourced("505.7", "total_index")
    assert number == "505.7" and isinstance(number, str) and number.ref == "figure:total_index"
    assert number._repr_mimebundle_() == {"text/plain": "'505.7'", MIME: {"ref": "figure:total_index"}}


def test_a_bare_id_is_looked_up_by_kind_and_a_kind_can_be_named():
    assert sourced("1", "zone_count_2006").ref == "context:zone_count_2006"
    assert sourced("1", "total_index_cagr").ref == "derived:total_index_cagr"
    assert sourced("1", "index_2023_gain").ref == "claim:index_2023_gain"
    # hightech_mfg_gap is both a figure and a claim: the figure comes first, unless the claim is named.
    assert sourced("1", "hightech_mfg_gap").ref == "figure:hightech_mfg_gap"
    assert sourced("1", "claim:hightech_mfg_gap").ref == "claim:hightech_mfg_gap"


@pytest.mark.parametrize("ref", ["no_such_figure", "claim:total_index", "figures:total_index"])
def test_an_id_the_data_do_not_hold_stops_the_chapter(ref):
    with pytest.raises(KeyError):
        sourced("1", ref)


def test_a_malformed_id_is_refused():
    with pytest.raises(ValueError):
        Sourced("1", "figure:Total Index")


def test_every_figure_has_a_card_with_its_sentence_in_chinese_and_in_english():
    cards = provenance.cards("en")
    sentences = {s["id"]: s for s in rows("sentences")}
    for figure in rows("figures"):
        card = cards[f"figure:{figure['id']}"]
        texts = {label: text for label, text, _ in card["rows"]}
        sentence = sentences[figure["sentence_id"]]
        assert card["title"] == figure["measure_en"]
        assert texts["As written"] == figure["value_as_written"]
        assert texts.get("In English") != figure["value_as_written"]  # said once when the same
        assert texts["Source sentence"] == sentence["text_zh"]
        assert texts["Translation"] == sentence["text_en"]
        assert texts["Year"].startswith(figure["year"] or "not stated")
        assert figure["value_as_written"] in sentence["text_zh"]


def test_every_context_figure_has_a_card_with_outlet_date_and_confidence():
    cards = provenance.cards("en")
    sources = {s["id"]: s for s in rows("sources")}
    for figure in rows("context_figures"):
        texts = {label: text for label, text, _ in cards[f"context:{figure['id']}"]["rows"]}
        source = sources[figure["source_id"]]
        assert texts["Outlet"] == (source["outlet"] or source["title"])
        assert texts.get("Date", "") == source["published"]  # a source may have no date
        assert texts["Confidence"] == figure["confidence"]
        assert texts.get("The source's words", "") == figure["words"]  # some record none


def test_derived_values_and_claims_say_how_and_from_what():
    from hightech_zones import load
    from hightech_zones.analysis import audit

    tables = load("figures"), load("context_figures"), load("units")
    cards = provenance.cards("en")
    for kind, frame in (("derived", audit.derived(*tables)), ("claim", audit.claims(*tables))):
        for row in frame.itertuples():
            texts = {label: text for label, text, _ in cards[f"{kind}:{row.id}"]["rows"]}
            assert texts["Computation"] == row.how
            uses = texts["Figures it uses"]
            assert uses.count(";") == row.inputs.count(","), (row.id, uses)


def test_chinese_text_is_marked_as_chinese():
    for card in provenance.cards("en").values():
        for label, text, lang in card["rows"]:
            assert lang != "zh-CN" or provenance.CJK.search(text), (label, text)
            if label == "Source sentence":
                assert lang == "zh-CN", (label, text)
            if label == "Translation":
                assert lang == "en", text


def test_the_chinese_edition_gets_the_same_cards_in_its_own_words():
    en, zh = provenance.cards("en"), provenance.cards("zh_CN")
    assert set(en) == set(zh)
    assert set(provenance.LABELS["en"]) == set(provenance.LABELS["zh_CN"])
    assert zh["figure:total_index"]["title"] == "创新能力总指数"
    assert zh["figure:total_index"]["register"] == provenance.LABELS["zh_CN"]["register"]
    assert [len(c["rows"]) for c in en.values()] == [len(c["rows"]) for c in zh.values()]
    assert provenance.labels("zh-CN") is provenance.LABELS["zh_CN"]
    assert provenance.labels(None) is provenance.LABELS["en"]


def test_every_card_has_an_anchor_on_its_register_page():
    for ref in provenance.cards("en"):
        page, anchor = provenance.register_target(ref)
        assert (Path(__file__).resolve().parents[2] / f"{page}.md").is_file()
        assert anchor == ref.split(":", 1)[1]


def test_a_register_table_marks_each_row_with_its_id():
    import pandas as pd

    frame = pd.DataFrame({"measure": ["a <b>", "c"], "value": [1, 2]})
    shown = table(frame, "x.csv", anchors=["total_index", "zone_gdp"])
    html = shown._repr_html_()
    assert '<tr id="total_index">' in html and '<tr id="zone_gdp">' in html and "a &lt;b&gt;" in html
    assert html.count("<tr") == 3  # the head's row and two rows, each once
    lines = shown._repr_markdown_().splitlines()
    assert lines[2].startswith("| {hz-anchor}`total_index`a \\<b\\>")
    assert lines[3].startswith("| {hz-anchor}`zone_gdp`c")
    assert "<tr id" not in table(frame, "x.csv")._repr_html_()
    for bad in (["total_index"], ["total_index", "a b"], ["total_index", '"><script>']):
        with pytest.raises(ValueError):
            table(frame, "x.csv", anchors=bad)


def test_the_cards_of_an_edition_are_in_its_language_whatever_the_environment(monkeypatch):
    """The audit's claims write their words in the environment's edition: the cards set it."""
    from hightech_zones.language import ENV

    monkeypatch.delenv(ENV, raising=False)
    chinese = provenance.cards("zh_CN")["claim:index_avg_gain"]["title"]
    assert chinese.startswith("总指数从") and ENV not in os.environ
    monkeypatch.setenv(ENV, "zh_CN")
    assert provenance.cards("en")["claim:index_avg_gain"]["title"].startswith("The total index rose from")
    assert os.environ[ENV] == "zh_CN"
