"""Re-execute a chapter when what it reads changes, and only that chapter.

jupyter-cache recognises a notebook by its code alone, and Sphinx re-reads a page only when its
source changes; but a chapter's outputs also depend on the data files it loads and on the
modules of this package it imports. Without this, an edited data file would leave a page
showing the old numbers from the cache.

A chapter's inputs are found by reading code, not by running it:

* modules: what its code cells import from this package, then what those modules import, and so on;
* data: the resources named in ``load("...")`` calls in its cells and in those modules, with the
  resources their foreign keys point to, and ``datapackage.json``. A ``load`` whose argument is
  not written out (``load(name)``) could read anything: then every data file counts.

A module counts by its syntax tree without docstrings, so a comment or a docstring changes nothing.
"""
from __future__ import annotations

import ast
import hashlib
import json
from pathlib import Path

PACKAGE = Path(__file__).parents[1]
STAMP = "hightech_zones-inputs.json"
MEMO = "hightech_zones-inputs-memo.json"
RAN_AHEAD = "hightech_zones-ran-ahead.json"  # written by build/execute.py
# The loader itself calls load(name) for every resource; that is not a chapter reading them all.
LOADER = "data.loader"


class _Memo:
    """What freshness computes from a text alone (a chapter's cells, a module's digest and what it
    names), by the text's hash: kept between builds, so a rebuild with nothing changed parses nothing.
    The entries hold while this module, myst-nb and the package's list of modules are as they were."""

    def __init__(self) -> None:
        self.kept: dict[str, object] = {}
        self.used: dict[str, object] = {}
        self.loaded = ""

    def get(self, kind: str, text: str, compute):
        key = f"{kind}:{hashlib.sha256(text.encode()).hexdigest()}"
        if key not in self.used:
            self.used[key] = self.kept[key] if key in self.kept else compute()
        return self.used[key]

    @staticmethod
    def version(package: Path) -> str:
        from importlib.metadata import version

        modules = ",".join(all_modules(package))
        own = Path(__file__).read_text(encoding="utf-8")
        return hashlib.sha256(f"{own}|{version('myst-nb')}|{package}|{modules}".encode()).hexdigest()

    def load(self, path: Path, package: Path) -> None:
        try:
            saved = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            saved = {}
        version = self.version(package)
        if version != self.loaded:  # another package, or its modules changed: nothing known holds
            self.used, self.loaded = {}, version
        self.kept = saved.get("entries", {}) if saved.get("version") == version else {}

    def save(self, path: Path, package: Path) -> None:
        path.write_text(json.dumps({"version": self.version(package), "entries": self.used}, sort_keys=True))


_MEMO = _Memo()


def code_cells(markdown: str) -> list[str]:
    """The code of a MyST notebook's cells, read as myst-nb reads them (cell options apart)."""
    def read() -> list[str]:
        from myst_nb.core.read import read_myst_markdown_notebook

        notebook = read_myst_markdown_notebook(markdown)
        return [cell.source for cell in notebook.cells if cell.cell_type == "code"]

    return _MEMO.get("cells", markdown, read)


def all_modules(package: Path) -> list[str]:
    """The package's modules by dotted name below it ("words.fmt"; "__init__" for its own)."""
    return sorted(".".join(p.relative_to(package).with_suffix("").parts).removesuffix(".__init__") or "__init__"
                  for p in package.rglob("*.py"))


def module_file(package: Path, module: str) -> Path | None:
    """The file of a module named as :func:`all_modules` names it, or None."""
    base = package / module.replace(".", "/") if module != "__init__" else package
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def _package_imports(tree: ast.AST, package: Path) -> set[str]:
    """The package's modules a tree imports, with the packages they sit in (their __init__ runs too)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            # `from pkg import name`: the name may be a module of its own.
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] != package.name:
                continue
            for end in range(1, len(parts) + 1):
                module = ".".join(parts[1:end]) or "__init__"
                if module_file(package, module):
                    found.add(module)
    return found


def _loads(tree: ast.AST) -> set[str] | None:
    """Resources named in load("...") calls; None if some call names its resource at run time."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "load":
            arg = node.args[0] if node.args else None
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                names.add(arg.value)
            else:
                return None
    return names


def _strip_docstrings(tree: ast.AST) -> ast.AST:
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and body
                and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)):
            node.body = body[1:] or [ast.Pass()]
    return tree


def module_digest(path: Path) -> str:
    """A module's code as Python sees it: comments, docstrings and layout do not count."""
    return _digest_of_code(path.read_text(encoding="utf-8"))


# Every chapter shares most modules: parse each text once per build (and not again while it is unchanged).
def _digest_of_code(code: str) -> str:
    return _MEMO.get("digest", code, lambda: hashlib.sha256(
        ast.dump(_strip_docstrings(ast.parse(code))).encode()).hexdigest())


def _module_reads(code: str, module: str, package: Path) -> tuple[set[str], set[str] | None]:
    """The modules and the resources one module's code names: walked once, though most chapters
    reach the same modules (walking them per chapter was most of a no-op rebuild)."""
    def read() -> list:
        tree = ast.parse(code)
        named = _loads(tree) if module != LOADER else set()
        return [sorted(_package_imports(tree, package)), None if named is None else sorted(named)]

    imports, named = _MEMO.get(f"reads:{package}:{module}", code, read)
    return set(imports), None if named is None else set(named)


