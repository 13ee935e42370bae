"""When two metrics are one figure: each is brought to a comparable form (its value in the
base unit of its dimension, per one base per-unit, with the thing its label measures), and
the forms are compared."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from casestudy.format import metric_words as words
from casestudy.format.metrics.units import singular

if TYPE_CHECKING:
    from casestudy.format.metrics.figure import Metric


class Comparable(NamedTuple):
    value: float  # in the base unit of its dimension, per one base per-unit
    high: float | None
    unit: str  # the dimension, or the unit itself
    per: str  # the per-unit's dimension, or the per-unit itself
    percentile: str
    bound: str
    signed: bool
    measure: str | None


def comparable(metric: Metric) -> Comparable:
    return _comparable_cached(metric.value, metric.unit, metric.per, metric.percentile,
                              metric.bound, metric.high, metric.signed, metric.label)


@functools.lru_cache(maxsize=4096)
def _comparable_cached(
    value: float, unit: str, per: str | None, percentile: str | None, bound: str | None,
    high: float | None, signed: bool, label: str,
) -> Comparable:
    dimension, size = _unit_size(unit)
    per_key, per_size = "", 1.0
    if per:
        amount_text, _, per_name = per.rpartition(" ")
        amount = float(amount_text) if amount_text else 1.0
        per_dimension, per_unit_size = _unit_size(per_name)
        per_key, per_size = per_dimension, per_unit_size * amount
    scale = size / per_size
    return Comparable(
        value * scale, None if high is None else high * scale, dimension, per_key,
        percentile or "", bound or "", signed, measure_of(label),
    )


def _unit_size(unit: str) -> tuple[str, float]:
    if unit in words.CASE_SENSITIVE_UNITS:
        _, dimension, size = words.CASE_SENSITIVE_UNITS[unit]
        return str(dimension), size
    known = words.UNITS.get(unit.lower())
    if unit == "m":
        return "length", 1.0
    if known is not None and known[1] is not None:
        return known[1], known[2]
    if known is not None:
        return known[0], 1.0
    return singular(unit.lower()), 1.0


@functools.lru_cache(maxsize=1024)
def measure_of(label: str) -> str | None:
    """The thing a label names ("p99 search latency" -> "latency"), through synonyms."""
    found = re.findall(r"[a-z0-9][a-z0-9@-]*", label.lower())
    for length in range(words.MEASURE_MAX_WORDS, 0, -1):
        for first in range(len(found) - length + 1):
            measure = words.MEASURES.get(" ".join(found[first : first + length]))
            if measure is not None:
                return measure
    return None


def _close(first: float, second: float) -> bool:
    return math.isclose(first, second, rel_tol=1e-9, abs_tol=1e-15)


def same(mine: Comparable, theirs: Comparable) -> bool:
    if mine[2:6] != theirs[2:6]:
        return False
    if mine.signed and theirs.signed:
        values_agree = _close(mine.value, theirs.value)
    else:
        values_agree = _close(abs(mine.value), abs(theirs.value))
    if not values_agree:
        return False
    if (mine.high is None) != (theirs.high is None) or (
        mine.high is not None and theirs.high is not None and not _close(mine.high, theirs.high)
    ):
        return False
    return mine.measure is None or theirs.measure is None or mine.measure == theirs.measure


def comparer(wanted: Metric) -> Callable[[Metric], tuple[bool, bool]]:
    """A test of figures against `wanted`, its side worked out once: (same figure, near
    miss) for each figure it is given."""
    mine = comparable(wanted)
    value = abs(mine.value)

    def compare(found: Metric) -> tuple[bool, bool]:
        if not _close(value, abs(found.value) * _unit_size(found.unit)[1]) and not found.per:
            return False, False  # most figures: another number altogether
        theirs = comparable(found)
        near = (
            mine.unit == theirs.unit or (_is_counted(mine.unit) and _is_counted(theirs.unit))
        ) and _close(value, abs(theirs.value))
        return same(mine, theirs), near

    return compare


def _is_counted(unit: str) -> bool:
    """A unit that is a thing counted ("vector", "request"), not a measure."""
    return bool(unit) and unit.lower() not in words.UNITS and unit not in (
        "time", "calendar", "bytes", "bits", "length"
    )
