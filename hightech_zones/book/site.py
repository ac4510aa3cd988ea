"""The book's Sphinx extension, publishing part: what a published page carries (``publish.py``
says where it lives; ``citation.py`` how to cite it).

* ``config-inited``: the base URL (``publish.base_url``) as ``html_baseurl``, for Sphinx's
  canonical links, sphinxext-opengraph's ``og:url`` and sphinx-sitemap; the Chinese edition's
  is its folder, ``zh_CN/``. It is computed (an environment variable), which YAML cannot do;
  and the edition's title as the previews' site name (Jupyter Book leaves ``project`` unset).
* the ``hz-citation`` directive: the landing page's suggested citation, from ``CITATION.cff``,
  and (HTML) the link to ``citation.bib``, which ``build-finished`` writes with ``robots.txt``
  (the English edition, at the site's root, only: robots.txt is read there alone).
* ``html-page-context``: the pages Sphinx generates (search, index) get a description and a
  preview too; sphinxext-opengraph describes only pages with a document.
* ``doctree-resolved``: under every numbered chart and table, beside its data download, a Cite
  line (the book, the figure's number and title, its permalink). Only Sphinx knows the numbers,
  so the kernels cannot write it; and on the landing chart (:data:`PREVIEW`) the link preview's
  image, drawn from its spec with vl-convert, in the edition's language.
"""
from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive

from hightech_zones.build import citation, publish
from hightech_zones.language import ENGLISH
from hightech_zones.language import language as edition

PREVIEW = "fig-index-levels"  # the landing page's first finding, the link preview's picture
PREVIEW_IMAGE = "_static/hz-preview.png"
BIB = "citation.bib"
SPEC = re.compile(r"var spec=(.*?);var el=document", re.S)
DATA_LINK = re.compile(r"(<p class=\"hz-figure-data\">.*?</p>)", re.S)


def _book(app) -> tuple[dict, str, str]:
    """CITATION.cff, and the book's title and authors in the edition's language."""
    cff = citation.read(Path(app.srcdir))
    if edition() == ENGLISH:
        return cff, cff["title"], cff["authors"][0]["name"]
    return cff, app.config.html_title, app.config.author


def _set_base_url(app, config) -> None:
    config.html_baseurl = publish.base_url(edition())
    config.ogp_site_url = config.html_baseurl
    # Jupyter Book gives the book's title to html_title, not to project, which opengraph would name
    config.ogp_site_name = config.ogp_image_alt = config.html_title


class CitationDirective(Directive):
    """``{hz-citation}``: the book's suggested citation, and its BibTeX download (HTML only)."""

    def run(self):
        app = self.state.document.settings.env.app
        before, title, after = citation.book_citation(*_book(app))
        shown = nodes.emphasis(text=title) if edition() == ENGLISH else nodes.Text(title)
        quote = nodes.block_quote("", nodes.paragraph("", "", nodes.Text(before), shown, nodes.Text(after)))
        from hightech_zones.words.labels import label

        named = f" ({BIB})" if edition() == ENGLISH else f"（{BIB}）"  # full-width brackets in Chinese
        download = nodes.raw("", f'<p class="hz-cite-download"><a href="{BIB}" download="{BIB}">'
                                 f'{label("cite_bibtex")}{named}</a></p>', format="html")
        return [quote, download]


def _write_files(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    cff, _, _ = _book(app)
    outdir = Path(app.outdir)
    # beside the landing page, which links it
    (outdir / Path(app.config.root_doc).parent / BIB).write_text(citation.bibtex(cff, app.config.html_baseurl), encoding="utf-8")
    if edition() == ENGLISH:
        (outdir / "robots.txt").write_text(publish.robots(), encoding="utf-8")


def _cite_figures(app, doctree, docname) -> None:
    if app.builder.format != "html":
        return
    numbers = app.env.toc_fignumbers.get(docname, {})
    std = app.env.get_domain("std")
    page = app.config.html_baseurl + app.builder.get_target_uri(docname)
    _, book, _ = _book(app)
    for figure in doctree.findall(nodes.figure):
        kind = std.get_enumerable_node_type(figure)
        ids = [i for i in figure["ids"] if i in numbers.get(kind, {})]
        raws = [r for r in figure.findall(nodes.raw) if 'class="hz-figure-data"' in r.astext()]
        if not ids or len(raws) != 1:
            continue
        anchor = ids[0]
        number = app.config.numfig_format[kind] % ".".join(map(str, numbers[kind][anchor]))
        caption = next(figure.findall(nodes.caption), None)
        line = citation.figure_citation(book, number, caption.astext() if caption else "", anchor,
                                        f"{page}#{anchor}")
        text = DATA_LINK.sub(lambda m: m.group(1) + line, raws[0].astext(), count=1)
        raws[0].replace_self(nodes.raw("", text, format="html"))
        if anchor == PREVIEW:
            _draw_preview(app, text)


def _describe_generated(app, pagename, templatename, context, doctree) -> None:
    """The pages Sphinx generates (search, index) have no document for sphinxext-opengraph to
    describe: give them the book's name, and the same preview as every other page."""
    if doctree is not None or app.builder.format != "html":
        return
    from sphinx.locale import _  # Sphinx's own name of the page, in the edition's language

    title = html.escape(re.sub(r"<[^>]+>", "", context.get("title") or _({"genindex": "Index"}.get(pagename, "Search"))))
    book = html.escape(app.config.html_title)
    tags = {"og:title": title, "og:type": "website", "og:site_name": book,
            "og:url": app.config.html_baseurl + app.builder.get_target_uri(pagename),
            "og:description": f"{book}: {title}", "og:image": app.config.html_baseurl + PREVIEW_IMAGE}
    tags = "".join(f'\n<meta property="{k}" content="{v}" />' for k, v in tags.items())
    context["metatags"] = (context.get("metatags", "") + tags
                           + f'\n<meta name="description" content="{book}: {title}" />'
                           + '\n<meta name="twitter:card" content="summary_large_image">')


def _draw_preview(app, page: str) -> None:
    """The link preview's image: the chart as a PNG, in the light theme."""
    from hightech_zones.book.html import bundle_folder, bundle_stamp
    from hightech_zones.charts.theme import chart_config
    from hightech_zones.output.bundles import png

    found = SPEC.search(page)
    if found is None:
        return
    spec = json.loads(found.group(1))
    spec["config"] = {**chart_config("light"), **spec.get("config", {})}
    # Kept with the chart bundle, by what it is drawn from: a rebuild does not draw it again.
    key = hashlib.sha256((json.dumps(spec, sort_keys=True) + bundle_stamp()).encode()).hexdigest()[:16]
    kept = bundle_folder(Path(app.srcdir)) / f"preview-{key}.png"
    if not kept.is_file():  # whole or absent, though the two editions may draw it at once
        kept.parent.mkdir(parents=True, exist_ok=True)
        partial = kept.with_name(f"{kept.name}.{os.getpid()}")
        partial.write_bytes(png(spec))
        partial.replace(kept)
    target = Path(app.outdir) / PREVIEW_IMAGE
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(kept, target)


def setup(app) -> None:
    app.connect("config-inited", _set_base_url)
    app.add_directive("hz-citation", CitationDirective)
    # Every page cites the book (the landing page in full, the others in their Cite lines): a page
    # is re-read, and written again, when CITATION.cff changes.
    app.connect("doctree-read", lambda app, doctree: app.env.note_dependency(str(Path(app.srcdir) / citation.CFF)))
    app.connect("doctree-resolved", _cite_figures)
    app.connect("build-finished", _write_files)
    app.connect("html-page-context", _describe_generated)

