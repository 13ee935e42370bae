"""Shared fixtures: the repository, the seed directory and real cookiecutter runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

# CI replays the same generated examples every run (a failure there is reproducible, not a
# lucky draw); local runs keep exploring new ones.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO_ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_DIR = REPO_ROOT / "examples" / "case-studies"
DATA = Path(__file__).resolve().parent / "data"
# A README in the shape of a real directory's (flat case studies, no final newline).
SEED_README = DATA / "seed" / "README.md"


def pytest_configure(config: pytest.Config) -> None:
    # pytest-cookies bakes the template named by --template; make it this repository
    # whatever directory pytest was started from.
    config.option.template = str(REPO_ROOT)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A private HOME so cookiecutter's replay files and config never touch the real one."""
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def seed_dir(tmp_path: Path) -> Path:
    """A case-study directory holding only a seed-shaped README, as users keep it."""
    path = tmp_path / "case-studies"
    path.mkdir()
    shutil.copyfile(SEED_README, path / "README.md")
    return path


@pytest.fixture
def directory(tmp_path: Path) -> Path:
    """A case-study directory whose index lists case studies in several focus areas."""
    root = tmp_path / "case-studies"
    root.mkdir()
    shutil.copyfile(DATA / "new" / "index_README.md", root / "README.md")
    return root


@pytest.fixture
def example_dir(tmp_path: Path) -> Path:
    """A copy of the repository's example case-study directory."""
    path = tmp_path / "examples"
    shutil.copytree(EXAMPLE_DIR, path)
    return path


def tree(root: Path, *, skip: frozenset[str] = frozenset()) -> dict[str, bytes | None]:
    """Every file under `root` with its bytes and every folder (None), hidden ones included,
    by relative path, leaving out what lies in a folder named in `skip` (".git"): "nothing
    changed" means equal trees, and a stray empty folder is a change too."""
    found: dict[str, bytes | None] = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if skip.isdisjoint(relative.parts):
            found[relative.as_posix()] = None if path.is_dir() else path.read_bytes()
    return found


CookiecutterRun = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_cookiecutter(home: Path) -> CookiecutterRun:
    """Run the real `cookiecutter` command in a subprocess with the given arguments."""

    def run(
        *args: str, cwd: Path | None = None, timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "HOME": str(home)}
        return subprocess.run(
            [sys.executable, "-m", "cookiecutter", *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )

    return run


def run_check(*args: str) -> str:
    """`casestudy check ARGS` run in this process: its whole output, then its exit status."""
    import contextlib
    import io

    from casestudy.cli import run

    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        code = run(["check", *args])
    return f"{stdout.getvalue()}exit {code}\n"
