"""What the chapters share for prose: data text set in MyST Markdown, and the quotes built from it.

Text from ``data/`` is text, never markup: whatever it holds (``<img …>``, ``**``, ``[…](…)``,
backticks, ``$``), a reader sees those characters, and nothing else. Every place that puts data
text into MyST goes through :func:`escape`; the book's own formatting around it (the block quote,
the italics of a translation, bold labels) is written by the code and stays live.

Tables reach the page as HTML that pandas escapes, and numbers and short texts in prose through
``{glue:text}``, which pastes plain text: neither needs this module. (Any later edition, a translated
one included, that sets data text in MyST uses :func:`escape` the same way.)

Quotes are shown the same way everywhere: the Chinese sentence, its English translation
and the speaker with the title the article gives; in the Chinese edition, the Chinese sentence
(原文) and its speaker alone, never an English back-translation.

A figure's value is written for prose by :func:`value_text`, in the edition's language:
:func:`english_value` ('more than 600 billion yuan') or :func:`chinese_value` (the article's own
words, '突破6000亿元'). :func:`citation` is a chart's or table's short source note.
"""
from __future__ import annotations

import re
import string

import pandas as pd

from hightech_zones.data.loader import load
from hightech_zones.language import CJK, is_chinese
from hightech_zones.words import fmt
from hightech_zones.words.labels import label

# CommonMark lets a backslash escape any ASCII punctuation character, and every piece of Markdown
# and MyST syntax (emphasis, links, raw HTML, code, roles, $math$, colon fences, comments, tables,
# list and heading markers) begins with one. Escaping them all leaves nothing to be read as syntax.
# A line break would end the block (a quote's '>' line, a table row) that the text sits in.
_LITERAL = {**{ord(c): "\\" + c for c in string.punctuation},
            **{ord(c): " " for c in "\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029"}}


def escape(text) -> str:
    """Data text for MyST Markdown: shown exactly as written, read as no syntax at all.

    '<b>*c*</b>' -> '\\<b\\>\\*c\\*\\<\\/b\\>'; line breaks become spaces. Use it inline, inside
    the book's own formatting: f"*{escape(sentence)}*" sets the sentence in italics, literally.
    """
    return str(text).translate(_LITERAL)


def label_text(key: str, **values) -> str:
    """A label of data/labels.csv set in MyST, its values filled in first: all of it is data text.

    label_text("profile_by", authors="<b>") -> ', by \\<b\\>'. Pass the values unescaped."""
    return escape(label(key, **values))


def speaker_line(speaker_id: str) -> str:
    """'周光勇 Zhou Guangyong, Deputy Director, … (湖北武汉东湖高新区管委会副主任)', as plain text;
    in the Chinese edition '湖北武汉东湖高新区管委会副主任周光勇'."""
    person = load("officials").set_index("id").loc[speaker_id]
    if is_chinese():
        return f"{person['title_zh']}{person['name_zh']}"
    return f"{person['name_zh']} {person['name_en']}, {person['title_en']} ({person['title_zh']})"


def quote_markdown(sentence_id: str) -> str:
    """A sentence as a MyST block quote: the Chinese, the English and, if quoted speech, who said it."""
    sentence = load("sentences").set_index("id").loc[sentence_id]
    lines = [f"> {escape(sentence['text_zh'])}"]
    if not is_chinese():  # a Chinese reader reads the original, not a back-translation
        lines += [">", f"> *{escape(sentence['text_en'])}*"]
    if not pd.isna(sentence["speaker_id"]):
        # Reported speech (表示, 介绍, 强调 and no quotation marks) is the article's account, not a quotation.
        who = speaker_line(sentence["speaker_id"])
        who = label("speaker_reported", speaker=who) if sentence["speech"] == "reported" else who
        lines += [">", f"> — {escape(who)}"]
    return "\n".join(lines)


_YUAN_EN = ((1e12, "trillion yuan"), (1e9, "billion yuan"), (1e6, "million yuan"))


