"""Glued tables are numbered as tables and charts as figures, in both editions (table_numbers.py)."""
from __future__ import annotations

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from hightech_zones.book import table_numbers


def test_only_a_figure_named_tbl_becomes_a_table():
    document = new_document("test", get_default_settings(Parser))
    chart = nodes.figure("", nodes.caption(text="a chart"), ids=["fig-x"])
    table = nodes.figure("", nodes.caption(text="a table"), ids=["tbl-x"])
    document += [chart, table]
    document.ids.update({"fig-x": chart, "tbl-x": table})
    transform = table_numbers.NumberGluedTablesAsTables(document)
    transform.apply()
    chart_after, table_after = document.children
    assert type(chart_after) is nodes.figure
    assert table_numbers.is_table(table_after) and table_after["ids"] == ["tbl-x"]
    assert document.ids["tbl-x"] is table_after  # where Sphinx's label collector looks it up
    assert table_after.astext() == "a table"


