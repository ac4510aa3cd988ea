"""Two editions from one source: the kernels' language, the language switch, the catalogues.

* ``config-inited``: tells the kernels the build's language (``language.py``; myst-nb has no option
  for a kernel's environment); for the Chinese edition checks the catalogues and gives the search
  jieba's dictionary, both computed from the sources. (The header's switch, ``templates/``, is put
  in the theme's ``article_header_end`` by ``_config.yml``.)
* ``html-page-context``: the link to the same page in the other edition, and the landing page's
  choice of edition, differ on every page.
* ``doctree-read``: sphinx-external-toc inserts the parts' captions after Sphinx translated the page.
* ``OutputsNotTranslatable``: ``gettext_additional_targets`` can only add node types to the
  catalogues, not keep a cell's outputs (which come from the data) out of them.
* ``ExecutionTableInEdition``: myst-nb's execution table has fixed English headers.
"""
from __future__ import annotations

import os
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import ExtensionError
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from hightech_zones.language import CHINESE, ENGLISH
from hightech_zones.language import ENV as LANGUAGE_ENV


def _edition(config) -> str:
    return CHINESE if (config.language or "").replace("-", "_").startswith("zh") else ENGLISH


def _set_up_edition(app, config) -> None:
    """Tell the kernels which edition they execute for; check the Chinese catalogues, index its words."""
    os.environ[LANGUAGE_ENV] = _edition(config)
    if _edition(config) != ENGLISH:
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
    from hightech_zones.data.catalogues import broken_catalogues

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
        from hightech_zones.words.labels import label

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


def setup(app) -> None:
    app.connect("config-inited", _set_up_edition)
    app.connect("html-page-context", _language_switch)
    app.connect("doctree-read", _translate_toc_captions)
    app.add_transform(OutputsNotTranslatable)
    app.add_post_transform(ExecutionTableInEdition)
