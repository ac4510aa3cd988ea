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

import ast
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import glue_records
from site_pages import HTML, PROSE, built_page

from hightech_zones.analysis import provenance

ROOT = Path(__file__).resolve().parents[2]
GLUE_TEXT = re.compile(r"\{glue:text\}`([^`:]+)`")
# A glued text that is no figure: a count of the book's own items (rows of a data file), which
# stays plain; or no number at all.
OWN_COUNT = re.compile(r"^(n_\w+|top_pillar_n)$")


@pytest.fixture(scope="module")
def cards(built_html) -> dict[str, dict]:
    text = (HTML / "_static" / "hz-cards.js").read_text(encoding="utf-8")
    assert text.startswith("window.hzCards=") and text.rstrip().endswith(";")
    return json.loads(text[len("window.hzCards="):].rstrip().rstrip(";"))


def test_the_shipped_cards_are_the_data_s(cards):
    assert cards == json.loads(json.dumps(provenance.cards("en")))


@pytest.mark.parametrize("name", PROSE)
def test_every_glued_figure_carries_its_id_and_links_to_an_anchor_that_exists(name, cards):
    source = (ROOT / "chapters" / f"{name}.md").read_text(encoding="utf-8")
    records = glue_records(ROOT / "chapters" / f"{name}.md")
    used = GLUE_TEXT.findall(source)
    sourced = [key for key in used if provenance.MIME in records[key]]
    plain = {key for key in used if provenance.MIME not in records[key]}
    # Every glued number is sourced, but for the counts of the book's own items and words.
    for key in plain:
        text = ast.literal_eval(records[key]["text/plain"])
        is_date = re.fullmatch(r"(\d{1,2} )?[A-Z][a-z]+ \d{4}", text)  # a date in words: 'January 2025'
        assert OWN_COUNT.match(key) or is_date or not re.search(r"^\D{0,12}\d[\d,.]*\D{0,16}$", text), (key, text)
    numbers = built_page(name).select("article a.hz-fig")
    # new tracks and policy measures name things and count them: their prose states no figure
    assert len(numbers) == len(sourced) and (name in ("new_tracks", "policy_measures")) != bool(numbers)
    for number, key in zip(numbers, sourced):
        ref = records[key][provenance.MIME]["ref"]
        assert number["data-hz"] == ref and ref in cards, (key, ref)
        assert number.get_text() == ast.literal_eval(records[key]["text/plain"])
        target = urlsplit(number["href"])
        docname, anchor = provenance.register_target(ref)
        # a link to a row of the same page (the audit's) is the anchor alone
        assert target.fragment == anchor and target.path in (Path(docname).name + ".html", "")
        assert target.path or Path(docname).name == name
        assert built_page(Path(docname).name).find(id=anchor) is not None, (name, key, number["href"])


def test_every_register_row_has_its_id_as_anchor(built_html):
    from hightech_zones import load
    from hightech_zones.analysis import audit

    register = built_page("figures")
    for kind in ("figures", "context_figures"):
        for ref in load(kind).id:
            assert register.find("tr", id=ref) is not None, ref
    tables = load("figures"), load("context_figures"), load("units")
    audit_page = built_page("audit")
    for ref in [*audit.derived(*tables).id, *audit.claims(*tables).id]:
        assert audit_page.find("tr", id=ref) is not None, ref


# --- in Chromium ----------------------------------------------------------------------------


# --- in the PDF -----------------------------------------------------------------------------


