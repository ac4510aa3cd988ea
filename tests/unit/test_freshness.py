"""A chapter re-executes when, and only when, the data it loads or the modules it imports change.

The checks run the Sphinx hook on a scratch book (copies of the data and of this package) with a
real jupyter-cache holding one record per chapter, as myst-nb leaves it after a build.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
from conftest import DATA, ROOT
from jupyter_cache import get_cache

from hightech_zones.book.freshness import (
    chapter_inputs,
    module_digest,
    pages_read_since_written,
    refresh_if_inputs_changed,
)

CHAPTERS = {
    # a chapter that draws capacity charts from the figures
    "capacity": 'from hightech_zones import load\n'
                'from hightech_zones.charts.capacity import index_levels_chart\n'
                'figures = load("figures")',
    # a chapter that lists the glossary with a table
    "glossary": 'from hightech_zones import load\nfrom hightech_zones.output.tables import table\n'
                'glossary = load("glossary")',
    # a chapter whose resource is only known when it runs
    "anything": 'from hightech_zones import load\nname = "units"\nunits = load(name)',
}


def write_chapter(path: Path, code: str) -> None:
    path.write_text(f"# {path.stem}\n\n```{{code-cell}} ipython3\n---\ntags: [hide-input]\n---\n{code}\n```\n",
                    encoding="utf-8")


@pytest.fixture
def book(tmp_path):
    """A book with the real data, a copy of the package, three chapters, and every chapter cached."""
    root = tmp_path / "book"
    shutil.copytree(DATA, root / "data")
    package = shutil.copytree(ROOT / "hightech_zones", root / "hightech_zones",
                              ignore=shutil.ignore_patterns("__pycache__"))
    (root / "chapters").mkdir()
    for name, code in CHAPTERS.items():
        write_chapter(root / "chapters" / f"{name}.md", code)
    cache_path = tmp_path / "_build" / ".jupyter_cache"
    env = SimpleNamespace(mystnb_config=SimpleNamespace(execution_cache_path=str(cache_path)),
                          found_docs={f"chapters/{n}" for n in CHAPTERS},
                          doc2path=lambda doc: str(root / f"{doc}.md"))
    app = SimpleNamespace(srcdir=str(root))

    def build() -> list[str]:
        """The hook, then myst-nb's part: execute (here: cache) every chapter without a record."""
        outdated = refresh_if_inputs_changed(app, env, set(), set(), set(), package=package)
        cache = get_cache(cache_path)
        cached = {Path(r.uri).name for r in cache.list_cache_records()}
        for name in CHAPTERS:
            if f"{name}.md" not in cached:
                nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(name, execution_count=1)])
                nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
                cache.cache_notebook_bundle(SimpleNamespace(nb=nb, uri=str(root / "chapters" / f"{name}.md"),
                                                            artifacts=None, data={}), check_validity=False)
        return outdated

    assert build() == sorted(env.found_docs)  # the first build reads every chapter
    assert build() == []  # nothing changed
    return SimpleNamespace(root=root, package=package, build=build, cache=cache_path)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_data_edit_reruns_the_chapters_that_load_it(book):
    path = book.root / "data" / "figures.csv"
    edit(path, "505.7", "505.8")  # the stale-number case: the cached 505.7 must not be shown
    assert book.build() == ["chapters/anything", "chapters/capacity"]
    uris = {Path(r.uri).stem for r in get_cache(book.cache).list_cache_records()}
    assert uris == {"anything", "capacity", "glossary"}  # executed again (and cached) by the build


def test_a_data_edit_nobody_loads_reruns_only_what_cannot_be_known(book):
    edit(book.root / "data" / "context_figures.csv", "\n", "\n\n")
    assert book.build() == ["chapters/anything"]


def test_the_descriptor_reruns_every_chapter(book):
    edit(book.root / "data" / "datapackage.json", '"title"', '"title" ')
    assert book.build() == sorted(f"chapters/{n}" for n in CHAPTERS)


def test_a_module_edit_reruns_the_chapters_that_import_it(book):
    edit(book.package / "charts/capacity.py", "\nimport ", "\nimport math  # noqa\nimport ")
    assert book.build() == ["chapters/capacity"]
    edit(book.package / "output/tables.py", "return Table(frame, filename, anchors, in_print)",
         "return Table(frame, str(filename), anchors, in_print)")
    assert book.build() == ["chapters/glossary"]


def test_an_edit_to_a_module_everything_imports_reruns_everything(book):
    edit(book.package / "data/loader.py", "def data_dir() -> Path:", "def data_dir() -> Path:\n    pass")
    assert book.build() == sorted(f"chapters/{n}" for n in CHAPTERS)


def test_comments_and_docstrings_rerun_nothing(book):
    edit(book.package / "charts/capacity.py", "\nimport ", "\n# a comment\nimport ")
    edit(book.package / "data/loader.py", '"""', '"""A new first line of the docstring.\n\n')
    assert book.build() == []


