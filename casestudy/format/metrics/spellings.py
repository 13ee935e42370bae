"""Where to look for a figure: the significant digits it can be written with, in any unit
of its dimension, so that a text holding none of them is passed over unread."""

from __future__ import annotations

import math

from casestudy.format import metric_words as words
from casestudy.format.metrics.comparing import comparable
from casestudy.format.metrics.figure import Metric


def significant_digits(value: float) -> str:
    """2.1e9 -> "21", 0.0012 -> "12", 87.0 -> "87" ("" for zero and oddities)."""
    text = f"{abs(value):.12g}"
    mantissa = text.partition("e")[0].replace(".", "")
    digits = mantissa.strip("0") if mantissa.isdigit() else ""
    return digits if 0 < len(digits) <= 12 else ""


_PER_SIZES = {
    "time": [size for _, size in words.DIMENSION_UNITS["time"] if size >= 1],
    "calendar": [1.0, 3.0, 12.0],
}
_COUNT_SIZES = [1.0, 1e3, 1e6, 1e9]  # "$1.20 per 1K queries"
_WRITTEN_DIGITS = 4


def digit_spellings(metric: Metric) -> frozenset[str]:
    """The significant digits the metric's number has in every unit of its dimension
    (and per every per-unit of the per's): "2 weeks" -> {"2", "14", "336", ...}. A text
    that holds none of them cannot state the metric."""
    form = comparable(metric)
    unit_sizes = [size for _, size in words.DIMENSION_UNITS.get(form.unit, [])] or [1.0]
    if form.per in _PER_SIZES:
        per_sizes = _PER_SIZES[form.per]
    elif form.per:
        per_sizes = _COUNT_SIZES
    else:
        per_sizes = [1.0]
    spellings = {significant_digits(abs(metric.value))}  # as the metric writes it
    for unit_size in unit_sizes:
        for per_size in per_sizes:
            amount = abs(form.value) * per_size / unit_size
            digits = significant_digits(amount)
            # a figure someone would write: a few significant digits, not 0.00145 minutes
            if digits and len(digits) <= _WRITTEN_DIGITS and 1e-4 <= amount < 1e13:
                spellings.add(digits)
            if form.unit == "time" and amount >= 1:
                # the first part of a duration in parts: "4 hours 42 minutes"
                spellings.add(significant_digits(float(math.floor(amount))))
    spellings.discard("")
    return frozenset(spellings)
