"""The index summary a generation reads (titles, focus areas, links, columns) is what the full
markdown-it table says, whether the one-pass reader of seed-shaped rows reads it or the
table is read whole because some row is in another shape."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_check_index import READABLE_SHAPES, SEED_TABLE, UNSURE_SHAPES

from casestudy.directory.names import link_key
from casestudy.index import summary as summary_module
from casestudy.index.lines import SEED_ROWS_RE
from casestudy.index.read import LINE_READER_MIN_CHARS
from casestudy.index.summary import IndexSummary, summarise_index
from casestudy.index.table import find_index_table, find_index_table_rows, row_links_to

HEADER = "| Case Study | Key Metrics | Focus Area |\n|------------|-------------|------------|\n"


def row(title: str, link: str, metrics: str = "2.1B vectors", area: str = "Feature stores") -> str:
    return f"| **[{title}]({link})** | {metrics} | {area} |\n"


def summary_via_markdown_it(text: str) -> IndexSummary | None:
    table = find_index_table(text)
    return None if table is None else IndexSummary.of_table(table)


def read_in_one_pass(text: str) -> bool:
    """Whether every row is in the seed's shape, so the one-pass reader reads the table."""
    rows = find_index_table_rows(text)
    assert rows is not None
    return len(SEED_ROWS_RE.findall(rows.text, rows.start, rows.end)) == rows.line_count()


SEED_SHAPED = {
    "seed-table": SEED_TABLE,
    "empty-table": "# Index\n\n" + HEADER + "\n## Format\n",
    "crlf": (HEADER + row("A", "01_a.md") + row("B", "02_b/README.md")).replace("\n", "\r\n"),
    "bom": "\ufeff" + HEADER + row("A", "01_a.md"),
    "no-final-newline": (HEADER + row("A", "01_a.md")).rstrip("\n"),
    "links-spelled-differently": HEADER + row("A", "./01_a/README.md") + row("B", "02_b/")
    + row("C", "03_c/index.md#top") + row("D", "04_D/README.MD") + row("E", "https://x.org"),
    "the-same-case-study-twice": HEADER + row("A", "01_a/README.md") + row("A", "./01_a"),
    "areas-repeated-and-empty": HEADER + row("A", "01_a.md", area="Graphs")
    + row("B", "02_b.md", area="") + row("C", "03_c.md", area="Feature stores")
    + row("D", "04_d.md", area="Graphs"),
    "blanks-and-tabs-around-cells": HEADER + "|\t**[A](01_a.md)**  |  1B  |\tGraphs\t|  \n",
    "table-then-paragraph": HEADER + row("A", "01_a.md") + "\nSee also the archive.\n",
    "table-in-fence-first": "```\n" + HEADER + row("Fenced", "09_f.md") + "```\n\n" + HEADER
    + row("A", "01_a.md"),
}

OTHER_SHAPES = {
    "no-closing-pipe": HEADER + row("A", "01_a.md") + "| **[B](02_b.md)** | 1B | Graphs\n",
    "row-without-pipes-continues-table": HEADER + row("A", "01_a.md") + "B | 1B | Graphs\n",
    "indented-row": HEADER + row("A", "01_a.md") + "  | **[B](02_b.md)** | 1B | Graphs |\n",
    "emphasis-in-one-title": HEADER + row("A", "01_a.md") + row("*B*", "02_b.md"),
    "escaped-pipe-in-metrics": HEADER + row("A", "01_a.md", metrics=r"1B \| 2B"),
    "link-in-area": HEADER + row("A", "01_a.md", area="[Graphs](03_g.md)"),
    "columns-in-another-order": "| Focus Area | Case Study | Key Metrics |\n|---|---|---|\n"
    "| Graphs | **[A](01_a.md)** | 1B |\n",
    "extra-column": HEADER.replace("Area |", "Area | Year |").replace("---|\n", "---|---|\n")
    + "| **[A](01_a.md)** | 1B | Graphs | 2024 |\n",
    "short-row": HEADER + "| **[A](01_a.md)** |\n",
    "no-table": "# Index\n\nNothing yet.\n",
}


@pytest.mark.parametrize("text", SEED_SHAPED.values(), ids=SEED_SHAPED.keys())
def test_seed_shaped_tables_are_read_in_one_pass_as_markdown_it_reads_them(text: str) -> None:
    assert read_in_one_pass(text)
    assert summarise_index(text) == summary_via_markdown_it(text)


@pytest.mark.parametrize("text", OTHER_SHAPES.values(), ids=OTHER_SHAPES.keys())
def test_other_shapes_are_read_whole_as_markdown_it_reads_them(text: str) -> None:
    if find_index_table_rows(text) is not None:
        assert not read_in_one_pass(text)
    assert summarise_index(text) == summary_via_markdown_it(text)


