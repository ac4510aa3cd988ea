"""Write each chapter's code cells to one Python file, for ruff (`make lint`).

    python .ci/chapter_code.py OUT_DIR

Each cell is preceded by a comment naming the chapter and the line its cell starts on, so a
finding in OUT_DIR/<chapter>.py leads back to the cell in chapters/<chapter>.md.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from myst_nb.core.read import read_myst_markdown_notebook

ROOT = Path(__file__).resolve().parents[1]


def main(out: Path) -> int:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for chapter in sorted((ROOT / "chapters").glob("*.md")):
        markdown = chapter.read_text(encoding="utf-8")
        notebook = read_myst_markdown_notebook(markdown, path=str(chapter))
        cells = [c.source for c in notebook.cells if c.cell_type == "code"]
        starts = [i for i, line in enumerate(markdown.splitlines(), 1) if line.startswith("```{code-cell}")]
        name = chapter.relative_to(ROOT)
        text = "".join(f"# {name}, the cell at line {line}\n{code}\n\n" for line, code in zip(starts, cells))
        (out / f"{chapter.stem}.py").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
