"""Sphinx extension: what the book needs beyond Jupyter Book's defaults, for each way of reading it.

HTML
  * ships the charting JavaScript with the book, so charts draw offline: vl-convert's
    self-contained Vega/Vega-Lite/vega-embed bundle, written to ``_static``, wrapped in its
    own function scope (loaded bare, its top-level ``const _`` clashes with Sphinx's own);
  * ships the script that draws the charts after the fonts load, in the page's light or dark
    theme (``static/hightech_zones.js``, with each theme's chart config from ``theme.py``);
  * ships its own Chinese font, a subset of Noto Sans CJK SC kept in ``_static/fonts``
    (``fonts.py``), so Chinese reads the same on every system, offline, and says when a page
    holds a character the font lacks;
  * offers each chapter as a notebook: the executed notebook, as a run in JupyterLab leaves it
    (charts as Vega-Lite 5 bundles that JupyterLab draws itself, glued values shown), is written
    next to the page's source in ``_sources`` and listed in the theme's download menu;
  * marks each number of the prose that shows a figure, which opens its provenance card and links
    to its row of the register (``sphinx_cards.py``; in the PDF the link only);
  * names each code toggle by its visible label ("Show code"), for speech input;
  * fixes a console error of the theme stack (a repeated sphinx-thebe script), so that the
    browser test can demand a clean console.

PDF (LaTeX)
  * prints no code: the cells' sources are dropped, their outputs (tables, charts) kept;
  * draws each chart as a PNG from its spec, only when the PDF is written (``pdf_charts.py``);
    the landing page says where the notebooks and the code are;
  * gives each chart's image its text alternative as the PDF's alt text;
  * opens the book with the landing page as an unnumbered chapter, and each part of the
    table of contents with ``\\part{caption}``;
  * gives every table column widths from its content, so long text wraps instead of
    running off the page;
  * sets a long table of a {glue:figure} in the text (a glued table titled at its head, another
    figure captioned with ``\\captionof``), so it breaks across pages instead of being cut off at
    the foot of a float.

Both: tells the notebooks executed for the book to emit embeddable charts, and re-executes a
chapter when the data files it loads or the modules it imports change (``freshness.py``).

Two editions (``editions.py``): tells the kernels the build's language (``language.py``), puts a
switch to the same page in the other edition on every page, and on the landing page a choice of
edition; leaves code-cell outputs out of the translation catalogues (they come from the data).

What configuration does is in ``_config.yml`` (both editions; ``_config.zh_CN.yml`` is merged
over it): the book's stylesheet is ``_static/hightech_zones.css`` at the book's root, which
Jupyter Book links on every page, and the theme's colour mode defaults to ``auto`` through
``html_context``. Each patch below is here because no option of Jupyter Book 1, Sphinx, myst-nb
or the theme does it:

* ``setup``: sets ``HIGHTECH_ZONES_BOOK`` in the build's environment, which the kernels myst-nb
  starts inherit; myst-nb has no option for a kernel's environment.
* ``add_js_file`` of the bundle, of ``window.hzChartThemes`` and of the drawing script (and the
  package's ``static/`` on ``html_static_path`` for the script): the themes' configs are
  computed by ``theme.chart_config``, which YAML cannot do; the bundle (written by
  ``_write_bundle``) must load before them and the script after, so the three are added here.
* ``config-inited`` ``_set_up_edition``: the kernels' language (environment again); the header's
  language-switch template (``templates/``, put on ``templates_path`` and in the theme's
  ``article_header_end``: ``html_theme_options`` in ``_config.yml`` would replace, not extend,
  the options Jupyter Book makes from ``html:``, as ``sphinx.recursive_update`` is false); and, for
  the Chinese edition, the catalogue check and jieba's dictionary, both computed from the sources.
* ``html-page-context`` ``_language_switch``: the link to the same page in the other edition
  and the landing page's choice of edition differ on every page.
* ``doctree-read`` ``_translate_toc_captions``: sphinx-external-toc inserts the parts' captions
  after Sphinx has translated the page.
* transform ``OutputsNotTranslatable``: Sphinx's ``gettext_additional_targets`` can only add node
  types to the catalogues, not keep a cell's outputs out of them.
* post-transform ``ExecutionTableInEdition``: myst-nb's execution table has fixed English headers.
* ``build-finished`` ``_write_bundle``: the bundle matches the installed vl-convert, so it is
  generated, not committed.
* ``build-finished`` ``_check_font``: the characters of the built pages, known only once they are
  written, against the font the book ships (``make font`` cuts it again).
* ``env-get-outdated`` ``refresh_if_inputs_changed``: jupyter-cache keys a notebook on its code
  alone; nothing declares the data files and modules a chapter reads.
* ``env-get-outdated`` ``pages_read_since_written``: the HTML and PDF builds share the doctrees,
  and Sphinx rewrites a page's HTML only when its source file is newer than the HTML.
* ``html-page-context`` ``_offer_notebook``: the theme's download button offers the page's
  source; on a cache hit myst-nb writes the notebook without its outputs.
* ``html-page-context`` ``_quiet_console``: Jupyter Book always loads sphinx-thebe (it is in its
  default extensions, whatever ``launch_buttons`` says); only a handler can drop its script.
* ``doctree-resolved`` ``_layout_for_print``: a table a code cell outputs carries no
  ``:widths:``, Sphinx has no option to keep a figure's table out of a float, and it prints no
  ``\\part`` for a toctree's caption.
* post-transform ``DropCodeForPrint``: myst-nb's ``nb_remove_code_source`` applies to every
  builder, and the HTML and LaTeX builds share their doctrees.
* ``sphinx_cards.setup``: the provenance cards; that module's docstring gives its patches.
* ``sphinx_publish.setup``: what a published page carries; that module's docstring gives its patches.
* ``table_numbers.setup``: a table placed with ``{glue:figure}`` is numbered with the tables;
  Sphinx decides a node's number sequence by its class alone, and myst-nb makes every glued
  output a figure.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from importlib import metadata
from pathlib import Path

import nbformat
from docutils import nodes
from jupyter_cache import get_cache
from myst_nb.core.read import read_myst_markdown_notebook
from sphinx import addnodes
from sphinx.errors import ExtensionError
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from . import __version__, pdf_charts, sphinx_cards, sphinx_publish, table_numbers
from .freshness import pages_read_since_written, refresh_if_inputs_changed
from .language import CHINESE, ENGLISH
from .language import ENV as LANGUAGE_ENV
from .outputs import BOOK_ENV, SPEC_MIME, VL_VERSION, lab_output
from .provenance import MIME as SOURCED_MIME
from .theme import THEMES, chart_config

logger = logging.getLogger(__name__)
BUNDLE = "vega-bundle.js"
SCRIPT = "hightech_zones.js"
STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"
COLUMN_PADDING = 3  # characters
LINE_WIDTH = 90  # characters of body text a line of the PDF holds, about
MAX_WORD = 10  # a longer word (an id, a URL) may break: LaTeX breaks ids at their underscores
WIDE = re.compile(r"[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")


def bundle_source() -> str:
    """The exact script shipped with the book: vl-convert's bundle in a function scope."""
    import vl_convert as vlc  # imported here: only a build that writes the bundle needs it

    return "(function(){\n" + vlc.javascript_bundle(vl_version=VL_VERSION) + "\n})();\n"


