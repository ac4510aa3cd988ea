"""The Vega-Lite checker of JupyterLab's own version is pinned and not blind (tests/lab_vegalite.py)."""
from __future__ import annotations

import json
from pathlib import Path

import altair as alt
import pandas as pd
from lab_vegalite import (
    CHECKER,
    jupyterlab_ships,
    problems,
)

from hightech_zones.output.bundles import LAB_SCHEMA, lab_spec

ROOT = Path(__file__).resolve().parents[2]


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
