"""``python -m hightech_zones.data.validate``: check every data file and translation catalogue before the book is built.

Prints one line: what was checked, or the first problem with its file, row and column (for a
catalogue, its file, line and message: ``catalogues.py``).

With ``--stamp FILE``, a check that passes writes there a digest of the data and of the
checking code; the next run with the same digest has nothing new to check and says so
without loading anything (an author's rebuild should not pay for unchanged data).
"""
import argparse
import hashlib
import sys
from pathlib import Path

from hightech_zones.data.catalogues import broken_catalogues
from hightech_zones.data.errors import DataError
from hightech_zones.data.loader import data_dir, validate_all

PACKAGE = Path(__file__).parent
CHECKING_CODE = ("loader.py", "checks.py", "shape.py", "numbers.py", "catalogues.py", "validate.py")


def catalogue_files(folder: Path) -> list[Path]:
    """The translation catalogues of the book whose data are in ``folder``."""
    return sorted((folder.parent / "locale").rglob("*.po"))


def inputs_digest(folder: Path) -> str:
    """The data files, the catalogues and the code that checks them, as one digest."""
    digest = hashlib.sha256()
    for path in [*sorted(folder.glob("*")), *catalogue_files(folder), *(PACKAGE / name for name in CHECKING_CODE)]:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stamp", type=Path, help="skip the check if the data are as when it last passed")
    args = parser.parse_args(argv)
    digest = inputs_digest(data_dir()) if args.stamp else None
    if args.stamp and args.stamp.is_file() and args.stamp.read_text() == digest:
        print("data OK: unchanged since the last check")
        return 0
    try:
        counts = validate_all()
    except DataError as err:
        print(f"DATA ERROR: {err}", file=sys.stderr)
        return 1
    broken = broken_catalogues(data_dir().parent)
    if broken:  # the first, as for the data: one line
        print(f"DATA ERROR: {broken[0]}", file=sys.stderr)
        return 1
    if args.stamp:
        args.stamp.parent.mkdir(parents=True, exist_ok=True)
        args.stamp.write_text(digest)
    print(f"data OK: {len(counts)} resources, {sum(counts.values())} rows, {len(catalogue_files(data_dir()))} catalogues")
    return 0


if __name__ == "__main__":
    sys.exit(main())
