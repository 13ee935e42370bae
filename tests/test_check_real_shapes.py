"""A directory in the shapes real case studies take: numbered headings ("1. Executive
Summary"), decorated ones ("🎓 Lessons Learned", "**Business Context & Constraints**",
"Executive Summary:"), long ones ("Technical Challenges and Solutions", "Future Improvements
and Roadmap"), synonyms ("Background", "Key Takeaways", "What's Next") and extra sections
(Table of Contents, Conclusion, References, Timeline, Appendix, See Also). Every section is
recognised; the one really missing (Recommendations, in 03) is the only finding. Outputs are
pinned exactly, with and without --verbose."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import run_check

REAL_SHAPES = Path(__file__).parent / "data" / "check" / "real_shapes"


@pytest.fixture
def directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "case-studies"
    shutil.copytree(REAL_SHAPES / "directory", copy)
    monkeypatch.chdir(copy)
    return copy


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(["--format", "plain"], "expected.txt", id="plain"),
        pytest.param(["--format", "plain", "--verbose"], "expected-verbose.txt", id="verbose"),
        pytest.param(["--format", "github"], "expected-github.txt", id="github"),
        pytest.param(["--format", "json"], "expected.json", id="json"),
    ],
)
def test_outputs_are_pinned(directory: Path, args: list[str], expected: str) -> None:
    assert run_check(*args) == (REAL_SHAPES / expected).read_text(encoding="utf-8")


def test_the_only_missing_section_is_the_one_really_missing(directory: Path) -> None:
    findings = [line for line in run_check("--format", "plain").splitlines() if ": CS" in line]
    assert findings == [
        "03_embedding_cache_tier.md:1:1: CS101 section 'Recommendations' "
        "(or 'Recommendations for Other Teams') is missing (warning)"
    ]


def test_json_lists_every_heading_and_what_it_was_taken_for(directory: Path) -> None:
    document = json.loads(run_check("--format", "json").rsplit("exit", 1)[0])
    by_path = {study["path"]: study["headings"] for study in document["case_studies"]}
    second = {
        entry["heading"]: entry["section"]
        for entry in by_path["02_streaming_feature_pipeline.md"]
    }
    assert second["📋 Executive Summary:"] == "Executive Summary"
    assert second["**Business Context & Constraints**"] == "Business Context"
    assert second["Performance Metrics and Trade-offs"] == "Performance Metrics"
    assert second["Appendix A: Benchmark Setup"] is None
    extras = [
        entry["heading"]
        for headings in by_path.values()
        for entry in headings
        if entry["section"] is None
    ]
    assert extras == [
        "Table of Contents", "Conclusion", "References",
        "Timeline", "Appendix A: Benchmark Setup", "See Also",
        "Further Reading", "Acknowledgements",
    ]


def test_without_verbose_the_plain_output_has_no_heading_lines(directory: Path) -> None:
    plain = run_check("--format", "plain")
    verbose = run_check("--format", "plain", "--verbose")
    assert "taken for" not in plain
    assert [line for line in verbose.splitlines() if not line.startswith("  line ")] == (
        plain.splitlines()
    )
