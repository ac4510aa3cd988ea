"""``python -m hightech_zones.data.validate``: check every data file and translation catalogue before the book is built.

Prints one line: what was checked, or the first problem with its file, row and column (for a
catalogue, its file, line and message: ``catalogues.py``).
make runs it only when a data file, a catalogue or this checking code changed (``make check-data``).
"""
import argparse
import sys
from pathlib import Path

from hightech_zones.data.catalogues import broken_catalogues
from hightech_zones.data.errors import DataError
from hightech_zones.data.loader import data_dir, validate_all


def catalogue_files(folder: Path) -> list[Path]:
    """The translation catalogues of the book whose data are in ``folder``."""
    return sorted((folder.parent / "locale").rglob("*.po"))


def main(argv=None) -> int:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    try:
        counts = validate_all()
    except DataError as err:
        print(f"DATA ERROR: {err}", file=sys.stderr)
        return 1
    broken = broken_catalogues(data_dir().parent)
    if broken:  # the first, as for the data: one line
        print(f"DATA ERROR: {broken[0]}", file=sys.stderr)
        return 1
    print(f"data OK: {len(counts)} resources, {sum(counts.values())} rows, {len(catalogue_files(data_dir()))} catalogues")
    return 0


if __name__ == "__main__":
    sys.exit(main())
