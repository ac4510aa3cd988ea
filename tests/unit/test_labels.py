"""The words around the data and the numbers, per edition (issue 13): one label table, one glossary,
one function per number convention, each read back in both languages."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pandas as pd
import pytest

from hightech_zones import load
from hightech_zones.data.checks import parse_stated
from hightech_zones.language import ENV
from hightech_zones.words import fmt, labels, prose

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture
def zh(monkeypatch):
    monkeypatch.setenv(ENV, "zh_CN")


@pytest.fixture
def en(monkeypatch):
    monkeypatch.delenv(ENV, raising=False)


def figure(**row):
    return {"value_high": pd.NA, "approximation": "exact", **row}


# --- labels ------------------------------------------------------------------------------------

def test_a_label_is_read_in_the_edition_s_language(en, monkeypatch):
    assert labels.label("source_note") == "Source"
    assert labels.label("axis_index_points_in", year=2023) == "Index points in 2023 (2010 = 100)"
    monkeypatch.setenv(ENV, "zh_CN")
    assert labels.label("source_note") == "来源"
    assert labels.label("axis_index_points_in", year=2023) == "2023年指数（点，以2010年为100）"
    assert labels.both("edition_of_year", edition=2024) == {"en": "2024 edition", "zh": "2024年版"}


def test_an_unknown_label_or_term_is_an_error():
    with pytest.raises(KeyError, match="labels.csv has no label 'no_such_label'"):
        labels.label("no_such_label")
    with pytest.raises(KeyError, match="glossary.csv has no term 'No such term'"):
        labels.term("No such term")


def test_labelled_adds_both_languages_and_field_picks_the_edition_s(en, monkeypatch):
    frame = labels.labelled(pd.DataFrame({"confidence": ["high", "derived"]}),
                            confidence="confidence_" + pd.Series(["high", "derived"]))
    assert list(frame.confidence_en) == ["high", "derived"] and list(frame.confidence_zh) == ["高", "推算"]
    assert labels.field("confidence") == "confidence_en"
    monkeypatch.setenv(ENV, "zh_CN")
    assert labels.field("confidence") == "confidence_zh"
    with pytest.raises(KeyError, match="'confidence_none'"):
        labels.labelled(frame, confidence=pd.Series(["confidence_none", "confidence_high"]))


def test_every_label_has_both_languages_and_says_where_it_is_used():
    table = load("labels")
    for row in table.itertuples():
        assert row.en.strip() and row.zh.strip() and isinstance(row.note, str) and row.note.strip(), row.id
        assert CJK.search(row.zh) or not re.search(r"[A-Za-z]{4,}", row.zh.replace("data/context_figures.csv", "")
                                                   .replace("sources.csv", "").replace("PCT", "")), row.id
        # A placeholder in one language is in the other.
        assert set(re.findall(r"\{(\w+)\}", row.en)) == set(re.findall(r"\{(\w+)\}", row.zh)), row.id


def test_labels_that_are_glossary_terms_take_the_glossary_s_chinese(zh):
    glossary = load("glossary")
    terms = dict(zip(glossary.term_en.str.lower(), glossary.term_zh))
    table = load("labels")
    for row in table.itertuples():
        english = row.en.lower()
        for singular in (english, english.removesuffix("s")):
            if singular in terms:
                assert terms[singular] in row.zh, (row.id, terms[singular], row.zh)
    assert labels.term("New track") == "新赛道"


def test_a_glossary_term_in_english_is_itself(en):
    assert labels.term("New track") == "New track"


# --- numbers -----------------------------------------------------------------------------------

def test_number_conventions_in_english(en):
    assert fmt.points(505.7) == "505.7 points" and fmt.year(2023) == "2023" and fmt.percent(4.3) == "4.3%"
    assert fmt.yuan(1.93e13) == "19.3 trillion yuan" and fmt.yuan(6e11) == "600 billion yuan"
    assert fmt.number(7130) == "7,130"


def test_number_conventions_in_chinese(zh):
    assert fmt.points(505.7) == "505.7点" and fmt.year(2023) == "2023年" and fmt.year(2023.0) == "2023年"
    assert fmt.percent(4.3) == "4.3%"
    assert fmt.yuan(1.93e13) == "19.3万亿元" and fmt.yuan(6e11) == "6000亿元" and fmt.yuan(5e4) == "5万元"
    assert fmt.number_zh(7130) == "7130" and fmt.number_zh(35000) == "35000"


@pytest.mark.parametrize("row, english, chinese", [
    (figure(value=6000, unit="亿元", approximation="more_than"), "more than 600 billion yuan", "超过6000亿元"),
    (figure(value=1.2, unit="万亿元", approximation="about"), "about 1.2 trillion yuan", "约1.2万亿元"),
    (figure(value=3.5, unit="万家", approximation="more_than"), "more than 35,000", "超过3.5万家"),
    (figure(value=3, value_high=4, unit="倍"), "3–4 times", "3至4倍"),
    (figure(value=505.7, unit="点"), "505.7 index points", "505.7点"),
    (figure(value=1, unit="万亿元", approximation="order_of"), "of the order of 1 trillion yuan", "1万亿元量级"),
    (figure(value=7130, unit="家"), "7,130", "7130家"),
])
def test_a_figure_s_value_text_follows_the_edition_and_keeps_the_article_s_unit(row, english, chinese,
                                                                                monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    assert prose.value_text(row) == english == prose.english_value(row)
    monkeypatch.setenv(ENV, "zh_CN")
    assert prose.value_text(row) == chinese == prose.chinese_value(row)
    assert prose.english_value(row) == english  # an English rendering stays English


def test_the_digits_of_a_value_are_the_same_in_both_editions(monkeypatch):
    """Same figure, same digits: the unit the article wrote it in is kept in Chinese, so only
    the scale (亿 against billion) may move the decimal point."""
    figures = load("figures")
    for _, row in figures.iterrows():
        monkeypatch.delenv(ENV, raising=False)
        english = prose.value_text(row)
        monkeypatch.setenv(ENV, "zh_CN")
        chinese = prose.value_text(row)
        strip = str.maketrans("", "", ",.0")
        digits = [re.sub(r"\D", "", t).translate(strip) for t in (english, chinese)]
        # The Chinese is the article's own words: the value they state is the figure's ('万亿级' is 1万亿元).
        low, high, unit, approximation = parse_stated(chinese)
        assert (low, unit, approximation) == (row["value"], row["unit"][:len(unit)], row["approximation"]), row["id"]
        assert digits[0] == digits[1] or not digits[1], (row["id"], english, chinese)


# --- prose in the Chinese edition ---------------------------------------------------------------

def test_a_chinese_quote_is_the_original_without_back_translation(zh):
    text = prose.quote_markdown("wuhan_revenue")
    assert text.startswith("> 2024年") and "*In 2024" not in text and "周光勇" in text
    assert "Zhou Guangyong" not in text


def test_a_citation_names_outlet_and_date(en, monkeypatch):
    assert prose.citation("people_daily_2025") == "人民日报 (People's Daily), spring 2025"
    monkeypatch.setenv(ENV, "zh_CN")
    assert prose.citation("people_daily_2025") == "《人民日报》，2025年春"
    assert prose.citation("stdaily_2023_04_26") == "《科技日报》，2023年4月26日"


# --- chapters type no label in one language ------------------------------------------------------

def _code_cells(path: Path) -> list[str]:
    return re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", path.read_text(encoding="utf-8"), re.S)


KEYED = {"label", "both", "citation"}  # their string arguments are keys, not words


def _literals(node: ast.AST) -> list[ast.Constant]:
    """The string literals in an expression, but for the keys passed to label(), both(), citation()."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in KEYED:
        return [c for kw in node.keywords for c in _literals(kw.value)]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [] if re.fullmatch(r"[a-z0-9_]+", node.value) else [node]  # an id of data/ is no words
    return [c for child in ast.iter_child_nodes(node) for c in _literals(child)]


