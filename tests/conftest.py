"""Shared fixtures: the repository, a scratch copy of its data, and one fresh build of the book."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
BUILD = ROOT / "_build" / "html"
BIN = Path(sys.executable).parent


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A scratch copy of data/ that the loader reads instead of the real one."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    monkeypatch.setenv("HIGHTECH_ZONES_DATA", str(copy))
    return copy


@pytest.fixture(scope="session")
def built_html() -> Path:
    """The book built by `make html` (make test runs it first)."""
    if not (BUILD / "index.html").is_file():
        pytest.fail("_build/html is missing: run the tests through `make test`")
    return BUILD


@pytest.fixture(scope="session")
def fresh_build(tmp_path_factory) -> subprocess.CompletedProcess:
    """A from-scratch build (own execution cache), warnings as errors, every page re-read."""
    out = tmp_path_factory.mktemp("fresh")
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    proc = subprocess.run(
        [str(BIN / "jupyter-book"), "build", str(ROOT), "-W", "-n", "--keep-going", "--all",
         "--path-output", str(out)],
        capture_output=True, text=True, env=env, cwd=ROOT)
    proc.html = out / "_build" / "html"
    return proc
