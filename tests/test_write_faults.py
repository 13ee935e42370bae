"""Writing under adverse conditions: a full disk, a symlinked or hard-linked index README,
read-only files and folders, a README with its own mode and owner. Each edit is whole or not
made at all, with one clear message naming the file."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import DATA, EXAMPLE_DIR, tree

from casestudy.cli import run

NEW = ["--name", "Fraud Feature Store", "--focus-area", "Feature stores",
       "--metric", "2.1B vectors"]



@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 512 KB tmpfs (needs the right to mount, as root in a container has)."""
    mount = tmp_path / "small-disk"
    mount.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount)],
                             capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (it takes root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path) -> None:
    """Use up every byte left, as a disk that filled up meanwhile."""
    descriptor = os.open(disk / ".filler", os.O_WRONLY | os.O_CREAT, 0o444)
    try:
        while True:
            os.write(descriptor, b"\0" * 4096)
    except OSError as error:
        assert error.errno == errno.ENOSPC
    finally:
        os.close(descriptor)


COMMANDS = {
    "new": (EXAMPLE_DIR, lambda root: ["new", "--no-input", "-o", str(root), *NEW]),
    "index-write": (DATA / "kit" / "index" / "drifted" / "before",
                    lambda root: ["index", "--write", str(root)]),
    "renumber": (DATA / "kit" / "renumber" / "merged_collision" / "before",
                 lambda root: ["renumber", str(root)]),
}


@pytest.mark.parametrize("command", COMMANDS)
def test_a_full_disk_is_a_clean_error_naming_the_file_and_nothing_changes(
    small_disk: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    start, arguments = COMMANDS[command]
    root = small_disk / "case-studies"
    shutil.copytree(start, root)
    fill(small_disk)
    before = tree(root)

    assert run(arguments(root)) == 1

    error = capsys.readouterr().err
    assert "No space left on device" in error and str(root) in error, error
    assert "Traceback" not in error
    assert tree(root) == before


@pytest.fixture
def directory(tmp_path: Path) -> Path:
    root = tmp_path / "case-studies"
    shutil.copytree(EXAMPLE_DIR, root)
    return root


def test_a_symlinked_index_stays_a_symlink_and_its_target_gets_the_row(directory: Path) -> None:
    (directory / "docs").mkdir()
    (directory / "README.md").rename(directory / "docs" / "index.md")
    (directory / "README.md").symlink_to(Path("docs") / "index.md")

    assert run(["new", "--no-input", "-o", str(directory), *NEW]) == 0

    assert (directory / "README.md").is_symlink()
    assert "03_fraud_feature_store/README.md" in (directory / "docs" / "index.md").read_text()


def test_a_hard_linked_index_is_refused_before_anything_is_created(
    directory: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.link(directory / "README.md", directory.parent / "index-copy.md")
    before = tree(directory)

    assert run(["new", "--no-input", "-o", str(directory), *NEW]) == 1

    assert "hard links" in capsys.readouterr().err
    assert tree(directory) == before
    assert (directory / "README.md").stat().st_nlink == 2


@pytest.mark.parametrize("read_only", ["index", "directory"])
@pytest.mark.parametrize("command", ["new", "index-write", "renumber"])
def test_read_only_is_refused_before_anything_is_changed(
    tmp_path: Path, read_only: str, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    start, arguments = COMMANDS[command]
    root = tmp_path / "case-studies"
    shutil.copytree(start, root)
    locked = root / "README.md" if read_only == "index" else root
    locked.chmod(0o444 if read_only == "index" else 0o555)
    before = tree(root)
    try:
        assert run(arguments(root)) == 1
    finally:
        locked.chmod(0o755)
    assert "read-only" in capsys.readouterr().err
    assert tree(root) == before


def test_an_edit_keeps_the_readme_mode_and_owner(directory: Path) -> None:
    readme = directory / "README.md"
    readme.chmod(0o640)
    if os.geteuid() == 0:
        os.chown(readme, 4321, 4321)
    before = readme.stat()

    assert run(["new", "--no-input", "-o", str(directory), *NEW]) == 0

    after = readme.stat()
    assert after.st_mode == before.st_mode
    assert (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)
    assert "03_fraud_feature_store" in readme.read_text()
