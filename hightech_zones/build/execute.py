"""Run each chapter once, in one kernel, for both editions, before their Sphinx builds read it.

The editions differ only in the words of their outputs (chart text, glued text, table headers), so a
chapter's kernel need start and import the book's code only once. Here one kernel per chapter runs
its cells for the Chinese edition, clears its namespace (``%reset``: the imported modules stay),
switches the language (``language.py``) and runs them again for the English one. Each edition's
notebook goes into that edition's execution cache exactly as myst-nb would store it, so the two
Sphinx builds that follow execute nothing: they read their outputs and run side by side. Two
chapters run at a time, one per core.

What needs running is decided as the build decides it:

* a chapter whose code has no match in an edition's cache (jupyter-cache matches a notebook by its
  code), and
* a chapter whose inputs (the data it loads, the package modules it imports) changed since that
  edition last built (``book/freshness.py``): its cached results are dropped first, as the build's
  own hook would drop them, and a note (``freshness.RAN_AHEAD``) tells that hook the new results
  are already for the new inputs.

A chapter that fails here is left uncached: the edition's build then runs it itself and reports the
error as it always does, so a bad data file still stops the build with its one clear message.

    python -m hightech_zones.build.execute en zh_CN
"""
from __future__ import annotations

import copy
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import yaml

from hightech_zones.book import freshness
from hightech_zones.build.editions import ROOT
from hightech_zones.language import CHINESE, ENGLISH
from hightech_zones.language import ENV as LANGUAGE_ENV
from hightech_zones.output.bundles import BOOK_ENV

KERNEL = "hightech_zones_kernel"  # in a cache record's data: the session id of the kernel that ran it
# Run in the kernel before each edition's pass; it leaves no name behind in the chapter's namespace.
SWITCH = "__import__('os').environ[{env!r}] = {lang!r}\nget_ipython().reset(new_session=False)"


def cache_path(language: str, book: Path = ROOT) -> Path:
    """The edition's execution cache, where Jupyter Book puts it under the edition's output folder."""
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


def to_run(languages: list[str], book: Path = ROOT) -> tuple[list[Path], dict[str, dict[str, str]]]:
    """The chapters without a result in some edition's cache, once the results whose inputs changed are
    dropped; and, by edition, the new inputs' digest of each chapter whose inputs changed."""
    from jupyter_cache import get_cache

    pages = chapters(book)
    memo = cache_path(ENGLISH, book).parent / freshness.MEMO  # what the last build parsed, by text
    freshness._MEMO.load(memo, freshness.PACKAGE)
    now = {doc: freshness.chapter_digest(path, book) for doc, path in pages.items()}
    notebooks = {doc: read(path) for doc, path in pages.items()}
    missing, changed = set(), {}
    for language in languages:
        stamp = cache_path(language, book).parent / freshness.STAMP
        known = json.loads(stamp.read_text()) if stamp.is_file() else {}
        changed[language] = {doc: digest for doc, digest in now.items() if known.get(doc) != digest}
        cache = get_cache(cache_path(language, book))
        freshness.drop_results(cache, [pages[doc] for doc in changed[language]], book)
        for doc, notebook in notebooks.items():
            try:
                cache.match_cache_notebook(notebook)
            except KeyError:
                missing.add(doc)
    return [pages[doc] for doc in pages if doc in missing], changed


def run(paths: list[str], languages: list[str], timeout: int) -> list[tuple[str, dict | None, str, float]]:
    """In a pool process: these chapters, one after another in one kernel, each executed once per
    edition (the English pass last); for each, its notebooks by edition (None if it failed), the
    kernel's session id, which each edition's cache record keeps (a test checks they agree), and the
    seconds its passes took."""
    from nbclient import NotebookClient

    os.environ[BOOK_ENV] = "1"
    client = NotebookClient(read(Path(paths[0])), timeout=timeout, allow_errors=False, record_timing=False,
                            resources={"metadata": {"path": str(Path(paths[0]).parent)}}, shutdown_kernel="immediate")
    results = []
    with client.setup_kernel():
        reply = client.wait_for_reply(client.kc.kernel_info())
        for path in paths:
            start, done = time.perf_counter(), {}
            try:
                notebook = read(Path(path))
                for language in sorted(languages, key=lambda lang: lang == ENGLISH):
                    switch = client.kc.execute(SWITCH.format(env=LANGUAGE_ENV, lang=language), store_history=False)
                    if client.wait_for_reply(switch)["content"]["status"] != "ok":
                        raise RuntimeError(f"{path}: the kernel did not switch to {language}")
                    client.nb = done[language] = copy.deepcopy(notebook)
                    client.nb.metadata["language_info"] = reply["content"]["language_info"]
                    code = [(index, cell) for index, cell in enumerate(client.nb.cells) if cell.cell_type == "code"]
                    for count, (index, cell) in enumerate(code, start=1):
                        client.execute_cell(cell, index, execution_count=count)
            except Exception:  # an error in a cell, a dead kernel: the edition's build runs it and reports
                done = None
            results.append((path, done, reply["header"]["session"], time.perf_counter() - start))
    return results


def main(languages: list[str], book: Path = ROOT) -> int:
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    config = yaml.safe_load((book / "_config.yml").read_text(encoding="utf-8"))["execute"]
    languages = [lang for lang in (CHINESE, ENGLISH) if lang in languages]
    if config.get("execute_notebooks") != "cache" or not languages:
        return 0
    missing, changed = to_run(languages, book)
    for language in languages:  # every result left for a changed chapter is made below, for its new inputs
        note = cache_path(language, book).parent / freshness.RAN_AHEAD
        note.parent.mkdir(parents=True, exist_ok=True)
        note.write_text(json.dumps(changed[language], indent=1, sort_keys=True))
    if not missing:
        return 0
    # Two kernels, one per core, each running its share of the chapters (the longest first).
    workers = min(len(missing), os.cpu_count() or 1)
    shares = [[str(p) for p in sorted(missing, key=lambda p: -p.stat().st_size)[i::workers]] for i in range(workers)]
    start, failed = time.perf_counter(), []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        ran = pool.map(run, shares, [languages] * workers, [config.get("timeout", 300)] * workers)
        for path, done, kernel, seconds in (chapter for share in ran for chapter in share):
            if done is None:
                failed.append(Path(path).name)
                continue
            # As myst-nb logs a run (make bench counts these lines): one line per chapter.
            print(f"{path}: Executed notebook in {seconds:.2f} seconds [{' and '.join(languages)}]", flush=True)
            for language, notebook in done.items():
                get_cache(cache_path(language, book)).cache_notebook_bundle(
                    CacheBundleIn(notebook, path, data={"execution_seconds": seconds, KERNEL: kernel}),
                    check_validity=False, overwrite=True)
    print(f"make html: {len(missing) - len(failed)} of {len(missing)} chapters run, each once for "
          f"{' and '.join(languages)}, in {workers} kernels side by side, in {time.perf_counter() - start:.1f} s"
          + (f"; the build runs and reports {', '.join(failed)}" if failed else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], ROOT))
