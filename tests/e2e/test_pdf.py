"""The PDF itself (`make pdf`, which `make test` runs first): what a reader of the printed book gets.

It checks the PDF with poppler's tools, against the HTML build of the same sources: the key
figures and every Chinese run of the text are in it, one sharp image per chart, every font
embedded, no missing glyph, no broken cross-reference, a title page, contents and numbered
chapters. Without the PDF or poppler the tests skip on a developer's machine and fail in CI.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

pytestmark = pytest.mark.pdf

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
LATEX = ROOT / "_build" / "latex"
PDF = LATEX / "book.pdf"
IN_CI = os.environ.get("CI", "").lower() not in ("", "0", "false", "no")
CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{2,}")
DECIMAL = re.compile(r"(?<![\d.])\d+\.\d+(?![\d.])")
KEY_FIGURES = ["505.7"]  # the article's headline figure: the innovation capacity index
TEXT_ELEMENTS = "p, td, th, li, figcaption, blockquote, dt, dd, h1, h2, h3, h4, caption"
MIN_PPI = 150


def missing(why: str):
    """A missing tool or PDF is a skip for a developer and a failure in CI."""
    (pytest.fail if IN_CI else pytest.skip)(why)


def poppler(tool: str, *args: str) -> str:
    if not shutil.which(tool):
        missing(f"{tool} is missing (Debian: apt-get install poppler-utils)")
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def pdf() -> Path:
    if not PDF.is_file():
        missing("_build/latex/book.pdf is missing: run `make pdf` (or `make test`)")
    return PDF


@pytest.fixture(scope="module")
def pdf_text(pdf) -> str:
    """The PDF's text with all white space removed, so that line breaks inside Chinese text do not matter."""
    # -raw keeps the content stream order: a table cell wrapped over lines stays in one piece.
    return re.sub(r"\s+", "", poppler("pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"))


def html_pages() -> list[Path]:
    return sorted(p for p in (HTML / "chapters").rglob("*.html"))


@pytest.fixture(scope="module")
def html_text() -> list[tuple[str, str]]:
    """(page, text) for the prose, tables and captions of the HTML book: what the PDF must also say."""
    if not html_pages():
        pytest.fail("_build/html is missing: run the tests through `make test`")
    found = []
    for page in html_pages():
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article") or soup
        for junk in article.select("script, style, .hz-chart, .cell_input, pre, .toctree-wrapper, .headerlink"):
            junk.decompose()
        for cell in printed_in_short(article):
            cell.decompose()
        for element in article.select(TEXT_ELEMENTS):
            if not element.find(TEXT_ELEMENTS.split(", ")):  # the innermost element only
                found.append((page.name, element.get_text(" ", strip=True)))
    return found


def printed_in_short(article) -> list:
    """The cells of the HTML's tables that the PDF leaves out: a long reference table prints in
    short (tables.Table, in_print) and says which columns it leaves out, or ``all`` for a summary."""
    left_out = []
    for table in article.select("table[data-hz-print-omits]"):
        omits = table["data-hz-print-omits"]
        if omits == "all":
            left_out.append(table)
            continue
        columns = {int(i) for i in omits.split()}
        for row in table.select("tr"):
            left_out += [cell for i, cell in enumerate(row.find_all(["td", "th"], recursive=False)) if i in columns]
    return left_out


def chart_count() -> int:
    return sum(p.read_text(encoding="utf-8").count('class="hz-chart"') for p in html_pages())


def test_text_holds_the_key_figures(pdf_text):
    for figure in KEY_FIGURES:
        assert figure in pdf_text


def test_every_chinese_run_of_the_html_is_in_the_pdf(pdf_text, html_text):
    runs = {(page, run) for page, text in html_text for run in CJK_RUN.findall(text)}
    assert runs, "the book shows no Chinese text"
    lost = sorted((page, run) for page, run in runs if run not in pdf_text)
    assert not lost, f"Chinese text in the HTML book but not in the PDF: {lost[:20]}"


