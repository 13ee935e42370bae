"""From the figures read in a text to `Metric`s, and the public readers: one headline
metric (`parse_metric`), every figure of a text (`find_metrics`, `TextFigures`)."""

from __future__ import annotations

from typing import NamedTuple

from casestudy.format import metric_words as words
from casestudy.format.metrics.figure import GOOD_METRIC_EXAMPLES, Metric, MetricError, format_value
from casestudy.format.metrics.labels import blank, counted_in_name, label_near, nearest, trim_words
from casestudy.format.metrics.reading import read_figures
from casestudy.format.metrics.tokens import Clauses, Tokens


class _Found(NamedTuple):
    """A figure read from a text: the Metric, where it starts, and the spans it was read
    from (for the label of a headline metric)."""

    metric: Metric
    start: int
    spans: list[tuple[int, int]]
    clause: tuple[int, int] | None
    modifiers: list[str]


def _labelled(text: str, found: _Found) -> Metric:
    """The figure with its label: the words around it in its clause."""
    start, end = found.spans[0]
    clause = found.clause or Clauses(text).around(start, end)
    return found.metric._replace(label=label_near(text, found.spans, clause, found.modifiers))


class TextFigures:
    """The figures of a text, read once, each figure's label worked out only when asked
    for (it is what most comparisons never need)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._found = _read(text, labels=False)
        self.figures = [(found.start, found.metric) for found in self._found]

    def labelled(self, index: int) -> Metric:
        """The figure `self.figures[index]`, with its label."""
        return _labelled(self.text, self._found[index])


def _read(text: str, *, labels: bool) -> list[_Found]:
    tokens = Tokens(text)
    found = []
    for figure in read_figures(tokens):
        spans = [(figure.start, figure.end), *figure.used]
        percentile = None
        clause = None
        if figure.dimension in words.DISTRIBUTION_DIMENSIONS and tokens.statistics:
            clause = tokens.clauses.around(figure.start, figure.end)
            statistic = nearest(figure.start, figure.end, tokens.statistics, clause)
            if statistic is not None:
                percentile = statistic[2]
                spans.append((statistic[0], statistic[1]))
        unit = figure.unit
        if not unit and "@" in text:
            # "NDCG@10 of 0.78": a figure without a unit is the measure named in its clause
            clause = clause or tokens.clauses.around(figure.start, figure.end)
            name = nearest(figure.start, figure.end, tokens.at_k_names, clause)
            if name is not None:
                unit = name[2]
                spans.append((name[0], name[1]))
        label = ""
        if labels:
            clause = clause or tokens.clauses.around(figure.start, figure.end)
            label = label_near(text, spans, clause, figure.modifiers)
        if not unit:
            # a bare figure after its name counts what is named: "| Vectors | 2.1B |",
            # "- Vectors: 2.1B"
            clause = clause or tokens.clauses.around(figure.start, figure.end)
            unit = counted_in_name(text[clause[0] : figure.start])
        per = figure.per
        if per is not None and figure.per_amount != 1:
            per = f"{format_value(figure.per_amount).replace(',', '')} {per}"
        value = -figure.value if figure.sign < 0 else figure.value
        first, last = _extent(spans)
        metric = Metric(
            text[first:last], value, unit, per, percentile, label, figure.bound,
            figure.high, figure.sign != 0,
        )
        found.append(_Found(metric, figure.start, spans, clause, figure.modifiers))
    return found


def _extent(spans: list[tuple[int, int]]) -> tuple[int, int]:
    """Where the first of the spans starts and the last ends."""
    first, last = spans[0]
    for start, end in spans[1:]:
        first, last = min(first, start), max(last, end)
    return first, last


def parse_metric(text: str) -> Metric:
    """The first figure in `text`, its label being all the other words."""
    found = _read(text, labels=False)
    if not found:
        raise MetricError(_no_number_message(text))
    metric, spans = found[0].metric, found[0].spans
    rest = blank(text, spans, 0)
    label_words = [
        word for word in rest.split()
        if word.lower().strip(",.;:()") not in ("+", "-", "~", "|")
    ]
    label = " ".join(trim_words(label_words)).strip(" ,;:()")
    return metric._replace(text=text, label=label)


def parse_figure(text: str) -> Metric | None:
    """The first figure in `text` (with the label parse_metric gives it), or None."""
    try:
        return parse_metric(text)
    except MetricError:
        return None


def find_metrics(text: str) -> list[Metric]:
    """Every figure mentioned in a line or paragraph of prose, in order."""
    return [found.metric for found in _read(text, labels=True)]


def metric_in_text(metric: Metric, text: str) -> bool:
    """Is this headline figure mentioned in `text`, in any spelling?"""
    return any(metric.same_figure(theirs) for theirs in find_metrics(text))


def _no_number_message(text: str) -> str:
    examples = ", ".join(f"'{example}'" for example in GOOD_METRIC_EXAMPLES)
    shown = text.strip() or "(empty)"
    return (
        f"'{shown}' has no number, so it is not a metric (a percentile such as p99 or a "
        f"name such as NDCG@10 does not count): write the figure with its unit, e.g. {examples}."
    )
