"""pre-commit, for real, in a temporary git repository holding a case-study directory.

Two ways a case-study repository uses the hooks, both run with the real `pre-commit`:
- the configuration `casestudy init` writes (`repo: local` hooks calling the installed
  `casestudy`, which here is this virtualenv's);
- this repository's `.pre-commit-hooks.yaml`, through `pre-commit try-repo`, which installs the
  package into pre-commit's own environment (pip, from the configured package index).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from casestudy.cli import run

pytestmark = pytest.mark.e2e

PROJECT = Path(__file__).resolve().parents[1]
STUDY = Path(__file__).parent / "data" / "kit" / "index" / "in_step" / "before" / "01_ranker"

if shutil.which("git") is None:  # pragma: no cover - git is part of the test setup
    pytest.skip("git is not installed", allow_module_level=True)


def _environment(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    # The `casestudy` and `pre-commit` of the virtualenv running the tests come first, and
    # pre-commit keeps its environments inside the test's own temporary directory.
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(key, None)
    return env


def _git(repo: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", *args],
        cwd=repo,
        env=env,
        check=True,
        capture_output=True,
    )


def _pre_commit(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A git repository that `casestudy init` set up, holding one case study and its row."""
    env = _environment(tmp_path)
    root = tmp_path / "case-studies"
    assert run(["init", str(root)]) == 0
    shutil.copytree(STUDY, root / STUDY.name)
    assert run(["index", "--write", str(root)]) == 0
    _git(root, env, "init", "-q")
    _git(root, env, "add", "-A")
    _git(root, env, "commit", "-q", "-m", "fictional case studies")
    return root, env


def _drift(root: Path, env: dict[str, str]) -> None:
    study = root / STUDY.name / "README.md"
    study.write_text(study.read_text().replace('title: "Ranker"', 'title: "Ranker v2"'))
    _git(root, env, "add", "-A")


def test_the_hooks_init_writes_run_under_pre_commit(
    repo: tuple[Path, dict[str, str]],
) -> None:
    root, env = repo

    in_step = _pre_commit(root, env, "run", "casestudy-index", "--all-files")
    _drift(root, env)
    drifted = _pre_commit(root, env, "run", "casestudy-index", "--all-files")

    assert in_step.returncode == 0, in_step.stdout + in_step.stderr
    assert "Passed" in in_step.stdout
    assert drifted.returncode == 1
    assert "Failed" in drifted.stdout
    assert "+| **[Ranker v2](01_ranker/README.md)** | 12,500 QPS | Search |" in drifted.stdout


@pytest.mark.parametrize("denylisted", [False, True], ids=["clean", "denylisted-term"])
def test_the_check_hook_reports_what_casestudy_check_reports(
    repo: tuple[Path, dict[str, str]], denylisted: bool
) -> None:
    pytest.importorskip("casestudy.commands.check", reason="`casestudy check` is not there yet")
    root, env = repo
    if denylisted:
        with (root / ".casestudy-denylist").open("a") as denylist:
            denylist.write("Examplecorp\n")
        study = root / STUDY.name / "README.md"
        study.write_text(study.read_text() + "\nBuilt at Examplecorp.\n")
        _git(root, env, "add", "-A")

    hook = _pre_commit(root, env, "run", "casestudy-check", "--all-files", "--verbose")
    direct = subprocess.run(
        ["casestudy", "check", "."], cwd=root, env=env, capture_output=True, text=True
    )

    assert hook.returncode == direct.returncode == (1 if denylisted else 0), direct.stdout
    for line in direct.stdout.splitlines():
        assert line in hook.stdout
    assert ("Examplecorp" in hook.stdout) is denylisted


def test_this_repository_s_hooks_through_try_repo(repo: tuple[Path, dict[str, str]]) -> None:
    root, env = repo

    in_step = _pre_commit(root, env, "try-repo", str(PROJECT), "casestudy-index", "--all-files")
    _drift(root, env)
    drifted = _pre_commit(root, env, "try-repo", str(PROJECT), "casestudy-index", "--all-files")

    assert in_step.returncode == 0, in_step.stdout + in_step.stderr
    assert "index table matches the case studies" in in_step.stdout
    assert drifted.returncode == 1, drifted.stdout + drifted.stderr
    assert "+| **[Ranker v2](01_ranker/README.md)**" in drifted.stdout
