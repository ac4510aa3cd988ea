"""How a data problem is reported: one error type, and where in which file it is."""
from __future__ import annotations

from pathlib import Path


class DataError(ValueError):
    """A data file is missing, malformed or inconsistent."""


def where(path: Path, row: int | None = None, column: str | None = None) -> str:
    """'data/figures.csv, row 3 (line 4), column "value"': row 1 is the first row after the header."""
    parts = [f"{path.parent.name}/{path.name}"]
    if row is not None:
        parts.append(f"row {row} (line {row + 1})")
    if column is not None:
        parts.append(f'column "{column}"')
    return ", ".join(parts)
