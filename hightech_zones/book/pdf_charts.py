"""Charts in the PDF: each drawn as a PNG from its Vega-Lite spec, when the LaTeX builder writes it.

The book's chapters output each chart as HTML for the web and as its bare spec
(``SPEC_MIME``). Drawing a PNG costs about half a second a chart, and only the PDF needs
one. myst-nb renders every mime type of an output when it reads a page (the doctree serves
every builder: the HTML and PDF builds share it), so this myst-nb mime-render plugin
(registered in ``pyproject.toml`` under ``myst_nb.mime_renderers``) only keeps the spec there,
in a :class:`print_chart` node; :class:`DrawPrintCharts`, a LaTeX-only post-transform, draws it
while the PDF is written, under a name made from the spec, so an unchanged chart is drawn once.
The HTML build, which picks each chart's HTML, never draws one.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from hightech_zones.output.bundles import PNG_SCALE, SPEC_MIME, png

# A chart prints at its web width shrunk by this percentage (a CSS pixel is 0.75 pt): its 11 px labels
# come out at about 7 pt beside 10 pt text, and a narrow chart stays narrow. Without a width, every chart
# filled the text width: the PNG's natural size (72 dpi) is wider, and LaTeX shrinks an image to fit.
PRINT_SCALE = 85


class print_chart(nodes.General, nodes.Element):
    """A chart for print: its spec (``spec``, JSON text) and its text alternative (``alt``)."""


def _skip(self, node) -> None:
    raise nodes.SkipNode


# Builders other than LaTeX drop the node with the mime type they do not choose; if one keeps it, it shows nothing.
VISITORS = {fmt: (_skip, None) for fmt in ("html", "latex", "text", "man", "texinfo")}


class PrintCharts:
    """Keep :data:`SPEC_MIME` outputs as :class:`print_chart` nodes; leave every other mime type alone."""

    mime_priority_overrides = [("latex", SPEC_MIME, 5)]

    @staticmethod
    def handle_mime(renderer, data, inline):
        if data.mime_type != SPEC_MIME or renderer.renderer.sphinx_env is None:
            return None
        spec = data.content if isinstance(data.content, dict) else json.loads(data.content)
        return [print_chart(spec=json.dumps(spec, sort_keys=True), alt=spec.get("description", ""))]


def chart_image(node: print_chart, folder: Path, srcdir: Path) -> nodes.image:
    """The chart as an image node, its PNG drawn into ``folder`` unless an earlier build drew it."""
    name = "chart-" + hashlib.sha256(node["spec"].encode()).hexdigest()[:16] + ".png"
    drawn = folder / name
    if not drawn.is_file():
        drawn.parent.mkdir(parents=True, exist_ok=True)
        drawn.write_bytes(png(json.loads(node["spec"])))
    uri = Path(os.path.relpath(drawn, srcdir)).as_posix()  # images are named from the source folder
    # The PNG's header gives its width (bytes 16-20, big-endian); drawn at PNG_SCALE pixels a CSS pixel.
    with drawn.open("rb") as f:
        width = int.from_bytes(f.read(24)[16:20], "big") // PNG_SCALE
    image = nodes.image(uri=uri, candidates={"image/png": uri}, width=f"{width}px", scale=PRINT_SCALE)
    if node.get("alt"):
        image["alt"] = node["alt"]
    return image


class DrawPrintCharts(SphinxPostTransform):
    """In the PDF, each chart chosen for print becomes its PNG."""

    default_priority = 10  # after myst-nb chose each output's mime type (4) and pasted cross-page glue (5)
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        folder, srcdir = Path(self.env.mystnb_config.output_folder), Path(self.env.srcdir)
        for node in list(self.document.findall(print_chart)):
            image = chart_image(node, folder, srcdir)
            # Images are collected while pages are read; this one is new, so the builder learns of it
            # here, to copy it beside the .tex file.
            self.env.images.add_file(self.env.config.root_doc, image["uri"])
            node.replace_self(image)


def setup(app) -> None:
    app.add_node(print_chart, **VISITORS)
    app.add_post_transform(DrawPrintCharts)
