"""Each rule of `casestudy check` on a failing and a passing fixture, output pinned exactly.

`tests/data/check/filled/` is a complete, fictional case-study directory that passes clean.
Each folder under `tests/data/check/cases/` holds only what differs from it (files laid over
a copy; `remove.txt` lists files to delete) and `expected.txt`: the exit status and the
command's whole plain output, run from the directory.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
from pathlib import Path

import pytest

from casestudy.cli import run

DATA = Path(__file__).parent / "data" / "check"
CASES = sorted(path.name for path in (DATA / "cases").iterdir())
FIXTURE_ONLY = {"expected.txt", "remove.txt"}


def materialise(case: str, destination: Path) -> Path:
    shutil.copytree(DATA / "filled", destination)
    overlay = DATA / "cases" / case
    for source in overlay.rglob("*"):
        relative = source.relative_to(overlay)
        if source.is_file() and str(relative) not in FIXTURE_ONLY:
            (destination / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination / relative)
    removals = overlay / "remove.txt"
    if removals.exists():
        for name in removals.read_text(encoding="utf-8").split():
            (destination / name).unlink()
    return destination


def check_output(directory: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    monkeypatch.chdir(directory)
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        code = run(["check", "--format", "plain", *args])
    return f"exit {code}\n{stdout.getvalue()}"


def test_the_filled_example_passes_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    directory = tmp_path / "case-studies"
    shutil.copytree(DATA / "filled", directory)
    assert check_output(directory, monkeypatch) == (
        "exit 0\n"
        "01_vector_search_platform/README.md: 9/9 sections filled, published, "
        "0 errors, 0 warnings\n"
        "0 errors, 0 warnings in 1 case study\n"
    )


@pytest.mark.parametrize("case", CASES)
def test_rule_fixture(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    directory = materialise(case, tmp_path / "case-studies")
    expected = (DATA / "cases" / case / "expected.txt").read_text(encoding="utf-8")
    assert check_output(directory, monkeypatch) == expected


@pytest.mark.parametrize("case", [case for case in CASES if case.startswith("CS")])
def test_each_failing_fixture_reports_its_own_code(case: str) -> None:
    code = case.split("_", 1)[0]
    expected = (DATA / "cases" / case / "expected.txt").read_text(encoding="utf-8")
    assert f": {code} " in expected


def test_every_code_has_a_failing_fixture() -> None:
    from casestudy.check.codes import CODES

    covered = {case.split("_", 1)[0] for case in CASES}
    assert set(CODES) <= covered


@pytest.mark.parametrize("case", [case for case in CASES if case.startswith("pass_")])
def test_passing_variants_are_clean(case: str) -> None:
    expected = (DATA / "cases" / case / "expected.txt").read_text(encoding="utf-8")
    assert expected.startswith("exit 0\n")
    assert "0 errors, 0 warnings in 1 case study" in expected


# The JSON and GitHub outputs of every fixture, pinned byte for byte beside the plain ones
# (`expected.txt`). CASESTUDY_UPDATE_GOLDEN=1 rewrites them after a deliberate change.
GOLDEN = DATA / "golden"
MACHINE_FORMATS = ("json", "github")


def _formatted(directory: Path, monkeypatch: pytest.MonkeyPatch, output_format: str) -> str:
    monkeypatch.chdir(directory)
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        code = run(["check", "--format", output_format])
    return f"exit {code}\n{stdout.getvalue()}"


def _compare_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("CASESTUDY_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("output_format", MACHINE_FORMATS)
@pytest.mark.parametrize("case", CASES)
def test_rule_fixture_machine_formats(
    case: str, output_format: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = materialise(case, tmp_path / "case-studies")
    _compare_golden(f"{case}.{output_format}", _formatted(directory, monkeypatch, output_format))


@pytest.mark.parametrize("output_format", ("plain", *MACHINE_FORMATS))
@pytest.mark.parametrize(
    "source",
    [DATA / "legacy" / "directory", DATA.parents[2] / "examples" / "case-studies"],
    ids=["legacy", "examples"],
)
def test_directory_fixture_outputs(
    source: Path, output_format: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = tmp_path / "case-studies"
    shutil.copytree(source, directory)
    name = "legacy" if "legacy" in source.parts else "examples"
    _compare_golden(f"{name}.{output_format}", _formatted(directory, monkeypatch, output_format))


def test_the_readme_lists_every_code_as_the_registry_has_it() -> None:
    from casestudy.check.codes import markdown_table

    readme = (DATA.parents[2] / "README.md").read_text(encoding="utf-8")
    assert markdown_table() + "\n" in readme
