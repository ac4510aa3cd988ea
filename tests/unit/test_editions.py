"""The Chinese edition (issue 13): built from the same notebooks and data as the English one.

Checks that need no build (catalogue rules, the language switch's links, the kernel's language)
come first; the rest read the site `make html` built, with the Chinese edition in zh_CN/.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from edition_pages import (
    TRANSLATED,
    chinese_share,
    glued,
    visible_page,
)
from sphinx.errors import ExtensionError

from hightech_zones import language
from hightech_zones.book.editions import _check_catalogues, other_edition_href
from hightech_zones.build import editions
from hightech_zones.data import catalogues

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = ROOT / "locale" / "zh_CN" / "LC_MESSAGES"


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


def test_glued_values_compare_by_figure_id_and_number():
    """The comparison is not blind: a different number or a different figure differs."""
    en = '<a class="hz-fig" data-hz="figure:zone_gdp" href="#x"><span class="pasted-text">19.3</span></a>' \
         ' and <span class="pasted-text">more than 7,130 firms</span>'
    assert glued(en) == glued(en.replace("19.3", "19.3万亿元").replace("more than 7,130 firms", "超过7130家"))
    assert glued(en) != glued(en.replace("7,130", "7,131"))
    # A date's month and day are the same numbers with or without a leading zero.
    date = '<span class="pasted-text">2025-02-26</span>'
    assert glued(date) == glued(date.replace("2025-02-26", "2025年2月26日"))
    assert glued(date) != glued(date.replace("2025-02-26", "2025年2月27日"))
    assert glued(date.replace("2025-02-26", "26 February 2025")) == glued(date.replace("2025-02-26", "2025年2月26日"))
    assert glued(date.replace("2025-02-26", "January 2025")) == glued(date.replace("2025-02-26", "2025年1月"))
    assert glued(en) != glued(en.replace("figure:zone_gdp", "figure:zone_gdp_growth"))
    local = '<a class="pasted-text hz-fig" data-hz="figure:zone_gdp" href="#x">19.3</a>' \
            ' and <span class="pasted-text">more than 7,130 firms</span>'
    assert glued(local) == glued(en)


def test_the_whole_page_measure_counts_tables_and_leaves_out_code_and_names():
    html = ("<article><p>数据与方法</p><table><thead><tr><th>中文</th><th>英文</th><th>含义</th></tr></thead>"
            "<tbody><tr><td>新赛道</td><td>New track</td><td>Every source the book draws on</td></tr>"
            "<tr><td>note_zh</td><td>note</td><td>kind, title</td></tr></tbody>"
            "</table><p>见 data/figures.csv、<code>load(\"figures\")</code>、people_daily_2025、"
            "vl-convert-python 和 https://example.org/x、40d0f4df622bde8c</p></article>")
    text = visible_page(html)
    assert "New track" not in text and "load" not in text and "people_daily" not in text and "kind" not in text
    assert "Every source the book draws on" in text  # an English cell of a Chinese column counts
    assert re.findall(r"[A-Za-z]+", text) == ["Every", "source", "the", "book", "draws", "on"]
    assert chinese_share("中文" * 10) == 1.0 and chinese_share("中" * 5 + "ab" * 5) == 0.5


