"""The Chinese edition as a Chinese reader gets it follows the house style (issue 27; rules in
tests/zh_style.py): every built page's prose and tables, the text of its charts' specs, the
provenance cards, the theme's own words, and the Chinese PDF's text.

Each rule is also planted into a copy of a real page, and the check must catch it: a check that
passes because it reads nothing would pass these pages too.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from zh_style import CJK, ROOT, faults, termbase, ui_strings

ZH = ROOT / "_build" / "html" / "zh_CN"
PDF = ROOT / "_build" / "latex" / "book.zh_CN.pdf"
# Columns whose cells are codes, file names or the English of a term: the data dictionary's
# technical columns (a field's type, pattern, example) and the glossary's English.
TECHNICAL = re.compile(r"^(英文|修改时间|类型|格式|约束|示例|模式|字段|英文名|文件|路径|标识符|id)$")
ALWAYS_TECHNICAL = re.compile(r"^(英文|英文名|修改时间)$")  # outside the data dictionary


def _spec_texts(html: str) -> list[str]:
    """The Chinese text of each chart: titles, axes, descriptions, and the *_zh fields of its data."""
    out = []

    def walk(node, key="", data=False):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k, data or k == "datasets")
        elif isinstance(node, list):
            for v in node:
                walk(v, key, data)
        elif isinstance(node, str) and re.search(f"[{CJK}]", node) and (key.endswith("_zh") or not data):
            out.append(node)
        if isinstance(node, dict) and isinstance(node.get("format"), str) and "," in node["format"]:
            out.append(f"轴的格式{node['format']!r}写出1,234")  # a d3 format with "," writes separators

    for m in re.findall(r"var spec=(\{.*?\});var el=", html):
        spec = json.loads(m.replace("<\\/", "</"))
        walk(spec)
        if "," in spec.get("config", {}).get("numberFormat", ","):  # Vega's default groups digits: 1,200
            out.append(f"图表的数字格式{spec.get('config', {}).get('numberFormat')!r}写出1,234")
    return out


def page_text(html: str) -> str:
    """What a reader reads on a page: its article's text, tables included, with code, URLs and
    technical columns taken out; then the texts of its charts."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article") or soup
    for el in article.select("pre, code, script, style, .highlight, .cell_input, .headerlink, kbd, .download"):
        el.decompose()
    for table in article.select("table"):
        heads = [th.get_text(strip=True) for th in table.select("thead th")]
        dictionary = "类型" in heads  # the data dictionary: its type, pattern and example columns are code
        for row in table.select("tbody tr"):
            for head, cell in zip(heads, row.find_all(["td", "th"])):
                if (TECHNICAL if dictionary else ALWAYS_TECHNICAL).match(head):
                    cell.decompose()
    return "\n".join([article.get_text(" "), *_spec_texts(html)])


def header_faults(html: str, page: str = "") -> list[str]:
    """Table headers a Chinese reader should not meet: one in Latin letters (a column's code name,
    an English header), or a column of English renderings ('英文', '…（英文）') outside the glossary,
    whose English column is what it is for."""
    soup = BeautifulSoup(html, "html.parser")
    out = []
    for th in (soup.select_one("article") or soup).select("table thead th"):
        text = th.get_text(" ", strip=True)
        if re.search("[A-Za-z]{2,}", text) and not re.search(f"[{CJK}]", text):
            out.append(f"Latin header: {text}")
        elif "英文" in text and page != "glossary":
            out.append(f"English column: {text}")
    return out


def reader_chrome(html: str) -> str:
    """What the theme shows around the article: visible text, tooltips, labels of controls and
    placeholders, and the fold's hints (set in a script)."""
    soup = BeautifulSoup(html, "html.parser")
    hints = " ".join(re.findall(r"let toggleHint\w* = '([^']*)'", html))
    for el in soup.select("script, style, pre, code"):
        el.decompose()
    attrs = " ".join(str(el.get(a)) for el in soup.find_all(True)
                     for a in ("title", "aria-label", "placeholder", "data-bs-title") if el.get(a))
    return "\n".join([soup.get_text(" "), attrs, hints])