def _bundle_stamp() -> str:
    return f"vl-convert-python {metadata.version('vl-convert-python')}, Vega-Lite {VL_VERSION}"


def _write_bundle(app, exception) -> None:
    """Write the bundle once per version of vl-convert; it takes seconds to generate."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / BUNDLE
    stamp = Path(app.doctreedir) / f"{BUNDLE}.version"
    if target.is_file() and stamp.is_file() and stamp.read_text() == _bundle_stamp():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(shared_bundle(Path(app.srcdir) / "_build" / ".hz-bundle"), encoding="utf-8")
    stamp.write_text(_bundle_stamp())


def shared_bundle(folder: Path) -> str:
    """The bundle, generated once for every edition: the editions build at the same time, so the
    first to get here generates it while the other waits for it (a lock), then both copy it."""
    key = hashlib.sha256(_bundle_stamp().encode()).hexdigest()[:16]
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
    from . import fonts

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


# --- the notebook download ------------------------------------------------------------------

def reader_notebook(executed: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The executed notebook as a run in JupyterLab leaves it, so that it opens there as it is.

    * A chart's HTML embed, whose script only the book ships, becomes the Vega-Lite 5 bundle
      that JupyterLab draws itself, offline (``outputs.lab_output``); its data
      download link, cut from that HTML, follows as an output of its own.
    * A value glued with ``display=False`` shows, by the rules of ``hightech_zones.glue``:
      text as ``name = value`` under the hidden glue, anything richer as glued with ``display=True``.
    """
    nb = nbformat.from_dict(json.loads(json.dumps(executed)))
    for cell in nb.cells:
        if "outputs" in cell:
            cell.outputs = [shown for output in cell.outputs for shown in _as_run_in_lab(output)]
    return nb


