"""Property-based tests (Hypothesis): a malformed row is either refused, with a message that names
its file, row and column, or loaded exactly as written.

For every resource, a generated row is appended to a scratch copy of its CSV file. Its cells are
mostly valid for their field, some hostile (wrong types, empty required cells, values outside an
enum or a range, numbers in other scripts, padding, quotes, commas, stray bytes that are not
UTF-8), and some rows have a cell too many or too few. An oracle written here from the Table
Schema in datapackage.json, independently of the loader, says what must happen:

* where the oracle finds a problem, `validate_all()` raises DataError naming the file, the
  new row and the first bad column, in the loader's one-line format;
* text must be plain text: a cell with an HTML tag, Markdown link or image syntax, a script URL or
  a control character is refused, as a cell of the wrong type is;
* where it finds none, the row loads exactly: strings as written, numbers as float(cell),
  integers as int(cell), empty optional cells as missing, and every earlier row as before. For
  the three resources with rules beyond the schema (sentences, figures, context_figures), the
  loader may also refuse, but only with a DataError about that file and that row.

The examples are derandomized and nothing is stored, so every run tests the same rows; how many
there are is the Hypothesis profile's (conftest.py): all in `make test`, a quarter in `make check`.
"""
from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import shutil
import string
import tempfile
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pytest
from conftest import DATA, html_outline, not_literal
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from hightech_zones import DataError, load, validate_all
from hightech_zones.data import loader as data
from hightech_zones.output.tables import table
from hightech_zones.words.prose import escape

# Hypothesis keeps caches (Unicode tables) on disk: out of the repository, which holds no such folder.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "hightech-zones-hypothesis")

PACKAGE = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {r["name"]: r for r in PACKAGE["resources"]}
# checks.py adds rules beyond the schema (labels: their placeholders; units: factors that match their names)
WITH_RULES = {"sentences", "figures", "context_figures", "labels", "units"}

# What the contract means by a number and a whole number: ASCII digits, finite.
NUMBER = re.compile(r"-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?", re.ASCII)
INTEGER = re.compile(r"-?\d+", re.ASCII)

NASTY = ["１２", "١٢", "٣.٥", "⑫", "²", "1e400", "-1e400", "1e-400", "NaN", "nan", "inf", "-inf", "Infinity",
         "+3", "1,000", "1_000", "0x10", "1e5", "-0", ".5", "5.", "-", ".", "e5", "1e", "1.2.3", " 3", "3 ",
         "\t3", "3\n", "\u00a03", "\u30003", "3\u200b", "true", "True", "null", "None", "N/A", "NA", '"', '""',
         "a,b", 'a"b', "'", "\\", "\ufeff", "\ufeff3", "\x00", "\r", "\n", "a\nb", "é", "中文", "\ufffd", "%",
         "2025-13", "20250", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1979", "2031",
         "0", "-1", "99999999999999999999", "snake_Case", "with space",
         "中", "a-b", "ＡＢＣ", "x" * 300]


# What the contract means by plain text, read from issues 14 and 22 rather than from checks.py.
# Browsers read a URL's scheme case-insensitively, in ASCII only.
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
BIDI_CONTROLS = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def holds_markup(cell: str) -> bool:
    lowered = cell.translate(_ASCII_LOWER)
    tag = any(a == "<" and (b.isascii() and b.isalpha() or b in "/!?") for a, b in zip(cell, cell[1:]))
    link = "](" in cell or "][" in cell or "![" in cell or bool(re.match(r"\[[^\]]*\]:", cell))
    script = "javascript:" in lowered or "vbscript:" in lowered
    control = any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") or ord(ch) in BIDI_CONTROLS for ch in cell)
    # Issue 22: Jinja's tags, a MyST role ({name}`…`) and a directive's fence (```{name}, :::{name}).
    template = any(t in cell for t in ("{{", "{%", "{#"))
    role = bool(re.search(r"\{[^{}`\s]+\}`", cell))
    directive = any(re.search(re.escape(c * 3) + r"\s*\{", cell) for c in "`~:")
    return tag or link or script or control or template or role or directive


