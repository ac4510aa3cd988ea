"""pytest plugin: leave out the tests that read a built book, for a quick run without one.

`PYTHONPATH=tests python -m pytest -p no_build tests/test_loader.py ...`: a test that asks for the
book built by `make html` (`built_html`) or builds one itself (`fresh_build`) is deselected, and
pytest's summary counts it as such. tests/test_pythons.py runs the unit tests this way.
"""
from __future__ import annotations

NEEDS_A_BUILD = {"built_html", "fresh_build"}


def pytest_collection_modifyitems(config, items):
    left_out = [item for item in items if NEEDS_A_BUILD & set(getattr(item, "fixturenames", ()))]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if item not in left_out]
