"""The Chinese edition's translation catalogues, checked before the build reads a page.

A translated paragraph is parsed by Sphinx in a fresh document, outside its notebook, so:

* a glued value must be written in the path form with a format spec,
  ``{glue:text}`index.md::base:s` ``; the local form ``{glue:text}`base` `` comes out empty;
* it must glue exactly the keys of its English paragraph, in the same order, from its own page,
  and point to exactly the same ``{numref}`` and ``{doc}`` targets, which the English build has
  resolved.

A translation is validated like data (issue 22): it holds only the markup of its English, so it
can add no role (``{download}`` publishes a file, ``{raw}`` writes HTML), no HTML (``<img
onerror>``, ``<span hidden>``), no template (``{{ … }}``), link, directive fence, comment line or
control character; and it types no number its English does not (a glued value hidden and
another number typed beside it), but a month's number where the English names the month.

:func:`broken_entries` names every entry that breaks these rules; the Sphinx extension stops
the build with them. :func:`untranslated` names the entries a reader would see in English.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

GLUE = re.compile(r"\{glue:text\}`([^`]*)`")
ROLE = re.compile(r"\{([^\s{}`]+)\}`[^`]*`")
# Markup outside roles, each found as (what it is, the text): a translation may hold only its English's.
MARKUP = {
    "a role": re.compile(r"\{[^\s{}`]+\}`"),  # roles left after the whole ones are taken out: broken ones
    "HTML": re.compile(r"<[A-Za-z/!?][^<>]*>?"),
    "a template tag": re.compile(r"\{[{%#]"),
    "a link": re.compile(r"\]\([^)]*\)?|\]\[|!\[|^\s*\[[^\]]*\]:", re.M),
    "a directive or code fence": re.compile(r"`{3,}|~{3,}|:{3,}"),
    "a comment or target line": re.compile(r"^\s*(?:%|\([^)]*\)=)", re.M),
    "a script URL": re.compile(r"(?:java|vb)script:", re.IGNORECASE | re.ASCII),
}
# Control characters but the line break a catalogue wraps with; the line and paragraph separators
# and bidirectional controls (checks.py refuses them in data for the same reason).
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
NUMBER = re.compile(r"\d+(?:\.\d+)?", re.ASCII)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
TARGETS = re.compile(r"\{(numref|doc|ref)\}`([^`]*)`")
PATH_FORM = re.compile(r"(?P<page>[\w-]+\.md)::(?P<key>\w+):s$")


def read(po: Path):
    from babel.messages.pofile import read_po

    with po.open("rb") as f:
        return read_po(f, abort_invalid=True)


def _targets(text: str) -> Counter:
    # A role's target is what follows its last '<' (explicit title) or the whole text.
    return Counter((role, re.sub(r"^.*<([^>]*)>$", r"\1", target)) for role, target in TARGETS.findall(text))


def _markup(text: str) -> Counter:
    """The markup of a text: its roles (by name), and the rest of its markup outside them."""
    found = Counter(("a role", name) for name in ROLE.findall(text))
    outside = ROLE.sub(" ", text)
    for kind, pattern in MARKUP.items():
        found.update((kind, m.group().strip()) for m in pattern.finditer(outside))
    return found


def _numbers(text: str) -> set[str]:
    """The numbers a text types (outside its roles, where glued values are): '２０２５' reads as '2025'."""
    plain = unicodedata.normalize("NFKC", ROLE.sub(" ", text))
    return {str(float(n)) for n in NUMBER.findall(plain)}


def markup_problems(msgid: str, msgstr: str) -> list[str]:
    """What a translation adds to its English: markup, control characters, typed numbers."""
    problems = []
    extra = _markup(msgstr) - _markup(msgid)
    if extra:
        problems.append("holds markup its English does not: " + ", ".join(f"{k} {t!r}" for k, t in sorted(extra)))
    control = CONTROL.search(msgstr)
    if control:
        problems.append(f"holds a control character ({control.group()!r})")
    months = {str(float(i)) for i, month in enumerate(MONTHS, start=1) if month in msgid}
    typed = sorted(_numbers(msgstr) - _numbers(msgid) - months, key=float)
    if typed:
        problems.append(f"types numbers its English does not ({', '.join(f'{float(n):g}' for n in typed)}): "
                        "a number is glued, never typed")
    return problems


def entry_problems(msgid: str, msgstr: str, page: str) -> list[str]:
    """What is wrong with one translation of a paragraph of ``page`` (e.g. ``index.md``)."""
    problems = []
    found, order = Counter(), []
    for ref in GLUE.findall(msgstr):
        match = PATH_FORM.match(ref)
        if match is None:
            problems.append(f"glue role `{ref}` must read `{page}::{ref}:s` (the local form comes out empty)")
        elif match["page"] != page:
            problems.append(f"glue role `{ref}` names {match['page']}, not this page, {page}")
        else:
            found[match["key"]] += 1
            order.append(match["key"])
    # A key ending in _zh glues the article's Chinese words beside the English ones: the Chinese
    # may leave it out, since its own prose already is those words.
    english = [key for key in GLUE.findall(msgid) if not (key.endswith("_zh") and not found[key])]
    wanted = Counter(english)
    if found != wanted and not problems:
        missing, extra = sorted((wanted - found).elements()), sorted((found - wanted).elements())
        problems.append(f"glued keys differ from the English: missing {missing}, unknown {extra}")
    elif found == wanted and order != english:
        problems.append(f"glued keys are not in the English's order {english}: {order}")
    if _targets(msgid) != _targets(msgstr):
        missing = sorted((_targets(msgid) - _targets(msgstr)).elements())
        extra = sorted((_targets(msgstr) - _targets(msgid)).elements())
        problems.append(f"cross-references differ from the English: missing {missing}, unknown {extra}")
    return problems + markup_problems(msgid, msgstr)


def broken_entries(po: Path, page: str, shown: str | None = None) -> list[str]:
    """One line per broken entry of a catalogue: the file (as ``shown``), the entry's line and
    message, its faults."""
    from babel.messages.pofile import PoFileError

    out = []
    try:
        messages = list(read(po))
    except (PoFileError, UnicodeDecodeError, ValueError) as err:
        return [f"{shown or po}: not a catalogue Babel can read ({' '.join(str(err).split())})"]
    for message in messages:
        if message.id and message.string and not message.fuzzy:
            problems = entry_problems(message.id, message.string, page)
            if problems:
                short = message.id if len(message.id) <= 60 else message.id[:57] + "..."
                out.append(f"{shown or po}:{message.lineno}: msgid {short!r}: {'; '.join(problems)}")
    return out


def broken_catalogues(root: Path, folders=("locale",), language: str = "zh_CN") -> list[str]:
    """Every broken entry of the catalogues under ``root`` (the book's folder), one line each, named
    by file (relative to ``root``), line and message. The build and ``make check-data`` stop on them."""
    broken = []
    for folder in folders:
        for po in sorted((root / folder / language / "LC_MESSAGES").rglob("*.po")):
            broken += broken_entries(po, f"{po.stem}.md", str(po.relative_to(root)))
    return broken


def untranslated(po: Path) -> list[tuple[int, str, str]]:
    """(line, msgid, why) for each entry with no translation or only a fuzzy one."""
    return [(m.lineno, m.id, "fuzzy" if m.fuzzy else "no translation")
            for m in read(po) if m.id and (m.fuzzy or not m.string)]
