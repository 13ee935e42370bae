"""Generations under faults. The skeleton is written whole or not at all, by plain
cookiecutter and `casestudy new` alike: a write that fails half-way (a full disk, a file-size
limit) leaves neither a cut-short README nor a folder without a row, and says so in one
message; what a killed generation left behind is recognised by the next generation of the
same case study, which completes it. Inside plain cookiecutter's own process, a failed write
of cookiecutter's and Ctrl-C are clean too (Ctrl-C at every moment: tests/test_faults.py)."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pexpect
import pytest
from conftest import EXAMPLE_DIR, REPO_ROOT, tree
from test_write_faults import fill, small_disk

__all__ = ["small_disk"]  # the fixture, used by name

ANSWERS = ["system_name=Fraud Feature Store", "focus_area=Feature stores",
           "metric_1=2.1B vectors", "metric_2=87ms p99 latency"]
FOLDER = "03_fraud_feature_store"


def cookiecutter_command(root: Path) -> list[str]:
    return [sys.executable, "-m", "cookiecutter", "--no-input", str(REPO_ROOT), "-o", str(root),
            *ANSWERS]


def new_command(root: Path) -> list[str]:
    return [sys.executable, "-m", "casestudy", "new", "--no-input", "-o", str(root),
            "--name", "Fraud Feature Store", "--focus-area", "Feature stores",
            "--metric", "2.1B vectors", "--metric", "87ms p99 latency"]


COMMANDS: dict[str, Callable[[Path], list[str]]] = {
    "cookiecutter": cookiecutter_command,
    "casestudy-new": new_command,
}


def run(
    command: list[str], home: Path, *, file_size_limit: int | None = None
) -> subprocess.CompletedProcess[str]:
    def limit_file_size() -> None:
        if file_size_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    return subprocess.run(command, env={**os.environ, "HOME": str(home)}, capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=120, check=False,
                          preexec_fn=limit_file_size)


@pytest.fixture
def reference(tmp_path: Path, home: Path) -> dict[str, bytes | None]:
    """The example directory after one uninterrupted generation."""
    root = tmp_path / "reference"
    shutil.copytree(EXAMPLE_DIR, root)
    result = run(cookiecutter_command(root), home)
    assert result.returncode == 0, result.stderr
    return tree(root)


@pytest.mark.e2e
@pytest.mark.parametrize("command", COMMANDS)
def test_a_full_disk_is_one_clean_message_and_leaves_nothing(
    small_disk: Path, home: Path, command: str
) -> None:
    root = small_disk / "case-studies"
    shutil.copytree(EXAMPLE_DIR, root)
    fill(small_disk)
    before = tree(root)

    result = run(COMMANDS[command](root), home)

    assert result.returncode == 1, result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert "No space left on device" in output and str(root / FOLDER) in output, output
    assert tree(root) == before


@pytest.mark.e2e
@pytest.mark.parametrize("command", COMMANDS)
def test_a_write_cut_short_by_a_file_size_limit_leaves_no_partial_skeleton(
    tmp_path: Path, home: Path, command: str
) -> None:
    """RLIMIT_FSIZE makes the kernel stop the skeleton's write part of the way through (the
    skeleton is larger than the limit; the index and replay file are smaller)."""
    root = tmp_path / "case-studies"
    shutil.copytree(EXAMPLE_DIR, root)
    before = tree(root)

    result = run(COMMANDS[command](root), home, file_size_limit=2048)

    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output, output
    assert "File too large" in output and str(root / FOLDER) in output, output
    assert tree(root) == before


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


LEFTOVERS: dict[str, Callable[[bytes], dict[str, bytes]]] = {
    "an empty folder": lambda skeleton: {},
    "an empty README": lambda skeleton: {"README.md": b""},
    "a README cut short": lambda skeleton: {"README.md": skeleton[: len(skeleton) // 2]},
    "the whole skeleton": lambda skeleton: {"README.md": skeleton},
    "a temporary file a killed write left": lambda skeleton: {
        f".README.md.{_dead_pid()}.0123abcd.tmp": skeleton[:100]
    },
    "a temporary file and the skeleton": lambda skeleton: {
        f".README.md.{_dead_pid()}.0123abcd.tmp": skeleton, "README.md": skeleton
    },
}


@pytest.mark.e2e
@pytest.mark.parametrize("leftover", LEFTOVERS)
def test_a_folder_an_interrupted_generation_left_is_completed_by_the_next(
    tmp_path: Path, home: Path, reference: dict[str, bytes | None], leftover: str
) -> None:
    skeleton = reference[f"{FOLDER}/README.md"]
    assert isinstance(skeleton, bytes)
    root = tmp_path / "case-studies"
    shutil.copytree(EXAMPLE_DIR, root)
    (root / FOLDER).mkdir()
    for name, content in LEFTOVERS[leftover](skeleton).items():
        (root / FOLDER / name).write_bytes(content)

    result = run(cookiecutter_command(root), home)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "interrupted generation" in result.stderr
    assert tree(root) == reference


@pytest.mark.e2e
def test_a_folder_holding_anything_else_is_not_taken_for_an_interrupted_one(
    tmp_path: Path, home: Path
) -> None:
    root = tmp_path / "case-studies"
    shutil.copytree(EXAMPLE_DIR, root)
    (root / FOLDER).mkdir()
    (root / FOLDER / ".README.md.notes.tmp").write_text("my notes\n")
    before = tree(root)

    result = run(cookiecutter_command(root), home)

    assert result.returncode != 0
    assert tree(root) == before


@pytest.mark.e2e
def test_cookiecutter_with_f_refuses_a_readme_that_is_a_folder_and_adds_no_row(
    tmp_path: Path, home: Path
) -> None:
    """With `-f` cookiecutter would write into the existing folder, and it skips a file whose
    path is a folder without a word: the row would be added for a skeleton never written."""
    root = tmp_path / "case-studies"
    shutil.copytree(EXAMPLE_DIR, root)
    (root / FOLDER / "README.md").mkdir(parents=True)
    before = tree(root)

    result = run([*cookiecutter_command(root), "-f"], home)

    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output, output
    assert str(root / FOLDER / "README.md") in output, output
    assert tree(root) == before


@pytest.mark.e2e
def test_a_full_disk_under_cookiecutters_own_replay_file_is_one_clean_message(
    small_disk: Path, tmp_path: Path
) -> None:
    """Cookiecutter writes its replay file under ~ with its own code, before the case study;
    the template's extension turns the error into one message naming the file."""
    home = small_disk / "home"
    home.mkdir()
    root = tmp_path / "case-studies"
    shutil.copytree(EXAMPLE_DIR, root)
    fill(small_disk)
    before = tree(root)

    result = run(cookiecutter_command(root), home)

    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output, output
    replay = home / ".cookiecutter_replay" / f"{REPO_ROOT.name}.json"
    assert f"Error: {replay}: No space left on device." in result.stderr, output
    assert tree(root) == before


@pytest.mark.e2e
def test_ctrl_c_at_a_prompt_of_plain_cookiecutter_creates_nothing(
    tmp_path: Path, home: Path
) -> None:
    root = tmp_path / "case-studies"
    shutil.copytree(EXAMPLE_DIR, root)
    before = tree(root)
    child = pexpect.spawn(sys.executable, ["-m", "cookiecutter", str(REPO_ROOT), "-o", str(root)],
                          env={**os.environ, "HOME": str(home)}, encoding="utf-8", timeout=60)
    child.expect("System name")
    child.sendline("Fraud Feature Store")
    child.expect("Focus area")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()

    assert "Traceback" not in child.before
    assert "Aborted!" in child.before  # cookiecutter's own word and exit status
    assert child.exitstatus == 1
    assert tree(root) == before
