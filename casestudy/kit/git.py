"""The little of git the kit asks: is a directory in a work tree, what is uncommitted, when a
file first arrived, and a rename git will follow. Every call goes through the `git` command;
without git (or outside a work tree) the answers say so rather than fail."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

from casestudy.errors import CaseStudyError


def _git(cwd: Path, *args: str, check: bool = False) -> subprocess.CompletedProcess[str] | None:
    try:
        result = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"},
        )
    except OSError:
        return None  # no git installed
    if check and result.returncode != 0:
        raise CaseStudyError(
            f"git {' '.join(args)} failed in {cwd}: {result.stderr.strip() or result.stdout}"
        )
    return result


def work_tree(directory: Path) -> Path | None:
    """The top of the git work tree holding `directory`, or None."""
    result = _git(directory, "rev-parse", "--show-toplevel")
    if result is None or result.returncode != 0:
        return None
    return Path(result.stdout.strip())


def uncommitted(top: Path, paths: Sequence[Path]) -> list[str]:
    """Which of `paths` differ from the last commit (staged, unstaged or untracked)."""
    if not paths:
        return []
    result = _git(
        top, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--",
        *(os.fspath(path) for path in paths), check=True,
    )
    assert result is not None
    entries = [entry for entry in result.stdout.split("\0") if entry]
    # A rename's entry is followed by its old path, which needs no line of its own.
    shown: list[str] = []
    skip = False
    for entry in entries:
        if skip:
            skip = False
            continue
        shown.append(entry[3:])
        skip = entry[0] in "RC"
    return shown


def first_commit_date(top: Path, path: Path) -> str | None:
    """The date (YYYY-MM-DD) of the commit that added `path`, following renames; None when
    the file has never been committed."""
    result = _git(top, "log", "--follow", "--diff-filter=A", "--format=%as", "--", os.fspath(path))
    if result is None or result.returncode != 0:
        return None
    dates = result.stdout.split()
    return dates[-1] if dates else None


def is_tracked(top: Path, path: Path) -> bool:
    result = _git(top, "ls-files", "--error-unmatch", "--", os.fspath(path))
    return result is not None and result.returncode == 0


def move(top: Path, source: Path, target: Path) -> None:
    """`git mv`, so history follows the file."""
    _git(top, "mv", "--", os.fspath(source), os.fspath(target), check=True)
