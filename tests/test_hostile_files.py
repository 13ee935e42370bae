"""Special files in a case-study directory, as a pull request could bring them: a FIFO, a
socket, a symlink loop, links to /dev/zero or out of the directory, an oversized document.
None is read, none hangs a command or prints a traceback: each is a finding of `casestudy
check`, or a clean error of the command that needed it.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import EXAMPLE_DIR

from casestudy.cli import run
from casestudy.directory.fileio import MAX_READ_BYTES, NotReadable, read_bytes_bounded

EVIL = "03_evil"


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()  # the socket file stays


def _loop(path: Path) -> None:
    path.symlink_to(path.name)


def _dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _outside(path: Path) -> None:
    root = next(parent for parent in path.parents if parent.name == "case-studies")
    secret = root.parent / "secret.md"
    secret.write_text("# Not a case study\n\nPrivate text outside the directory.\n")
    path.symlink_to(secret)


def _huge(path: Path) -> None:
    # Past the case-study limit, and for the index past the limit of any file read whole.
    size = MAX_READ_BYTES + 1 if path.name == "README.md" and path.parent.name == "case-studies" \
        else 5 * 1024 * 1024
    with path.open("wb") as handle:
        handle.truncate(size)  # sparse: costs no disk


MAKERS: dict[str, Callable[[Path], None]] = {
    "fifo": _fifo, "socket": _socket, "symlink-loop": _loop, "dev-zero": _dev_zero,
    "link-outside": _outside, "oversized": _huge,
}

# Where the special file stands: as a flat case study, as a folder case study's README.
PLACES = {"flat": f"{EVIL}.md", "folder": f"{EVIL}/README.md"}

COMMANDS = {
    "check": ["check"],
    "index-check": ["index", "--check"],
    "catalog": ["catalog", "--format", "json"],
    "renumber-dry-run": ["renumber", "--dry-run"],
}


@dataclass
class Outcome:
    returncode: int
    stdout: str
    stderr: str


def casestudy(capsys: pytest.CaptureFixture[str], *args: str) -> Outcome:
    """Run a command line in this process, with a hang turned into a failure; an exception
    escaping `run` (what a user would see as a traceback) fails the test by itself."""

    def hung(signum: int, frame: object) -> None:
        raise AssertionError(f"casestudy {' '.join(args)} hung")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)
    try:
        code = run(list(args))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    captured = capsys.readouterr()
    return Outcome(code, captured.out, captured.err)


@pytest.fixture
def hostile(tmp_path: Path) -> Callable[[str, str], Path]:
    def build(kind: str, place: str) -> Path:
        root = tmp_path / "case-studies"
        shutil.copytree(EXAMPLE_DIR, root)
        target = root / PLACES.get(place, place)
        target.parent.mkdir(exist_ok=True)
        MAKERS[kind](target)
        return root

    return build


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("kind", MAKERS)
def test_a_special_case_study_file_is_never_read_and_never_hangs(
    hostile: Callable[[str, str], Path], kind: str, place: str, command: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = hostile(kind, place)
    result = casestudy(capsys, *COMMANDS[command], str(root))
    assert result.returncode in (0, 1), result.stdout + result.stderr
    assert "Private text" not in result.stdout + result.stderr
    if command == "check":  # a finding (a warning on an older flat case study)
        assert f"{EVIL}" in result.stdout and "CS001" in result.stdout, result.stdout


@pytest.mark.parametrize("kind", ["fifo", "socket", "symlink-loop", "dev-zero", "oversized"])
@pytest.mark.parametrize(
    "command", [*COMMANDS, "new"], ids=[*COMMANDS, "new"]
)
def test_a_special_index_readme_is_a_clean_error(
    kind: str, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "case-studies"
    shutil.copytree(EXAMPLE_DIR, root)
    (root / "README.md").unlink()
    MAKERS[kind](root / "README.md")
    before = sorted(path.name for path in root.iterdir())
    if command == "new":
        args = ["new", "--no-input", "-o", str(root), "--name", "Fraud Feature Store",
                "--focus-area", "Feature stores", "--metric", "2.1B vectors"]
    else:
        args = [*COMMANDS[command], str(root)]
    result = casestudy(capsys, *args)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "README.md" in result.stdout + result.stderr
    assert sorted(path.name for path in root.iterdir()) == before  # nothing created


def test_new_numbers_past_a_special_file_and_does_not_read_it(
    hostile: Callable[[str, str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = hostile("fifo", "flat")
    result = casestudy(capsys, "new", "--no-input", "-o", str(root), "--name",
                       "Fraud Feature Store", "--focus-area", "Feature stores",
                       "--metric", "2.1B vectors")
    assert result.returncode == 0, result.stderr
    assert (root / "04_fraud_feature_store" / "README.md").is_file()


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux's /proc")
def test_a_file_longer_than_its_reported_size_is_read_whole_up_to_the_limit() -> None:
    # A /proc file is a regular file whose size reads as 0, the way a file that grows between
    # the size check and the read looks: the read goes on past that size, to the limit.
    status = read_bytes_bounded("/proc/self/status")
    assert status.startswith(b"Name:") and status.endswith(b"\n")
    with pytest.raises(NotReadable, match="grew past the 10 bytes"):
        read_bytes_bounded("/proc/self/status", limit=10)
