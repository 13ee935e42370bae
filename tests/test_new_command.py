"""`casestudy new` from flags: what it writes, what it refuses, and that it writes nothing
when it refuses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import tree

from casestudy.cli import run
from casestudy.format.frontmatter import read_front_matter
from casestudy.new.answers import plan_new_case_study, raw_answers
from casestudy.new.render import _take_back, render_case_study
from casestudy.template.extension import planned_index_edit
from casestudy.template.location import template_dir

DATA = Path(__file__).parent / "data" / "new"
FLAGS = [
    "--name", "Fraud Feature Store",
    "--focus-area", "feature stores",
    "--metric", "1.8M features/sec",
    "--metric", "8.2ms p95 latency",
]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Cookiecutter writes a replay file under ~: keep it away from the real home."""
    fake_home = tmp_path / "home"
    fake_home.mkdir()
    monkeypatch.setenv("HOME", str(fake_home))
    return fake_home



def casestudy(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """The real command, with no terminal (stdin is not a tty)."""
    return subprocess.run(
        [sys.executable, "-m", "casestudy", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "HOME": str(home)},
        stdin=subprocess.DEVNULL,
        check=False,
    )


@pytest.mark.e2e
def test_no_input_creates_the_case_study_and_its_index_row(directory: Path, home: Path) -> None:
    result = casestudy("new", "--no-input", "-o", str(directory), *FLAGS, home=home)
    assert result.returncode == 0, result.stderr
    folder = directory / "03_fraud_feature_store"
    assert sorted(path.name for path in folder.iterdir()) == ["README.md"]
    meta = read_front_matter((folder / "README.md").read_text(encoding="utf-8"))
    assert (meta["title"], meta["number"], meta["slug"], meta["focus_area"]) == (
        "Fraud Feature Store", 3, "fraud_feature_store", "Feature stores")
    assert meta["key_metrics"] == ["1.8M features/sec", "8.2ms p95 latency"]
    original = (DATA / "index_README.md").read_text(encoding="utf-8")
    row = (DATA / "expected_row.md").read_text(encoding="utf-8")
    table_end = original.index("\n\n## Case Study Format") + 1
    assert (directory / "README.md").read_text(encoding="utf-8") == (
        original[:table_end] + row + original[table_end:]
    )
    assert f"Created {folder / 'README.md'}" in result.stdout
    assert f"casestudy check {folder}" in result.stdout


@pytest.mark.e2e
def test_without_a_terminal_missing_answers_name_the_flags(directory: Path, home: Path) -> None:
    before = tree(directory)
    result = casestudy("new", "-o", str(directory), "--focus-area", "Feature stores", home=home)
    assert result.returncode == 2
    assert "there is no terminal to ask in" in result.stderr
    assert "--name and --metric are missing" in result.stderr
    assert "casestudy new --name 'Fraud Feature Store'" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(directory) == before


@pytest.mark.e2e
def test_no_input_never_imports_questionary(directory: Path, home: Path) -> None:
    probe = (
        "import sys; from casestudy.cli import run; "
        f"code = run(['new', '--no-input', '--dry-run', '-o', {str(directory)!r}, "
        f"*{FLAGS!r}]); "
        "print('questionary' in sys.modules, 'prompt_toolkit' in sys.modules, code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True,
        env={**os.environ, "HOME": str(home)},
    )
    assert result.stdout.splitlines()[-1] == "False False 0"


@pytest.mark.parametrize(
    ("flags", "exit_code", "message"),
    [
        pytest.param(
            ["--name", "Fraud Feature Store", "--focus-area", "Feature stores",
             "--metric", "p99 latency"],
            1, "metric_1 'p99 latency' must contain a figure",
            id="metric-without-a-figure",
        ),
        pytest.param(
            ["--name", "Fraud Feature Store", "--focus-area", "Feature stores",
             "--metric", "fast"],
            1, "metric_1 'fast' must contain a number", id="metric-without-a-digit",
        ),
        pytest.param(
            ["--name", "Fraud Feature Store", "--focus-area", "Feature stores",
             *[option for n in range(4) for option in ("--metric", f"{n + 1}ms p99 latency")]],
            2, "at most 3 headline metrics", id="four-metrics",
        ),
        pytest.param(
            ["--name", "A" * 81, "--focus-area", "Feature stores", "--metric", "2.1B vectors"],
            1, "must be at most 80 characters", id="name-too-long",
        ),
        pytest.param(
            [*FLAGS, "--slug", "../escape"], 1, "may hold only lowercase", id="slug-with-a-path",
        ),
        pytest.param([*FLAGS, "--number", "2"], 1, "Number 2 is already taken", id="number-taken"),
        pytest.param(
            ["--name", "Vector Database Scale", "--focus-area", "x", "--metric", "1 vector"],
            1, "already holds a case study with the slug", id="slug-of-an-existing-flat-file",
        ),
        pytest.param(["--focus-area", "Feature stores"], 2, "--name and --metric are missing",
                     id="missing-flags"),
    ],
)
def test_bad_answers_are_refused_before_anything_is_written(
    directory: Path,
    home: Path,
    capsys: pytest.CaptureFixture[str],
    flags: list[str],
    exit_code: int,
    message: str,
) -> None:
    before = tree(directory)
    assert run(["new", "--no-input", "-o", str(directory), *flags]) == exit_code
    error = capsys.readouterr().err
    assert message in error
    assert "Traceback" not in error
    assert tree(directory) == before
    assert not any(home.iterdir())


def test_dry_run_prints_the_preview_and_writes_nothing(
    directory: Path, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tree(directory)
    assert run(["new", "--no-input", "--dry-run", "-o", str(directory), *FLAGS]) == 0
    printed = capsys.readouterr().out
    assert f"Folder:       {directory / '03_fraud_feature_store'}\n" in printed
    assert '    focus_area: "Feature stores"\n' in printed
    assert "    key_metrics:\n      - \"1.8M features/sec\"\n" in printed
    assert f"add this row to the index table in {directory / 'README.md'}" in printed
    assert "    " + (DATA / "expected_row.md").read_text(encoding="utf-8") in printed
    assert printed.endswith("Dry run: nothing was written.\n")
    assert tree(directory) == before


def test_a_near_duplicate_name_from_flags_is_noted_not_refused(
    directory: Path, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = ["--name", "Vector DB Scale", "--focus-area", "x", "--metric", "3 regions"]
    assert run(["new", "--no-input", "--dry-run", "-o", str(directory), *flags]) == 0
    assert 'Note: "Vector DB Scale" closely resembles "Vector Database Scale"' in (
        capsys.readouterr().err
    )


def test_an_output_directory_that_does_not_exist_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere"
    assert run(["new", "--no-input", "-o", str(missing), *FLAGS]) == 1
    assert f"The output directory {missing} does not exist" in capsys.readouterr().err
    assert not missing.exists()


def test_a_directory_without_an_index_readme_gets_one(
    tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["new", "--no-input", "-o", str(tmp_path), *FLAGS]) == 0
    index = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert "| **[Fraud Feature Store](01_fraud_feature_store/README.md)** |" in index


def test_a_cookiecutter_failure_becomes_one_clean_error(directory: Path, home: Path) -> None:
    """The number is settled, then someone else takes it before rendering: the template's
    own check refuses, and that arrives as a CaseStudyError, with nothing left behind."""
    from casestudy.errors import CaseStudyError

    template = template_dir()
    raw = raw_answers("Fraud Feature Store", "Feature stores", ["2.1B vectors"], number="3")
    case_study = plan_new_case_study(raw, directory, template)
    (directory / "03_someone_elses").mkdir()
    before = tree(directory)
    with pytest.raises(CaseStudyError) as raised:
        render_case_study(case_study, directory, template)
    assert "Number 3 is already taken" in str(raised.value)
    assert tree(directory) == before


def test_taking_back_an_interrupted_render_restores_the_directory(
    directory: Path, home: Path
) -> None:
    template = template_dir()
    raw = raw_answers("Fraud Feature Store", "Feature stores", ["2.1B vectors"])
    case_study = plan_new_case_study(raw, directory, template)
    before = tree(directory)
    folder = render_case_study(case_study, directory, template)
    assert tree(directory) != before
    _take_back(folder, False, planned_index_edit(directory))
    assert tree(directory) == before


def test_taking_back_keeps_a_row_someone_else_added_meanwhile(
    directory: Path, home: Path
) -> None:
    template = template_dir()
    raw = raw_answers("Fraud Feature Store", "Feature stores", ["2.1B vectors"])
    case_study = plan_new_case_study(raw, directory, template)
    folder = render_case_study(case_study, directory, template)
    our_edit = planned_index_edit(directory)
    assert run(["new", "--no-input", "-o", str(directory), "--name", "Other Study",
                "--focus-area", "Feature stores", "--metric", "5 shards"]) == 0
    index_with_both = (directory / "README.md").read_bytes()
    _take_back(folder, False, our_edit)
    assert not folder.exists()
    assert (directory / "README.md").read_bytes() == index_with_both


TABLE_HEAD = "| Case Study | Key Metrics | Focus Area |\n|---|---|---|\n"
OUR_OLD_ROW = "| **[Fraud Feature Store](01_fraud_feature_store/README.md)** | 1B rows | Graphs |\n"


def _long_index(rows: int) -> str:
    return "# Case studies\n\n" + TABLE_HEAD + "".join(
        f"| **[System {n}]({n:02d}_system_{n}/README.md)** | {n}B vectors | Feature stores |\n"
        for n in range(2, rows + 2)
    ) + "\nAfter the table.\n"


# The README the generation adds its row to (or, where it already has a row linking to the
# case study, updates that row in place), then takes the row back out of.
INDEXES_TAKEN_BACK = {
    "row-added-to-100000-rows": _long_index(100_000),
    "row-added-crlf-bom-no-final-newline":
        "\ufeff" + _long_index(3).replace("\n", "\r\n").rstrip("\r\n"),
    "row-updated-in-place": "# Case studies\n\n" + TABLE_HEAD + OUR_OLD_ROW
    + "| **[Other](02_other/README.md)** | 2B rows | Graphs |\n",
}


@pytest.mark.parametrize("index", INDEXES_TAKEN_BACK.values(), ids=INDEXES_TAKEN_BACK.keys())
def test_taking_back_a_finished_render_leaves_the_index_byte_for_byte_as_it_was(
    tmp_path: Path, home: Path, index: str
) -> None:
    """The row comes back out through the planned edit alone (no copy of the README is
    kept): every other byte, the BOM and line endings included, is as before."""
    directory = tmp_path / "case-studies"
    directory.mkdir()
    (directory / "README.md").write_bytes(index.encode("utf-8"))
    before = tree(directory)
    raw = raw_answers("Fraud Feature Store", "Feature stores", ["2.1B vectors"])
    case_study = plan_new_case_study(raw, directory, template_dir())
    folder = render_case_study(case_study, directory, template_dir())
    our_edit = planned_index_edit(directory)
    assert our_edit is not None
    assert our_edit["action"] == ("updated" if OUR_OLD_ROW in index else "added")
    assert tree(directory) != before
    _take_back(folder, False, our_edit)
    assert tree(directory) == before


def test_taking_back_leaves_an_index_someone_else_rewrote_meanwhile(
    directory: Path, home: Path
) -> None:
    """Our row is still in it, but the bytes around it are not the ones the edit was
    planned on: the README is not ours to restore, and stays as it is."""
    raw = raw_answers("Fraud Feature Store", "Feature stores", ["2.1B vectors"])
    case_study = plan_new_case_study(raw, directory, template_dir())
    folder = render_case_study(case_study, directory, template_dir())
    readme = directory / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + "\nA note added meanwhile.\n",
                      encoding="utf-8")
    rewritten = readme.read_bytes()
    _take_back(folder, False, planned_index_edit(directory))
    assert not folder.exists()
    assert readme.read_bytes() == rewritten
