"""A directory in the seed's shape: flat case studies without front matter, long section names,
a Conclusion, no trailing newline, paraphrased metrics, and two index rows with the same
metrics. Its findings are pinned exactly, as warnings and (with --strict) as errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import run_check

from casestudy.directory.records import load_case_studies

LEGACY = Path(__file__).parent / "data" / "check" / "legacy"


@pytest.fixture
def legacy_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "case-studies"
    shutil.copytree(LEGACY / "directory", directory)
    monkeypatch.chdir(directory)
    return directory


def test_the_fixture_keeps_the_seed_shape() -> None:
    for path in (LEGACY / "directory").glob("0*.md"):
        text = path.read_text(encoding="utf-8")
        assert not text.endswith("\n"), path
        assert not text.startswith("---"), path
        assert "## Conclusion" in text, path
    index = (LEGACY / "directory" / "README.md").read_text(encoding="utf-8")
    assert not index.endswith("\n")
    rows = [line for line in index.splitlines() if line.startswith("| **[")]
    assert len(rows) == 5
    assert rows[0].split(" | ")[1] == rows[3].split(" | ")[1]  # the copy-pasted metrics


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(["--format", "plain"], "expected.txt", id="warnings-only"),
        pytest.param(["--format", "plain", "--strict"], "expected-strict.txt", id="strict"),
        pytest.param(["--format", "github"], "expected-github.txt", id="github-annotations"),
    ],
)
def test_legacy_findings_are_pinned(legacy_directory: Path, args: list[str], expected: str) -> None:
    assert run_check(*args) == (LEGACY / expected).read_text(encoding="utf-8")


def test_legacy_findings_are_not_fatal_unless_strict(legacy_directory: Path) -> None:
    assert run_check("--format", "plain").endswith("exit 0\n")
    assert run_check("--format", "plain", "--strict").endswith("exit 1\n")


def test_json_carries_the_same_findings(legacy_directory: Path) -> None:
    output = run_check("--format", "json")
    document = json.loads(output.rsplit("exit", 1)[0])
    plain = (LEGACY / "expected.txt").read_text(encoding="utf-8")
    codes = [f"{f['path']}:{f['line']}:{f['column']}: {f['code']}" for f in document["findings"]]
    assert codes == [line.split(" ", 2)[0] + " " + line.split(" ", 2)[1]
                     for line in plain.splitlines() if ": CS" in line]
    assert document["errors"] == 0 and document["warnings"] == 7
    understood = [
        (5, "Executive Summary", "Executive Summary"),
        (9, "Business Context and Requirements", "Business Context"),
        (13, "Architecture Overview", "Architecture Overview"),
        (17, "Technical Implementation", "Technical Implementation"),
        (26, "Performance Metrics and Benchmarks", "Performance Metrics"),
        (32, "Scaling Challenges and Solutions", "Challenges & Solutions"),
        (36, "Lessons Learned and Key Insights", "Lessons Learned"),
        (40, "Recommendations for Other Teams", "Recommendations"),
        (44, "Conclusion", None),  # an extra: the missing Future Roadmap is not taken from it
    ]
    assert document["case_studies"][4] == {
        "path": "05_real_time_inference_db.md",
        "sections_filled": 8,
        "sections_total": 9,
        "status": "legacy",
        "errors": 0,
        "warnings": 1,
        "headings": [
            {"line": line, "heading": heading, "section": section}
            for line, heading, section in understood
        ],
    }


def test_load_case_studies_takes_legacy_metadata_from_the_index(legacy_directory: Path) -> None:
    records = load_case_studies(legacy_directory)
    assert [record.name for record in records] == [
        "01_rag_system_production.md",
        "02_vector_database_scale.md",
        "03_feature_store_production.md",
        "04_multi_modal_search.md",
        "05_real_time_inference_db.md",
    ]
    first = records[0]
    assert (first.number, first.slug, first.flat, first.front_matter) == (
        1, "rag_system_production", True, None
    )
    assert first.title == "RAG System Production"
    assert first.metrics == ("8.4B queries/month", "142ms p50 latency", "0.78 NDCG@10")
    assert first.focus_area == "Production RAG systems"
    assert (first.status, first.metadata_source, first.problem) == (None, "index", None)
    assert first.path == legacy_directory / "01_rag_system_production.md"