def chapter_inputs(source: Path, book: Path, package: Path = PACKAGE) -> tuple[list[str], list[Path]]:
    """The package modules and the data files a chapter's outputs depend on."""
    return code_inputs(code_cells(source.read_text(encoding="utf-8")), book, package)


def code_inputs(cells: list[str], book: Path, package: Path = PACKAGE) -> tuple[list[str], list[Path]]:
    """The package modules and the data files what this code computes depends on."""
    trees = []
    for cell in cells:
        try:
            trees.append(ast.parse(cell))
        except SyntaxError:  # IPython syntax: cannot be read, so assume it reads everything
            return all_modules(package), sorted((book / "data").glob("*"))
    modules: set[str] = set()
    resources: set[str] | None = set()
    todo = []
    for tree in trees:
        todo += sorted(_package_imports(tree, package))
        named = _loads(tree)
        resources = None if named is None or resources is None else resources | named
    while todo:
        module = todo.pop()
        if module in modules:
            continue
        modules.add(module)
        imports, named = _module_reads(module_file(package, module).read_text(encoding="utf-8"), module, package)
        todo += sorted(imports - modules)
        resources = None if named is None or resources is None else resources | named
    return sorted(modules), _data_files(book / "data", resources)


def _data_files(folder: Path, resources: set[str] | None) -> list[Path]:
    """The files behind the resources and those their foreign keys point to, with the descriptor."""
    descriptor = folder / "datapackage.json"
    if resources is None or not descriptor.is_file():
        return sorted(folder.glob("*"))
    by_name = {r["name"]: r for r in json.loads(descriptor.read_text(encoding="utf-8"))["resources"]}
    todo, seen = list(resources), set()
    while todo:
        name = todo.pop()
        if name in seen or name not in by_name:
            continue
        seen.add(name)
        todo += [fk["reference"]["resource"] or name for fk in by_name[name]["schema"].get("foreignKeys", [])]
    return sorted([descriptor, *(folder / by_name[n]["path"] for n in seen)])


def chapter_digest(source: Path, book: Path, package: Path = PACKAGE) -> str:
    return inputs_digest(*chapter_inputs(source, book, package), package)


def code_digest(code: str, book: Path, package: Path = PACKAGE) -> str:
    """A digest of what this code's result depends on: the package's modules it reaches and the data
    they load. The build's own products (the provenance cards) are made again only when it changes."""
    return inputs_digest(*code_inputs([code], book, package), package)


def inputs_digest(modules: list[str], files: list[Path], package: Path = PACKAGE) -> str:
    digest = hashlib.sha256()
    for module in modules:
        digest.update(f"{module}\0{module_digest(module_file(package, module))}\0".encode())
    for path in files:
        digest.update(path.name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b"") + b"\0")
    return digest.hexdigest()


def refresh_if_inputs_changed(app, env, added, changed, removed, package: Path = PACKAGE) -> list[str]:
    """Sphinx ``env-get-outdated``: each page whose inputs changed loses its cached outputs and is re-read."""
    from jupyter_cache import get_cache  # only builds pay for it

    cache_path = Path(env.mystnb_config.execution_cache_path)
    stamp = cache_path.parent / STAMP
    known = json.loads(stamp.read_text()) if stamp.is_file() else {}
    memo = cache_path.parent / MEMO
    _MEMO.load(memo, package)
    book, now, outdated = Path(app.srcdir), {}, []
    for docname in sorted(env.found_docs):
        source = Path(env.doc2path(docname))
        if source.suffix != ".md":
            continue
        now[docname] = chapter_digest(source, book, package)
        if known.get(docname) != now[docname]:
            outdated.append(docname)
    # build/execute.py ran these chapters for their new inputs already, just before this build.
    note = cache_path.parent / RAN_AHEAD
    ran = json.loads(note.read_text()) if note.is_file() else {}
    note.unlink(missing_ok=True)
    stale = [Path(env.doc2path(d)) for d in outdated if ran.get(d) != now[d]]
    if stale and cache_path.exists():
        drop_results(get_cache(cache_path), stale, book)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(json.dumps(now, indent=1, sort_keys=True))
    _MEMO.save(memo, package)
    return outdated


def drop_results(cache, sources: list[Path], book: Path) -> None:
    """Remove the cached results of these pages from a jupyter-cache cache."""
    # A record names its notebook by absolute path, which is another folder's if the book (or its
    # _build) was moved or copied: match on the page's path within the book.
    stale = {source.resolve().relative_to(book.resolve()).parts for source in sources}
    for record in cache.list_cache_records() if stale else []:
        parts = Path(record.uri).parts
        if any(parts[-len(page):] == page for page in stale):
            cache.remove_cache(record.pk)


def pages_read_since_written(app, env, added, changed, removed) -> list[str]:
    """Sphinx ``env-get-outdated``: in an HTML build, each page read again since its HTML was written.

    The PDF build shares the doctrees: when it re-runs a chapter (its inputs changed), the HTML
    builder, which compares the page's HTML with its source file's time, would not rewrite it, and
    the web page would keep the old numbers. Re-reading the page (from the execution cache) writes it.
    """
    if app.builder.format != "html":
        return []
    pages = []
    for docname, read in env.all_docs.items():
        target = Path(app.builder.get_outfilename(docname))
        if docname not in changed and target.is_file() and target.stat().st_mtime_ns // 1000 < read:
            pages.append(docname)
    return pages
