"""Numbers for prose and charts: formatted once, the same way everywhere, from the data.

Each edition writes a number by its own conventions, one function each: English '19.3 trillion
yuan', '505.7 points', '2023'; Chinese '19.3万亿元', '505.7点', '2023年' (亿元 and 万亿元 for
money, no thousands separator below 万). The digits are the same in both editions: only the
words and units around them follow the edition (:func:`language.language`).
"""
from __future__ import annotations

import math
import re

from hightech_zones.language import is_chinese

# Chinese money scales, largest first: 万亿元 (10^12) and 亿元 (10^8), then 万元 (10^4).
_YUAN_ZH = ((1e12, "万亿元"), (1e8, "亿元"), (1e4, "万元"))
_YUAN_EN = ((1e12, "trillion yuan"), (1e9, "billion yuan"), (1e6, "million yuan"))


def number(value: float, digits: int | None = None) -> str:
    """A number in the edition's way: :func:`number_en` in English ('7,130'), :func:`number_zh` in
    Chinese ('7130': Chinese text writes no thousands separator)."""
    return number_zh(value, digits) if is_chinese() else number_en(value, digits)


def _digits(value: float, digits: int | None) -> int:
    if digits is None:
        return 0 if float(value).is_integer() else len(repr(float(value)).split(".")[1])
    return digits


def number_en(value: float, digits: int | None = None) -> str:
    """12.9 -> '12.9', 7130 -> '7,130', 100.0 -> '100', whatever the edition; `digits` fixes the decimals."""
    return f"{value:,.{_digits(value, digits)}f}"


def number_zh(value: float, digits: int | None = None) -> str:
    """A number as Chinese text writes it: 7130 -> '7130' (no separator below 万), 12.9 -> '12.9'."""
    return f"{value:.{_digits(value, digits)}f}"


def percent(value: float, digits: int | None = None) -> str:
    """'4.3%' in both editions."""
    return number(value, digits) + "%"


def points(value: float, digits: int | None = None) -> str:
    """Index points: '505.7 points' in English, '505.7点' in Chinese."""
    return f"{number_zh(value, digits)}点" if is_chinese() else f"{number(value, digits)} points"


def year(value: int | float | str) -> str:
    """A calendar year: '2023' in English, '2023年' in Chinese."""
    text = str(int(float(value)))
    return f"{text}年" if is_chinese() else text


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def date(text: str) -> str:
    """A date as the data write it ('2025-02-26', '2025-01', '2025') in the edition's words:
    '26 February 2025', 'January 2025', '2025' in English (a reader never sees an ISO date in
    prose); '2025年2月26日', '2025年1月', '2025年' in Chinese. The data files keep ISO dates."""
    parts = [int(p) for p in str(text).split("-")]
    if is_chinese():
        return "".join(f"{p}{unit}" for p, unit in zip(parts, "年月日"))
    year, *rest = parts
    month = f"{_MONTHS[rest[0] - 1]} " if rest else ""
    day = f"{rest[1]} " if len(rest) > 1 else ""
    return f"{day}{month}{year}"


def yuan(amount: float, digits: int | None = None) -> str:
    """An amount of yuan in the edition's scale: 1.93e13 -> '19.3 trillion yuan' or '19.3万亿元';
    6e11 -> '600 billion yuan' or '6000亿元'. Amounts below the smallest scale stay in yuan."""
    scales, sep, unit = (_YUAN_ZH, "", "元") if is_chinese() else (_YUAN_EN, " ", "yuan")
    write = number_zh if is_chinese() else number
    scale, name = next(((s, n) for s, n in scales if abs(amount) >= s), (1, unit))
    value = round(amount / scale, 6) if digits is None else amount / scale
    return f"{write(value, digits)}{sep}{name}"


def approx_prefix(approximation: str) -> str:
    """The English qualifier for a figure's approximation: 'about', 'more than', ..."""
    return {"exact": "", "about": "about ", "more_than": "more than ", "nearly": "nearly ",
            "order_of": "of the order of "}[approximation]


def approx_zh(approximation: str, text: str) -> str:
    """A Chinese value with its qualifier: '约1.2万亿元', '超过6000亿元', '近…', '…量级'."""
    return {"exact": text, "about": f"约{text}", "more_than": f"超过{text}", "nearly": f"近{text}",
            "order_of": f"{text}量级"}[approximation]


def close(a: float, b: float, places: int) -> bool:
    """Do two values agree once rounded to `places` decimals (half a unit of the last digit)?"""
    return math.isclose(a, b, abs_tol=0.5 * 10 ** -places + 1e-9)


# Chinese text's punctuation is full-width (，。：；（）？！): a half-width mark touching a Chinese
# character is turned into its full-width form, and the space after it dropped. Code, roles and
# placeholders (`...`, {...}) and URLs are left as they are.
_CJK = "\u3400-\u9fff\uf900-\ufaff"
_HAN = f"[{_CJK}]"
_AFTER = f"[{_CJK}）”》%]"  # what a Chinese clause may end with before its comma
_KEEP = re.compile(r"`[^`]*`|\{[^{}]*\}|\b(?:https?|file)://\S+|\bwww\.\S+")
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


def _fullwidth_plain(text: str) -> str:
    text = re.sub(r"\(([^()]*)\)", lambda m: f"（{m.group(1)}）" if re.search(_HAN, m.group(1)) or
                  re.search(f"{_HAN} ?$", text[:m.start()]) or re.match(f" ?{_HAN}", text[m.end():])
                  else m.group(), text)
    text = re.sub(rf"(?<={_AFTER}) ?([,;!?]) ?|(?<=[{_CJK}）]):(?!//) ?", lambda m: _FULL[(m.group(1) or ":")], text)
    text = re.sub(rf"([,;]) ?(?={_HAN}|“)", lambda m: _FULL[m.group(1)], text)
    text = re.sub(rf"(?<={_AFTER})\.(?=$|\s|[“'])", "。", text)
    return re.sub(r" +(?=[（），。：；！？])|(?<=[（，。：；！？]) +", "", text)


def fullwidth(text: str) -> str:
    """Chinese text with full-width punctuation: '报告(2024),增长5.4%;企业:' ->
    '报告（2024），增长5.4%；企业：'. Text in backticks or braces and URLs keep theirs."""
    if not isinstance(text, str) or not re.search(_HAN, text):
        return text
    out, last = [], 0
    for m in _KEEP.finditer(text):
        out += [_fullwidth_plain(text[last:m.start()]), m.group()]
        last = m.end()
    out.append(_fullwidth_plain(text[last:]))
    return "".join(out)


_ISO_DATE = re.compile(r"(?<![\d\-_/])((?:19|20)\d\d)-([01]\d)(?:-([0-3]\d))?(?![\d\-_])")


def dates_in(text: str) -> str:
    """ISO dates inside a text as the edition writes dates: '2025-02-26' -> '2025年2月26日' in Chinese;
    unchanged in English."""
    if not is_chinese() or not isinstance(text, str):
        return text
    return _ISO_DATE.sub(lambda m: date(m.group()), text)