def read_table(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def cast(cell: str, kind: str):
    """The oracle's reading of one non-empty cell, or None when it is not of its type."""
    if kind == "number":
        if not NUMBER.fullmatch(cell) or not math.isfinite(float(cell)):
            return None
        return float(cell)
    if kind == "integer":
        return int(cell) if INTEGER.fullmatch(cell) and -2**63 <= int(cell) < 2**63 else None
    if kind == "boolean":
        return {"true": True, "false": False}.get(cell)
    return cell


@lru_cache(maxsize=None)
def pristine_rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The pristine file's rows, the header first."""
    return tuple(map(tuple, read_table(DATA / RESOURCES[name]["path"])))


@lru_cache(maxsize=None)
def column_values(name: str, column: str) -> list:
    """The parsed values of one column of the pristine data."""
    res = RESOURCES[name]
    rows = pristine_rows(name)
    fields = {f["name"]: f for f in res["schema"]["fields"]}
    i = rows[0].index(column)
    return [cast(r[i], fields[column].get("type", "string")) for r in rows[1:] if r[i] != ""]


@dataclass
class Verdict:
    values: list | None = None  # the row as loaded, when accepted
    prefix: str | None = None  # where the message must point, when refused
    reason: str | None = None  # a phrase the message must contain
    refused: bool = False  # what the loader did (check_row)


def oracle(name: str, line: bytes, bad_column: int | None) -> Verdict:
    """What the loader must do with `line` appended to the resource's file."""
    res = RESOURCES[name]
    schema, path = res["schema"], res["path"]
    fields = schema["fields"]
    row = len(pristine_rows(name))  # the header is line 1, so the new row's number is the old line count
    where = f"data/{path}, row {row} (line {row + 1})"
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return Verdict(prefix=f'{where}, column "{fields[bad_column]["name"]}"', reason="not valid UTF-8")
    try:
        (cells,) = list(csv.reader(io.StringIO(text, newline=""), strict=True)) or [[]]
    except csv.Error:
        return Verdict(prefix=f"data/{path}", reason="not valid CSV")
    if len(cells) != len(fields):
        return Verdict(prefix=where, reason=f"expected {len(fields)} cells, found {len(cells)}")
    missing = set(schema.get("missingValues", [""]))
    values = []
    for field, cell in zip(fields, cells):
        at, c = f'{where}, column "{field["name"]}"', field.get("constraints", {})
        if cell != cell.strip():
            return Verdict(prefix=at, reason="spaces at its start or end")
        if cell in missing:
            if c.get("required"):
                return Verdict(prefix=at, reason="required but empty")
            values.append(None)
            continue
        kind = field.get("type", "string")
        value = cast(cell, kind)
        if value is None:
            return Verdict(prefix=at, reason="not a number" if kind == "number" else "not a whole number")
        problems = [("enum" in c and value not in c["enum"], "is not one of"),
                    ("minimum" in c and value < c["minimum"], "below the minimum"),
                    ("maximum" in c and value > c["maximum"], "above the maximum"),
                    ("pattern" in c and not re.fullmatch(c["pattern"], str(value)), "does not match the pattern"),
                    ("minLength" in c and len(str(value)) < c["minLength"], "shorter than"),
                    (kind == "string" and holds_markup(value), "data text must be plain text"),
                    (c.get("unique") and value in column_values(name, field["name"]), "duplicate value")]
        for broken, reason in problems:
            if broken:
                return Verdict(prefix=at, reason=reason)
        values.append(value)
    record = dict(zip([f["name"] for f in fields], values))
    for fk in schema.get("foreignKeys", []):
        field, target = fk["fields"], fk["reference"]
        known = column_values(target["resource"] or name, target["fields"])
        if record[field] is not None and record[field] not in known:
            return Verdict(prefix=f'{where}, column "{field}"', reason="is not an id in")
    # A Chinese column (note_zh, name_zh) is filled wherever its English one (note, name_en) is.
    for zh in [c for c in record if c.endswith("_zh")]:
        for en in (zh[:-3], zh[:-3] + "_en"):
            if en in record and record[en] is not None and record[zh] is None:
                return Verdict(prefix=f'{where}, column "{zh}"', reason=f"is empty where {en} is given")
    return Verdict(values=values)


# ---- strategies ------------------------------------------------------------------------------

TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=25)


