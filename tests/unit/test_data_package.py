"""The data package: valid, unique ids, every figure traced to a clean sentence of the article."""
from __future__ import annotations

import csv
import json
import re
import shutil

import pytest
from conftest import DATA, ROOT
from frictionless import Package

from hightech_zones.data.checks import DAMAGE_MARKERS, INJECTED, check_resource, translated_pairs, untranslated_properties
from hightech_zones.data.errors import DataError
from hightech_zones.data.loader import validate_all
from hightech_zones.words.fmt import fullwidth

SCRAPED = ROOT / "tests" / "fixtures" / "article_scraped.txt"
CJK = re.compile(r"[\u3400-\u9fff]")


def rows(name):
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def resources():
    return json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))["resources"]


def test_package_validates_with_frictionless():
    report = Package(str(DATA / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


@pytest.mark.parametrize("res", resources(), ids=lambda r: r["name"])
def test_primary_keys_are_unique(res):
    key = res["schema"]["primaryKey"]
    values = [tuple(r[k] for k in key) for r in rows(res["name"])]
    assert len(values) == len(set(values))


@pytest.mark.parametrize("res", resources(), ids=lambda r: r["name"])
def test_every_resource_is_documented(res):
    assert res.get("description") and all(f.get("description") for f in res["schema"]["fields"])
    assert f"`{res['path']}`" in (DATA / "README.md").read_text(encoding="utf-8")


def test_figure_ids_are_unique_across_the_article_and_context():
    ids = [r["id"] for r in rows("figures")] + [r["id"] for r in rows("context_figures")]
    assert len(ids) == len(set(ids))


def _number_in(written: str) -> float:
    digits = re.findall(r"\d+(?:\.\d+)?", written)
    if digits:
        return float(digits[0])
    return {"千": 1000.0}.get(next((c for c in written if c in "十百千"), ""), 1.0)


@pytest.mark.parametrize("fig", rows("figures"), ids=lambda r: r["id"])
def test_each_figure_appears_as_written_in_its_sentence(fig):
    sentence = {s["id"]: s["text_zh"] for s in rows("sentences")}[fig["sentence_id"]]
    assert fig["value_as_written"] in sentence
    assert _number_in(fig["value_as_written"]) == float(fig["value"])


def _clean_copy() -> str:
    text = SCRAPED.read_text(encoding="utf-8")
    for mark in (*DAMAGE_MARKERS, "凯发k8体育登录"):
        text = text.replace(mark, "")
    # The copy's half-width marks are restored to the original's full-width ones, line by line
    # (data/README.md: not a change of wording).
    return "\n".join(fullwidth(line) for line in text.split("\n"))


@pytest.mark.parametrize("sentence", rows("sentences"), ids=lambda r: r["id"])
def test_each_sentence_is_verbatim_from_the_article(sentence):
    assert sentence["text_zh"] in _clean_copy()


def test_the_scraped_copy_really_is_damaged():
    """Guards the two tests above and below against a fixture that was cleaned by mistake."""
    raw = SCRAPED.read_text(encoding="utf-8")
    assert all(mark in raw for mark in DAMAGE_MARKERS) and "凯发k8体育登录" in raw


@pytest.mark.parametrize("path", sorted(DATA.glob("*.csv")), ids=lambda p: p.name)
def test_no_text_keeps_a_trace_of_the_damage(path):
    text = path.read_text(encoding="utf-8")
    for mark in (*DAMAGE_MARKERS, *INJECTED, "凯发", "k8"):
        assert mark not in text, f"{path.name} contains {mark!r}"


def test_every_figure_of_the_article_is_recorded():
    """Every number in the clean article text is a figure, a year, or part of a name."""
    text = _clean_copy()
    names = ("十四届", "“百园百校万企”")  # ordinal and programme names, not figures
    numbers = re.findall(r"\d+(?:\.\d+)?", text)
    years = {n for n in numbers if re.fullmatch(r"(19|20)\d\d", n)}
    recorded = {f"{float(r['value']):g}" for r in rows("figures")} | {
        f"{float(r['value_high']):g}" for r in rows("figures") if r["value_high"]}
    unaccounted = [n for n in numbers if n not in years and f"{float(n):g}" not in recorded]
    assert not unaccounted, f"numbers in the article with no row in figures.csv: {unaccounted}"
    assert all(name in text for name in names)


@pytest.mark.parametrize("res", resources(), ids=lambda r: r["name"])
def test_every_chinese_companion_column_is_filled_wherever_its_english_one_is(res):
    """note_zh beside note, description_zh beside description_en: the Chinese edition shows them."""
    names = [f["name"] for f in res["schema"]["fields"]]
    for i, row in enumerate(rows(res["name"]), start=1):
        for en, zh in translated_pairs(names):
            assert not row[en] or row[zh], (res["path"], i, zh)


def test_the_companion_columns_are_the_ones_added_for_the_chinese_edition():
    pairs = {res["name"]: translated_pairs([f["name"] for f in res["schema"]["fields"]]) for res in resources()}
    assert ("note", "note_zh") in pairs["glossary"]
    assert ("note", "note_zh") in pairs["context_figures"]
    assert ("route_rationale", "route_rationale_zh") in pairs["new_tracks"]
    assert ("description_en", "description_zh") in pairs["pillars"]
    assert ("name_en", "name_zh") in pairs["case_zones"]
    # The sources' titles, outlets, authors, date bases and notes; the corrections record's text.
    assert {(c, f"{c}_zh") for c in ("title", "outlet", "authors", "date_basis", "note")} <= set(pairs["sources"])
    assert {(c, f"{c}_zh") for c in ("topic", "was", "now", "why", "settled_by")} <= set(pairs["corrections"])


def test_the_build_stops_at_an_empty_chinese_companion_of_a_correction(tmp_path):
    row = {"id": "x", "topic": "A topic", "topic_zh": "主题", "was": "Before.", "was_zh": "",
           "now": "After.", "now_zh": "之后。"}
    with pytest.raises(DataError, match='corrections.csv, row 1 .*column "was_zh": is empty where was is given'):
        check_resource("corrections", [row], tmp_path / "corrections.csv", lambda name: [])


def package_json():
    return json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))