def _as_run_in_lab(output: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    from .glue import compact  # imports IPython: only a build that offers notebooks pays

    if "data" not in output:
        return [output]
    glued = output.get("metadata", {}).get("scrapbook", {})
    prefix = glued.get("mime_prefix", "")
    data = {mime[len(prefix):]: value for mime, value in output.data.items() if mime.startswith(prefix)}
    html = str(data.get("text/html", ""))
    spec = data.get(SPEC_MIME)
    if spec is not None:
        bundle, metadata = lab_output(spec, None)
        chart = _shown(output, {**{k: v for k, v in data.items() if k not in ("text/html", SPEC_MIME)}, **bundle})
        chart.metadata.update(metadata)
        link = re.search(r'<p class="hz-figure-data">(.*)</p></div>\s*\Z', html, re.DOTALL)
        if link is None or not link.group(1):
            return [chart]
        return [chart, nbformat.v4.new_output("display_data", data={"text/html": link.group(1)})]
    if not prefix:
        return [output]
    if set(data) - {SOURCED_MIME} == {"text/plain"}:  # text, with or without its figure's id
        text = compact(glued["name"], data["text/plain"])
        return [output, nbformat.v4.new_output("display_data", data={"text/plain": text})]
    return [_shown(output, data)]


def _shown(output: nbformat.NotebookNode, data: dict) -> nbformat.NotebookNode:
    """The output with these data, visible: a glue record becomes one glued with display=True."""
    shown = nbformat.from_dict(json.loads(json.dumps(output)))
    shown.data = data
    if "scrapbook" in shown.get("metadata", {}):
        shown.metadata.scrapbook.mime_prefix = ""
    return shown


def executed_notebook(app, pagename: str) -> nbformat.NotebookNode | None:
    """The page's notebook with the outputs the book shows, or None if the page is no notebook.

    myst-nb writes each notebook to ``jupyter_execute``, but on a cache hit it writes it without
    outputs; so the outputs come from the execution cache when it holds them.
    """
    written = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    if not written.is_file():
        return None
    source = Path(app.env.doc2path(pagename))
    cache = Path(getattr(app.config, "nb_execution_cache_path", "") or Path(app.outdir).parent / ".jupyter_cache")
    if source.suffix == ".md" and cache.is_dir():
        try:
            # myst-nb's own reader, so the notebook hashes as it did when myst-nb cached it
            notebook = read_myst_markdown_notebook(source.read_text(encoding="utf-8"), path=str(source))
            return get_cache(cache).merge_match_into_notebook(notebook)[1]
        except Exception:  # not cached (e.g. execution off): the written notebook is all there is
            pass
    return nbformat.read(written, as_version=4)


def _offer_notebook(app, pagename, templatename, context, doctree) -> None:
    """Put the page's notebook in ``_sources`` and tell the theme to list it (before its own handler)."""
    executed = executed_notebook(app, pagename) if doctree is not None else None
    if executed is None:
        return
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(reader_notebook(executed), target)
    context["ipynb_source"] = f"{pagename}.ipynb"


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


# --- the two editions ------------------------------------------------------------------------

def _edition(config) -> str:
    return CHINESE if (config.language or "").replace("-", "_").startswith("zh") else ENGLISH


def _set_up_edition(app, config) -> None:
    """Tell the kernels which edition they execute for, and add the language switch to the header."""
    os.environ[LANGUAGE_ENV] = _edition(config)
    config.templates_path.insert(0, str(TEMPLATES))  # before the theme's components: ours override its toggles
    options = config.html_theme_options
    options["article_header_end"] = ["hz-language-switch.html", "article-header-buttons.html"]
    if _edition(config) != ENGLISH:
        options["search_bar_text"] = "搜索本书……"  # Jupyter Book's own is English whatever the language
        _check_catalogues(Path(app.srcdir), config)
        _theme_words(Path(app.srcdir), config)
        config.html_search_options = {**(config.html_search_options or {}),
                                      "dict": str(_search_words(Path(app.srcdir), Path(app.doctreedir)))}


def _theme_words(srcdir: Path, config) -> None:
    """The book's own words for sphinx-book-theme's strings (locale/<lang>/LC_MESSAGES/booktheme.po),
    read before the theme's catalogue: Sphinx would only add them after it, as a fallback."""
    import gettext
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from sphinx import locale

    for folder in config.locale_dirs:
        po = srcdir / folder / config.language / "LC_MESSAGES" / "booktheme.po"
        if po.is_file():
            with po.open("rb") as f:
                compiled = io.BytesIO()
                write_mo(compiled, read_po(f))
            compiled.seek(0)
            ours = gettext.GNUTranslations(compiled)
            theirs = locale.translators.get(("general", "booktheme"))
            if theirs is not None:
                ours.add_fallback(theirs)
            locale.translators[("general", "booktheme")] = ours


def _search_words(srcdir: Path, folder: Path) -> Path:
    """jieba's user dictionary for the Chinese search: the glossary's terms and the data's Chinese
    names, so that a search for 新赛道 or 光电子信息 finds the word whole."""
    import csv

    words = []
    for name, column in (("glossary", "term_zh"), ("new_tracks", "name_zh"), ("pillars", "name_zh")):
        with (srcdir / "data" / f"{name}.csv").open(encoding="utf-8") as f:
            words += [row[column] for row in csv.DictReader(f)]
    target = folder / "search-words.txt"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("".join(f"{w} 1000 n\n" for w in sorted(set(words))), encoding="utf-8")
    return target


def _check_catalogues(srcdir: Path, config) -> None:
    """Stop before reading a page if a translation would lose a glued value or a cross-reference,
    or add markup or a number to its English (``catalogues.py``)."""
    from .catalogues import broken_catalogues

    broken = broken_catalogues(srcdir, config.locale_dirs, config.language)
    if broken:
        raise ExtensionError("broken translation catalogue entries:\n" + "\n".join(broken))


# What each edition calls the other, in the other's own language.
OTHER = {ENGLISH: (CHINESE, "zh-Hans", "中文", "阅读本页的中文版"),
         CHINESE: (ENGLISH, "en", "English", "Read this page in English")}


def other_edition_href(pagename: str, edition: str) -> str:
    """The same page in the other edition, relative to this one: the Chinese one sits in ``zh_CN/``."""
    up = "../" * pagename.count("/")
    if edition == ENGLISH:
        return f"{up}{CHINESE}/{pagename}.html"
    return f"{up}../{pagename}.html"


def _language_switch(app, pagename, templatename, context, doctree) -> None:
    edition = _edition(app.config)
    other, lang, label, title = OTHER[edition]
    context["hz_switch"] = {"href": other_edition_href(pagename, edition), "lang": lang, "label": label,
                            "title": title}
    if pagename == app.config.root_doc and "body" in context:
        here = {ENGLISH: ("English", "en"), CHINESE: ("中文", "zh-Hans")}[edition]
        context["body"] = (
            '<nav class="hz-edition-chooser" aria-label="Edition / 版本">'
            f'<span aria-current="page" lang="{here[1]}">{here[0]}</span>'
            f'<a href="{other_edition_href(pagename, edition)}" hreflang="{lang}" lang="{lang}">{label}</a>'
            '</nav>\n' + context["body"])


def _translate_toc_captions(app, doctree) -> None:
    """The parts' captions come from _toc.yml through sphinx-external-toc, which inserts its
    toctrees after Sphinx has translated the page: translate them from the page's catalogue."""
    if _edition(app.config) == ENGLISH:
        return
    from sphinx.locale import init as init_locale
    from sphinx.util.i18n import docname_to_domain

    domain = docname_to_domain(app.env.docname, app.config.gettext_compact)
    dirs = [str(Path(app.srcdir) / d) for d in app.config.locale_dirs]
    catalogue, found = init_locale(dirs, app.config.language, domain)
    for node in doctree.findall(addnodes.toctree) if found else ():
        for key in ("caption", "rawcaption"):
            if node.get(key):
                node[key] = catalogue.gettext(node[key])


class OutputsNotTranslatable(SphinxTransform):
    """Code-cell and glued outputs (tables drawn from the data) are not prose: keep them out of the catalogues.

    Each edition's outputs come from its own kernel, which labels them in its language.
    """
    default_priority = 10  # before Sphinx's gettext extraction and its Locale transform (20)

    def apply(self, **kwargs) -> None:
        for container in self.document.findall(nodes.container):
            # a cell's outputs, and glued outputs placed in the prose ({glue:figure} of a table)
            if container.get("nb_element") in ("cell_code_output", "mime_bundle"):
                for node in container.findall(nodes.Element):
                    node["translatable"] = False


class ExecutionTableInEdition(SphinxPostTransform):
    """myst-nb writes its table of execution times ({nb-exec-table}) with English headers and
    methods, whatever the build's language: in the Chinese edition, take them from data/labels.csv
    (exec_*). The document names are file names and stay. In both editions the table is marked
    ``hz-exec-table``: it records when this build ran the chapters, which no other table does."""
    default_priority = 9  # after myst-nb's ExecutionStatsPostTransform (8) has made the table

    HEADERS = {"Document": "exec_document", "Modified": "exec_modified", "Method": "exec_method",
               "Run Time (s)": "exec_run_time", "Status": "exec_status"}
    CLASS = "hz-exec-table"
    METHODS = ("cache", "auto", "force", "inline")

    def run(self, **kwargs) -> None:
        from .labels import label

        for table in list(self.document.findall(nodes.table)):
            head = next(table.findall(nodes.thead), None)
            if head is None or [entry.astext() for entry in head.findall(nodes.entry)] != list(self.HEADERS):
                continue
            table["classes"].append(self.CLASS)
            if _edition(self.config) == ENGLISH:
                continue
            for text in list(head.findall(nodes.Text)):
                text.parent.replace(text, nodes.Text(label(self.HEADERS[str(text)])))
            for row in next(table.findall(nodes.tbody)).findall(nodes.row):
                for text in list(row.children[2].findall(nodes.Text)):  # the third column: the method
                    if str(text) in self.METHODS:
                        text.parent.replace(text, nodes.Text(label(f"exec_method_{text}")))


# --- the PDF --------------------------------------------------------------------------------

class DropCodeForPrint(SphinxPostTransform):
    """A printed report carries no code: drop each code cell's source, keep its outputs.

    LaTeX only, so the HTML build, which shares the doctrees, still shows (folded) code.
    """
    default_priority = 100
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(nodes.container)):
            if node.get("nb_element") == "cell_code_source":
                node.parent.remove(node)


