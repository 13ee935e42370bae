"""Headline metrics as typed figures, so two spellings of one figure compare equal.

"8.4 billion queries per month" and "8.4B queries/month" are one figure; so are "87ms p99
latency" and "p99 latency of 87 ms", "2 weeks" and "14 days", "$1.20 per 1K queries" and
"$0.0012/query". A figure is a value (scaled by K/M/B/T or number words, signed when a
change is written as one: "-40%", "40% lower"), a unit, an optional per-unit, an optional
statistic (p99, median, average), an optional bound ("sub-100ms", "5M+"), an optional range
top ("50-100ms") and a label: the other words, through which the thing measured is named
("99.999% availability" is not "99.999% consistency").

Text is read as tokens (numbers, words, symbols), and each figure is put together from the
tokens around a number. The words it knows are data, in `metric_words`. The modules, in the
order a text goes through them:

- `tokens`: the tokens of a text, its statistics (p99, median) and its clauses;
- `reading`: a figure's number with what comes before it and its scale and range;
- `units`: what comes after the number: unit, thing counted, duration parts, per-unit,
  bounds and directions written after it;
- `labels`: the words near a figure that name what it measures;
- `text`: from figures to `Metric`s, and the public readers;
- `figure`: the `Metric` type; `comparing`: when two are one figure; `spellings`: the
  digits a figure can be written with.

Stdlib only: the checker and hook-adjacent code import this and must start fast.
"""

from casestudy.format.metrics.comparing import comparer, measure_of
from casestudy.format.metrics.figure import GOOD_METRIC_EXAMPLES, Metric, MetricError
from casestudy.format.metrics.spellings import digit_spellings, significant_digits
from casestudy.format.metrics.text import (
    TextFigures,
    find_metrics,
    metric_in_text,
    parse_figure,
    parse_metric,
)

__all__ = [
    "GOOD_METRIC_EXAMPLES",
    "Metric",
    "MetricError",
    "TextFigures",
    "comparer",
    "digit_spellings",
    "find_metrics",
    "measure_of",
    "metric_in_text",
    "parse_figure",
    "parse_metric",
    "significant_digits",
]