def test_every_decimal_of_the_html_is_in_the_pdf(pdf_text, html_text):
    numbers = {(page, n) for page, text in html_text for n in DECIMAL.findall(text)}
    lost = sorted((page, n) for page, n in numbers if n not in pdf_text)
    assert not lost, f"figures in the HTML book but not in the PDF: {lost[:20]}"


def test_one_sharp_image_per_chart(pdf):
    listing = poppler("pdfimages", "-list", str(pdf)).splitlines()[2:]
    images = [row.split() for row in listing if row.split()[2] == "image"]
    charts = chart_count()
    assert len(images) == charts, f"{len(images)} images in the PDF, {charts} charts in the HTML book"
    blurred = [row for row in images if min(int(row[12]), int(row[13])) < MIN_PPI]
    assert not blurred, f"images printed below {MIN_PPI} ppi: {blurred}"


def test_every_font_is_embedded_including_a_cjk_font(pdf):
    rows = [line for line in poppler("pdffonts", str(pdf)).splitlines()[2:] if line.strip()]
    assert rows
    # Columns from the right: object ID (2 fields), uni, sub, emb.
    not_embedded = [row for row in rows if row.split()[-5] != "yes"]
    assert not not_embedded, not_embedded
    assert any("CJK" in row.split()[0] for row in rows), rows


