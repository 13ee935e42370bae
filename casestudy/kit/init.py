"""Bootstrapping a case-study directory: its index, contribution guide, pull request template,
denylist and pre-commit configuration, without ever overwriting a file that is already there."""

from __future__ import annotations

import contextlib
import json
import re
import string
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from casestudy.directory.fileio import atomic_write_text, directory_lock
from casestudy.directory.names import INDEX_NAME
from casestudy.errors import CaseStudyError
from casestudy.index.edit import new_index_readme
from casestudy.index.table import find_index_table

DENYLIST_NAME = ".casestudy-denylist"
PRE_COMMIT_CONFIG_NAME = ".pre-commit-config.yaml"
PULL_REQUEST_TEMPLATE = ".github/pull_request_template.md"

# Target path in the new directory -> scaffold file it is written from.
_SCAFFOLD = {
    "CONTRIBUTING.md": "CONTRIBUTING.md",
    PULL_REQUEST_TEMPLATE: "pull_request_template.md",
    DENYLIST_NAME: "casestudy-denylist.txt",
    PRE_COMMIT_CONFIG_NAME: "pre-commit-config.yaml",
}


@dataclass
class InitResult:
    root: Path
    written: list[Path] = field(default_factory=list)
    git_root: Path | None = None  # the repository the directory is in, when it is in one


def _scaffold_text(name: str) -> str:
    return (resources.files("casestudy.kit") / "scaffold" / name).read_text(encoding="utf-8")


def find_git_root(directory: Path) -> Path | None:
    for candidate in [directory, *directory.parents]:
        if (candidate / ".git").exists():
            return candidate
    return None


def _yaml_single_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def pre_commit_config(relative_dir: str) -> str:
    """The configuration for a case-study directory at `relative_dir` from the repository
    root ("." when it is the root)."""
    if relative_dir == ".":
        files = r"\.md$|(^|/)\.casestudy-denylist$"
    else:
        files = "^" + re.escape(relative_dir) + "/"
    return string.Template(_scaffold_text(_SCAFFOLD[PRE_COMMIT_CONFIG_NAME])).substitute(
        directory=json.dumps(relative_dir), files_pattern=_yaml_single_quoted(files)
    )


def planned_files(root: Path) -> dict[str, str]:
    """Relative path -> text of every file `init` writes into `root`."""
    absolute = root.absolute()
    git_root = find_git_root(absolute)
    relative = absolute.relative_to(git_root).as_posix() if git_root else "."
    index = new_index_readme()
    if find_index_table(index) is None:  # the whole point of the README: refuse, loudly
        raise CaseStudyError(
            "The index README template has no index table that `casestudy index` can find; "
            "this is a bug in casestudy, please report it."
        )
    files = {INDEX_NAME: index}
    for target, source in _SCAFFOLD.items():
        files[target] = (
            pre_commit_config(relative) if target == PRE_COMMIT_CONFIG_NAME
            else _scaffold_text(source)
        )
    return files


def _collisions(root: Path, targets: list[str]) -> list[Path]:
    found = []
    for target in targets:
        path = root / target
        # A file where a folder must go (`.github`) collides as much as the file itself.
        blocking = [path, *(parent for parent in path.parents if parent.is_relative_to(root))]
        for candidate in blocking:
            if candidate == root:
                continue
            is_folder_on_the_way = candidate != path
            if candidate.is_symlink() or (
                candidate.exists() and not (is_folder_on_the_way and candidate.is_dir())
            ):
                found.append(candidate)
                break
    return found


def init_directory(root: Path) -> InitResult:
    if root.exists() and not root.is_dir():
        raise CaseStudyError(f"{root} exists and is not a directory. Name a directory to set up.")
    files = planned_files(root)
    result = InitResult(root, git_root=find_git_root(root.absolute()))
    with directory_lock(root):
        collisions = _collisions(root, list(files))
        if collisions:
            listed = ", ".join(str(path) for path in collisions)
            raise CaseStudyError(
                f"Nothing was written, because `casestudy init` never overwrites anything and "
                f"these are already there: {listed}. Move them aside (and merge their content "
                "back by hand afterwards), or choose another directory, and run again."
            )
        created_dirs: list[Path] = []
        try:
            for relative, text in files.items():
                path = root / relative
                for folder in reversed([path.parent, *path.parent.parents]):
                    if not folder.exists():
                        folder.mkdir()
                        created_dirs.append(folder)
                atomic_write_text(path, text, exclusive=True)
                result.written.append(path)
        except BaseException as error:
            # All or nothing: take back what this run wrote, keep everything else.
            for path in result.written:
                path.unlink(missing_ok=True)
            for folder in reversed(created_dirs):
                with contextlib.suppress(OSError):
                    folder.rmdir()
            if isinstance(error, FileExistsError):
                raise CaseStudyError(
                    f"Nothing was written: {error.filename or 'a file'} appeared while "
                    "`casestudy init` was writing. Run again to see what is there."
                ) from None
            raise
        result.written.sort()
    return result
