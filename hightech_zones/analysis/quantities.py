"""Numbers as the sources write them, and what each may stand for.

"Within rounding" is read from how each number is written: ``31`` stands for anything
that rounds to 31 (30.5 to 31.5), ``24.1`` for 24.05 to 24.15. A round number with a
qualifier is read to its last non-zero digit (``约50%`` is 45 to 55); ``余`` (more than)
and ``近`` (nearly) open the interval on one side only. A recomputation is carried out on
those intervals (:func:`recompute`); the audit (``audit.py``) and the derived values
(``derived.py``) are built on them.
"""
from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import pandas as pd

from hightech_zones.words.labels import label, lang

BASE_YEAR = 2010  # the index's base year (2010 = 100) and the base of every "times 2010" multiple
BASE_INDEX = 100.0


@dataclass(frozen=True)
class Quantity:
    """A number as the sources give it: its value, the interval its writing allows, its unit."""

    value: float
    low: float
    high: float
    unit: str
    ref: str  # the id of the figure or context figure it comes from
    written: str = ""  # as the source writes it, e.g. '约9.8万亿元'

    @classmethod
    def exact(cls, value: float, unit: str = "", ref: str = "") -> "Quantity":
        return cls(value, value, value, unit, ref, f"{value:.10g}")

    def __str__(self) -> str:
        return self.written or f"{self.value:.10g}{self.unit}"


def _decimals(value: float) -> int:
    text = repr(float(value))
    return 0 if text.endswith(".0") else len(text.split(".")[1])


def interval(value: float, approximation: str = "exact") -> tuple[float, float]:
    """The values a number could stand for, given how it is written (see the module docstring)."""
    decimals = _decimals(value)
    step = 10.0 ** -decimals
    if decimals == 0 and approximation != "exact" and value >= 10:
        digits = str(int(value))
        step = 10.0 ** (len(digits) - len(digits.rstrip("0")))  # 50 -> 10, 1600 -> 100
        if step >= value:  # '近10倍': read to the unit, not to the tens
            step = 10.0 ** (len(digits) - 2)
    if approximation == "more_than":
        return value, value + step
    if approximation == "nearly":
        return value - step, value
    return value - step / 2, value + step / 2


class Facts:
    """The figures a recomputation may use: the article's, the context's, and the unit factors."""

    def __init__(self, figures: pd.DataFrame, context: pd.DataFrame, units: pd.DataFrame):
        self.figures = figures.set_index("id")
        self.context = context.set_index("id")
        self.factor = dict(zip(units["unit"], units["factor"]))

    def _quantity(self, row, ref: str, written: str) -> Quantity:
        low, high = interval(row["value"], row["approximation"])
        if row["relation"] == "index_level" and row["year"] == BASE_YEAR:
            low = high = row["value"]  # the base of the index is 100 by definition, not a rounded value
        return Quantity(float(row["value"]), low, high, row["unit"], ref, written)

    def fig(self, ref: str) -> Quantity:
        row = self.figures.loc[ref]
        return self._quantity(row, ref, row["value_as_written"])

    def ctx(self, ref: str) -> Quantity:
        row = self.context.loc[ref]
        return self._quantity({**row, "relation": row["topic"]}, ref, f"{row['value']:.10g}{row['unit']}")

    def year(self, ref: str) -> int:
        table = self.figures if ref in self.figures.index else self.context
        return int(table.loc[ref, "year"])

    def scale(self, q: Quantity, unit: str) -> float:
        """The factor that turns a number in q's unit into one in `unit` (万亿元 -> 亿元: 10000)."""
        return self.factor[q.unit] / self.factor[unit]


def recompute(function, *inputs: Quantity) -> tuple[float, float, float]:
    """The value of `function` at the inputs, and its range over the corners of their intervals.

    Every function used here is monotone in each input, so the corners bound it.
    """
    value = function(*(q.value for q in inputs))
    corners = [function(*c) for c in itertools.product(*((q.low, q.high) for q in inputs))]
    return value, min(corners), max(corners)


def cagr(level: float, years: float) -> float:
    return 100 * ((level / BASE_INDEX) ** (1 / years) - 1)


def years_to(level: float, rate: float) -> float:
    return math.log(level / BASE_INDEX) / math.log(1 + rate / 100)


def shown(value: float, digits: int, unit: str) -> str:
    from hightech_zones.words.fmt import number

    return f"{value:.{digits}f}" if unit == "year" else number(value, digits)


def with_range(value: float, low: float, high: float, digits: int, unit: str) -> str:
    """'24.17 (24.048 to 24.295) %': the range one decimal finer than the value, so that it shows;
    the words and the unit in the edition's language (labels audit_range, audit_unit_*)."""
    finer = digits + 1 if digits and unit != "year" else digits
    low_text, high_text = shown(low, finer, unit), shown(high, finer, unit)
    text = shown(value, digits, unit)
    if low_text != high_text:
        text = say("range", value=text, low=low_text, high=high_text)
    if unit in ("year", "count"):
        return text
    return text + ("" if unit.startswith("%") or lang() != "en" else " ") + say("unit_" + unit.replace("%", "percent")
                                                                             .replace(" ", "_"))


def say(key: str, **values) -> str:
    """The audit's words in the edition's language: the label ``audit_<key>`` of data/labels.csv,
    its placeholders filled (a Quantity shows as written; ``{total.value:.10g}`` takes its number)."""
    return label(f"audit_{key}", **values)


def implied_growth_2023(gdp: float, growth: float, gdp_2022: float) -> float:
    return 100 * (gdp / (1 + growth / 100) / gdp_2022 - 1)
