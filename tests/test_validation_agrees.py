"""What `casestudy new` and the template write, the checker and `index --check` accept: a row's
markdown escapes are read before it is compared with front matter, and names are compared in
NFC, so a title typed with a combining accent is the title already listed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from test_check_rules import materialise

from casestudy.index.model import (
    SEED_COLUMNS,
    IndexEntry,
    IndexRow,
    render_row,
    unescape_markdown,
)
from casestudy.index.sync import compare_index
from casestudy.index.table import find_index_table
from casestudy.new.answers import similar_title
from casestudy.template.validation import (
    canonical_focus_area,
    validate_answers,
    validate_focus_area,
    validate_metric,
    validate_system_name,
)

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


# Text mixing markdown's punctuation with any visible character, for the properties below.
_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("\\|[]<>*_`&~!#(){}:/.-+= "),
        st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Co", "Zl", "Zp")),
    ),
    min_size=1,
    max_size=60,
)
_HEADER = "| Case Study | Key Metrics | Focus Area |\n|---|---|---|\n"
_LINK = "01_x/README.md"


def _read_back(entry: IndexEntry) -> IndexRow:
    table = find_index_table(_HEADER + render_row(SEED_COLUMNS, entry) + "\n")
    assert table is not None
    (row,) = table.rows
    return row


@given(_TEXT)
def test_an_accepted_title_reads_back_from_its_row_exactly(text: str) -> None:
    assume(validate_system_name(text) is True)
    title = text.strip()
    row = _read_back(IndexEntry(title, _LINK, ("5 ms",), "Search"))
    assert row.links == [_LINK]
    assert row.title == title


@given(_TEXT, _TEXT)
def test_an_accepted_area_and_metric_read_back_from_their_cells(area: str, metric: str) -> None:
    metric = f"5 ms {metric}"
    assume(validate_focus_area(area) is True and validate_metric(metric) is True)
    assume(", " not in metric)  # the cell joins metrics with ", "
    row = _read_back(IndexEntry("Search", _LINK, (metric.strip(),), area.strip()))
    assert row.links == [_LINK]
    assert unescape_markdown(row.cells["focus area"]) == area.strip()
    assert [unescape_markdown(cell) for cell in row.metrics()] == [metric.strip()]
