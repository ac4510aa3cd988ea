"""The numbers a text states, as amounts, so that a figure can be checked against its own words.

Chinese writes 19.3万亿元, 3.5万余家, 二十五个, 近一半; English writes 19.3 trillion yuan, 35,000,
five times, January. :func:`chinese_amounts` and :func:`english_amounts` read them to plain numbers
(万 and 亿, thousand to trillion, applied), so a sentence and its translation can be compared
whatever units each writes in; :func:`stated_amounts` reads the amounts a source's words give, with
their units (``units.csv``) and qualifiers, for the context figures (``checks.py``).
"""
from __future__ import annotations

import math
import re

# The magnitudes a Chinese unit starts with (万亿元 = 万 x 亿 元, 吉赫兹 = 10^9 赫兹).
MAGNITUDES = {"十": 10, "百": 100, "千": 1000, "万": 1e4, "亿": 1e8, "吉": 1e9}
_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUMERAL = re.compile(r"[零一二两三四五六七八九十百千万亿]+")
_ZH = re.compile(r"(\d+(?:\.\d+)?)(万亿|亿|万)?", re.ASCII)
_EN = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(trillion|billion|million|thousand))?", re.ASCII)
_EN_MAGNITUDES = {"trillion": 1e12, "billion": 1e9, "million": 1e6, "thousand": 1e3, None: 1}
_EN_WORDS = {w: float(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_DATE = re.compile(r"\s*[年月日]")  # 2023年11月: a date, not an amount


def magnitude(unit: str) -> float:
    """The factor a Chinese unit's leading magnitudes give: '万亿元' -> 1e12, '个百分点' -> 1."""
    factor = 1.0
    for ch in unit:
        if ch not in MAGNITUDES:
            break
        factor *= MAGNITUDES[ch]
    return factor


def chinese_numeral(text: str) -> float:
    """'二十五' -> 25, '千亿' -> 1e11, '三万五千' -> 35000."""
    total, section, digit = 0.0, 0.0, 0.0
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in "十百千":
            section += (digit or 1) * MAGNITUDES[ch]
            digit = 0
        elif ch == "万":
            total += (section + digit or 1) * 1e4
            section = digit = 0
        elif ch == "亿":
            total = (total + section + digit or 1) * 1e8
            section = digit = 0
    return total + section + digit


def _key(number: float) -> float:
    return float(f"{number:.9g}")  # 1.2万亿 and 1.2 trillion meet whatever the float arithmetic does


def chinese_amounts(text: str, numerals: bool = False) -> set[float]:
    """The numbers a Chinese text writes in digits, scaled by 万/亿 ('1.2万亿元' -> 1.2e12); with
    ``numerals``, also those it writes in characters ('超千亿元' -> 1e11, '万人' -> 1e4)."""
    found = {_key(float(n) * magnitude(m)) for n, m in _ZH.findall(text)}
    if numerals:
        found |= {_key(chinese_numeral(m)) for m in _NUMERAL.findall(text)}
    return found


def english_amounts(text: str, names: bool = True) -> set[float]:
    """The numbers an English text states, scaled ('1.2 trillion' -> 1.2e12, '35,000'), with the
    small numbers it writes as words ('five') and the months it names (January -> 1). Without
    ``names``, its digits alone, leaving out a number that ends a name ('Ne Zha 2')."""
    found = set()
    for match in _EN.finditer(text):
        before = text[:match.start()].rstrip()
        if not names and re.search(r"\b[A-Z][a-z]*$", before) and not before.endswith(MONTHS):
            continue
        found.add(_key(float(match[1].replace(",", "")) * _EN_MAGNITUDES[match[2]]))
    if names:
        found |= {_EN_WORDS[w.lower()] for w in re.findall(r"[A-Za-z]+", text) if w.lower() in _EN_WORDS}
        found |= {float(i) for i, month in enumerate(MONTHS, start=1) if month in text}
    return found


def translation_mismatch(chinese: str, english: str) -> str | None:
    """How an English translation's numbers differ from its Chinese sentence's, or None.

    Every number the Chinese writes in digits is in the English (in any scale, or as a word or a
    month); every number the English writes in digits is in the Chinese (in digits or characters),
    but for a number that ends a name."""
    missing = chinese_amounts(chinese) - english_amounts(english)
    if missing:
        return f"lacks the Chinese sentence's {', '.join(f'{n:g}' for n in sorted(missing))}"
    extra = english_amounts(english, names=False) - chinese_amounts(chinese, numerals=True)
    if extra:
        return f"states {', '.join(f'{n:g}' for n in sorted(extra))}, which the Chinese sentence does not"
    return None


# English words for a unit, by base unit; a bare number is a count ('53 state-level zones').
_EN_UNITS = {"percent": "percent", "percentage points": "percentage points", "points": "index points"}
_AMOUNT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|[零一二两三四五六七八九十百千万亿]+)", re.ASCII)


def stated_amounts(words: str, units: dict[str, tuple[float, str]], qualifiers: dict[str, str]):
    """Each amount the words state: (amount in its base unit, base unit, qualifier).

    ``units`` maps each unit of units.csv to (factor, base unit); ``qualifiers`` each qualifier
    word to its approximation code (约 -> about). '约1.2万亿元' -> (1.2e12, 'yuan', 'about');
    'CNY13.6 trillion' -> (1.36e13, 'yuan', 'exact'); '近一半' -> (50, 'percent', 'nearly');
    '二十五个城市' -> (25, 'count', 'exact'). A year or a date (2023年11月) is no amount."""
    text = words.replace("一半", "50%")
    by_length = sorted(units, key=len, reverse=True)
    found = []
    for match in _AMOUNT.finditer(text):
        before, after = text[:match.start()], text[match.end():]
        unit = next((u for u in by_length if after.startswith(u)), None)
        if _DATE.match(after) or not (match[1][0].isdigit() or unit or after.startswith("个")):
            continue  # a date, or characters that are part of a word (一批, 千鸟)
        number = float(match[1].replace(",", "")) if match[1][0].isdigit() else chinese_numeral(match[1])
        qualifier = next((kind for word, kind in qualifiers.items() if before.endswith(word)), "exact")
        english = re.match(r"\s*(trillion|billion|million|thousand|percentage points|percent|points)\b", after)
        if unit:
            factor, base = units[unit]
            if after[len(unit):].startswith("左右"):
                qualifier = qualifiers["左右"]
            found.append((number * factor, base, qualifier))
        elif english and english[1] in _EN_MAGNITUDES:
            found.append((number * _EN_MAGNITUDES[english[1]], "yuan", qualifier))
        elif english:
            found.append((number, _EN_UNITS[english[1]], qualifier))
        else:
            found.append((number, "count", qualifier))
    return found


def states(words: str, value: float, unit: str, units: dict[str, tuple[float, str]],
           qualifiers: dict[str, str]) -> str | None:
    """The qualifier with which the words state ``value`` ``unit`` (in any unit of its base), or
    None if they do not state it."""
    factor, base = units[unit]
    for amount, its_base, qualifier in stated_amounts(words, units, qualifiers):
        if its_base == base and math.isclose(amount, value * factor, rel_tol=1e-9):
            return qualifier
    return None
