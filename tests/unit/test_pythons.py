"""`make` picks a supported Python (tests/pythons.py says how these tests work)."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from pythons import all_names, candidates, fake_path, machine_pythons, make_env, probe, supported


def key(version: str) -> tuple[int, ...]:
    return tuple(map(int, version.split(".")))


def find_python(path: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", "-s", "find-python", *args], cwd=ROOT,
                          env=make_env(path), capture_output=True, text=True, timeout=120)


def test_the_makefile_tries_the_supported_versions_newest_first():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    (line,) = re.findall(r"^PYTHONS := (.*)$", makefile, re.M)
    assert line.split() == list(reversed(supported())), "Makefile's PYTHONS and pyproject.toml's requires-python differ"
    assert re.search(r"^PYTHON \?=\s*$", makefile, re.M), "PYTHON has a default: make would not look for one"
    assert len(supported()) < 10, "requires-python has no upper bound: it claims versions the lock was not tested on"


def test_the_readme_names_the_supported_versions():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (versions,) = re.findall(r"^Supported: \*\*Python ([^*]+)\*\*", readme, re.M)
    assert re.findall(r"3\.\d+", versions) == supported(), versions


def test_make_picks_the_newest_python_that_runs(tmp_path):
    have = machine_pythons()
    newest = max(have, key=key)
    # The machine's versions as they are, a failing shim for each one it lacks.
    names = {**all_names(), **{f"python{v}": real for v, real in have.items()}, "python3": have[min(have, key=key)]}
    out = find_python(fake_path(tmp_path / "bin", names))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == str(tmp_path / "bin" / f"python{newest}")


def test_a_failing_shim_is_passed_over_for_python3(tmp_path):
    own = sys.version_info
    names = {**all_names(), "python3": machine_pythons()[f"{own.major}.{own.minor}"]}
    out = find_python(fake_path(tmp_path / "bin", names))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == str(tmp_path / "bin" / "python3")


def test_no_supported_python_stops_with_what_to_install(tmp_path):
    out = find_python(fake_path(tmp_path / "bin", all_names()))
    assert out.returncode != 0 and not out.stdout
    message = out.stderr
    assert "no supported Python found" in message
    assert f"python{supported()[-1]} does not run" in message  # the shim, named
    newest_first = list(reversed(supported()))
    assert f"Python {', '.join(newest_first[:-1])} or {newest_first[-1]}." in message
    assert "PYTHON=/path/to/python" in message and "apt-get install" in message


def older_python() -> Path | None:
    """A real Python older than the supported ones, if the machine has one (Debian's or pyenv's)."""
    oldest = int(supported()[0].split(".")[1])
    for minor in range(oldest - 1, 7, -1):
        for python in candidates(f"3.{minor}"):
            result = probe(python)
            if result and result[0] == f"3.{minor}":
                return result[1]
    return None


def test_an_old_python3_is_refused_with_its_version(tmp_path):
    old = older_python()
    if old is None:
        pytest.skip("no Python older than the supported ones on this machine: not tried")
    out = find_python(fake_path(tmp_path / "bin", {**all_names(), "python3": old}))
    assert out.returncode != 0
    version = probe(old)[0]
    assert f"python3 is {version}" in out.stderr


def test_PYTHON_names_the_interpreter(tmp_path):
    have = machine_pythons()
    oldest = have[min(have, key=key)]
    path = fake_path(tmp_path / "bin", {**all_names(), **{f"python{v}": real for v, real in have.items()}})
    out = find_python(path, f"PYTHON={oldest}")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == str(oldest)
    shim = tmp_path / "bin" / "python3"
    out = find_python(path, f"PYTHON={shim}")
    assert out.returncode != 0
    assert f"PYTHON={shim} is not usable" in out.stderr


