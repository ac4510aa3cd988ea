"""A chapter run in `make lab`'s JupyterLab, in a real browser with the network closed.

`make lab` starts on a free local port, with its own scratch folders for JupyterLab's user settings
(autosave off, so the run never writes the chapter back) and workspaces. Debian's Chromium, driven
by Playwright as in tests/e2e/test_browser.py, opens what `make lab` would open (the landing notebook),
then one chapter as a notebook, runs all its cells and waits for the kernel. Then every chart cell
must hold a drawn Vega SVG, a tooltip must show on hover, every cell that glues a value must show
it, and there must be no error output, no console error and no request leaving the machine.
A screenshot with the tooltip showing is kept in _build/screenshots/lab/.
Without Chromium or Playwright the tests skip on a developer's machine and fail in CI.
"""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import jupytext
import pytest
from test_browser import browser  # noqa: F401 (the web-book test's Chromium fixture, shared)
from test_notebooks import _free_port

from hightech_zones.output.bundles import BOOK_ENV

pytestmark = [pytest.mark.browser, pytest.mark.kernel]

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "_build" / "screenshots" / "lab"
CHAPTER = ROOT / "chapters" / "innovation_capacity.md"  # the most charts, and the most glued numbers
TOKEN = "hz-lab-test"
OPENS = "hz-lab-would-open"  # what `make lab` hands the browser, echoed instead of opened
RUN_TIMEOUT = 600_000  # ms: every cell of the chapter, on a busy two-core machine

