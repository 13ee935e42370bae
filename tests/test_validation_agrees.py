"""What `casestudy new` and the template write, the checker and `index --check` accept: a row's
markdown escapes are read before it is compared with front matter, and names are compared in
NFC, so a title typed with a combining accent is the title already listed."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_check_rules import materialise

from casestudy.index.sync import compare_index
from casestudy.new.answers import similar_title
from casestudy.template.validation import canonical_focus_area, validate_answers

DECOMPOSED = "Cafe\u0301 Search"
COMPOSED = "Caf\u00e9 Search"


@pytest.mark.parametrize("case", ["pass_escaped_markdown_in_row", "pass_decomposed_accent_title"])
def test_index_check_agrees_with_the_checker(case: str, tmp_path: Path) -> None:
    assert compare_index(materialise(case, tmp_path / "case-studies")).in_step


def test_a_name_is_stored_in_nfc() -> None:
    answers = validate_answers({"system_name": DECOMPOSED, "focus_area": "Search",
                                "metric_1": "5 ms", "slug": "cafe_search", "number": "auto"})
    assert answers.system_name == COMPOSED


def test_a_decomposed_title_is_found_as_the_listed_one() -> None:
    assert similar_title(DECOMPOSED, ["Fraud Feature Store", COMPOSED]) == COMPOSED


def test_a_decomposed_area_takes_the_listed_spelling() -> None:
    listed = "Caf\u00e9 Systems"
    assert canonical_focus_area("cafe\u0301 systems", [listed]) == listed
