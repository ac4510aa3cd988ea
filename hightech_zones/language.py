"""Which edition of the book is being built: English or Simplified Chinese.

The Sphinx extension sets ``HIGHTECH_ZONES_LANG`` from the build's ``language`` when the
configuration is read (``config-inited``); the chapters' kernels inherit the build's
environment, so a chapter asks :func:`language` and draws its labels in that language. A live
notebook (``make lab``) reads the same variable: ``HIGHTECH_ZONES_LANG=zh_CN make lab``.
"""
from __future__ import annotations

import os

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
