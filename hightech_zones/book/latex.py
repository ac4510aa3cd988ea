"""The printed book (LaTeX): no code, charts as images with their alt text, tables that fit.

* ``DropCodeForPrint``: the cells' sources are dropped, their outputs kept; myst-nb's
  ``nb_remove_code_source`` applies to every builder, and HTML and LaTeX share their doctrees.
* ``AltTextForPrint``: each chart's image carries its text alternative as the PDF's alt text.
* ``doctree-resolved``: opens the book with the landing page as an unnumbered chapter and each
  part of the contents with ``\\part{caption}``; gives every table column widths from its content;
  sets a long glued table in the text so it breaks across pages. Sphinx has an option for none.
"""
from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from hightech_zones.book import table_numbers

COLUMN_PADDING = 3  # characters
LINE_WIDTH = 90  # characters of body text a line of the PDF holds, about
MAX_WORD = 10  # a longer word (an id, a URL) may break: LaTeX breaks ids at their underscores
WIDE = re.compile(r"[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")




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


def setup(app) -> None:
    app.connect("doctree-resolved", _layout_for_print)
    app.add_post_transform(DropCodeForPrint)
    app.add_post_transform(AltTextForPrint)
    app.add_latex_package("accsupp")
