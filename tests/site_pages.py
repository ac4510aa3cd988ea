"""The built site's pages, parsed: shared by the tests of the site (tests/book/test_site.py,
tests/e2e/test_site_e2e.py) and of the provenance cards (tests/book/test_cards_built.py,
tests/e2e/test_cards.py)."""
from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from hightech_zones.build import publish

HTML = ROOT / "_build" / "html"
EDITIONS = {"en": HTML, "zh_CN": HTML / "zh_CN"}
SUB_PATH = "hightech-zones"
# The pages whose prose states figures: the landing page, the four chapters and the audit.
PROSE = ["index", "innovation_capacity", "new_tracks", "policy_measures", "case_studies", "audit"]


def pages(folder: Path) -> list[Path]:
    """An edition's pages (the root's redirect to the landing page aside)."""
    return sorted(p for p in folder.rglob("*.html")
                  if not {"_static", "_sources", "zh_CN"} & set(p.relative_to(folder).parts[:-1])
                  and publish.REDIRECT not in p.read_text(encoding="utf-8")[:2000])


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def built_page(name: str) -> BeautifulSoup:
    path = HTML / "chapters" / f"{name}.html"
    if not path.is_file():
        pytest.fail("_build/html is missing: run the tests through `make test`")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
