"""Provenance cards in the built book: every number of the prose that shows a figure opens its card
and links to its row of the register, in the HTML, in Chromium and in the PDF.

* The built pages (`make html`): each number glued with a figure's id is a link that carries the
  id, to an anchor that exists on the register page; no other glued number looks like a figure.
* Chromium (as tests/e2e/test_browser.py): hover and Tab on a number in innovation capacity show its
  card with the Chinese source sentence; Escape closes it; at 390 px a tap opens it, and it fits.
* The PDF (`make pdf`): poppler's pdftohtml reads the link annotations; the numbers link to the
  pages of the register, and the printed page shows no link colour.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import test_browser
from site_pages import HTML, PROSE, built_page
from test_browser import NARROW, _open, missing
from test_pdf import PDF

# Chromium and the local server, as the browser test starts them.
server, browser = test_browser.server, test_browser.browser
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def cards(built_html) -> dict[str, dict]:
    text = (HTML / "_static" / "hz-cards.js").read_text(encoding="utf-8")
    assert text.startswith("window.hzCards=") and text.rstrip().endswith(";")
    return json.loads(text[len("window.hzCards="):].rstrip().rstrip(";"))


# --- in Chromium ----------------------------------------------------------------------------

SHOWN = "el => {const c = document.getElementById(el.getAttribute('aria-describedby'));" \
        " return !!c && c.matches(':popover-open');}"


def sentence_of(ref: str) -> str:
    from hightech_zones import load

    figures = load("figures").set_index("id")
    return load("sentences").set_index("id").loc[figures.loc[ref.split(":")[1], "sentence_id"], "text_zh"]


@pytest.mark.browser
def test_hover_and_tab_show_the_card_with_its_chinese_sentence_and_escape_closes_it(server, browser):
    context, tab = _open(browser, server, "chapters/innovation_capacity.html")
    number = tab.locator("article a.hz-fig[data-hz='figure:total_index']").first
    card = tab.locator("#" + number.get_attribute("aria-describedby"))
    assert card.get_attribute("role") == "tooltip"
    number.scroll_into_view_if_needed()
    number.hover()
    card.wait_for(state="visible", timeout=5_000)
    assert sentence_of("figure:total_index") in card.inner_text()
    tab.keyboard.press("Escape")
    card.wait_for(state="hidden", timeout=5_000)
    tab.mouse.move(0, 0)
    # Keyboard: Tab from the element just before the number reaches it and opens the card.
    number.evaluate("el => { const s = document.createElement('span'); s.tabIndex = 0; s.id = 'before';"
                    " el.before(s); }")
    tab.focus("#before")
    tab.keyboard.press("Tab")
    assert number.evaluate("el => el === document.activeElement")
    card.wait_for(state="visible", timeout=5_000)
    assert number.evaluate(SHOWN) and sentence_of("figure:total_index") in card.inner_text()
    tab.keyboard.press("Escape")
    card.wait_for(state="hidden", timeout=5_000)
    assert number.evaluate("el => el === document.activeElement")  # focus stays on the number
    # Both themes: the number is the text's colour with a dotted underline, not a link colour.
    tab.focus("#before")
    tab.mouse.move(0, 0)
    for theme in ("light", "dark"):
        tab.evaluate(f"document.documentElement.dataset.theme = '{theme}'")
        style = number.evaluate("el => { const s = getComputedStyle(el), p = getComputedStyle(el.closest('p'));"
                                " return [s.color, p.color, s.textDecorationStyle]; }")
        assert style[0] == style[1] and style[2] == "dotted", (theme, style)
    context.close()


@pytest.mark.browser
def test_a_tap_opens_the_card_on_a_phone_and_it_fits(server, browser):
    context = browser.new_context(viewport={"width": NARROW, "height": 844}, has_touch=True, is_mobile=True,
                                  service_workers="block")
    context.route(re.compile(r"^(?!http://127\.0\.0\.1:)(?!data:)(?!blob:)"), lambda route: route.abort())
    tab = context.new_page()
    tab.goto(f"{server}/chapters/innovation_capacity.html", wait_until="load")
    start = tab.url
    for ref in ("figure:total_index", "derived:new_firms_cagr"):
        number = tab.locator(f"article a.hz-fig[data-hz='{ref}']").first
        number.scroll_into_view_if_needed()
        number.tap()
        card = tab.locator("#" + number.get_attribute("aria-describedby"))
        card.wait_for(state="visible", timeout=5_000)
        assert tab.url == start  # the first tap opens the card and does not follow the link
        box = card.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= NARROW, box
        assert box["y"] >= 0 and box["y"] + box["height"] <= 844, box
    assert sentence_of("figure:total_index") not in card.inner_text()  # the derived value's card
    assert "20.2^(1/14)" in card.inner_text()
    # A tap elsewhere, on plain text outside the card, closes it.
    spot = tab.evaluate("""card => {
      const c = card.getBoundingClientRect();
      for (const y of [c.top - 20, c.bottom + 20, 120, 700]) {
        const el = document.elementFromPoint(30, y);
        if (el && y > 0 && y < innerHeight && el.closest('article') && !el.closest('a')
            && (y < c.top || y > c.bottom)) { return [30, y]; }
      }
      return null; }""", card.element_handle())
    assert spot, "no plain text outside the card to tap"
    tab.touchscreen.tap(*spot)
    card.wait_for(state="hidden", timeout=5_000)
    context.close()


@pytest.mark.browser
def test_a_screenshot_of_an_open_card_on_the_landing_page(server, browser):
    context, tab = _open(browser, server, "chapters/index.html")
    number = tab.locator("article a.hz-fig[data-hz='figure:total_index']").first
    number.hover()
    card = tab.locator("#" + number.get_attribute("aria-describedby"))
    card.wait_for(state="visible", timeout=5_000)
    assert sentence_of("figure:total_index") in card.inner_text()
    shots = ROOT / "_build" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=shots / "card-landing.png")
    context.close()


# --- in the PDF -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pdf_xml() -> str:
    """The PDF as poppler's pdftohtml reads it: text with its links, and the outline."""
    if not PDF.is_file():
        missing("_build/latex/book.pdf is missing: run `make pdf` (or `make test`)")
    if not shutil.which("pdftohtml"):
        missing("pdftohtml is missing (Debian: apt-get install poppler-utils)")
    return subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", "-q", str(PDF)],
                          capture_output=True, text=True, check=True).stdout


