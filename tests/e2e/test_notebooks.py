"""Each chapter runs as a live notebook, the way a reader's kernel runs it, outside the book build.

jupytext reads the chapter's .md as a notebook; nbclient runs it top to bottom in a fresh
kernel started from chapters/, without the book's environment. Every chart must come out as a
Vega-Lite 5 bundle, which JupyterLab draws itself, and every value glued into the prose must show.
`make lab` opens the same files as notebooks: a test starts it and asks the server for a chapter
as a notebook (tests/e2e/test_lab_browser.py runs one in a browser).
"""
from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import jupytext
import nbformat
import pandas as pd
import pytest
import yaml
from nbclient import NotebookClient

from hightech_zones.analysis.provenance import MIME as SOURCED_MIME
from hightech_zones.output.bundles import BOOK_ENV, LAB_MIME, LAB_SCHEMA

pytestmark = pytest.mark.kernel

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = ROOT / "chapters"
GLUE_PREFIX = "application/papermill.record/"  # myst-nb's, for a value glued with display=False


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
    charts = assert_shown_as_in_jupyterlab(nb, chapter.name)
    assert len(charts) == charts_in_book(chapter), f"{chapter.name}: charts in the notebook, against the book"


def charts_in_book(chapter: Path) -> int:
    page = (ROOT / "_build" / "html" / chapter.relative_to(ROOT)).with_suffix(".html")
    if not page.is_file():
        pytest.fail("_build/html is missing: run the tests through `make test`")
    return page.read_text(encoding="utf-8").count('class="hz-chart"')


def assert_shown_as_in_jupyterlab(nb, where: str, png: bool = True) -> list[dict]:
    """What a reader sees in JupyterLab after running the notebook; returns the charts' specs.

    * Every chart is a visible Vega-Lite 5 bundle (drawn as SVG) with no HTML (and, from a live
      run, its PNG; the book draws none, so the offered notebook has none), followed by its data
      download link as an output of its own.
    * Every glued value shows: one glued with display=False is text, followed by `name = value`;
      a chart or a table is glued visibly.
    * No code cell that has outputs shows none of them.
    """
    charts = []
    for i, cell in enumerate(nb.cells):
        outputs = cell.get("outputs", [])
        visible = [o for o in outputs if "data" not in o or not any(k.startswith(GLUE_PREFIX) for k in o["data"])]
        assert visible or not outputs, f"{where}, cell {i}: its outputs are all hidden"
        for j, out in enumerate(outputs):
            data, glued = out.get("data", {}), out.get("metadata", {}).get("scrapbook")
            assert not any("vegalite.v6" in k for k in data), f"{where}, cell {i}: a Vega-Lite 6 bundle"
            if glued and glued["mime_prefix"]:
                # text, and the id of the figure it shows where it shows one (hightech_zones.analysis.provenance)
                assert set(data) - {GLUE_PREFIX + SOURCED_MIME} == {GLUE_PREFIX + "text/plain"}, \
                    f"{where}, cell {i}: {glued['name']} is hidden"
                compact = [o for o in outputs[j + 1:] if o.get("data", {}).get("text/plain", "").startswith(
                    f"{glued['name']} = ")]
                assert compact, f"{where}, cell {i}: {glued['name']} is not shown"
            if LAB_MIME in data:
                assert ("image/png" in data) == png and "text/html" not in data, (where, i, set(data))
                assert data[LAB_MIME]["$schema"] == LAB_SCHEMA
                assert out["metadata"][LAB_MIME]["embed_options"]["renderer"] == "svg"
                link = outputs[j + 1]["data"]["text/html"] if j + 1 < len(outputs) else ""
                assert 'class="hz-download"' in link, f"{where}, cell {i}: no data link under the chart"
                charts.append(data[LAB_MIME])
    return charts


