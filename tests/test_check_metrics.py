"""Headline metrics found in the body however they are written, and missing ones reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from casestudy.check.context import Context, Findings
from casestudy.check.document import check_document
from casestudy.check.scan import read_document
from casestudy.index.read import IndexFile


def metric_findings(tmp_path: Path, metric: str, body: str) -> list[str]:
    path = tmp_path / "README.md"
    path.write_text(
        f'---\nkey_metrics:\n  - "{metric}"\n---\n\n# T\n\n{body}\n', encoding="utf-8"
    )
    document = read_document(str(path), "README.md", "01_t", 1, "t", False)
    out = Findings(Context(str(tmp_path), IndexFile(str(tmp_path / "index.md")), False, []))
    check_document(document, out.context, out)
    return [f"{f.code} {f.message}" for f in out.items if f.code.startswith("CS4")]


@pytest.mark.parametrize(
    ("metric", "body"),
    [
        pytest.param("2.1B vectors", "It holds 2.1B vectors.", id="as-written"),
        pytest.param("2.1B vectors", "It holds 2.1b VECTORS.", id="other-case"),
        pytest.param("2.1B vectors", "It holds 2.1 billion vectors.", id="scale-word"),
        pytest.param("2.1B vectors", "It holds 2,100,000,000 vectors.", id="all-digits"),
        pytest.param("2.1B vectors", "It holds 2100M vectors.", id="other-scale"),
        pytest.param("$0.0012/query", "Each costs $0.0012 per query.", id="per-word"),
        pytest.param("87ms p99 latency", "The p99 latency is 87 ms.", id="reordered"),
        pytest.param("87ms p99 latency", "It answers at 87ms p99\nlatency at peak.", id="wrapped"),
        pytest.param("9ms p99 latency", "p99 latency of 9 ms, down from 90 ms.", id="one-digit"),
        pytest.param(
            "8.4B queries/month", "We serve 8.4 billion queries per month.", id="seed-example"
        ),
        pytest.param(
            "2.1B vectors",
            "".join(f"Step {n}: 21 shards.\n" for n in range(40)) + "Total: 2.1 billion vectors.",
            id="many-candidate-lines",
        ),
        pytest.param("2 weeks", "The migration took 14 days.", id="other-unit-of-the-dimension"),
        pytest.param("5M+ users", "We serve over 5 million users.", id="plus-as-words"),
        pytest.param("-40% latency", "We reduced latency by 40%.", id="sign-in-words"),
        pytest.param(
            "287ms p95", "Average latency of 142ms (p95: 287ms).", id="percentile-in-parentheses"
        ),
        pytest.param("$0.0012/query", "It costs $1.20 per 1K queries.", id="per-thousand"),
        pytest.param(
            "99.999% availability", "| Metric | Value |\n|---|---|\n| Uptime | 99.999% |",
            id="table-row-synonym",
        ),
        pytest.param("4 hours 42 minutes", "Recovery took 4h 42m in all.", id="duration-parts"),
        pytest.param("2.1B vectors", "- Vectors: 2.1B\n- Shards: 64", id="list-item"),
    ],
)
def test_found_in_any_spelling(tmp_path: Path, metric: str, body: str) -> None:
    assert metric_findings(tmp_path, metric, body) == []


@pytest.mark.parametrize(
    ("metric", "body"),
    [
        pytest.param("2.1B vectors", "It holds 12.1B vectors.", id="inside-a-longer-figure"),
        pytest.param("2.1B vectors", "It holds 2.1M vectors.", id="other-scale"),
        pytest.param("2.1B vectors", "See system_21 and 2.15B vectors.", id="near-misses"),
        pytest.param("87ms p99 latency", "The p50 latency is 87 ms.", id="other-percentile"),
        pytest.param("87ms p99 latency", "Nothing about speed.", id="absent"),
        pytest.param(
            "142ms p95", "Average latency of 142ms (p95: 287ms).", id="percentile-of-another"
        ),
        pytest.param("1000000 rows", "```python\nrows = 1000000 rows\n```", id="fenced-code"),
        pytest.param("1000000 rows", "Intro.\n\n    load(1000000 rows)\n", id="indented-code"),
        pytest.param("1000000 rows", "Run `load 1000000 rows` first.", id="inline-code"),
        pytest.param(
            "5000 requests", "```mermaid\ngraph LR\n  A[5000 requests] --> B\n```",
            id="mermaid",
        ),
        pytest.param(
            "2.1B vectors", "See https://example.com/2.1B-vectors for more.", id="url"
        ),
        pytest.param("2.1B vectors", "<!-- 2.1B vectors -->\nTBD.", id="html-comment"),
        pytest.param("sub-100ms", "Latency is 100ms.", id="bound-is-not-a-figure"),
    ],
)
def test_reported_when_absent(tmp_path: Path, metric: str, body: str) -> None:
    findings = metric_findings(tmp_path, metric, body)
    assert len(findings) == 1
    assert findings[0].startswith(f"CS401 headline metric '{metric}' (front matter)")


def test_a_metric_without_a_figure(tmp_path: Path) -> None:
    assert metric_findings(tmp_path, "very fast", "It is very fast.") == [
        "CS402 headline metric 'very fast' (front matter) has no figure"
    ]


@pytest.mark.parametrize(
    ("metric", "body", "instead"),
    [
        pytest.param(
            "99.999% availability", "Intro.\n\nWe kept 99.999% consistency.",
            "found 99.999% consistency on line 10", id="other-measure",
        ),
        pytest.param(
            "5M+ users", "Intro.\n\nIt served 5M+ requests.", "found 5M+ requests on line 10",
            id="other-thing-counted",
        ),
        pytest.param(
            "2.1B vectors", "Intro.\n\nIt answers 2.1B queries.", "found 2.1B queries on line 10",
            id="vectors-are-not-queries",
        ),
    ],
)
def test_a_near_miss_is_named(tmp_path: Path, metric: str, body: str, instead: str) -> None:
    findings = metric_findings(tmp_path, metric, body)
    assert findings == [
        f"CS401 headline metric '{metric}' (front matter) does not appear in the text; {instead}"
    ]
