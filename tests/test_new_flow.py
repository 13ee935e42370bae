"""The `casestudy new` conversation, driven key by key through prompt_toolkit's pipe input."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import tree
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput

from casestudy.directory.state import read_directory
from casestudy.errors import Cancelled, CancelledByChoice, IndexTableError
from casestudy.new.prompts import NewCaseStudyFlow
from casestudy.template.location import template_dir
from casestudy.template.plan import CaseStudy

DATA = Path(__file__).parent / "data" / "new"
ENTER, UP, DOWN, CLEAR_LINE, CTRL_C = "\r", "\x1b[A", "\x1b[B", "\x15", "\x03"


@pytest.fixture
def keys() -> Iterator[PipeInput]:
    with create_pipe_input() as pipe:
        yield pipe



def converse(directory: Path, keys: PipeInput, typed: str, **given: object) -> tuple[
    CaseStudy, list[str]
]:
    said: list[str] = []
    keys.send_text(typed)
    flow = NewCaseStudyFlow(
        read_directory(directory),
        template_dir(),
        given,
        prompt_options={"input": keys, "output": DummyOutput()},
        say=said.append,
    )
    return flow.run(), said


# Keys for one whole conversation, answer by answer.
NAME = "Fraud Feature Store" + ENTER
FEATURE_STORES = "feature st" + ENTER  # typed into the focus-area filter
METRICS = "1.8M features/sec" + ENTER + "8.2ms p95 latency" + ENTER + ENTER
SLUG_AS_OFFERED = ENTER
GENERATE = ENTER


def test_a_whole_conversation_previews_the_exact_row_and_front_matter(
    directory: Path, keys: PipeInput
) -> None:
    case_study, said = converse(
        directory, keys, NAME + FEATURE_STORES + METRICS + SLUG_AS_OFFERED + GENERATE
    )
    assert case_study == CaseStudy(
        title="Fraud Feature Store",
        number=3,
        slug="fraud_feature_store",
        focus_area="Feature stores",
        metrics=("1.8M features/sec", "8.2ms p95 latency"),
        created=case_study.created,
    )
    preview = said[-1]
    assert (DATA / "expected_row.md").read_text(encoding="utf-8").strip() in preview
    assert 'title: "Fraud Feature Store"' in preview
    assert f"Folder:       {directory / '03_fraud_feature_store'}" in preview
    assert "  understood as value 1,800,000, unit feature, per second" in said
    assert "  understood as value 8.2, unit ms, percentile p95, label 'latency'" in said
    assert f"  folder: {directory / '03_fraud_feature_store'}/" in said


def test_a_metric_without_a_figure_is_asked_again_not_accepted(
    directory: Path, keys: PipeInput
) -> None:
    bad_then_good = "p99 latency" + ENTER + CLEAR_LINE + "87ms p99 latency" + ENTER + ENTER
    case_study, _ = converse(
        directory, keys, NAME + FEATURE_STORES + bad_then_good + SLUG_AS_OFFERED + GENERATE
    )
    # Had "p99 latency" been accepted, it would be metric 1 and the good one metric 2.
    assert case_study.metrics == ("87ms p99 latency",)


def test_a_bad_name_is_asked_again(directory: Path, keys: PipeInput) -> None:
    bad_then_good = "Fraud | Feature <b>Store</b>" + ENTER + CLEAR_LINE + NAME
    case_study, _ = converse(
        directory, keys, bad_then_good + FEATURE_STORES + METRICS + SLUG_AS_OFFERED + GENERATE
    )
    assert case_study.title == "Fraud Feature Store"


def test_other_area_leads_to_free_text(directory: Path, keys: PipeInput) -> None:
    other = UP + ENTER + "Streaming feature pipelines" + ENTER  # "Other…" ends the list
    case_study, _ = converse(
        directory, keys, NAME + other + METRICS + SLUG_AS_OFFERED + GENERATE
    )
    assert case_study.focus_area == "Streaming feature pipelines"


def test_other_stays_in_the_list_while_filtering(directory: Path, keys: PipeInput) -> None:
    other = "feature st" + UP + ENTER + "Streaming feature pipelines" + ENTER
    case_study, _ = converse(
        directory, keys, NAME + other + METRICS + SLUG_AS_OFFERED + GENERATE
    )
    assert case_study.focus_area == "Streaming feature pipelines"


def test_a_typed_area_matching_none_is_offered_as_new_not_replaced(
    directory: Path, keys: PipeInput
) -> None:
    new_area = "Stream processing" + ENTER + ENTER  # Enter, then confirm (yes by default)
    case_study, _ = converse(
        directory, keys, NAME + new_area + METRICS + SLUG_AS_OFFERED + GENERATE
    )
    assert case_study.focus_area == "Stream processing"


def test_a_declined_new_area_goes_back_to_the_list(directory: Path, keys: PipeInput) -> None:
    declined = "Stream processing" + ENTER + "n" + FEATURE_STORES
    case_study, _ = converse(
        directory, keys, NAME + declined + METRICS + SLUG_AS_OFFERED + GENERATE
    )
    assert case_study.focus_area == "Feature stores"


def test_a_new_area_that_breaks_the_rule_is_not_taken(directory: Path, keys: PipeInput) -> None:
    bad_then_good = "Streams <b>" + ENTER + CLEAR_LINE + FEATURE_STORES
    case_study, _ = converse(
        directory, keys, NAME + bad_then_good + METRICS + SLUG_AS_OFFERED + GENERATE
    )
    assert case_study.focus_area == "Feature stores"


def test_areas_the_index_uses_are_offered_besides_the_seed_five(
    directory: Path, keys: PipeInput
) -> None:
    case_study, _ = converse(
        directory, keys, NAME + "graph" + ENTER + METRICS + SLUG_AS_OFFERED + GENERATE
    )
    assert case_study.focus_area == "Graph analytics"


def test_a_near_duplicate_name_is_confirmed_or_asked_again(
    directory: Path, keys: PipeInput
) -> None:
    declined = "Vector DB Scale" + ENTER + "n" + CLEAR_LINE + "Vector Search Tuning" + ENTER
    case_study, _ = converse(
        directory, keys, declined + FEATURE_STORES + METRICS + SLUG_AS_OFFERED + GENERATE
    )
    assert case_study.title == "Vector Search Tuning"
    assert case_study.slug == "vector_search_tuning"


def test_a_near_duplicate_name_can_be_kept(directory: Path, keys: PipeInput) -> None:
    kept = "Vector DB Scale" + ENTER + "y"
    case_study, _ = converse(
        directory, keys, kept + FEATURE_STORES + METRICS + SLUG_AS_OFFERED + GENERATE
    )
    assert case_study.title == "Vector DB Scale"


def test_the_slug_is_offered_from_the_name_and_can_be_changed(
    directory: Path, keys: PipeInput
) -> None:
    own_slug = CLEAR_LINE + "fraud_features" + ENTER
    case_study, said = converse(
        directory, keys, NAME + FEATURE_STORES + METRICS + own_slug + GENERATE
    )
    assert case_study.folder == "03_fraud_features"
    assert f"  folder: {directory / '03_fraud_features'}/" in said


def test_edit_a_field_from_the_preview_then_generate(directory: Path, keys: PipeInput) -> None:
    edit_focus_area = DOWN + ENTER + DOWN + ENTER + "graph" + ENTER
    case_study, said = converse(
        directory,
        keys,
        NAME + FEATURE_STORES + METRICS + SLUG_AS_OFFERED + edit_focus_area + GENERATE,
    )
    assert case_study.focus_area == "Graph analytics"
    assert sum("Index:" in line for line in said) == 2  # previewed again after the edit


def test_a_slug_that_followed_the_name_follows_an_edited_name(
    directory: Path, keys: PipeInput
) -> None:
    edit_name = DOWN + ENTER + ENTER + CLEAR_LINE + "Fraud Signal Store" + ENTER
    case_study, _ = converse(
        directory, keys, NAME + FEATURE_STORES + METRICS + SLUG_AS_OFFERED + edit_name + GENERATE
    )
    assert (case_study.title, case_study.slug) == ("Fraud Signal Store", "fraud_signal_store")


def test_a_dry_run_stops_at_the_preview(directory: Path, keys: PipeInput) -> None:
    said: list[str] = []
    keys.send_text(NAME + FEATURE_STORES + METRICS + SLUG_AS_OFFERED)
    flow = NewCaseStudyFlow(
        read_directory(directory), template_dir(), {},
        prompt_options={"input": keys, "output": DummyOutput()}, say=said.append,
    )
    assert flow.run(confirm=False).folder == "03_fraud_feature_store"
    assert "Index:" in said[-1]


def test_cancel_at_the_preview_writes_nothing_and_is_a_choice_not_an_interrupt(
    directory: Path, keys: PipeInput
) -> None:
    before = tree(directory)
    cancel = DOWN + DOWN + ENTER
    with pytest.raises(CancelledByChoice) as cancelled:
        converse(directory, keys, NAME + FEATURE_STORES + METRICS + SLUG_AS_OFFERED + cancel)
    assert (str(cancelled.value), cancelled.value.exit_code) == ("cancelled, nothing written", 1)
    assert tree(directory) == before


def test_ctrl_c_in_a_prompt_cancels(directory: Path, keys: PipeInput) -> None:
    with pytest.raises(Cancelled) as cancelled:
        converse(directory, keys, NAME + CTRL_C)
    assert str(cancelled.value) == "cancelled, nothing written"
    assert cancelled.value.exit_code == 130


def test_flags_given_on_the_command_line_are_not_asked_again(
    directory: Path, keys: PipeInput
) -> None:
    case_study, _ = converse(
        directory,
        keys,
        FEATURE_STORES + SLUG_AS_OFFERED + GENERATE,
        system_name="Fraud Feature Store",
        metrics=["2.1B vectors"],
    )
    assert (case_study.title, case_study.metrics) == ("Fraud Feature Store", ("2.1B vectors",))


def test_a_number_that_is_taken_is_explained_and_can_be_edited(
    directory: Path, keys: PipeInput
) -> None:
    edit_number = DOWN * 4 + ENTER + CLEAR_LINE + "auto" + ENTER
    case_study, said = converse(
        directory, keys, edit_number + GENERATE,
        system_name="Fraud Feature Store", focus_area="Feature stores",
        metrics=["2.1B vectors"], slug="fraud_feature_store", number="2",
    )
    assert case_study.number == 3
    assert any("Number 2 is already taken" in line for line in said)


def test_an_exact_title_is_named_plainly_and_another_name_asked(
    directory: Path, keys: PipeInput
) -> None:
    same = "vector database  scale" + ENTER + ENTER + CLEAR_LINE + NAME  # "Choose another name"
    case_study, said = converse(
        directory, keys, same + FEATURE_STORES + METRICS + SLUG_AS_OFFERED + GENERATE
    )
    assert case_study.title == "Fraud Feature Store"
    assert f'"Vector Database Scale" is already a case study in {directory / "README.md"}.' in said
    assert not any("closely resembles" in line for line in said)


def test_an_exact_title_can_stop_the_run(directory: Path, keys: PipeInput) -> None:
    with pytest.raises(CancelledByChoice):
        converse(directory, keys, "Vector Database Scale" + ENTER + DOWN + ENTER)


def test_a_taken_slug_is_refused_as_it_is_typed(directory: Path, keys: PipeInput) -> None:
    taken_then_free = CLEAR_LINE + "graph_fraud_signals" + ENTER + CLEAR_LINE + "fraud_x" + ENTER
    case_study, _ = converse(
        directory, keys, NAME + FEATURE_STORES + METRICS + taken_then_free + GENERATE
    )
    assert case_study.folder == "03_fraud_x"


def test_a_taken_number_is_refused_as_it_is_typed(directory: Path, keys: PipeInput) -> None:
    edit_number = DOWN + ENTER + DOWN * 4 + ENTER + CLEAR_LINE + "2" + ENTER + CLEAR_LINE
    edit_number += "7" + ENTER
    case_study, said = converse(
        directory, keys, NAME + FEATURE_STORES + METRICS + SLUG_AS_OFFERED + edit_number
        + GENERATE,
    )
    assert case_study.folder == "07_fraud_feature_store"
    assert sum("Index:" in line for line in said) == 2


@pytest.fixture
def no_table(directory: Path) -> Path:
    (directory / "README.md").write_text("# Our notes\n\nNo table yet.\n", encoding="utf-8")
    return directory


def test_a_readme_without_a_table_is_offered_one_before_any_question(
    no_table: Path, keys: PipeInput
) -> None:
    add_table = ENTER
    case_study, said = converse(
        no_table, keys, add_table + NAME + FEATURE_STORES + METRICS + SLUG_AS_OFFERED + GENERATE
    )
    assert case_study.folder == "01_fraud_feature_store"
    assert (no_table / "README.md").read_text(encoding="utf-8") == (
        DATA / "readme_with_added_table.md").read_text(encoding="utf-8")
    assert "Adding it appends these lines" in said[0]
    assert "    | Case Study | Key Metrics | Focus Area |" in said[0]


def test_a_readme_without_a_table_can_stop_at_once(no_table: Path, keys: PipeInput) -> None:
    before = tree(no_table)
    with pytest.raises(IndexTableError) as stopped:
        converse(no_table, keys, DOWN + ENTER)
    assert stopped.value.exit_code == 1
    assert "has no index table" in str(stopped.value)
    assert tree(no_table) == before


def test_when_the_preview_cannot_be_built_cancel_is_still_offered(
    directory: Path, keys: PipeInput
) -> None:
    cancel_from_fields = UP + ENTER  # "Cancel" ends the list of fields
    with pytest.raises(CancelledByChoice):
        converse(
            directory, keys, cancel_from_fields,
            system_name="Fraud Feature Store", focus_area="Feature stores",
            metrics=["2.1B vectors"], slug="fraud_feature_store", number="2",
        )