@pytest.mark.parametrize("page", ["innovation_capacity", "new_tracks", "policy_measures", "case_studies"])
def test_no_chart_in_a_chapter_is_given_an_english_title_or_source_literal(page):
    """A chart's words (titles, source notes, descriptions) come from labels or data: a string
    literal with English words passed as one of them in a chapter is a label typed in one language."""
    for cell in _code_cells(ROOT / "chapters" / f"{page}.md"):
        body = "\n".join(line for line in cell.splitlines() if not line.startswith((":", "---", "mystnb", "tags")))
        try:
            tree = ast.parse(body)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.keyword) and node.arg in ("title", "source", "description"):
                words = [c.value for c in _literals(node.value)]
                assert not any(re.search(r"[A-Za-z]{3,}", w) for w in words), (page, ast.unparse(node))
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in ("SOURCE", "CONTEXT",
                                                                                        "EDITORS")
                                                    for t in node.targets):
                assert not isinstance(node.value, ast.Constant), (page, ast.unparse(node))


def test_the_literal_check_sees_an_english_source_and_lets_keys_pass():
    typed = ast.parse('finish(chart, source=f"{SOURCE}; orange: derived", filename="x.csv")')
    keyed = ast.parse('finish(chart, source=f"{SOURCE}; {label(\'note_orange\')}", filename="x.csv")')

    def words(tree):
        return [c.value for n in ast.walk(tree) if isinstance(n, ast.keyword) and n.arg == "source"
                for c in _literals(n.value)]
    assert any(re.search(r"[A-Za-z]{3,}", w) for w in words(typed))
    assert not any(re.search(r"[A-Za-z]{3,}", w) for w in words(keyed))


