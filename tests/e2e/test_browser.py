"""The built book in a real browser with the network closed: every chart draws, nothing leaves the machine.

Debian's Chromium, driven by Playwright, loads every page of _build/html from a local server.
Every request to anything but that server is refused and recorded; outside host names do not
even resolve. A screenshot of each page is kept in _build/screenshots/.
Without Chromium or Playwright the tests skip on a developer's machine and fail in CI.
"""
from __future__ import annotations

import functools
import http.server
import json
import os
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "_build" / "html"
SHOTS = ROOT / "_build" / "screenshots"
CHROMIUM = os.environ.get("HIGHTECH_ZONES_CHROMIUM", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() not in ("", "0", "false", "no")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-default-apps", "--disable-extensions",
                 "--disable-domain-reliability", "--metrics-recording-only", "--disable-breakpad",
                 # Belt and braces: outside names do not resolve, and anything not local goes to a dead proxy.
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
                 "--proxy-server=http://127.0.0.1:9"]
DRAWN = """() => Array.from(document.querySelectorAll('.hz-chart')).map(el => {
  const g = el.querySelector('svg, canvas');
  const box = g ? g.getBoundingClientRect() : null;
  return {id: el.id, drawn: !!g && box.width > 50 && box.height > 50,
          marks: el.querySelectorAll('svg g.role-mark > *').length,
          fits: !!g && box.right <= el.closest('.hz-figure, article, body').getBoundingClientRect().right + 1,
          // Vega labels the chart's container, a graphics-document around the SVG.
          label: el.getAttribute('role') === 'graphics-document' ? el.getAttribute('aria-label') : null,
          text: el.textContent.slice(0, 200)};
})"""
# The colours a drawn chart shows: its background and the fill of its axis labels.
INKS = """() => Array.from(document.querySelectorAll('.hz-chart svg')).map(svg => {
  const label = svg.querySelector('.role-axis-label text, .role-legend-label text');
  return {background: getComputedStyle(svg).backgroundColor, ink: label ? label.getAttribute('fill') : null};
})"""
NARROW = 390  # a phone's width, in CSS pixels
SPEC = re.compile(r'var spec=(.*?);var el=document\.getElementById\("([^"]+)"\)', re.S)


def missing(why: str):
    """A missing tool is a skip for a developer and a failure in CI."""
    (pytest.fail if IN_CI else pytest.skip)(why)


def book_pages() -> list[Path]:
    return sorted(p for p in BUILD.rglob("*.html") if not {"_static", "_sources", "_images"} & set(p.parts))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest's output clean
        pass


