"""The book's Sphinx extension, wired up: each module says what it does and why no option does it.

``html`` (the web book's charts, script and font), ``notebook`` (each chapter as a notebook),
``editions`` (two languages), ``latex`` (the printed book) and ``pdf_charts`` (its chart images),
``cards`` (provenance cards on the prose's numbers), ``site`` (what a published page carries),
``table_numbers`` (glued tables numbered as tables) and ``freshness`` (a chapter runs again when
the data or code it reads change).
"""
from __future__ import annotations

import os

from hightech_zones import __version__
from hightech_zones.output.bundles import BOOK_ENV


def setup(app):
    # Imported here, not above: the command line imports book.freshness without Sphinx and its hooks.
    from hightech_zones.book import cards, editions, freshness, html, latex, notebook, pdf_charts, site, table_numbers

    os.environ[BOOK_ENV] = "1"  # kernels started by myst-nb inherit this process's environment
    for module in (editions, table_numbers, html, notebook, latex, cards, pdf_charts, site):
        module.setup(app)
    app.connect("env-get-outdated", freshness.refresh_if_inputs_changed)
    app.connect("env-get-outdated", freshness.pages_read_since_written)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
