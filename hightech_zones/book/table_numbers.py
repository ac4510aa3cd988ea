"""Tables placed with ``{glue:figure}`` are numbered as tables (Table 7.1, 表 7.1), not as figures.

myst-nb has one directive that places a glued output with a caption, ``glue:figure``, and it makes a
docutils ``figure``, which Sphinx numbers in the figures' sequence: without this module a table reads
"Fig. 7.1". The book names every glued table ``tbl-…`` (and every chart ``fig-…``). This read
transform turns a figure named ``tbl-…`` into a :class:`table_figure`, which Sphinx numbers in the
tables' sequence (``numfig_format["table"]``: "Table %s", 表 %s in the Chinese edition) and which
HTML draws exactly as a figure. In LaTeX it floats as a ``table``, so its caption reads "Table" with
the table counter; ``latex._unfloat_table`` captions an unfloated one with ``\\captionof{table}``.
No configuration option does this: Sphinx decides a node's number sequence by its class alone.
"""
from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform

PREFIX = "tbl-"  # the book's name for a glued table; a chart is "fig-…"


class table_figure(nodes.figure):  # noqa: N801 (docutils names node classes in lower case)
    """A captioned, glued table: a figure in every writer, numbered with the tables."""


def is_table(node: nodes.Node) -> bool:
    return isinstance(node, table_figure)


class NumberGluedTablesAsTables(SphinxTransform):
    """Before Sphinx collects labels and numbers (both after reading), re-class ``tbl-`` figures."""

    default_priority = 900

    def apply(self, **kwargs) -> None:
        for figure in list(self.document.findall(nodes.figure)):
            if type(figure) is not nodes.figure or not any(i.startswith(PREFIX) for i in figure["ids"]):
                continue
            table = table_figure(figure.rawsource, *figure.children, **figure.attributes)
            figure.replace_self(table)
            for node_id in table["ids"]:  # the label collector finds a label's node through these
                self.document.ids[node_id] = table


def _caption_text(node: nodes.Element) -> str:
    captions = [child for child in node if isinstance(child, nodes.caption)]
    return captions[0].astext() if captions else ""


def _visit_html(self, node):
    self.visit_figure(node)


def _depart_html(self, node):
    self.depart_figure(node)


def _visit_latex(self, node):
    start = len(self.body)
    self.visit_figure(node)
    self.body[start:] = [part.replace(r"\begin{figure}", r"\begin{table}") for part in self.body[start:]]
    self.context[-1] = self.context[-1].replace(r"\end{figure}", r"\end{table}")


def _depart_latex(self, node):
    self.depart_figure(node)


def setup(app) -> None:
    visitors = {"html": (_visit_html, _depart_html), "singlehtml": (_visit_html, _depart_html),
                "latex": (_visit_latex, _depart_latex), "text": (_visit_html, _depart_html)}
    app.add_enumerable_node(table_figure, "table", _caption_text, **visitors)
    app.add_transform(NumberGluedTablesAsTables)
