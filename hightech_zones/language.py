"""Which edition of the book is being built: English or Simplified Chinese.

The Sphinx extension sets ``HIGHTECH_ZONES_LANG`` from the build's ``language`` when the
configuration is read (``config-inited``); the chapters' kernels inherit the build's
environment, so a chapter asks :func:`language` and draws its labels in that language. A live
notebook (``make lab``) reads the same variable: ``HIGHTECH_ZONES_LANG=zh_CN make lab``.
"""
from __future__ import annotations

import os
import re

ENV = "HIGHTECH_ZONES_LANG"
ENGLISH, CHINESE = "en", "zh_CN"
EDITIONS = (ENGLISH, CHINESE)


def language() -> str:
    """The edition being built: ``"en"`` (the default) or ``"zh_CN"``; anything else is refused."""
    lang = os.environ.get(ENV) or ENGLISH
    if lang not in EDITIONS:
        raise ValueError(f"{ENV}={lang!r}: the book has the editions {', '.join(EDITIONS)}")
    return lang


def is_chinese() -> bool:
    return language() == CHINESE


# The code points the web font serves (and the stylesheet's unicode-range): CJK radicals,
# punctuation, kana, ideographs, compatibility ideographs and forms, full-width forms.
RANGES = [(0x2E80, 0x2FDF), (0x3000, 0x303F), (0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
          (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF)]
CJK = re.compile("[" + "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in RANGES) + "]")