def valid_cell(name: str, field: dict) -> st.SearchStrategy[str]:
    c, kind = field.get("constraints", {}), field.get("type", "string")
    for fk in RESOURCES[name]["schema"].get("foreignKeys", []):
        if fk["fields"] == field["name"]:
            target = fk["reference"]
            return st.sampled_from(sorted(map(str, column_values(target["resource"] or name, target["fields"]))))
    if "enum" in c:
        return st.sampled_from(c["enum"])
    if kind == "number":
        low, high = c.get("minimum"), c.get("maximum")
        return st.one_of(st.floats(low, high, allow_nan=False, allow_infinity=False).map(repr),
                         st.integers(low, high).map(str),
                         st.decimals(low, high, allow_nan=False, allow_infinity=False, places=3).map(str))
    if kind == "integer":
        return st.integers(c.get("minimum"), c.get("maximum")).map(str)
    if "pattern" in c:
        return st.from_regex(c["pattern"], fullmatch=True)
    return TEXT.filter(lambda s: s == s.strip() and len(s) >= max(1, c.get("minLength", 0)))


def hostile_cell(name: str, field: dict) -> st.SearchStrategy[str]:
    others = [f for f in RESOURCES[name]["schema"]["fields"] if f is not field]
    return st.one_of(st.just(""), st.sampled_from(NASTY), TEXT,
                     st.integers().map(str), st.floats().map(repr),
                     st.sampled_from(others).flatmap(lambda f: valid_cell(name, f)),
                     valid_cell(name, field).map(lambda s: f" {s}"))


def cell(name: str, field: dict, hostile_chance: float) -> st.SearchStrategy[str]:
    if hostile_chance <= 0:
        return valid_cell(name, field)
    return st.floats(0, 1).flatmap(lambda u: hostile_cell(name, field) if u < hostile_chance else valid_cell(name, field))


def quoted(cell: str) -> str:
    """A cell as a careful editor writes it: quoted where it holds a comma, a quote or a line break."""
    return '"' + cell.replace('"', '""') + '"' if re.search(r'[,"\r\n]', cell) else cell


def csv_line(cells: list[str]) -> str:
    return ",".join(map(quoted, cells)) + "\n"


@st.composite
def new_row(draw, name: str) -> tuple[bytes, int | None]:
    """A row to append, as bytes, and the index of the cell whose bytes are not UTF-8 (if any)."""
    fields = RESOURCES[name]["schema"]["fields"]
    mode = draw(st.sampled_from(["clean", "one bad cell", "one bad cell", "many bad cells", "copy", "copy"]))
    if mode == "copy":  # an existing row under a new key: rows that also pass the rules of checks.py
        cells = list(draw(st.sampled_from(pristine_rows(name)[1:])))
        for i, f in enumerate(fields):
            if f.get("constraints", {}).get("unique"):
                cells[i] = draw(valid_cell(name, f))
    else:
        cells = [draw(cell(name, f, 0.3 if mode == "many bad cells" else 0)) for f in fields]
    if mode == "one bad cell" or (mode == "copy" and draw(st.booleans())):
        i = draw(st.integers(0, len(fields) - 1))
        cells[i] = draw(hostile_cell(name, fields[i]))
    shape = draw(st.sampled_from(["csv"] * 6 + ["raw", "extra", "short", "bytes"]))
    if shape == "extra":
        cells.insert(draw(st.integers(0, len(cells))), draw(TEXT))
    elif shape == "short":
        cells.pop(draw(st.integers(0, len(cells) - 1)))
    if shape == "raw":  # typed by hand, without quoting
        return ",".join(c.replace("\n", " ").replace("\r", " ") for c in cells).encode() + b"\n", None
    if shape == "bytes":
        k = draw(st.integers(0, len(cells) - 1))
        word = draw(st.sampled_from(["新赛道", "高新区", "é", "研发"]))
        codec = draw(st.sampled_from(["gb18030", "big5", "latin-1", "utf-16-le"]))
        try:
            bad = word.encode(codec)
        except UnicodeEncodeError:
            bad = b"\xff\xfe"
        bad = bad.replace(b"\n", b"").replace(b"\r", b"").replace(b",", b"").replace(b'"', b"") or b"\xff"
        parts = [quoted(c).encode() for c in cells]
        parts[k] = bad
        return b",".join(parts) + b"\n", k
    return csv_line(cells).encode(), None