def test_a_table_is_headed_in_the_edition_s_language(en, monkeypatch):
    from hightech_zones.output.tables import table

    frame = pd.DataFrame({"rows come from": ["x"], "sha256 (first 16 hex digits)": ["ab"]})
    keys = labels.column_keys(frame)
    assert keys == {"rows come from": "col_rows_come_from",
                    "sha256 (first 16 hex digits)": "col_sha256_first_16_hex_digits"}
    assert list(table(frame, "f.csv", headers=keys).frame.columns) == list(frame.columns)  # English reads as before
    monkeypatch.setenv(ENV, "zh_CN")
    assert list(table(frame, "f.csv", headers=keys).frame.columns) == ["数据行的出处", "sha256（前16位十六进制）"]
    with pytest.raises(KeyError, match="no column 'missing'"):
        table(frame, "f.csv", headers={"missing": "col_rows"})


def test_a_chinese_table_leaves_out_english_renderings(en, monkeypatch):
    """Issue 27: a Chinese reader reads the original; the glossary's English column (col_english) stays."""
    from hightech_zones.output.tables import table

    frame = pd.DataFrame({"action_zh": ["建强技术经理人队伍"], "action_en": ["Build a corps"], "term_en": ["x"]})
    heads = {"action_zh": "action", "action_en": "action_in_english", "term_en": "col_english"}
    assert table(frame, "f.csv", headers=heads).frame.shape[1] == 3
    monkeypatch.setenv(ENV, "zh_CN")
    shown = table(frame, "f.csv", headers=heads, in_print=["action_zh", "action_en"])
    assert list(shown.frame.columns) == ["具体举措", "英文"] and list(shown.printed.columns) == ["具体举措"]
    assert "Build a corps" not in shown._repr_html_()


def test_a_date_is_written_in_the_edition_s_words(en, monkeypatch):
    assert fmt.date("2025-02-26") == "26 February 2025"
    assert fmt.date("2025-01") == "January 2025"
    assert fmt.date("2025") == "2025"
    monkeypatch.setenv(ENV, "zh_CN")
    assert fmt.date("2025-02-26") == "2025年2月26日"
    assert fmt.date("2025-01") == "2025年1月"
    assert fmt.date("2025") == "2025年"


def test_a_source_title_is_its_chinese_name_in_book_title_marks_in_chinese(en, monkeypatch):
    english = prose.source_title("new_track_action_plan")
    assert english.startswith("国家高新区新赛道培育行动方案 (Action Plan")
    monkeypatch.setenv(ENV, "zh_CN")
    assert prose.source_title("new_track_action_plan") == "《国家高新区新赛道培育行动方案》"
    # A title with no Chinese name takes its Chinese companion (sources.csv title_zh) ...
    assert prose.source_title("miit_press_2025_02_26") == "工业和信息化部关于国家高新区的新闻发布会"
    # ... which, for a source whose own title is English, is that title.
    assert prose.source_title("yicai_global").startswith("China's National High-Tech Zones Play Ever Bigger Role")


def test_a_citation_names_the_outlet_in_the_edition_s_language(en, monkeypatch):
    assert prose.citation("nbs_2025_01_17") == "National Bureau of Statistics (NBS), 17 January 2025"
    monkeypatch.setenv(ENV, "zh_CN")
    assert prose.citation("nbs_2025_01_17") == "国家统计局，2025年1月17日"
    assert prose.citation("people_daily_2025") == "《人民日报》，2025年春"


def test_own_picks_the_english_column_or_its_chinese_companion(en, monkeypatch):
    assert labels.own("note") == "note"
    monkeypatch.setenv(ENV, "zh_CN")
    assert labels.own("note") == "note_zh"


@pytest.mark.parametrize("code", ["approximation", "relation", "year_basis"])
def test_every_code_of_the_register_has_a_label(code):
    for value in set(load("figures")[code]):
        assert labels.both(f"{code}_{value}")["zh"], (code, value)
