"""Bake the real template with pytest-cookies over explicit answer combinations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt

from casestudy.format.frontmatter import read_front_matter
from casestudy.format.sections import SECTION_TITLES
from casestudy.index.table import find_index_table

BASE = {
    "system_name": "Fraud Feature Store",
    "focus_area": "Feature stores",
    "metric_1": "2.1B vectors",
    "metric_2": "87ms p99 latency",
    "metric_3": "$0.0012/query",
}


def answers(**changes: str) -> dict[str, str]:
    return {**BASE, **changes}


# (id, answers, expected folder, expected front matter subset)
COMBINATIONS = [
    ("three-metrics", answers(), "01_fraud_feature_store",
     {"title": "Fraud Feature Store", "key_metrics": ["2.1B vectors", "87ms p99 latency",
                                                      "$0.0012/query"]}),
    ("one-metric", answers(metric_2="", metric_3=""), "01_fraud_feature_store",
     {"key_metrics": ["2.1B vectors"]}),
    ("second-metric-empty", answers(metric_2=""), "01_fraud_feature_store",
     {"key_metrics": ["2.1B vectors", "$0.0012/query"]}),
    ("explicit-number", answers(number="7"), "07_fraud_feature_store", {"number": 7}),
    ("number-over-99", answers(number="123"), "123_fraud_feature_store", {"number": 123}),
    ("custom-slug", answers(slug="fraud_fs_v2"), "01_fraud_fs_v2", {"slug": "fraud_fs_v2"}),
    ("seed-area-other-case", answers(focus_area="SCALING VECTOR DATABASES"),
     "01_fraud_feature_store", {"focus_area": "Scaling vector databases"}),
    ("new-area-kept", answers(focus_area="Graph stores"), "01_fraud_feature_store",
     {"focus_area": "Graph stores"}),
    ("unicode-name", answers(system_name="Ünïcödé Vector Search"), "01_unicode_vector_search",
     {"title": "Ünïcödé Vector Search"}),
    ("emoji-name", answers(system_name="🚀 Rocket Retrieval"), "01_rocket_retrieval",
     {"title": "🚀 Rocket Retrieval"}),
    ("markdown-name", answers(system_name="Search *at* Scale [v2]"),
     "01_search_at_scale_v2", {"title": "Search *at* Scale [v2]"}),
    ("pipe-and-backslash", answers(system_name="Reads | Writes", metric_2=r"p99 | p50 \ 87ms"),
     "01_reads_writes", {"title": "Reads | Writes", "key_metrics": ["2.1B vectors",
                                                                   r"p99 | p50 \ 87ms",
                                                                   "$0.0012/query"]}),
    ("python-injection", answers(system_name='"""; import os; os.system("touch pwned")'),
     "01_import_os_os_system_touch_pwned", {"title": '"""; import os; os.system("touch pwned")'}),
    ("quotes-and-colons", answers(system_name="Bob's DB: the 'fast' one"),
     "01_bob_s_db_the_fast_one", {"title": "Bob's DB: the 'fast' one"}),
    ("longest-name", answers(system_name="N" * 80), "01_" + "n" * 60, {"title": "N" * 80}),
]


def _rendered_text(inline: Any) -> str:
    """What a reader sees of an inline token: its text, with markdown's escapes read."""
    return "".join(
        child.content for child in inline.children if child.type in ("text", "code_inline")
    )


def _bake(cookies: Any, extra: dict[str, str]) -> Any:
    result = cookies.bake(extra_context=extra)
    assert result.exception is None, result.exception
    assert result.exit_code == 0
    return result


