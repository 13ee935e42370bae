"""What a new user meets around `casestudy new` and plain cookiecutter: slugs YAML would
misread, bad answers reported together, what the status means, how to run the checker, the
exit statuses, and a home directory left as it was."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO_ROOT, CookiecutterRun
from hypothesis import given
from hypothesis import strategies as st

from casestudy.directory.names import SLUG_RE
from casestudy.template.extension import yaml_slug
from casestudy.template.hook import next_steps

FLAGS = ["--name", "Fraud Feature Store", "--focus-area", "Feature stores",
         "--metric", "2.1B vectors"]


def casestudy(*args: str, home: Path, path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(home)}
    if path is not None:
        env["PATH"] = path
    return subprocess.run(
        [sys.executable, "-m", "casestudy", *args], capture_output=True, text=True, env=env,
        stdin=subprocess.DEVNULL, check=False,
    )


# --- slugs YAML reads as something else -----------------------------------------------------

MISREAD_SLUGS = ["7", "true", "null", "on", "0x10", "1_000", "no", "off", "yes", "false",
                 "0o17", "1e3", "007"]


@pytest.mark.e2e
@pytest.mark.parametrize("slug", MISREAD_SLUGS)
def test_a_slug_yaml_would_misread_passes_its_own_check(
    directory: Path, home: Path, slug: str
) -> None:
    created = casestudy("new", "--no-input", "-o", str(directory), *FLAGS, "--slug", slug,
                        home=home)
    assert created.returncode == 0, created.stderr
    folder = directory / f"03_{slug}"
    front = yaml.safe_load((folder / "README.md").read_text(encoding="utf-8").split("---")[1])
    assert front["slug"] == slug
    checked = casestudy("check", str(folder), home=home)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "CS203" not in checked.stdout + checked.stderr
    assert "CS206" not in checked.stdout + checked.stderr


@given(st.from_regex(SLUG_RE, fullmatch=True).filter(lambda slug: len(slug) <= 60))
def test_every_valid_slug_reads_back_as_itself(slug: str) -> None:
    assert yaml.safe_load(f"slug: {yaml_slug(slug)}") == {"slug": slug}


@pytest.mark.parametrize(
    ("slug", "written"),
    [("fraud_feature_store", "fraud_feature_store"), ("7", '"7"'), ("on", '"on"'),
     ("1_000", '"1_000"'), ("null", '"null"'), ("3d_vision", '"3d_vision"')],
)
def test_only_slugs_that_need_it_are_quoted(slug: str, written: str) -> None:
    assert yaml_slug(slug) == written


# --- plain cookiecutter: every bad answer at once ------------------------------------------

@pytest.mark.e2e
def test_plain_cookiecutter_reports_a_bad_slug_and_a_taken_number_together(
    run_cookiecutter: CookiecutterRun, directory: Path
) -> None:
    result = run_cookiecutter(
        str(REPO_ROOT), "--no-input", "-o", str(directory), "system_name=Fraud Feature Store",
        "focus_area=Feature stores", "metric_1=very fast", "slug=Bad-Slug", "number=2",
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert "metric_1 'very fast'" in output
    assert "slug 'Bad-Slug'" in output
    assert "Number 2 is already taken" in output
    assert sorted(path.name for path in directory.iterdir()) == ["README.md"]


# --- what to do next ----------------------------------------------------------------------

@pytest.fixture
def bare(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A PATH and an interpreter's folder holding no `casestudy`: cookiecutter alone."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.setattr(sys, "executable", str(folder / "python"))
    return folder


def _command(folder: Path) -> None:
    command = folder / "casestudy"
    command.write_text("#!/bin/sh\n", encoding="utf-8")
    command.chmod(0o755)


def test_next_tells_someone_without_the_command_how_to_run_the_checker(bare: Path) -> None:
    message = next_steps("/cs/03_x/README.md", "/cs/03_x")
    assert "pipx run --spec casestudy-kit casestudy check /cs/03_x" in message
    assert "pipx install casestudy-kit" in message


def test_next_uses_the_command_on_the_path(bare: Path) -> None:
    _command(bare)
    message = next_steps("/cs/03_x/README.md", "/cs/03_x")
    assert "run `casestudy check /cs/03_x`." in message
    assert "pipx" not in message


def test_next_uses_the_command_beside_an_interpreter_not_on_the_path(
    bare: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    venv = tmp_path / "venv" / "bin"
    venv.mkdir(parents=True)
    _command(venv)
    monkeypatch.setattr(sys, "executable", str(venv / "python"))
    message = next_steps("/cs/03_x/README.md", "/cs/03_x")
    assert f"run `{venv / 'casestudy'} check /cs/03_x`." in message


def test_next_and_the_skeleton_say_what_the_status_does(directory: Path, home: Path) -> None:
    message = next_steps("/cs/03_x/README.md", "/cs/03_x")
    for words in ("`status: draft`", "warnings", "`status: review`", "`status: published`",
                  "errors"):
        assert words in message
    skeleton = (
        REPO_ROOT / "{{casestudy_folder(cookiecutter)}}" / "{{casestudy_skeleton(cookiecutter)}}"
    ).read_text(encoding="utf-8")
    for words in ("`status: draft`", "as warnings", "Change it to `review`", "`published`",
                  "are\nerrors"):
        assert words in skeleton


# --- exit statuses, and a clean home ------------------------------------------------------

def test_help_says_what_cancel_and_ctrl_c_exit_with(home: Path) -> None:
    result = casestudy("new", "--help", home=home)
    assert result.returncode == 0
    assert "Cancel (or Stop):" in result.stdout
    assert '1    an answer or the directory was refused' in result.stdout
    assert "130  interrupted with Ctrl-C" in result.stdout


@pytest.mark.e2e
def test_no_input_leaves_home_untouched_and_keeps_replay_only_when_asked(
    directory: Path, home: Path, tmp_path: Path
) -> None:
    result = casestudy("new", "--no-input", "-o", str(directory), *FLAGS, home=home)
    assert result.returncode == 0, result.stderr
    assert not any(home.iterdir())
    replay = tmp_path / "replay"
    again = casestudy("new", "--no-input", "-o", str(directory), "--name", "Graph Cache",
                      "--focus-area", "Feature stores", "--metric", "3ms p99 latency",
                      "--replay-dir", str(replay), home=home)
    assert again.returncode == 0, again.stderr
    (kept,) = replay.iterdir()
    assert kept.suffix == ".json"
    assert not any(home.iterdir())


@pytest.mark.e2e
def test_a_readme_without_a_table_from_flags_is_refused_untouched(
    directory: Path, home: Path
) -> None:
    readme = directory / "README.md"
    readme.write_text("# Our notes\n\nNo table yet.\n", encoding="utf-8")
    result = casestudy("new", "--no-input", "-o", str(directory), *FLAGS, home=home)
    assert result.returncode == 1
    assert "has no index table" in result.stderr
    assert readme.read_text(encoding="utf-8") == "# Our notes\n\nNo table yet.\n"
    assert sorted(path.name for path in directory.iterdir()) == ["README.md"]
