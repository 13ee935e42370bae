"""The post-generation hook applies the edit planned in the cookiecutter process, and plans
again through the parser when the README changed in between."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from casestudy.index.edit import add_to_index, plan_index_edit
from casestudy.index.model import IndexEntry
from casestudy.index.table import find_index_table, upsert_row
from casestudy.template.hook import post_gen_project

ENTRY = IndexEntry(
    "Fraud Feature Store", "06_fraud_feature_store/README.md", ("2.1B vectors",), "Feature stores"
)
OTHER = IndexEntry("Graph Search", "07_graph_search/README.md", ("1 graph",), "Search")


def test_the_planned_edit_is_applied_as_planned(
    seed_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (seed_dir / "README.md").read_text()
    plan = plan_index_edit(seed_dir, ENTRY)
    assert post_gen_project(plan, str(seed_dir / "06_fraud_feature_store")) == 0
    assert (seed_dir / "README.md").read_text() == upsert_row(before, ENTRY)[0]
    assert "Added the case study's row to" in capsys.readouterr().out


def test_a_readme_changed_after_planning_is_edited_afresh(seed_dir: Path) -> None:
    plan = plan_index_edit(seed_dir, ENTRY)
    add_to_index(seed_dir, OTHER)  # another generation lands first
    assert post_gen_project(plan, str(seed_dir / "06_fraud_feature_store")) == 0
    table = find_index_table((seed_dir / "README.md").read_text())
    assert table is not None
    # Landed second, 06 still goes before 07: the rows stay in number order.
    assert [row.links[0] for row in table.rows[-2:]] == [ENTRY.link, OTHER.link]


def test_a_readme_created_after_planning_gets_the_row_added(tmp_path: Path) -> None:
    plan = plan_index_edit(tmp_path, ENTRY)
    assert plan["action"] == "created"
    add_to_index(tmp_path, OTHER)  # created by someone else meanwhile
    assert post_gen_project(plan, str(tmp_path / "06_fraud_feature_store")) == 0
    table = find_index_table((tmp_path / "README.md").read_text())
    assert table is not None
    assert [row.links[0] for row in table.rows] == [ENTRY.link, OTHER.link]


def test_a_table_removed_after_planning_is_a_clean_error(
    seed_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = plan_index_edit(seed_dir, ENTRY)
    (seed_dir / "README.md").write_text("# Rewritten without a table\n")
    assert post_gen_project(plan, str(seed_dir / "06_fraud_feature_store")) == 1
    assert (seed_dir / "README.md").read_text() == "# Rewritten without a table\n"
    error = capsys.readouterr().err
    assert "has no index table" in error and ENTRY.link in error


def test_an_edit_is_planned_on_the_readme_as_it_is_now_not_as_last_read(seed_dir: Path) -> None:
    """The plan reuses the directory's last reading of the README only while the file still
    holds it (the same SHA-256): a README changed since is planned on afresh."""
    from casestudy.directory.state import read_directory

    assert read_directory(seed_dir).index is not None  # read, summarised and kept
    add_to_index(seed_dir, OTHER)  # changed since
    now = (seed_dir / "README.md").read_text(encoding="utf-8")
    plan = plan_index_edit(seed_dir, ENTRY)
    start, end = int(str(plan["start"])), int(str(plan["end"]))
    assert now[:start] + str(plan["replacement"]) + now[end:] == upsert_row(now, ENTRY)[0]
    assert plan["fingerprint"] == hashlib.sha256(now.encode("utf-8")).hexdigest()
