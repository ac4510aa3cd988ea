"""The reference pages are generated from the data package and the environment, and follow them."""
from __future__ import annotations

import json
import sys

from hightech_zones.analysis import reference
from hightech_zones.data.loader import load


def test_every_file_and_column_is_in_the_dictionary():
    pkg = json.loads((reference.data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    d = reference.data_dictionary()
    expected = {(r["path"], f["name"]) for r in pkg["resources"] for f in r["schema"]["fields"]}
    assert set(zip(d["file"], d["column"])) == expected
    files = reference.data_files()
    assert list(files["file"]) == [r["path"] for r in pkg["resources"]]
    assert files.set_index("file").loc["figures.csv", "rows"] == len(load("figures"))
    assert (files["rows come from"] != "").all()  # data/README.md says where every file's rows come from


def test_dictionary_names_constraints_and_links():
    d = reference.data_dictionary().set_index(["file", "column"])
    assert d.loc[("figures.csv", "id"), "key"] == "primary key"
    assert d.loc[("figures.csv", "sentence_id"), "key"] == "→ sentences.csv (id)"
    assert "one of exact, about" in d.loc[("figures.csv", "approximation"), "constraints"]


def test_editorial_columns_are_found_from_the_schema():
    e = reference.editorial_fields()
    assert {("new_tracks.csv", "route_id"), ("policy_measures.csv", "target_pillar"),
            ("policy_measures.csv", "related_figure_id")} <= set(zip(e["file"], e["column"]))


def test_the_dictionary_follows_an_edited_package(data_copy):
    path = data_copy / "datapackage.json"
    pkg = json.loads(path.read_text(encoding="utf-8"))
    glossary = next(r for r in pkg["resources"] if r["name"] == "glossary")
    glossary["schema"]["fields"][1]["description"] = "A new description."
    path.write_text(json.dumps(pkg, ensure_ascii=False), encoding="utf-8")
    d = reference.data_dictionary().set_index(["file", "column"])
    assert d.loc[("glossary.csv", "term_en"), "description"] == "A new description."


def test_sources_count_what_cites_them():
    s = reference.sources_table().set_index("id")
    assert s.loc["people_daily_2025", "sentences"] == len(load("sentences"))
    assert s["context figures"].sum() == len(load("context_figures"))


def test_versions_come_from_the_environment():
    v = reference.package_versions().set_index("package")["version"]
    assert v["python"] == "{}.{}.{}".format(*sys.version_info[:3])  # whichever supported Python runs
    assert v["pandas"] == __import__("pandas").__version__
    assert reference.package_versions(["no-such-package-xyz"]).iloc[-1]["version"] == "not installed"


