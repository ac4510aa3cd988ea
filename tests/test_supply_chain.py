"""What is installed is what was pinned, checked by hash, and the book ships the pinned chart script."""
from __future__ import annotations

import re
import tomllib
from importlib import metadata

import altair as alt
import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT
from hightech_zones.charts import VL_VERSION
from hightech_zones.sphinx_ext import BUNDLE, bundle_source

HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")


def requirement_entries() -> list[str]:
    """requirements.txt as one string per entry: continuation lines joined, comments dropped."""
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    lines = [line.split(" #", 1)[0].rstrip() for line in text.splitlines() if not line.lstrip().startswith("#")]
    return [e.strip() for e in re.sub(r"\\\n\s*", " ", "\n".join(lines)).splitlines() if e.strip()]


def pins() -> dict[str, tuple[str, Requirement]]:
    found = {}
    for entry in requirement_entries():
        req = Requirement(entry.split(" --hash", 1)[0])
        (version,) = [s.version for s in req.specifier]
        found[canonicalize_name(req.name)] = (version, req)
    return found


def test_every_requirement_is_pinned_exactly_and_hashed():
    entries = requirement_entries()
    assert len(entries) > 50
    for entry in entries:
        assert not entry.startswith("-"), f"an option in requirements.txt: {entry}"  # no -e, index or host options
        spec = entry.split(" --hash", 1)[0]
        req = Requirement(spec)
        assert req.url is None, entry
        assert [s.operator for s in req.specifier] == ["=="], f"not pinned with ==: {spec}"
        assert "*" not in str(req.specifier), f"a wildcard pin: {spec}"
        assert HASH.search(entry), f"no sha256 hash: {spec}"
        assert entry.split(" ", 1)[1].split() == HASH.findall(entry), f"something else than hashes after {spec}"


def test_every_direct_dependency_is_pinned():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    direct = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    pinned = pins()
    for spec in direct:
        req = Requirement(spec)
        name = canonicalize_name(req.name)
        assert name in pinned, f"{req.name} is not in requirements.txt: run make lock"
        assert req.specifier.contains(pinned[name][0], prereleases=True), f"{req.name}: {pinned[name][0]} not in {req.specifier}"


def test_the_makefile_installs_with_hashes_required():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line for line in makefile.splitlines() if "pip install" in line and "-r requirements.txt" in line]
    assert installs, "the Makefile does not install requirements.txt"
    for line in installs:
        assert "--require-hashes" in line and "--no-deps" in line, line
    assert "--generate-hashes" in makefile  # `make lock` writes the hashes


def test_every_installed_version_is_the_pinned_one():
    wrong = {}
    for name, (version, req) in pins().items():
        if req.marker is not None and not req.marker.evaluate():
            continue  # not for this platform
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = None
        if installed != version:
            wrong[name] = f"{installed} installed, {version} pinned"
    assert not wrong, wrong


def test_vl_convert_is_the_pinned_build():
    assert metadata.version("vl-convert-python") == pins()["vl-convert-python"][0]


def test_shipped_chart_script_is_the_pinned_bundle(built_html):
    shipped = (built_html / "_static" / BUNDLE).read_text(encoding="utf-8")
    assert shipped == bundle_source(), f"_static/{BUNDLE} is not the bundle of the installed vl-convert"


def test_bundle_draws_the_vega_lite_version_altair_writes():
    schema = alt.SCHEMA_VERSION.lstrip("v")  # e.g. 6.4.1
    assert schema.startswith(VL_VERSION + ".")
    assert f'"{schema}"' in bundle_source() or f"'{schema}'" in bundle_source()