def pdf_pages(xml: str) -> dict[int, str]:
    return {int(n): body for n, body in re.findall(r'<page number="(\d+)"(.*?)</page>', xml, re.S)}


def chapter_pages(xml: str, title: str, following: str) -> range:
    """A chapter's pages, from the PDF's outline (bookmarks)."""
    outline = dict((t, int(p)) for p, t in re.findall(r'<item page="(\d+)">([^<]*)</item>', xml))
    return range(outline[title], outline[following] + 1)


@pytest.mark.pdf
def test_pdf_numbers_link_to_their_register_rows(pdf_xml, built_html):
    pages = pdf_pages(pdf_xml)
    links = [(re.sub(r"<[^>]+>", "", text).strip(), page, int(target))
             for page, body in pages.items()
             for target, text in re.findall(r'<a href="[^"]*#(\d+)">(.*?)</a>', body, re.S)]
    register = chapter_pages(pdf_xml, "The article’s figures", "Data and methods")
    audit = chapter_pages(pdf_xml, "Audit: does the article’s arithmetic hold?", "Corrections")
    to_register = [(text, page, target) for text, page, target in links if target in register and page not in register]
    texts = {text for text, _, _ in to_register}
    # The headline figure, from the landing page and the chapter; a share; a case study's figure.
    assert {"505.7", "33%", "more than 600 billion yuan"} <= texts, sorted(texts)
    for text, page, target in to_register:
        if text == "505.7":  # it lands on its row: the page that lists 505.7点
            assert "505.7点" in re.sub(r"<[^>]+>|\s", "", pages[target]), (page, target)
    # Derived values and recomputed claims link to the audit's rows.
    assert any(text == "72.6" and target in audit for text, _, target in links)
    # Every number the HTML links to its row is linked in the PDF too (91 in all, or more with new figures).
    html_numbers = sum(len(built_page(name).select("article a.hz-fig")) for name in PROSE)
    into_rows = [(text, page, target) for text, page, target in links
                 if (target in register or target in audit) and re.fullmatch(r"\D{0,12}\d[\d,.]*\D{0,30}", text)]
    assert len(into_rows) >= html_numbers


@pytest.mark.pdf
def test_pdf_number_links_are_invisible():
    """The page looks as before: the LaTeX wraps each number's link so it has no colour or box."""
    tex = (PDF.parent / "book.tex").read_text(encoding="utf-8")
    assert "\\newcommand{\\sphinxhzfigure}[1]{{\\hypersetup{hidelinks}#1}}" in tex
    assert tex.count("\\sphinxhzfigure{{\\hyperref[") >= 80
