"""`casestudy init DIR`: a new directory with its whole contribution path, never overwriting."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from casestudy.cli import run
from casestudy.index.edit import new_index_readme
from casestudy.index.table import find_index_table

WRITTEN = [
    ".casestudy-denylist",
    ".github/pull_request_template.md",
    ".pre-commit-config.yaml",
    "CONTRIBUTING.md",
    "README.md",
]


def _files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize(
    ("made", "target"),
    [
        pytest.param(None, "case-studies", id="missing-directory"),
        pytest.param("case-studies", "case-studies", id="empty-directory"),
        pytest.param(None, "docs/new/case-studies", id="missing-parents"),
    ],
)
def test_init_writes_the_whole_kit(tmp_path: Path, made: str | None, target: str) -> None:
    if made is not None:
        (tmp_path / made).mkdir()

    assert run(["init", str(tmp_path / target)]) == 0

    assert sorted(_files(tmp_path / target)) == WRITTEN


def test_the_index_readme_has_an_empty_table_that_index_finds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["init", str(tmp_path)]) == 0

    readme = (tmp_path / "README.md").read_text()
    assert readme == new_index_readme()
    table = find_index_table(readme)
    assert table is not None and table.rows == []
    assert "## Case Study Format" in readme
    assert run(["index", "--check", str(tmp_path)]) == 0
    capsys.readouterr()


def test_the_texts_walk_an_author_through_the_contribution(tmp_path: Path) -> None:
    assert run(["init", str(tmp_path)]) == 0

    guide = (tmp_path / "CONTRIBUTING.md").read_text()
    steps = ["## 1. Start", "## 2. Fill in", "## 3. Check", "## 4. Pull request"]
    assert [guide.index(step) for step in steps] == sorted(guide.index(step) for step in steps)
    for command in ("casestudy new", "cookiecutter", "casestudy check", "casestudy index"):
        assert command in guide
    checklist = (tmp_path / ".github" / "pull_request_template.md").read_text()
    assert checklist.count("- [ ] ") >= 5
    assert "casestudy check" in checklist
    denylist = (tmp_path / ".casestudy-denylist").read_text().splitlines()
    assert all(line.startswith("#") for line in denylist)  # comments only: no term yet


def test_the_pre_commit_config_runs_the_checker_and_the_index_check(tmp_path: Path) -> None:
    assert run(["init", str(tmp_path)]) == 0

    config = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text())
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks["casestudy-check"]["entry"] == "casestudy check"
    assert hooks["casestudy-index"]["entry"] == "casestudy index --check"
    assert all(hook["args"] == ["."] and not hook["pass_filenames"] for hook in hooks.values())


def test_in_a_subfolder_of_a_repository_the_hooks_name_that_subfolder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".git").mkdir()
    root = tmp_path / "docs" / "case studies"

    assert run(["init", str(root)]) == 0

    config = yaml.safe_load((root / ".pre-commit-config.yaml").read_text())
    hook = config["repos"][0]["hooks"][0]
    assert hook["args"] == ["docs/case studies"]
    assert hook["files"] == r"^docs/case\ studies/"
    assert "pre-commit install -c docs/case studies/.pre-commit-config.yaml" in (
        capsys.readouterr().out
    )


def test_init_into_a_non_empty_directory_keeps_what_is_there(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("my notes\n")
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "ci.yml").write_text("on: push\n")

    assert run(["init", str(tmp_path)]) == 0

    files = _files(tmp_path)
    assert sorted(files) == sorted([*WRITTEN, "notes.md", ".github/workflows/ci.yml"])
    assert files["notes.md"] == b"my notes\n"
    assert files[".github/workflows/ci.yml"] == b"on: push\n"


@pytest.mark.parametrize(
    ("existing", "named"),
    [
        pytest.param({"README.md": "mine\n"}, ["README.md"], id="readme"),
        pytest.param(
            {"CONTRIBUTING.md": "mine\n", ".casestudy-denylist": "Acme\n"},
            ["CONTRIBUTING.md", ".casestudy-denylist"],
            id="two-files",
        ),
        pytest.param({".github": "a file where a folder must go\n"}, [".github"], id="github-file"),
        pytest.param(
            {".github/pull_request_template.md": "mine\n"},
            [".github/pull_request_template.md"],
            id="pr-template",
        ),
    ],
)
def test_init_refuses_to_overwrite_and_writes_nothing(
    tmp_path: Path,
    existing: dict[str, str],
    named: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    for relative, text in existing.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text)
    before = _files(tmp_path)

    assert run(["init", str(tmp_path)]) == 1

    assert _files(tmp_path) == before
    assert sorted(path.name for path in tmp_path.rglob("*")) == sorted(
        Path(relative).name for relative in _all_paths(existing)
    )
    err = capsys.readouterr().err
    assert "Nothing was written" in err and "Traceback" not in err
    for relative in named:
        assert str(tmp_path / relative) in err


def _all_paths(existing: dict[str, str]) -> set[str]:
    paths: set[str] = set()
    for relative in existing:
        path = Path(relative)
        paths.update(str(part) for part in [path, *path.parents] if str(part) != ".")
    return paths


def test_init_on_a_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "file.md"
    target.write_text("x\n")
    assert run(["init", str(target)]) == 1
    assert "is not a directory" in capsys.readouterr().err


@pytest.mark.e2e
def test_the_real_command_in_a_subprocess(tmp_path: Path) -> None:
    root = tmp_path / "new"
    first = subprocess.run(
        [sys.executable, "-m", "casestudy", "init", str(root)], capture_output=True, text=True
    )
    second = subprocess.run(
        [sys.executable, "-m", "casestudy", "init", str(root)], capture_output=True, text=True
    )
    assert first.returncode == 0, first.stderr
    assert second.returncode == 1
    assert "Nothing was written" in second.stderr
    assert sorted(_files(root)) == WRITTEN
