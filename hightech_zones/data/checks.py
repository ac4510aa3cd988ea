"""Consistency rules that a table schema cannot express.

Each figure must be found, as written, in its own clean sentence, and the
number written there must be the number in the ``value`` column; a context figure
is what its source's words state, with its unit (``numbers.py``), and a sentence's
English translation carries the numbers of its Chinese; no text may
keep a trace of the damage in the scraped copy of the article; and data text
is plain text, with no markup in it (:func:`markup_in`).
"""
from __future__ import annotations

import re
import string
from pathlib import Path

from hightech_zones.data.errors import DataError, where
from hightech_zones.data.numbers import magnitude, stated_amounts, states, translation_mismatch

# What the scraped copy of the article was damaged with: web-spam markers and injected text.
DAMAGE_MARKERS = "★◆■"
INJECTED = ("凯发", "k8体育", "体育登录", "%……")

QUALIFIERS = {"左右": "about", "约": "about", "突破": "more_than", "超": "more_than",
              "余": "more_than", "近": "nearly", "级": "order_of"}
_CN_NUMERALS = {"十": 10, "百": 100, "千": 1000}
_STATED = re.compile(r"^(?P<low>\d+(?:\.\d+)?)(?:至(?P<high>\d+(?:\.\d+)?))?(?P<unit>\D*)$")


def parse_stated(text: str) -> tuple[float, float | None, str, str]:
    """Read a value as the article writes it: '约1.2万亿元' -> (1.2, None, '万亿元', 'about').

    Returns (value, upper bound of a range or None, unit as written, approximation).
    """
    approximation, rest = "exact", text
    for word, kind in QUALIFIERS.items():
        if word in rest:
            if approximation != "exact":
                raise ValueError(f"{text!r} has more than one qualifier")
            approximation, rest = kind, rest.replace(word, "", 1)
    match = _STATED.match(rest)
    if match:
        high = match["high"]
        return float(match["low"]), (float(high) if high else None), match["unit"], approximation
    if rest and not re.search(r"\d", rest):
        numeral = _CN_NUMERALS.get(rest[0])
        return float(numeral or 1), None, rest[1:] if numeral else rest, approximation
    raise ValueError(f"{text!r} is not a value this parser can read")


def damage_in(text: str) -> str | None:
    """The first trace of the scraped copy's damage in a text, or None."""
    for mark in (*DAMAGE_MARKERS, *INJECTED):
        if mark in text:
            return mark
    return None


# Markup that has no place in data text. The book shows data text literally whatever it holds
# (prose.escape, and HTML escaping in tables and charts), so this is a second line of defence:
# an edit that tries to put markup on a page is refused before the page is built. Characters that
# merely look like syntax (*, _, $, backticks, %, < alone) are text in data and load as they are.
MARKUP = {
    "an HTML tag": re.compile(r"<[A-Za-z/!?]"),  # a tag, closing tag, comment or declaration
    "Markdown link or image syntax": re.compile(r"\]\(|\]\[|!\[|^\[[^\]]*\]:"),
    "a script URL": re.compile(r"(?:java|vb)script:", re.IGNORECASE | re.ASCII),  # as browsers read schemes
    # Jinja's tags: the book renders no template from data, and MyST's substitutions are off (_config.yml).
    "a template tag": re.compile(r"\{[{%#]"),
    "a MyST role": re.compile(r"\{[^\s{}`]+\}`"),  # {download}`…`, {raw}`…`: a role can read files
    "a MyST directive": re.compile(r"(?:`{3,}|~{3,}|:{3,})\s*\{"),
}
# Control characters (Unicode's category Cc, which its stability policy fixes at these 65 code
# points), the line and the paragraph separator (Zl, Zp), and bidirectional controls, which
# reorder what a reader sees without showing themselves ("Trojan Source"). One character class:
# every text cell is searched, and a loop over its characters was most of validating's time.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def markup_in(text: str) -> tuple[str, str] | None:
    """The first markup in a data text, as (what it is, where it starts), or None for plain text.

    Control characters (line breaks and tabs included), line and paragraph separators and
    bidirectional controls count as markup: none belongs in a cell of this book's data.
    """
    for kind, pattern in MARKUP.items():
        match = pattern.search(text)
        if match:
            return kind, text[match.start():match.start() + 16]
    control = _CONTROL.search(text)
    return ("a control character", control.group()) if control else None


def _fail(path: Path, row: int, column: str, problem: str):
    raise DataError(f"{where(path, row, column)}: {problem}")


def _check_text(records, path, columns):
    for i, rec in enumerate(records, start=1):
        for column in columns:
            mark = damage_in(rec.get(column) or "")
            if mark:
                _fail(path, i, column, f"keeps a trace of the scraped copy's damage ({mark!r})")


