"""A reader that goes away (`casestudy catalog | head -1`) ends the command quietly: exit 0,
no traceback, no "Exception ignored" at exit."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, EXAMPLE_DIR

COMMANDS = {
    "catalog-json": (EXAMPLE_DIR, ["catalog", "--format", "json"]),
    "catalog-csv": (EXAMPLE_DIR, ["catalog", "--format", "csv"]),
    "check": (EXAMPLE_DIR, ["check", "--format", "plain"]),
    "renumber-dry-run": (DATA / "kit" / "renumber" / "merged_collision" / "before",
                         ["renumber", "--dry-run"]),
    "index-check": (DATA / "kit" / "index" / "drifted" / "before", ["index", "--check"]),
}


@pytest.mark.parametrize("command", COMMANDS)
def test_a_closed_pipe_ends_the_command_quietly(command: str, tmp_path: Path) -> None:
    start, arguments = COMMANDS[command]
    root = tmp_path / "case-studies"
    shutil.copytree(start, root)
    process = subprocess.Popen(
        [sys.executable, "-m", "casestudy", *arguments, str(root)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before the first line is written
    error = process.stderr.read().decode()
    status = process.wait(timeout=60)
    assert "Traceback" not in error and "Exception ignored" not in error, error
    assert status == 0, error
