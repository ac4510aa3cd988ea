"""Sphinx extension: ship the charting JavaScript with the book, so charts draw offline.

It writes vl-convert's self-contained Vega/Vega-Lite/vega-embed bundle into the
HTML output's ``_static`` folder, wrapped in its own function scope (loaded
bare, its top-level ``const _`` clashes with Sphinx's own), and tells the
notebooks executed for the book to emit embeddable charts.
"""
from __future__ import annotations

import os
from pathlib import Path

import vl_convert as vlc

from .charts import BOOK_ENV, VL_VERSION

BUNDLE = "vega-bundle.js"


def bundle_source() -> str:
    """The exact script shipped with the book: vl-convert's bundle in a function scope."""
    return "(function(){\n" + vlc.javascript_bundle(vl_version=VL_VERSION) + "\n})();\n"


def _write_bundle(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        (static / BUNDLE).write_text(bundle_source(), encoding="utf-8")


def setup(app):
    # Kernels started by myst-nb inherit this process's environment.
    os.environ[BOOK_ENV] = "1"
    app.add_js_file(BUNDLE)
    app.connect("build-finished", _write_bundle)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