def _check_figures(records, path, resource):
    sentences = {s["id"]: s["text_zh"] for s in resource("sentences")}
    scopes = {"all_zones", "nation"} | {z["id"] for z in resource("case_zones")}
    for i, fig in enumerate(records, start=1):
        if fig["scope"] not in scopes:
            _fail(path, i, "scope", f"{fig['scope']!r} is neither all_zones, nation nor an id in case_zones.csv")
        written = fig["value_as_written"]
        if fig["relation"].startswith("share") and not 0 <= fig["value"] <= 100:
            _fail(path, i, "value", f"{fig['value']:g} is a share and must lie between 0 and 100")
        if written not in sentences[fig["sentence_id"]]:
            _fail(path, i, "value_as_written", f"{written!r} is not in sentence {fig['sentence_id']!r}")
        try:
            low, high, unit, approximation = parse_stated(written)
        except ValueError as err:
            _fail(path, i, "value_as_written", str(err))
        if low != fig["value"]:
            _fail(path, i, "value", f"{fig['value']:g} differs from {low:g} in {written!r}")
        if high != fig["value_high"]:
            _fail(path, i, "value_high", f"{fig['value_high']} differs from the range in {written!r}")
        if not unit or not fig["unit"].startswith(unit):
            _fail(path, i, "unit", f"{fig['unit']!r} differs from the unit in {written!r}")
        if approximation != fig["approximation"]:
            _fail(path, i, "approximation", f"{fig['approximation']!r}, but {written!r} reads as {approximation!r}")
        if (fig["year"] is None) != (fig["year_basis"] == "not_stated"):
            _fail(path, i, "year", "must be empty exactly when year_basis is not_stated")


def _check_context(records, path, resource):
    units = {u["unit"]: (u["factor"], u["base_unit"]) for u in resource("units")}
    for i, fig in enumerate(records, start=1):
        if fig["unit"] == "%" and fig["value"] > 100:
            _fail(path, i, "value", f"{fig['value']:g} is a percentage and must not exceed 100")
        if (fig["edition"] is not None) != (fig["topic"] == "innovation_index"):
            _fail(path, i, "edition", "is given for the innovation index and only for it")
        if fig["unit"] not in units:
            _fail(path, i, "unit", f"{fig['unit']!r} is not a unit of units.csv")
        if fig["words"]:
            _check_words(fig, i, path, units)


def _check_words(fig: dict, i: int, path: Path, units: dict) -> None:
    """A context figure is the value its source's words state, in any unit of its base, with their
    qualifier; or the note derives it ('433.1 = 100 + 333.1'); or the words state no amount at all
    (a name: the first zone) and the note says what they give."""
    said = states(fig["words"], fig["value"], fig["unit"], units, QUALIFIERS)
    if said is None:
        derived = (fig["note"] or "").startswith(f"{fig['value']:g} = ")
        named = not stated_amounts(fig["words"], units, QUALIFIERS) and fig["note"]
        if not (derived or named):
            _fail(path, i, "value", f"{fig['value']:g} {fig['unit']} is not what its words state "
                                    f"({fig['words'][:40]!r}), and its note does not derive it")
    elif said != fig["approximation"]:
        _fail(path, i, "approximation", f"{fig['approximation']!r}, but its words state it as {said!r}")


def _check_units(records, path):
    for i, unit in enumerate(records, start=1):
        if unit["factor"] != magnitude(unit["unit"]):
            _fail(path, i, "factor", f"{unit['factor']:g}, but {unit['unit']!r} is {magnitude(unit['unit']):g} "
                                     f"{unit['base_unit']}")


def _check_translations(records, path):
    for i, sentence in enumerate(records, start=1):
        mismatch = translation_mismatch(sentence["text_zh"], sentence["text_en"])
        if mismatch:
            _fail(path, i, "text_en", f"{mismatch} (numbers are compared after 万, 亿, thousand ... trillion)")
        # A speaker's sentence says whether the article quotes it or reports it; no one else's does.
        if (sentence["speaker_id"] is None) != (sentence["speech"] is None):
            _fail(path, i, "speech", "quoted or reported, for a sentence with a speaker_id (and empty without one)")


# A label's placeholder names a value the code passes: {year}, {n:.10g}, {total.value:.10g}. Nothing
# else: str.format reads attributes and items, and a label must not reach past its values.
_PLACEHOLDER = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?")
_FORMAT_SPEC = re.compile(r"[.0-9a-z%,]*")


def placeholders(text: str) -> list[str]:
    """The placeholders of a label, in order; ValueError for one the code must not format."""
    found = []
    for _, name, spec, conversion in string.Formatter().parse(text):
        if name is None:
            continue
        if not _PLACEHOLDER.fullmatch(name) or conversion or not _FORMAT_SPEC.fullmatch(spec or ""):
            raise ValueError(f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}} "
                             "is not a placeholder a label may hold ({name}, {name.attribute}, {name:format})")
        found.append(name.split(".")[0])
    return found


def _check_labels(records, path):
    for i, rec in enumerate(records, start=1):
        names = {}
        for column in ("en", "zh"):
            try:
                names[column] = sorted(set(placeholders(rec[column])))
            except ValueError as err:
                _fail(path, i, column, str(err))
        if names["en"] != names["zh"]:
            _fail(path, i, "zh", f"has the placeholders {names['zh']}, the English {names['en']}")


