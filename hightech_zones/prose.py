"""What the chapters share for prose: data text set in MyST Markdown, and the quotes built from it.

Text from ``data/`` is text, never markup: whatever it holds (``<img …>``, ``**``, ``[…](…)``,
backticks, ``$``), a reader sees those characters, and nothing else. Every place that puts data
text into MyST goes through :func:`escape`; the book's own formatting around it (the block quote,
the italics of a translation, bold labels) is written by the code and stays live.

Tables reach the page as HTML that pandas escapes, and numbers and short texts in prose through
``{glue:text}``, which pastes plain text: neither needs this module. (Any later edition, a translated
one included, that sets data text in MyST uses :func:`escape` the same way.)

Quotes are shown the same way everywhere: the Chinese sentence, its English translation
and the speaker with the title the article gives.
"""
from __future__ import annotations

import string

import pandas as pd

from .data import load

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


def speaker_line(speaker_id: str) -> str:
    """'周光勇 Zhou Guangyong, Deputy Director, … (湖北武汉东湖高新区管委会副主任)', as plain text."""
    person = load("officials").set_index("id").loc[speaker_id]
    return f"{person['name_zh']} {person['name_en']}, {person['title_en']} ({person['title_zh']})"


def quote_markdown(sentence_id: str) -> str:
    """A sentence as a MyST block quote: the Chinese, the English and, if quoted speech, who said it."""
    sentence = load("sentences").set_index("id").loc[sentence_id]
    lines = [f"> {escape(sentence['text_zh'])}", ">", f"> *{escape(sentence['text_en'])}*"]
    if not pd.isna(sentence["speaker_id"]):
        lines += [">", f"> — {escape(speaker_line(sentence['speaker_id']))}"]
    return "\n".join(lines)
