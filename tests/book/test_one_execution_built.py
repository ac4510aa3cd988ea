"""Each chapter runs once, in one kernel, for both editions (issue 24).

``make html`` runs every chapter before the editions' Sphinx builds (``build/execute.py``): one kernel
per chapter, its cells run for the Chinese edition and then, after ``%reset``, for the English one.
Each edition's execution cache keeps the session id of the kernel that made its result. Were a
chapter run by an edition's own build, or by a kernel of its own, the two would differ or be missing.
"""
from __future__ import annotations

import pytest
from conftest import ROOT

from hightech_zones.build.execute import KERNEL, cache_path, chapters, read
from hightech_zones.language import CHINESE, ENGLISH


@pytest.mark.parametrize("doc", sorted(chapters(ROOT)))
def test_both_editions_read_one_kernels_result(built_html, doc):
    from jupyter_cache import get_cache

    notebook = read(chapters(ROOT)[doc])
    kernels = {}
    for language in (ENGLISH, CHINESE):
        try:
            record = get_cache(cache_path(language, ROOT)).match_cache_notebook(notebook)
        except KeyError:
            pytest.fail(f"{doc}: no result in the {language} edition's execution cache: run `make html`")
        kernels[language] = record.data.get(KERNEL)
    assert kernels[ENGLISH], f"{doc}: the English edition's build ran it, not make html's one execution"
    assert kernels[ENGLISH] == kernels[CHINESE], f"{doc}: the editions' results came from two kernels"
