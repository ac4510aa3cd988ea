"""Sphinx: each number of the prose that shows a figure opens its provenance card and links to its row.

A chapter glues such a number with its figure's id (``provenance.Sourced``: the glue record
holds the id under ``provenance.MIME`` beside the text). Here:

* ``{glue:text}`` keeps that id on the number it pastes (``SourcedTextRole``); a number glued
  from another page (``{glue:text}`page.md::key:s```, as a translated edition writes it) is
  given it from that page's glue cache (``MarkCrossPageNumbers``);
* each such number becomes a :class:`figure_number`: in HTML a link to its row of the register
  (``provenance.register_target``) that carries the id (``data-hz``), from which the book's
  script opens the card on hover, focus or tap; in LaTeX the same link, with no colour and no
  box, so the printed page looks as before;
* the cards themselves, built from ``data/`` in the build's language (``provenance.cards``),
  ship once for the whole book as ``_static/hz-cards.js``: data for the script, set as text;
* the register's tables mark each row with its id (``tables.Table``): ``<tr id>`` in HTML, and
  the ``{hz-anchor}`` role, a LaTeX label, in the table the PDF typesets.
"""
from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes
from myst_nb.ext.glue.crossref import read_glue_cache
from myst_nb.ext.glue.roles import PasteTextRole
from myst_nb.ext.glue.utils import PendingGlueReference, retrieve_glue_data
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from hightech_zones.analysis import provenance

logger = logging.getLogger(__name__)
CARDS = "hz-cards.js"
_built: dict[str, dict] = {}


def book_cards(language: str | None) -> dict[str, dict]:
    """The cards of the book in this language, built once per build process."""
    key = language or "en"
    if key not in _built:
        _built[key] = provenance.cards(key)
    return _built[key]


def _glued_ref(data: dict) -> str | None:
    found = data.get(provenance.MIME)
    if isinstance(found, str):  # a mime bundle may hold JSON as text
        found = json.loads(found)
    return found.get("ref") if isinstance(found, dict) else None


class SourcedTextRole(PasteTextRole):
    """myst-nb's ``{glue:text}``, which also keeps the id of the figure a number shows."""

    def run(self):
        pasted, messages = super().run()
        if len(pasted) == 1 and isinstance(pasted[0], nodes.inline):
            key = self.text.rsplit(":", 1)[0] if ":" in self.text else self.text
            ref = _glued_ref(retrieve_glue_data(self.document, key).data)
            if ref:
                pasted[0]["hz_ref"] = ref
        return pasted, messages


class MarkCrossPageNumbers(SphinxPostTransform):
    """A number glued from another page keeps its figure's id: wrap the pending reference,
    before myst-nb (priority 5) replaces it with the text, in an inline that holds the id."""

    default_priority = 4

    def run(self, **kwargs) -> None:
        folder = self.env.mystnb_config.output_folder
        for pending in list(self.document.findall(PendingGlueReference)):
            if pending.gtype != "text":
                continue
            output = read_glue_cache(folder, pending.refdoc).get(pending.key)
            ref = _glued_ref(output.get("data", {})) if output else None
            if ref:
                wrapper = nodes.inline("", "", hz_ref=ref)
                pending.replace_self(wrapper)
                wrapper += pending


class figure_number(nodes.inline):
    """A number of the prose that shows a figure: its id (``hz_ref``) and where its row is."""


class MarkFigureNumbers(SphinxPostTransform):
    """Each number glued with a figure's id becomes a :class:`figure_number` linked to its row."""

    default_priority = 20  # after myst-nb's cross-page glue (5)

    def run(self, **kwargs) -> None:
        known = None
        for inline in list(self.document.findall(nodes.inline)):
            ref = inline.get("hz_ref")
            if not ref:
                continue
            known = book_cards(self.config.language) if known is None else known
            if ref not in known:
                logger.warning(f"no provenance card for {ref!r}: is its id in data/?", location=inline)
                continue
            docname, anchor = provenance.register_target(ref)
            number = figure_number("", "", *inline.children, hz_ref=ref, hz_doc=docname, hz_anchor=anchor)
            number.source, number.line = inline.source, inline.line
            inline.replace_self(number)


def _visit_html(self, node: figure_number) -> None:
    uri = self.builder.get_relative_uri(self.builder.current_docname, node["hz_doc"]) + "#" + node["hz_anchor"]
    # starttag escapes every attribute value
    self.body.append(self.starttag(node, "a", "", href=uri, CLASS="hz-fig", **{"data-hz": node["hz_ref"]}))


def _depart_html(self, node: figure_number) -> None:
    self.body.append("</a>")


def _visit_latex(self, node: figure_number) -> None:
    # \sphinxhzfigure hides the link's colour and box: the printed page reads as before.
    self.body.append(r"\sphinxhzfigure{" + self.hyperlink(f"{node['hz_doc']}:{node['hz_anchor']}"))


def _depart_latex(self, node: figure_number) -> None:
    self.body.append("}}}")


LATEX_PREAMBLE = r"""
% A number of the prose links to its row of the figures register, invisibly (hightech_zones.book.cards).
\newcommand{\sphinxhzfigure}[1]{{\hypersetup{hidelinks}#1}}
"""


def anchor_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{hz-anchor}`id```: a row's anchor in a register table, as LaTeX sees it (a label)."""
    if not provenance.ID.match(text):
        message = inliner.reporter.error(f"not an anchor id: {text!r}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    return [nodes.target("", "", ids=[text])], []


def _write_cards(app, exception) -> None:
    """Write the cards, unless the modules and data they are made from (and the language) are as
    they were when the file was written: building them reads data/ and imports pandas."""
    if exception is not None or app.builder.format != "html":
        return
    from hightech_zones.book.freshness import code_digest

    target = Path(app.outdir) / "_static" / CARDS
    stamp = Path(app.doctreedir) / "hz-cards.stamp"
    key = f"{app.config.language}:{code_digest(f'import {__name__}', Path(app.srcdir))}"
    if target.is_file() and stamp.is_file() and stamp.read_text() == key:
        return
    cards = book_cards(app.config.language)
    text = "window.hzCards=" + json.dumps(cards, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + ";\n"
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    stamp.write_text(key)


def _add_preamble(app, config) -> None:
    elements = dict(config.latex_elements or {})
    elements["preamble"] = elements.get("preamble", "") + LATEX_PREAMBLE
    config.latex_elements = elements


def setup(app) -> None:
    app.add_role_to_domain("glue", "text", SourcedTextRole(), override=True)
    app.add_role("hz-anchor", anchor_role)
    app.add_node(figure_number, html=(_visit_html, _depart_html), latex=(_visit_latex, _depart_latex))
    app.add_post_transform(MarkCrossPageNumbers)
    app.add_post_transform(MarkFigureNumbers)
    app.add_js_file(CARDS)
    app.connect("config-inited", _add_preamble)
    app.connect("build-finished", _write_cards, priority=400)  # before the font, which reads it
