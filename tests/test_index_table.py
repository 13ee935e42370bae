"""The index editor on input/expected fixtures (tests/data/index/<case>/), in every line-ending
and BOM variant, plus a property test over generated index files."""

from __future__ import annotations

import string
from collections.abc import Callable

import pytest
from conftest import DATA
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from casestudy.errors import NoIndexTable
from casestudy.index.model import IndexEntry, escape_cell
from casestudy.index.table import find_index_table, find_index_tables, upsert_row

CASES = sorted(path.name for path in (DATA / "index").iterdir())
ENTRY = IndexEntry(
    title="Fraud Feature Store",
    link="06_fraud_feature_store/README.md",
    metrics=("2.1B vectors", "87ms p99 latency", "$0.0012/query"),
    focus_area="Feature stores",
)

VARIANTS: dict[str, Callable[[str], str]] = {
    "lf": lambda text: text,
    "crlf": lambda text: text.replace("\n", "\r\n"),
    "bom": lambda text: "\ufeff" + text,
    "no-final-newline": lambda text: text.removesuffix("\n"),
    "crlf-bom-no-final-newline": lambda text: "\ufeff" + text.removesuffix("\n").replace(
        "\n", "\r\n"
    ),
}


def _fixture(case: str, name: str) -> str:
    return (DATA / "index" / case / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("case", CASES)
def test_row_lands_after_the_tables_last_row_and_nothing_else_changes(
    case: str, variant: str
) -> None:
    shape = VARIANTS[variant]
    source, expected = shape(_fixture(case, "input.md")), shape(_fixture(case, "expected.md"))
    edited, action = upsert_row(source, ENTRY)
    assert edited == expected
    assert action == ("updated" if case == "existing-row-updated" else "added")


@pytest.mark.parametrize("case", CASES)
def test_adding_the_same_case_study_again_changes_nothing(case: str) -> None:
    once, _ = upsert_row(_fixture(case, "input.md"), ENTRY)
    twice, action = upsert_row(once, ENTRY)
    assert (twice, action) == (once, "unchanged")


def test_a_file_without_an_index_table_is_refused() -> None:
    text = "# Notes\n\n| Owner | Contact |\n|---|---|\n| a | b |\n"
    assert find_index_table(text) is None
    with pytest.raises(NoIndexTable, match="no index table"):
        upsert_row(text, ENTRY)


def test_an_unclosed_fence_hides_every_table_after_it() -> None:
    text = "```\n| Case Study | Key Metrics | Focus Area |\n|---|---|---|\n"
    assert find_index_tables(text) == []


def test_headers_in_any_case_are_found() -> None:
    text = "| CASE STUDY | KEY METRICS | FOCUS AREA |\n|---|---|---|\n"
    table = find_index_table(text)
    assert table is not None and table.columns == ["case study", "key metrics", "focus area"]


def test_rows_are_read_with_their_links_titles_and_lines() -> None:
    table = find_index_table(_fixture("seed", "input.md"))
    assert table is not None
    assert [row.line for row in table.rows] == [8, 9, 10, 11, 12]
    assert table.rows[1].title == "Vector Database Scale"
    assert table.rows[1].links == ["02_vector_database_scale.md"]
    assert table.rows[1].cells["key metrics"] == "2.1B vectors, 87ms p99 latency, $0.0012/query"


# --- property: any index file, any row -------------------------------------------------

cell_text = st.text(
    alphabet=st.sampled_from(string.ascii_letters + string.digits + " |\\*_[]()<>$%.,:;!é🚀"),
    min_size=1,
    max_size=20,
).map(str.strip).filter(bool)

existing_row = st.tuples(cell_text, cell_text, cell_text).map(
    lambda cells: "| " + " | ".join(escape_cell(cell) for cell in cells) + " |"
)

surrounding_block = st.sampled_from(
    [
        "# Heading",
        "Some paragraph text.",
        "- a list item",
        "```\n| Case Study | Key Metrics | Focus Area |\n|---|---|---|\n```",
        "| Other | Table |\n|---|---|\n| x | y |",
        "> a quote",
        "<!-- a comment -->",
    ]
)


@st.composite
def index_files(draw: st.DrawFn) -> str:
    before = draw(st.lists(surrounding_block, max_size=3))
    rows = draw(st.lists(existing_row, max_size=6))
    after = draw(st.lists(surrounding_block, max_size=3))
    table = "\n".join(["| Case Study | Key Metrics | Focus Area |", "|---|---|---|", *rows])
    text = "\n\n".join([*before, table, *after])
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = text.replace("\n", newline) + draw(st.sampled_from(["", newline]))
    return ("\ufeff" if draw(st.booleans()) else "") + text


entries = st.builds(
    IndexEntry,
    title=cell_text,
    link=st.from_regex(r"[0-9]{2,3}_[a-z][a-z0-9_]{0,20}/README\.md", fullmatch=True),
    metrics=st.lists(cell_text, min_size=1, max_size=3).map(tuple),
    focus_area=cell_text,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=index_files(), entry=entries)
@example(text="| Case Study | Key Metrics | Focus Area |\n|---|---|---|", entry=ENTRY)
@example(
    text="| Case Study | Key Metrics | Focus Area |\n|---|---|---|",
    entry=IndexEntry(title="0", link="00_a/README.md", metrics=("0",), focus_area="<A0:>"),
)
@example(
    text="| Case Study | Key Metrics | Focus Area |\n|---|---|---|",
    entry=IndexEntry(title="<A0:>", link="00_a/README.md", metrics=("0",), focus_area="x"),
)
def test_any_index_gains_exactly_one_row_and_keeps_every_other_byte(
    text: str, entry: IndexEntry
) -> None:
    before = find_index_table(text)
    assert before is not None
    edited, action = upsert_row(text, entry)
    assert action == "added"

    after = find_index_table(edited)
    assert after is not None
    assert len(after.rows) == len(before.rows) + 1
    new_row = after.rows[-1]
    # Its first link is the case study's (other cells may hold autolinks such as <a:b>).
    assert new_row.links[0] == entry.link
    assert new_row.cells["focus area"] == escape_cell(entry.focus_area).replace("\\|", "|")
    # The edit is one insertion: the original is a prefix plus a suffix of the result.
    common_prefix = next(
        (index for index, (a, b) in enumerate(zip(text, edited, strict=False)) if a != b),
        len(text),
    )
    assert edited.endswith(text[common_prefix:])
    inserted = edited[common_prefix : common_prefix + len(edited) - len(text)]
    assert entry.link in inserted
    assert inserted.count("\n") == 1  # one line added, its ending taken from the file
