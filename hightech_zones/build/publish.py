"""Publishing the built book: where it will live, its sitemap, and its release archive.

The base URL (``HIGHTECH_ZONES_BASE_URL``, else the placeholder :data:`PLACEHOLDER`) is the one
setting: the book's Sphinx extension gives it to Sphinx (canonical links), sphinxext-opengraph
(link previews) and sphinx-sitemap; the Chinese edition lives under ``zh_CN/`` below it.
Every link inside the site stays relative, so the same files work from any host and sub-path.

    python -m hightech_zones.build.publish sitemap      # one sitemap.xml for both editions, with hreflang
    python -m hightech_zones.build.publish dist [DIR]   # DIR/hightech-zones-<version>.tar.gz (default dist)

The sitemap: sphinx-sitemap writes one per edition, listing the pages that build wrote; this
joins the two at the site's root, pairs each page with its translation (``xhtml:link``
``hreflang``), and adds any page an incremental build did not rewrite.

The archive, ``hightech-zones-<version>/`` unpacked, is the site itself (both editions), with
``pdf/`` (both PDFs), ``notebooks/`` (each edition's executed notebooks), ``data/`` (the data
package), ``CITATION.cff`` and ``SHA256SUMS``. Two runs on one build give the same bytes: files
in name order, every time stamp the commit's (``SOURCE_DATE_EPOCH``), no owner, gzip without
a time or a name.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import os
import sys
import tarfile
from pathlib import Path
from xml.etree import ElementTree

from hightech_zones import __version__
from hightech_zones.language import CHINESE, ENGLISH

ENV = "HIGHTECH_ZONES_BASE_URL"
PLACEHOLDER = "https://example.org/hightech-zones/"
HREFLANG = {ENGLISH: "en", CHINESE: "zh-Hans"}
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
NOT_PAGES = {"search.html", "genindex.html"}  # Sphinx's generated pages: nothing to find there
REDIRECT = 'http-equiv="Refresh"'
ROOT = Path.cwd()
SITE = ROOT / "_build" / "html"
PDFS = {"book.pdf": ROOT / "_build" / "latex" / "book.pdf",
        "book.zh_CN.pdf": ROOT / "_build" / "latex" / "book.zh_CN.pdf"}


def base_url(edition: str = ENGLISH) -> str:
    """Where the edition's pages will be served from, ending in '/'."""
    base = (os.environ.get(ENV) or PLACEHOLDER).rstrip("/") + "/"
    return base if edition == ENGLISH else f"{base}{edition}/"


# --- the sitemap ----------------------------------------------------------------------------

def _pages(folder: Path) -> set[str]:
    """An edition's pages, by path from its root: not the other edition's folder, nor the page at
    the root that only sends the reader on to the landing page (Jupyter Book's)."""
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*.html")
            if not {"_static", "_sources", "_images", CHINESE} & set(p.relative_to(folder).parts[:-1])
            and p.name not in NOT_PAGES and REDIRECT not in p.read_text(encoding="utf-8")[:2000]}


def _listed(sitemap: Path, base: str) -> set[str]:
    if not sitemap.is_file():
        return set()
    locs = (e.text or "" for e in ElementTree.parse(sitemap).iter(f"{{{SITEMAP_NS}}}loc"))
    return {loc[len(base):] for loc in locs if loc.startswith(base)}


def sitemap(site: Path = SITE) -> Path:
    """Write ``site/sitemap.xml``: every page of both editions, each with its alternates."""
    editions = {ENGLISH: site, CHINESE: site / CHINESE}
    pages = {ed: _pages(folder) | _listed(folder / "sitemap.xml", base_url(ed))
             for ed, folder in editions.items() if (folder / "index.html").is_file()}
    ElementTree.register_namespace("", SITEMAP_NS)
    ElementTree.register_namespace("xhtml", XHTML_NS)
    root = ElementTree.Element(f"{{{SITEMAP_NS}}}urlset")
    for edition, paths in pages.items():
        for path in sorted(paths):
            url = ElementTree.SubElement(root, f"{{{SITEMAP_NS}}}url")
            ElementTree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = base_url(edition) + path
            twins = [ed for ed in pages if path in pages[ed]]
            for twin in twins if len(twins) > 1 else []:
                ElementTree.SubElement(url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=HREFLANG[twin],
                                       href=base_url(twin) + path)
    ElementTree.indent(root)
    target = site / "sitemap.xml"
    target.write_bytes(ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n")
    return target


def robots() -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {base_url()}sitemap.xml\n"


# --- the release archive --------------------------------------------------------------------

def release_files(root: Path = ROOT, site: Path = SITE, pdfs: dict[str, Path] = PDFS) -> dict[str, Path]:
    """What the archive holds, by its path inside the archive."""
    if not (site / CHINESE / "index.html").is_file():
        raise SystemExit(f"publish: {site} lacks an edition; run make html (both editions) first")
    missing = [str(p) for p in pdfs.values() if not p.is_file()]
    if missing:
        raise SystemExit(f"publish: {', '.join(missing)} missing; run make pdf first")
    files = {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}
    files |= {f"pdf/{name}": path for name, path in pdfs.items()}
    for edition, folder in ((ENGLISH, site), (CHINESE, site / CHINESE)):
        for notebook in (folder / "_sources").rglob("*.ipynb"):
            files[f"notebooks/{edition}/{notebook.relative_to(folder / '_sources').as_posix()}"] = notebook
    files |= {f"data/{p.name}": p for p in (root / "data").iterdir() if p.is_file()}
    files["CITATION.cff"] = root / "CITATION.cff"
    return files


def _entry(name: str, size: int, epoch: int, directory: bool = False) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.uid, info.gid, info.uname, info.gname = size, epoch, 0, 0, "", ""
    info.type, info.mode = (tarfile.DIRTYPE, 0o755) if directory else (tarfile.REGTYPE, 0o644)
    return info


def archive(files: dict[str, Path], target: Path, top: str, epoch: int) -> Path:
    """A .tar.gz of ``files`` under ``top/``, with ``SHA256SUMS``: the same bytes for the same files."""
    contents = {name: path.read_bytes() for name, path in files.items()}
    contents["SHA256SUMS"] = "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n"
                                     for name, data in sorted(contents.items())).encode()
    folders = sorted({"/".join(name.split("/")[:i]) for name in contents for i in range(1, name.count("/") + 1)})
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    with partial.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz, \
            tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar:
        tar.addfile(_entry(top, 0, epoch, directory=True))
        for folder in folders:
            tar.addfile(_entry(f"{top}/{folder}", 0, epoch, directory=True))
        for name in sorted(contents):
            tar.addfile(_entry(f"{top}/{name}", len(contents[name]), epoch), io.BytesIO(contents[name]))
    partial.replace(target)
    return target


def dist(out: Path) -> Path:
    top = f"hightech-zones-{__version__}"
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or 0)
    return archive(release_files(), out / f"{top}.tar.gz", top, epoch)


def main(argv: list[str]) -> None:
    command, *rest = argv or ["help"]
    if command == "sitemap":
        print(sitemap())
    elif command == "dist":
        print(dist(Path(rest[0]) if rest else ROOT / "dist"))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