def zh_pages() -> list[Path]:
    pages = sorted((ZH / "chapters").glob("*.html"))
    if not pages:
        pytest.fail("_build/html/zh_CN is missing: run `make html`")
    return pages


@pytest.mark.build
@pytest.mark.parametrize("name", sorted(p.stem for p in (ROOT / "chapters").glob("*.md")))
def test_each_chinese_page_follows_the_house_style(built_html, name):
    html = (built_html / "zh_CN" / "chapters" / f"{name}.html").read_text(encoding="utf-8")
    assert faults(page_text(html)) == []


@pytest.mark.build
@pytest.mark.parametrize("name", sorted(p.stem for p in (ROOT / "chapters").glob("*.md")))
def test_a_chinese_table_is_headed_in_chinese_without_english_columns(built_html, name):
    """Issue 27: no English column names or internal ids as headers, no columns of English renderings."""
    html = (built_html / "zh_CN" / "chapters" / f"{name}.html").read_text(encoding="utf-8")
    assert header_faults(html, name) == []


@pytest.mark.build
@pytest.mark.parametrize("name", sorted(p.stem for p in (ROOT / "chapters").glob("*.md")))
def test_no_english_ui_string_on_a_chinese_page(built_html, name):
    html = (built_html / "zh_CN" / "chapters" / f"{name}.html").read_text(encoding="utf-8")
    assert ui_strings(reader_chrome(html)) == []


@pytest.mark.build
def test_the_provenance_cards_follow_the_house_style(built_html):
    cards = json.loads((built_html / "zh_CN" / "_static" / "hz-cards.js").read_text(encoding="utf-8")
                       .removeprefix("window.hzCards=").rstrip().rstrip(";"))
    texts = [cell for card in cards.values() for row in card.get("rows", []) for cell in row[:2]]
    texts += [card.get(k, "") for card in cards.values() for k in ("title", "kind", "register")]
    assert texts and [(t, f) for t in texts for f in faults(t)] == []


@pytest.mark.pdf
def test_the_chinese_pdf_follows_the_house_style():
    if not PDF.is_file() or not shutil.which("pdftotext"):
        pytest.skip("_build/latex/book.zh_CN.pdf or pdftotext is missing: run `make pdf`")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(PDF), "-"], capture_output=True, text=True,
                          check=True).stdout
    # xeCJK breaks Chinese lines anywhere: join a line to the next where Chinese meets Chinese.
    text = re.sub(f"(?<=[{CJK}，。；：）])\\n(?=[{CJK}（“])", "", text)
    assert faults(text, terms=False) == []


# --- the check is not blind ------------------------------------------------------------------

PLANTED = {
    "separator": ("。", "，共153,000家。"),
    "ISO date": ("。", "，发布于2025-02-26。"),
    "half-width ','": ("。", "，园区,企业。"),
    "half-width ';'": ("。", "；园区;企业。"),
    "half-width '('": ("。", "，园区(企业）。"),
    "term to avoid": ("。", "，复合年均增长率。"),
}


@pytest.mark.build
@pytest.mark.parametrize("kind", sorted(PLANTED))
def test_a_planted_fault_in_a_real_page_is_caught(built_html, kind, tmp_path):
    page = built_html / "zh_CN" / "chapters" / "innovation_capacity.html"
    html = page.read_text(encoding="utf-8")
    assert faults(page_text(html)) == []
    soup = BeautifulSoup(html, "html.parser")
    paragraph = next(p for p in soup.select("article p") if p.get_text().endswith("。"))
    old, new = PLANTED[kind]
    last = paragraph.find_all(string=lambda s: s.rstrip().endswith(old))[-1]
    last.replace_with(last.rstrip()[: -len(old)] + new)
    copy = tmp_path / page.name
    copy.write_text(str(soup), encoding="utf-8")
    found = faults(page_text(copy.read_text(encoding="utf-8")))
    assert found and all(f.startswith(kind) for f in found), found


