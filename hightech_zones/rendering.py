"""What the chart renderer and the Sphinx extension must agree on; light, so the book build can import it cheaply."""

VL_VERSION = "6.4"  # the Vega-Lite version of the pinned Altair; the shipped bundle matches it
BOOK_ENV = "HIGHTECH_ZONES_BOOK"  # set by the Sphinx extension while the book executes
# JupyterLab 4 draws Vega-Lite up to 5 itself, offline, with the Vega-Lite 5.6.1 it ships:
# tests/test_lab_vegalite.py reads that version from JupyterLab and checks every chart under it.
LAB_MIME = "application/vnd.vegalite.v5+json"
LAB_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.6.1.json"


def lab_spec(spec: dict) -> dict:
    """A chart's spec for JupyterLab: unchanged but for a v5 ``$schema`` (vega-embed warns on another major)."""
    return {**spec, "$schema": LAB_SCHEMA}


def lab_output(spec: dict, png: str) -> tuple[dict, dict]:
    """The bundle and metadata that JupyterLab draws a chart from: Vega-Lite 5, and the PNG beside it.

    No ``text/html``: JupyterLab would show it instead. Drawn as SVG and without vega-embed's
    menu of actions, as in the book (one of them opens an outside site).
    """
    return ({LAB_MIME: lab_spec(spec), "image/png": png},
            {LAB_MIME: {"embed_options": {"renderer": "svg", "actions": False}}})
