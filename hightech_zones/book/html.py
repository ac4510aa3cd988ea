"""The web book: its charts draw offline and in the reader's theme, in its own Chinese font.

* Ships vl-convert's self-contained Vega/Vega-Lite/vega-embed bundle in ``_static``, wrapped in
  its own function scope (loaded bare, its top-level ``const _`` clashes with Sphinx's own). It is
  generated when written (``build-finished``), so it matches the installed vl-convert.
* Ships the script that draws the charts after the fonts load, in the page's light or dark theme
  (``static/hightech_zones.js``), with each theme's chart config (``charts/theme.py``); YAML cannot
  compute them, and the bundle must load before them and the script after.
* Copies the Chinese web font kept in ``_static/fonts`` (``build/fonts.py``) and says when a page
  holds a character it lacks: known only once the pages are written.
* Names each code toggle by its visible label ("Show code"), for speech input.
* Drops sphinx-thebe's repeated script: Jupyter Book always loads it, and only a handler can drop
  it, so that the browser test can demand a clean console.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from importlib import metadata
from pathlib import Path

from sphinx.errors import ExtensionError
from sphinx.util import logging

from hightech_zones.book import cards as sphinx_cards
from hightech_zones.charts.theme import THEMES, chart_config
from hightech_zones.language import CHINESE
from hightech_zones.output.bundles import VL_VERSION

logger = logging.getLogger(__name__)
BUNDLE = "vega-bundle.js"
SCRIPT = "hightech_zones.js"




def bundle_source() -> str:
    """The exact script shipped with the book: vl-convert's bundle in a function scope."""
    import vl_convert as vlc  # imported here: only a build that writes the bundle needs it

    return "(function(){\n" + vlc.javascript_bundle(vl_version=VL_VERSION) + "\n})();\n"


def bundle_stamp() -> str:
    return f"vl-convert-python {metadata.version('vl-convert-python')}, Vega-Lite {VL_VERSION}"


def _write_bundle(app, exception) -> None:
    """Write the bundle once per version of vl-convert; it takes seconds to generate."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / BUNDLE
    stamp = Path(app.doctreedir) / f"{BUNDLE}.version"
    if target.is_file() and stamp.is_file() and stamp.read_text() == bundle_stamp():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(shared_bundle(bundle_folder(Path(app.srcdir))), encoding="utf-8")
    stamp.write_text(bundle_stamp())


def bundle_folder(book: Path) -> Path:
    """Where the generated bundle is kept: in the environment beside vl-convert, which it depends on
    alone, so that a clean build (``rm -rf _build``) does not generate it again; in ``_build`` if the
    environment is not writable."""
    kept = Path(sys.prefix) / "var" / "hightech_zones"
    return kept if os.access(sys.prefix, os.W_OK) else book / "_build" / ".hz-bundle"


def shared_bundle(folder: Path) -> str:
    """The bundle, generated once for every edition: the editions build at the same time, so the
    first to get here generates it while the other waits for it (a lock), then both copy it."""
    key = hashlib.sha256(bundle_stamp().encode()).hexdigest()[:16]
    cached = folder / f"{BUNDLE}.{key}"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "lock").open("w") as lock:
        try:
            import fcntl  # POSIX; elsewhere each edition generates its own

            fcntl.flock(lock, fcntl.LOCK_EX)
        except ImportError:
            pass
        if not cached.is_file():
            partial = cached.with_name(cached.name + f".{os.getpid()}")
            partial.write_text(bundle_source(), encoding="utf-8")
            partial.replace(cached)  # whole or absent, even if this build is killed
    return cached.read_text(encoding="utf-8")


def _check_font(app, exception) -> None:
    """Say which characters of the built pages the shipped Chinese web font lacks (``fonts.py``):
    they show in the reader's system font until ``make font`` cuts the font again."""
    if exception is not None or app.builder.format != "html":
        return
    from hightech_zones.build import fonts

    outdir = Path(app.outdir)
    # The other edition, copied into this site, is checked by its own build.
    pages = sorted(p for p in outdir.rglob("*.html") if not {"_static", CHINESE} & set(p.relative_to(outdir).parts))
    cards = outdir / "_static" / sphinx_cards.CARDS  # the provenance cards' text shows on pages too
    lacking = set(fonts.characters([*pages, *([cards] if cards.is_file() else [])]))
    font = Path(app.srcdir) / "_static" / fonts.TARGET
    if not font.is_file():
        raise ExtensionError(f"the Chinese web font {font} is missing: it is kept in the repository (git checkout it)")
    lacking -= fonts.covered(font)
    shipped = outdir / "_static" / fonts.TARGET
    if not shipped.is_file() or shipped.read_bytes() != font.read_bytes():
        # Sphinx copies static files only when some page was written: a font cut again by `make font`
        # must reach the site on the next build even when no page changed.
        shutil.copyfile(font, shipped)
    if lacking:
        logger.info(f"hightech_zones: the Chinese web font lacks {len(lacking)} characters of these pages "
                    f"({''.join(sorted(lacking))[:40]}): run `make font` (needs {fonts.PACKAGE}), then make html")


