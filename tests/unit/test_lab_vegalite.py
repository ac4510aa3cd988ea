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
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import altair as alt
import jsonschema
import pandas as pd
import pytest

from hightech_zones.output.bundles import LAB_SCHEMA, lab_spec

ROOT = Path(__file__).resolve().parents[2]
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


@pytest.fixture(scope="module")
def checker() -> None:
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


def test_jupyterlab_ships_the_vegalite_the_charts_are_labelled_for():
    assert LAB_SCHEMA.endswith(f"/v{jupyterlab_ships()['vega-lite']}.json"), (
        f"JupyterLab now ships Vega-Lite {jupyterlab_ships()['vega-lite']}: update LAB_SCHEMA in outputs.py")


def test_the_checker_is_pinned_with_hashes():
    """tests/npm/vegalite installs exactly JupyterLab's versions, every package with its hash (npm ci checks it)."""
    wanted = json.loads((CHECKER / "package.json").read_text(encoding="utf-8"))["dependencies"]
    assert wanted == jupyterlab_ships(), "pin in tests/npm/vegalite/package.json what JupyterLab ships"
    lock = json.loads((CHECKER / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    assert lock[""]["dependencies"] == wanted
    assert {name: lock[f"node_modules/{name}"]["version"] for name in wanted} == wanted
    unhashed = [name for name, entry in lock.items() if name and not entry.get("integrity", "").startswith("sha512-")]
    assert not unhashed, unhashed


def test_a_chart_that_needs_a_newer_vegalite_fails_the_check(checker):
    """The check can fail: line breaks at missing values (Vega-Lite 5.19) and a typo are both caught."""
    frame = pd.DataFrame({"year": [2022, 2023, 2024], "value": [1.0, None, 3.0]})
    line = alt.Chart(frame).mark_line(invalid="break-paths-show-domains").encode(x="year:O", y="value:Q")
    typo = alt.Chart(frame).mark_bar().encode(x="year:O", y="value:Q").to_dict()
    typo["encoding"]["y"]["scael"] = {"zero": False}  # Altair would refuse it; a hand-written spec may not
    found = problems({"newer": lab_spec(line.to_dict()), "typo": lab_spec(typo),
                      "fine": lab_spec(alt.Chart(frame).mark_bar().encode(x="year:O", y="value:Q").to_dict())})
    assert set(found) == {"newer", "typo"}, found
    assert any("mark" in p for p in found["newer"]) and any("encoding/y" in p for p in found["typo"])
