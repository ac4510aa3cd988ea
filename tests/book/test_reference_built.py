"""The reference pages are generated from the data package and the environment, and follow them."""
from __future__ import annotations

from hightech_zones.data.loader import load


def _page_text(built_html, chapter: str) -> str:
    import html
    import re

    page = (built_html / "chapters" / f"{chapter}.html").read_text(encoding="utf-8")
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_built_book_shows_every_named_item_with_its_sentence(built_html):
    """Done-when of issue 4: every figure and named item of the three chapters, and the sentence it comes from."""
    sentences = load("sentences").set_index("id")["text_zh"]
    expected = {
        "new_tracks": [(load("new_tracks"), "name_zh"), (load("track_routes"), "name_zh"), (load("cultivation"), "name_zh")],
        "policy_measures": [(load("policy_headings"), "name_zh"), (load("policy_measures"), "action_zh")],
        "case_studies": [(load("zone_highlights"), "item_zh"), (load("case_zones"), "name_zh")],
    }
    figures = load("figures")
    expected["case_studies"].append((figures[figures["theme"] == "case_studies"], "value_as_written"))
    for chapter, parts in expected.items():
        text = _page_text(built_html, chapter)
        for frame, column in parts:
            for _, row in frame.iterrows():
                assert row[column] in text, f"{chapter}: {row[column]!r} is missing"
                sentence = sentences[row["sentence_id"]] if "sentence_id" in row else None
                assert sentence is None or sentence in text, f"{chapter}: the sentence {row['sentence_id']!r} is missing"
