"""Publishing, without a build: CITATION.cff agrees with the book, the citations made from it, the
sitemap's pairing of the editions, and the release archive's bytes (publish.py, citation.py)."""
from __future__ import annotations

import csv
import gzip
import hashlib
import io
import os
import tarfile
from pathlib import Path

import pytest
import yaml

import hightech_zones
from hightech_zones.build import citation, publish
from hightech_zones.language import ENV as LANGUAGE_ENV
from hightech_zones.words.labels import both

ROOT = Path(__file__).resolve().parents[2]
CFF = citation.read(ROOT)


def test_the_citation_file_names_the_book_as_its_configuration_does():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert CFF["title"] == config["title"]
    assert [a["name"] for a in CFF["authors"]] == [config["author"]]
    assert CFF["version"] == hightech_zones.__version__
    assert set(CFF["license"]) == {"MIT", "CC-BY-4.0"}


def test_the_citation_file_s_reference_is_the_article_of_the_data():
    with (ROOT / "data" / "sources.csv").open(encoding="utf-8") as f:
        article = next(row for row in csv.DictReader(f) if row["id"] == "people_daily_2025")
    ref = CFF["references"][0]
    assert ref["title"] == article["title"] and ref["journal"] == article["outlet"]
    assert f"{ref['year']}-{ref['month']:02d}" == article["published"]
    assert all(str(ref["year"]) in date for date in both("article_date").values())  # the citation's date
    names = [a["family-names"] + a["given-names"] for a in ref["authors"]]
    assert article["authors_zh"].startswith("、".join(names[:2])) and names[2] in article["authors_zh"]


@pytest.fixture(params=["en", "zh_CN"])
def edition(request, monkeypatch):
    monkeypatch.setenv(LANGUAGE_ENV, request.param)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")  # in 2026
    return request.param


def test_the_suggested_citation_comes_from_the_file(edition):
    before, title, after = citation.book_citation(CFF, "A title", "Some authors")
    text = before + title + after
    assert text.startswith("Some authors") and "2026" in text and CFF["version"] in text
    assert "王政" in text and "刘温馨" in text and "宋佳航" in text
    assert title == ("《A title》" if edition == "zh_CN" else "A title")
    assert ("2025年春" if edition == "zh_CN" else "spring 2025") in after  # as the book dates the article everywhere


def test_the_bibtex_entry_carries_the_file_s_fields(edition):
    entry = citation.bibtex(CFF, "https://example.org/book/")
    assert entry.startswith("@misc{hightech_zones_2026,")
    assert f"title = {{{{{CFF['title']}}}}}" in entry and f"version = {{{CFF['version']}}}" in entry
    assert "url = {https://example.org/book/}" in entry and entry.count("{") == entry.count("}")


def test_a_figure_s_cite_line_links_its_anchor_and_escapes_its_text(edition):
    line = citation.figure_citation("Book <b>", "Fig. 1.1", "A <b>caption</b>. More text.", "fig-x",
                                    "https://example.org/book/p.html#fig-x")
    assert '<a class="hz-permalink" href="#fig-x">https://example.org/book/p.html#fig-x</a>' in line
    assert "<b>" not in line and "A &lt;b&gt;caption&lt;/b&gt;" in line and "More text" not in line


def test_the_base_url_is_one_setting_with_a_placeholder(monkeypatch):
    monkeypatch.delenv(publish.ENV, raising=False)
    assert publish.base_url() == publish.PLACEHOLDER and publish.base_url("zh_CN") == publish.PLACEHOLDER + "zh_CN/"
    monkeypatch.setenv(publish.ENV, "https://someone.github.io/book")
    assert publish.base_url() == "https://someone.github.io/book/"
    assert "Sitemap: https://someone.github.io/book/sitemap.xml" in publish.robots()


def _site(root: Path) -> Path:
    for rel in ["index.html", "chapters/a.html", "chapters/only_en.html", "search.html",
                "zh_CN/index.html", "zh_CN/chapters/a.html", "_static/x.html"]:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("<html></html>", encoding="utf-8")
    return root


def test_the_sitemap_lists_both_editions_and_pairs_each_page_with_its_translation(tmp_path, monkeypatch):
    monkeypatch.setenv(publish.ENV, "https://h.example/b/")
    from xml.etree import ElementTree

    tree = ElementTree.parse(publish.sitemap(_site(tmp_path)))
    ns = {"s": publish.SITEMAP_NS, "x": publish.XHTML_NS}
    urls = {u.find("s:loc", ns).text: {a.get("hreflang"): a.get("href") for a in u.findall("x:link", ns)}
            for u in tree.getroot()}
    pair = {"en": "https://h.example/b/chapters/a.html", "zh-Hans": "https://h.example/b/zh_CN/chapters/a.html"}
    assert urls == {"https://h.example/b/index.html": {"en": "https://h.example/b/index.html",
                                                        "zh-Hans": "https://h.example/b/zh_CN/index.html"},
                    "https://h.example/b/zh_CN/index.html": {"en": "https://h.example/b/index.html",
                                                             "zh-Hans": "https://h.example/b/zh_CN/index.html"},
                    pair["en"]: pair, pair["zh-Hans"]: pair,
                    "https://h.example/b/chapters/only_en.html": {}}


def test_the_archive_is_the_same_bytes_whatever_the_files_times(tmp_path):
    files = {}
    for name in ["b.txt", "a/c.txt", "a/b/d.bin"]:
        path = tmp_path / "in" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(name.encode() * 3)
        files[name] = path
    first = publish.archive(files, tmp_path / "1" / "x.tar.gz", "top", 1790000000).read_bytes()
    for path in files.values():
        os.utime(path, (1, 1))
        path.chmod(0o600)
    second = publish.archive(files, tmp_path / "2" / "x.tar.gz", "top", 1790000000).read_bytes()
    assert first == second
    assert first[4:8] == b"\0\0\0\0"  # gzip's time stamp
    with tarfile.open(fileobj=io.BytesIO(first)) as tar:
        members = tar.getmembers()
        assert [m.name for m in members if m.isfile()] == sorted(m.name for m in members if m.isfile())
        assert {(m.mtime, m.uid, m.gid, m.uname, m.gname) for m in members} == {(1790000000, 0, 0, "", "")}
        sums = tar.extractfile("top/SHA256SUMS").read().decode()
        for line in sums.splitlines():
            digest, name = line.split("  ")
            assert hashlib.sha256(tar.extractfile(f"top/{name}").read()).hexdigest() == digest
    assert len(sums.splitlines()) == 3
    assert gzip.decompress(first)  # a whole gzip stream
