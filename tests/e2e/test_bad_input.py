"""A corrupted data file stops `make html` with one clear line, and leaves no built page behind.

Each test runs the real `make html` on a scratch copy of the project (the project's own
environment, not reinstalled), with one data file damaged in one of the ways the spine issue
lists, and with a stale build already in place that must not survive. Issue 22's payloads (a label
that ran a shell command at build time, a catalogue entry with a live element or swapped values, a
context figure divided by ten) stop it the same way, and the command leaves no marker file.
"""
from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, source_date_epoch

from hightech_zones.build.workspace import copy_project

pytestmark = pytest.mark.make

VENV = Path(sys.executable).parent.parent
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def stale_build(book: Path) -> None:
    """A build from before the damage, which must not be left looking valid."""
    for folder in ("_build/html", "_build/.doctrees"):
        (book / folder).mkdir(parents=True, exist_ok=True)
    (book / "_build/html/index.html").write_text("<html>an earlier, good build</html>", encoding="utf-8")


def make_html(book: Path, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": source_date_epoch(), "PYTHONHASHSEED": "0"}
    for name in ("MAKEFLAGS", "MAKELEVEL", "HIGHTECH_ZONES_DATA"):  # the copy's own make, and its own data/
        env.pop(name, None)
    # The copy uses this project's environment as it is: `-o` tells make not to reinstall it.
    return subprocess.run(["make", "--no-print-directory", "html", f"VENV={VENV}", "-o", f"{VENV}/.ready", *extra],
                          cwd=book, capture_output=True, text=True, env=env, timeout=900)


def table(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def write(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def get_cell(path: Path, ident: str, column: str) -> str:
    rows = table(path)
    return next(r for r in rows if r[0] == ident)[rows[0].index(column)]


def set_cell(path: Path, ident: str, column: str, value: str) -> int:
    """Set one cell of the row whose first cell is `ident`; return its row number (1 = first after the header)."""
    rows = table(path)
    row = next(i for i, r in enumerate(rows) if r[0] == ident)
    rows[row][rows[0].index(column)] = value
    write(path, rows)
    return row


def missing_column(data: Path) -> str:
    rows = table(data / "figures.csv")
    i = rows[0].index("value")
    write(data / "figures.csv", [r[:i] + r[i + 1:] for r in rows])
    return r'data/figures\.csv, column "value": column is missing from the header'


def wrong_type(data: Path) -> str:
    row = set_cell(data / "figures.csv", "total_index", "value", "five hundred")
    return rf"data/figures\.csv, row {row} \(line {row + 1}\), column \"value\": 'five hundred' is not a number"


def duplicate_id(data: Path) -> str:
    rows = table(data / "figures.csv")
    first = rows[1][0]
    row = set_cell(data / "figures.csv", rows[3][0], "id", first)
    return rf"data/figures\.csv, row {row} \(line {row + 1}\), column \"id\": duplicate value '{first}' \(first in row 1\)"


def share_out_of_range(data: Path) -> str:
    row = set_cell(data / "figures.csv", "rd_staff_share", "value", "125")
    return rf"data/figures\.csv, row {row} \(line {row + 1}\), column \"value\": 125 is a share and must lie between 0 and 100"


def empty_file(data: Path) -> str:
    (data / "sentences.csv").write_bytes(b"")
    return r"data/sentences\.csv: file is empty"


def not_utf8(data: Path) -> str:
    path = data / "glossary.csv"
    raw = path.read_bytes()
    line = raw[: raw.index("新赛道".encode())].count(b"\n")
    path.write_bytes(raw.replace("新赛道".encode(), "新赛道".encode("gb18030"), 1))
    return rf"data/glossary\.csv, row {line} \(line {line + 1}\), column \"term_zh\": not valid UTF-8 \(byte 0x[0-9a-f]{{2}}\)"


# Issue 14: a new contributor's edit appends markup to a translation.
INJECTED = " <img src=x onerror=\"document.title='pwned'\"> **bold** [link](javascript:alert(1))"


def injected_markup(data: Path) -> str:
    path = data / "sentences.csv"
    row = set_cell(path, "tracks", "text_en", get_cell(path, "tracks", "text_en") + INJECTED)
    return (rf"data/sentences\.csv, row {row} \(line {row + 1}\), column \"text_en\": "
            r"holds an HTML tag \('<img src=x onerr'\); data text must be plain text")


# Issue 22: a label that ran a shell command at build time, one that published a file, a catalogue entry
# with a live element or swapped values, a context figure divided by ten.
MARKER = "hz-build-ran-me"


def template_in_a_label(data: Path) -> str:
    command = f"Sources {{{{ lipsum.__globals__.os.popen('touch {data.parent / MARKER}').read() }}}}"
    row = set_cell(data / "labels.csv", "profile_sources", "en", command)
    return (rf'data/labels\.csv, row {row} \(line {row + 1}\), column "en": '
            r"holds a template tag \('\{\{ lipsum\.__glob'\); data text must be plain text")


def download_role_in_a_label(data: Path) -> str:
    row = set_cell(data / "labels.csv", "profile_sources", "zh", "来源{download}`/etc/passwd`")
    return rf'data/labels\.csv, row {row} \(line {row + 1}\), column "zh": holds a MyST role .*'


CATALOGUE = "locale/zh_CN/LC_MESSAGES/chapters/index.po"
INDEX_ROSE = "从{glue:text}`index.md::base:s`点升至{glue:text}`index.md::total:s`点"


def _catalogue(data: Path, text: str) -> None:
    po = data.parent / CATALOGUE
    po.write_text(po.read_text(encoding="utf-8").replace(INDEX_ROSE, text, 1), encoding="utf-8")


def live_element_in_a_catalogue(data: Path) -> str:
    _catalogue(data, INDEX_ROSE.replace("点升至", "点<img src=x onerror=alert(1)>升至"))
    return rf"{CATALOGUE}:49: msgid .*: holds markup its English does not: HTML '<img src=x onerror=alert\(1\)>'.*"


def swapped_values_in_a_catalogue(data: Path) -> str:
    _catalogue(data, "从{glue:text}`index.md::total:s`点升至{glue:text}`index.md::base:s`点")
    return rf"{CATALOGUE}:49: msgid .*: glued keys are not in the English's order .*"


def context_figure_divided(data: Path) -> str:
    row = set_cell(data / "context_figures.csv", "national_gdp_2024", "value", "134908.4")
    return rf'data/context_figures\.csv, row {row} \(line {row + 1}\), column "value": 134908 亿元 is not what its words state.*'


CORRUPTIONS = {f.__name__: f for f in (missing_column, wrong_type, duplicate_id, share_out_of_range, empty_file, not_utf8,
                                       injected_markup, template_in_a_label, download_role_in_a_label,
                                       live_element_in_a_catalogue, swapped_values_in_a_catalogue,
                                       context_figure_divided)}


@pytest.fixture
def book(tmp_path) -> Path:
    return copy_project(ROOT, tmp_path / "book")


@pytest.mark.parametrize("name", CORRUPTIONS)
def test_make_html_stops_with_one_clear_line(book, name):
    message = CORRUPTIONS[name](book / "data")
    stale_build(book)
    proc = make_html(book)
    log = proc.stdout + proc.stderr
    assert proc.returncode != 0, log[-2000:]
    errors = [line for line in proc.stderr.splitlines() if line.startswith("DATA ERROR: ")]
    assert len(errors) == 1, proc.stderr
    assert re.fullmatch(f"DATA ERROR: {message}", errors[0]), errors[0]
    assert "Traceback" not in log
    assert "make: stopped; fix the data file named above" in proc.stderr
    assert not (book / "_build/html").exists() and not (book / "_build/.doctrees").exists()
    assert "Running Jupyter-Book" not in log  # stopped before the book build
    assert not list(book.rglob(MARKER))


def test_a_template_that_slips_past_the_check_runs_nothing(book):
    """Skip the data check: the chapters' own load() refuses the label before any page renders it.
    (Before issue 22 the loader took it, the profile pasted it into MyST, and MyST's substitutions ran it.)"""
    template_in_a_label(book / "data")
    proc = make_html(book, "-o", "check-data", "EDITIONS=en")
    log = ANSI.sub("", proc.stdout + proc.stderr)
    assert not list(book.rglob(MARKER)), "the label ran a command at build time"
    assert proc.returncode != 0, log[-3000:]
    assert re.search(r"^DataError: data/labels\.csv, row \d+ \(line \d+\), column \"en\": holds a template tag", log, re.M)


def test_damage_that_slips_past_the_check_still_stops_the_book_build(book):
    """Skip the data check (`make -o check-data`): the chapters' own load() stops the build, with the same message."""
    message = wrong_type(book / "data")
    stale_build(book)
    proc = make_html(book, "-o", "check-data")
    log = ANSI.sub("", proc.stdout + proc.stderr)  # the kernel's traceback is coloured
    assert proc.returncode != 0, log[-3000:]
    assert re.search(f"^DataError: {message}$", log, re.M), log[-3000:]
    assert "Running Jupyter-Book" in log
    assert "make html: the build failed; _build/html was removed" in proc.stderr
    assert not (book / "_build/html").exists() and not (book / "_build/.doctrees").exists()


def test_undamaged_copy_passes_the_data_check(book):
    """The copy itself is sound: without damage, the check passes (the book build is not repeated here)."""
    proc = subprocess.run([sys.executable, "-m", "hightech_zones.data.validate"], cwd=book, capture_output=True, text=True,
                          env={k: v for k, v in os.environ.items() if k != "HIGHTECH_ZONES_DATA"})
    assert proc.returncode == 0 and proc.stdout.startswith("data OK:"), proc.stdout + proc.stderr
