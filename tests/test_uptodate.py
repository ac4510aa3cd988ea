"""`make html` skips the build only when no file the book is made from changed (hightech_zones.build.uptodate)."""
from __future__ import annotations

import os

import pytest

from hightech_zones.build import uptodate

ARGS = ["en", "zh_CN", "-W"]


@pytest.fixture
def book(tmp_path, monkeypatch):
    """A book's tree, built once: a chapter, data, a package module, and a site for both editions."""
    for name, text in {"chapters/a.md": "# A\n", "data/x.csv": "id\n1\n", "hightech_zones/m.py": "X = 1\n",
                       "_config.yml": "title: t\n", "_build/html/index.html": "<html/>",
                       "_build/html/zh_CN/index.html": "<html/>"}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    stamp = tmp_path / "_build" / ".html-built"
    assert uptodate.main(["check", str(stamp), *ARGS]) == 1  # never built
    uptodate.main(["start", str(stamp), *ARGS])
    assert uptodate.main(["check", str(stamp), *ARGS]) == 1  # a build under way is not a good build
    uptodate.main(["done", str(stamp)])
    return tmp_path


def current(book, args=ARGS) -> bool:
    return uptodate.main(["check", str(book / "_build" / ".html-built"), *args]) == 0


def test_nothing_changed_is_current(book):
    assert current(book)


@pytest.mark.parametrize("edit", [
    lambda b: (b / "chapters/a.md").write_text("# A, edited\n", encoding="utf-8"),
    lambda b: (b / "data/x.csv").write_text("id\n2\n", encoding="utf-8"),
    lambda b: (b / "hightech_zones/m.py").write_text("X = 2\n", encoding="utf-8"),
    lambda b: (b / "chapters/b.md").write_text("# B\n", encoding="utf-8"),
    lambda b: (b / "chapters/a.md").unlink(),
    # an older copy put back (same size, its own earlier time)
    lambda b: os.utime(b / "data/x.csv", ns=(0, 0)),
    lambda b: (b / "_build/html/zh_CN/index.html").unlink(),
], ids=["chapter", "data", "module", "new file", "deleted file", "older copy restored", "edition missing"])
def test_any_change_to_what_the_book_is_made_from_builds_again(book, edit):
    edit(book)
    assert not current(book)


def test_other_arguments_build_again(book):
    assert not current(book, ["en", "-W"])


@pytest.mark.parametrize("path", ["_build/html/extra.html", "tests/test_x.py", "hightech_zones/__pycache__/m.pyc",
                                  ".pytest_cache/v", "build.log"])
def test_what_the_build_writes_and_the_tests_are_not_inputs(book, path):
    (book / path).parent.mkdir(parents=True, exist_ok=True)
    (book / path).write_text("x", encoding="utf-8")
    assert current(book)