def _quiet_console(app, pagename, templatename, context, doctree) -> None:
    """A fix for errors the theme stack logs on every page, so the browser test can demand none.

    * Drop sphinx-thebe, which Jupyter Book always loads: the book has no launch buttons, and its
      inline config (added twice, so the second copy throws "Identifier 'THEBE_JS_URL' has already
      been declared") names a script on a public CDN, which an offline book must not.
    * Load every other script once.

    (The colour mode's default, without which a first visit logs "Got invalid theme mode", is
    ``html_context`` in ``_config.yml``.)
    """
    seen, unique = set(), []
    for script in context.get("script_files", []):
        attributes = getattr(script, "attributes", {})
        filename = getattr(script, "filename", None) or ""
        if "sphinx-thebe" in filename or "THEBE_JS_URL" in attributes.get("body", ""):
            continue
        key = (filename, repr(sorted(attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"][:] = unique  # the builder's own list: later handlers may still add to it


def _name_code_toggles(app, pagename, templatename, context, doctree) -> None:
    """myst-nb names each code toggle "Toggle hidden content", which is not the "Show code" a reader
    sees: a speech-input user who says what they see misses it (axe's label-content-name-mismatch,
    WCAG 2.5.3). Without the attribute the toggle is named by its visible label."""
    if "body" in context:
        context["body"] = context["body"].replace('<summary aria-label="Toggle hidden content">', "<summary>")


def _publish_static(app, exception) -> None:
    """Copy the book's own static files (the stylesheet, the fonts, the script) that differ from the
    site's. Sphinx copies them only when it writes a page: after a change to them alone it found
    nothing out of date and the site kept the old stylesheet."""
    if exception is not None or app.builder.format != "html":
        return
    import filecmp

    for folder in app.config.html_static_path:
        source = Path(app.confdir) / folder
        for path in (p for p in source.rglob("*") if p.is_file()):
            target = Path(app.outdir) / "_static" / path.relative_to(source)
            if not target.is_file() or not filecmp.cmp(path, target, shallow=False):
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)


def setup(app) -> None:
    app.add_js_file(BUNDLE)
    # The chart config of each theme, which the script swaps in when the reader switches theme.
    themes = {name: chart_config(name) for name in THEMES}
    app.add_js_file(None, body=f"window.hzChartThemes={json.dumps(themes, sort_keys=True)};")
    app.add_js_file(SCRIPT)
    app.connect("build-finished", _write_bundle)
    app.connect("build-finished", _publish_static)
    app.connect("build-finished", _check_font)
    app.connect("html-page-context", _quiet_console, priority=400)
    app.connect("html-page-context", _name_code_toggles)
