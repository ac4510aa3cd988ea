"""Each chapter runs as a live notebook, the way a reader's kernel runs it, outside the book build.

jupytext reads the chapter's .md as a notebook; nbclient runs it top to bottom in a fresh
kernel started from chapters/, without the book's environment. `make lab` opens the same
files as notebooks: the last test starts it and asks the server for a chapter as a notebook.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import jupytext
import pytest
import yaml
from nbclient import NotebookClient

from hightech_zones.charts import BOOK_ENV

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ROOT / "chapters"


def toc_files() -> list[Path]:
    """Every page of the book, in the order of _toc.yml."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                files.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc.get("parts", toc.get("chapters", [])))
    return [ROOT / f"{f}.md" for f in files]


@pytest.mark.parametrize("chapter", toc_files(), ids=lambda p: p.stem)
def test_chapter_runs_top_to_bottom_as_a_notebook(chapter, monkeypatch):
    monkeypatch.delenv(BOOK_ENV, raising=False)  # a reader's kernel, not the book's
    nb = jupytext.read(chapter)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    client = NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=False,
                            resources={"metadata": {"path": str(chapter.parent)}})
    client.execute()  # raises CellExecutionError, with the cell and traceback, on the first error
    stderr = [(i, o["text"]) for i, cell in enumerate(nb.cells) for o in cell.get("outputs", [])
              if o.get("output_type") == "stream" and o.get("name") == "stderr"]
    assert not stderr, f"{chapter.name} wrote to stderr (cell, text): {stderr}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def test_make_lab_opens_a_chapter_as_a_notebook():
    """`make lab` serves the chapters through jupytext, and JupyterLab opens .md files as notebooks."""
    port, token = _free_port(), "hz-test"
    flags = f"--no-browser --ServerApp.ip=127.0.0.1 --IdentityProvider.token={token}"
    proc = subprocess.Popen(["make", "--no-print-directory", "lab", f"LAB_PORT={port}", f"LAB_FLAGS={flags}"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                _get(f"{base}/api/status?token={token}")
                break
            except OSError:
                assert proc.poll() is None, proc.stdout.read()
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not start within a minute")
        model = _get(f"{base}/api/contents/chapters/innovation_capacity.md?type=notebook&content=1&token={token}")
        assert model["type"] == "notebook" and model["content"]["cells"]
        settings = _get(f"{base}/lab/api/settings/@jupyterlab/docmanager-extension:plugin?token={token}")
        # overrides.json (written by `make lab`) becomes the settings' default
        viewers = settings["schema"]["properties"]["defaultViewers"]["default"]
        assert viewers.get("markdown") == viewers.get("myst") == "Jupytext Notebook"
    finally:
        _stop(proc)


def _stop(proc: subprocess.Popen) -> None:
    """Stop make and the JupyterLab it started (their own process group), and nothing else."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=20)


def test_the_offered_notebook_shows_charts_as_images():
    """The .ipynb offered on each page drops the book-only chart HTML, keeping its PNG; tables keep HTML."""
    import nbformat

    from hightech_zones.sphinx_ext import reader_notebook

    chart = {"text/html": '<div class="hz-figure"><div class="hz-chart" id="x"></div></div>', "image/png": "iVBOR"}
    table = {"text/html": "<table></table>", "text/markdown": "| a |"}
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1", outputs=[
        nbformat.v4.new_output("display_data", data=chart), nbformat.v4.new_output("display_data", data=table)])])
    out = reader_notebook(nb)
    assert set(out.cells[0].outputs[0]["data"]) == {"image/png"}
    assert set(out.cells[0].outputs[1]["data"]) == {"text/html", "text/markdown"}
    assert "text/html" in nb.cells[0].outputs[0]["data"]  # the book's copy is untouched
    nbformat.validate(out)


def test_the_book_offers_each_chapter_as_a_notebook():
    html = ROOT / "_build" / "html"
    if not (html / "index.html").is_file():
        pytest.fail("_build/html is missing: run the tests through `make test`")
    for chapter in toc_files():
        rel = chapter.relative_to(ROOT).with_suffix("")
        page = (html / rel).with_suffix(".html").read_text(encoding="utf-8")
        assert f"_sources/{rel.as_posix()}.ipynb" in page and f"_sources/{rel.as_posix()}.md" in page
        nb = json.loads((html / "_sources" / f"{rel.as_posix()}.ipynb").read_text(encoding="utf-8"))
        assert nb["cells"] and 'class="hz-chart"' not in json.dumps(nb)
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        if code:  # executed: the reader sees what the book shows
            assert all(c["execution_count"] for c in code) and any(c["outputs"] for c in code), rel
