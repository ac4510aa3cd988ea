"""The built site as a published site: Cite lines, link previews, the sitemap, the citation, and the
release archive served from a sub-path (build/publish.py, book/site.py, build/citation.py)."""
from __future__ import annotations

import subprocess
import sys
import tarfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from site_pages import EDITIONS, HTML, SUB_PATH, pages, soup

from hightech_zones.build import citation, publish

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def site(built_html):
    return {edition: {p.relative_to(folder).as_posix(): soup(p) for p in pages(folder)}
            for edition, folder in EDITIONS.items()}


def test_every_chart_and_table_has_a_cite_line_that_points_to_its_own_anchor(site):
    cited = 0
    for edition, book in site.items():
        for rel, page in book.items():
            for data in page.select("p.hz-figure-data"):
                figure = data.find_parent("figure")
                cite = data.find_next_sibling("p", class_="hz-figure-cite")
                assert figure is not None and cite is not None, (edition, rel, data.get_text())
                link = cite.select_one("a.hz-permalink")
                anchor = link["href"]
                assert anchor == f"#{figure['id']}" and page.find(id=anchor[1:]) is figure, (rel, anchor)
                assert link.get_text() == f"{publish.base_url(edition)}{rel}{anchor}"
                number = figure.select_one(".caption-number").get_text().strip()
                assert number in cite.get_text(), (rel, number, cite.get_text())
                assert cite.get_text().startswith("Cite:" if edition == "en" else "引用：")
                cited += 1
    assert cited >= 2 * 40, cited  # the book's charts and tables, in both editions


def test_every_page_has_a_description_and_a_link_preview(site):
    for edition, book in site.items():
        for rel, page in book.items():
            meta = {m.get("property") or m.get("name"): m.get("content") for m in page.find_all("meta")}
            assert meta.get("description") and meta.get("og:description") == meta["description"], (edition, rel)
            assert meta.get("og:title") and meta.get("twitter:card") == "summary_large_image", (edition, rel)
            assert meta["og:url"] == publish.base_url(edition) + rel, (edition, rel)
            assert meta["og:image"] == publish.base_url(edition) + "_static/hz-preview.png"
            assert meta["og:site_name"] in ("China's National High-tech Zones in 2024: an executable report",
                                            "2024年国家高新区：每个数字都可复现的报告")
            icon = page.find("link", rel="icon")
            assert icon and (EDITIONS[edition] / Path(rel).parent / icon["href"]).resolve().is_file()
        image = EDITIONS[edition] / "_static" / "hz-preview.png"
        assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_sitemap_lists_both_editions_with_hreflang(site):
    ns = {"s": publish.SITEMAP_NS, "x": publish.XHTML_NS}
    urls = {u.find("s:loc", ns).text: {a.get("hreflang"): a.get("href") for a in u.findall("x:link", ns)}
            for u in ElementTree.parse(HTML / "sitemap.xml").getroot()}
    wanted = {publish.base_url(edition) + rel for edition, book in site.items() for rel in book
              if rel not in publish.NOT_PAGES}
    assert set(urls) == wanted
    for rel in set(site["en"]) - publish.NOT_PAGES:
        pair = {"en": publish.base_url() + rel, "zh-Hans": publish.base_url("zh_CN") + rel}
        assert urls[pair["en"]] == pair == urls[pair["zh-Hans"]], rel
    robots = (HTML / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {publish.base_url()}sitemap.xml" in robots


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_landing_page_cites_the_book_as_citation_cff_says(site, edition, monkeypatch):
    monkeypatch.setenv("HIGHTECH_ZONES_LANG", edition)
    cff = citation.read(ROOT)
    landing = site[edition]["chapters/index.html"]
    title = landing.find("title").get_text().split(" — ")[-1].strip()
    author = cff["authors"][0]["name"] if edition == "en" else "国家高新区报告作者组"
    before, shown, after = citation.book_citation(cff, cff["title"] if edition == "en" else title, author)
    quote = landing.select_one("#how-to-cite blockquote").get_text().replace("’", "'")  # Sphinx's smart quotes
    assert " ".join((before + shown + after).split()) == " ".join(quote.split())
    link = landing.select_one("p.hz-cite-download a")
    bib = (EDITIONS[edition] / "chapters" / link["href"]).read_text(encoding="utf-8")
    assert bib == citation.bibtex(cff, publish.base_url(edition))


# --- the release archive, served from a sub-path --------------------------------------------

@pytest.fixture(scope="module")
def unpacked(built_html, tmp_path_factory):
    if not all(p.is_file() for p in publish.PDFS.values()):
        pytest.skip("the PDFs are missing: make pdf (make test builds them)")
    out = tmp_path_factory.mktemp("dist")
    run = [sys.executable, "-m", "hightech_zones.build.publish", "dist"]
    archives = []
    for name in ("one", "two"):
        subprocess.run([*run, str(out / name)], cwd=ROOT, check=True, capture_output=True)
        archives += list((out / name).glob("hightech-zones-*.tar.gz"))
    assert len(archives) == 2 and archives[0].read_bytes() == archives[1].read_bytes()
    served = out / "served"
    with tarfile.open(archives[0]) as tar:
        tar.extractall(served, filter="data")
    (top,) = served.iterdir()
    top.rename(served / SUB_PATH)
    return served


def test_the_archive_holds_the_site_the_pdfs_the_notebooks_the_data_and_their_checksums(unpacked):
    top = unpacked / SUB_PATH
    for rel in ["index.html", "zh_CN/chapters/index.html", "pdf/book.pdf", "pdf/book.zh_CN.pdf",
                "notebooks/en/chapters/audit.ipynb", "notebooks/zh_CN/chapters/audit.ipynb",
                "data/datapackage.json", "CITATION.cff", "sitemap.xml", "robots.txt"]:
        assert (top / rel).is_file(), rel
    check = subprocess.run(["sha256sum", "--check", "--quiet", "SHA256SUMS"], cwd=top, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    listed = {line.split("  ", 1)[1] for line in (top / "SHA256SUMS").read_text().splitlines()}
    assert listed == {p.relative_to(top).as_posix() for p in top.rglob("*") if p.is_file()} - {"SHA256SUMS"}


