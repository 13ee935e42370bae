"""The checker's line reader for large indexes reads exactly what markdown-it reads, or
steps aside (Unsure) so that markdown-it does."""

from __future__ import annotations

from pathlib import Path

import pytest

from casestudy.index import lines as checker_index
from casestudy.index import table as index_table
from casestudy.index.read import LINE_READER_MIN_CHARS, read_index_file

SEED_TABLE = (
    "| Case Study | Key Metrics | Focus Area |\n"
    "|------------|-------------|------------|\n"
    "| **[RAG System Production](01_rag_system_production.md)** | "
    "8.4B queries/month, 142ms p50 latency | Production RAG systems |\n"
    "| **[Vector Database Scale](02_vector_database_scale/README.md)** | "
    "2.1B vectors, $0.0012/query | Scaling vector databases |\n"
)
Rows = tuple[int | None, list[tuple[int, dict[str, str], list[str], str]]]

READABLE_SHAPES = {
    "seed": "# Case studies\n\n" + SEED_TABLE + "\n## Format\n",
    "colon-alignment": SEED_TABLE.replace("|------------|-------------|------------|",
                                          "|:-----------|:-----------:|-----------:|"),
    "no-outer-pipes": "\n".join(line.strip("|").strip() for line in SEED_TABLE.splitlines()),
    "extra-column": SEED_TABLE.replace("Focus Area |", "Focus Area | Year |")
    .replace("|------------|\n", "|------------|---|\n")
    .replace("Production RAG systems |", "Production RAG systems | 2024 |"),
    "no-blank-line-before": "Our case studies:\n" + SEED_TABLE,
    "table-in-fence-first": "```markdown\n" + SEED_TABLE + "```\n\n" + SEED_TABLE,
    "another-table-first": "| A | B |\n|---|---|\n| 1 | 2 |\n\n" + SEED_TABLE,
    "escaped-pipe": SEED_TABLE.replace("142ms p50 latency", "142ms p50 \\| p99 latency"),
    "crlf": SEED_TABLE.replace("\n", "\r\n"),
    "ends-at-heading": SEED_TABLE + "## Next\n| not | a row |\n",
    "ends-at-list": SEED_TABLE + "- a list item\n",
    "row-without-link": SEED_TABLE + "| Upcoming | 1B edges | Feature stores |\n",
    "short-row": SEED_TABLE + "| **[Short](03_short/README.md)** |\n",
    "no-trailing-newline": SEED_TABLE.rstrip("\n"),
    "tilde-fence": "~~~\n" + SEED_TABLE + "~~~\n" + SEED_TABLE,
}

UNSURE_SHAPES = {
    "emphasis-in-title": SEED_TABLE.replace("[RAG System Production]", "[RAG *System*]"),
    "escaped-bracket-title": SEED_TABLE.replace("[RAG System Production]", r"[RAG \[beta\]]"),
    "html-in-row": SEED_TABLE + "| <b>Bold</b> | 1 | x |\n",
    "autolink": SEED_TABLE + "| <https://example.org> | 1 | x |\n",
    "reference-link": SEED_TABLE + "| [Ref][ref] | 1 | x |\n",
    "indented-table": "".join(f"  {line}\n" for line in SEED_TABLE.splitlines()),
    "after-list-item": "- item\n" + SEED_TABLE,
    "percent-encoded-href": SEED_TABLE.replace("01_rag_system_production.md", "01_rag%20x.md"),
    "html-block-after": SEED_TABLE + "<div>\n",
}


def rows_via_markdown_it(text: str) -> Rows:
    table = index_table.find_index_table(text)
    if table is None:
        return None, []
    return table.header_line, [(r.line, r.cells, r.links, r.title) for r in table.rows]


def rows_via_line_reader(text: str) -> Rows:
    table = checker_index.read_lines(text)
    if table is None:
        return None, []
    return table.header_line, [(r.line, r.cells, r.links, r.title) for r in table.rows]


@pytest.mark.parametrize("text", READABLE_SHAPES.values(), ids=READABLE_SHAPES.keys())
def test_line_reader_agrees_with_markdown_it(text: str) -> None:
    assert rows_via_line_reader(text) == rows_via_markdown_it(text)
    assert rows_via_line_reader(text)[0] is not None


@pytest.mark.parametrize("text", UNSURE_SHAPES.values(), ids=UNSURE_SHAPES.keys())
def test_line_reader_steps_aside_when_unsure(text: str) -> None:
    with pytest.raises(checker_index.Unsure):
        rows_via_line_reader(text)


def test_a_large_index_reads_the_same_through_either_reader(tmp_path: Path) -> None:
    rows = "".join(
        f"| **[System {n}]({n:02d}_system_{n}/README.md)** | {n}B vectors | Feature stores |\n"
        for n in range(1, 400)
    )
    text = "# Index\n\n| Case Study | Key Metrics | Focus Area |\n|---|---|---|\n" + rows
    assert len(text) > LINE_READER_MIN_CHARS
    (tmp_path / "README.md").write_text(text, encoding="utf-8")
    index = read_index_file(str(tmp_path))
    assert index.table is not None
    assert (index.table.header_line, [(r.line, r.cells, r.links, r.title) for r in index.rows]) == (
        rows_via_markdown_it(text)
    )


def test_an_unsure_large_index_falls_back_to_markdown_it(tmp_path: Path) -> None:
    rows = "".join(
        f"| **[System *{n}*]({n:02d}_system_{n}/README.md)** | {n}B vectors | Feature stores |\n"
        for n in range(1, 400)
    )
    text = "| Case Study | Key Metrics | Focus Area |\n|---|---|---|\n" + rows
    (tmp_path / "README.md").write_text(text, encoding="utf-8")
    index = read_index_file(str(tmp_path))
    assert [row.title for row in index.rows][:2] == ["System 1", "System 2"]
