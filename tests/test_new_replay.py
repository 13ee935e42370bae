"""Crafted replay files (tests/data/hostile/replay/) are clear one-paragraph errors: exit
non-zero, no traceback, nothing created. `casestudy new --replay` reads every shape; the
cookiecutter command itself parses the file before the template runs, so there only the shapes
that reach the template (a list or an object where text belongs) are ours to word."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import DATA, REPO_ROOT, CookiecutterRun, tree

from casestudy.cli import run
from casestudy.format.frontmatter import read_front_matter

REPLAYS = DATA / "hostile" / "replay"

# (file, words the message must hold)
CRAFTED = [
    ("malformed.json", ["malformed.json is not valid JSON", "line 2, column 1",
                        "~/.cookiecutter_replay/"]),
    ("not_an_object.json", ['has no "cookiecutter" object']),
    ("no_cookiecutter_object.json", ['has no "cookiecutter" object']),
    ("missing_metric.json", ["has no answer for metric_1", "--metric"]),
    ("list_for_name.json", ["system_name \"['Fraud', 'Feature Store']\" must be text, not a list"]),
    ("object_for_area.json", ["focus_area \"{'name': 'Feature stores'}\" must be text, "
                              "not an object"]),
    ("absent.json", ["Cannot read the replay file", "No such file or directory"]),
]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    monkeypatch.setenv("HOME", str(path))
    return path


@pytest.mark.parametrize(
    ("name", "words"), [pytest.param(name, words, id=name) for name, words in CRAFTED]
)
def test_casestudy_new_refuses_a_crafted_replay_file(
    name: str, words: list[str], seed_dir: Path, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tree(seed_dir)
    status = run(["new", "--replay", str(REPLAYS / name), "-o", str(seed_dir)])
    error = capsys.readouterr().err
    assert status == 1
    assert error.startswith("Error: ") and error.count("\n") == 1  # one paragraph
    for word in words:
        assert word in error
    assert "Nothing was created" in error
    assert tree(seed_dir) == before
    assert sorted(path.name for path in seed_dir.iterdir()) == ["README.md"]


def test_casestudy_new_takes_only_answers_from_a_replay_file(
    seed_dir: Path, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Settings such as `_extensions` in the file are never read: only the answers are."""
    status = run(["new", "--replay", str(REPLAYS / "settings_smuggled.json"),
                  "--number", "7", "-o", str(seed_dir)])
    assert status == 0, capsys.readouterr().err
    meta = read_front_matter(
        (seed_dir / "07_fraud_feature_store" / "README.md").read_text(encoding="utf-8")
    )
    assert (meta["title"], meta["number"]) == ("Fraud Feature Store", 7)


@pytest.mark.e2e
@pytest.mark.parametrize("name", ["list_for_name.json", "object_for_area.json"])
def test_cookiecutter_replay_of_the_wrong_kind_is_a_clean_error(
    name: str, run_cookiecutter: CookiecutterRun, seed_dir: Path, tmp_path: Path
) -> None:
    replay = tmp_path / name
    shutil.copyfile(REPLAYS / name, replay)
    before = tree(seed_dir)
    result = run_cookiecutter(str(REPO_ROOT), "--replay-file", str(replay), "-o", str(seed_dir))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert "must be text, not" in output
    assert tree(seed_dir) == before
