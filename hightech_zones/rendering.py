"""What the chart renderer and the Sphinx extension must agree on; light, so the book build can import it cheaply."""

VL_VERSION = "6.4"  # the Vega-Lite version of the pinned Altair; the shipped bundle matches it
BOOK_ENV = "HIGHTECH_ZONES_BOOK"  # set by the Sphinx extension while the book executes