@pytest.mark.build
@pytest.mark.parametrize("planted, fault", [("target_pillar", "Latin header: target_pillar"),
                                            ("具体举措（英文）", "English column: 具体举措（英文）")])
def test_a_planted_table_header_is_caught(built_html, planted, fault):
    html = (built_html / "zh_CN" / "chapters" / "policy_measures.html").read_text(encoding="utf-8")
    assert header_faults(html) == []
    soup = BeautifulSoup(html, "html.parser")
    heads = soup.select("article table thead th")
    assert heads, "no table header on the page"
    heads[-1].string = planted
    assert header_faults(str(soup)) == [fault]


@pytest.mark.build
def test_a_planted_english_ui_string_and_a_chart_format_are_caught(built_html):
    html = (built_html / "zh_CN" / "chapters" / "innovation_capacity.html").read_text(encoding="utf-8")
    assert ui_strings(reader_chrome(html.replace("显示代码", "Show code", 1))) == ["Show code"]
    assert ui_strings(reader_chrome(html.replace("</body>", '<button title="Toggle primary sidebar"></button></body>'))) \
        == ["Toggle primary sidebar"]
    spec = re.search(r'var spec=\{"\$schema', html)
    assert spec, "no chart spec on the page"
    planted = html.replace('var spec={"$schema"', 'var spec={"format":",.0f","$schema"', 1)
    assert planted != html and "separator: 1,234" in faults(page_text(planted))
    grouped = html.replace('"numberFormat":".12~g"', '"numberFormat":",.12~g"', 1)
    assert grouped != html and "separator: 1,234" in faults(page_text(grouped))


@pytest.mark.parametrize("text, kind", [
    ("高新区企业15.3万家，不是153,000家。", "separator"),
    ("报告于2025-02-26发布。", "ISO date"),
    ("报告于2025-02发布。", "ISO date"),
    ("园区生产总值,同比增长。", "half-width ','"),
    ("增长5.4%;企业", "half-width ';'"),
    ("评价报告(2024)", "half-width '('"),
    ("据科技日报:", "half-width ':'"),
    ("2023年国家高新区生产总值", "term to avoid"),
    ("本页是审计的结果。", "term to avoid"),
])
def test_each_rule_catches_its_fault_in_a_string(text, kind):
    assert any(f.startswith(kind) for f in faults(text)), faults(text)


@pytest.mark.parametrize("text", [
    "高新区企业15.3万家，园区生产总值19.3万亿元，占全国的14.3%。",
    "《国家高新区创新能力评价报告（2024）》于2025年2月26日发布。",
    "见 https://example.org/a,b;c(d) 与 data/sources.csv。",
    "2010—2023年，年复合增长率达10%。",
    "要持续做实做好“高”和“新”两篇文章",  # a quotation keeps its own words
])
def test_house_style_text_passes(text):
    assert faults(text) == []


def test_every_variant_of_the_termbase_is_caught():
    for row in termbase():
        for variant in row["avoid"]:
            assert f"term to avoid: {variant}" in faults(f"本书写道：{variant}。"), variant


RUN_TOGETHER = re.compile(r"(?<![\d.])(?:19|20)\d\d\d+(?:\.\d+)?")  # '202419.3': a year run into its value


def descriptions(html: str) -> list[str]:
    """The text alternatives of a page's charts (what a screen reader says)."""
    return [json.loads(m.replace("<\\/", "</")).get("description", "")
            for m in re.findall(r"var spec=(\{.*?\});var el=", html)]


@pytest.mark.build
def test_a_chart_description_never_runs_a_year_into_its_value(built_html):
    found = [(page.stem, m.group()) for page in sorted((built_html / "zh_CN" / "chapters").glob("*.html"))
             for text in descriptions(page.read_text(encoding="utf-8")) for m in RUN_TOGETHER.finditer(text)]
    assert found == []
    assert RUN_TOGETHER.search("生产总值（万亿元）：202419.3，20179.5")  # the fault it looks for
    assert not RUN_TOGETHER.search("生产总值（万亿元）：2024年：19.3，2017年：9.5；1349084亿元")
