"""A new case study's name is compared with the index's titles as NFC, case folded, with
every run of punctuation and spacing one space; all the titles are folded at once, and the
result is each title's own."""

from __future__ import annotations

import difflib
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casestudy.new.answers import (
    SIMILAR_TITLE_CUTOFF,
    comparable_titles,
    same_title,
    similar_title,
)


def comparable_alone(title: str) -> str:
    """One title as compared, by the rule's own words."""
    folded = unicodedata.normalize("NFC", title).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", folded).split())


def most_similar_alone(name: str, titles: list[str]) -> str | None:
    """The title `similar_title` must find, comparing every title in full."""
    wanted = comparable_alone(name)
    best: tuple[float, str] | None = None
    for title in titles:
        candidate = comparable_alone(title)
        score = max(
            difflib.SequenceMatcher(None, wanted, candidate).ratio(),
            difflib.SequenceMatcher(
                None, " ".join(sorted(wanted.split())), " ".join(sorted(candidate.split()))
            ).ratio(),
        )
        if score >= SIMILAR_TITLE_CUTOFF and (best is None or score > best[0]):
            best = (score, title)
    return None if best is None else best[1]


TITLE = st.text(
    alphabet=st.sampled_from(
        [*"aAbB12 _-.\t\n\r", "\u00e9", "e", "\u0301", "\u2028", "\u00a0", "ß", "\u0130", "Ⅷ"]
    ),
    max_size=10,
)


@given(st.lists(TITLE, max_size=8))
def test_titles_folded_together_are_each_folded_alone(titles: list[str]) -> None:
    assert comparable_titles(titles) == [comparable_alone(title) for title in titles]


@given(TITLE, st.lists(TITLE, max_size=8))
def test_the_most_similar_title_is_found_as_comparing_every_one_would(
    name: str, titles: list[str]
) -> None:
    assert similar_title(name, titles) == most_similar_alone(name, titles)


@pytest.mark.parametrize(
    ("name", "titles", "same"),
    [
        ("Vector DB", ["Graph Store", "vector  db!"], "vector  db!"),
        ("Cafe\u0301 Search", ["Café search"], "Café search"),
        ("Fraud Feature Store", ["Fraud Feature Stores"], None),
        ("Anything", [], None),
    ],
    ids=["punctuation-and-case", "composed-accent", "near-is-not-same", "empty-index"],
)
def test_the_same_title_ignores_case_spacing_and_punctuation(
    name: str, titles: list[str], same: str | None
) -> None:
    assert same_title(name, titles) == same
