"""``make html`` with nothing changed: skip the book build when no file it is made from changed.

Sphinx's own no-op still starts Jupyter Book, loads every extension and the pickled environment
of each edition, and checks each page: about three seconds per edition. An author who runs
``make html`` again (or ``make test``, which runs it first) with nothing edited needs none of it.

What the build is made from is every file of the book outside ``_build``, the environment,
hidden folders, caches and ``tests/``; and the environment's installed packages. The stamp
holds a digest of each such file's path, size and modification time, with the arguments of
the build (editions, flags), so any edit, a restored older copy, a new file or a deleted one
makes the next ``make html`` build. It is written only when the build succeeded.

    python -m hightech_zones.build.uptodate check STAMP ARGS...   exit 0 if the last build is current
    python -m hightech_zones.build.uptodate start STAMP ARGS...   note the inputs as the build starts
    python -m hightech_zones.build.uptodate done STAMP            the build succeeded: keep the note
"""
from __future__ import annotations

import hashlib
import os
import sys
import sysconfig
from pathlib import Path

SKIPPED_DIRS = {"_build", "dist", "tests", "node_modules", "__pycache__"}


def inputs(book: Path) -> list[Path]:
    """The files the book is built from, in a stable order."""
    found = []
    for folder, dirs, files in os.walk(book):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not (d in SKIPPED_DIRS or d.startswith(".") or d.endswith(".egg-info")
                                                 or (here / d / "pyvenv.cfg").is_file()))
        found += [here / f for f in sorted(files) if not f.endswith((".log", ".mo", ".pyc"))]
    return found


def digest(book: Path, args: list[str]) -> str:
    """What the last build must have been made from to be current."""
    hashed = hashlib.sha256("\0".join(args).encode())
    packages = Path(sysconfig.get_paths()["purelib"])  # a package installed or upgraded changes it
    for path in [*inputs(book), packages]:
        stat = path.stat()
        hashed.update(f"{path.relative_to(book) if path.is_relative_to(book) else path}"
                      f"\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return hashed.hexdigest()


def main(argv: list[str]) -> int:
    command, stamp, args = argv[0], Path(argv[1]), argv[2:]
    pending = stamp.with_name(stamp.name + ".pending")
    book = Path.cwd()
    if command == "check":
        site = book / "_build" / "html"
        pages = [site / "index.html"] + ([site / "zh_CN" / "index.html"] if "zh_CN" in args else [])
        current = stamp.is_file() and stamp.read_text() == digest(book, args)
        return 0 if current and all(p.is_file() for p in pages) else 1
    if command == "start":  # before the build: an edit made while it runs counts for the next one
        stamp.unlink(missing_ok=True)
        pending.parent.mkdir(parents=True, exist_ok=True)
        pending.write_text(digest(book, args))
        return 0
    if command == "done":
        pending.replace(stamp)
        return 0
    raise SystemExit(f"uptodate: unknown command {command!r} (check, start or done)")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
