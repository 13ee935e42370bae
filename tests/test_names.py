"""Case-study names and index links, as every reader of a directory understands them."""

from __future__ import annotations

import pytest

from casestudy.directory.names import CASE_STUDY_NAME_RE, link_key


@pytest.mark.parametrize(
    ("href", "key"),
    [
        ("06_x/README.md", "06_x"),
        ("./06_x/README.md", "06_x"),
        ("06_x/", "06_x"),
        ("06_x", "06_x"),
        ("06_x/readme.md#top", "06_x"),
        ("01_a.md", "01_a.md"),
        (" ././02_b/ ", "02_b"),
    ],
)
def test_every_spelling_of_a_link_names_one_case_study(href: str, key: str) -> None:
    assert link_key(href) == key


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("06_fraud_feature_store", ("06", "fraud_feature_store", None)),
        ("123_big", ("123", "big", None)),
        ("01_rag_system_production.md", ("01", "rag_system_production", ".md")),
    ],
)
def test_case_study_names(name: str, parts: tuple[str, str, str | None]) -> None:
    match = CASE_STUDY_NAME_RE.fullmatch(name)
    assert match is not None and match.group("number", "slug", "flat") == parts


@pytest.mark.parametrize("name", ["6_short_number", "README.md", "06-dash", "_06_x"])
def test_other_names_are_not_case_studies(name: str) -> None:
    assert CASE_STUDY_NAME_RE.fullmatch(name) is None
