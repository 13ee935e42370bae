"""Fault injection: every command that changes a directory, killed with SIGKILL just before
each change it makes (or at a seeded sample of them), then run again, leaves the directory
exactly as one uninterrupted run does: nothing lost, nothing doubled, no debris.

The kill comes from tests/data/faults/sitecustomize.py, loaded by every Python process of
the command (the CLI and cookiecutter's hook scripts alike); it counts the changes made
under the directory and kills the whole process group at the chosen one.

A command joins the suite as one more `Scenario` in SCENARIOS: the directory it starts from,
the command line, and (if the plain snapshot comparison is not the whole story) a check.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import DATA, EXAMPLE_DIR, REPO_ROOT, tree

FAULTS = DATA / "faults"
SEED = 20261129
# Generations make the most changes; a seeded sample of their moments keeps the suite short.
MAX_MOMENTS = 8


@dataclass(frozen=True)
class Scenario:
    name: str
    start: Path  # the directory the command starts from (copied)
    command: Callable[[Path], list[str]]  # the command line, given the directory
    check: Callable[[Path], None] = field(default=lambda root: None)
    # Whether Ctrl-C is this project's to handle (plain cookiecutter's is cookiecutter's).
    ours_on_ctrl_c: bool = True


def _casestudy(*args: str) -> list[str]:
    return [sys.executable, "-m", "casestudy", *args]


def _new(root: Path) -> list[str]:
    return _casestudy("new", "--no-input", "-o", str(root), "--name", "Fraud Feature Store",
                      "--focus-area", "Feature stores", "--metric", "2.1B vectors",
                      "--metric", "87ms p99 latency")


def _cookiecutter(root: Path) -> list[str]:
    return [sys.executable, "-m", "cookiecutter", "--no-input", str(REPO_ROOT), "-o", str(root),
            "system_name=Fraud Feature Store", "focus_area=Feature stores",
            "metric_1=2.1B vectors", "metric_2=87ms p99 latency"]


def _index_in_step(root: Path) -> None:
    result = subprocess.run(_casestudy("index", "--check", str(root)), capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


SCENARIOS = [
    Scenario("casestudy-new", EXAMPLE_DIR, _new, _index_in_step),
    Scenario("cookiecutter", EXAMPLE_DIR, _cookiecutter, _index_in_step, ours_on_ctrl_c=False),
    Scenario("index-write", DATA / "kit" / "index" / "drifted" / "before",
             lambda root: _casestudy("index", "--write", str(root)), _index_in_step),
    Scenario("renumber", DATA / "kit" / "renumber" / "merged_collision" / "before",
             lambda root: _casestudy("renumber", str(root)), _index_in_step),
    # The fictional seed-shaped directory of tests/data/adopt, its index a numbered list:
    # front matter, the list turned into the table, every file moved into a folder.
    Scenario("adopt", DATA / "adopt" / "directory",
             lambda root: _casestudy("adopt", "--layout", "folder", str(root)), _index_in_step),
]



def run_command(
    scenario: Scenario, root: Path, home: Path, *, fault_at: int | None = None,
    fault: str = "KILL",
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(home)}
    if fault_at is not None:
        env.update(
            PYTHONPATH=os.pathsep.join(filter(None, [str(FAULTS), env.get("PYTHONPATH")])),
            CASESTUDY_FAULT_AT=str(fault_at),
            CASESTUDY_FAULT_COUNTER=str(home / "fault-counter"),
            CASESTUDY_FAULT_DIR=str(root),
            CASESTUDY_FAULT_SIGNAL=fault,
        )
        (home / "fault-counter").unlink(missing_ok=True)
    # A session of its own: the kill takes the command's process group, not pytest.
    return subprocess.run(scenario.command(root), env=env, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, start_new_session=True, timeout=120,
                          check=False)


def changes_made(scenario: Scenario, tmp_path: Path, home: Path) -> int:
    root = tmp_path / "counted"
    shutil.copytree(scenario.start, root)
    result = run_command(scenario, root, home, fault_at=-1)
    assert result.returncode == 0, result.stderr
    return int((home / "fault-counter").read_text())


def moments(total: int, name: str) -> list[int]:
    every = list(range(total))
    if total <= MAX_MOMENTS:
        return every
    return sorted(random.Random(f"{SEED}:{name}").sample(every, MAX_MOMENTS))


@pytest.mark.e2e
@pytest.mark.parametrize("scenario", SCENARIOS, ids=[scenario.name for scenario in SCENARIOS])
def test_a_command_killed_at_any_moment_converges_when_run_again(
    scenario: Scenario, tmp_path: Path, home: Path
) -> None:
    reference = tmp_path / "reference"
    shutil.copytree(scenario.start, reference)
    result = run_command(scenario, reference, home)
    assert result.returncode == 0, result.stderr
    scenario.check(reference)
    wanted = tree(reference)

    total = changes_made(scenario, tmp_path, home)
    assert total > 0
    for moment in moments(total, scenario.name):
        root = tmp_path / f"killed-{moment}"
        shutil.copytree(scenario.start, root)
        killed = run_command(scenario, root, home, fault_at=moment)
        assert killed.returncode == -signal.SIGKILL, (moment, killed.stderr)
        done_already = tree(root) == wanted
        again = run_command(scenario, root, home)
        assert again.returncode == 0 or done_already, (moment, again.stdout + again.stderr)
        assert "Traceback" not in again.stderr, (moment, again.stderr)
        assert tree(root) == wanted, f"killed before change {moment} of {total}"
        scenario.check(root)


CTRL_C_SCENARIOS = [scenario for scenario in SCENARIOS if scenario.ours_on_ctrl_c]


@pytest.mark.e2e
@pytest.mark.parametrize(
    "scenario", CTRL_C_SCENARIOS, ids=[scenario.name for scenario in CTRL_C_SCENARIOS]
)
def test_ctrl_c_at_any_moment_exits_130_quietly_with_nothing_half_done(
    scenario: Scenario, tmp_path: Path, home: Path
) -> None:
    for moment, result, state in _interrupted_runs(scenario, tmp_path, home):
        assert result.returncode == 130, (moment, result.stdout + result.stderr)
        assert "Traceback" not in result.stderr, (moment, result.stderr)
        assert "cancelled" in result.stderr
        assert state in ("untouched", "done"), f"half done after Ctrl-C before change {moment}"


def _interrupted_runs(
    scenario: Scenario, tmp_path: Path, home: Path
) -> Iterator[tuple[int, subprocess.CompletedProcess[str], str]]:
    """The scenario run with Ctrl-C pressed before each of a few of its changes: each
    moment, the run's result, and the directory it left, as "untouched", "done" or
    "half done"."""
    reference = tmp_path / "reference"
    shutil.copytree(scenario.start, reference)
    assert run_command(scenario, reference, home).returncode == 0
    done, untouched = tree(reference), tree(scenario.start)

    total = changes_made(scenario, tmp_path, home)
    for moment in moments(total, f"ctrl-c:{scenario.name}"):
        root = tmp_path / f"interrupted-{moment}"
        shutil.copytree(scenario.start, root)
        result = run_command(scenario, root, home, fault_at=moment, fault="INT")
        left = tree(root)
        state = "untouched" if left == untouched else "done" if left == done else "half done"
        yield moment, result, state


PLAIN_COOKIECUTTER = [
    Scenario("cookiecutter", EXAMPLE_DIR, _cookiecutter),
    Scenario("cookiecutter-flat", EXAMPLE_DIR, lambda root: [*_cookiecutter(root), "layout=flat"]),
]


@pytest.mark.e2e
@pytest.mark.parametrize(
    "scenario", PLAIN_COOKIECUTTER, ids=[scenario.name for scenario in PLAIN_COOKIECUTTER]
)
def test_ctrl_c_during_plain_cookiecutter_leaves_nothing_half_done(
    scenario: Scenario, tmp_path: Path, home: Path
) -> None:
    """Cookiecutter's command turns Ctrl-C into its own "Aborted!" (exit 1); the template's
    extension takes back, as the command exits, what a generation left without a row."""
    for moment, result, state in _interrupted_runs(scenario, tmp_path, home):
        assert result.returncode in (0, 1), (moment, result.stdout + result.stderr)
        assert "Traceback" not in result.stderr, (moment, result.stderr)
        assert state in ("untouched", "done"), f"half done after Ctrl-C before change {moment}"


@pytest.mark.e2e
def test_ten_casestudy_new_at_once_give_ten_case_studies_numbers_and_rows_in_order(
    tmp_path: Path, home: Path
) -> None:
    root = tmp_path / "case-studies"
    shutil.copytree(EXAMPLE_DIR, root)
    env = {**os.environ, "HOME": str(home)}
    processes = [
        subprocess.Popen(
            _casestudy("new", "--no-input", "-o", str(root), "--name", f"Parallel System {n}",
                       "--focus-area", "Feature stores", "--metric", f"{n}.5B vectors"),
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            stdin=subprocess.DEVNULL,
        )
        for n in range(1, 11)
    ]
    outcomes = [(process.wait(timeout=300), process.stderr.read()) for process in processes]
    for process in processes:
        process.stdout.close()
        process.stderr.close()

    assert [status for status, _ in outcomes] == [0] * 10, outcomes
    folders = sorted(path.name for path in root.glob("*_parallel_system_*"))
    assert sorted(int(name.split("_")[0]) for name in folders) == list(range(3, 13))
    index = (root / "README.md").read_text()
    assert all(f"{folder}/README.md" in index for folder in folders)
    _index_in_step(root)  # one row each, in number order
