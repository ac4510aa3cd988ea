"""Lighthouse, the web's common audit, on the built site: accessibility, best practices and SEO at
100 on the landing page and one chapter of each edition. Performance is reported, not asserted
(a shared machine's timings say nothing about the book): in the terminal and in
_build/lighthouse/summary.md, beside each page's full JSON report.

Lighthouse comes from npm, pinned in tests/npm/lighthouse/package-lock.json (`make lighthouse`), and
drives Debian's Chromium with the network closed as in test_browser.py; the site is served at a
server's root, where Lighthouse looks for robots.txt. Without Node's packages or Chromium the
test skips on a developer's machine and fails in CI.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import test_browser

pytestmark = pytest.mark.browser
server = test_browser.server

ROOT = Path(__file__).resolve().parents[2]
CLI = ROOT / "tests" / "npm" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
REPORTS = ROOT / "_build" / "lighthouse"
PAGES = ["chapters/index.html", "chapters/innovation_capacity.html",
         "zh_CN/chapters/index.html", "zh_CN/chapters/innovation_capacity.html"]
ASSERTED = ("accessibility", "best-practices", "seo")
FLAGS = ["--headless=new", *(f for f in test_browser.CHROMIUM_ARGS if not f.startswith("--host-resolver-rules")),
         "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"]


@pytest.fixture(scope="module")
def reports(server, request) -> dict[str, dict]:
    if not CLI.is_file() or not shutil.which("node"):
        test_browser.missing("Lighthouse is not installed (make lighthouse; Debian: apt-get install nodejs npm)")
    if not Path(test_browser.CHROMIUM).is_file():
        test_browser.missing(f"Chromium is not installed at {test_browser.CHROMIUM}")
    REPORTS.mkdir(parents=True, exist_ok=True)
    found, lines = {}, ["| page | performance | accessibility | best practices | SEO |", "|---|---|---|---|---|"]
    for page in PAGES:
        target = REPORTS / (page.replace("/", "__")[:-5] + ".json")
        run = subprocess.run(["node", str(CLI), f"{server}/{page}", "--quiet", "--output=json",
                              f"--output-path={target}", "--only-categories=performance," + ",".join(ASSERTED),
                              f"--chrome-flags={' '.join(FLAGS)}"],
                             env={"CHROME_PATH": test_browser.CHROMIUM, "PATH": "/usr/bin:/bin", "HOME": str(REPORTS)},
                             capture_output=True, text=True, timeout=600)  # a limit for a stalled run, not a timing test
        assert run.returncode == 0, run.stderr[-2000:]
        found[page] = json.loads(target.read_text(encoding="utf-8"))
        scores = {k: v["score"] for k, v in found[page]["categories"].items()}
        lines.append(f"| {page} | " + " | ".join(f"{round(100 * scores[k])}" for k in ("performance", *ASSERTED)) + " |")
    (REPORTS / "summary.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    plugins = request.config.pluginmanager
    reporter, capture = plugins.get_plugin("terminalreporter"), plugins.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():  # else pytest's capture swallows it
            reporter.write_line("\nLighthouse (performance reported, not asserted):\n" + "\n".join(lines))
    return found


def _failing(report: dict, category: str) -> list[str]:
    audits = report["audits"]
    return [f"{ref['id']}: {audits[ref['id']].get('displayValue') or audits[ref['id']]['title']}"
            for ref in report["categories"][category]["auditRefs"]
            if ref["weight"] and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1]


@pytest.mark.parametrize("category", ASSERTED)
def test_every_audited_page_scores_100(reports, category):
    below = {page: (report["categories"][category]["score"], _failing(report, category))
             for page, report in reports.items() if report["categories"][category]["score"] != 1}
    assert not below, below


def test_lighthouse_loaded_each_page_itself_and_nothing_else(reports, server):
    for page, report in reports.items():
        assert report["finalDisplayedUrl"] == f"{server}/{page}" and not report.get("runtimeError"), page
        requests = report["audits"]["network-requests"]["details"]["items"]
        assert requests and all(r["url"].startswith((server, "data:")) for r in requests), page
