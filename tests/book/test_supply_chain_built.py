"""What is installed is what was pinned, checked by hash, and the book ships the pinned chart script."""
from __future__ import annotations

from hightech_zones.book.html import BUNDLE, bundle_source


def test_shipped_chart_script_is_the_pinned_bundle(built_html):
    shipped = (built_html / "_static" / BUNDLE).read_text(encoding="utf-8")
    assert shipped == bundle_source(), f"_static/{BUNDLE} is not the bundle of the installed vl-convert"


