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
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casestudy.check import engine, parallel
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


needs_fork = pytest.mark.skipif(
    not hasattr(os, "fork") or (os.cpu_count() or 1) < 2,
    reason="the check shares its work with a second process only with fork and 2 cores",
)


def _shared_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """Share even a small directory, one document a batch."""
    monkeypatch.setattr(parallel, "PARALLEL_MIN_ENTRIES", 2)
    monkeypatch.setattr(parallel, "BATCH_SIZE", 1)


def _shared_as_alone(
    directory: str, monkeypatch: pytest.MonkeyPatch, prepare: Callable[[], None] = lambda: None
) -> engine.Result:
    """Check `directory` in one process, then `prepare` and share it one document a batch:
    the findings and summaries must be the same. Returns the shared result."""
    alone = engine.check_paths([directory])
    prepare()
    _shared_one_by_one(monkeypatch)
    shared = engine.check_paths([directory])
    assert shared.findings == alone.findings
    assert [s.as_dict() for s in shared.summaries] == [s.as_dict() for s in alone.summaries]
    return shared


def test_two_processes_find_what_one_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    shared = _shared_as_alone(str(DATA / "legacy" / "directory"), monkeypatch)
    assert len(shared.findings) == 7


def test_two_processes_keep_the_directorys_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The two processes claim batches as they go, so their shares interleave.
    directory = tmp_path / "mixed"
    shutil.copytree(DATA / "legacy" / "directory", directory)
    for number in (0, 6, 7):
        shutil.copytree(
            DATA / "filled" / "01_vector_search_platform",
            directory / f"{number:02d}_vector_search_platform",
        )
    shared = _shared_as_alone(str(directory), monkeypatch)
    names = [Path(s.path).relative_to(directory).parts[0] for s in shared.summaries]
    assert names == sorted(names)
    assert len(names) == 8


def _logging_scans(
    monkeypatch: pytest.MonkeyPatch, log: Path, *, seconds: float = 0.0, child_fails: bool = False
) -> None:
    """Record which process scans which document, in a file both processes append to."""
    scan_chunk = engine._scan_chunk
    parent = os.getpid()

    def logged(entries: list[engine.Entry], *args: object) -> parallel.Scanned:
        if child_fails and os.getpid() != parent:
            raise RuntimeError("the worker fails")
        time.sleep(seconds)  # slow enough that the other process claims batches too
        with log.open("a", encoding="utf-8") as handle:
            handle.writelines(f"{os.getpid()} {entry.name}\n" for entry in entries)
        return scan_chunk(entries, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "_scan_chunk", logged)


@needs_fork
def test_both_processes_take_documents_and_none_is_scanned_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = str(DATA / "legacy" / "directory")
    alone = engine.check_paths([directory])
    log = tmp_path / "scanned.log"
    _logging_scans(monkeypatch, log, seconds=0.05)
    _shared_one_by_one(monkeypatch)
    shared = engine.check_paths([directory])
    scanned = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    names = [name for _, name in scanned]
    assert len(names) == len(set(names)) == len(alone.summaries)
    assert len({pid for pid, _ in scanned}) == 2
    assert shared.findings == alone.findings


@needs_fork
def test_a_failed_worker_leaves_its_share_to_the_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _shared_as_alone(
        str(DATA / "legacy" / "directory"),
        monkeypatch,
        lambda: _logging_scans(monkeypatch, tmp_path / "scanned.log", child_fails=True),
    )


@needs_fork
def test_a_fork_that_fails_leaves_everything_to_the_parent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    _shared_as_alone(
        str(DATA / "legacy" / "directory"),
        monkeypatch,
        lambda: monkeypatch.setattr(os, "fork", no_fork),
    )


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
        "heavy = {'rich', 'markdown_it', 'jinja2', 'questionary', 'cookiecutter', 'pickle', "
        "'yaml', 'typing', 'json', 'shutil', 'datetime', 'argparse', 'gettext', 'locale'}\n"
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


@pytest.mark.parametrize("columns", ["50", "132"])
def test_help_is_laid_out_as_argparse_lays_it_out(
    monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    # The CLI tells argparse the width itself (sparing the shutil import): same help text.
    import argparse

    from casestudy import cli_argparse

    monkeypatch.setenv("COLUMNS", columns)

    def helps() -> list[str]:
        parser = cli_argparse.build_parser()
        subparsers = next(
            action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
        )
        return [parser.format_help()] + [sub.format_help() for sub in subparsers.choices.values()]

    ours = helps()
    monkeypatch.setattr(cli_argparse, "_Formatter", argparse.HelpFormatter)
    assert ours == helps()


# `casestudy check` reads plain command lines without argparse (its import is a few ms of
# the time budget); argparse stays the authority, so wherever the plain reader answers it
# must answer as argparse does, and leave everything else to it.
_ARGUMENTS = (
    "--format", "--format=json", "--format=", "--strict", "--strict=yes", "--form", "--str",
    "-h", "--help", "-", "--", "-x", "json", "plain", "auto", "rich", "github", "bogus", "a",
    "b/c.md", "", "a=b", "check",
)


def _argparse_reads(argv: list[str]) -> dict[str, object] | None:
    from casestudy.cli_argparse import parse
    from casestudy.errors import CommandLineError

    try:
        with contextlib.redirect_stdout(io.StringIO()):
            parsed = parse(argv)
    except (CommandLineError, SystemExit):  # a usage error, or --help
        return None
    return None if parsed is None else vars(parsed)


@given(st.lists(st.sampled_from(_ARGUMENTS), max_size=7))
def test_a_plain_check_command_line_is_read_as_argparse_reads_it(rest: list[str]) -> None:
    from casestudy.commands.check import plain_arguments

    argv = ["check", *rest]
    plain = plain_arguments(argv)
    if plain is not None:
        assert vars(plain) == _argparse_reads(argv)


@pytest.mark.parametrize(
    "rest",
    [
        [],
        ["."],
        ["--strict", "01_a/README.md", "02_b.md"],
        ["case-studies", "--format", "json"],
        ["--format=github", "--strict", "."],
    ],
    ids=["bare", "one-path", "pre-commit", "format-after", "ci"],
)
def test_the_usual_check_command_lines_need_no_argparse(rest: list[str]) -> None:
    from casestudy.commands.check import plain_arguments

    plain = plain_arguments(["check", *rest])
    assert plain is not None
    assert vars(plain) == _argparse_reads(["check", *rest])
