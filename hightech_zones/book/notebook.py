"""Each chapter offered as a notebook, as a run in JupyterLab leaves it.

The executed notebook (charts as Vega-Lite 5 bundles that JupyterLab draws itself, glued values
shown) is written next to the page's source in ``_sources`` and listed in the theme's download
menu, which otherwise offers the page's source; on a cache hit myst-nb writes the notebook
without its outputs.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
from jupyter_cache import get_cache
from myst_nb.core.read import read_myst_markdown_notebook

from hightech_zones.analysis.provenance import MIME as SOURCED_MIME
from hightech_zones.output.bundles import SPEC_MIME, lab_output


def reader_notebook(executed: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The executed notebook as a run in JupyterLab leaves it, so that it opens there as it is.

    * A chart's HTML embed, whose script only the book ships, becomes the Vega-Lite 5 bundle
      that JupyterLab draws itself, offline (``outputs.lab_output``); its data
      download link, cut from that HTML, follows as an output of its own.
    * A value glued with ``display=False`` shows, by the rules of ``hightech_zones.output.glue``:
      text as ``name = value`` under the hidden glue, anything richer as glued with ``display=True``.
    """
    nb = nbformat.from_dict(json.loads(json.dumps(executed)))
    for cell in nb.cells:
        if "outputs" in cell:
            cell.outputs = [shown for output in cell.outputs for shown in _as_run_in_lab(output)]
    return nb


def _as_run_in_lab(output: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    from hightech_zones.output.glue import compact  # imports IPython: only a build that offers notebooks pays

    if "data" not in output:
        return [output]
    glued = output.get("metadata", {}).get("scrapbook", {})
    prefix = glued.get("mime_prefix", "")
    data = {mime[len(prefix):]: value for mime, value in output.data.items() if mime.startswith(prefix)}
    html = str(data.get("text/html", ""))
    spec = data.get(SPEC_MIME)
    if spec is not None:
        bundle, metadata = lab_output(spec, None)
        chart = _shown(output, {**{k: v for k, v in data.items() if k not in ("text/html", SPEC_MIME)}, **bundle})
        chart.metadata.update(metadata)
        link = re.search(r'<p class="hz-figure-data">(.*)</p></div>\s*\Z', html, re.DOTALL)
        if link is None or not link.group(1):
            return [chart]
        return [chart, nbformat.v4.new_output("display_data", data={"text/html": link.group(1)})]
    if not prefix:
        return [output]
    if set(data) - {SOURCED_MIME} == {"text/plain"}:  # text, with or without its figure's id
        text = compact(glued["name"], data["text/plain"])
        return [output, nbformat.v4.new_output("display_data", data={"text/plain": text})]
    return [_shown(output, data)]


def _shown(output: nbformat.NotebookNode, data: dict) -> nbformat.NotebookNode:
    """The output with these data, visible: a glue record becomes one glued with display=True."""
    shown = nbformat.from_dict(json.loads(json.dumps(output)))
    shown.data = data
    if "scrapbook" in shown.get("metadata", {}):
        shown.metadata.scrapbook.mime_prefix = ""
    return shown


def cached_notebook(source: Path, cache: Path) -> nbformat.NotebookNode:
    """A MyST chapter with its outputs from a jupyter-cache; read with myst-nb's own reader, so the
    notebook hashes as it did when myst-nb cached it. Raises if the cache holds no match."""
    notebook = read_myst_markdown_notebook(source.read_text(encoding="utf-8"), path=str(source))
    return get_cache(cache).merge_match_into_notebook(notebook)[1]


def executed_notebook(app, pagename: str) -> nbformat.NotebookNode | None:
    """The page's notebook with the outputs the book shows, or None if the page is no notebook.

    myst-nb writes each notebook to ``jupyter_execute``, but on a cache hit it writes it without
    outputs; so the outputs come from the execution cache when it holds them.
    """
    written = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    if not written.is_file():
        return None
    source = Path(app.env.doc2path(pagename))
    cache = Path(getattr(app.config, "nb_execution_cache_path", "") or Path(app.outdir).parent / ".jupyter_cache")
    if source.suffix == ".md" and cache.is_dir():
        try:
            return cached_notebook(source, cache)
        except Exception:  # not cached (e.g. execution off): the written notebook is all there is
            pass
    return nbformat.read(written, as_version=4)


def _offer_notebook(app, pagename, templatename, context, doctree) -> None:
    """Put the page's notebook in ``_sources`` and tell the theme to list it (before its own handler)."""
    executed = executed_notebook(app, pagename) if doctree is not None else None
    if executed is None:
        return
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(reader_notebook(executed), target)
    context["ipynb_source"] = f"{pagename}.ipynb"


def setup(app) -> None:
    app.connect("html-page-context", _offer_notebook, priority=400)
