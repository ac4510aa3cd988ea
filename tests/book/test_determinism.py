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
# be the same twice, nor follow SOURCE_DATE_EPOCH, so it is the one part of a page left out here. The
# book marks it in both editions (book/editions.py, ExecutionTableInEdition), whatever language its headers are in.
EXEC_TABLE = "hz-exec-table"


def drop_exec_tables(soup):
    for table in soup.select(f"table.{EXEC_TABLE}"):
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


def build_days(site) -> set[dt.date]:
    """The days a built site's chapters ran, as its execution tables (one per edition) record them."""
    days = set()
    for page in site.rglob("reproducibility.html"):
        for table in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(f"table.{EXEC_TABLE}"):
            days |= {dt.date.fromisoformat(row.find_all("td")[1].get_text(strip=True)[:10]) for row in table.select("tbody tr")}
    return days


def spellings(day: dt.date) -> set[str]:
    return {day.isoformat(), day.strftime("%b %d, %Y"), day.strftime("%B %d, %Y"), f"{day.day} {day:%B %Y}",
            f"{day:%B} {day.day}, {day.year}", day.strftime("%d/%m/%Y"), f"{day.year}年{day.month}月{day.day}日"}


def pages_printing(site, days) -> list[str]:
    """Where a page, script or build record of the site prints one of these days, execution tables aside."""
    found = []
    for path in [*site.rglob("*.html"), *site.rglob("*.js"), *site.rglob(".buildinfo")]:
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            text = str(drop_exec_tables(BeautifulSoup(text, "html.parser")))
        found += [f"{path.relative_to(site)}: {s}" for day in days for s in sorted(spellings(day)) if s in text]
    return found


def test_the_book_under_test_ran_on_another_day_than_its_commit(built_html):
    """Else the next test could not tell the build day from the commit's: `make test` moves the clock."""
    epoch = dt.datetime.fromtimestamp(int(source_date_epoch()), dt.timezone.utc).date()
    days = build_days(built_html)
    assert len(list(built_html.rglob("reproducibility.html"))) == 2 and days, "no execution table in either edition"
    assert epoch not in days, (f"the book under test ran its chapters on its commit's day ({epoch}): build and test "
                               "it with `make test`, which moves the clock two days on")


def test_no_page_prints_the_day_it_was_built(built_html):
    """Dates come from SOURCE_DATE_EPOCH (the last commit): the days the build ran appear nowhere else."""
    today = dt.datetime.now(dt.timezone.utc).date()
    found = pages_printing(built_html, build_days(built_html) | {today})
    assert not found, found


def test_the_date_check_finds_a_page_that_prints_the_build_day(tmp_path):
    """The check above is not blind: a page printing the day the chapters ran is caught, in any
    spelling and in either edition; the execution table, which records that day, is not."""
    day = dt.date(2031, 2, 3)
    table = (f'<table class="table {EXEC_TABLE}"><thead><tr><th>文档</th><th>修改时间</th></tr></thead>'
             f'<tbody><tr><td>chapters/audit</td><td>{day} 10:00</td></tr></tbody></table>')
    for edition in ("", "zh_CN"):
        (tmp_path / edition / "chapters").mkdir(parents=True, exist_ok=True)
        (tmp_path / edition / "chapters" / "reproducibility.html").write_text(table, encoding="utf-8")
    assert build_days(tmp_path) == {day} and pages_printing(tmp_path, {day}) == []
    for spelling in ("2031-02-03", "February 03, 2031", "3 February 2031", "2031年2月3日"):
        (tmp_path / "zh_CN" / "index.html").write_text(f"<p>构建于{spelling}</p>", encoding="utf-8")
        assert pages_printing(tmp_path, build_days(tmp_path)) == [f"zh_CN/index.html: {spelling}"]


def test_sphinx_dates_follow_source_date_epoch(monkeypatch):
    """The mechanism the Makefile relies on, in the pinned Sphinx: "today" and "last updated" are the epoch's date."""
    from sphinx.util.i18n import format_date

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    assert format_date("%Y-%m-%d", language="en") == "1970-01-02"


def test_makefile_takes_dates_from_the_last_commit():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^export SOURCE_DATE_EPOCH \?= \$\(shell git log -1 --format=%ct", makefile, re.M)
    assert re.search(r"^export PYTHONHASHSEED := 0", makefile, re.M)
