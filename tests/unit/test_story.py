"""One folded cell per figure, each under the words it supports; the id check not blind (tests/story.py)."""
from __future__ import annotations

from pathlib import Path

import pytest
from story import THEMES, cells, ids_in_tables, internal_ids

ROOT = Path(__file__).resolve().parents[2]
FOLDED, REMOVED = "hide-input", "remove-input"


def stacked_folds(markdown: str, path: str = "chapter.md") -> list[str]:
    """The first line of each folded cell that stands right after another, with no markdown between."""
    stacked, previous = [], None  # the last folded cell since the last markdown cell
    for cell in cells(markdown, path):
        tags = set(cell.metadata.get("tags", []))
        if cell.cell_type == "markdown" and cell.source.strip():
            previous = None
        elif cell.cell_type == "code" and FOLDED in tags:
            if previous is not None:
                stacked.append(cell.source.splitlines()[0] if cell.source else "")
            previous = cell
        # a removed cell shows nothing: it neither separates two bars nor makes one
    return stacked


@pytest.mark.parametrize("stem", THEMES)
def test_no_two_folded_cells_stand_together(stem):
    chapter = ROOT / "chapters" / f"{stem}.md"
    assert stacked_folds(chapter.read_text(encoding="utf-8"), str(chapter)) == []


FENCE = "```"


def _cell(code: str, tag: str) -> str:
    return f"{FENCE}{{code-cell}} ipython3\n:tags: [{tag}]\n{code}\n{FENCE}\n"


def test_stacked_folds_are_found_and_words_or_a_removed_cell_change_that():
    """The test is not blind: two bars in a row fail, a removed cell between them does not part
    them, a paragraph between them does."""
    header = "---\nkernelspec:\n  name: python3\n  display_name: Python 3\n---\n\n# Title\n\n"
    a, b = _cell("a = 1", FOLDED), _cell("b = 2", FOLDED)
    removed = _cell("glue('x', 1, display=False)", REMOVED)
    assert stacked_folds(header + a + "\n" + b) == ["b = 2"]
    assert stacked_folds(header + a + "\n" + removed + "\n" + b) == ["b = 2"]
    assert stacked_folds(header + a + "\nA paragraph that says why.\n\n" + b) == []
    assert stacked_folds(header + removed + "\n" + a) == []


@pytest.mark.parametrize("stem", THEMES)
def test_a_planted_stack_in_a_real_chapter_is_caught(stem):
    """Doubling a real chapter's first folded cell in place makes a stack the test reports."""
    text = (ROOT / "chapters" / f"{stem}.md").read_text(encoding="utf-8")
    start = text.index(f"{FENCE}{{code-cell}}")
    end = text.index(f"\n{FENCE}\n", start) + len(FENCE) + 2
    planted = text[:end] + "\n" + text[start:end] + text[end:]
    assert len(stacked_folds(planted)) == len(stacked_folds(text)) + 1


# What the built chapters show a reader (needs `make html`).


def test_the_id_check_sees_an_id_planted_in_a_table():
    ids = internal_ids()
    assert "report_2016_summary" in ids and "people_daily_2025" in ids
    planted = "<table><tr><th>Source</th></tr><tr><td>stdaily_2023_04_26</td></tr></table>"
    assert [found.split()[0] for found in ids_in_tables(planted, ids)] == ["stdaily_2023_04_26"]
    assert ids_in_tables("<table><tr><td>科技日报, 2023-04-26</td></tr></table>", ids) == []


