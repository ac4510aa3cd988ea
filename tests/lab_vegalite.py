"""Every chart of the book draws in JupyterLab: checked under the Vega-Lite that JupyterLab ships.

JupyterLab 4 draws a Vega-Lite 5 bundle itself, offline, with the vega and vega-lite it bundles
(its third-party-licenses.json names them). Altair writes Vega-Lite 6, and the renderer only
relabels the spec as 5 (lab_spec): a chart that needs something newer would break there,
or quietly lose what 5.6.1 does not know. So each chart of the book, as the downloadable notebooks
carry it, is

* validated against that version's own JSON schema, which refuses any property it does not know;
* compiled by that Vega-Lite and drawn to SVG by that Vega (tests/npm/vegalite/check.js, under Node.js),
  with any warning or error a failure.

The same npm packages are pinned, with hashes, in tests/npm/vegalite/package-lock.json; `make test`
installs them. Without Node.js or those packages the tests skip on a developer's machine and fail in CI.

Shared by tests/unit/test_lab_vegalite.py, tests/book/test_lab_vegalite_built.py.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT

CHECKER = ROOT / "tests" / "npm" / "vegalite"
MODULES = CHECKER / "node_modules"
LAB_STATIC = Path(sys.prefix) / "share" / "jupyter" / "lab" / "static"
IN_CI = os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def missing(why: str):
    (pytest.fail if IN_CI else pytest.skip)(why)


def jupyterlab_ships() -> dict[str, str]:
    """The versions of vega and vega-lite in the installed JupyterLab's own bundle."""
    licences = json.loads((LAB_STATIC / "third-party-licenses.json").read_text(encoding="utf-8"))
    return {p["name"]: p["versionInfo"] for p in licences["packages"] if p["name"] in ("vega", "vega-lite")}


def installed(package: str) -> str | None:
    meta = MODULES / package / "package.json"
    return json.loads(meta.read_text(encoding="utf-8"))["version"] if meta.is_file() else None


def check_checker() -> None:
    """The npm checker is there and pins what JupyterLab ships (conftest's ``checker`` fixture)."""
    if shutil.which("node") is None:
        missing("Node.js is not installed (Debian: apt-get install nodejs npm)")
    ships = jupyterlab_ships()
    if any(installed(name) is None for name in ships):
        missing("vega and vega-lite are not installed in tests/npm/vegalite: run `make test` (npm ci there)")
    assert {name: installed(name) for name in ships} == ships, (
        "tests/npm/vegalite must pin what JupyterLab ships: update its package.json and package-lock.json")


@lru_cache(maxsize=None)
def schema_validator() -> jsonschema.protocols.Validator:
    schema = json.loads((MODULES / "vega-lite" / "build" / "vega-lite-schema.json").read_text(encoding="utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)


def problems(specs: dict[str, dict]) -> dict[str, list[str]]:
    """For each spec, what JupyterLab's Vega-Lite objects to: schema errors, then compiler and view warnings."""
    found = {}
    for name, spec in specs.items():
        error = jsonschema.exceptions.best_match(schema_validator().iter_errors(spec))  # the deepest
        found[name] = [f"schema: {'/'.join(map(str, error.absolute_path))}: {error.message[:300]}"] if error else []
    run = subprocess.run(["node", "check.js"], cwd=CHECKER, input=json.dumps(specs), capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert {k: report[k] for k in ("vega", "vega-lite")} == jupyterlab_ships()
    for name, result in report["results"].items():
        found[name] += result["problems"] + ([] if result["marks"] else ["drew no marks"])
    return {name: p for name, p in found.items() if p}