@pytest.fixture(scope="module")
def server():
    if not (BUILD / "index.html").is_file():
        pytest.fail("_build/html is missing: run the tests through `make test`")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(BUILD)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).is_file():
        missing(f"Chromium is not installed at {CHROMIUM} (Debian: apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright for Python is not installed (it is pinned in requirements.txt: run `make test`)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def visits(server, browser) -> dict[str, dict]:
    """Load every page once: what was drawn, what was requested, what the console said."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()
    local = urlsplit(server).netloc
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    outside: list[str] = []

    def refuse_outside(route):
        url = route.request.url
        if urlsplit(url).scheme in ("data", "blob") or urlsplit(url).netloc == local:
            route.continue_()
        else:
            outside.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", refuse_outside)
    results = {}
    for path in book_pages():
        rel = path.relative_to(BUILD).as_posix()
        page = context.new_page()
        page.set_default_timeout(120_000)  # a wait limit, not a timing test: shared machines stall
        record = {"console": [], "requests": [], "failed": []}
        page.on("console", lambda msg, r=record: r["console"].append((msg.type, msg.text)))
        page.on("pageerror", lambda exc, r=record: r["console"].append(("pageerror", str(exc))))
        page.on("request", lambda req, r=record: r["requests"].append(req.url))
        page.on("requestfailed", lambda req, r=record: r["failed"].append((req.url, req.failure)))
        page.goto(f"{server}/{rel}", wait_until="load")
        if 'http-equiv="Refresh"' in path.read_text(encoding="utf-8"):  # the site's root: on to the landing page
            page.wait_for_url(lambda url: url != f"{server}/{rel}")
            page.wait_for_load_state("load")
        # Then the fonts (the last requests a page makes, once laid out) and the charts; not Playwright's
        # "networkidle", which Chromium here at times never reports, all requests finished and fonts loaded
        # (about one load in ten, either edition): with both editions' pages, most runs hit one.
        page.evaluate("() => document.fonts.ready.then(() => true)")
        try:
            page.wait_for_function(
                "() => Array.from(document.querySelectorAll('.hz-chart')).every(e => e.querySelector('svg, canvas'))",
                timeout=30_000)
        except Exception:  # reported by the test below, chart by chart
            pass
        record["charts"] = page.evaluate(DRAWN)
        record["url"] = page.url
        page.screenshot(path=SHOTS / (re.sub(r"[^\w.-]+", "__", rel[:-5]) + ".png"), full_page=True)
        page.close()
        results[rel] = record
    context.close()
    results["(all pages)"] = {"outside": outside}
    return results


def _pages(visits):
    return {k: v for k, v in visits.items() if k != "(all pages)"}


def test_every_page_was_loaded(visits):
    assert {"index.html", "chapters/index.html"} <= set(_pages(visits))
    # The Chinese edition's pages, in zh_CN/, are visited too: every English page has its twin.
    english = {rel for rel in _pages(visits) if not rel.startswith("zh_CN/")}
    assert {f"zh_CN/{rel}" for rel in english} <= set(_pages(visits))
    for rel, record in _pages(visits).items():
        assert record["url"].startswith("http://127.0.0.1:"), rel


def test_every_chart_holds_a_drawn_svg_or_canvas(visits):
    charts = [(rel, c) for rel, record in _pages(visits).items() for c in record["charts"]]
    assert charts, "the book has no chart (.hz-chart) at all"
    undrawn = [(rel, c["id"], c["text"]) for rel, c in charts if not c["drawn"] or not c["marks"]]
    assert not undrawn, f"charts not drawn: {undrawn}"
    cut_off = [(rel, c["id"]) for rel, c in charts if not c["fits"]]
    assert not cut_off, f"charts wider than the text column, so cut off: {cut_off}"


def described(rel: str) -> dict[str, str]:
    """Each chart's description in the page's source, by the id of its element."""
    page = (BUILD / rel).read_text(encoding="utf-8")
    return {element: json.loads(spec.replace("<\\/", "</")).get("description")
            for spec, element in SPEC.findall(page)}


def test_every_chart_says_what_it_shows_to_a_screen_reader(visits):
    """Each chart's SVG carries its own one-sentence text alternative (its spec's description)."""
    charts = [(rel, c, described(rel)[c["id"]]) for rel, r in _pages(visits).items() for c in r["charts"]]
    assert charts
    for rel, chart, description in charts:
        assert description and chart["label"] == description, (rel, chart["id"], chart["label"])
    labels = [c["label"] for _, c, _ in charts]
    for edition in ("en", "zh_CN"):  # each its own; the two editions may share one (a chart not yet translated)
        mine = [c["label"] for rel, c, _ in charts if rel.startswith("zh_CN/") == (edition == "zh_CN")]
        assert mine and len(set(mine)) == len(mine), edition
    assert "Vega visualization" not in labels


def test_no_request_left_the_machine(visits, server):
    outside = visits["(all pages)"]["outside"]
    assert not outside, f"requests to outside the machine: {sorted(set(outside))}"
    for rel, record in _pages(visits).items():
        foreign = [u for u in record["requests"] if not u.startswith((server, "data:", "blob:"))]
        assert not foreign, (rel, foreign)


def test_no_console_errors_and_no_failed_loads(visits):
    problems = {rel: [m for m in r["console"] if m[0] in ("error", "pageerror", "warning")] + r["failed"]
                for rel, r in _pages(visits).items()}
    problems = {rel: p for rel, p in problems.items() if p}
    assert not problems, problems


def test_a_screenshot_of_each_page_is_kept(visits):
    shots = {p.name for p in SHOTS.glob("*.png")}
    assert len(shots) == len(_pages(visits)), shots
    assert all((SHOTS / name).stat().st_size > 5_000 for name in shots)


def test_chart_tooltip_shows_on_hover(visits, server, browser):
    """Charts stay interactive in the built book: hovering a mark shows its tooltip."""
    with_charts = [rel for rel, r in _pages(visits).items() if r["charts"]]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.route(re.compile(r"^(?!http://127\.0\.0\.1:)(?!data:)"), lambda route: route.abort())
    page.goto(f"{server}/{with_charts[0]}", wait_until="load")
    mark = page.locator(".hz-chart svg g.role-mark > path").first  # a bar, point or line, not an axis
    mark.wait_for(timeout=30_000)
    mark.scroll_into_view_if_needed()
    mark.hover()
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert tooltip.inner_text().strip()
    page.close()


def test_highlight_legend_fades_the_other_series_on_click(server, browser):
    """charts.highlight_legend: clicking a legend entry keeps that series opaque and fades the rest."""
    import altair as alt
    import pandas as pd

    from hightech_zones.charts import style as charts
    from hightech_zones.output import bundles as outputs

    frame = pd.DataFrame({"zone": ["武汉", "成都", "武汉", "成都"], "year": [2023, 2023, 2024, 2024],
                          "value": [1.0, 2.0, 3.0, 4.0]})
    chart = charts.highlight_legend(
        alt.Chart(frame).mark_bar().encode(x="year:O", y="value:Q", color="zone:N"), "zone")
    page = browser.new_page(viewport={"width": 900, "height": 700})
    page.route(re.compile(r"^(?!http://127\.0\.0\.1:)(?!data:)"), lambda route: route.abort())
    page.goto(f"{server}/_static/vega-bundle.js")  # same origin as the book, so the bundle loads
    page.set_content(f'<html><body><script src="{server}/_static/vega-bundle.js"></script>'
                     f'<script src="{server}/_static/hightech_zones.js"></script>'
                     f'{outputs._embed(chart.to_dict(), "hz-chart-test")}</body></html>', wait_until="load")
    bars = page.locator(".hz-chart svg g.role-mark > path")
    bars.first.wait_for(timeout=30_000)

    def opacities():
        return sorted(float(bars.nth(i).get_attribute("fill-opacity") or bars.nth(i).get_attribute("opacity") or 1)
                      for i in range(bars.count()))

    assert opacities() == [1.0] * 4  # nothing picked: every series shows
    page.locator(".hz-chart svg .role-legend-symbol path, .hz-chart svg .role-legend-label text").first.click()
    page.wait_for_timeout(300)
    assert opacities() == [0.25, 0.25, 1.0, 1.0]
    page.close()


def test_highlight_legend_binds_a_legend_selection_to_opacity():
    import altair as alt
    import pandas as pd

    from hightech_zones.charts import style as charts
    from hightech_zones.output import bundles as outputs

    chart = alt.Chart(pd.DataFrame({"k": ["a", "b"], "v": [1, 2]})).mark_bar().encode(x="v:Q", color="k:N")
    spec = charts.highlight_legend(chart, "k").to_dict()
    (param,) = spec["params"]
    assert param["bind"] == "legend" and param["select"] == {"type": "point", "fields": ["k"]}
    assert spec["encoding"]["opacity"]["condition"] == {"param": param["name"], "value": 1.0}
    assert outputs.png(spec).startswith(b"\x89PNG")
    with pytest.raises(TypeError):
        charts.highlight_legend(alt.layer(chart, chart), "k")


# --- a phone's width, the dark theme, the Chinese font ------------------------------------------

def _open(browser, server, rel, *, width=1280, theme=None):
    context = browser.new_context(viewport={"width": width, "height": 900}, service_workers="block")
    context.route(re.compile(r"^(?!http://127\.0\.0\.1:)(?!data:)(?!blob:)"), lambda route: route.abort())
    if theme:  # what the theme's switch stores; the theme reads it before the page is drawn
        context.add_init_script(f"localStorage.setItem('theme', '{theme}'); localStorage.setItem('mode', '{theme}');")
    page = context.new_page()
    page.goto(f"{server}/{rel}", wait_until="load")
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('.hz-chart')).every(e => e.querySelector('svg'))", timeout=30_000)
    return context, page


def test_a_closed_drop_down_shows_its_title_only(server, browser):
    """The case profiles' drop-down of the article's other sentences holds block quotes: closed, it
    must be no taller than its title bar (their padding once left an empty panel under it)."""
    context, page = _open(browser, server, "chapters/case_studies.html")
    sizes = page.evaluate("""() => [...document.querySelectorAll('.admonition.toggle-hidden')].map(a =>
        [a.getBoundingClientRect().height, a.querySelector('.admonition-title').getBoundingClientRect().height])""")
    context.close()
    assert sizes, "no closed drop-down on the case studies page"
    assert all(whole <= title + 2 for whole, title in sizes), sizes


def test_no_page_scrolls_sideways_on_a_phone(server, browser):
    wide = {}
    for path in book_pages():
        rel = path.relative_to(BUILD).as_posix()
        context, page = _open(browser, server, rel, width=NARROW)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > NARROW:
            wide[rel] = width
        if rel == "chapters/new_tracks.html":
            (SHOTS / "narrow").mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SHOTS / "narrow" / "new_tracks.png", full_page=True)
        context.close()
    assert not wide, f"pages wider than {NARROW} px (scrollWidth): {wide}"


def rgb(colour: str) -> str:
    """'#14181e' or 'white' as a browser's computed style writes it."""
    colour = {"white": "#ffffff"}.get(colour, colour)
    if len(colour) == 4:
        colour = "#" + "".join(c * 2 for c in colour[1:])
    return "rgb({}, {}, {})".format(*(int(colour[i:i + 2], 16) for i in (1, 3, 5)))


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_charts_follow_the_theme(server, browser, theme):
    from hightech_zones.charts.theme import THEMES

    context, page = _open(browser, server, "chapters/new_tracks.html", theme=theme)
    assert page.evaluate("() => document.documentElement.dataset.theme") == theme
    page.wait_for_function(f"() => Array.from(document.querySelectorAll('.hz-chart')).every(e => e.dataset.theme === '{theme}')",
                           timeout=30_000)
    inks = page.evaluate(INKS)
    assert inks and all(i["background"] == rgb(THEMES[theme]["paper"]) and i["ink"] == THEMES[theme]["ink"]
                        for i in inks), inks
    (SHOTS / "themes").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "themes" / f"new_tracks-{theme}.png", full_page=True)
    # The reader switches the theme: every chart is drawn again in the other one.
    other = "light" if theme == "dark" else "dark"
    page.evaluate(f"() => document.documentElement.dataset.theme = '{other}'")
    page.wait_for_function(f"() => Array.from(document.querySelectorAll('.hz-chart')).every(e => e.dataset.theme === '{other}')",
                           timeout=30_000)
    assert all(i["background"] == rgb(THEMES[other]["paper"]) for i in page.evaluate(INKS))
    context.close()


