"""`casestudy check --jobs`: the documents checked in several processes give the very output
of a check in one, and Ctrl-C stops every process cleanly."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_check_rules import CASES, DATA, GOLDEN, materialise

from casestudy.check import parallel
from casestudy.cli import run

EXAMPLES = DATA.parents[2] / "examples" / "case-studies"


def _check(directory: Path, monkeypatch: pytest.MonkeyPatch, *options: str) -> str:
    monkeypatch.chdir(directory)
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        code = run(["check", *options])
    return f"exit {code}\n{stdout.getvalue()}"


@pytest.mark.skipif(not parallel.CAN_FORK, reason="checks in one process where it cannot fork")
@pytest.mark.parametrize("jobs", ["2", "3"])
@pytest.mark.parametrize("output_format", ["plain", "json", "github"])
@pytest.mark.parametrize(
    "source", [DATA / "legacy" / "directory", EXAMPLES], ids=["legacy", "examples"]
)
def test_a_directory_checked_in_workers_gives_the_pinned_output(
    source: Path, output_format: str, jobs: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = tmp_path / "case-studies"
    shutil.copytree(source, directory)
    name = "legacy" if "legacy" in source.parts else "examples"
    expected = (GOLDEN / f"{name}.{output_format}").read_text(encoding="utf-8")
    assert _check(directory, monkeypatch, "--format", output_format, "--jobs", jobs) == expected


@pytest.mark.skipif(not parallel.CAN_FORK, reason="checks in one process where it cannot fork")
@pytest.mark.parametrize("case", CASES)
def test_every_rule_fixture_checked_in_workers_gives_the_pinned_output(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = materialise(case, tmp_path / "case-studies")
    expected = (GOLDEN / f"{case}.json").read_text(encoding="utf-8")
    assert _check(directory, monkeypatch, "--format", "json", "--jobs", "2") == expected


def _large_directory(root: Path, count: int) -> Path:
    """`count` flat case studies (copies of the legacy fixtures, each its own number), and
    an index listing the first few: enough for a check to go to its workers by default."""
    sources = sorted((DATA / "legacy" / "directory").glob("0*.md"))
    root.mkdir()
    shutil.copy(DATA / "legacy" / "directory" / "README.md", root / "README.md")
    for number in range(1, count + 1):
        source = sources[number % len(sources)]
        slug = source.stem.split("_", 1)[1]
        shutil.copy(source, root / f"{number:04d}_{slug}_{number}.md")
    return root


@pytest.mark.skipif(not parallel.CAN_FORK, reason="checks in one process where it cannot fork")
def test_a_large_directory_goes_to_workers_by_default_with_the_same_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = _large_directory(tmp_path / "large", parallel.AUTO_MINIMUM + 40)
    assert parallel.workers_for(None, parallel.AUTO_MINIMUM + 40) == parallel.usable_cores()
    one_process = _check(directory, monkeypatch, "--format", "json", "--jobs", "1")
    assert _check(directory, monkeypatch, "--format", "json") == one_process
    assert one_process.count('"code": "CS302"') >= parallel.AUTO_MINIMUM  # rows missing


@pytest.mark.parametrize(
    ("jobs", "documents", "workers"),
    [
        (1, 10_000, 1),  # asked for one process
        (4, 10_000, 4),
        (8, 3, 1),  # never more workers than pairs of documents
        (None, parallel.AUTO_MINIMUM - 1, 1),  # too few to pay for starting workers
    ],
    ids=["one", "four", "capped-by-documents", "auto-small"],
)
def test_how_many_workers(jobs: int | None, documents: int, workers: int) -> None:
    assert parallel.workers_for(jobs, documents) == (workers if parallel.CAN_FORK else 1)


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split()
        found += [int(child) for child in children]
    return found


def _start_check(directory: Path) -> tuple[subprocess.Popen[str], list[int]]:
    """The real command in a session of its own (so that its process group can be signalled
    as a terminal does), once both its workers stand."""
    process = subprocess.Popen(
        [sys.executable, "-m", "casestudy", "check", "--jobs", "2", "--format", "plain",
         str(directory)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while len(_children(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    workers = _children(process.pid)
    assert len(workers) >= 2, "the check did not start its workers"
    return process, workers


@pytest.mark.skipif(
    not parallel.CAN_FORK or not Path("/proc/self/task").exists(), reason="needs Linux"
)
def test_ctrl_c_stops_the_check_and_its_workers_without_a_traceback(tmp_path: Path) -> None:
    directory = _large_directory(tmp_path / "large", 4000)
    process, _ = _start_check(directory)
    started = time.monotonic()
    process.communicate(timeout=60)
    duration = time.monotonic() - started  # of the workers' part, uninterrupted
    # Ctrl-C in a terminal signals the whole foreground process group, workers included:
    # as the workers start, and a third of the way through their work.
    for moment in (0.0, duration / 3):
        process, workers = _start_check(directory)
        time.sleep(moment)
        os.killpg(process.pid, signal.SIGINT)
        _, err = process.communicate(timeout=60)
        assert process.returncode == 130, f"at {moment:.2f} s of {duration:.2f} s: {err}"
        assert "Traceback" not in err
        for worker in workers:
            assert not Path(f"/proc/{worker}").exists() or _is_zombie_free(worker)


def _is_zombie_free(pid: int) -> bool:
    """A pid seen again may have been reused by another process by now: not our worker."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "casestudy" not in Path(f"/proc/{pid}/cmdline").read_text() and "Z" not in status


@pytest.mark.skipif(
    not parallel.CAN_FORK or not Path("/proc/self/task").exists(), reason="needs Linux"
)
def test_a_worker_killed_midway_is_a_clean_error(tmp_path: Path) -> None:
    directory = _large_directory(tmp_path / "large", 4000)
    process = subprocess.Popen(
        [sys.executable, "-m", "casestudy", "check", "--jobs", "2", str(directory)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 30
    while not _children(process.pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(_children(process.pid)[0], signal.SIGKILL)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 1, err  # not ready to contribute: the check is incomplete
    assert "Traceback" not in err
    assert "worker process of the check stopped unexpectedly" in err
    assert "--jobs 1" in err