class AltTextForPrint(SphinxPostTransform):
    """Give each image of the PDF its alt text (a chart's one-sentence description, ``pdf_charts.py``).

    Sphinx's LaTeX writer drops ``node["alt"]``. The accsupp package (TeX Live's
    texlive-latex-extra) wraps the image in a marked-content span whose ``/Alt`` a screen reader
    and a PDF's text extraction read. The text goes as UTF-16 hex, which no LaTeX markup can break.
    """
    default_priority = 100  # after myst-nb has chosen the PNG for the builder (priority 4)
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for image in list(self.document.findall(nodes.image)):
            if image.get("alt"):
                begin = f"\\BeginAccSupp{{method=hex,Alt={alt_hex(image['alt'])}}}"
                image.parent.insert(image.parent.index(image), nodes.raw("", begin, format="latex"))
                image.parent.insert(image.parent.index(image) + 1,
                                    nodes.raw("", "\\EndAccSupp{}", format="latex"))


def alt_hex(text: str) -> str:
    """A PDF text string in hex: UTF-16BE with its byte-order mark, as the PDF standard reads it."""
    return ("\ufeff" + " ".join(text.split())).encode("utf-16-be").hex().upper()


def _text_width(text: str) -> int:
    """Printed width in Latin characters: a Chinese character is about two."""
    return len(text) + len(WIDE.findall(text))


