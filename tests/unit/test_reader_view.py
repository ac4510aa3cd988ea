"""What a reader meets: findings first, code one click away, every figure under the cell that makes it.

The chapter sources are read as jupytext notebooks (no build needed) for the rules a chapter
must keep; the built HTML is read for what the reader is shown.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import jupytext
import pytest

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = sorted((ROOT / "chapters").glob("*.md"))
SHOWN, OUT_OF_THE_WAY = "hide-input", "remove-input"
FIGURE = re.compile(r"```\{glue:figure\} (\S+)")


def code_cells(chapter: Path):
    return [c for c in jupytext.read(chapter).cells if c.cell_type == "code"]


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_every_code_cell_is_folded_or_only_glues_numbers(chapter):
    for cell in code_cells(chapter):
        tags = set(cell.metadata.get("tags", []))
        assert len(tags & {SHOWN, OUT_OF_THE_WAY}) == 1, (chapter.name, cell.source[:80])
        assert not tags & {"remove-cell", "remove-output", "hide-output"}, (chapter.name, cell.source[:80])
        if OUT_OF_THE_WAY in tags:
            # Left out of the page: it may glue numbers and nothing else, and show nothing.
            # (glue, or glue_figure: a number with the id of the figure it shows)
            assert re.search(r"glue(_figure)?\(", cell.source), cell.source
            assert not re.search(r"glue\(\s*f?['\"](fig|tbl)-", cell.source)
            last = ast.parse(cell.source).body[-1]
            assert not isinstance(last, ast.Expr) or (
                isinstance(last.value, ast.Call)
                and getattr(last.value.func, "id", "") in ("glue", "glue_figure")), cell.source


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_code_lines_fit_79_characters(chapter):
    wide = [(chapter.name, line) for cell in code_cells(chapter) for line in cell.source.splitlines()
            if len(line) > 79]
    assert not wide, wide


def test_chapters_leave_the_look_of_charts_to_the_package():
    for chapter in CHAPTERS:
        code = "\n".join(c.source for c in code_cells(chapter))
        assert "alt." not in code, chapter.name
        assert not re.search(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?\b", code), chapter.name


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_each_figure_sits_right_under_the_cell_that_makes_it(chapter):
    """The {glue:figure} of a key follows the code cell that glues it, with nothing in between."""
    text = chapter.read_text(encoding="utf-8")
    for match in FIGURE.finditer(text):
        before = text[:match.start()].rstrip()
        assert before.endswith("```"), (chapter.name, match.group(1))
        cell = before[before.rindex("```{code-cell}"):]
        assert re.search(r"glue\(\s*['\"]" + re.escape(match.group(1)) + "['\"]", cell), (chapter.name, match.group(1))


