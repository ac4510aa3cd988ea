"""The Chinese edition's translation catalogues, checked before the build reads a page.

A translated paragraph is parsed by Sphinx in a fresh document, outside its notebook, so:

* a glued value must be written in the path form with a format spec,
  ``{glue:text}`index.md::base:s` ``; the local form ``{glue:text}`base` `` comes out empty;
* it must glue exactly the keys of its English paragraph, from its own page, and point to
  exactly the same ``{numref}`` and ``{doc}`` targets, which the English build has resolved.

:func:`broken_entries` names every entry that breaks these rules; the Sphinx extension stops
the build with them. :func:`untranslated` names the entries a reader would see in English.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

GLUE = re.compile(r"\{glue:text\}`([^`]*)`")
TARGETS = re.compile(r"\{(numref|doc|ref)\}`([^`]*)`")
PATH_FORM = re.compile(r"(?P<page>[\w-]+\.md)::(?P<key>\w+):s$")


def read(po: Path):
    from babel.messages.pofile import read_po

    with po.open("rb") as f:
        return read_po(f, abort_invalid=True)


def _targets(text: str) -> Counter:
    # A role's target is what follows its last '<' (explicit title) or the whole text.
    return Counter((role, re.sub(r"^.*<([^>]*)>$", r"\1", target)) for role, target in TARGETS.findall(text))


def entry_problems(msgid: str, msgstr: str, page: str) -> list[str]:
    """What is wrong with one translation of a paragraph of ``page`` (e.g. ``index.md``)."""
    problems = []
    wanted = Counter(GLUE.findall(msgid))
    found = Counter()
    for ref in GLUE.findall(msgstr):
        match = PATH_FORM.match(ref)
        if match is None:
            problems.append(f"glue role `{ref}` must read `{page}::{ref}:s` (the local form comes out empty)")
        elif match["page"] != page:
            problems.append(f"glue role `{ref}` names {match['page']}, not this page, {page}")
        else:
            found[match["key"]] += 1
    if found != wanted and not problems:
        missing, extra = sorted((wanted - found).elements()), sorted((found - wanted).elements())
        problems.append(f"glued keys differ from the English: missing {missing}, unknown {extra}")
    if _targets(msgid) != _targets(msgstr):
        missing = sorted((_targets(msgid) - _targets(msgstr)).elements())
        extra = sorted((_targets(msgstr) - _targets(msgid)).elements())
        problems.append(f"cross-references differ from the English: missing {missing}, unknown {extra}")
    return problems


def broken_entries(po: Path, page: str, shown: str | None = None) -> list[str]:
    """One line per broken entry of a catalogue: the file (as ``shown``), the entry's line and
    message, the fault."""
    out = []
    for message in read(po):
        if message.id and message.string and not message.fuzzy:
            for problem in entry_problems(message.id, message.string, page):
                short = message.id if len(message.id) <= 60 else message.id[:57] + "..."
                out.append(f"{shown or po}:{message.lineno}: msgid {short!r}: {problem}")
    return out


def untranslated(po: Path) -> list[tuple[int, str, str]]:
    """(line, msgid, why) for each entry with no translation or only a fuzzy one."""
    return [(m.lineno, m.id, "fuzzy" if m.fuzzy else "no translation")
            for m in read(po) if m.id and (m.fuzzy or not m.string)]