def test_a_reader_who_edits_the_data_and_runs_again_sees_the_new_figures(data_copy, monkeypatch):
    """In one live kernel, as in JupyterLab: run a chapter, drop a row of its data, run it again."""
    monkeypatch.delenv(BOOK_ENV, raising=False)
    chapter = CHAPTERS / "new_tracks.md"
    nb = jupytext.read(chapter)
    client = NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=False,
                            resources={"metadata": {"path": str(chapter.parent)}})
    tracks = data_copy / "new_tracks.csv"
    kept, dropped = tracks.read_text(encoding="utf-8").splitlines(keepends=True)[:-1], pd.read_csv(tracks).iloc[-1]

    def run_all() -> tuple[str, str]:
        for i, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                client.execute_cell(cell, i)
        shown = [o["data"]["text/plain"] for c in nb.cells for o in c.get("outputs", [])
                 if o.get("data", {}).get("text/plain", "").startswith("n_tracks = ")]
        (chart,) = assert_shown_as_in_jupyterlab(nb, chapter.name)
        return shown[0], json.dumps(chart["datasets"], ensure_ascii=False)

    with client.setup_kernel():
        before, chart_before = run_all()
        tracks.write_text("".join(kept), encoding="utf-8")
        after, chart_after = run_all()
    count = len(pd.read_csv(tracks))
    assert (before, after) == (f"n_tracks = {count + 1}", f"n_tracks = {count}")
    assert dropped["name_en"] in chart_before and dropped["name_en"] not in chart_after


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def _make_lab(token: str, env: dict | None = None) -> tuple[subprocess.Popen, str]:
    """`make lab` on a free port, in its own process group (``_stop`` ends it); its base URL."""
    port = _free_port()
    flags = f"--no-browser --ServerApp.ip=127.0.0.1 --IdentityProvider.token={token}"
    proc = subprocess.Popen(["make", "--no-print-directory", "lab", f"LAB_PORT={port}", f"LAB_FLAGS={flags}"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    return proc, f"http://127.0.0.1:{port}"


def _wait_for_lab(proc: subprocess.Popen, base: str, token: str) -> None:
    for _ in range(120):
        try:
            _get(f"{base}/api/status?token={token}")
            return
        except OSError:
            assert proc.poll() is None, proc.stdout.read()
            time.sleep(0.5)
    pytest.fail("JupyterLab did not start within a minute")


def test_make_lab_opens_a_chapter_as_a_notebook():
    """`make lab` serves the chapters through jupytext, and JupyterLab opens .md files as notebooks."""
    token = "hz-test"
    proc, base = _make_lab(token)
    try:
        _wait_for_lab(proc, base, token)
        model = _get(f"{base}/api/contents/chapters/innovation_capacity.md?type=notebook&content=1&token={token}")
        assert model["type"] == "notebook" and model["content"]["cells"]
        settings = _get(f"{base}/lab/api/settings/@jupyterlab/docmanager-extension:plugin?token={token}")
        # overrides.json (written by `make lab`) becomes the settings' default
        viewers = settings["schema"]["properties"]["defaultViewers"]["default"]
        assert viewers.get("markdown") == viewers.get("myst") == "Jupytext Notebook"
    finally:
        _stop(proc)


def test_make_lab_runs_a_chapter_in_the_chinese_edition_s_language(tmp_path):
    """`HIGHTECH_ZONES_LANG=zh_CN make lab`: a kernel JupyterLab starts for a chapter knows the edition,
    and the chapter, run in it cell by cell, draws each chart exactly as the Chinese edition shows it
    (its titles, axes, legends and source notes in the words the book's build gave them)."""
    from jupyter_client import BlockingKernelClient

    from hightech_zones.output.bundles import _page_spec

    chapter = CHAPTERS / "innovation_capacity.md"
    book = ROOT / "_build" / "html" / "zh_CN" / "chapters" / "innovation_capacity.html"
    if not book.is_file():
        pytest.fail("_build/html/zh_CN is missing: run the tests through `make test`")
    in_book = [json.loads(m.replace("<\\/", "</"))
               for m in re.findall(r"var spec=(\{.*?\});var el=", book.read_text(encoding="utf-8"))]
    token = "hz-test-zh"
    runtime = tmp_path / "runtime"  # where the server writes its kernels' connection files
    env = {**os.environ, "HIGHTECH_ZONES_LANG": "zh_CN", "JUPYTER_RUNTIME_DIR": str(runtime)}
    env.pop(BOOK_ENV, None)  # a reader's kernel, not the book's
    proc, base = _make_lab(token, env)
    client = None
    try:
        _wait_for_lab(proc, base, token)
        # What JupyterLab does when a reader opens the chapter: a session with a kernel beside the file.
        request = urllib.request.Request(
            f"{base}/api/sessions?token={token}", method="POST", headers={"Content-Type": "application/json"},
            data=json.dumps({"path": "chapters/innovation_capacity.md", "type": "notebook", "name": "",
                             "kernel": {"name": "python3"}}).encode())
        with urllib.request.urlopen(request, timeout=60) as response:
            kernel = json.load(response)["kernel"]["id"]
        client = BlockingKernelClient(connection_file=str(runtime / f"kernel-{kernel}.json"))
        client.load_connection_file()
        # No heartbeat channel: its first beats come late on a busy machine, and wait_for_ready, with no
        # kernel manager to ask, would take the silence for a dead kernel.
        client.start_channels(hb=False)
        client.wait_for_ready(timeout=120)
        outputs: list[dict] = []

        def run(code: str) -> None:
            reply = client.execute_interactive(code, timeout=300, output_hook=lambda msg: outputs.append(msg))
            errors = [m["content"] for m in outputs if m["msg_type"] == "error"]
            assert reply["content"]["status"] == "ok" and not errors, (code[:200], errors)

        run("import os\nfrom hightech_zones.language import language\nprint(os.getcwd(), language())")
        printed = "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream")
        assert printed.split() == [str(CHAPTERS), "zh_CN"]
        for cell in jupytext.read(chapter).cells:
            if cell.cell_type == "code":
                run(cell.source)
    finally:
        if client is not None:
            client.stop_channels()
        _stop(proc)
    shown = [m["content"]["data"] for m in outputs if m["msg_type"] in ("display_data", "execute_result")]
    # The book's page carries each chart without the config its theme supplies (outputs._page_spec).
    charts = [{k: v for k, v in _page_spec(data[LAB_MIME]).items() if k != "$schema"}
              for data in shown if LAB_MIME in data]
    assert charts and len(charts) == len(in_book), (len(charts), len(in_book))
    for live, built in zip(charts, in_book):
        assert live == {k: v for k, v in built.items() if k != "$schema"}, live.get("description")
    links = [data["text/html"] for data in shown if 'class="hz-download"' in data.get("text/html", "")]
    assert len(links) >= len(charts) and all("下载数据" in link for link in links), links  # tables' too


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


def test_the_offered_notebook_shows_what_a_run_in_jupyterlab_shows(monkeypatch):
    """The .ipynb offered on each page: a chart's Vega-Lite 5 bundle without the book-only HTML,
    then its data link; glued values shown as hightech_zones.output.glue shows them in a live kernel."""
    import altair as alt

    from hightech_zones.book.notebook import reader_notebook
    from hightech_zones.charts import style as charts
    from hightech_zones.output import bundles as outputs

    bars = alt.Chart(pd.DataFrame({"zone": ["武汉"], "v": [1.0]})).mark_bar().encode(
        x="v:Q", y="zone:N").properties(description="One zone's value as a bar.")
    spec = charts.finish(bars, source="s", filename="d.csv").to_dict()
    monkeypatch.setenv(BOOK_ENV, "1")
    chart = outputs.render(spec)  # as the book's kernel makes it
    link = outputs.data_link(spec)
    table = {"text/html": "<table></table>", "text/markdown": "| a |", "text/plain": "a"}

    def glued(name, data):
        return nbformat.v4.new_output("display_data", data={GLUE_PREFIX + k: v for k, v in data.items()},
                                      metadata={"scrapbook": {"name": name, "mime_prefix": GLUE_PREFIX},
                                                LAB_MIME: {"embed_options": {"renderer": "svg"}}})

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1", outputs=[
        glued("fig-x", chart), glued("n_x", {"text/plain": "'12,345'"}), glued("tbl-x", table),
        nbformat.v4.new_output("display_data", data=table),
        glued("total", {"text/plain": "'505.7'", SOURCED_MIME: {"ref": "figure:total_index"}})])])
    out = reader_notebook(nb)
    nbformat.validate(out)
    assert assert_shown_as_in_jupyterlab(out, "offered notebook", png=False) == [{**spec, "$schema": LAB_SCHEMA}]
    shown = out.cells[0].outputs
    assert [o["data"].get("text/html") for o in shown][1] == link
    assert shown[3]["data"] == {"text/plain": "n_x = 12,345"}
    assert shown[4]["data"] == table and shown[4]["metadata"]["scrapbook"]["mime_prefix"] == ""
    assert len(shown) == 8 and shown[5]["data"] == table
    assert shown[7]["data"] == {"text/plain": "total = 505.7"}  # a number with its figure's id, as text
    assert GLUE_PREFIX + "text/html" in nb.cells[0].outputs[0]["data"]  # the book's copy is untouched


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
        offered = nbformat.read(html / "_sources" / f"{rel.as_posix()}.ipynb", as_version=4)
        shown = assert_shown_as_in_jupyterlab(offered, rel.as_posix(), png=False)
        assert len(shown) == page.count('class="hz-chart"'), rel
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        if code:  # executed: the reader sees what the book shows
            assert all(c["execution_count"] for c in code) and any(c["outputs"] for c in code), rel
