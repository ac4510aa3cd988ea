"""The book sets itself up and runs on every Python that pyproject.toml supports, found by `make`.

`make` picks the interpreter itself (`make find-python`): the newest python3.X on PATH that
runs, or python3 if it is a supported one. The first tests run that choice on PATHs made for
the purpose, of this machine's real interpreters and of stand-ins for pyenv's shims: pyenv puts
one on PATH for every version it has installed, and those of versions not selected fail.

The last test is a fresh clone's first run on a machine that has only one supported version,
for each supported version this machine has: in a scratch copy of the project, `make check-data`
with no PYTHON flag makes a new environment (the pinned requirements, hash-checked) and checks
the data; then the tests that need no build, and one chapter as a notebook, run in it. A
supported version that the machine lacks is skipped, and pytest's summary says so: nothing
installs a Python for this test.

Shared by tests/unit/test_pythons.py, tests/e2e/test_pythons_e2e.py.
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from conftest import ROOT
from packaging.specifiers import SpecifierSet

# What a pyenv shim prints, and its status, for a version that is installed but not selected.
SHIM = '#!/bin/sh\necho "pyenv: ${0##*/}: command not found" >&2\nexit 127\n'
PROBE = "import sys; print('%d.%d' % sys.version_info[:2], getattr(sys, '_base_executable', sys.executable))"


def supported() -> list[str]:
    """The minor versions that pyproject.toml's requires-python admits, oldest first."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    spec = SpecifierSet(project["requires-python"])
    return [f"3.{minor}" for minor in range(100) if spec.contains(f"3.{minor}")]


def probe(python: str | Path) -> tuple[str, Path] | None:
    """The version and the real interpreter behind `python`, or None if it does not run."""
    try:
        out = subprocess.run([str(python), "-c", PROBE], capture_output=True, text=True, timeout=60)
    except OSError:
        return None
    if out.returncode != 0:
        return None
    version, executable = out.stdout.split(maxsplit=1)
    return version, Path(executable.strip())


def candidates(version: str) -> list[str]:
    """Where a machine may have Python `version`: python3.X on PATH, pyenv's copy of it."""
    found = [shutil.which(f"python{version}")]
    if shutil.which("pyenv"):
        prefix = subprocess.run(["pyenv", "prefix", version], capture_output=True, text=True)
        if prefix.returncode == 0:
            found.append(str(Path(prefix.stdout.strip()) / "bin" / f"python{version}"))
    return [c for c in found if c]


@functools.cache
def machine_pythons() -> dict[str, Path]:
    """Each supported version this machine really has, by its interpreter (this test's own included)."""
    found = {}
    for python in [*(c for v in supported() for c in candidates(v)), sys.executable]:
        result = probe(python)
        if result and result[0] in supported():
            found.setdefault(*result)
    return found


def fake_path(folder: Path, pythons: dict[str, Path | None]) -> str:
    """PATH with a folder first that holds these pythons: each a real interpreter, or a failing shim."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, real in pythons.items():
        if real is None:
            (folder / name).write_text(SHIM)
            (folder / name).chmod(0o755)
        else:
            (folder / name).symlink_to(real)
    return f"{folder}{os.pathsep}{os.environ['PATH']}"


def make_env(path: str) -> dict[str, str]:
    env = {**os.environ, "PATH": path}
    # The make under test is a new one: not a sub-make of `make test`, nor told which Python or venv.
    for name in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "PYTHON", "VENV", "VIRTUAL_ENV", "HIGHTECH_ZONES_DATA"):
        env.pop(name, None)
    return env


def all_names(default: Path | None = None) -> dict[str, Path | None]:
    """Every name that `make` tries, newest first, each mapped to `default`."""
    return {**{f"python{v}": default for v in reversed(supported())}, "python3": default}