def english_value(figure: pd.Series | dict, units: pd.DataFrame | None = None) -> str:
    """A figure as an English reader reads it, qualifier included, whatever the edition.

    '突破6000亿元' -> 'more than 600 billion yuan'; '3至4倍' -> '3–4 times';
    '6000余家' -> 'more than 6,000', '3.5万余家' -> 'more than 35,000' (the measure says what is counted).
    """
    units = load("units") if units is None else units
    unit = units.set_index("unit").loc[figure["unit"]]
    low, high = figure["value"], figure["value_high"]
    prefix = fmt.approx_prefix(figure["approximation"])
    if unit["base_unit"] == "yuan":
        base = low * unit["factor"]
        scale, name = next((s, n) for s, n in _YUAN_EN if base >= s)
        return f"{prefix}{fmt.number_en(round(base / scale, 6))} {name}"
    if unit["base_unit"] == "count":  # '3.5万余家' -> 'more than 35,000'
        return prefix + fmt.number_en(round(low * unit["factor"], 6))
    number = fmt.number_en(low) + ("" if pd.isna(high) else "–" + fmt.number_en(high))
    if figure["unit"] == "%":
        return f"{prefix}{number}%"
    return f"{prefix}{number} {unit['unit_en']}"


def chinese_value(figure: pd.Series | dict) -> str:
    """A figure as Chinese prose writes it: the article's own words (figures.csv's
    ``value_as_written``, which the data check reads back against ``value``, ``unit`` and
    ``approximation``): '突破6000亿元', '6000余家', '超千亿元', '万亿级', '3至4倍'. A figure with no
    words of the article's is written from its value, unit and qualifier ('约1.2万亿元', '超过3.5万家')."""
    written = figure.get("value_as_written")
    if isinstance(written, str) and written:
        return written
    low, high = figure["value"], figure["value_high"]
    number = fmt.number_zh(low) + ("" if pd.isna(high) else "至" + fmt.number_zh(high))
    return fmt.approx_zh(figure["approximation"], number + figure["unit"])


def value_text(figure: pd.Series | dict, units: pd.DataFrame | None = None) -> str:
    """A figure's value for prose, in the edition's language (:func:`chinese_value` or
    :func:`english_value`): the same figure, the same digits, the edition's words and units."""
    return chinese_value(figure) if is_chinese() else english_value(figure, units)


def source_title(source_id: str) -> str:
    """A source's title in the edition's language. sources.csv writes a Chinese title with its
    English after it ('国家高新区新赛道培育行动方案 (Action Plan …)'): the Chinese edition takes the
    Chinese name, in book-title marks (《…》); for a title with no Chinese name, its ``title_zh``."""
    source = load("sources").set_index("id").loc[source_id]
    name = _chinese_name(str(source["title"]))
    if is_chinese():  # the title's Chinese name, else its Chinese companion (title_zh)
        return f"《{name}》" if name else str(source["title_zh"])
    return str(source["title"])


def _chinese_name(text: str) -> str | None:
    """The Chinese name a bilingual name starts with: '科技日报 (Science and Technology Daily)' -> '科技日报'."""
    name = re.match(r"[^\s(（]+", text)
    return name.group() if name and CJK.search(name.group()) else None


def published(source: pd.Series) -> str:
    """When a source (a row of sources.csv) was published, in the edition's words: the article's
    date one way wherever the book gives it (label article_date: 'spring 2025', '2025年春'), since
    its day is not in the copy and the month in sources.csv is the book's inference; any other
    source's date as fmt.date writes it ('26 April 2023', '2023年4月26日')."""
    return label("article_date") if source["kind"] == "article" else fmt.date(source["published"])


def citation(source_id: str) -> str:
    """A short source note for a chart or table: 'outlet (title), date' from sources.csv.

    The Chinese edition names the outlet by ``outlet_zh`` (the title by ``title_zh`` where there is
    no outlet) and writes the date in Chinese ('《科技日报》，2023年4月26日'). The article's date is
    written one way (:func:`published`)."""
    s = load("sources").set_index("id").loc[source_id]
    who = s["title"] if pd.isna(s["outlet"]) else s["outlet"]
    if is_chinese():  # the Chinese name (outlet_zh, title_zh), the date in Chinese: '科技日报，2023年4月26日'
        who = s["title_zh"] if pd.isna(s["outlet_zh"]) else s["outlet_zh"]
        if pd.isna(s["published"]):  # an undated source (a report's summary) is named alone
            return who
        return f"{who}，{published(s)}"
    if pd.isna(s["published"]):
        return who
    return f"{who}, {published(s)}"  # '26 April 2023'