# ---- the property ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("props") / "data"
    shutil.copytree(DATA, folder)
    return folder


@contextmanager
def data_folder(folder: Path):
    """Point the loader at `folder` (what the data_copy fixture does, for a whole module)."""
    old = os.environ.get(data.DATA_ENV)
    os.environ[data.DATA_ENV] = str(folder)
    try:
        yield
    finally:
        if old is None:
            del os.environ[data.DATA_ENV]
        else:
            os.environ[data.DATA_ENV] = old


@pytest.fixture(scope="module")
def pristine() -> dict[str, pd.DataFrame]:
    validate_all(DATA)
    with data_folder(DATA):
        return {name: load(name) for name in RESOURCES}


def same(loaded, expected) -> bool:
    if expected is None:
        return pd.isna(loaded)
    if isinstance(expected, str):
        return isinstance(loaded, str) and loaded == expected
    return not pd.isna(loaded) and loaded == expected and type(expected)(loaded) == expected


def check_row(name: str, line: bytes, bad_column: int | None, scratch: Path, pristine: dict) -> Verdict:
    """Append `line` to the resource's file in `scratch`; the loader must do what the oracle says."""
    verdict = oracle(name, line, bad_column)
    file = RESOURCES[name]["path"]
    path, original = scratch / file, (DATA / file).read_bytes()
    path.write_bytes(original + line)
    try:
        with data_folder(scratch):
            try:
                validate_all(scratch)
            except DataError as err:
                message = str(err)
                assert "\n" not in message, message
                if verdict.values is not None:  # the schema allows the row: only the extra rules may refuse it
                    assert name in WITH_RULES, f"refused a valid row {line!r}: {message}"
                    row = len(pristine_rows(name))
                    assert message.startswith(f"data/{file}, row {row} (line {row + 1}), column "), message
                else:
                    assert message.startswith(verdict.prefix + ":"), f"{line!r}: {message!r}, expected {verdict.prefix!r}"
                    assert verdict.reason in message, f"{line!r}: {message!r}, expected {verdict.reason!r}"
                verdict.refused = True
                return verdict
            assert verdict.values is not None, f"accepted {line!r}; expected {verdict.prefix}: {verdict.reason}"
            frame = load(name)
    finally:
        path.write_bytes(original)
    assert len(frame) == len(pristine[name]) + 1
    pd.testing.assert_frame_equal(frame.iloc[:-1], pristine[name])
    for column, expected in zip(frame.columns, verdict.values):
        loaded = frame[column].iloc[-1]
        assert same(loaded, expected), f"{column}: loaded {loaded!r}, written {expected!r} in {line!r}"
    return verdict


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_a_malformed_row_is_refused_or_loaded_exactly(name, scratch, pristine):
    @settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large])
    @given(row=new_row(name))
    def check(row):
        verdict = check_row(name, *row, scratch, pristine)
        event("valid row" if verdict.values is not None else f"refused: {verdict.reason.split(' cells')[0]}")

    check()


# Every hostile value, in one field of each kind (the random search may miss a given one).
FIELD_KINDS = {"number": ("units", "factor"), "number, rules": ("figures", "value"),
               "integer in a range": ("context_figures", "year"), "optional integer": ("context_figures", "edition"),
               "integer without a maximum": ("policy_headings", "order"),
               "pattern": ("sources", "id"), "enum": ("pillars", "kind"), "foreign key": ("track_routes", "sentence_id"),
               "text": ("glossary", "term_en"), "optional text": ("glossary", "note"),
               "unique text": ("units", "unit"), "minimum length": ("sentences", "text_en")}


