"""Load the book's data, validated against ``data/datapackage.json``.

Every check reports the first problem it finds as one :class:`DataError` whose
message names the file, the row and the column, so that a bad edit stops the
build with a message an editor can act on.
"""
from __future__ import annotations

import csv
import io
import json
import math
import os
import re
from functools import lru_cache, wraps
from pathlib import Path
from typing import TYPE_CHECKING

from hightech_zones.data.checks import check_resource, markup_in, package_markup, untranslated_properties
from hightech_zones.data.errors import DataError, where
from hightech_zones.data.shape import shape_problem

if TYPE_CHECKING:  # pandas is imported where a frame is made: validating needs none
    import pandas as pd

DATA_ENV = "HIGHTECH_ZONES_DATA"


def data_dir() -> Path:
    """The ``data/`` folder: $HIGHTECH_ZONES_DATA, else the nearest one above the working directory."""
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV]).resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "datapackage.json").is_file():
            return folder / "data"
    raise DataError(f"no data/datapackage.json in {here} or any folder above it (set {DATA_ENV})")


@lru_cache(maxsize=None)
def package(folder: Path | None = None) -> dict:
    folder = folder or data_dir()
    path = folder / "datapackage.json"
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{where(path)}: file is missing") from None
    except UnicodeDecodeError as err:
        raise DataError(f"{where(path)}: not valid UTF-8 (byte 0x{err.object[err.start]:02x})") from None
    except json.JSONDecodeError as err:
        raise DataError(f"{where(path)}: not valid JSON (line {err.lineno}: {err.msg})") from None
    except RecursionError:
        raise DataError(f"{where(path)}: nested too deeply to read") from None
    # The shape first: every later step reads the package as this shape. Then its text, shown as data.
    problem = shape_problem(found) or next(iter(package_markup(found)), None)
    if problem:
        raise DataError(f"{where(path)}, {problem}")
    return found


def resource_names(folder: Path | None = None) -> list[str]:
    return [r["name"] for r in package(folder or data_dir())["resources"]]


def descriptor(name: str, folder: Path | None = None) -> dict:
    folder = folder or data_dir()
    for res in package(folder)["resources"]:
        if res["name"] == name:
            return res
    raise DataError(f"{where(folder / 'datapackage.json')}: no resource named {name!r}")


