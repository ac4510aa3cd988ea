"""The Chinese edition's PDF (`make pdf` builds it beside the English one): what its reader gets.

Checked with poppler's tools against the Chinese HTML edition of the same sources: Chinese
captions and numbering (图 1.1), Chinese chapter, part and contents headings, every Chinese run
and every decimal of the pages, one image per chart, the Noto CJK faces embedded, no missing
glyph, no code. Without the PDF or poppler the tests skip on a developer's machine and fail in CI.
"""
from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml
from bs4 import BeautifulSoup
from test_pdf import CJK_RUN, DECIMAL, HTML, LATEX, OVERRUN, ROOT, TEXT_ELEMENTS, missing, poppler, printed_in_short

pytestmark = pytest.mark.pdf

PDF = LATEX / "book.zh_CN.pdf"  # the copy make pdf leaves beside the English book.pdf
ZH_LATEX = ROOT / "_build" / "zh_CN" / "_build" / "latex"  # where it is built, with its log
ZH_HTML = HTML / "zh_CN"
# _config.yml's \setCJKmainfont and \setCJKsansfont. In Noto's font collections every face shares one
# CFF table named after the Japanese face (NotoSerifCJKjp-Regular), so the PDF names that; the SC
# face's own cmap picked the glyphs (fontconfig: "Noto Serif CJK SC" is face 2).
CJK_FACES = ("NotoSerifCJK", "NotoSansCJK")


@pytest.fixture(scope="module")
def pdf():
    if not PDF.is_file():
        missing("_build/latex/book.zh_CN.pdf is missing: run `make pdf` (or `make test`)")
    return PDF


@pytest.fixture(scope="module")
def raw_text(pdf) -> str:
    return poppler("pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-")


@pytest.fixture(scope="module")
def page_texts(raw_text) -> list[str]:
    """Each page's text, all white space removed (xeCJK breaks Chinese lines anywhere, and spaces 图
    from its number), without its running head (the book's title) and foot (section and page number)."""
    title = re.sub(r"\s+", "", yaml.safe_load((ROOT / "_config.zh_CN.yml").read_text(encoding="utf-8"))["title"])
    pages = []
    for page in raw_text.split("\f"):
        lines = [line for line in page.split("\n") if line.strip()]
        if lines and re.sub(r"\s+", "", lines[0]) == title:
            lines = lines[1:]
        if lines and re.search(r"\s(\d+|[ivxlc]+)$", lines[-1]):
            lines = lines[:-1]
        pages.append(re.sub(r"\s+", "", "".join(lines)))
    return pages


@pytest.fixture(scope="module")
def pdf_text(page_texts) -> str:
    """The pages' texts run together, so that a sentence a page break cuts reads whole."""
    return "".join(page_texts)


def cut_by_a_page_break(run: str, pages: list[str]) -> bool:
    """``run`` ends one page and goes on in the next, after the figures LaTeX floated to that page's top
    (the text stream holds a page's top floats before its body), or on the page after a page of floats."""
    return any(pages[k].endswith(run[:i]) and any(run[i:] in page for page in pages[k + 1:k + 3])
               for k in range(len(pages) - 1) for i in range(1, len(run)))


def zh_pages():
    pages = sorted((ZH_HTML / "chapters").glob("*.html"))
    if not pages:
        pytest.fail("_build/html/zh_CN is missing: run the tests through `make test`")
    return pages


def soup(page):
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def html_text() -> list[tuple[str, str]]:
    """(page, text) of the Chinese edition's prose, tables and captions, as test_pdf reads the English one;
    without the web's own controls (edition chooser, code folds, data and citation downloads, Cite lines),
    which print has not."""
    found = []
    for page in zh_pages():
        article = soup(page).select_one("article")
        for junk in article.select("script, style, .hz-chart, .cell_input, pre, .toctree-wrapper, .headerlink, "
                                   "nav.hz-edition-chooser, details.hide > summary, .hz-figure-data, .hz-figure-cite, "
                                   ".hz-cite-download"):
            junk.decompose()
        for cell in printed_in_short(article):  # a long reference table prints in short
            cell.decompose()
        for element in article.select(TEXT_ELEMENTS):
            if not element.find(TEXT_ELEMENTS.split(", ")):
                found.append((page.name, element.get_text(" ", strip=True)))
    return found


def test_captions_read_图_with_the_numbers_of_the_html_edition(raw_text):
    """Every caption number of the Chinese HTML edition (图 1.1, ...) captions a figure in the PDF, and none reads Fig."""
    in_html = sorted(span.get_text(strip=True) for page in zh_pages()
                     for span in soup(page).select("figcaption .caption-number, caption .caption-number"))
    assert in_html and all(re.fullmatch(r"[图表]\d+\.\d+", n) for n in in_html), in_html[:5]  # 图1.1: no space (issue 27)
    # A caption starts a line, its number set apart by a quad, as Chinese books do: "图1.1　...".
    in_pdf = sorted(re.sub(r"\s+", "", m) for m in re.findall(r"(?m)^([图表]\s*\d+\.\d+)[ \u3000](?!\s*–\s*接上页)", raw_text))
    assert in_pdf == in_html
    assert not re.search(r"(?m)^(Fig\.|Figure|Table)\s*\d", raw_text)


def test_a_long_table_continues_under_a_chinese_running_head(raw_text):
    """The book's tables are captioned as figures (图); LaTeX's own running head of a long table that
    breaks across pages is the one place it names a table: 表 1.2 – 接上页, not "Table 1.2 – continued"."""
    assert re.search(r"表\s*\d+\.\d+\s*–\s*接上页", raw_text)
    assert not re.search(r"Table\s*\d+\.\d+|continued from previous page", raw_text)


