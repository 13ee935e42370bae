"""The typed figure a metric is read into."""

from __future__ import annotations

from typing import NamedTuple

from casestudy.format.metrics import comparing

GOOD_METRIC_EXAMPLES = ("2.1B vectors", "87ms p99 latency", "$0.0012/query")


class MetricError(ValueError):
    """A headline metric that is not a figure; the message shows what a good one looks like."""


class Metric(NamedTuple):
    """One figure, typed."""

    text: str  # as written
    value: float  # scaled: "2.1B" -> 2.1e9, "12,500" -> 12500; negative for "-40%", "40% lower"
    unit: str = ""  # canonical: "ms", "$", "%", "x", "query", "vector", "GB" ("" when none)
    per: str | None = None  # canonical per-unit: "query", "month", "s", "1000 query"
    percentile: str | None = None  # "p50", "p95", "p99", "p99.9", "mean"
    label: str = ""  # the remaining words, e.g. "latency"
    bound: str | None = None  # "<" for "sub-100ms", "under 100ms"; ">" for "5M+", "over 5M"
    high: float | None = None  # the top of a range: "50-100ms" -> value 50, high 100
    signed: bool = False  # a direction was written ("+40%", "-40%", "reduced by 40%")

    def same_figure(self, other: Metric) -> bool:
        """One figure however each was spelled: value in the same unit of one dimension,
        per-unit, statistic, bound, range and, where both name it, the thing measured."""
        return comparing.same(comparing.comparable(self), comparing.comparable(other))

    def describe(self) -> str:
        """How the figure was understood, for showing back to the author."""
        parts = [f"value {format_value(self.value)}"]
        if self.high is not None:
            parts[0] += f" to {format_value(self.high)}"
        parts.append(f"unit {self.unit}" if self.unit else "no unit")
        if self.per:
            parts.append(f"per {_PER_NAMES.get(self.per, self.per)}")
        if self.percentile:
            parts.append(f"percentile {self.percentile}")
        if self.bound:
            parts.append("upper bound" if self.bound == "<" else "lower bound")
        if self.label:
            parts.append(f"label '{self.label}'")
        return ", ".join(parts)


_PER_NAMES = {"s": "second", "min": "minute", "h": "hour"}  # as `describe` says them


def format_value(value: float) -> str:
    return format(value, ",.12g")
