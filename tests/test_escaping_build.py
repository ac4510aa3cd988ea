"""Data text stays text through the real `make html`, in a real browser (issue 14).

The issue's corrupted copy (an <img onerror>, **bold** and a javascript: link appended to a
translation) is refused before the book is built: test_bad_input.py runs it through `make html`.
Here a scratch copy of the project gets the markup the loader lets through (emphasis, code, math,
a role, < and >) in each kind of place where data text reaches a page: a quote, a chapter's own
note and bold labels, a zone profile, a glued value in the prose, a table, a chart's tooltip, a
download and the notebook download. The copy is built with the real `make html`; Chromium then
finds the text shown literally, and no more emphasis, code, math, links or images on those pages
than in the project's own build.
"""
from __future__ import annotations

import base64
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
from test_bad_input import get_cell, make_html, set_cell
from test_browser import CHROMIUM, CHROMIUM_ARGS, missing

from hightech_zones.workspace import copy_project

pytestmark = [pytest.mark.make, pytest.mark.browser]


def literal(tag: str) -> str:
    """Markup the loader accepts and MyST would read as syntax; `tag` says where it was put."""
    return f"**zq{tag}bold** _zq{tag}em_ `zq{tag}code` $zq{tag}math$ {{sub}} `zq{tag}sub` x < y > z"


FORMULA = '=HYPERLINK("http://x.test","zqclick")'
# (file, row id, column, tag, page): each place data text reaches a page by a different path.
PLACES = [
    ("sentences.csv", "tracks", "text_en", "quote", "new_tracks"),  # quote_markdown, chart tooltip
    ("sources.csv", "new_track_action_plan", "date_basis", "glue", "new_tracks"),  # {glue:text} in prose
    ("sentences.csv", "xi_fusion", "note", "note", "policy_measures"),  # the chapter's own note line
    ("policy_headings.csv", "industry_cultivation", "name_en", "label", "policy_measures"),  # bold labels, table
    ("zone_highlights.csv", "coco_cartoon", "item_en", "profile", "case_studies"),  # profile_markdown
    ("sentences.csv", "wuhan_oled", "note", "glued", "case_studies"),  # {glue:text}
    ("glossary.csv", "新赛道", "term_en", "table", "glossary"),  # a table's HTML and its download
]
PAGES = sorted({p for *_, p in PLACES})
# Every element that markup in the text could have made.
MADE = "strong, b, em, i, code, kbd, sub, sup, a, img, script, iframe, .math, .formula, mjx-container, math"
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
  body.querySelectorAll('script, style').forEach(e => e.remove());
  return {text: body.textContent, title: document.title, made: found.length,
          tokens: found
                       .filter(e => /^zq/.test(e.textContent.trim())).map(e => e.outerHTML.slice(0, 200))};
}"""


@pytest.fixture(scope="module")
def corrupted_book(tmp_path_factory, built_html) -> Path:
    book = copy_project(ROOT, tmp_path_factory.mktemp("escaping") / "book")
    data = book / "data"
    for file, ident, column, tag, _ in PLACES:
        set_cell(data / file, ident, column, f"{get_cell(data / file, ident, column)} {literal(tag)}")
    set_cell(data / "glossary.csv", "新赛道", "note", FORMULA)
    proc = make_html(book)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    return book / "_build" / "html"


def _serve(folder: Path):
    handler = type("Quiet", (http.server.SimpleHTTPRequestHandler,), {"log_message": lambda *a: None})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


@pytest.fixture(scope="module")
def visits(corrupted_book, built_html) -> dict:
    """Each page, in the corrupted build and in the project's own, as Chromium finds it."""
    if not Path(CHROMIUM).is_file():
        missing(f"Chromium is not installed at {CHROMIUM} (Debian: apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright for Python is not installed (it is pinned in requirements.txt: run `make test`)")
    servers = {"corrupted": _serve(corrupted_book), "own": _serve(built_html)}
    out = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.route(re.compile(r"^(?!http://127\.0\.0\.1:)(?!data:)"), lambda route: route.abort())
            for build, (_, url) in servers.items():
                for name in PAGES:
                    page.goto(f"{url}/chapters/{name}.html", wait_until="load")
                    out[build, name] = page.evaluate(VISIT, MADE)
            page.goto(f"{servers['corrupted'][1]}/chapters/new_tracks.html", wait_until="load")
            track = page.locator(".hz-chart svg g.mark-text.role-mark > text").first  # a track's name, on its tile
            track.wait_for(timeout=30_000)
            track.scroll_into_view_if_needed()
            track.hover()
            tooltip = page.locator("#vg-tooltip-element")
            tooltip.wait_for(state="visible", timeout=5_000)
            out["tooltip"] = {"text": tooltip.text_content(), "made": tooltip.locator(MADE).count()}
            browser.close()
    finally:
        for httpd, _ in servers.values():
            httpd.shutdown()
            httpd.server_close()
    return out


@pytest.mark.parametrize("tag, page", [(tag, page) for *_, tag, page in PLACES])
def test_the_text_shows_literally(visits, tag, page):
    assert literal(tag) in visits["corrupted", page]["text"]


@pytest.mark.parametrize("page", PAGES)
def test_no_element_was_made_from_the_text(visits, page):
    corrupted, own = visits["corrupted", page], visits["own", page]
    assert not corrupted["tokens"], corrupted["tokens"]
    assert corrupted["made"] == own["made"], f"{corrupted['made']} elements of {MADE}, {own['made']} in the own build"
    assert corrupted["title"] == own["title"]


def test_the_tooltip_shows_the_text_literally(visits):
    assert literal("quote") in visits["tooltip"]["text"] and visits["tooltip"]["made"] == 0


def test_the_download_neutralises_the_formula(corrupted_book):
    page = (corrupted_book / "chapters" / "glossary.html").read_text(encoding="utf-8")
    payload = re.search(r'download="glossary\.csv" href="data:text/csv;charset=utf-8;base64,([^"]+)"', page)[1]
    glossary = pd.read_csv(io.BytesIO(base64.b64decode(payload)), encoding="utf-8-sig").set_index("Chinese")
    assert glossary.loc["新赛道", "explanation"] == "'" + FORMULA


def test_the_notebook_download_shows_the_text_literally(corrupted_book):
    notebook = json.loads((corrupted_book / "_sources" / "chapters" / "new_tracks.ipynb").read_text(encoding="utf-8"))
    markdown = ["".join(o["data"]["text/markdown"]) for c in notebook["cells"] for o in c.get("outputs", [])
                if "text/markdown" in o.get("data", {}) and "zqquote" in "".join(o["data"]["text/markdown"])]
    assert markdown, "the quote is not in the notebook"
    tags, text = html_outline(myst_html(markdown[0]))
    assert literal("quote") in text and not any(t.startswith(("<strong", "<code", "<sub")) for t in tags)