def with_cell(name: str, column: str, value: str, row: int = 1) -> list[str]:
    cells = list(pristine_rows(name)[row])
    key = pristine_rows(name)[0].index(column)
    for i, f in enumerate(RESOURCES[name]["schema"]["fields"]):
        if f.get("constraints", {}).get("unique") and i != key:
            cells[i] = f"{cells[i]}_copy"  # a fresh key, so that only `value` is on trial
    cells[key] = value
    return cells


@pytest.mark.parametrize("kind", FIELD_KINDS)
def test_every_hostile_value_in_every_kind_of_field(kind, scratch, pristine):
    name, column = FIELD_KINDS[kind]
    for value in NASTY:
        check_row(name, csv_line(with_cell(name, column, value)).encode(), None, scratch, pristine)


@pytest.mark.parametrize("before", ["a\r\nb", "line\nbreak", "a,b", 'say "hi"', "\ufffd", ""])
def test_bytes_that_are_not_utf8_are_placed_in_their_row_and_column(before, scratch, pristine):
    """The message names the bad cell, whatever quoted breaks, commas or replacement characters come before it."""
    name = "glossary"
    cells = [quoted(c).encode() for c in with_cell(name, "term_en", before)]
    for bad in ("新赛道".encode("gb18030"), b"\xff", "é".encode("latin-1")):
        line = b",".join([cells[0], cells[1], bad + b"x"]) + b"\n"
        verdict = check_row(name, line, 2, scratch, pristine)
        assert verdict.reason == "not valid UTF-8" and '"note"' in verdict.prefix


# ---- data text stays text (issue 14) ---------------------------------------------------------
# Markup inserted into any text column is either refused by the loader, as the oracle says, or
# loaded exactly and then shown literally wherever the book sets data text: in MyST through
# prose.escape (quotes, profiles, notes, bold labels, table rows; conftest.not_literal renders
# them with myst-parser and compares elements and text) and in a table's HTML.

INJECTED = "<img src=x onerror=\"document.title='pwned'\"> **bold** [link](javascript:alert(1))"
MARKUP = [INJECTED, "<script>alert(1)</script>", "</p>", "<!-- x -->", "<?php", "<http://x.test>", "[a](b)",
          "![i](x.png)", "[a][b]", "[r]: http://x.test", "JavaScript:alert(1)", "vbscript:x", "**b**", "*i*",
          "_i_", "__b__", "`c`", "``c``", "$x$", "$$x$$", "\\(x\\)", "{sub}`2`", "{{ key }}", "~~s~~", "[^1]",
          "&amp;", "&#60;img&#62;", "# h", "> q", "- i", "1. i", "+++", "---", "***", "| a |", ":::{note}",
          "% c", "(t)=", ": d", "=1+1", "@x", "\\", "a\nb", "\t", "\x07", "\u202e", "\u2028", "1 < 2 > 0", "<5%"]
SYNTAX = st.text(st.sampled_from(list("<>*_[]()!`$\\{}#|~&:%=+@-^\"'/ a1中\n")), min_size=1, max_size=8)


def free_text_columns() -> list[tuple[str, str]]:
    """Every text column whose values are free text: no enum, pattern or foreign key decides them."""
    out = []
    for name, res in sorted(RESOURCES.items()):
        keys = {fk["fields"] for fk in res["schema"].get("foreignKeys", [])}
        for f in res["schema"]["fields"]:
            if f.get("type", "string") == "string" and not {"enum", "pattern"} & set(f.get("constraints", {})) \
                    and f["name"] not in keys:
                out.append((name, f["name"]))
    return out


