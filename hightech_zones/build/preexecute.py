"""Run the chapters that need running, two at a time, before the editions' Sphinx builds read them.

Within a Sphinx build under Jupyter Book 1, myst-nb executes the chapters one after another while
Sphinx waits; ``make html`` runs the two editions side by side, but each of their processes still
alternates between a kernel working and Sphinx working. This step runs every chapter that has no
result in its edition's execution cache first, in a pool of one process per core (two here), and
stores each result in that cache exactly as myst-nb would; the builds then find every result there.

What needs running is decided as the build decides it:

* a chapter whose code has no match in the edition's cache (jupyter-cache matches a notebook by its
  code), and
* a chapter whose inputs (the data it loads, the package modules it imports) changed since the
  edition last built (``freshness.py``): its cached result is dropped first, as the build's own hook
  would drop it, and a note (``freshness.PREEXECUTED``) tells that hook the new result is
  already for the new inputs.

Each kernel gets the environment the build's kernels get: the book's flag and the edition's language.
A chapter that fails here is left uncached: the build then runs it itself and reports the error
exactly as it always does, so a bad data file still stops the build with its one clear message.

    python -m hightech_zones.build.preexecute en zh_CN
"""
from __future__ import annotations

import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import yaml

from hightech_zones.book import freshness
from hightech_zones.build.editions import ROOT
from hightech_zones.language import ENGLISH
from hightech_zones.language import ENV as LANGUAGE_ENV
from hightech_zones.output.bundles import BOOK_ENV


def cache_path(language: str, book: Path = ROOT) -> Path:
    """The edition's execution cache (see editions.py and _config.yml)."""
    build = book / "_build"
    return build / ".jupyter_cache" if language == ENGLISH else build / language / "_build" / ".jupyter_cache"


def chapters(book: Path = ROOT) -> dict[str, Path]:
    """The pages of the table of contents, by docname ('chapters/audit'), as Sphinx names them."""
    toc = yaml.safe_load((book / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]] + [c["file"] for part in toc.get("parts", []) for c in part["chapters"]]
    return {name: book / f"{name}.md" for name in names}


def read(path: Path):
    from myst_nb.core.read import read_myst_markdown_notebook

    return read_myst_markdown_notebook(path.read_text(encoding="utf-8"), path=path)


def to_run(language: str, book: Path = ROOT) -> tuple[list[Path], dict[str, str]]:
    """The chapters with no result in the edition's cache, once the results whose inputs changed are
    dropped; and the new inputs' digest of the chapters whose inputs changed."""
    from jupyter_cache import get_cache

    stamp = cache_path(language, book).parent / freshness.STAMP
    known = json.loads(stamp.read_text()) if stamp.is_file() else {}
    pages = chapters(book)
    now = {doc: freshness.chapter_digest(path, book) for doc, path in pages.items()}
    changed = {doc: digest for doc, digest in now.items() if known.get(doc) != digest}
    cache = get_cache(cache_path(language, book))
    freshness.drop_results(cache, [pages[doc] for doc in changed], book)
    missing = []
    for path in pages.values():
        try:
            cache.match_cache_notebook(read(path))
        except KeyError:
            missing.append(path)
    return missing, changed


def _execute(task: tuple[str, str, int]) -> tuple[str, str, dict | None, float]:
    """In a pool process: run one chapter as the edition's build would."""
    from jupyter_cache.executors.utils import single_nb_execution

    path, language, timeout = task
    os.environ[BOOK_ENV] = "1"
    os.environ[LANGUAGE_ENV] = language
    try:
        notebook = read(Path(path))
        result = single_nb_execution(notebook, cwd=str(Path(path).parent), timeout=timeout, allow_errors=False)
    except Exception:  # a dead kernel, say: the build runs the chapter again and reports it
        return path, language, None, 0.0
    return path, language, None if result.err else notebook, result.time


def main(languages: list[str], book: Path = ROOT) -> int:
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    config = yaml.safe_load((book / "_config.yml").read_text(encoding="utf-8"))["execute"]
    if config.get("execute_notebooks") != "cache":
        return 0
    tasks, changed = [], {}
    for language in languages:
        missing, changed[language] = to_run(language, book)
        tasks += [(str(path), language, config.get("timeout", 300)) for path in missing]
        # Every result left for a chapter whose inputs changed is made below, for the new inputs.
        note = cache_path(language, book).parent / freshness.PREEXECUTED
        note.write_text(json.dumps(changed[language], indent=1, sort_keys=True))
    if not tasks:
        return 0
    tasks.sort(key=lambda t: -Path(t[0]).stat().st_size)  # the longest first: the pool ends together
    start, failed = time.perf_counter(), []
    with ProcessPoolExecutor(max_workers=min(len(tasks), os.cpu_count() or 1)) as pool:
        for path, language, notebook, seconds in pool.map(_execute, tasks):
            if notebook is None:
                failed.append(f"{Path(path).name} ({language})")
                continue
            # As myst-nb logs a run (make bench counts these lines).
            print(f"{path} ({language}): Executed notebook in {seconds:.2f} seconds [preexecute]", flush=True)
            get_cache(cache_path(language, book)).cache_notebook_bundle(
                CacheBundleIn(notebook, path, data={"execution_seconds": seconds}),
                check_validity=False, overwrite=True)
    print(f"preexecute: {len(tasks) - len(failed)} of {len(tasks)} chapters run before the build, "
          f"{os.cpu_count()} at a time, in {time.perf_counter() - start:.1f} s"
          + (f"; the build runs and reports {', '.join(failed)}" if failed else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], ROOT))
