"""The question model both askers share, the plain line asker, and the index table offered to a
README that has none."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from casestudy.errors import Cancelled
from casestudy.index.edit import index_table_addition
from casestudy.index.table import find_index_table
from casestudy.new.answers import check_metric
from casestudy.new.asking import AreaPick, TextQuestion, filter_areas, wants_plain_prompts
from casestudy.new.lines import LineAsker
from casestudy.new.terminal import visible_range

METRIC = TextQuestion(
    "Headline metric 1 (required):",
    check=lambda value: check_metric(value, required=True),
    hint="a figure with its unit, e.g. 8.4B queries/month",
    describe=lambda value: f"read: {value}",
)


@pytest.mark.parametrize(
    ("typed", "submitted", "expected"),
    [
        pytest.param("", False, ("a figure with its unit, e.g. 8.4B queries/month", False),
                     id="nothing-typed-shows-the-hint"),
        pytest.param("", True, ("The metric is required, e.g. '2.1B vectors'", True),
                     id="enter-on-nothing-shows-the-rule"),
        pytest.param("p99 latency", False, (str(check_metric("p99 latency", required=True)),
                                            True), id="bad-text-shows-the-validator-message"),
        pytest.param("2.1B vectors", False, ("read: 2.1B vectors", False),
                     id="good-text-shows-what-it-does"),
    ],
)
def test_the_status_line_is_the_validator_s_verdict(
    typed: str, submitted: bool, expected: tuple[str, bool]
) -> None:
    assert METRIC.status(typed, submitted=submitted) == expected


@pytest.mark.parametrize(
    ("term", "plain"),
    [("dumb", True), ("", True), ("unknown", True), ("xterm-256color", False),
     ("screen", False)],
)
def test_plain_prompts_for_terminals_without_cursor_control(term: str, plain: bool) -> None:
    assert wants_plain_prompts({"TERM": term}) is plain


def test_the_filter_ignores_case_and_keeps_the_order() -> None:
    areas = ["Feature stores", "Scaling vector databases", "Vector search"]
    assert filter_areas(areas, "VECTOR") == ["Scaling vector databases", "Vector search"]
    assert filter_areas(areas, "") == areas


class Script:
    """Lines typed at a LineAsker, and what it wrote."""

    def __init__(self, *typed: str) -> None:
        self.typed: Iterator[str] = iter(typed)
        self.written: list[str] = []

    def read(self, prompt: str) -> str:
        self.written.append(prompt)
        try:
            return next(self.typed)
        except StopIteration:
            raise EOFError from None

    def asker(self, width: int = 40) -> LineAsker:
        return LineAsker(self.read, self.written.append, width=width)


def test_the_line_asker_reasks_until_the_answer_passes_and_wraps_the_problem() -> None:
    script = Script("p99 latency", "2.1B vectors")
    assert script.asker(40).text(METRIC) == "2.1B vectors"
    problem = next(line for line in script.written if "✗" in line)
    assert all(len(line) < 40 for line in problem.splitlines())
    assert " ".join(line.strip() for line in problem.splitlines()) == (
        "✗ " + str(check_metric("p99 latency", required=True)))


def test_the_line_asker_keeps_the_default_on_enter() -> None:
    question = TextQuestion("Slug:", check=lambda value: True, default="fraud_store")
    assert Script("").asker().text(question) == "fraud_store"


def test_end_of_input_cancels() -> None:
    with pytest.raises(Cancelled):
        Script().asker().text(METRIC)


AREAS = ["Feature stores", "Scaling vector databases"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        pytest.param(["2"], AreaPick("Scaling vector databases", "listed"), id="by-number"),
        pytest.param(["3"], AreaPick("Other…", "other"), id="other-by-number"),
        pytest.param(["feature STORES"], AreaPick("Feature stores", "listed"),
                     id="whole-name-any-case"),
        pytest.param(["Stream processing"], AreaPick("Stream processing", "new"),
                     id="matching-none-is-new"),
        pytest.param(["feature", "2"], AreaPick("feature", "new"),
                     id="matching-some-lists-them-beside-the-new-area"),
        pytest.param(["feature", "1"], AreaPick("Feature stores", "listed"),
                     id="matching-some-then-a-match"),
        pytest.param(["<b>x", "1"], AreaPick("Feature stores", "listed"),
                     id="a-bad-new-area-is-asked-again"),
    ],
)
def test_the_line_asker_picks_an_area(typed: list[str], expected: AreaPick) -> None:
    pick = Script(*typed).asker().pick_area(
        "Focus area:", AREAS, "Other…", None,
        lambda value: True if "<" not in value else "must be plain text",
    )
    assert pick == expected


def test_the_line_asker_chooses_by_number_or_name() -> None:
    assert Script("", ).asker().choose("Go?", ["Generate", "Cancel"]) == "Generate"
    assert Script("9", "cancel").asker().choose("Go?", ["Generate", "Cancel"]) == "Cancel"


@pytest.mark.parametrize(
    ("readme", "expected_start"),
    [
        pytest.param("# Notes\n", "\n## Case Studies\n", id="newline-at-end"),
        pytest.param("# Notes", "\n\n## Case Studies\n", id="no-newline-at-end"),
        pytest.param("# Notes\r\n", "\r\n## Case Studies\r\n", id="crlf-kept"),
        pytest.param("# Notes\n\n", "## Case Studies\n", id="blank-line-at-end"),
    ],
)
def test_the_index_table_added_is_a_table_in_the_file_s_own_endings(
    readme: str, expected_start: str
) -> None:
    addition = index_table_addition(readme)
    assert addition.startswith(expected_start)
    table = find_index_table(readme + addition)
    assert table is not None
    assert table.rows == []


@pytest.mark.parametrize(
    ("count", "pointed", "rows", "expected"),
    [
        pytest.param(5, 0, 10, (0, 5), id="all-fit"),
        pytest.param(30, 0, 10, (0, 10), id="top"),
        pytest.param(30, 15, 10, (10, 20), id="middle-keeps-the-pointer-central"),
        pytest.param(30, 29, 10, (20, 30), id="bottom"),
    ],
)
def test_a_long_area_list_scrolls_with_the_pointer(
    count: int, pointed: int, rows: int, expected: tuple[int, int]
) -> None:
    first, last = visible_range(count, pointed, rows)
    assert (first, last) == expected
    assert first <= pointed < last
