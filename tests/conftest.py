"""Shared fixtures: the repository, a scratch copy of its data, and one fresh build of the book.

Tiers: the tests that need a built book, a browser, the PDF, `make` or Jupyter kernels are marked
(markers in pyproject.toml; a test that takes the `built_html` or `fresh_build` fixture is marked
`build` here). `make check` runs the rest, with no build. A bare `pytest` on a clone that has no
build skips the tests that need one and names the make target that runs them; in CI it fails.

The fresh build runs in a network namespace of its own, with only the loopback device (the
Jupyter kernel talks to the build over 127.0.0.1): it proves that the book builds offline
once `make html` has set it up, and it is the second clean build that the determinism test
compares with the `make html` build.
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
BUILD = ROOT / "_build" / "html"
BIN = Path(sys.executable).parent
IN_CI = bool(os.environ.get("CI"))

# The property tests' examples (tests/unit/test_properties.py). `make test` and CI run every example
# ("full", the default); `make check`, which an author runs after every edit, runs a quarter of
# them (`--hypothesis-profile=check`). Derandomized and stored nowhere: each run of a profile
# tests the same rows.
settings.register_profile("full", max_examples=120, derandomize=True, database=None, deadline=None)
settings.register_profile("check", settings.get_profile("full"), max_examples=30)
settings.load_profile("full")

# Run inside the new namespace, before the build: bring the loopback device up, prove that
# nothing outside is reachable (no other device, no name lookup, no route out), then become
# the build. The first line on stderr records what was found.
OFFLINE_LAUNCHER = r'''
import errno, fcntl, os, socket, struct, sys
SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 0x1
with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
    flags = struct.unpack("16sH14x", fcntl.ioctl(s, SIOCGIFFLAGS, struct.pack("16sH14x", b"lo", 0)))[1]
    fcntl.ioctl(s, SIOCSIFFLAGS, struct.pack("16sH14x", b"lo", flags | IFF_UP))
devices = sorted(name for _, name in socket.if_nameindex())
try:
    socket.getaddrinfo("pypi.org", 443)
    dns = "resolves"
except OSError:
    dns = "fails"
try:
    socket.create_connection(("1.1.1.1", 443), timeout=5).close()
    route = "open"
except OSError as err:
    route = errno.errorcode.get(err.errno, str(err))
print(f"offline: devices={','.join(devices)} dns={dns} route={route}", file=sys.stderr, flush=True)
if devices != ["lo"] or dns != "fails" or route == "open":
    sys.exit("offline: the network namespace is not isolated")
os.execv(sys.argv[1], sys.argv[1:])
'''


def source_date_epoch() -> str:
    """The Makefile's SOURCE_DATE_EPOCH: the time of the last commit."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
    return out.stdout.strip() or "0"


def offline_prefix() -> tuple[list[str] | None, str]:
    """The command prefix that runs a program without network, or None and why there is none."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return None, "unshare (util-linux) is not installed"
    candidates = [[unshare, "--net"], [unshare, "--net", "--map-root-user"]]
    if os.geteuid() != 0:
        candidates.reverse()
    problems = []
    for prefix in candidates:
        probe = subprocess.run([*prefix, "true"], capture_output=True, text=True)
        if probe.returncode == 0:
            return [*prefix, sys.executable, "-c", OFFLINE_LAUNCHER], ""
        problems.append(f"{' '.join(prefix)}: {probe.stderr.strip()}")
    return None, "; ".join(problems)


NEEDS_A_BUILD = {"built_html": "build", "fresh_build": "build"}
TIERS = ("build", "browser", "pdf", "make", "kernel")


def pytest_collection_modifyitems(config, items):
    for item in items:
        for fixture, marker in NEEDS_A_BUILD.items():
            if fixture in item.fixturenames:
                item.add_marker(marker)
    if IN_CI or (BUILD / "index.html").is_file():
        return
    reason = "needs the built book: `make test` builds it and runs every test (`make check`: the tests that need none)"
    for item in items:
        if item.get_closest_marker("build") or item.get_closest_marker("browser") or item.get_closest_marker("pdf"):
            item.add_marker(pytest.mark.skip(reason=reason))


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


@pytest.fixture(scope="module")
def checker() -> None:
    """JupyterLab's Vega-Lite, installed by npm in tests/npm/vegalite (tests/lab_vegalite.py)."""
    from lab_vegalite import check_checker

    check_checker()


