"""A translation is validated like data (issue 22): a msgstr holds only the markup of its msgid.

Each fault of the issue, and the others a hostile translator could try, is planted in a copy of
the real index.po entry that says the index rose from {base} to {total} points, and the check
that the Chinese build and `make check-data` both run refuses it, naming the file and the entry.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

from hightech_zones.data.catalogues import broken_catalogues, entry_problems

PO = "locale/zh_CN/LC_MESSAGES/chapters/index.po"
BASE, TOTAL = "{glue:text}`index.md::base:s`", "{glue:text}`index.md::total:s`"
ENTRY = f"**国家高新区创新能力总指数从{BASE}点升至{TOTAL}点**"  # the start of the real msgstr

FAULTS = {
    # issue 22's findings
    "live HTML": (f"**国家高新区创新能力总指数从<img src=x onerror=alert(1)>{BASE}点升至{TOTAL}点**", "HTML '<img"),
    "a template": (f"**国家高新区创新能力总指数从{{{{ lipsum.__globals__ }}}}{BASE}点升至{TOTAL}点**",
                   "a template tag '{{'"),
    "swapped glue keys": (f"**国家高新区创新能力总指数从{TOTAL}点升至{BASE}点**",
                          "glued keys are not in the English's order ['base', 'total', 'gain', 'data_year']"),
    "a hidden value, a typed one": (f"**国家高新区创新能力总指数从{BASE}点升至<span hidden>{TOTAL}</span>5057点**",
                                    "types numbers its English does not (5057)"),
    # and the other ways in
    "a download role": (f"**国家高新区创新能力总指数从{BASE}点升至{TOTAL}点**{{download}}`/etc/passwd`",
                        "a role 'download'"),
    "a raw role": (f"**国家高新区创新能力总指数从{BASE}点升至{TOTAL}点**{{raw:html}}`<b>`", "a role 'raw:html'"),
    "a link": (f"**国家高新区创新能力总指数从{BASE}点升至{TOTAL}点**[详情](javascript:alert(1))", "a link"),
    "an HTML comment": (f"**国家高新区创新能力总指数从{BASE}点升至<!-- {TOTAL} -->5057点**", "HTML '<!--"),
    "a directive fence": (f"**国家高新区创新能力总指数从{BASE}点升至{TOTAL}点**\n```{{raw}} html", "a directive"),
    "a comment line": (f"**国家高新区创新能力总指数从{BASE}点升至\n% {TOTAL}点**", "a comment or target line"),
    "a full-width number": (f"**国家高新区创新能力总指数从{BASE}点升至{TOTAL}点（５０５７）**", "5057"),
    "a bidirectional control": (f"**国家高新区创新能力总指数从{BASE}点升至\u202e{TOTAL}点**", "a control character"),
}


def plant(book, text: str) -> None:
    po = book / PO
    source = po.read_text(encoding="utf-8")
    assert ENTRY in source
    po.write_text(source.replace(ENTRY, text.replace("\n", "\\n"), 1), encoding="utf-8")


@pytest.fixture
def book(tmp_path):
    for folder in ("locale", "data"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def test_the_real_catalogues_pass(book):
    assert broken_catalogues(book) == []


@pytest.mark.parametrize("fault", FAULTS)
def test_a_planted_fault_is_refused_naming_the_file_and_the_entry(book, fault):
    text, problem = FAULTS[fault]
    plant(book, text)
    (broken,) = broken_catalogues(book)
    assert broken.startswith(f"{PO}:49: msgid \"**The index of the zones' innovation capacity rose"), broken
    assert problem in broken, broken


def test_make_check_data_refuses_a_planted_catalogue(book):
    """`make check-data` runs this module: it stops with one line, before any page is read."""
    plant(book, FAULTS["swapped glue keys"][0])
    env = {**os.environ, "HIGHTECH_ZONES_DATA": str(book / "data")}
    proc = subprocess.run([sys.executable, "-m", "hightech_zones.data.validate"], capture_output=True, text=True, env=env)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.startswith(f"DATA ERROR: {PO}:49: msgid ") and proc.stderr.count("\n") == 1, proc.stderr
    assert "glued keys are not in the English's order" in proc.stderr


def test_a_catalogue_babel_cannot_read_is_one_line(book):
    (book / PO).write_text('msgid "a"\nnot a keyword\nmsgstr "b"\n', encoding="utf-8")
    (broken,) = broken_catalogues(book)
    assert broken.startswith(f"{PO}: not a catalogue Babel can read (") and "\n" not in broken


@pytest.mark.parametrize("msgid, msgstr", [
    ("The action plan of January 2025", "2025年1月的行动方案"),  # a month the English names
    ("the 2023 edition and the 2024 edition", "2023年版与2024年版之间，2024年版"),  # a number again
    ("{doc}`audit <audit>` checks them", "{doc}`核查 <audit>`复算"),  # a role's title may hold '<'
    ("Scores of `x` and **y**", "`x` 与 **y** 的得分"),
])
def test_a_translation_may_hold_what_its_english_holds(msgid, msgstr):
    assert entry_problems(msgid, msgstr, "index.md") == []


@pytest.mark.parametrize("msgid, msgstr, problem", [
    ("The action plan of January 2025", "2025年2月的行动方案", "types numbers its English does not (2)"),
    ("Scores", "得分 <b>高</b>", "holds markup its English does not"),
    ("Scores", "得分 {sub}`2`", "a role 'sub'"),
])
def test_a_translation_may_not_add_to_its_english(msgid, msgstr, problem):
    assert any(problem in p for p in entry_problems(msgid, msgstr, "index.md")), entry_problems(msgid, msgstr, "index.md")
