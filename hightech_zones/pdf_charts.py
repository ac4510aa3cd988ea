"""Charts in the PDF: each drawn as a PNG from its Vega-Lite spec, when the LaTeX builder asks.

The book's chapters output each chart as HTML for the web and as its bare spec
(``SPEC_MIME``). Drawing a PNG costs about half a second a chart, and only the PDF needs
one, so the HTML build never pays for it: this myst-nb mime-render plugin (registered in
``pyproject.toml`` under ``myst_nb.mime_renderers``) draws it while the PDF is written,
and keeps it under a name made from the spec, so an unchanged chart is drawn once.
"""
from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

from .outputs import SPEC_MIME, png


class PrintCharts:
    """Draw :data:`SPEC_MIME` outputs as images for LaTeX; leave every other builder alone."""

    mime_priority_overrides = [("latex", SPEC_MIME, 5)]

    @staticmethod
    def handle_mime(renderer, data, inline):
        if data.mime_type != SPEC_MIME or renderer.renderer.sphinx_env is None:
            return None
        from myst_nb.core.render import MimeData

        spec = data.content if isinstance(data.content, dict) else json.loads(data.content)
        name = "chart-" + hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:16] + ".png"
        folder = renderer.config.output_folder
        drawn = Path(folder, name) if folder else None
        image = drawn.read_bytes() if drawn is not None and drawn.is_file() else png(spec)
        nodes = renderer.render_image(MimeData(
            "image/png", base64.b64encode(image).decode("ascii"), cell_metadata=data.cell_metadata,
            output_metadata={}, cell_index=data.cell_index, output_index=data.output_index, line=data.line))
        if drawn is not None and not drawn.is_file():
            drawn.parent.mkdir(parents=True, exist_ok=True)
            drawn.write_bytes(image)
        if spec.get("description"):
            for node in nodes:
                node["alt"] = spec["description"]
        return nodes
