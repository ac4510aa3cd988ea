"""Data text stays text through the real `make html`, both editions, in a real browser (issues 14, 22).

What the loader refuses (tags, links, roles, templates: issue 22's shell command in a label) stops
`make html` before the build: test_bad_input.py runs it. Here a scratch copy of the project gets,
appended to every cell of every free-text column of every data file (labels.csv included) and to
every title and description of datapackage.json, a payload the loader lets through and MyST would
read as syntax: emphasis, code, math, `<` and `>`; every translated sentence of the catalogues gets
what a translation may hold that spells a tag (an entity). The README's table, which the data-files page
reads, gets a Jinja template that would create a marker file if anything rendered it. The copy is
built once with the real `make html`, both editions; then Chromium visits every page of each
edition of the planted build and of the project's own, and finds:

* the payload shown whole wherever any part of it shows (outside the charts' SVG, where Vega
  truncates and wraps labels: those are text nodes in any case), in both editions;
* no more emphasis, code, math, links, images or scripts than in the project's own build, and no
  element made from the payload;
* no dialog opened and nothing set on the page by a payload; and no marker file anywhere.
The chart tooltip, the table downloads and the notebook download are checked the same way.
"""
from __future__ import annotations

import base64
import csv
import functools
import http.server
import io
import json
import re
import threading
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, html_outline, myst_html
from test_bad_input import make_html, set_cell
from test_browser import CHROMIUM, CHROMIUM_ARGS, missing

from hightech_zones.build.workspace import copy_project

pytestmark = [pytest.mark.make, pytest.mark.browser]

# Markup the loader accepts and MyST would read as syntax; "zq" marks each part, so a part shown
# without the whole is found.
PAYLOAD = "**zqb** _zqe_ `zqc` $zqm$ x < y > z"
PART = "zqb"
MARKER = "hz-build-ran-me"
JINJA = "{{ lipsum.__globals__.os.popen('touch %s').read() }}"
FORMULA = '=HYPERLINK("http://x.test","zqclick")'
# What a translation may hold (catalogues.py refuses tags, roles, templates, links, typed numbers) and
# a page would still misread if a translation were pasted as HTML: an entity that spells a tag.
IN_CATALOGUES = "&lt;img src=x onerror=alert(document.domain)&gt; x < y > z zqcat"
SHOWN_FROM_CATALOGUES = "<img src=x onerror=alert(document.domain)> x < y > z zqcat"
# Columns the payload would make inconsistent (a rule reads them) or that the code reads as a key.
LEFT_ALONE = {("figures", "value_as_written"): "must read back as the figure's value (checks.py)",
              ("units", "base_unit"): "a code the code compares ('yuan', 'count')"}
MADE = "strong, b, em, i, code, kbd, sub, sup, a, img, script, iframe, svg image, .math, .formula, mjx-container, math"
VISIT = """async (made) => {
  // The theme's icons (<i class="fa-...">) are not counted: Font Awesome swaps them for SVG when it gets
  // to it, so their number on a loaded page depends on timing, not on the text.
  const count = () => Array.from(document.querySelectorAll(made))
    .filter(e => !(e.tagName === 'I' && /\\bfa-/.test(e.className)));
  // Scripts go on changing the page after "load" (icons, math, charts): count once the number of
  // elements has held still for half a second (at most 15 s), so both builds are compared settled.
  await document.fonts.ready;
  let before = -1, found = count();
  for (let i = 0; i < 30 && found.length !== before; i++) {
    await new Promise(resolve => setTimeout(resolve, 500));
    before = found.length;
    found = count();
  }
  const body = document.body.cloneNode(true);
  body.querySelectorAll('script, style, svg').forEach(e => e.remove());
  return {text: body.textContent.replace(/\\s+/g, ' '), title: document.title, made: found.length,
          // A chart's script carries its data as JSON (its '<' as \\u003c): data, not an element made of it.
          tokens: found.filter(e => e.tagName !== 'SCRIPT' && /zq/.test(e.textContent)
                                    && e.textContent.replace(/\\s+/g, ' ').indexOf(%r) < 0)
                       .map(e => e.outerHTML.slice(0, 200)),
          charts: document.querySelectorAll('.hz-chart').length,
          drawn: document.querySelectorAll('.hz-chart svg').length};
}""" % PAYLOAD