# Every cell of the notebook, in order, once it has run: what a reader sees under each.
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"  # the notebook in view
CELLS = """() => Array.from(document.querySelectorAll('%s .jp-Cell')).map(c => ({
  code: c.classList.contains('jp-CodeCell'),
  prompt: (c.querySelector('.jp-InputPrompt') || {}).textContent || '',
  outputs: Array.from(c.querySelectorAll('.jp-OutputArea-output')).map(o => ({
    mime: o.getAttribute('data-mime-type') || '', text: o.textContent.slice(0, 300)})),
  charts: Array.from(c.querySelectorAll('.jp-RenderedVegaLite')).map(v => {
    const svg = v.querySelector('svg');
    return {svg: !!svg, marks: v.querySelectorAll('svg g.role-mark > *').length,
            width: svg ? Number(svg.getAttribute('width')) : 0};
  }),
}))""" % PANEL


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """`make lab` on a free port; yields its address and the page it would open in a browser."""
    scratch = tmp_path_factory.mktemp("lab")
    port = _free_port()
    flags = (f"--ServerApp.ip=127.0.0.1 --IdentityProvider.token={TOKEN} "
             f"--ServerApp.browser='/bin/echo {OPENS} %s'")
    env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(scratch / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(scratch / "workspaces")}
    env.pop(BOOK_ENV, None)  # a reader's kernel, not the book's
    proc = subprocess.Popen(["make", "--no-print-directory", "lab", f"LAB_PORT={port}", f"LAB_FLAGS={flags}"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(proc.stdout), daemon=True).start()  # never let the pipe fill
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            opens = [line.split(OPENS, 1)[1].strip() for line in list(log) if line.startswith(OPENS)]
            if opens:
                break
            assert proc.poll() is None, "".join(log)
            time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not start within two minutes:\n" + "".join(log[-30:]))
        _put_setting(base, "@jupyterlab/docmanager-extension:plugin", {"autosave": False})
        yield {"base": base, "opens": opens[0], "log": log}
    finally:
        _stop(proc)


def _put_setting(base: str, plugin: str, values: dict) -> None:
    request = urllib.request.Request(f"{base}/lab/api/settings/{plugin}?token={TOKEN}", method="PUT",
                                     data=json.dumps({"raw": json.dumps(values)}).encode(),
                                     headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=30).close()


def _stop(proc: subprocess.Popen) -> None:
    """Stop make and the JupyterLab it started (their own process group), and nothing else."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def context(lab, browser):  # noqa: F811 (the fixture imported above)
    """A browser context that refuses, and records, every request to anything but JupyterLab."""
    local = urlsplit(lab["base"]).netloc
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, service_workers="block")
    context.outside = []

    def refuse_outside(route):
        url = route.request.url
        if urlsplit(url).scheme in ("data", "blob") or urlsplit(url).netloc == local:
            route.continue_()
        else:
            context.outside.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", refuse_outside)
    yield context
    context.close()


def _open_notebook(context, url: str, cells: int):
    """A page with the notebook at ``url`` loaded, all its cells, and its kernel idle."""
    page = context.new_page()
    page.console = []
    page.on("console", lambda msg: page.console.append((msg.type, msg.text)))
    page.on("pageerror", lambda exc: page.console.append(("pageerror", str(exc))))
    page.goto(url, wait_until="load")
    page.wait_for_function(f"() => document.querySelectorAll('{PANEL} .jp-Cell').length === {cells}",
                           timeout=120_000)
    page.get_by_text(re.compile(r"\| Idle$")).wait_for(timeout=120_000)
    return page


def test_make_lab_opens_on_the_landing_notebook(lab, context):
    """`make lab` hands the browser a redirect page; it leads to chapters/index.md, opened as a notebook."""
    opens = lab["opens"]
    if opens.startswith("file://"):
        redirect = Path(urlsplit(opens).path).read_text(encoding="utf-8")
        opens = re.search(r'url=(http[^"]+)"', redirect)[1]
    assert urlsplit(opens).path == "/lab/tree/chapters/index.md", opens
    landing = ROOT / "chapters" / "index.md"
    page = _open_notebook(context, f"{lab['base']}{urlsplit(opens).path}?reset&token={TOKEN}",
                          len(jupytext.read(landing).cells))
    assert page.locator(f"{PANEL} .jp-Cell").count() == len(jupytext.read(landing).cells)
    page.close()


@pytest.fixture(scope="module")
def ran(lab, context):
    """The chapter opened as a notebook and run top to bottom: what each cell shows, the console,
    and a hover over the first chart's first mark, with a screenshot of its tooltip."""
    source = CHAPTER.read_bytes()
    nb = jupytext.read(CHAPTER)
    page = _open_notebook(context, f"{lab['base']}/lab/tree/{CHAPTER.relative_to(ROOT).as_posix()}?reset&token={TOKEN}",
                          len(nb.cells))
    page.locator(".lm-MenuBar-item", has_text="Run").click()
    page.locator(".lm-Menu-item[data-command='runmenu:run-all']").click()
    page.wait_for_function("""() => {
      const prompts = Array.from(document.querySelectorAll('%s .jp-CodeCell .jp-InputPrompt'));
      return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
    }""" % PANEL, timeout=RUN_TIMEOUT)
    page.get_by_text(re.compile(r"\| Idle$")).wait_for(timeout=120_000)
    # Bring each chart into view once (JupyterLab skips the layout of cells out of view), then read.
    for chart in page.locator(".jp-RenderedVegaLite").all():
        chart.scroll_into_view_if_needed()
        chart.locator("svg g.role-mark > *").first.wait_for(state="attached", timeout=30_000)
    shown = page.evaluate(CELLS)
    mark = page.locator(".jp-RenderedVegaLite svg g.role-mark > path").first
    mark.scroll_into_view_if_needed()
    mark.hover()
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=10_000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{CHAPTER.stem}-tooltip.png")
    result = {"nb": nb, "cells": shown, "tooltip": tooltip.inner_text(), "console": list(page.console),
              "outside": list(context.outside), "unchanged": CHAPTER.read_bytes() == source}
    page.close()
    return result


def test_every_cell_ran(ran):
    assert len(ran["cells"]) == len(ran["nb"].cells)
    unrun = [i for i, c in enumerate(ran["cells"]) if c["code"] and not re.fullmatch(r"\[\d+\]:", c["prompt"])]
    assert not unrun, f"cells that did not run: {unrun}"


def test_every_chart_cell_holds_a_drawn_vega_svg(ran):
    chart_cells = [i for i, cell in enumerate(ran["nb"].cells)
                   if cell.cell_type == "code" and re.search(r'glue\(\s*"fig-', cell.source)]
    assert chart_cells, "the chapter has no chart"
    drawn = {i: ran["cells"][i]["charts"] for i in chart_cells}
    undrawn = {i: c for i, c in drawn.items() if len(c) != 1 or not c[0]["svg"] or not c[0]["marks"]
               or c[0]["width"] < 50}
    assert not undrawn, f"chart cells without one drawn Vega SVG (cell: charts): {undrawn}"
    elsewhere = [i for i, c in enumerate(ran["cells"]) if c["charts"] and i not in chart_cells]
    assert not elsewhere, elsewhere
    links = {i: [o["text"] for o in ran["cells"][i]["outputs"] if "Download the data" in o["text"]] for i in chart_cells}
    assert all(len(v) == 1 for v in links.values()), f"each chart's data link, under it: {links}"


def test_a_tooltip_shows_on_hover(ran):
    assert ran["tooltip"].strip()


def test_every_glued_value_shows_under_its_cell(ran):
    for i, cell in enumerate(ran["nb"].cells):
        if cell.cell_type != "code" or "glue(" not in cell.source:
            continue
        outputs = ran["cells"][i]["outputs"]
        assert outputs, f"cell {i} glues values but shows nothing"
        text = "\n".join(o["text"] for o in outputs)
        for name in re.findall(r'glue\(\s*"([^"]+)"', cell.source):
            assert f"{name} = " in text or name.startswith(("fig-", "tbl-")), f"cell {i}: {name} is not shown"


def test_no_error_output(ran):
    errors = [(i, o) for i, c in enumerate(ran["cells"]) for o in c["outputs"]
              if o["mime"] in ("application/vnd.jupyter.stderr", "application/vnd.jupyter.error")]
    assert not errors, errors


def test_no_console_errors(ran):
    errors = [m for m in ran["console"] if m[0] in ("error", "pageerror")]
    assert not errors, errors


def test_no_request_left_the_machine(ran):
    assert not ran["outside"], sorted(set(ran["outside"]))


def test_the_run_left_the_chapter_as_it_was(ran):
    assert ran["unchanged"], f"{CHAPTER.name} was written back during the run"