SHAPES = {**READABLE_SHAPES, **UNSURE_SHAPES}
FORTY_ROWS = "".join(row(f"System {n}", f"{n:02d}_s.md") for n in range(1, 41))
ALL_ROWS_SHAPES = {
    **SEED_SHAPED,
    **OTHER_SHAPES,
    "long-seed-table": HEADER + FORTY_ROWS,
    "off-shape-last-row": HEADER + FORTY_ROWS + row("*Last*", "41_s.md"),
}


@pytest.mark.parametrize("text", SHAPES.values(), ids=SHAPES.keys())
def test_the_line_readers_shapes_summarise_as_markdown_it_reads_them(text: str) -> None:
    assert summarise_index(text) == summary_via_markdown_it(text)


@pytest.mark.parametrize("text", ALL_ROWS_SHAPES.values(), ids=ALL_ROWS_SHAPES.keys())
def test_rows_read_a_few_lines_at_a_time_summarise_as_markdown_it_reads_them(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Long tables are matched in stretches of lines; with stretches of a line or two, a
    row in another shape anywhere is still found, and the stretches add up to the whole."""
    monkeypatch.setattr(summary_module, "_STRETCH_CHARS", 40)
    assert summarise_index(text) == summary_via_markdown_it(text)


def test_a_long_table_with_one_row_in_another_shape_is_read_whole() -> None:
    rows = [row(f"System {n}", f"{n:02d}_system_{n}/README.md") for n in range(1, 2000)]
    rows[1500] = row("System *1500*", "1500_system_1500/README.md")
    text = HEADER + "".join(rows)
    assert not read_in_one_pass(text)
    summary = summarise_index(text)
    assert summary == summary_via_markdown_it(text)
    assert summary is not None and summary.titles[1500] == "System 1500"


# Cells from the characters that change what markdown-it reads: brackets, emphasis, escapes,
# HTML, entities, pipes, blanks of every kind, and text beyond ASCII.
CELL_TEXT = st.text(
    alphabet=st.sampled_from(
        [
            *(string.ascii_letters[:6] + string.digits[:3] + " \t[]()*_`\\<>|!&#;:/.-"),
            *("\u00e9", "\u0301", "\u00a0", "\u2028", "\x0b", "\x00", "\u3000", "ß"),
        ]
    ),
    max_size=12,
)
LINK = st.sampled_from(
    ["01_a.md", "02_b/README.md", "./03_c/", "04_d/index.md#x", "e f", "<06_f.md>", ""]
)


@given(st.lists(st.tuples(CELL_TEXT, LINK, CELL_TEXT, CELL_TEXT), max_size=6))
def test_any_rows_summarise_as_markdown_it_reads_them(
    rows: list[tuple[str, str, str, str]],
) -> None:
    text = HEADER + "".join(row(*cells) for cells in rows) + "\nAfter the table.\n"
    assert summarise_index(text) == summary_via_markdown_it(text)
    assert_rows_found_by_link(text)


@given(st.lists(st.tuples(CELL_TEXT, LINK, CELL_TEXT, CELL_TEXT), min_size=1, max_size=4))
def test_any_rows_in_a_long_index_summarise_as_markdown_it_reads_them(
    rows: list[tuple[str, str, str, str]],
) -> None:
    """Past LINE_READER_MIN_CHARS a table with a row in another shape is read by the line
    reader, or by markdown-it when the line reader is unsure."""
    seed_rows = "".join(row(f"System {n}", f"{n:02d}_system_{n}.md") for n in range(1, 300))
    text = HEADER + seed_rows + "".join(row(*cells) for cells in rows) + "\nAfter.\n"
    assert len(text) > LINE_READER_MIN_CHARS
    assert summarise_index(text) == summary_via_markdown_it(text)


def assert_rows_found_by_link(text: str) -> None:
    """`row_links_to`, which reads only the rows that mention a folder, finds a row for every
    link markdown-it reads in the table, and none for a case study no row links to."""
    table = find_index_table(text)
    links = [link_key(href) for row in table.rows for href in row.links] if table else []
    assert all(row_links_to(text, link) for link in links)
    for absent in ("77_absent/README.md", "78_absent.md"):
        assert row_links_to(text, absent) == (absent.split("/")[0] in links)


ALL_SHAPES = {**SEED_SHAPED, **OTHER_SHAPES, **SHAPES}


@pytest.mark.parametrize("text", ALL_SHAPES.values(), ids=ALL_SHAPES.keys())
def test_a_row_is_found_by_its_link_as_markdown_it_reads_it(text: str) -> None:
    assert_rows_found_by_link(text)