@pytest.mark.parametrize("rel", ["chapters/new_tracks.html", "zh_CN/chapters/new_tracks.html"], ids=["en", "zh_CN"])
def test_chinese_is_set_in_the_shipped_font(server, browser, rel):
    """Chromium reports which font drew each text node: the Chinese in prose, a table and a chart label
    is drawn with the book's own web font (a custom font), not a system one; in the Chinese edition,
    with the subset that edition ships."""
    context, page = _open(browser, server, rel)
    page.evaluate("() => document.fonts.ready")
    assert page.evaluate("""() => Array.from(document.fonts).some(f => f.family.replace(/"/g, '') === 'HZ Noto Sans SC'
                                                                   && f.status === 'loaded')""")
    cdp = context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    used = {}
    for selector in ["article h1", "table.hz-table td", ".hz-chart svg g.role-mark text"]:
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        assert node, selector
        used[selector] = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    chinese = {sel: [f for f in fonts if "CJK" in f["familyName"]] for sel, fonts in used.items()}
    assert all(chinese[sel] and all(f["isCustomFont"] for f in chinese[sel]) for sel in used), used
    (SHOTS / "font").mkdir(parents=True, exist_ok=True)
    edition = "zh_CN/" if rel.startswith("zh_CN/") else ""
    fonts = page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name).filter(n => n.endsWith('.woff2'))")
    mine = [f for f in fonts if "hz-noto-sans-sc" in f]
    assert mine and all(urlsplit(f).path == f"/{edition}_static/fonts/hz-noto-sans-sc.woff2" for f in mine), fonts
    page.locator("table.hz-table").first.screenshot(path=SHOTS / "font" / f"table-{edition.strip('/') or 'en'}.png")
    context.close()