@st.composite
def marked_cell(draw, name: str, column: str) -> tuple[int, str]:
    """A pristine row's cell with markup put in it: before, inside or after its text, or alone."""
    row = draw(st.integers(1, len(pristine_rows(name)) - 1))
    text = pristine_rows(name)[row][pristine_rows(name)[0].index(column)]
    markup = " ".join(draw(st.lists(st.one_of(st.sampled_from(MARKUP), SYNTAX), min_size=1, max_size=3)))
    at = draw(st.sampled_from(["start", "middle", "end", "alone"]))
    cut = len(text) // 2
    value = {"start": f"{markup} {text}", "middle": f"{text[:cut]}{markup}{text[cut:]}",
             "end": f"{text} {markup}", "alone": markup}[at]
    return row, value.strip() if draw(st.booleans()) else value


def shown_literally_in_a_table(text: str) -> bool:
    """The table has the elements it has with a plain word (their names: the download's href differs),
    and shows the text (pandas writes a run of spaces with no-break spaces, so that it shows)."""
    tags, shown = html_outline(table(pd.DataFrame({"c": [text]}), "t.csv")._repr_html_())
    plain_tags, _ = html_outline(table(pd.DataFrame({"c": ["PLACEHOLDER"]}), "t.csv")._repr_html_())
    same = [t.split()[0] for t in tags] == [t.split()[0] for t in plain_tags]
    return same and text.replace("\xa0", " ") in shown.replace("\xa0", " ")


@pytest.mark.parametrize("name, column", free_text_columns())
def test_markup_in_a_text_column_is_refused_or_shown_literally(name, column, scratch, pristine):
    @settings(max_examples=settings.default.max_examples // 10,  # one column of many: 12 in full, 3 in make check
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    @given(case=marked_cell(name, column))
    def check(case):
        row, value = case
        verdict = check_row(name, csv_line(with_cell(name, column, value, row)).encode(), None, scratch, pristine)
        if verdict.refused:
            event(f"refused: {verdict.reason or 'by a rule of checks.py'}")
            return
        if value == "":  # loaded as a missing value, which the book shows as no text at all
            event("loaded as missing")
            return
        problem = not_literal(value, escape)
        assert problem is None, f"{value!r}: {problem}"
        assert shown_literally_in_a_table(value), value
        event("loaded, shown literally")

    check()


TEXT_COLUMNS = [(n, f["name"]) for n, r in sorted(RESOURCES.items())
                for f in r["schema"]["fields"] if f.get("type", "string") == "string"]
# Issue 22: what ran a command at build time, published a file, or would start a directive.
RUNS = ["Sources {{ lipsum.__globals__.os.popen('id').read() }}", "{% for x in y %}", "{# c #}",
        "{download}`/etc/passwd`", "{raw:html}`<b>`", "```{raw} html", ":::{include} /etc/passwd", "~~~ {eval-rst}"]


@pytest.mark.parametrize("name, column", TEXT_COLUMNS)
def test_what_could_run_is_refused_in_any_text_column(name, column, scratch, pristine):
    """Each of issue 22's payloads, appended to any text cell of any file, is refused, naming file, row
    and column: labels.csv is a file like the others."""
    for payload in RUNS:
        text = (pristine_rows(name)[1][pristine_rows(name)[0].index(column)] + " " + payload).strip()
        verdict = check_row(name, csv_line(with_cell(name, column, text)).encode(), None, scratch, pristine)
        assert verdict.refused and verdict.prefix.endswith(f'column "{column}"'), (payload, verdict)
        if (name, column) in free_text_columns():  # else an enum or a pattern refuses it first
            assert verdict.reason == "data text must be plain text", (payload, verdict)


@pytest.mark.parametrize("name, column", TEXT_COLUMNS)
def test_the_corrupted_copy_of_issue_14_is_refused_in_any_text_column(name, column, scratch, pristine):
    """The issue's edit, appended to any text cell of any file, is refused, with the file, row and column."""
    cells = with_cell(name, column, pristine_rows(name)[1][pristine_rows(name)[0].index(column)] + " " + INJECTED)
    verdict = check_row(name, csv_line(cells).encode(), None, scratch, pristine)
    assert verdict.refused and verdict.prefix.endswith(f'column "{column}"'), verdict