def free_text_columns(package: dict):
    """(resource, file, column) for every free-text column: text no enum, pattern or key decides."""
    for res in package["resources"]:
        schema = res["schema"]
        keys = set(schema.get("primaryKey", [])) | {fk["fields"] for fk in schema.get("foreignKeys", [])}
        for f in schema["fields"]:
            decided = {"enum", "pattern"} & set(f.get("constraints", {})) or f["name"] in keys
            if f.get("type", "string") == "string" and not decided and (res["name"], f["name"]) not in LEFT_ALONE:
                yield res["name"], res["path"], f["name"]


def plant(book: Path) -> None:
    data = book / "data"
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    by_file: dict[str, list[str]] = {}
    for _, path, column in free_text_columns(package):
        by_file.setdefault(path, []).append(column)
    for path, columns in by_file.items():
        rows = list(csv.reader(io.StringIO((data / path).read_text(encoding="utf-8"), newline="")))
        at = [rows[0].index(c) for c in columns]
        for row in rows[1:]:
            for i in at:
                row[i] = f"{row[i]} {PAYLOAD}" if row[i] else row[i]
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        (data / path).write_text(out.getvalue(), encoding="utf-8")
    for res in package["resources"]:
        for entry in [res, *res["schema"]["fields"]]:
            for key in ("title", "title_zh", "description", "description_zh", "rows_come_from_zh"):
                if entry.get(key):
                    entry[key] += " " + PAYLOAD
    (data / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8")
    # The data-files page reads each file's "rows come from" from the README's table.
    readme = (data / "README.md").read_text(encoding="utf-8").splitlines(keepends=True)
    i = next(i for i, line in enumerate(readme) if line.startswith("| `figures.csv` |"))
    readme[i] = readme[i].rstrip().removesuffix("|") + f"{JINJA % (book / MARKER)} {PAYLOAD} |\n"
    (data / "README.md").write_text("".join(readme), encoding="utf-8")
    set_cell(data / "glossary.csv", "新赛道", "note", FORMULA)
    plant_catalogues(book)


def plant_catalogues(book: Path) -> None:
    """Append IN_CATALOGUES to every translated sentence of every catalogue (headings left as they are)."""
    from babel.messages.pofile import read_po, write_po

    for po in (book / "locale").rglob("*.po"):
        with po.open("rb") as f:
            catalogue = read_po(f)
        for message in catalogue:
            if message.id and isinstance(message.string, str) and message.string.rstrip().endswith("。"):
                message.string = f"{message.string.rstrip()} {IN_CATALOGUES}"
        with po.open("wb") as f:
            write_po(f, catalogue, width=0)


@pytest.fixture(scope="module")
def planted_book(tmp_path_factory, built_html) -> Path:
    book = copy_project(ROOT, tmp_path_factory.mktemp("escaping") / "book")
    plant(book)
    proc = make_html(book)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    return book


def _serve(folder: Path):
    handler = type("Quiet", (http.server.SimpleHTTPRequestHandler,), {"log_message": lambda *a: None})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


PAGES = sorted(str(p.relative_to(ROOT / "chapters").with_suffix(".html")) for p in (ROOT / "chapters").glob("*.md"))
EDITIONS = {"en": "chapters", "zh_CN": "zh_CN/chapters"}


@pytest.fixture(scope="module")
def visits(planted_book, built_html) -> dict:
    """Each page of each edition, in the planted build and in the project's own, as Chromium finds it."""
    if not Path(CHROMIUM).is_file():
        missing(f"Chromium is not installed at {CHROMIUM} (Debian: apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright for Python is not installed (it is pinned in requirements.txt: run `make test`)")
    servers = {"planted": _serve(planted_book / "_build" / "html"), "own": _serve(built_html)}
    out = {"dialogs": []}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("dialog", lambda dialog: (out["dialogs"].append(dialog.message), dialog.dismiss()))
            page.route(re.compile(r"^(?!http://127\.0\.0\.1:)(?!data:)"), lambda route: route.abort())
            for build, (_, url) in servers.items():
                for edition, folder in EDITIONS.items():
                    for name in PAGES:
                        page.goto(f"{url}/{folder}/{name}", wait_until="load")
                        out[build, edition, name] = page.evaluate(VISIT, MADE)
            for edition, folder in EDITIONS.items():
                page.goto(f"{servers['planted'][1]}/{folder}/new_tracks.html", wait_until="load")
                track = page.locator(".hz-chart svg g.mark-text.role-mark > text").first  # a track's name, on its tile
                track.wait_for(timeout=30_000)
                track.scroll_into_view_if_needed()
                track.hover()
                tooltip = page.locator("#vg-tooltip-element")
                tooltip.wait_for(state="visible", timeout=5_000)
                out["tooltip", edition] = {"text": tooltip.text_content(), "made": tooltip.locator(MADE).count()}
            browser.close()
    finally:
        for httpd, _ in servers.values():
            httpd.shutdown()
            httpd.server_close()
    return out


def test_nothing_ran_at_build_time(planted_book):
    assert not list(planted_book.rglob(MARKER)) and not list(Path("/tmp").glob(MARKER))
    page = (planted_book / "_build" / "html" / "chapters" / "data_and_methods.html").read_text(encoding="utf-8")
    assert "lipsum.__globals__" in page  # the template is on the page, as text


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("page", PAGES)
def test_the_payload_shows_whole_and_makes_nothing(visits, edition, page):
    planted, own = visits["planted", edition, page], visits["own", edition, page]
    assert planted["text"].count(PART) == planted["text"].count(PAYLOAD), \
        re.findall(f".{{60}}{PART}.{{60}}", planted["text"])[:3]
    assert not planted["tokens"], planted["tokens"]
    assert planted["made"] == own["made"], f"{planted['made']} elements of {MADE}, {own['made']} in the own build"
    assert planted["title"] == own["title"]
    assert planted["drawn"] == planted["charts"] == own["charts"]  # every chart drew, payload and all


def test_the_translations_show_their_text_literally(visits):
    shown = {page: visits["planted", "zh_CN", page]["text"] for page in PAGES}
    assert all(text.count("zqcat") == text.count(SHOWN_FROM_CATALOGUES) for text in shown.values())
    assert sum(text.count(SHOWN_FROM_CATALOGUES) for text in shown.values()) > 50


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_edition_shows_the_data_text(visits, edition):
    shown = {page: visits["planted", edition, page]["text"].count(PAYLOAD) for page in PAGES}
    assert sum(shown.values()) > 100 and shown["glossary.html"] and shown["case_studies.html"], shown


def test_no_dialog_opened(visits):
    assert visits["dialogs"] == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_tooltip_shows_the_text_literally(visits, edition):
    assert PAYLOAD in visits["tooltip", edition]["text"] and visits["tooltip", edition]["made"] == 0


def test_every_planted_column_reaches_the_build_or_is_refused(planted_book):
    """Every free-text column was planted, and the build took every one of them (a refusal stops it)."""
    package = json.loads((planted_book / "data" / "datapackage.json").read_text(encoding="utf-8"))
    planted = list(free_text_columns(package))
    assert {name for name, *_ in planted} == {r["name"] for r in package["resources"]}
    for _, path, column in planted:
        rows = list(csv.DictReader(io.StringIO((planted_book / "data" / path).read_text(encoding="utf-8"))))
        assert any(PAYLOAD in r[column] for r in rows) or not any(r[column] for r in rows), (path, column)


def test_the_download_neutralises_the_formula(planted_book):
    page = (planted_book / "_build" / "html" / "chapters" / "glossary.html").read_text(encoding="utf-8")
    payload = re.search(r'download="glossary\.csv" href="data:text/csv;charset=utf-8;base64,([^"]+)"', page)[1]
    glossary = pd.read_csv(io.BytesIO(base64.b64decode(payload)), encoding="utf-8-sig")
    assert "'" + FORMULA in set(glossary.iloc[:, -1]) | set(glossary.iloc[:, -2])


@pytest.mark.parametrize("edition", ["", "zh_CN/"])
def test_the_notebook_download_shows_the_text_literally(planted_book, edition):
    path = planted_book / "_build" / "html" / f"{edition}_sources" / "chapters" / "case_studies.ipynb"
    notebook = json.loads(path.read_text(encoding="utf-8"))
    markdown = ["".join(o["data"]["text/markdown"]) for c in notebook["cells"] for o in c.get("outputs", [])
                if PART in "".join(o.get("data", {}).get("text/markdown", ""))]
    assert markdown, "the profile is not in the notebook"
    for shown in markdown:
        tags, text = html_outline(myst_html(shown))
        assert text.count(PART) == text.count(PAYLOAD) > 0
        assert not any(t.startswith(("<strong", "<code", "<em", "<span")) and PART in t for t in tags)


def test_the_cards_carry_the_text_as_data(planted_book):
    """The provenance cards' file is data for the page's script, which sets it as text (test_cards.py)."""
    for edition in ("", "zh_CN/"):
        cards = (planted_book / "_build" / "html" / f"{edition}_static" / "hz-cards.js").read_text(encoding="utf-8")
        found = json.loads(cards.removeprefix("window.hzCards=").rstrip().removesuffix(";"))
        assert any(PAYLOAD in row[1] for card in found.values() for row in card["rows"])