# --- the two editions' language switch ------------------------------------------------------------

SWITCH = """() => {
  const a = document.querySelector('a.hz-language-switch'), r = a.getBoundingClientRect();
  const bar = a.closest('.header-article-items').getBoundingClientRect();
  // What the reader would click at the switch's centre and near its four corners: the switch itself.
  const points = [[0.5, 0.5], [0.1, 0.15], [0.9, 0.15], [0.1, 0.85], [0.9, 0.85]];
  const hits = points.map(([x, y]) => {
    const hit = document.elementFromPoint(r.left + x * r.width, r.top + y * r.height);
    return !!hit && (hit === a || a.contains(hit));
  });
  return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, barTop: bar.top, barBottom: bar.bottom,
          viewport: innerWidth, hits: hits, text: a.textContent.trim()};
}"""


@pytest.mark.parametrize("width", [NARROW, 1280])
@pytest.mark.parametrize("rel", ["chapters/innovation_capacity.html", "zh_CN/chapters/innovation_capacity.html"])
def test_the_language_switch_shows_whole_in_the_header(server, browser, rel, width):
    """The switch to the other edition sits whole inside the article's header bar, on a phone and on a
    laptop, in both editions: nothing covers it, nothing cuts it off."""
    context, page = _open(browser, server, rel, width=width)
    switch = page.evaluate(SWITCH)
    assert switch["text"] == ("English" if rel.startswith("zh_CN/") else "中文")
    assert switch["barTop"] <= switch["top"] and switch["bottom"] <= switch["barBottom"], switch
    assert 0 <= switch["left"] and switch["right"] <= switch["viewport"], switch
    assert all(switch["hits"]), switch
    (SHOTS / "switch").mkdir(parents=True, exist_ok=True)
    edition = "zh_CN" if rel.startswith("zh_CN/") else "en"
    page.screenshot(path=SHOTS / "switch" / f"{edition}-{width}.png", clip={"x": 0, "y": 0, "width": width, "height": 160})
    context.close()


