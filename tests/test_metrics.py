"""The metric parser against tables of spellings (tests/data/metrics/)."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from casestudy.format import metrics
from casestudy.format.metrics import Metric, MetricError, find_metrics, metric_in_text, parse_metric

DATA = Path(__file__).parent / "data" / "metrics"


def _load(name: str) -> list[Any]:
    loaded: list[Any] = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    return loaded


PARSED = _load("parsed.yaml")
SAME_FIGURE = _load("same_figure.yaml")
REJECTED = _load("rejected.yaml")
IN_TEXT = _load("in_text.yaml")


@pytest.mark.parametrize("case", PARSED, ids=[case["text"] for case in PARSED])
def test_parse_metric_reads_value_unit_per_percentile_and_label(case: dict[str, Any]) -> None:
    metric = parse_metric(case["text"])
    assert math.isclose(metric.value, float(case["value"]), rel_tol=1e-12)
    assert (metric.text, metric.unit, metric.per, metric.percentile, metric.label) == (
        case["text"],
        case.get("unit", ""),
        case.get("per"),
        case.get("percentile"),
        case.get("label", ""),
    )


def _pair_id(case: dict[str, Any]) -> str:
    return f"{case['a']} {'==' if case['same'] else '!='} {case['b']}"


@pytest.mark.parametrize("case", SAME_FIGURE, ids=[_pair_id(case) for case in SAME_FIGURE])
def test_two_spellings_compare_as_one_figure_or_not(case: dict[str, Any]) -> None:
    first, second = parse_metric(case["a"]), parse_metric(case["b"])
    assert first.same_figure(second) is case["same"]
    assert second.same_figure(first) is case["same"]


@pytest.mark.parametrize("text", REJECTED, ids=[text or "empty" for text in REJECTED])
def test_text_without_a_number_is_rejected_with_an_example(text: str) -> None:
    with pytest.raises(MetricError) as raised:
        parse_metric(text)
    message = str(raised.value)
    assert "no number" in message
    assert "2.1B vectors" in message


@pytest.mark.parametrize("case", IN_TEXT, ids=[case["id"] for case in IN_TEXT])
def test_metric_in_text_finds_the_figure_in_any_spelling(case: dict[str, Any]) -> None:
    assert metric_in_text(parse_metric(case["metric"]), case["text"]) is case["found"]


def test_find_metrics_lists_every_figure_of_a_paragraph_in_order() -> None:
    paragraph = (
        "We serve 8.4 billion queries per month at a p99 latency of 87 ms, "
        "while p50 sits at 12ms and 12,500 QPS at peak."
    )
    found = find_metrics(paragraph)
    assert [(m.value, m.unit, m.per, m.percentile) for m in found] == [
        (8.4e9, "queries", "month", None),
        (87.0, "ms", None, "p99"),
        (12.0, "ms", None, "p50"),
        (12500.0, "qps", None, None),
    ]
    assert found[1].text == "p99 latency of 87 ms"
    assert found[1].label == "latency"


def test_every_seed_index_metric_parses_and_is_found_in_its_own_row() -> None:
    row = "8.4B queries/month, 142ms p50 latency, 0.78 NDCG@10"
    metrics = [parse_metric(text.strip()) for text in row.split(", ")]
    assert all(metric_in_text(metric, row) for metric in metrics)
    assert len(find_metrics(row)) == 3


def test_describe_shows_how_the_metric_was_understood() -> None:
    assert parse_metric("87ms p99 latency").describe() == (
        "value 87, unit ms, percentile p99, label 'latency'"
    )
    assert parse_metric("2.1B vectors").describe() == "value 2,100,000,000, unit vectors"


def test_metric_is_a_frozen_value() -> None:
    metric = parse_metric("2.1B vectors")
    assert metric == Metric("2.1B vectors", 2.1e9, "vectors", None, None, "")
    with pytest.raises(AttributeError):
        metric.value = 1.0  # type: ignore[misc]


# The figure pattern starts with a lookahead naming the characters a figure can start with,
# only so that the regex engine gives up early elsewhere: it must change no match.
_FIGURE_PIECES = (
    " ", "\t", "\n", "\u00a0", "\u2003", ".", ",", "-", "/", "@", "$", "€", "£", "%", "\u00d7", "1",
    "23", "4.5", "1,234", "٣", "p99", "B", "bn", "k", "ms", "per", "million", "query", "x",
    "GPT-", "NDCG@10", "µs", "\u017f",
)


@given(st.lists(st.sampled_from(_FIGURE_PIECES), max_size=24))
def test_the_figure_pattern_finds_what_it_finds_without_its_lookahead(pieces: list[str]) -> None:
    lookahead = r"(?=[\d$€£.\s])"
    pattern = metrics._FIGURE_RE.pattern
    assert lookahead in pattern
    without = re.compile(pattern.replace(lookahead, "", 1), metrics._FIGURE_RE.flags)
    text = "".join(pieces)
    assert [(m.span(), m.groupdict()) for m in metrics._FIGURE_RE.finditer(text)] == [
        (m.span(), m.groupdict()) for m in without.finditer(text)
    ]
