"""Bad answers, however they arrive, are refused with a message naming the variable, the
value and the rule, and nothing is created."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

GOOD = {
    "system_name": "Fraud Feature Store",
    "focus_area": "Feature stores",
    "metric_1": "2.1B vectors",
}

# (id, changed answers, words the message must contain)
REJECTED = [
    ("empty-name", {"system_name": ""}, ["system_name", "is required"]),
    ("blank-name", {"system_name": "   "}, ["system_name", "is required"]),
    ("name-too-long", {"system_name": "N" * 81}, ["system_name", "at most 80 characters",
                                                  "it has 81"]),
    ("name-with-newline", {"system_name": "Two\nLines"}, ["system_name", "one line"]),
    ("name-with-tab-control", {"system_name": "Bell\x07"}, ["system_name", "control"]),
    ("name-jinja-expression", {"system_name": "{{ 7*7 }}"},
     ["system_name", "'{{ 7*7 }}'", "template syntax"]),
    ("name-jinja-statement", {"system_name": "{% raw %}x"}, ["system_name", "template syntax"]),
    ("name-html-tag", {"system_name": "<script>alert(1)</script>"},
     ["system_name", "not an HTML tag"]),
    ("empty-area", {"focus_area": ""}, ["focus_area", "is required"]),
    ("area-with-newline", {"focus_area": "a\nb"}, ["focus_area", "one line"]),
    ("no-metric", {"metric_1": ""}, ["metric_1", "is required"]),
    ("metric-without-number", {"metric_1": "very fast"},
     ["metric_1", "'very fast'", "must contain a number", "2.1B vectors"]),
    ("metric-too-long", {"metric_1": "1" + "x" * 60}, ["metric_1", "at most 60 characters"]),
    ("optional-metric-without-number", {"metric_3": "cheap"}, ["metric_3", "number"]),
    ("slug-parent-dir", {"slug": "../evil"}, ["slug", "'../evil'", "lowercase ASCII"]),
    ("slug-absolute", {"slug": "/tmp/evil"}, ["slug", "lowercase ASCII"]),
    ("slug-nested", {"slug": "a/b"}, ["slug", "lowercase ASCII"]),
    ("slug-uppercase", {"slug": "Fraud"}, ["slug", "lowercase ASCII"]),
    ("slug-too-long", {"slug": "s" * 61}, ["slug", "at most 60 characters"]),
    ("slug-from-emoji-only-name", {"system_name": "🚀🚀"}, ["slug", "is empty"]),
    ("number-not-a-number", {"number": "six"}, ["number", "'auto' or a whole number"]),
    ("number-zero", {"number": "0"}, ["number", "between 1 and 999999"]),
    ("number-negative", {"number": "-3"}, ["number", "'auto' or a whole number"]),
]


@pytest.mark.parametrize(
    ("changes", "words"),
    [pytest.param(changes, words, id=name) for name, changes, words in REJECTED],
)
def test_bad_answer_is_refused_and_nothing_is_created(
    cookies: Any, changes: dict[str, str], words: list[str]
) -> None:
    result = cookies.bake(extra_context={**GOOD, **changes})
    assert result.exception is not None
    assert type(result.exception).__name__ == "FailedHookException"
    message = str(result.exception)
    for word in words:
        assert word in message
    assert message.endswith("Nothing was created; correct the answer and run again.")
    output_dirs = list(Path(cookies._output_factory.__self__).iterdir())
    for output in output_dirs:
        assert list(output.iterdir()) == [], f"left behind: {list(output.iterdir())}"


def test_every_bad_answer_is_reported_at_once(cookies: Any) -> None:
    result = cookies.bake(
        extra_context={"system_name": "", "focus_area": "", "metric_1": "x", "slug": "../x"}
    )
    message = str(result.exception)
    for name in ("system_name", "focus_area", "metric_1", "slug"):
        assert f"{name} '" in message


def test_a_metric_whose_only_digits_name_a_percentile_is_refused(cookies: Any) -> None:
    result = cookies.bake(extra_context={**GOOD, "metric_1": "p99 latency"})
    assert "metric_1 'p99 latency' must contain a figure" in str(result.exception)

