"""The metric parser against tables of spellings (tests/data/metrics/)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml

from casestudy.format import metrics
from casestudy.format.metrics import Metric, MetricError, find_metrics, metric_in_text, parse_metric

DATA = Path(__file__).parent / "data" / "metrics"


def _load(name: str) -> list[Any]:
    loaded: list[Any] = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    return loaded


PARSED = _load("parsed.yaml")
SAME_FIGURE = _load("same_figure.yaml")
REJECTED = _load("rejected.yaml")
HELD_OUT = _load("held_out.yaml")
IN_TEXT = _load("in_text.yaml")


_OPTIONAL_FIELDS = {
    "unit": "", "per": None, "percentile": None, "label": "", "bound": None, "high": None,
    "signed": False,
}


@pytest.mark.parametrize("case", PARSED, ids=[case["text"] for case in PARSED])
def test_parse_metric_reads_each_part_of_the_figure(case: dict[str, Any]) -> None:
    metric = parse_metric(case["text"])
    assert metric.text == case["text"]
    assert math.isclose(metric.value, float(case["value"]), rel_tol=1e-12)
    assert {field: getattr(metric, field) for field in _OPTIONAL_FIELDS} == {
        field: case.get(field, empty) for field, empty in _OPTIONAL_FIELDS.items()
    }


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


def test_held_out_pairs_are_told_apart_nine_times_in_ten_on_each_side() -> None:
    right = {True: 0, False: 0}
    for case in HELD_OUT:
        first, second = parse_metric(case["a"]), parse_metric(case["b"])
        right[case["same"]] += first.same_figure(second) is case["same"]
    for same in (True, False):
        total = sum(case["same"] is same for case in HELD_OUT)
        assert right[same] / total >= 0.9, (same, right[same], total)


def test_find_metrics_lists_every_figure_of_a_paragraph_in_order() -> None:
    paragraph = (
        "We serve 8.4 billion queries per month at a p99 latency of 87 ms, "
        "while p50 sits at 12ms and 12,500 QPS at peak."
    )
    found = find_metrics(paragraph)
    assert [(m.value, m.unit, m.per, m.percentile) for m in found] == [
        (8.4e9, "query", "month", None),
        (87.0, "ms", None, "p99"),
        (12.0, "ms", None, "p50"),
        (12500.0, "query", "s", None),
    ]
    assert found[1].text == "p99 latency of 87 ms"
    assert found[1].label == "latency"


def test_a_percentile_in_parentheses_belongs_to_the_figure_it_qualifies() -> None:
    text = "average latency of 142ms (p95: 287ms)"
    assert metric_in_text(parse_metric("142ms average"), text)
    assert metric_in_text(parse_metric("287ms p95"), text)
    assert not metric_in_text(parse_metric("142ms p95"), text)


def test_every_seed_index_metric_parses_and_is_found_in_its_own_row() -> None:
    row = "8.4B queries/month, 142ms p50 latency, 0.78 NDCG@10"
    metrics = [parse_metric(text.strip()) for text in row.split(", ")]
    assert all(metric_in_text(metric, row) for metric in metrics)
    assert len(find_metrics(row)) == 3


def test_describe_shows_how_the_metric_was_understood() -> None:
    assert parse_metric("87ms p99 latency").describe() == (
        "value 87, unit ms, percentile p99, label 'latency'"
    )
    assert parse_metric("2.1B vectors").describe() == "value 2,100,000,000, unit vector"
    assert parse_metric("sub-100ms").describe() == "value 100, unit ms, upper bound"
    assert parse_metric("50-100ms").describe() == "value 50 to 100, unit ms"


def test_metric_is_a_frozen_value() -> None:
    metric = parse_metric("2.1B vectors")
    assert metric == Metric("2.1B vectors", 2.1e9, "vector")
    with pytest.raises(AttributeError):
        metric.value = 1.0  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        pytest.param("2 weeks", {"2", "14", "336", "2016", "12096"}, id="weeks-in-days-hours"),
        pytest.param("$0.0012/query", {"12"}, id="per-1K-keeps-digits"),
        pytest.param("2.1B vectors", {"21"}, id="count"),
    ],
)
def test_digit_spellings_cover_the_units_of_a_dimension(text: str, digits: set[str]) -> None:
    assert digits <= metrics.digit_spellings(parse_metric(text))