def test_cross_references_read_as_in_the_chinese_html(raw_text):
    """Every {numref} of the Chinese HTML edition ("图 2.3", "表 1.1") reads the same in the PDF."""
    assert "??" not in raw_text
    # Not counted: captions, a line that starts "图1.2　..." (whether or not pdftotext ends a line there),
    # and a long table's running head ("表 2.1 – 接上页").
    in_pdf = Counter(re.sub(r"\s+", "", m.group(2))
                     # Not 术语表 (the glossary's title) above its first section number, "9.1"; nor the
                     # words 代表, 列表, 发表 before a number ("代表30.5至31.5").
                     for m in re.finditer(r"(?m)(^)?((?<!术语)(?<![代列发])(?:图|表)\s*\d+(?:\.\d+)+)(?![\d.]\d)"
                                          r"(\s*\S\s*接上页)?([ \u3000]|$)?", raw_text)
                     if (m.group(1) is None or m.group(4) is None) and not m.group(3))
    in_html = Counter(span.get_text(strip=True) for page in zh_pages() for span in soup(page).select("span.std-numref"))
    assert in_html and in_html == in_pdf


def test_title_page_contents_parts_and_chapters_are_chinese(pdf, pdf_text):
    zh = yaml.safe_load((ROOT / "_config.zh_CN.yml").read_text(encoding="utf-8"))
    first = re.sub(r"\s+", "", poppler("pdftotext", "-l", "1", "-enc", "UTF-8", str(pdf), "-"))
    assert re.sub(r"\s+", "", zh["title"]) in first and re.sub(r"\s+", "", zh["author"]) in first
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日", first), first  # the date, written the Chinese way
    opening = re.sub(r"\s+", "", poppler("pdftotext", "-l", "6", "-enc", "UTF-8", str(pdf), "-"))
    assert "目录" in opening and "Contents" not in opening
    assert "第一部分" in pdf_text and "第二部分" in pdf_text and not re.search(r"Part[IV]+", pdf_text)
    chapters = len(re.findall(r"^\s*- file:", (ROOT / "_toc.yml").read_text(encoding="utf-8"), re.M))
    assert all(f"第{n}章" in pdf_text for n in range(1, chapters + 1))
    assert not re.search(r"CHAPTER|Chapter\d", pdf_text)


def test_every_chapter_title_of_the_chinese_edition_is_in_the_contents():
    toc = (ZH_LATEX / "book.toc").read_text(encoding="utf-8")
    titles = [soup(page).select_one("article h1").get_text(strip=True).rstrip("#") for page in zh_pages()]
    titles = [re.sub(r"^[\d.]+\s*", "", t) for t in titles]  # the HTML numbers its chapters in the title
    assert all(CJK_RUN.search(t) for t in titles), titles
    lost = [t for t in titles if t not in toc]
    assert not lost, lost


def test_every_chinese_run_and_decimal_of_the_html_edition_is_in_the_pdf(pdf_text, page_texts, html_text):
    runs = {(page, run) for page, text in html_text for run in CJK_RUN.findall(text)}
    assert len(runs) > 100
    lost = sorted((page, run) for page, run in runs
                  if run not in pdf_text and not cut_by_a_page_break(run, page_texts))
    assert not lost, f"Chinese text in the HTML edition but not in the PDF: {lost[:20]}"
    numbers = {(page, n) for page, text in html_text for n in DECIMAL.findall(text)}
    lost = sorted((page, n) for page, n in numbers if n not in pdf_text)
    assert not lost, f"figures in the HTML edition but not in the PDF: {lost[:20]}"


def test_one_image_per_chart_of_the_chinese_edition(pdf):
    charts = sum(page.read_text(encoding="utf-8").count('class="hz-chart"') for page in zh_pages())
    listing = poppler("pdfimages", "-list", str(pdf)).splitlines()[2:]
    assert charts and len([row for row in listing if row.split()[2] == "image"]) == charts


def test_the_noto_cjk_faces_are_embedded_and_no_character_is_missing(pdf):
    rows = [line.split() for line in poppler("pdffonts", str(pdf)).splitlines()[2:] if line.strip()]
    assert rows and all(row[-5] == "yes" for row in rows), rows
    names = {row[0].split("+")[-1] for row in rows}
    for face in CJK_FACES:
        assert any(name.startswith(face) for name in names), (face, sorted(names))
    log = (ZH_LATEX / "book.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log, re.findall(r"Missing character.*", log)[:10]
    assert not re.search(r"undefined references|Reference `[^']*' on page \d+ undefined", log)
    assert not OVERRUN.findall(log), "a page overruns its foot: what is past it is not printed"


def test_chinese_lines_break_with_xecjk():
    """xeCJK sets the Chinese: it breaks lines between ideographs and spaces Chinese from Latin text."""
    tex = (ZH_LATEX / "book.tex").read_text(encoding="utf-8")
    assert r"\usepackage{xeCJK}" in tex and r"\setCJKmainfont{Noto Serif CJK SC}" in tex
    log = (ZH_LATEX / "book.log").read_text(encoding="utf-8", errors="replace")
    assert "Package: xeCJK" in log


def test_the_chinese_pdf_carries_no_code(pdf_text):
    for code in ["glue(", "display=False", "fromhightech_zones", "importpandas", "load(\""]:
        assert code not in pdf_text, code
