"""``glue``: myst-nb's glue, which in a live notebook also shows what it glued.

Chapters glue the numbers of their prose (``{glue:text}``) and their figures and tables
(``{glue:figure}``) with ``display=False``: in the book they appear where the prose puts them,
and nothing shows under the cell. In a reader's kernel (JupyterLab, or nbclient in the tests)
that left most cells blank, so there :func:`glue` also shows each value under its cell:

* text and numbers as one compact output, ``name = value``, the value written exactly as the
  book's ``{glue:text}`` writes it (:func:`compact`);
* anything richer (a chart, a table) as the object itself, as myst-nb's ``display=True`` shows
  it; a chart is followed by its data download link, as an output of its own, since JupyterLab
  draws the chart from its Vega-Lite bundle and would hide a link inside its HTML.

A number of the prose that shows a figure is glued with :func:`glue_figure`, which carries the
figure's id with the text (``provenance.Sourced``): the book links the number to its row of the
register and opens its provenance card on hover, focus or tap. Any :class:`~.provenance.Sourced`
value (as ``findings.headlines`` returns) carries its id through :func:`glue` alike.

In the book (the Sphinx extension sets ``BOOK_ENV``) :func:`glue` is :func:`myst_nb.glue`, call
for call. The Sphinx extension applies the same rules to the notebook that the book offers for
download (``reader_notebook``), so that it opens in JupyterLab as a live run would leave it.
"""
from __future__ import annotations

import numbers
import os
import sys
from typing import Any

from IPython.core.formatters import format_display_data
from IPython.display import HTML
from IPython.display import display as show
from myst_nb import glue as myst_glue

from hightech_zones.analysis.provenance import sourced
from hightech_zones.output.bundles import BOOK_ENV, data_link

__all__ = ["glue", "glue_figure", "compact"]


def glue(name: str, variable: Any, display: bool = True) -> None:
    """Glue ``variable`` under ``name`` for the book (myst-nb's signature and behaviour);
    in a live kernel, a value glued with ``display=False`` is shown all the same."""
    if display or os.environ.get(BOOK_ENV):
        myst_glue(name, variable, display)
    elif isinstance(variable, (str, numbers.Number)):
        myst_glue(name, variable, display=False)
        show({"text/plain": compact(name, format_display_data(variable)[0]["text/plain"])}, raw=True)
    else:
        myst_glue(name, variable, display=True)
        if _is_chart(variable):
            link = data_link(variable.to_dict())
            if link:
                show(HTML(link))


def glue_figure(name: str, ref: str, text: str) -> None:
    """Glue ``text``, a number as the prose writes it, as showing the figure ``ref`` (an id of
    ``data/``: see ``provenance.sourced``), for ``{glue:text}`name```."""
    glue(name, sourced(text, ref), display=False)


def compact(name: str, plain: str) -> str:
    """``name = value``, from the value's ``text/plain`` as glued, written as ``{glue:text}`` writes it."""
    # Imported here: myst_nb.core.variables pulls in myst-nb's renderer and its execution cache
    # (SQLAlchemy), nearly a second of every book kernel's start, and only a live kernel needs it.
    from myst_nb.core.variables import format_plain_text

    return f"{name} = {format_plain_text(plain, '')}"


def _is_chart(variable: Any) -> bool:
    altair = sys.modules.get("altair")  # a chart exists only if Altair was imported
    return altair is not None and isinstance(variable, altair.TopLevelMixin)