def test_every_title_and_description_of_the_package_has_its_chinese():
    """title_zh beside title, description_zh beside description (resources, their sources, every
    field), and rows_come_from_zh for each resource: the Chinese edition's data dictionary and files
    table show them."""
    assert untranslated_properties(package_json()) == []
    for res in package_json()["resources"]:
        for entry in [res, *res.get("sources", []), *res["schema"]["fields"]]:
            for key in ("title", "description"):
                assert not entry.get(key) or CJK.search(entry[f"{key}_zh"]), (res["name"], entry.get("name"), key)


def test_an_untranslated_property_stops_the_build_naming_it(tmp_path):
    pkg = package_json()
    sources = pkg["resources"][0]
    del sources["schema"]["fields"][1]["description_zh"]
    sources["sources"][0]["title_zh"] = " "
    del pkg["resources"][1]["rows_come_from_zh"]
    assert untranslated_properties(pkg) == [
        "resource 'sources', source 1: title_zh is empty where title is given",
        "resource 'sources', field 'kind': description_zh is empty where description is given",
        "resource 'officials': rows_come_from_zh is empty (where its rows come from, in Chinese)"]
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    (folder / "datapackage.json").write_text(json.dumps(pkg, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DataError, match=r"^data/datapackage.json, resource 'sources', source 1: title_zh is empty"):
        validate_all(folder)


def test_the_build_stops_at_an_empty_chinese_companion(tmp_path):
    records = [{"term_en": "Unicorn", "note": "A start-up.", "note_zh": "初创企业。"},
               {"term_en": "Gazelle firm", "note": "A young firm.", "note_zh": ""},
               {"term_en": "Proof of concept", "note": "", "note_zh": ""}]
    with pytest.raises(DataError, match="glossary.csv.*row 2.*note_zh.*empty where note is given"):
        check_resource("glossary", records, tmp_path / "glossary.csv", lambda name: [])
    check_resource("glossary", records[:1] + records[2:], tmp_path / "glossary.csv", lambda name: [])
