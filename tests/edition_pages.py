"""Reading the two editions' pages side by side: the glued values and dates they show, and how
Chinese a page is. Shared by tests/unit/test_editions.py and tests/book/test_editions_built.py."""
from __future__ import annotations

import re

from conftest import ROOT

# Every page of the book is translated: each must stay so (no untranslated or fuzzy entry).
TRANSLATED = sorted(p.stem for p in (ROOT / "chapters").glob("*.md"))
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# A number glued on its own page is one link (<a class="pasted-text hz-fig" data-hz=…>); one glued from
# another page (the path form a translation uses) is a link around the pasted text.
GLUED = re.compile(r'<a class="pasted-text hz-fig" data-hz="([^"]+)"[^>]*>(.*?)</a>'
                   r'|(?:<a [^>]*data-hz="([^"]+)"[^>]*>)?<span class="pasted-text">(.*?)</span>')
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
# English writes a date in words ('26 February 2025', 'January 2025'), Chinese as 2025年2月26日:
# compare them as year, month, day.
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
EN_DATE = re.compile(rf"\b(?:(\d{{1,2}}) )?({'|'.join(MONTHS)}) (\d{{4}})\b")


def ymd(text: str) -> str:
    return EN_DATE.sub(lambda m: "-".join(filter(None, [m[3], str(MONTHS.index(m[2]) + 1), m[1]])), text)


def glued(html: str) -> list[tuple]:
    """What must be equal in both editions, for each glued value: a number that shows a figure
    (``glue_figure``) by the figure's id, since each edition writes it in its own words and units
    ('more than 600 billion yuan', '超过6000亿元'); any other value by the numbers in it, without
    thousands separators or leading zeros ('7,130' and '7130' agree, so do '02' and '2'; words around
    them may differ)."""
    return [("figure", local_ref or ref) if local_ref or ref
            else ("numbers", tuple(re.sub(r"^0+(?=\d)", "", n.replace(",", "")) for n in NUMBER.findall(ymd(text))))
            for local_ref, local_text, ref, text in GLUED.findall(html)]


# What may stay in Latin letters on a Chinese page, tables included (issue 13: "English appears
# only where it belongs: names with no Chinese form, or code"): URLs, paths and file names, code
# identifiers (snake_case, lowercase kebab-case package names), checksums, table cells that hold
# identifiers alone (a column's name, ids, codes); and the cells of a column the table heads as
# English (英文: the glossary's English renderings, the names the data gives in both languages),
# which are what such a table is for.
NOT_PROSE = re.compile(r"https?://[!-~]+"
                       r"|[\w.-]*[A-Za-z][\w.-]*/[\w./-]+"
                       r"|\b[\w-]+\.(?:csv|json|md|py|txt|yml|toml|ipynb|html)\b"
                       r"|\b[a-z0-9]+(?:_[a-z0-9]+)+\b|\b[a-z0-9]+(?:-[a-z0-9.]+)+\b"
                       r"|\b[0-9a-f]{16}\b", re.ASCII)  # ASCII: a word ends where Chinese begins
# A table cell that holds only code identifiers: a column name, an id, a list of ids, a code.
IDENTIFIERS = re.compile(r"[a-z][a-z0-9_]*(?:, [a-z][a-z0-9_]*)*")


def visible_page(html: str) -> str:
    """All a reader sees of a page's article, its tables included: code, URLs, file names and
    identifiers aside, and the cells of columns headed as English."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    article = soup.find("article") or soup
    for hidden in article.select("script, style, pre, code, details, .cell_input, .headerlink"):
        hidden.decompose()
    for table in article.select("table"):
        english = {i for i, th in enumerate(table.select("thead th")) if "英文" in th.get_text()}
        for row in table.select("tbody tr"):
            for i, cell in enumerate(row.find_all(["td", "th"], recursive=False)):
                if i in english or IDENTIFIERS.fullmatch(cell.get_text().strip()):
                    cell.decompose()
    return NOT_PROSE.sub(" ", article.get_text(" "))


def chinese_share(text: str) -> float:
    """Chinese characters among the letters, an English word counting as its letters divided by
    two (about the space a Chinese character takes), as test_the_chinese_edition_is_chinese counts."""
    chinese = len(CJK.findall(text))
    latin = len(re.findall(r"[A-Za-z]", text)) / 2
    return chinese / (chinese + latin) if chinese + latin else 1.0
