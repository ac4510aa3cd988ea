"""The loader refuses bad data with one message that names the file, the row and the column."""
from __future__ import annotations

import csv
import io

import pytest

from hightech_zones import DataError, load, validate_all
from hightech_zones.data.checks import parse_stated
from hightech_zones.words import labels


def rewrite(path, transform):
    path.write_text(transform(path.read_text(encoding="utf-8")), encoding="utf-8")


def drop_column(text, column="value"):
    lines = text.rstrip("\n").split("\n")
    table = list(csv.reader(lines))
    i = table[0].index(column)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([r[:i] + r[i + 1:] for r in table])
    return out.getvalue()


def set_cell(text, row, column, value):
    table = list(csv.reader(text.rstrip("\n").split("\n")))
    table[row][table[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(table)
    return out.getvalue()


def table_cell(text, row, column):
    table = list(csv.reader(text.rstrip("\n").split("\n")))
    return table[row][table[0].index(column)]


def row_of(text, ident):
    return next(i for i, line in enumerate(text.split("\n")) if line.startswith(ident + ","))


CORRUPTIONS = {
    "missing column": ("figures.csv", drop_column, r'figures\.csv, column "value": column is missing'),
    "wrong type": ("figures.csv", lambda t: set_cell(t, 3, "value", "thirty-one"),
                   r'figures\.csv, row 3 \(line 4\), column "value": \'thirty-one\' is not a number'),
    "duplicate id": ("figures.csv", lambda t: set_cell(t, 5, "id", "total_index"),
                     r'figures\.csv, row 5 \(line 6\), column "id": duplicate value \'total_index\' \(first in row 2\)'),
    "out-of-range share": ("figures.csv", lambda t: set_cell(t, row_of(t, "rd_staff_share"), "value", "125"),
                           r'figures\.csv, row 5 \(line 6\), column "value": .*share'),
    "empty file": ("sentences.csv", lambda t: "", r"sentences\.csv: file is empty"),
    "speaker without speech": ("sentences.csv", lambda t: set_cell(t, row_of(t, "xi_fusion"), "speech", ""),
                               r'sentences\.csv, row \d+ \(line \d+\), column "speech": quoted or reported'),
    "speech without speaker": ("sentences.csv", lambda t: set_cell(t, 1, "speech", "quoted"),
                               r'sentences\.csv, row 1 \(line 2\), column "speech": quoted or reported'),
}


@pytest.mark.parametrize("name", CORRUPTIONS)
def test_corrupted_file_is_refused_with_a_clear_message(data_copy, name):
    filename, transform, message = CORRUPTIONS[name]
    rewrite(data_copy / filename, transform)
    with pytest.raises(DataError, match=message):
        validate_all()


def test_file_that_is_not_utf8_is_refused(data_copy):
    path = data_copy / "glossary.csv"
    path.write_bytes(path.read_bytes().replace("新赛道".encode(), "新赛道".encode("gb18030")))
    with pytest.raises(DataError, match=r'glossary\.csv, row 2 \(line 3\), column "term_zh": not valid UTF-8'):
        validate_all()


def test_missing_file_is_refused(data_copy):
    (data_copy / "units.csv").unlink()
    with pytest.raises(DataError, match=r"units\.csv: file is missing"):
        validate_all()


def test_unknown_foreign_key_is_refused(data_copy):
    rewrite(data_copy / "figures.csv", lambda t: set_cell(t, 1, "sentence_id", "no_such_sentence"))
    with pytest.raises(DataError, match=r'figures\.csv, row 1 \(line 2\), column "sentence_id": .*not an id in sentences\.csv'):
        validate_all()


def test_value_that_differs_from_its_sentence_is_refused(data_copy):
    rewrite(data_copy / "figures.csv", lambda t: set_cell(t, row_of(t, "total_index"), "value", "507.5"))
    with pytest.raises(DataError, match=r'column "value": 507.5 differs from 505.7'):
        validate_all()


def test_damaged_sentence_is_refused(data_copy):
    rewrite(data_copy / "sentences.csv", lambda t: t.replace("505.7点", "505.7点★◆"))
    with pytest.raises(DataError, match=r"sentences\.csv, row \d+ \(line \d+\), column \"text_zh\": keeps a trace"):
        validate_all()


def test_the_error_is_one_line():
    with pytest.raises(DataError) as info:
        raise DataError("x")
    assert "\n" not in str(info.value)


def test_load_returns_typed_frames():
    figures = load("figures")
    assert figures["value"].dtype == "float64" and str(figures["year"].dtype) == "Int64"
    assert figures.loc[figures.id == "total_index", "value"].item() == 505.7


def test_a_loaded_frame_is_the_caller_s_own():
    """load() keeps what it read, and hands out copies: a chapter's change does not leak."""
    first = load("figures")
    first.loc[first.id == "total_index", "value"] = -1.0
    del first["unit"]
    again = load("figures")
    assert again.loc[again.id == "total_index", "value"].item() == 505.7 and "unit" in again


def test_what_is_kept_is_made_again_once_a_data_file_changes(data_copy):
    """A label (kept by data.memo, as load keeps frames) follows an edit of labels.csv at once,
    as a reader's live kernel must."""
    assert labels.label("source_note") == "Source"
    path = data_copy / "labels.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    head = rows[0]
    row = next(r for r in rows if r[head.index("id")] == "source_note")
    row[head.index("en")] = "Where it comes from"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    assert labels.label("source_note") == "Where it comes from"


@pytest.mark.parametrize("written, expected", [
    ("505.7点", (505.7, None, "点", "exact")),
    ("约1.2万亿元", (1.2, None, "万亿元", "about")),
    ("3.5万余家", (3.5, None, "万家", "more_than")),
    ("50%左右", (50.0, None, "%", "about")),
    ("近10倍", (10.0, None, "倍", "nearly")),
    ("3至4倍", (3.0, 4.0, "倍", "exact")),
    ("超千亿元", (1000.0, None, "亿元", "more_than")),
    ("万亿级", (1.0, None, "万亿", "order_of")),
    ("突破6000亿元", (6000.0, None, "亿元", "more_than")),
])
def test_parse_stated(written, expected):
    assert parse_stated(written) == expected


@pytest.mark.parametrize("written", ["", "约近5倍", "5.5.5点"])
def test_parse_stated_refuses_what_it_cannot_read(written):
    with pytest.raises(ValueError):
        parse_stated(written)


def test_unknown_scope_is_refused(data_copy):
    rewrite(data_copy / "figures.csv", lambda t: set_cell(t, 1, "scope", "shenzhen"))
    with pytest.raises(DataError, match=r'figures\.csv, row 1 \(line 2\), column "scope": .*case_zones\.csv'):
        validate_all()


# Issue 14: the corrupted copy, a new contributor's edit with markup appended to a translation.
INJECTED = " <img src=x onerror=\"document.title='pwned'\"> **bold** [link](javascript:alert(1))"


def test_the_corrupted_copy_of_issue_14_is_refused(data_copy):
    path = data_copy / "sentences.csv"
    row = row_of(path.read_text(encoding="utf-8"), "tracks")
    rewrite(path, lambda t: set_cell(t, row, "text_en", table_cell(t, row, "text_en") + INJECTED))
    with pytest.raises(DataError) as err:
        validate_all()
    assert str(err.value) == (f'data/sentences.csv, row {row} (line {row + 1}), column "text_en": '
                              "holds an HTML tag ('<img src=x onerr'); data text must be plain text")


@pytest.mark.parametrize("value, what", [
    ("Made in <b>Chengdu</b>", "an HTML tag ('<b>Chengdu</b>')"),
    ("a </p> b", "an HTML tag ('</p> b')"),
    ("<!-- hidden -->", "an HTML tag ('<!-- hidden -->')"),
    ("see <https://example.com>", "an HTML tag ('<https://example')"),
    ("see [the report](https://example.com)", "Markdown link or image syntax ('](https://exampl')"),
    ("![chart](x.png)", "Markdown link or image syntax ('![chart](x.png)')"),
    ("[a][ref]", "Markdown link or image syntax ('][ref]')"),
    ("[ref]: https://example.com", "Markdown link or image syntax ('[ref]: https://e')"),
    ("click JavaScript:alert(1)", "a script URL ('JavaScript:alert')"),
    ("vbscript:msgbox", "a script URL ('vbscript:msgbox')"),
    ("two\nlines", "a control character ('\\n')"),
    ("a\tb", "a control character ('\\t')"),
    ("bell\x07", "a control character ('\\x07')"),
    ("abc\u202edcba", "a control character ('\\u202e')"),
    ("line\u2028separator", "a control character ('\\u2028')"),
])
def test_markup_in_text_is_refused(data_copy, value, what):
    rewrite(data_copy / "glossary.csv", lambda t: set_cell(t, 1, "note", value))
    with pytest.raises(DataError) as err:
        validate_all()
    assert str(err.value) == f'data/glossary.csv, row 1 (line 2), column "note": holds {what}; data text must be plain text'


def test_every_control_character_is_refused_and_nothing_else():
    """checks.py finds control characters with one character class: it must hold exactly Unicode's
    Cc, Zl and Zp and the bidirectional controls, read here from the Unicode database itself."""
    import unicodedata

    from hightech_zones.data.checks import _CONTROL, markup_in

    bidi = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
    wanted = {c for c in range(0x110000) if unicodedata.category(chr(c)) in ("Cc", "Zl", "Zp") or c in bidi}
    found = {ord(m.group()) for m in _CONTROL.finditer("".join(map(chr, range(0x110000))))}
    assert found == wanted, sorted(found ^ wanted)[:10]
    assert markup_in("a\x85b") == ("a control character", "\x85")  # NEL: a control outside ASCII


@pytest.mark.parametrize("value", [
    "国家高新区2024年发展成绩单不久前公布:园区生产总值19.3万亿元,同比名义增长7.6%;实现工业增加值约9.8万亿元,占全国比重24.1%。",
    "《哪吒之魔童闹海》“成都高新造”——（括号）、【方括号】！？…",
    "R&D and S&T; 50% or more (about half) — in 2024's \"scorecard\"",
    "1 < 2 > 0, *stars*, _underscores_, `backticks`, $dollars$, 10^12, [brackets] and (parentheses)",
])
def test_real_text_still_loads(data_copy, value):
    rewrite(data_copy / "glossary.csv", lambda t: set_cell(t, 1, "note", value))
    validate_all()
    assert load("glossary")["note"].iloc[0] == value
