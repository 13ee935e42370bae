"""`casestudy check` as authors and CI run it: which paths it takes, what it shows, exit codes,
bad usage, documents it cannot read, the generated skeleton, and what it imports."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from casestudy.cli import run

DATA = Path(__file__).parent / "data" / "check"
VENV_BIN = Path(sys.executable).parent
FILLED_SUMMARY = (
    "01_vector_search_platform/README.md: 9/9 sections filled, published, 0 errors, 0 warnings"
)
BROKEN_ROW = "| **[Broken Draft](02_broken_draft/README.md)** | 5 shards | Feature stores |"


@pytest.fixture
def directory(tmp_path: Path) -> Path:
    target = tmp_path / "case-studies"
    shutil.copytree(DATA / "filled", target)
    return target


def add_broken_case_study(directory: Path) -> None:
    """A second case study with an error (no front matter), listed in the index."""
    (directory / "02_broken_draft").mkdir()
    (directory / "02_broken_draft" / "README.md").write_text(
        "# Broken Draft\n\n## Executive Summary\n\nIt runs on 5 shards.\n", encoding="utf-8"
    )
    index = directory / "README.md"
    text = index.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("| **["))
    index.write_text(text.replace(row, f"{row}\n{BROKEN_ROW}"), encoding="utf-8")


def check(*args: str) -> tuple[int, str]:
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        code = run(["check", "--format", "plain", *args])
    return code, stdout.getvalue()


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "casestudy", "check", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    "paths",
    [
        pytest.param([], id="default-current-directory"),
        pytest.param(["."], id="the-directory"),
        pytest.param(["README.md"], id="the-index-readme"),
        pytest.param(["01_vector_search_platform"], id="a-case-study-folder"),
        pytest.param(["01_vector_search_platform/README.md"], id="a-case-study-file"),
        pytest.param(["01_vector_search_platform/"], id="folder-with-slash"),
        pytest.param(["01_vector_search_platform/diagram.svg"], id="a-file-inside-it"),
    ],
)
def test_every_kind_of_path(
    directory: Path, monkeypatch: pytest.MonkeyPatch, paths: list[str]
) -> None:
    monkeypatch.chdir(directory)
    assert check(*paths) == (0, f"{FILLED_SUMMARY}\n0 errors, 0 warnings in 1 case study\n")


def test_one_case_study_is_checked_alone_against_the_whole_directory(
    directory: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_broken_case_study(directory)
    monkeypatch.chdir(directory / "01_vector_search_platform")
    assert check(".") == (0, f"../{FILLED_SUMMARY}\n0 errors, 0 warnings in 1 case study\n")
    monkeypatch.chdir(directory)
    code, output = check()
    assert code == 1
    assert "02_broken_draft/README.md:1:1: CS207 the case study has no front matter" in output
    assert "02_broken_draft/README.md: 1/9 sections filled, unknown, 9 errors, 0 warnings" in (
        output
    )


def test_a_missing_index_is_shown_even_for_one_case_study(
    directory: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (directory / "README.md").unlink()
    (directory / "01_vector_search_platform" / "README.md").write_text(
        (directory / "01_vector_search_platform" / "README.md")
        .read_text(encoding="utf-8")
        .replace("See the [directory index](../README.md) for related case studies.", ""),
        encoding="utf-8",
    )
    monkeypatch.chdir(directory)
    code, output = check("01_vector_search_platform")
    assert code == 1
    assert output.splitlines()[0] == (
        "README.md:1:1: CS301 the index README does not exist: it needs a table with the header "
        "| Case Study | Key Metrics | Focus Area | and one row per case study"
    )


def test_paths_are_shown_relative_to_where_the_check_runs(
    directory: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_broken_case_study(directory)
    monkeypatch.chdir(directory.parent)
    code, output = check("case-studies/02_broken_draft")
    assert code == 1
    assert output.splitlines()[0] == (
        "case-studies/02_broken_draft/README.md:1:1: CS101 section 'Business Context' "
        "(or 'Business Context and Requirements') is missing"
    )
    assert "01_vector_search_platform" not in output


def test_json_output(directory: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    add_broken_case_study(directory)
    monkeypatch.chdir(directory)
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        code = run(["check", "--format", "json", "02_broken_draft"])
    document = json.loads(stdout.getvalue())
    assert code == 1
    assert document["errors"] == 9 and document["warnings"] == 0
    assert document["findings"][0] == {
        "path": "02_broken_draft/README.md",
        "line": 1,
        "column": 1,
        "code": "CS101",
        "severity": "error",
        "message": "section 'Business Context' (or 'Business Context and Requirements') "
        "is missing",
    }
    assert [summary["path"] for summary in document["case_studies"]] == [
        "02_broken_draft/README.md"
    ]


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["nowhere"], "nowhere does not exist", id="missing-path"),
        pytest.param(
            ["notes.md"], "notes.md is neither a case-study directory", id="not-a-case-study"
        ),
        pytest.param(["--format", "xml"], "invalid choice: 'xml'", id="bad-format"),
    ],
)
def test_bad_usage_exits_2_with_one_clear_paragraph(
    directory: Path, args: list[str], message: str
) -> None:
    (directory / "notes.md").write_text("notes\n", encoding="utf-8")
    done = run_cli(*args, cwd=directory)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


@pytest.mark.e2e
def test_a_document_that_cannot_be_read_is_a_finding_not_a_crash(directory: Path) -> None:
    readme = directory / "01_vector_search_platform" / "README.md"
    readme.unlink()
    readme.mkdir()  # a directory where the case study should be
    done = run_cli("--format", "plain", cwd=directory)
    assert done.returncode == 1
    assert done.stdout.startswith(
        "01_vector_search_platform/README.md:1:1: CS001 the file cannot be read: Is a directory"
    )
    assert "Traceback" not in done.stderr


@pytest.mark.e2e
def test_github_annotations_from_the_real_command(directory: Path) -> None:
    add_broken_case_study(directory)
    done = run_cli("--format", "github", "02_broken_draft", cwd=directory)
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == (
        "::error file=02_broken_draft/README.md,line=1,col=1,title=CS101::section "
        "'Business Context' (or 'Business Context and Requirements') is missing"
    )


@pytest.mark.e2e
def test_the_generated_skeleton_is_reported_unfilled(tmp_path: Path) -> None:
    directory = tmp_path / "case-studies"
    shutil.copytree(DATA / "filled", directory)
    template = Path(__file__).resolve().parents[1]
    subprocess.run(
        [
            str(VENV_BIN / "cookiecutter"), str(template), "--no-input", "-o", str(directory),
            "system_name=Fraud Feature Store", "focus_area=Feature stores",
            "metric_1=2.1B vectors", "metric_2=87ms p99 latency",
        ],
        check=True,
        capture_output=True,
    )
    skeleton = directory / "02_fraud_feature_store" / "README.md"
    done = run_cli("--format", "plain", "02_fraud_feature_store", cwd=directory)
    assert done.returncode == 0  # a draft: unfilled sections are warnings
    summary = "02_fraud_feature_store/README.md: 0/9 sections filled, draft, 0 errors, 19 warnings"
    assert summary in done.stdout.splitlines()
    codes = [line.split(" ")[1] for line in done.stdout.splitlines() if ": CS" in line]
    assert codes.count("CS105") == 9 and codes.count("CS106") == 10

    skeleton.write_text(
        skeleton.read_text(encoding="utf-8").replace("status: draft", "status: review"),
        encoding="utf-8",
    )
    done = run_cli("--format", "plain", "02_fraud_feature_store", cwd=directory)
    assert done.returncode == 1
    assert "0/9 sections filled, review, 19 errors, 0 warnings" in done.stdout


@pytest.mark.e2e
def test_rich_output_in_a_terminal(directory: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(
        sys.executable, ["-m", "casestudy", "check"], cwd=str(directory),
        env={**os.environ, "COLUMNS": "120", "TERM": "xterm"}, encoding="utf-8", timeout=30,
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Sections" in child.before and "Warnings" in child.before
    assert "9/9" in child.before


@pytest.mark.e2e
def test_plain_output_imports_nothing_heavy(tmp_path: Path) -> None:
    directory = tmp_path / "case-studies"
    shutil.copytree(DATA / "filled", directory)
    index = directory / "README.md"
    extra = "".join(
        f"\n| **[Retired {n}]({n:03d}_retired_{n}.md)** | {n} shards | Feature stores |"
        for n in range(100, 400)
    )
    text = index.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("| **["))
    index.write_text(text.replace(row, row + extra), encoding="utf-8")
    probe = (
        "import sys\nfrom casestudy.cli import run\n"
        "run(['check', sys.argv[1], '--format', 'plain'])\n"
        "heavy = {'rich', 'markdown_it', 'jinja2', 'questionary', 'cookiecutter', 'yaml'}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy), "
        "file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(directory)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "[]"


def test_an_unreadable_denylist_is_a_finding(
    directory: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (directory / ".casestudy-denylist").write_bytes(b"Initech\n\xff\n")
    monkeypatch.chdir(directory)
    code, output = check()
    assert code == 1
    assert output.startswith(".casestudy-denylist:1:1: CS001 the denylist cannot be read: ")


def test_a_flat_case_study_with_front_matter_is_not_legacy(
    directory: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = directory / "01_vector_search_platform" / "README.md"
    flat = directory / "02_flat_platform.md"
    flat.write_text(
        source.read_text(encoding="utf-8")
        .replace("number: 1", "number: 2")
        .replace("slug: vector_search_platform", "slug: flat_platform")
        .replace("![Component diagram](diagram.svg)\n", ""),
        encoding="utf-8",
    )
    monkeypatch.chdir(directory)
    code, output = check("02_flat_platform.md")
    assert code == 1
    assert output.splitlines()[0] == (
        "02_flat_platform.md:1:1: CS302 the case study has no row in the index (README.md)"
    )
