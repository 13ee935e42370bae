"""The validation module's questions are data: each validator returns True or a message."""

from __future__ import annotations

import pytest

from casestudy.errors import AnswerError
from casestudy.template.validation import QUESTIONS_BY_NAME, canonical_focus_area, validate_answers


@pytest.mark.parametrize(
    ("name", "value", "verdict"),
    [
        pytest.param("system_name", "Fraud Feature Store", True, id="name-ok"),
        pytest.param("system_name", "", "is required", id="name-empty"),
        pytest.param("metric_1", "0.78 NDCG@10", True, id="metric-ok"),
        pytest.param("metric_2", "", True, id="optional-metric-empty"),
        pytest.param("metric_2", "fast", "must contain a number", id="metric-no-number"),
        pytest.param("slug", "fraud_feature_store", True, id="slug-ok"),
        pytest.param("slug", "_leading", "lowercase ASCII", id="slug-leading-underscore"),
        pytest.param("number", "auto", True, id="number-auto"),
        pytest.param("number", "AUTO", True, id="number-auto-any-case"),
        pytest.param("number", "12", True, id="number-explicit"),
        pytest.param("number", "١٢", "'auto' or a whole number", id="number-non-ascii-digits"),
    ],
)
def test_each_question_validates_one_answer(name: str, value: str, verdict: object) -> None:
    result = QUESTIONS_BY_NAME[name].validate(value)
    if verdict is True:
        assert result is True
    else:
        assert isinstance(result, str) and str(verdict) in result


def test_answers_are_trimmed_and_empty_metrics_dropped() -> None:
    answers = validate_answers(
        {"system_name": "  Fraud  ", "focus_area": "feature STORES", "metric_1": " 1 a ",
         "metric_2": "", "metric_3": "3 c", "slug": "fraud", "number": "auto"}
    )
    assert answers.system_name == "Fraud"
    assert answers.focus_area == "Feature stores"
    assert answers.metrics == ("1 a", "3 c")
    assert answers.number is None


def test_an_area_the_directory_uses_keeps_its_spelling() -> None:
    assert canonical_focus_area("graph STORES", ["Graph Stores"]) == "Graph Stores"
    assert canonical_focus_area("Brand new area", ["Graph Stores"]) == "Brand new area"


def test_template_syntax_in_the_original_answer_is_refused_even_after_rendering() -> None:
    with pytest.raises(AnswerError, match=r"system_name '\{\{ 7\*7 \}\}'"):
        validate_answers(
            {"system_name": "49", "focus_area": "x", "metric_1": "1 x", "slug": "a",
             "number": "auto"},
            raw_before_rendering={"system_name": "{{ 7*7 }}"},
        )