def _longest_word(text: str) -> int:
    """The widest part of a cell no line break can split: a Latin word (Chinese breaks anywhere)."""
    return max((2 if WIDE.search(word) else _text_width(word) for word in text.split()), default=0)


def column_weights(table: nodes.table) -> list[int]:
    """Relative column widths: each column's longest cell, capped so that no column starves the rest.

    When the columns together are wider than a line, the wide ones give way, but no column gets
    narrower than its longest word: a year must not be cut to "201" beside a column of prose.
    """
    rows = [row for row in table.findall(nodes.row)]
    ncols = max((len(row.children) for row in rows), default=0)
    longest, word = [0] * ncols, [0] * ncols
    for row in rows:
        for i, entry in enumerate(row.children):
            longest[i] = max(longest[i], min(_text_width(entry.astext()), 60))
            word[i] = max(word[i], min(_longest_word(entry.astext()), MAX_WORD))
    # The padding stands for the space between columns, which a narrow column cannot spare.
    weights = [max(width, 4) + COLUMN_PADDING for width in longest]
    floors = [max(width, 4) + COLUMN_PADDING for width in word]
    # A column's share of the line is its weight over the total. A column whose share would be
    # less than its floor's share of a line gets exactly that; the others keep their proportions.
    floor_share = [floor / LINE_WIDTH for floor in floors]
    fixed: set[int] = set()
    while True:
        rest = 1 - sum(floor_share[i] for i in fixed)  # the line the unfixed columns share
        free = sum(weights[i] for i in range(ncols) if i not in fixed)
        if rest <= 0 or not free:
            return floors  # even the floors overfill a line: LaTeX wraps what it must
        starved = {i for i in range(ncols) if i not in fixed and weights[i] / free * rest < floor_share[i]}
        if not starved:
            break
        fixed |= starved
    # In the unfixed columns' unit (``free`` of them make ``rest`` of a line):
    return [round(floor_share[i] * free / rest) if i in fixed else weights[i] for i in range(ncols)]


