"""A fresh clone sets up and runs on each supported Python this machine has (tests/pythons.py)."""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT
from pythons import all_names, fake_path, machine_pythons, make_env, probe, supported

from hightech_zones.build.workspace import copy_project
from hightech_zones.output.bundles import BOOK_ENV

# Tests of the fast tier (`make check`, tests/unit). Left out:
# the Hypothesis and live-kernel tests, slow and about the project's code more than the Python.
UNIT_TESTS = ["test_data_package.py", "test_loader.py", "test_audit.py", "test_capacity.py",
              "test_chart_builders.py", "test_findings.py", "test_corrections.py", "test_fonts.py",
              "test_profiles.py", "test_reference.py", "test_helpers.py", "test_freshness.py",
              "test_supply_chain.py"]
# The chapter with the most charts, run top to bottom as a reader's notebook (as in
# test_notebooks.py, whose own test also compares it with the built book), in the new
# environment's kernel, which then says which Python it is.
CHAPTER = "chapters/innovation_capacity.md"
RUN_CHAPTER = """
import sys, jupytext, nbformat
from nbclient import NotebookClient
nb = jupytext.read(sys.argv[1])
nb.cells.append(nbformat.v4.new_code_cell("import sys; print('%d.%d' % sys.version_info[:2])"))
NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=False,
               resources={"metadata": {"path": "chapters"}}).execute()
stderr = [o["text"] for cell in nb.cells for o in cell.get("outputs", []) if o.get("name") == "stderr"]
assert not stderr, stderr
print("kernel:", nb.cells[-1].outputs[0]["text"].strip())
"""


def not_found(version: str) -> str:
    where = f"no working python{version} on PATH" + (", none in pyenv" if shutil.which("pyenv") else "")
    return f"Python {version} is not on this machine ({where}): not tried"


@dataclass
class SetUp:
    """`make check-data` under way in a scratch copy of the project, on a PATH with one Python."""
    book: Path
    env: dict[str, str]
    started: float
    process: subprocess.Popen
    log: Path


def start_set_up(folder: Path, version: str, python: Path) -> SetUp:
    book = copy_project(ROOT, folder / "book")
    # Only this version works, as python3.X and as python3; the other versions are failing shims.
    names = {**all_names(), f"python{version}": python, "python3": python}
    # pip leaves out byte-compiling the ~180 packages: Python compiles what the tests import.
    # The packages installed are the same.
    env = {**make_env(fake_path(folder / "bin", names)), "PIP_NO_COMPILE": "1"}
    log = folder / "set-up.log"
    with log.open("w") as out:
        process = subprocess.Popen(["make", "--no-print-directory", "check-data"], cwd=book, env=env,
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    return SetUp(book, env, time.monotonic(), process, log)


@pytest.fixture(scope="module")
def set_ups(request, tmp_path_factory):
    """The set-ups of every version the session will test, all started at once.

    Each is mostly pip, which keeps one core busy: side by side they share the machine's.
    """
    wanted = {item.callspec.params["version"] for item in request.session.items
              if getattr(item, "originalname", "") == "test_a_fresh_clone_sets_up_and_runs_on_a_machine_with_only"}
    started = {version: start_set_up(tmp_path_factory.mktemp(f"python{version}"), version, python)
               for version, python in machine_pythons().items() if version in wanted}
    yield started
    for set_up in started.values():
        if set_up.process.poll() is None:
            os.killpg(set_up.process.pid, signal.SIGTERM)
            set_up.process.wait()
        shutil.rmtree(set_up.book / ".venv", ignore_errors=True)  # about 1 GB a version


@pytest.mark.make
@pytest.mark.parametrize("version", supported())
def test_a_fresh_clone_sets_up_and_runs_on_a_machine_with_only(version, set_ups, tmp_path):
    if version not in set_ups:
        pytest.skip(not_found(version))
    set_up = set_ups[version]
    returncode = set_up.process.wait(timeout=1800)
    seconds = time.monotonic() - set_up.started
    output = set_up.log.read_text(encoding="utf-8", errors="replace")
    assert returncode == 0, f"make check-data failed on Python {version}:\n{output[-4000:]}"
    assert f"make: setting up .venv with {set_up.env['PATH'].split(os.pathsep)[0]}/python{version}\n" in output
    python = set_up.book / ".venv" / "bin" / "python"
    assert probe(python)[0] == version

    env = {**set_up.env}
    env.pop(BOOK_ENV, None)  # a reader's kernel, not the book's
    tests = subprocess.run([str(python), "-m", "pytest", "-q", *(f"tests/unit/{t}" for t in UNIT_TESTS)],
                           cwd=set_up.book, env=env, capture_output=True, text=True, timeout=1800)
    assert tests.returncode == 0, f"the tests failed on Python {version}:\n{tests.stdout[-6000:]}"
    assert re.search(r"^\d{3,} passed", tests.stdout.splitlines()[-1]), tests.stdout[-2000:]
    chapter = subprocess.run([str(python), "-c", RUN_CHAPTER, CHAPTER], cwd=set_up.book, env=env,
                             capture_output=True, text=True, timeout=900)
    assert chapter.returncode == 0, f"{CHAPTER} failed on Python {version}:\n{chapter.stderr[-6000:]}"
    assert chapter.stdout.splitlines()[-1] == f"kernel: {version}"
    print(f"Python {version}: set-up and data check ready within {seconds:.0f} s of its start; "
          f"{tests.stdout.splitlines()[-1]}; {CHAPTER} ran")