@pytest.mark.parametrize(
    ("extra", "folder", "expected"),
    [pytest.param(extra, folder, expected, id=name) for name, extra, folder, expected in
     COMBINATIONS],
)
def test_bake_renders_the_skeleton_and_its_index_row(
    cookies: Any, extra: dict[str, str], folder: str, expected: dict[str, object]
) -> None:
    result = _bake(cookies, extra)
    project = Path(result.project_path)
    output = project.parent
    assert project.name == folder
    # Exactly the case study and the index README the hook created for the new directory.
    files = {str(path.relative_to(output)) for path in output.rglob("*") if path.is_file()}
    assert files == {"README.md", f"{folder}/README.md"}
    assert not (output / "pwned").exists() and not (project / "pwned").exists()

    text = (project / "README.md").read_text(encoding="utf-8")
    assert "{{" not in text and "{%" not in text and "{#" not in text

    meta = read_front_matter(text)
    assert set(meta) == {"title", "number", "slug", "focus_area", "key_metrics", "status",
                         "created"}
    assert meta["status"] == "draft"
    assert meta["created"] == dt.date.today()
    assert meta["number"] == int(folder.split("_", 1)[0])
    assert meta["slug"] == folder.split("_", 1)[1]
    for key, value in expected.items():
        assert meta[key] == value

    tokens = MarkdownIt("commonmark").parse(text.split("\n---\n", 1)[1])
    headings = [
        (tokens[position].tag, _rendered_text(tokens[position + 1]))
        for position, token in enumerate(tokens)
        if token.type == "heading_open"
    ]
    assert headings[0] == ("h1", meta["title"])
    assert [title for tag, title in headings if tag == "h2"] == list(SECTION_TITLES)

    body = text.split("\n---\n", 1)[1]
    for metric in meta["key_metrics"]:
        cell = metric.replace("\\", "\\\\").replace("|", r"\|")
        assert f"- **{cell}**:" in body  # Executive Summary
        assert f"| {cell} | [TODO: baseline]" in body  # Performance Metrics table

    index = find_index_table((output / "README.md").read_text(encoding="utf-8"))
    assert index is not None
    (row,) = index.rows
    assert row.links == [f"{folder}/README.md"]
    assert row.cells["focus area"] == meta["focus_area"]


def test_pipes_brackets_and_backslashes_are_escaped_in_the_index_row(cookies: Any) -> None:
    result = _bake(cookies, answers(system_name="Reads | Writes [beta]",
                                    metric_2=r"p99 | p50 \ 87ms", metric_3=""))
    index_text = (Path(result.project_path).parent / "README.md").read_text("utf-8")
    row = (r"| **[Reads \| Writes \[beta\]](01_reads_writes_beta/README.md)** | "
           r"2.1B vectors, p99 \| p50 \\ 87ms | Feature stores |")
    assert row in index_text.splitlines()


def test_metrics_are_rendered_in_order_without_gaps(cookies: Any) -> None:
    result = _bake(cookies, answers(metric_1="1 a", metric_2="", metric_3="3 c"))
    meta = read_front_matter((Path(result.project_path) / "README.md").read_text("utf-8"))
    assert meta["key_metrics"] == ["1 a", "3 c"]
    index_text = (Path(result.project_path).parent / "README.md").read_text("utf-8")
    assert "| 1 a, 3 c | Feature stores |" in index_text


def test_front_matter_is_plain_yaml_any_parser_reads(cookies: Any) -> None:
    result = _bake(cookies, answers(system_name='Quote " and colon: here'))
    text = (Path(result.project_path) / "README.md").read_text("utf-8")
    block = text.split("---\n")[1]
    assert yaml.safe_load(block)["title"] == 'Quote " and colon: here'


def test_guidance_and_placeholders_mark_every_section_unfilled(cookies: Any) -> None:
    result = _bake(cookies, answers())
    text = (Path(result.project_path) / "README.md").read_text("utf-8")
    sections = text.split("\n## ")[1:]
    assert len(sections) == 9
    for section in sections:
        assert "<!-- guidance:" in section
        assert "[TODO:" in section
    assert "```mermaid" in text
    assert "### Short term" in text and "### Medium term" in text and "### Long term" in text
    assert "### Challenge 1" in text and "### Requirements" in text