def test_the_build_extension_is_no_input(book):
    edit(book.package / "book/__init__.py", "def setup(app):", "def setup(app):\n    app = app")
    assert book.build() == []


def test_inputs_follow_the_import_graph():
    modules, files = chapter_inputs(ROOT / "chapters" / "innovation_capacity.md", ROOT)
    assert {"charts.capacity", "charts.style", "data.loader", "data.checks"} <= set(modules)
    assert not [m for m in modules if m.startswith(("book", "build"))], modules
    assert DATA / "figures.csv" in files and DATA / "datapackage.json" in files


def test_module_digest_ignores_layout(tmp_path):
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_text('"""Doc."""\nx = 1  # one\n', encoding="utf-8")
    b.write_text("\n\nx = 1\n", encoding="utf-8")
    assert module_digest(a) == module_digest(b)
    b.write_text("x = 2\n", encoding="utf-8")
    assert module_digest(a) != module_digest(b)


def test_the_cards_are_made_again_when_their_data_or_code_changes(book):
    """The provenance cards' file is skipped on a rebuild only while this digest holds."""
    from hightech_zones.book.freshness import code_digest

    code = "import hightech_zones.book.cards"
    before = code_digest(code, book.root, book.package)
    edit(book.package / "analysis/provenance.py", '"""', '"""An edited docstring: no change.\n', )
    assert code_digest(code, book.root, book.package) == before
    edit(book.root / "data" / "figures.csv", "\n", "\n\n")  # figures.csv is what the cards show
    after = code_digest(code, book.root, book.package)
    assert after != before
    edit(book.package / "analysis/provenance.py", "\nimport", "\nFORCE = 1\nimport")
    assert code_digest(code, book.root, book.package) != after


def test_a_moved_book_still_drops_the_outputs_of_what_changed(book, tmp_path):
    """The cache's records name notebooks by absolute path: a book moved (or its _build copied from
    another checkout) must still lose the outputs of a chapter whose module changed."""
    moved = book.root.rename(tmp_path / "moved")
    edit(moved / "hightech_zones" / "charts" / "capacity.py", "\nimport ", "\nimport math  # noqa\nimport ")
    env = SimpleNamespace(mystnb_config=SimpleNamespace(execution_cache_path=str(book.cache)),
                          found_docs={f"chapters/{n}" for n in CHAPTERS},
                          doc2path=lambda doc: str(moved / f"{doc}.md"))
    outdated = refresh_if_inputs_changed(SimpleNamespace(srcdir=str(moved)), env, set(), set(), set(),
                                         package=moved / "hightech_zones")
    assert outdated == ["chapters/capacity"]
    left = sorted(Path(r.uri).name for r in get_cache(book.cache).list_cache_records())
    assert left == ["anything.md", "glossary.md"]


def test_a_page_the_pdf_build_read_again_is_written_again_in_html(tmp_path):
    """The PDF build shares the doctrees: a page it re-read is newer than its HTML, so HTML re-reads it."""
    html = tmp_path / "html"
    (html / "chapters").mkdir(parents=True)
    for name in ("a", "b"):
        (html / "chapters" / f"{name}.html").write_text("old", encoding="utf-8")
    written = (html / "chapters" / "a.html").stat().st_mtime_ns // 1000
    builder = SimpleNamespace(format="html", get_outfilename=lambda doc: str(html / f"{doc}.html"))
    env = SimpleNamespace(all_docs={"chapters/a": written + 5_000_000, "chapters/b": written - 5_000_000,
                                    "chapters/new": written + 5_000_000})
    app = SimpleNamespace(builder=builder)
    assert pages_read_since_written(app, env, set(), set(), set()) == ["chapters/a"]
    assert pages_read_since_written(app, env, set(), {"chapters/a"}, set()) == []  # already re-read
    app.builder = SimpleNamespace(format="latex")
    assert pages_read_since_written(app, env, set(), set(), set()) == []


def test_a_changed_stylesheet_reaches_the_site_though_no_page_was_written(tmp_path):
    """Sphinx copies static files only when it writes a page; the book's hook copies what differs."""
    from types import SimpleNamespace

    from hightech_zones.book.html import _publish_static

    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "book.css").write_text("p { color: red; }", encoding="utf-8")
    site = tmp_path / "out"
    (site / "_static").mkdir(parents=True)
    (site / "_static" / "book.css").write_text("p { color: blue; }", encoding="utf-8")
    app = SimpleNamespace(config=SimpleNamespace(html_static_path=["_static"]), confdir=str(tmp_path),
                          outdir=str(site), builder=SimpleNamespace(format="html"))
    _publish_static(app, None)
    assert (site / "_static" / "book.css").read_text(encoding="utf-8") == "p { color: red; }"
