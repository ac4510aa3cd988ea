"""What is installed is what was pinned, checked by hash, and the book ships the pinned chart script."""
from __future__ import annotations

import functools
import re
import tomllib
from importlib import metadata

import altair as alt
from conftest import ROOT
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from hightech_zones.book.html import bundle_source
from hightech_zones.output.bundles import VL_VERSION

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
        after = entry[len(spec):]  # a marker (`; python_full_version < '3.12'`) belongs to the spec
        assert after.split() == HASH.findall(entry), f"something else than hashes after {spec}"


def test_every_direct_dependency_is_pinned():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    direct = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    pinned = pins()
    for spec in direct:
        req = Requirement(spec)
        name = canonicalize_name(req.name)
        assert name in pinned, f"{req.name} is not in requirements.txt: run make lock"
        assert req.specifier.contains(pinned[name][0], prereleases=True), f"{req.name}: {pinned[name][0]} not in {req.specifier}"


def supported_pythons() -> list[str]:
    """The minor versions that pyproject.toml's requires-python admits, oldest first."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requires = SpecifierSet(project["requires-python"])
    return [f"3.{minor}" for minor in range(100) if requires.contains(f"3.{minor}")]


@functools.cache
def installed_requirements(name: str) -> list[Requirement] | None:
    """What the installed package `name` requires, or None if it is not installed here."""
    try:
        return [Requirement(spec) for spec in metadata.requires(name) or []]
    except metadata.PackageNotFoundError:
        return None


def unpinned_dependencies(env: dict[str, str], locked: dict[str, tuple[str, Requirement]]) -> set[str]:
    """What the project needs on the Python and platform of `env` and the lock does not pin for it.

    Walks the requirements from pyproject.toml through the installed packages' metadata, with the
    extras asked for; a package installed only on another platform is checked for its own pin.
    """
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pinned = {name for name, (_, req) in locked.items() if req.marker is None or req.marker.evaluate(env)}
    todo = [Requirement(spec) for spec in [*project["dependencies"], *project["optional-dependencies"]["dev"]]]
    seen, missing = set(), set()
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        if (name, frozenset(req.extras)) in seen:
            continue
        seen.add((name, frozenset(req.extras)))
        if name not in pinned:
            missing.add(name)
            continue
        requires = installed_requirements(name)
        if requires is None:
            continue  # for another platform only: not installed here, its metadata unknown
        for spec in requires:
            if spec.marker is None or any(spec.marker.evaluate({**env, "extra": e}) for e in {"", *req.extras}):
                todo.append(spec)
    return missing


def test_one_lock_serves_every_supported_python_and_platform():
    """`make lock` resolves for all of them, and every package each one needs is pinned for it.

    That the hashes cover each version's wheels is shown by installing: tests/unit/test_pythons.py.
    """
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    (start,) = [i for i, line in enumerate(makefile.splitlines()) if "uv pip compile" in line]
    lock = " ".join(makefile.splitlines()[start:start + 2])  # the command goes on over two lines
    assert "--universal" in lock and "--python-version $(lastword $(PYTHONS))" in lock, lock
    # Left out on purpose (the Makefile's `lock` says why): needed by nothing the book runs.
    left_out = set(re.findall(r"--no-emit-package (\S+)", lock))
    assert left_out == {"rfc3987-syntax", "lark"}, lock
    versions, locked = supported_pythons(), pins()
    locked |= {name: ("left out", Requirement(name)) for name in left_out}
    assert versions and versions[0] == re.search(r"^PYTHONS := .* (\S+)$", makefile, re.M).group(1)
    for version in versions:
        for platform, os_name in (("linux", "posix"), ("darwin", "posix"), ("win32", "nt")):
            env = {**default_environment(), "python_version": version, "python_full_version": f"{version}.0",
                   "sys_platform": platform, "os_name": os_name,
                   "platform_system": {"linux": "Linux", "darwin": "Darwin", "win32": "Windows"}[platform]}
            missing = unpinned_dependencies(env, locked)
            assert not missing, f"not pinned for Python {version} on {platform}: {sorted(missing)}"


def test_the_makefile_installs_with_hashes_required():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line for line in makefile.splitlines() if "pip install" in line and " -r " in line]
    assert any("-r requirements.txt" in line for line in installs), "the Makefile does not install requirements.txt"
    assert any("/^uv==/" in line and "requirements.txt)" in line for line in installs), \
        "uv itself is not installed from its lines of the lock"
    for line in installs:  # uv, from its lines of the lock, then the lock
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


def test_bundle_draws_the_vega_lite_version_altair_writes():
    schema = alt.SCHEMA_VERSION.lstrip("v")  # e.g. 6.4.1
    assert schema.startswith(VL_VERSION + ".")
    assert f'"{schema}"' in bundle_source() or f"'{schema}'" in bundle_source()


def test_axe_core_is_pinned_exactly_with_its_hash():
    """tests/npm/axe installs one exact axe-core, checked by npm ci against its sha512 (make test, CI)."""
    import json

    wanted = json.loads((ROOT / "tests" / "npm" / "axe" / "package.json").read_text(encoding="utf-8"))["dependencies"]
    assert set(wanted) == {"axe-core"} and re.fullmatch(r"\d+\.\d+\.\d+", wanted["axe-core"])
    lock = json.loads((ROOT / "tests" / "npm" / "axe" / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    assert lock[""]["dependencies"] == wanted and lock["node_modules/axe-core"]["version"] == wanted["axe-core"]
    assert all(entry["integrity"].startswith("sha512-") for name, entry in lock.items() if name)
