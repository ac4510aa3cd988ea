"""An edited data file re-executes the chapters instead of serving stale numbers from the cache."""
from __future__ import annotations

import shutil
from types import SimpleNamespace

from conftest import DATA
from hightech_zones.freshness import inputs_digest, refresh_if_inputs_changed


def fake_build(tmp_path):
    book = tmp_path / "book"
    shutil.copytree(DATA, book / "data")
    cache = tmp_path / "_build" / ".jupyter_cache"
    cache.mkdir(parents=True)
    (cache / "outputs").write_text("cached")
    env = SimpleNamespace(mystnb_config=SimpleNamespace(execution_cache_path=str(cache)),
                          found_docs={"chapters/a", "chapters/b"})
    return SimpleNamespace(srcdir=str(book)), env, book, cache


def test_a_data_edit_empties_the_cache_and_rereads_every_page(tmp_path):
    app, env, book, cache = fake_build(tmp_path)
    assert refresh_if_inputs_changed(app, env, set(), set(), set()) == ["chapters/a", "chapters/b"]
    cache.mkdir(exist_ok=True)
    (cache / "outputs").write_text("cached")
    assert refresh_if_inputs_changed(app, env, set(), set(), set()) == []  # nothing changed
    assert (cache / "outputs").exists()
    path = book / "data" / "figures.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("505.7", "505.8"), encoding="utf-8")
    assert refresh_if_inputs_changed(app, env, set(), set(), set()) == ["chapters/a", "chapters/b"]
    assert not (cache / "outputs").exists()


def test_digest_covers_data_files(tmp_path):
    app, env, book, cache = fake_build(tmp_path)
    before = inputs_digest(book)
    (book / "data" / "units.csv").write_text("changed", encoding="utf-8")
    assert inputs_digest(book) != before
