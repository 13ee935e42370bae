"""Case-study directories in the shapes people really keep them, each written here (fictional,
and saying so) under `tests/data/check/shapes/<shape>/directory/`, beside the exact output of
`casestudy check --format plain --verbose` run in it (`expected.txt`; `cwd.txt` names a
folder below it to run in):

- thematic_break: older flat case studies that open with `---` and then prose or a heading
- index_md: an `index.md` index, `NN-slug.md` and `NN_slug/index.md`, files that are none
- list_index: an older index kept as a numbered list of links (and `index --write` on it)
- configured: a `.casestudy.toml` with each kind of setting
- pyproject: `[tool.casestudy]` in a pyproject.toml two folders up
- suppression: `casestudy-disable` and `casestudy-disable-next-line` comments
"""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from casestudy.cli import run

SHAPES = Path(__file__).parent / "data" / "check" / "shapes"
NAMES = sorted(path.name for path in SHAPES.iterdir() if path.is_dir())


def _run(*argv: str) -> str:
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(io.StringIO()):
        code = run(list(argv))
    return f"exit {code}\n{stdout.getvalue()}"


def _materialise(shape: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / shape
    shutil.copytree(SHAPES / shape / "directory", root)
    cwd = SHAPES / shape / "cwd.txt"
    here = root / cwd.read_text(encoding="utf-8").strip() if cwd.exists() else root
    monkeypatch.chdir(here)
    return here


@pytest.mark.parametrize("shape", NAMES)
def test_check_output_is_pinned(
    shape: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _materialise(shape, tmp_path, monkeypatch)
    expected = (SHAPES / shape / "expected.txt").read_text(encoding="utf-8")
    assert _run("check", "--format", "plain", "--verbose") == expected


def test_without_verbose_no_file_is_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _materialise("index_md", tmp_path, monkeypatch)
    assert "not taken" not in _run("check", "--format", "plain")


def test_a_list_index_becomes_the_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _materialise("list_index", tmp_path, monkeypatch)
    assert _run("index", "--check").startswith("exit 1\n")
    assert _run("index", "--write") == (
        "exit 0\nREADME.md: turned the numbered list of links into the index table.\n"
    )
    after = SHAPES / "list_index" / "README.after.md"
    assert (root / "README.md").read_bytes() == after.read_bytes()
    assert _run("index", "--check") == "exit 0\nREADME.md: the index rows match the case studies.\n"
    expected = (SHAPES / "list_index" / "expected-after-write.txt").read_text(encoding="utf-8")
    assert _run("check", "--format", "plain", "--verbose") == expected


def test_the_fixtures_say_they_are_fictional() -> None:
    for path in [*SHAPES.rglob("*.md"), *SHAPES.rglob("*.toml")]:
        assert "fictional" in path.read_text(encoding="utf-8").lower(), path


def test_json_lists_what_was_not_taken_only_when_verbose(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    _materialise("index_md", tmp_path, monkeypatch)
    verbose = json.loads(_run("check", "--format", "json", "--verbose").split("\n", 1)[1])
    assert verbose["not_taken"] == ["3_misnumbered.md", "CONTRIBUTING.md", "drafts/"]
    quiet = json.loads(_run("check", "--format", "json").split("\n", 1)[1])
    assert "not_taken" not in quiet


def test_one_case_study_in_a_folder_with_index_md(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _materialise("index_md", tmp_path, monkeypatch)
    for path in ("02_feature_store/index.md", "02_feature_store"):
        assert _run("check", "--format", "plain", path) == (
            "exit 0\n02_feature_store/index.md: 9/9 sections filled, published, "
            "0 errors, 0 warnings\n0 errors, 0 warnings in 1 case study\n"
        )