def _layout_for_print(app, doctree, docname) -> None:
    if app.builder.format != "latex":
        return
    for table in doctree.findall(nodes.table):
        if "colwidths-given" in table.get("classes", []):
            continue
        colspecs = list(table.findall(nodes.colspec))
        weights = column_weights(table)
        if len(colspecs) != len(weights):
            continue
        for colspec, weight in zip(colspecs, weights):
            colspec["colwidth"] = weight
        table["classes"].append("colwidths-given")
    for figure, its_doc in _figures_by_document(doctree, docname):
        _unfloat_table(figure, its_doc)
    if docname == app.config.root_doc:
        _open_parts(app, doctree)


def _unfloat_table(figure: nodes.figure, docname: str) -> None:
    """A table in a {glue:figure} must not float: one taller than a page is cut off at its foot.

    Set it in the text, so it breaks across pages (Sphinx's longtable). A glued table
    (``table_numbers``) takes its caption as the table's title, at its head as printed tables do:
    longtable steps the table counter itself, so a caption of its own would count it twice. Any
    other figure holding a table is captioned below it with \\captionof{figure}: the same number,
    label and cross-references as the figure it was.
    """
    tables = list(figure.findall(nodes.table))
    if len(tables) != 1:
        return
    # Any table can be taller than a page once its cells wrap; a longtable breaks where it must.
    tables[0]["classes"].append("longtable")
    captions = list(figure.findall(nodes.caption))
    # A table printed in short says so in a paragraph under it (tables.Table, in_print): keep it.
    notes = [p.deepcopy() for p in figure.findall(nodes.paragraph)
             if not any(isinstance(a, (nodes.table, nodes.caption)) for a in _ancestors(p, figure))]
    if table_numbers.is_table(figure):
        table = tables[0].deepcopy()
        if captions:
            table.insert(0, nodes.title("", "", *[child.deepcopy() for child in captions[0].children]))
        table["ids"] = list(dict.fromkeys(table["ids"] + figure["ids"]))
        figure.replace_self([table, *notes])
        return
    text = _latex_escape(captions[0].astext()) if captions else ""
    labels = "".join(f"\\label{{\\detokenize{{{docname}:{i}}}}}" for i in figure["ids"])
    caption = nodes.raw("", f"\\begin{{center}}\\captionof{{figure}}{{{text}}}{labels}\\end{{center}}\n",
                        format="latex")
    figure.replace_self([tables[0].deepcopy(), *notes, caption])


def _ancestors(node: nodes.Node, top: nodes.Node) -> list[nodes.Node]:
    found = []
    while node is not top and node.parent is not None:
        node = node.parent
        found.append(node)
    return found


def _figures_by_document(doctree, docname: str) -> list[tuple[nodes.figure, str]]:
    """Each figure of the assembled LaTeX tree with the document it came from (its labels name it).

    Sphinx inlines each chapter under a start_of_file node without re-parenting its nodes, so
    the document is found from the top down; a nested chapter's figures end up with the innermost.
    """
    owner = {id(f): (f, docname) for f in doctree.findall(nodes.figure)}
    for start in doctree.findall(addnodes.start_of_file):
        for figure in start.findall(nodes.figure):
            owner[id(figure)] = (figure, start["docname"])
    return list(owner.values())