def translated_pairs(columns) -> list[tuple[str, str]]:
    """English text columns with a Chinese companion: ('note', 'note_zh'), ('name_en', 'name_zh')."""
    return [(en, c) for c in columns if c.endswith("_zh")
            for en in (c[:-3], c[:-3] + "_en") if en in columns]


def _check_translated(records, path):
    # The Chinese edition shows the _zh column: an empty one would show nothing where English has text.
    for i, rec in enumerate(records, start=1):
        for en, zh in translated_pairs(list(rec)):
            if rec[en] not in (None, "") and rec[zh] in (None, ""):
                _fail(path, i, zh, f"is empty where {en} is given")


# The properties of datapackage.json that the Chinese edition shows in Chinese (reference.py):
# each resource's title and description, each of its sources' title, each field's description.
TRANSLATED_PROPERTIES = {"resource": ("title", "description"), "source": ("title",), "field": ("description",)}


def untranslated_properties(package: dict) -> list[str]:
    """Where datapackage.json has an English property without its Chinese companion (``title`` beside
    ``title_zh``, ...), one line each: "resource 'sources', field 'id': description_zh is empty where
    description is given". A resource also needs ``rows_come_from_zh``, the Chinese of where its
    rows come from (data/README.md's table of files)."""
    out = []

    def check(entry: dict, kind: str, at: str):
        for key in TRANSLATED_PROPERTIES[kind]:
            if entry.get(key) and not str(entry.get(f"{key}_zh", "")).strip():
                out.append(f"{at}: {key}_zh is empty where {key} is given")

    for res in package.get("resources", []):
        at = f"resource {res.get('name')!r}"
        check(res, "resource", at)
        if not str(res.get("rows_come_from_zh", "")).strip():
            out.append(f"{at}: rows_come_from_zh is empty (where its rows come from, in Chinese)")
        for i, source in enumerate(res.get("sources", []), start=1):
            check(source, "source", f"{at}, source {i}")
        for field in res.get("schema", {}).get("fields", []):
            check(field, "field", f"{at}, field {field.get('name')!r}")
    return out


def package_markup(package: dict) -> list[str]:
    """Markup in the text of datapackage.json (titles, descriptions, codes, names), one line each:
    "resource 'sources', field 'id': description holds an HTML tag ('<b>'); ...". The reference
    pages show this text as the data's; a ``pattern`` is a regular expression, not text, and is
    only ever shown escaped."""
    out = []

    def walk(value, at: list[str], key: str):
        if isinstance(value, dict):
            for k, v in value.items():
                if k != "pattern":
                    walk(v, at, k)
        elif isinstance(value, list):
            for i, v in enumerate(value, start=1):
                name = v.get("name") if isinstance(v, dict) else None
                walk(v, [*at, f"{key.removesuffix('s')} {name if isinstance(name, str) else i!r}"], key)
        elif isinstance(value, str) and (found := markup_in(value)):
            out.append(f"{', '.join(at) or 'the package'}: {key} holds {found[0]} ({found[1]!r}); "
                       "data text must be plain text")

    walk(package, [], "")
    return out


def term_variants(record) -> list[str]:
    """A termbase row's variants to avoid: ``avoid_zh`` split at its semicolons."""
    return [v.strip() for v in str(record.get("avoid_zh") or "").split(";") if v.strip()]


def _check_terms(records, path):
    # One term per concept: a variant is never a concept's own term, nor another concept's.
    terms = {rec["term_zh"] for rec in records}
    for i, rec in enumerate(records, start=1):
        variants = term_variants(rec)
        if not variants:
            _fail(path, i, "avoid_zh", "names no variant (semicolon-separated)")
        for variant in variants:
            if variant in terms:
                _fail(path, i, "avoid_zh", f"{variant!r} is a term of the termbase, not a variant")
            if rec["term_zh"] in variant:  # the check takes the term out first: such a variant is never found
                _fail(path, i, "avoid_zh", f"{variant!r} holds the term {rec['term_zh']!r} itself")


def check_resource(name: str, records, path: Path, resource) -> None:
    """Apply the rules for one resource; raise DataError at the first broken one.

    ``resource(name)`` gives another resource's records, for the rules that join two.
    """
    _check_translated(records, path)
    if name == "sentences":
        _check_text(records, path, ("text_zh", "text_en"))
        _check_translations(records, path)
    elif name == "figures":
        _check_text(records, path, ("measure_zh", "value_as_written"))
        _check_figures(records, path, resource)
    elif name == "labels":
        _check_labels(records, path)
    elif name == "context_figures":
        _check_text(records, path, ("words",))
        _check_context(records, path, resource)
    elif name == "units":
        _check_units(records, path)
    elif name == "terms":
        _check_text(records, path, ("term_zh", "avoid_zh", "note_zh"))
        _check_terms(records, path)
