"""``python -m hightech_zones.validate``: check every data file before the book is built.

Prints one line: what was checked, or the first problem with its file, row and column.
"""
import sys

from .data import DataError, validate_all


def main() -> int:
    try:
        counts = validate_all()
    except DataError as err:
        print(f"DATA ERROR: {err}", file=sys.stderr)
        return 1
    print(f"data OK: {len(counts)} resources, {sum(counts.values())} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
