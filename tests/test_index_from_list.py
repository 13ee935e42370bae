"""`casestudy index --write` on an older index kept as a numbered list of links: the list
becomes the index table, built from the case studies, and every other byte of the file stays
as it was (BOM, line endings, no final newline); a second run changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from casestudy.index.sync import compare_index, rewrite_index

FRONT = (
    '---\ntitle: "Embedding Store"\nnumber: 2\nslug: embedding_store\n'
    'focus_area: "Scaling vector databases"\nkey_metrics:\n  - "3.4B vectors"\n'
    "status: published\ncreated: 2026-11-20\n---\n\n# Embedding Store\n\nFictional.\n"
)
TABLE = (
    "| Case Study | Key Metrics | Focus Area |\n"
    "|------------|-------------|------------|\n"
    "| **[Ingest Pipeline](01_ingest_pipeline.md)** |  |  |\n"
    "| **[Embedding Store](02_embedding_store/README.md)** | 3.4B vectors | "
    "Scaling vector databases |\n"
)
LIST = (
    "1. [Ingest Pipeline](01_ingest_pipeline.md)\n"
    "2. [Embedding Store](02_embedding_store/README.md) - fictional\n"
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "01_ingest_pipeline.md").write_text("# Ingest Pipeline\n\nFictional.\n")
    (tmp_path / "02_embedding_store").mkdir()
    (tmp_path / "02_embedding_store" / "README.md").write_text(FRONT)
    return tmp_path


def _convert(root: Path, before: str) -> str:
    index = root / "README.md"
    index.write_bytes(before.encode("utf-8"))
    sync = rewrite_index(root)
    assert sync.from_list and not sync.in_step
    after = index.read_bytes().decode("utf-8")
    again = compare_index(root)
    assert again.in_step and not again.from_list, again.diff()  # a second run changes nothing
    return after


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(
            f"# Index\n\n{LIST}\nMore.\n", f"# Index\n\n{TABLE}\nMore.\n", id="between-blanks"
        ),
        pytest.param(
            f"# Index\nCase studies:\n{LIST}\nMore.\n",
            f"# Index\nCase studies:\n\n{TABLE}\nMore.\n",
            id="right-after-a-paragraph",
        ),
        pytest.param(
            f"# Index\n\n{LIST}## Next\n", f"# Index\n\n{TABLE}\n## Next\n",
            id="right-before-a-heading",
        ),
        pytest.param(f"# Index\n\n{LIST}", f"# Index\n\n{TABLE}", id="at-the-end"),
        pytest.param(
            f"# Index\n\n{LIST}".rstrip("\n"), f"# Index\n\n{TABLE}".rstrip("\n"),
            id="no-final-newline",
        ),
        pytest.param(
            f"\ufeff# Index\r\n\r\n{LIST}\r\nMore.\r\n".replace(".md)\n", ".md)\r\n").replace(
                "fictional\n", "fictional\r\n"
            ),
            f"\ufeff# Index\r\n\r\n{TABLE}\r\nMore.\r\n".replace("|\n", "|\r\n"),
            id="bom-and-crlf",
        ),
        pytest.param(
            f"# Index\n\n1. Some format\n2. Not links\n\n## Studies\n\n{LIST}\n",
            f"# Index\n\n1. Some format\n2. Not links\n\n## Studies\n\n{TABLE}\n",
            id="a-list-without-case-study-links-stays",
        ),
    ],
)
def test_the_list_becomes_the_table_and_nothing_else_changes(
    root: Path, before: str, after: str
) -> None:
    assert _convert(root, before) == after


def test_items_that_link_to_no_case_study_on_disk_are_kept_as_rows(root: Path) -> None:
    before = (
        "# Index\n\n1. [Archived Study](07_archived.md)\n"
        "2. [Guide](CONTRIBUTING.md)\n3. Plain words | with a pipe\n"
        "4. [Embedding Store](02_embedding_store/)\n"
    )
    assert _convert(root, before) == (
        "# Index\n\n| Case Study | Key Metrics | Focus Area |\n"
        "|------------|-------------|------------|\n"
        "| **[Ingest Pipeline](01_ingest_pipeline.md)** |  |  |\n"
        "| **[Embedding Store](02_embedding_store/README.md)** | 3.4B vectors | "
        "Scaling vector databases |\n"
        "| **[Archived Study](07_archived.md)** |  |  |\n"
        "| **[Guide](CONTRIBUTING.md)** |  |  |\n"
        "| Plain words \\| with a pipe |  |  |\n"
    )


def test_check_shows_the_conversion_as_a_diff_and_writes_nothing(root: Path) -> None:
    before = f"# Index\n\n{LIST}"
    (root / "README.md").write_text(before)
    sync = compare_index(root)
    assert not sync.in_step
    assert "+| Case Study | Key Metrics | Focus Area |" in sync.diff()
    assert (root / "README.md").read_text() == before


def test_a_new_row_goes_into_an_index_md_when_that_is_the_index(tmp_path: Path) -> None:
    from casestudy.index.edit import add_to_index
    from casestudy.index.model import IndexEntry

    (tmp_path / "index.md").write_text(
        "# Fictional index\n\n| Case Study | Key Metrics | Focus Area |\n|---|---|---|\n"
    )
    entry = IndexEntry("Query Cache", "01_query_cache/README.md", ("4ms p99 latency",), "Caches")
    update = add_to_index(tmp_path, entry)
    assert (update.path.name, update.action) == ("index.md", "added")
    assert not (tmp_path / "README.md").exists()
    assert (tmp_path / "index.md").read_text().endswith(
        "| **[Query Cache](01_query_cache/README.md)** | 4ms p99 latency | Caches |\n"
    )
