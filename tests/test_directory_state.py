"""What a directory's index says its case studies are: the numbers and slugs its rows link to.

`DirectoryState` answers each question (this slug, this number, the highest number, all of
them) by reading only the hrefs that could hold the answer; these tests hold every answer to
the plain one: every href of the markdown-it table through `link_key` and the naming's
`parts`."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casestudy.directory.names import DEFAULT_NAMING, link_key
from casestudy.directory.state import DirectoryState, read_directory
from casestudy.index.table import find_index_table

HEADER = "| Case Study | Key Metrics | Focus Area |\n|---|---|---|\n"

# Hrefs built from the ways rows spell a case study, and links that name none.
CASE_STUDY_HREF = st.builds(
    "".join,
    st.tuples(
        st.sampled_from(["", "./", "././"]),
        st.sampled_from(["07", "007", "12", "99", "100", "7", "123456", "2401"]),
        st.sampled_from(["_", "-"]),
        st.sampled_from(["x", "fraud_store", "a-b", "x.y", "12"]),
        st.sampled_from(["", ".md", "/", "/README.md", "/readme.MD", "/index.md",
                         "//README.md", "/README.md/", ".md/README.md", "/other.md"]),
        st.sampled_from(["", "#top", "#12_x"]),
    ),
)
OTHER_HREF = st.sampled_from(
    ["", "notes.md", "99", "https://arxiv.org/abs/2401.12345", "../100_x/README.md", "#007_x"]
)
SLUGS = ["x", "fraud_store", "a-b", "y", "12"]
NUMBERS = [1, 7, 12, 99, 100, 2401, 12345, 123456]


def index_text(hrefs: list[str]) -> str:
    rows = "".join(f"| **[System {n}]({href})** | 1B rows | Graphs |\n"
                   for n, href in enumerate(hrefs))
    return "# Index\n\n" + HEADER + rows


def listed_by_rule(text: str) -> dict[str, tuple[int, str, bool]]:
    """Every case study the rows link to, by name: each href read in full."""
    table = find_index_table(text)
    assert table is not None
    keys = (link_key(href) for row in table.rows for href in row.links)
    return {key: parts for key in keys if (parts := DEFAULT_NAMING.parts(key))}


def state_of(text: str, root: Path) -> DirectoryState:
    (root / "README.md").write_text(text, encoding="utf-8")
    return read_directory(root)


@given(st.lists(st.one_of(CASE_STUDY_HREF, OTHER_HREF), max_size=8))
def test_what_the_index_links_to_is_what_every_href_read_in_full_says(hrefs: list[str]) -> None:
    text = index_text(hrefs)
    listed = listed_by_rule(text)
    with tempfile.TemporaryDirectory() as scratch:
        state = state_of(text, Path(scratch))
        assert {study.name for study in state.case_studies} == set(listed)
        highest = max((number for number, _, _ in listed.values()), default=0)
        assert state.next_number() == highest + 1
        for slug in SLUGS:
            assert {study.name for study in state.with_slug(slug)} == {
                name for name, (_, its_slug, _) in listed.items() if its_slug == slug}
        for number in NUMBERS:
            assert {study.name for study in state.with_number(number)} == {
                name for name, (its_number, _, _) in listed.items() if its_number == number}


NEXT_NUMBERS = {
    "rows-in-order": (["01_a/README.md", "02_b.md", "03_c/"], 4),
    "rows-out-of-order": (["05_e.md", "120_x/README.md", "07_g/"], 121),
    "a-larger-number-in-a-link-that-names-no-case-study": (
        ["03_c.md", "https://arxiv.org/abs/2401.12345", "999/README.md", "04_d/x/README.md"], 4),
    "leading-zeros": (["0042_answer.md"], 43),
    "many-larger-numbers-that-name-no-case-study": (
        [f"{year}.pdf" for year in range(1990, 2030)] + ["./05_e.md", "12/notes.md"], 6),
    "no-case-study-linked": (["notes.md"], 1),
}


@pytest.mark.parametrize(("hrefs", "wanted"), NEXT_NUMBERS.values(), ids=NEXT_NUMBERS.keys())
def test_the_next_number_follows_the_highest_case_study_linked(
    tmp_path: Path, hrefs: list[str], wanted: int
) -> None:
    assert state_of(index_text(hrefs), tmp_path).next_number() == wanted


def test_an_index_read_again_is_summarised_again_only_when_its_bytes_changed(
    tmp_path: Path,
) -> None:
    """The summary is kept while the README's bytes stay the same (told by their digest);
    any change, even one of the same length, is read afresh."""
    readme = tmp_path / "README.md"
    readme.write_text(index_text(["01_a.md", "02_b.md"]), encoding="utf-8")
    first = read_directory(tmp_path)
    assert first.next_number() == 3
    assert read_directory(tmp_path).index is first.index  # the same summary, not read again
    readme.write_text(index_text(["01_a.md", "09_b.md"]), encoding="utf-8")
    again = read_directory(tmp_path)
    assert again.next_number() == 10
    assert again.index_text == readme.read_text(encoding="utf-8")