def _read_rows(path: Path, raw: bytes) -> tuple[list[str], list[list[str]]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise DataError(_encoding_error(path, raw, err.start)) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise DataError(f"{where(path)}: file is empty")
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as err:
        raise DataError(f"{where(path)}: not valid CSV ({err})") from None
    return rows[0], rows[1:]


def _encoding_error(path: Path, raw: bytes, position: int) -> str:
    """Name the row and column of the first byte that is not UTF-8.

    Everything before that byte is UTF-8, so it is read as CSV, with a stand-in for the bad
    byte: the last row read is the byte's row and its last cell the byte's column, whatever
    quoted commas, line breaks or replacement characters come before it.
    """
    before = raw[:position].decode("utf-8").removeprefix("\ufeff") + "\N{CURRENCY SIGN}"
    rows = list(csv.reader(io.StringIO(before, newline="")))
    row, cell = len(rows) - 1, len(rows[-1]) - 1  # row 0 is the header
    column = rows[0][cell] if 0 < row and cell < len(rows[0]) else None
    return f"{where(path, row if row > 0 else None, column)}: not valid UTF-8 (byte 0x{raw[position]:02x})"


# ASCII digits only: Python's \d also takes other scripts' digits (１２, ١٢), which float() reads.
_NUMBER = re.compile(r"-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?", re.ASCII)
_INTEGER = re.compile(r"-?\d+", re.ASCII)


def _cast(value: str, field: dict) -> object:
    """Cast one cell to its schema type; raise ValueError with the reason."""
    kind = field.get("type", "string")
    if kind == "string":
        return value
    if kind == "number":
        if not _NUMBER.fullmatch(value):
            raise ValueError(f"{value!r} is not a number")
        number = float(value)
        if not math.isfinite(number):
            raise ValueError(f"{value!r} is not a number this loader can hold (too large)")
        return number
    if kind == "integer":
        if not _INTEGER.fullmatch(value):
            raise ValueError(f"{value!r} is not a whole number")
        whole = int(value)
        if not -2**63 <= whole < 2**63:  # what the frame's Int64 column can hold
            raise ValueError(f"{value!r} is not a whole number this loader can hold (too large)")
        return whole
    if kind == "boolean":
        if value not in ("true", "false"):
            raise ValueError(f"{value!r} is not true or false")
        return value == "true"
    raise ValueError(f"type {kind!r} is not supported by this loader")


def _check_constraints(value: object, field: dict) -> None:
    c = field.get("constraints", {})
    if "enum" in c and value not in c["enum"]:
        raise ValueError(f"{value!r} is not one of {', '.join(map(str, c['enum']))}")
    if "minimum" in c and value < c["minimum"]:
        raise ValueError(f"{value!r} is below the minimum {c['minimum']}")
    if "maximum" in c and value > c["maximum"]:
        raise ValueError(f"{value!r} is above the maximum {c['maximum']}")
    if "pattern" in c and not re.fullmatch(c["pattern"], str(value)):
        raise ValueError(f"{value!r} does not match the pattern {c['pattern']}")
    if "minLength" in c and len(str(value)) < c["minLength"]:
        raise ValueError(f"{value!r} is shorter than {c['minLength']} characters")
    if isinstance(value, str) and (found := markup_in(value)):
        kind, start = found
        raise ValueError(f"holds {kind} ({start!r}); data text must be plain text")


def _parse(path: Path, schema: dict) -> list[dict]:
    """The file's rows as records, each cell cast and checked against its field.

    Parsing is most of what validating costs, and a file parses the same way as long as its
    bytes and its schema are the same: after an edit, only the edited file is parsed again.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{where(path)}: file is missing") from None
    return list(_parse_bytes(path, raw, json.dumps(schema, sort_keys=True)))


@lru_cache(maxsize=64)  # a few versions of each file: an editor's or a test's edits come and go
def _parse_bytes(path: Path, raw: bytes, schema_json: str) -> tuple[dict, ...]:
    schema = json.loads(schema_json)
    header, rows = _read_rows(path, raw)
    fields = schema["fields"]
    names = [f["name"] for f in fields]
    missing = [n for n in names if n not in header]
    if missing:
        raise DataError(f'{where(path, column=missing[0])}: column is missing from the header')
    extra = [h for h in header if h not in names]
    if extra:
        raise DataError(f'{where(path, column=extra[0])}: column is not in datapackage.json')
    if header != names:
        raise DataError(f"{where(path)}: columns are out of order; expected {', '.join(names)}")
    if not rows:
        raise DataError(f"{where(path)}: file has a header but no rows")
    missing_values = set(schema.get("missingValues", [""]))
    records, seen = [], {f["name"]: {} for f in fields if f.get("constraints", {}).get("unique")}
    for i, cells in enumerate(rows, start=1):
        if len(cells) != len(names):
            raise DataError(f"{where(path, i)}: expected {len(names)} cells, found {len(cells)}")
        record = {}
        for field, cell in zip(fields, cells):
            name = field["name"]
            if cell != cell.strip():
                raise DataError(f"{where(path, i, name)}: {cell!r} has spaces at its start or end")
            if cell in missing_values:
                if field.get("constraints", {}).get("required"):
                    raise DataError(f"{where(path, i, name)}: value is required but empty")
                record[name] = None
                continue
            try:
                value = _cast(cell, field)
                _check_constraints(value, field)
            except ValueError as err:
                raise DataError(f"{where(path, i, name)}: {err}") from None
            if name in seen:
                if value in seen[name]:
                    raise DataError(f"{where(path, i, name)}: duplicate value {value!r} (first in row {seen[name][value]})")
                seen[name][value] = i
            record[name] = value
        records.append(record)
    key = schema.get("primaryKey", [])
    keys: dict[tuple, int] = {}
    for i, rec in enumerate(records, start=1):
        k = tuple(rec[n] for n in key)
        if k in keys:
            raise DataError(f"{where(path, i, key[0])}: duplicate id {k[0]!r} (first in row {keys[k]})")
        keys[k] = i
    return tuple(records)


@lru_cache(maxsize=None)
def _load_records(name: str, folder: Path) -> tuple[dict, ...]:
    res = descriptor(name, folder)
    path = folder / res["path"]
    records = _parse(path, res["schema"])
    for fk in res["schema"].get("foreignKeys", []):
        field, target = fk["fields"], fk["reference"]
        other = target["resource"] or name
        known = {r[target["fields"]] for r in (records if other == name else _load_records(other, folder))}
        for i, rec in enumerate(records, start=1):
            if rec[field] is not None and rec[field] not in known:
                raise DataError(f"{where(path, i, field)}: {rec[field]!r} is not an id in {other}.csv")
    check_resource(name, records, path, lambda other: _load_records(other, folder))
    return tuple(records)


def _frame(records, fields) -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame.from_records(list(records), columns=[f["name"] for f in fields])
    dtypes = {"number": "float64", "integer": "Int64", "boolean": "boolean", "string": "str"}
    return frame.astype({f["name"]: dtypes[f.get("type", "string")] for f in fields})


@lru_cache(maxsize=None)
def _loaded_frame(name: str, folder: Path) -> pd.DataFrame:
    return _frame(_load_records(name, folder), descriptor(name, folder)["schema"]["fields"])


def load(name: str) -> pd.DataFrame:
    """One resource of ``data/datapackage.json`` as a DataFrame, validated, with its foreign keys checked.

    Each call returns a frame of its own (a copy of the one kept), so a chapter may change it."""
    folder = data_dir()
    _forget_if_edited(folder)
    return _loaded_frame(name, folder).copy()


_kept: dict[tuple, object] = {}


def memo(function):
    """Keep ``function``'s result, computed from ``data/``, until a data file changes, as :func:`load`
    keeps what it read. Chapters call label lookups and id sets hundreds of times a run; making them
    again each time was a second or more of every chapter's execution. The result is shared: do not
    change it."""
    @wraps(function)
    def kept(*args):
        folder = data_dir()
        _forget_if_edited(folder)
        key = (function.__qualname__, folder, args)
        if key not in _kept:
            _kept[key] = function(*args)
        return _kept[key]

    return kept


def with_sentences(frame: pd.DataFrame, sentences: pd.DataFrame, key: str = "sentence_id") -> pd.DataFrame:
    """Each row with its source sentence, in Chinese (``text_zh``) and English (``text_en``)."""
    text = sentences[["id", "text_zh", "text_en"]].rename(columns={"id": key})
    return frame.merge(text, on=key, how="left", validate="many_to_one")


_seen: dict[Path, tuple] = {}


def _forget_if_edited(folder: Path) -> None:
    """Drop what was loaded from ``folder`` once one of its files changed.

    The caches key on the folder, so a live kernel would go on showing the data as first
    loaded: a reader who edits a file and re-runs a chapter must see the new figures.
    """
    stamp = tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in folder.iterdir() if p.is_file()))
    if _seen.get(folder, stamp) != stamp:
        _forget()
    _seen[folder] = stamp


def _forget() -> None:
    package.cache_clear()
    _load_records.cache_clear()
    _loaded_frame.cache_clear()
    _kept.clear()


def validate_all(folder: Path | None = None) -> dict[str, int]:
    """Validate every resource; return the number of rows of each."""
    folder = folder or data_dir()
    _forget()
    # The Chinese edition shows the package's Chinese titles and descriptions: none may be missing.
    missing = untranslated_properties(package(folder))
    if missing:
        raise DataError(f"{where(folder / 'datapackage.json')}, {missing[0]}")
    return {name: len(_load_records(name, folder)) for name in resource_names(folder)}
