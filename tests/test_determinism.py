"""Two clean builds of one commit show the same charts, tables and glued numbers, byte for byte.

The two builds are the one `make html` made (clean in CI) and the fresh, offline build of
conftest.py. Known sources of drift, each covered here: Altair's generated names (param_N,
view_N: a per-kernel counter, fixed by a clean, in-order execution), dataset names (a hash of
the data), element ids (a hash of the spec), and dates (SOURCE_DATE_EPOCH, from the last commit).
"""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, source_date_epoch

pytestmark = pytest.mark.build

SPEC = re.compile(r'var spec=(.*?);var el=document\.getElementById\("([^"]+)"\)', re.S)
TABLE = re.compile(r'<table\b[^>]*class="[^"]*\bhz-table\b[^"]*"[^>]*>.*?</table>', re.S)
DOWNLOAD = re.compile(r'<a class="hz-download" download="([^"]*)" href="([^"]*)"')


# myst-nb's {nb-exec-table} records this build itself (when each notebook ran, for how long): it cannot
# be the same twice, nor follow SOURCE_DATE_EPOCH, so it is the one part of a page left out here.
EXEC_TABLE_HEAD = ["Document", "Modified", "Method", "Run Time (s)", "Status"]


def drop_exec_tables(soup):
    for table in soup.find_all("table"):
        if [th.get_text(strip=True) for th in table.find_all("th")][:5] == EXEC_TABLE_HEAD:
            table.decompose()
    return soup


def pages(html):
    # The English edition: the fresh build is `jupyter-book build`, which makes no Chinese edition.
    return sorted(p.relative_to(html).as_posix() for p in html.rglob("*.html")
                  if not {"_static", "zh_CN"} & set(p.parts))


def parts(path) -> dict[str, list[str]]:
    """What a reader sees that code computed: chart specs, tables, downloads, glued values, the text."""
    page = path.read_text(encoding="utf-8")
    soup = drop_exec_tables(BeautifulSoup(page, "html.parser"))
    article = soup.find("article") or soup
    return {
        "chart specs": [f"{ident} {spec}" for spec, ident in SPEC.findall(page)],
        "tables": TABLE.findall(page),
        "downloads": [f"{name} {href}" for name, href in DOWNLOAD.findall(page)],
        "glued values": [tag.decode_contents() for tag in soup.select('[class*="pasted-"]')],
        "page text": [" ".join(article.get_text(" ").split())],
    }


@pytest.fixture(scope="module")
def second_build(fresh_build):
    assert fresh_build.returncode == 0, (fresh_build.stdout + fresh_build.stderr)[-3000:]
    return fresh_build.html


def test_both_builds_have_the_same_pages(built_html, second_build):
    assert pages(built_html) == pages(second_build)


@pytest.mark.parametrize("kind", ["chart specs", "tables", "downloads", "glued values", "page text"])
def test_two_clean_builds_agree_byte_for_byte(built_html, second_build, kind):
    differ = []
    for name in pages(built_html):
        first, second = parts(built_html / name)[kind], parts(second_build / name)[kind]
        if first != second:
            differ.append(f"{name}: {len(first)} vs {len(second)} items; first difference: "
                          + next((f"{a[:200]!r} != {b[:200]!r}" for a, b in zip(first, second) if a != b), "in the count"))
    assert not differ, "\n".join(differ)


def test_every_chart_spec_is_valid_json_with_an_id_from_its_hash(built_html):
    seen = 0
    for name in pages(built_html):
        for spec, ident in SPEC.findall((built_html / name).read_text(encoding="utf-8")):
            json.loads(spec.replace("<\\/", "</"))
            assert re.fullmatch(r"hz-chart-[0-9a-f]{12}", ident)
            seen += 1
    assert seen, "no chart found in the book"


def test_no_page_prints_the_day_it_was_built(built_html):
    """Dates come from SOURCE_DATE_EPOCH (the last commit): the build day appears nowhere, unless it is that day."""
    epoch = dt.datetime.fromtimestamp(int(source_date_epoch()), dt.timezone.utc).date()
    today = dt.datetime.now(dt.timezone.utc).date()
    if today == epoch:
        return  # built on the day of the last commit: the two cannot be told apart (the next test still runs)
    spellings = {today.isoformat(), today.strftime("%b %d, %Y"), today.strftime("%B %d, %Y"),
                 f"{today.day} {today:%B %Y}", f"{today:%B} {today.day}, {today.year}", today.strftime("%d/%m/%Y")}
    found = []
    for path in [*built_html.rglob("*.html"), *built_html.rglob("*.js"), *built_html.rglob(".buildinfo")]:
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            text = str(drop_exec_tables(BeautifulSoup(text, "html.parser")))
        found += [f"{path.relative_to(built_html)}: {s}" for s in spellings if s in text]
    assert not found, found
    pages = "".join(p.read_text(encoding="utf-8") for p in built_html.rglob("*.html"))
    for stamp in re.findall(r"Last updated on ([^<\n]+)", pages):
        assert str(epoch.year) in stamp, stamp


def test_sphinx_dates_follow_source_date_epoch(monkeypatch):
    """The mechanism the Makefile relies on, in the pinned Sphinx: "today" and "last updated" are the epoch's date."""
    from sphinx.util.i18n import format_date

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    assert format_date("%Y-%m-%d", language="en") == "1970-01-02"


def test_makefile_takes_dates_from_the_last_commit():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^export SOURCE_DATE_EPOCH \?= \$\(shell git log -1 --format=%ct", makefile, re.M)
    assert re.search(r"^export PYTHONHASHSEED := 0", makefile, re.M)
