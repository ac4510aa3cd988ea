"""The built site as a published site: Cite lines, link previews, the sitemap, the citation, and the
release archive served from a sub-path (build/publish.py, book/site.py, build/citation.py)."""
from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import tarfile
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import test_browser
from site_pages import EDITIONS, SUB_PATH, pages, soup

from hightech_zones.build import publish

browser = test_browser.browser
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def site(built_html):
    return {edition: {p.relative_to(folder).as_posix(): soup(p) for p in pages(folder)}
            for edition, folder in EDITIONS.items()}


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


@pytest.fixture(scope="module")
def sub_path_server(unpacked):
    handler = functools.partial(test_browser._Quiet, directory=str(unpacked))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/{SUB_PATH}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.browser
def test_both_editions_work_from_a_sub_path_with_no_broken_link_and_no_outside_request(
        sub_path_server, unpacked, browser):
    top = unpacked / SUB_PATH
    context = browser.new_context(service_workers="block")
    outside, broken, dead_links = [], [], []

    def only_the_sub_path(route):
        url = route.request.url
        if url.startswith(sub_path_server) or urlsplit(url).scheme in ("data", "blob"):
            route.continue_()
        else:
            outside.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", only_the_sub_path)
    site_pages = [p for folder in (top, top / "zh_CN") for p in pages(folder)]
    assert len(site_pages) >= 2 * 11
    for path in site_pages:
        page = context.new_page()
        page.set_default_timeout(120_000)  # a wait limit, not a timing test
        page.on("response", lambda r: broken.append((r.url, r.status)) if r.status >= 400 else None)
        url = sub_path_server + path.relative_to(top).as_posix()
        page.goto(url, wait_until="load")
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            target = urlsplit(href)
            if not href.startswith(sub_path_server):  # data: downloads, and the sources' own sites
                continue
            file = top / unquote(target.path[len(urlsplit(sub_path_server).path):])
            file = file / "index.html" if file.is_dir() else file
            if not file.is_file():
                dead_links.append((url, href, "no such file"))
            elif target.fragment and file.suffix == ".html" and \
                    f'id="{unquote(target.fragment)}"' not in file.read_text(encoding="utf-8"):
                dead_links.append((url, href, "no such anchor"))
        page.close()
    context.close()
    assert not outside, sorted(set(outside))
    assert not broken, sorted(set(broken))
    assert not dead_links, sorted(set(dead_links))[:20]