def test_latex_log_reports_no_missing_character_nor_broken_reference(pdf):
    log = (LATEX / "book.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log, re.findall(r"Missing character.*", log)[:10]
    assert not re.search(r"undefined references|Reference `[^']*' on page \d+ undefined", log)


# TeX's words when a page it ships is taller than the page: what overruns the foot is not printed.
OVERRUN = re.compile(r"Overfull \\vbox \(([\d.]+)pt too high\) has occurred while \\output is active")


def test_no_page_overruns_its_foot(pdf):
    """A figure or table set past a page's foot hides itself and the text after it (a longtable and
    titlesec each once mistook how much room a page with a top float had left; _config.yml)."""
    log = (LATEX / "book.log").read_text(encoding="utf-8", errors="replace")
    assert not OVERRUN.findall(log), [f"{height}pt" for height in OVERRUN.findall(log)]


def test_cross_references_resolve_to_the_same_numbers_as_in_the_html(pdf):
    """Every {numref} of the HTML book reads the same in the PDF ("See Fig. 2.3" in both)."""
    text = poppler("pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-")
    assert "??" not in text
    # A reference may wrap between "Fig." and its number. Not counted: captions (a line that starts
    # "Fig. 1.2: ...") and a long table's running head ("Table 1.1 – continued ...").
    in_pdf = Counter()
    for m in re.finditer(r"(?m)(^)?((?:Fig\.|Table)\s+\d+(?:\.\d+)+)(?![\d.]\d)(\s*\S\s*continued)?(:)?", text):
        caption = m.group(1) is not None and m.group(4)
        if not caption and not m.group(3):
            in_pdf[re.sub(r"\s+", " ", m.group(2))] += 1
    in_html = Counter(span.get_text(strip=True) for page in html_pages()
                      for span in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("span.std-numref"))
    assert in_html == in_pdf


def test_title_page_contents_and_numbered_chapters(pdf, pdf_text):
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    first = re.sub(r"\s+", "", poppler("pdftotext", "-l", "1", str(pdf), "-"))
    assert re.sub(r"\s+", "", config["title"]) in first
    toc = (LATEX / "book.toc").read_text(encoding="utf-8")
    chapters = re.findall(r"\\contentsline \{chapter\}\{\\numberline \{(\d+)\}", toc)
    expected = len(re.findall(r"^\s*- file:", (ROOT / "_toc.yml").read_text(encoding="utf-8"), re.M))
    assert [int(n) for n in chapters] == list(range(1, expected + 1))
    assert "contents" in poppler("pdftotext", "-l", "6", str(pdf), "-").lower()


def test_figures_are_numbered_by_chapter(pdf_text):
    if chart_count():
        assert re.search(r"Fig\.\d+\.\d+", pdf_text)


def test_table_columns_get_widths_from_their_content():
    """book/latex.py sizes each PDF table column by its longest cell (Chinese counted double), capped."""
    from docutils import nodes

    from hightech_zones.book.latex import column_weights

    def row(*cells):
        return nodes.row("", *[nodes.entry("", nodes.paragraph(text=c)) for c in cells])

    table = nodes.table("", nodes.tgroup("", nodes.tbody("", row("id", "研发人员", "x" * 200), row("a_long_id", "", ""))))
    assert column_weights(table) == [9 + 3, 8 + 3, 60 + 3]
    # Wider than a line (90 characters): the prose columns give way, a year keeps its four digits.
    prose = "a sentence of the source " * 4
    wide = nodes.table("", nodes.tgroup("", nodes.tbody("", row("2016", "medium", prose, prose, prose))))
    weights = column_weights(wide)
    line = [w / sum(weights) * 90 for w in weights]  # each column's characters of a 90-character line
    assert round(line[0]) >= 4 + 3 and round(line[1]) >= 6 + 3, line
    assert weights[2] == weights[3] == weights[4] > weights[1]


def test_the_printed_book_carries_no_code(pdf_text):
    """Code cells print without their source (book/latex.py, DropCodeForPrint): outputs only."""
    for code in ["glue(", "display=False", "fromhightech_zones", "importpandas", "load(\""]:
        assert code not in pdf_text, code


def test_front_matter_says_where_the_notebooks_and_the_code_are(pdf):
    opening = re.sub(r"\s+", "", poppler("pdftotext", "-l", "8", "-enc", "UTF-8", str(pdf), "-"))
    assert "Thisprintededitioncarriesnocode" in opening
    assert "chapters/*.md" in opening and "hightech_zones/" in opening


def test_a_table_printed_in_short_says_where_the_full_one_is(pdf_text):
    """Each long reference table printed in short carries, under it, the line that says so (data/labels.csv)."""
    shortened = Counter()
    for page in html_pages():
        for table in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("table[data-hz-print-omits]"):
            shortened["summary" if table["data-hz-print-omits"] == "all" else "columns"] += 1
    assert shortened, "no table is printed in short"
    for kind, opening in (("columns", "Thisprintededitionshows"), ("summary", "Thisprintededitionsumsthetableup")):
        assert pdf_text.count(opening) == shortened[kind], kind
    assert pdf_text.count("Thewebbookshowsthemall") + pdf_text.count("thewebbookshowsall") == sum(shortened.values())


def test_the_reference_tables_print_in_short_in_every_column_left(pdf_text):
    """A table printed in short keeps what it prints: the register's figures as written, every row."""
    register = (HTML / "chapters" / "figures.html").read_text(encoding="utf-8")
    rows = BeautifulSoup(register, "html.parser").select("table[data-hz-print-omits] tbody tr[id]")
    assert rows
    for row in rows:
        as_written = re.sub(r"\s+", "", row.find_all("td")[1].get_text())
        assert as_written in pdf_text, row["id"]


SPEC = re.compile(r'var spec=(.*?);var el=document\.getElementById\("([^"]+)"\)', re.S)
ALT = re.compile(rb"/Alt\s*<([0-9A-Fa-f\s]+)>")


def pdf_streams(pdf: Path) -> bytes:
    """Every stream of the PDF, inflated where it is compressed: the page contents the marks live in."""
    import zlib

    raw = pdf.read_bytes()
    out = []
    for m in re.finditer(rb"stream\r?\n(.*?)endstream", raw, re.S):
        try:
            out.append(zlib.decompress(m.group(1)))
        except zlib.error:
            out.append(m.group(1))
    return b"\n".join(out)


def test_every_chart_image_carries_its_text_alternative(pdf):
    """Each chart's PNG sits in a marked-content span whose /Alt is the chart's description
    (book/latex.py, AltTextForPrint), the same sentence a screen reader hears in the web book."""
    import json

    descriptions = Counter(" ".join(json.loads(spec.replace("<\\/", "</"))["description"].split())
                           for page in html_pages() for spec, _ in SPEC.findall(page.read_text(encoding="utf-8")))
    alts = Counter(bytes.fromhex(re.sub(rb"\s", b"", m).decode()).decode("utf-16")
                   for m in ALT.findall(pdf_streams(pdf)))
    assert sum(descriptions.values()) == chart_count()
    assert alts == descriptions
