"""The Chinese edition (issue 13): built from the same notebooks and data as the English one.

Checks that need no build (catalogue rules, the language switch's links, the kernel's language)
come first; the rest read the site `make html` built, with the Chinese edition in zh_CN/.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from sphinx.errors import ExtensionError

from hightech_zones import language
from hightech_zones.book.editions import _check_catalogues, other_edition_href
from hightech_zones.build import editions
from hightech_zones.data import catalogues

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = ROOT / "locale" / "zh_CN" / "LC_MESSAGES"
# Every page of the book is translated: each must stay so (no untranslated or fuzzy entry).
TRANSLATED = sorted(p.stem for p in (ROOT / "chapters").glob("*.md"))
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


# --- without a build ---------------------------------------------------------------------------

def test_a_glue_role_in_a_translation_must_name_its_page_and_key():
    msgid = "rose from {glue:text}`base` to {glue:text}`total` points ({numref}`fig-index-levels`)."
    good = "从{glue:text}`index.md::base:s`点升至{glue:text}`index.md::total:s`点（{numref}`fig-index-levels`）。"
    assert catalogues.entry_problems(msgid, good, "index.md") == []
    local = good.replace("index.md::base:s", "base")
    assert "must read `index.md::base:s`" in catalogues.entry_problems(msgid, local, "index.md")[0]
    other_page = good.replace("index.md::base", "audit.md::base")
    assert "names audit.md" in catalogues.entry_problems(msgid, other_page, "index.md")[0]
    lost = good.replace("{glue:text}`index.md::total:s`", "505.7")
    assert "missing ['total']" in catalogues.entry_problems(msgid, lost, "index.md")[0]
    wrong_target = good.replace("fig-index-levels", "fig-index-level")
    assert "cross-references differ" in catalogues.entry_problems(msgid, wrong_target, "index.md")[0]
    # The article's Chinese beside the English (a key ending in _zh) may be left out in Chinese prose,
    # which is already the article's words; any other key may not.
    beside = "was {glue:text}`revenue` ({glue:text}`revenue_zh`, as the article writes it)."
    assert catalogues.entry_problems(beside, "营收规模{glue:text}`index.md::revenue:s`。", "index.md") == []
    assert "missing ['revenue']" in catalogues.entry_problems(beside, "营收规模{glue:text}`index.md::revenue_zh:s`。",
                                                               "index.md")[0]


def test_a_broken_entry_stops_the_build_naming_the_po_file_and_the_entry(tmp_path):
    """The check the Chinese build runs when its configuration is read (book/editions.py, _set_up_edition)."""
    folder = tmp_path / "locale" / "zh_CN" / "LC_MESSAGES" / "chapters"
    folder.mkdir(parents=True)
    (folder / "index.po").write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "It rose to {glue:text}`total` points ({numref}`fig-index-levels`)."\n'
        'msgstr "升至{glue:text}`total`点（{numref}`fig-missing`）。"\n', encoding="utf-8")

    class Config:
        locale_dirs, language = ["locale"], "zh_CN"

    with pytest.raises(ExtensionError) as raised:
        _check_catalogues(tmp_path, Config)
    message = str(raised.value)
    assert "locale/zh_CN/LC_MESSAGES/chapters/index.po:4: msgid 'It rose to" in message
    assert "must read `index.md::total:s`" in message and "fig-missing" in message


def test_the_committed_catalogues_have_no_broken_entry():
    for po in sorted(CATALOGUES.rglob("*.po")):
        assert catalogues.broken_entries(po, f"{po.stem}.md") == []


def untranslated_report(po: Path, root: Path = ROOT) -> str:
    """What CI prints for a catalogue with English left in it: one line per entry, file:line, why, message."""
    return "\n".join(f"{po.relative_to(root)}:{line}: {why}: msgid {msgid!r}" for line, msgid, why in catalogues.untranslated(po))


@pytest.mark.parametrize("page", TRANSLATED)
def test_a_translated_page_has_no_untranslated_or_fuzzy_entry(page):
    po = CATALOGUES / "chapters" / f"{page}.po"
    left = untranslated_report(po)
    assert not left, left


def test_an_untranslated_or_fuzzy_entry_is_named_by_file_line_and_message(tmp_path):
    po = tmp_path / "locale" / "zh_CN" / "LC_MESSAGES" / "chapters" / "audit.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=utf-8\\n"\n\n'
                  'msgid "The audit."\nmsgstr "核查。"\n\n'
                  'msgid "A new paragraph."\nmsgstr ""\n\n'
                  '#, fuzzy\nmsgid "An edited paragraph."\nmsgstr "旧的译文。"\n', encoding="utf-8")
    assert untranslated_report(po, tmp_path).splitlines() == [
        "locale/zh_CN/LC_MESSAGES/chapters/audit.po:7: no translation: msgid 'A new paragraph.'",
        "locale/zh_CN/LC_MESSAGES/chapters/audit.po:11: fuzzy: msgid 'An edited paragraph.'"]


def test_every_page_has_a_catalogue():
    pages = sorted(p.stem for p in (ROOT / "chapters").glob("*.md"))
    assert pages == sorted(p.stem for p in (CATALOGUES / "chapters").glob("*.po"))


def test_the_kernel_reads_the_edition_from_one_variable(monkeypatch):
    monkeypatch.delenv(language.ENV, raising=False)
    assert language.language() == "en"
    monkeypatch.setenv(language.ENV, "zh_CN")
    assert language.language() == "zh_CN" and language.is_chinese()
    monkeypatch.setenv(language.ENV, "fr")
    with pytest.raises(ValueError, match="HIGHTECH_ZONES_LANG='fr'"):
        language.language()


def test_the_switch_links_the_same_page_in_the_other_edition():
    assert other_edition_href("chapters/audit", "en") == "../zh_CN/chapters/audit.html"
    assert other_edition_href("chapters/audit", "zh_CN") == "../../chapters/audit.html"
    assert other_edition_href("search", "en") == "zh_CN/search.html"


def test_publishing_copies_what_changed_and_removes_what_is_gone(tmp_path, monkeypatch):
    monkeypatch.setattr(editions, "BUILD", tmp_path)
    built = tmp_path / "zh_CN" / "_build" / "html"
    (built / "chapters").mkdir(parents=True)
    (built / "index.html").write_text("v1")
    (built / "chapters" / "a.html").write_text("a")
    (built / "chapters" / "gone.html").write_text("gone")
    site = editions.publish("zh_CN")
    assert site == tmp_path / "html" / "zh_CN"
    copied = []
    real_copy = editions.shutil.copy2
    monkeypatch.setattr(editions.shutil, "copy2", lambda a, b: copied.append(Path(a).name) or real_copy(a, b))

    (built / "chapters" / "gone.html").unlink()
    (built / "index.html").write_text("v2, longer")
    (built / "new").mkdir()
    (built / "new" / "b.js").write_text("b")
    (site / "stray.txt").write_text("left by an older build")
    editions.publish("zh_CN")
    found = {p.relative_to(site).as_posix(): p.read_text() for p in site.rglob("*") if p.is_file()}
    assert found == {"index.html": "v2, longer", "chapters/a.html": "a", "new/b.js": "b"}
    assert sorted(copied) == ["b.js", "index.html"]  # the unchanged page is not copied again


def test_the_chinese_config_is_the_english_one_with_its_differences():
    zh = editions.config("zh_CN")
    assert zh["sphinx"]["config"]["language"] == "zh_CN"
    # everything else is the English book's: the same execution settings and extensions
    en = editions.config.__globals__["yaml"].safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert zh["execute"] == en["execute"]
    assert zh["sphinx"]["extra_extensions"] == en["sphinx"]["extra_extensions"]


# --- the built site ----------------------------------------------------------------------------


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


def _ymd(text: str) -> str:
    return EN_DATE.sub(lambda m: "-".join(filter(None, [m[3], str(MONTHS.index(m[2]) + 1), m[1]])), text)


def _glued(html: str) -> list[tuple]:
    """What must be equal in both editions, for each glued value: a number that shows a figure
    (``glue_figure``) by the figure's id, since each edition writes it in its own words and units
    ('more than 600 billion yuan', '超过6000亿元'); any other value by the numbers in it, without
    thousands separators or leading zeros ('7,130' and '7130' agree, so do '02' and '2'; words around
    them may differ)."""
    return [("figure", local_ref or ref) if local_ref or ref
            else ("numbers", tuple(re.sub(r"^0+(?=\d)", "", n.replace(",", "")) for n in NUMBER.findall(_ymd(text))))
            for local_ref, local_text, ref, text in GLUED.findall(html)]


def test_glued_values_compare_by_figure_id_and_number():
    """The comparison is not blind: a different number or a different figure differs."""
    en = '<a class="hz-fig" data-hz="figure:zone_gdp" href="#x"><span class="pasted-text">19.3</span></a>' \
         ' and <span class="pasted-text">more than 7,130 firms</span>'
    assert _glued(en) == _glued(en.replace("19.3", "19.3万亿元").replace("more than 7,130 firms", "超过7130家"))
    assert _glued(en) != _glued(en.replace("7,130", "7,131"))
    # A date's month and day are the same numbers with or without a leading zero.
    date = '<span class="pasted-text">2025-02-26</span>'
    assert _glued(date) == _glued(date.replace("2025-02-26", "2025年2月26日"))
    assert _glued(date) != _glued(date.replace("2025-02-26", "2025年2月27日"))
    assert _glued(date.replace("2025-02-26", "26 February 2025")) == _glued(date.replace("2025-02-26", "2025年2月26日"))
    assert _glued(date.replace("2025-02-26", "January 2025")) == _glued(date.replace("2025-02-26", "2025年1月"))
    assert _glued(en) != _glued(en.replace("figure:zone_gdp", "figure:zone_gdp_growth"))
    local = '<a class="pasted-text hz-fig" data-hz="figure:zone_gdp" href="#x">19.3</a>' \
            ' and <span class="pasted-text">more than 7,130 firms</span>'
    assert _glued(local) == _glued(en)


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


def _visible_page(html: str) -> str:
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


def test_the_whole_page_measure_counts_tables_and_leaves_out_code_and_names():
    html = ("<article><p>数据与方法</p><table><thead><tr><th>中文</th><th>英文</th><th>含义</th></tr></thead>"
            "<tbody><tr><td>新赛道</td><td>New track</td><td>Every source the book draws on</td></tr>"
            "<tr><td>note_zh</td><td>note</td><td>kind, title</td></tr></tbody>"
            "</table><p>见 data/figures.csv、<code>load(\"figures\")</code>、people_daily_2025、"
            "vl-convert-python 和 https://example.org/x、40d0f4df622bde8c</p></article>")
    text = _visible_page(html)
    assert "New track" not in text and "load" not in text and "people_daily" not in text and "kind" not in text
    assert "Every source the book draws on" in text  # an English cell of a Chinese column counts
    assert re.findall(r"[A-Za-z]+", text) == ["Every", "source", "the", "book", "draws", "on"]
    assert chinese_share("中文" * 10) == 1.0 and chinese_share("中" * 5 + "ab" * 5) == 0.5


