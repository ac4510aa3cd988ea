"""No chart text under 11 px as Chromium draws it at 1280 px (tests/chart_text.py)."""
from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest
from chart_text import SCREEN_PX, THEMES

# In a real browser: the page must not shrink a chart below its spec's sizes.
CHROMIUM = os.environ.get("HIGHTECH_ZONES_CHROMIUM", "/usr/bin/chromium")
MEASURE = """() => [...document.querySelectorAll('.hz-chart svg')].map(svg => {
  const shown = svg.getBoundingClientRect().width, drawn = svg.width.baseVal.value || shown;
  const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim());
  const px = Math.min(...texts.map(t => parseFloat(getComputedStyle(t).fontSize))) * shown / drawn;
  return {id: svg.closest('figure') ? svg.closest('figure').id : '', px: px};
})"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("edition", ["", "zh_CN/"], ids=["en", "zh_CN"])
def test_no_chart_text_under_11_px_on_a_phone_or_a_1280_px_screen(built_html, edition, width):
    """A chart keeps its text size on a phone too: it scrolls sideways in its box rather than shrink."""
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"Chromium is not installed at {CHROMIUM}")
    playwright = pytest.importorskip("playwright.sync_api")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(built_html)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    small = []
    try:
        with playwright.sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
                "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run"])
            page = browser.new_page(viewport={"width": width, "height": 1000})
            for stem in THEMES:
                page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/{edition}chapters/{stem}.html",
                          wait_until="load")
                page.wait_for_function("document.querySelectorAll('.hz-chart svg').length"
                                       " === document.querySelectorAll('.hz-chart').length")
                small += [(stem, c["id"], round(c["px"], 1)) for c in page.evaluate(MEASURE)
                          if c["px"] < SCREEN_PX - 0.05]
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert small == []
