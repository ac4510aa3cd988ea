"""Numbers for prose: formatted once, the same way everywhere, from the data."""
from __future__ import annotations

import math


def number(value: float, digits: int | None = None) -> str:
    """12.9 -> '12.9', 7130 -> '7,130', 100.0 -> '100'; `digits` fixes the decimals."""
    if digits is None:
        digits = 0 if float(value).is_integer() else len(repr(float(value)).split(".")[1])
    return f"{value:,.{digits}f}"


def percent(value: float, digits: int | None = None) -> str:
    return number(value, digits) + "%"


def approx_prefix(approximation: str) -> str:
    """The English qualifier for a figure's approximation: 'about', 'more than', ..."""
    return {"exact": "", "about": "about ", "more_than": "more than ", "nearly": "nearly ",
            "order_of": "of the order of "}[approximation]


def close(a: float, b: float, places: int) -> bool:
    """Do two values agree once rounded to `places` decimals (half a unit of the last digit)?"""
    return math.isclose(a, b, abs_tol=0.5 * 10 ** -places + 1e-9)