def _open_parts(app, doctree) -> None:
    """Sphinx drops the root page's title and its toctrees' captions in LaTeX: bring them back,
    the title as an unnumbered chapter (the book's opening) and each caption as a \\part."""
    first = next(iter(doctree.findall(nodes.section)), None)
    if first is not None and first.children and isinstance(first[0], nodes.title):
        _flatten_landing(first)
        title = _latex_escape(first[0].astext())
        first.insert(1, nodes.raw("", f"\\chapter*{{{title}}}\\addcontentsline{{toc}}{{chapter}}{{{title}}}"
                                       f"\\markboth{{{title}}}{{{title}}}\n", format="latex"))
    captions = [t.get("caption") for t in app.env.get_doctree(docname=app.config.root_doc).findall(addnodes.toctree)]
    wrappers = [n for n in doctree.findall(nodes.compound) if "toctree-wrapper" in n.get("classes", [])]
    if len(captions) != len(wrappers):
        return
    for caption, wrapper in zip(captions, wrappers):
        if caption:
            wrapper.insert(0, nodes.raw("", f"\\part{{{_latex_escape(caption)}}}\n", format="latex"))


def _flatten_landing(first: nodes.section) -> None:
    """Keep the landing page's own sections inside its opening chapter, and the book's chapters after it.

    Sphinx drops the root page's title, so its sections would print as numbered chapters, and a
    table of contents inside one of them would nest every chapter under it. Print the sections as
    unnumbered headings, and move the tables of contents (with the chapters inlined in them) to the end.
    """
    wrappers = [n for n in first.findall(nodes.compound) if "toctree-wrapper" in n.get("classes", [])]
    for wrapper in wrappers:
        wrapper.parent.remove(wrapper)

    def flat(section: nodes.Element, depth: int) -> list[nodes.Node]:
        out = []
        for child in section.children[1:] if depth else section.children:
            if isinstance(child, nodes.section):
                heading = ("section*", "subsection*", "subsubsection*")[min(depth, 2)]
                title = _latex_escape(child[0].astext()) if isinstance(child[0], nodes.title) else ""
                out.append(nodes.raw("", f"\\{heading}{{{title}}}\n", format="latex"))
                out.extend(flat(child, depth + 1))
            else:
                out.append(child)
        return out

    title, rest = first[0], flat(first, 0)[1:]
    first.children = []
    first += [title, *rest, *wrappers]


_LATEX_SPECIALS = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
                   **{c: "\\" + c for c in "&%$#_{}"}}


def _latex_escape(text: str) -> str:
    return "".join(_LATEX_SPECIALS.get(c, c) for c in text)


def setup(app):
    # Kernels started by myst-nb inherit this process's environment.
    os.environ[BOOK_ENV] = "1"
    app.add_js_file(BUNDLE)
    # The chart config of each theme, which the script swaps in when the reader switches theme.
    themes = {name: chart_config(name) for name in THEMES}
    app.add_js_file(None, body=f"window.hzChartThemes={json.dumps(themes, sort_keys=True)};")
    app.add_js_file(SCRIPT)
    app.connect("config-inited", lambda app, config: config.html_static_path.append(str(STATIC)))
    app.connect("config-inited", _set_up_edition)
    app.connect("html-page-context", _language_switch)
    app.connect("doctree-read", _translate_toc_captions)
    app.add_transform(OutputsNotTranslatable)
    app.add_post_transform(ExecutionTableInEdition)
    table_numbers.setup(app)
    app.connect("build-finished", _write_bundle)
    app.connect("build-finished", _check_font)
    app.connect("env-get-outdated", refresh_if_inputs_changed)
    app.connect("env-get-outdated", pages_read_since_written)
    app.connect("html-page-context", _offer_notebook, priority=400)
    app.connect("html-page-context", _quiet_console, priority=400)
    app.connect("html-page-context", _name_code_toggles)
    app.connect("doctree-resolved", _layout_for_print)
    app.add_post_transform(DropCodeForPrint)
    app.add_post_transform(AltTextForPrint)
    app.add_latex_package("accsupp")
    sphinx_cards.setup(app)  # provenance cards on the prose's numbers, links to the register
    pdf_charts.setup(app)  # charts for print, drawn only when the PDF is written
    sphinx_publish.setup(app)  # base URL, citations, Cite lines, link preview image, robots.txt
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