@pytest.mark.parametrize("word", ["新赛道", "氢冶金", "光电子信息"])
def test_the_chinese_edition_s_search_finds_chinese_words(server, browser, word):
    """A reader's search in the Chinese edition (Sphinx's search page, its index segmented by jieba
    with the glossary's and the data's Chinese names as whole words) lists pages of that edition."""
    from urllib.parse import quote

    context, page = _open(browser, server, f"zh_CN/search.html?q={quote(word)}")
    page.wait_for_function("() => document.querySelectorAll('#search-results ul.search li').length > 0",
                           timeout=60_000)
    found = page.evaluate("() => Array.from(document.querySelectorAll('#search-results ul.search li a'))"
                          ".map(a => a.getAttribute('href'))")
    context.close()
    assert found and all(href.startswith("chapters/") for href in found), found


# --- accessibility: axe-core at WCAG 2 levels A and AA -------------------------------------------

AXE = ROOT / "tests" / "npm" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({rule: v.id, impact: v.impact, help: v.help,
                                      nodes: v.nodes.map(n => n.target.join(' ') + ' ' + n.html.split('>')[0] + '>')}));
}"""
# What axe finds in the theme's own buttons (pydata-sphinx-theme's templates), which the book does not
# write: an aria-label that leaves out the button's visible text (WCAG 2.5.3, label in name). The
# search button is labelled "Search" but shows "Search… Ctrl+K"; the theme switch is labelled
# "Color mode" and holds "Light", "Dark" and "System" in screen-reader-only text.
# Each is known by a class of the element itself (axe's selector for it varies from page to page).
THEME_OWNED = {"label-content-name-mismatch": ("search-button__button", "theme-switch-button")}


def book_violations(violations: list[dict]) -> list[dict]:
    """The violations left once the theme's own (THEME_OWNED) are set aside."""
    left = []
    for v in violations:
        nodes = [n for n in v["nodes"]
                 if not any(re.search(rf'class="[^"]*\b{c}\b', n) for c in THEME_OWNED.get(v["rule"], ()))]
        if nodes:
            left.append({**v, "nodes": nodes[:5]})
    return left


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        missing("axe-core is not installed in tests/npm/axe: run `make test` (npm ci there; Debian: apt-get install nodejs npm)")
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_page_passes_axe_at_wcag_a_and_aa(server, browser, axe_source, theme):
    """axe-core finds no violation of WCAG 2.0, 2.1 or 2.2 at level A or AA on any page of either edition,
    in the light or the dark theme (colour contrast included), with the charts drawn."""
    found = {}
    for path in book_pages():
        rel = path.relative_to(BUILD).as_posix()
        context, page = _open(browser, server, rel, theme=theme)
        page.wait_for_function(
            f"() => Array.from(document.querySelectorAll('.hz-chart')).every(e => e.dataset.theme === '{theme}')",
            timeout=30_000)
        page.add_script_tag(content=axe_source)
        violations = book_violations(page.evaluate(AXE_RUN, WCAG_A_AA))
        if violations:
            found[rel] = violations
        context.close()
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


def test_axe_finds_what_it_is_run_for(browser, axe_source):
    """The check can fail: a page with an unlabelled image, grey-on-white text and a button without a
    name breaks three of the rules the book is held to; the theme's own exceptions do not hide them."""
    page = browser.new_page()
    page.set_content('<html lang="en"><head><title>t</title></head><body><main><h1>t</h1>'
                     '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
                     '<p style="color:#bbb;background:#fff">faint</p><button class="theme-switch-button-x"></button>'
                     '</main></body></html>')
    page.add_script_tag(content=axe_source)
    rules = {v["rule"] for v in book_violations(page.evaluate(AXE_RUN, WCAG_A_AA))}
    page.close()
    assert {"image-alt", "color-contrast", "button-name"} <= rules, rules