@pytest.fixture(scope="session")
def fresh_build(tmp_path_factory) -> subprocess.CompletedProcess:
    """A from-scratch build (own execution cache), warnings as errors, every page re-read, offline.

    Without a way to cut the network (no unshare, or no permission), the build runs online and
    `offline` is False, with the reason in `offline_problem`: test_offline_build then fails in
    CI and is skipped elsewhere, while the other tests still get their build.
    """
    out = tmp_path_factory.mktemp("fresh")
    env = {**os.environ, "PYTHONHASHSEED": "0", "SOURCE_DATE_EPOCH": source_date_epoch()}
    env.pop("HIGHTECH_ZONES_DATA", None)  # the book's own data/
    prefix, problem = offline_prefix()
    build = [str(BIN / "jupyter-book"), "build", str(ROOT), "-W", "-n", "--keep-going", "--all",
             "--path-output", str(out)]
    proc = subprocess.run([*(prefix or []), *build], capture_output=True, text=True, env=env, cwd=ROOT)
    proc.html = out / "_build" / "html"
    proc.offline = prefix is not None
    proc.offline_problem = problem
    return proc



@functools.lru_cache(maxsize=None)
def _myst_extensions() -> tuple[str, ...]:
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return tuple(config["parse"]["myst_enable_extensions"])


def myst_html(markdown: str) -> str:
    """MyST Markdown rendered to HTML by myst-parser with the book's extensions (exactly those of
    _config.yml) and raw HTML on, as myst-nb renders a chapter's Markdown output: raw HTML in the
    input would reach the page."""
    from docutils.core import publish_parts
    from myst_parser.parsers.docutils_ import Parser

    settings = {"myst_enable_extensions": list(_myst_extensions()), "raw_enabled": True,
                "report_level": 5, "halt_level": 5}
    return publish_parts(markdown, parser=Parser(), writer_name="html5", settings_overrides=settings)["body"]


def html_outline(html_text: str) -> tuple[list[str], str]:
    """The elements of an HTML fragment in order, with their attributes, and all its text."""
    from html.parser import HTMLParser

    class Outline(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.tags, self.text = [], []

        def handle_starttag(self, tag, attrs):
            self.tags.append(f"<{tag} {sorted(attrs)}>")

        def handle_endtag(self, tag):
            self.tags.append(f"</{tag}>")

        def handle_data(self, data):
            self.text.append(data)

        def handle_comment(self, data):
            self.tags.append("<!-- -->")

        def handle_decl(self, decl):
            self.tags.append("<!decl>")

        def handle_pi(self, data):
            self.tags.append("<?pi>")

    parser = Outline()
    parser.feed(html_text)
    parser.close()
    return parser.tags, "".join(parser.text)


# Where the book sets data text in MyST (prose.escape marks the spot with TEXT): the quote with its
# italic translation, a bold label, a profile's list item and table row, a note, a dropdown.
MYST_CONTEXTS = {
    "quote": "> TEXT\n>\n> *TEXT*\n>\n> — TEXT",
    "bold label": "**1. TEXT**",
    "list item": "- *Firsts in China*: TEXT (TEXT: TEXT)",
    "table row": "| Measure | Value |\n|---|---|\n| TEXT (TEXT) | TEXT |",
    "note": "Note on the source: TEXT",
    "dropdown": ":::{admonition} Other sentences\n:class: dropdown\n\n> TEXT\n:::",
}


MYST_PAGE = "\n\nA paragraph between contexts.\n\n".join(MYST_CONTEXTS.values())


@functools.lru_cache(maxsize=None)
def _plain_page() -> tuple[list[str], str]:
    return html_outline(myst_html(MYST_PAGE.replace("TEXT", "PLACEHOLDER")))


def not_literal(text: str, escape) -> str | None:
    """How `escape(text)` fails to show `text` literally in the book's MyST contexts, or None.

    Literally: the page has exactly the elements it has with a plain word in the text's place,
    and its text is that page's text with the word replaced by `text`, character for character.
    """
    tags, shown = html_outline(myst_html(MYST_PAGE.replace("TEXT", escape(text))))
    plain_tags, plain = _plain_page()
    if tags != plain_tags:
        extra = list(Counter(tags) - Counter(plain_tags))
        return f"the elements differ: {extra or 'some are missing'}"
    if shown != plain.replace("PLACEHOLDER", text):
        return f"the text differs: {shown!r}"
    return None


def layers(spec: dict) -> list[dict]:
    """Every single-view spec inside a layered or concatenated one."""
    out = [spec] if "mark" in spec else []
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for child in spec.get(key, []):
            out += layers(child)
    return out


def glue_records(page: Path, cache: Path = ROOT / "_build" / ".jupyter_cache") -> dict[str, dict]:
    """What a chapter glued, by key (its mime data, prefix removed), from the `make html` build's
    execution cache, read as the book's notebook download reads it."""
    from hightech_zones.book.notebook import cached_notebook

    found = {}
    for cell in cached_notebook(page, cache).cells:
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get("scrapbook")
            if meta:
                prefix = meta["mime_prefix"]
                found[meta["name"]] = {k[len(prefix):]: v for k, v in output["data"].items()}
    return found
