"""`casestudy new` end to end: a real pseudo-terminal (pexpect), and a wheel installed into a
fresh virtualenv."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pexpect
import pytest
from conftest import tree

DATA = Path(__file__).parent / "data" / "new"
REPOSITORY = Path(__file__).resolve().parent.parent
ENTER, CLEAR_LINE, CTRL_C = "\r", "\x15", "\x03"

pytestmark = pytest.mark.e2e


@pytest.fixture
def environment(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    # No cursor-position requests: pexpect never answers them, and prompt_toolkit would wait.
    return {**os.environ, "TERM": "xterm", "HOME": str(home), "PROMPT_TOOLKIT_NO_CPR": "1"}



def spawn_new(directory: Path, environment: dict[str, str]) -> pexpect.spawn:
    return pexpect.spawn(
        sys.executable,
        ["-m", "casestudy", "new", "-o", str(directory)],
        env=environment,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 200),
    )


def test_an_interactive_session_creates_the_case_study_and_its_row(
    directory: Path, environment: dict[str, str]
) -> None:
    child = spawn_new(directory, environment)
    child.expect("System name")
    child.send("Fraud Feature Store" + ENTER)
    child.expect("Focus area")
    child.send("feature st")
    child.expect("Feature stores")
    child.send(ENTER)
    child.expect("Headline metric 1")
    child.send("p99 latency")
    child.expect("must contain a figure")  # checked as it is typed
    child.send(ENTER + CLEAR_LINE + "1.8M features/sec" + ENTER)
    child.expect("understood as value 1,800,000, unit feature, per second")
    child.expect("Headline metric 2")
    child.send("8.2ms p95 latency" + ENTER)
    child.expect("understood as value 8.2, unit ms, percentile p95")
    child.expect("Headline metric 3")
    child.send(ENTER)
    child.expect("Slug")
    child.send(ENTER)
    child.expect("folder: .*03_fraud_feature_store/")
    child.expect("Generate it")
    child.send(ENTER)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert "casestudy check" in str(child.before)
    folder = directory / "03_fraud_feature_store"
    assert (folder / "README.md").is_file()
    row = (DATA / "expected_row.md").read_text(encoding="utf-8")
    assert row in (directory / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("answered", "waiting_at"),
    [
        pytest.param([], "System name", id="at-the-first-prompt"),
        pytest.param(
            [("System name", "Fraud Feature Store" + ENTER)], "Focus area", id="at-the-focus-area"
        ),
        pytest.param(
            [
                ("System name", "Fraud Feature Store" + ENTER),
                ("Focus area", "feature st" + ENTER),
                ("Headline metric 1", "2.1B vectors" + ENTER),
                ("Headline metric 2", ENTER),
                ("Slug", ENTER),
            ],
            "Generate it",
            id="at-the-preview",
        ),
    ],
)
def test_ctrl_c_mid_way_leaves_the_directory_byte_identical(
    directory: Path, environment: dict[str, str], answered: list[tuple[str, str]], waiting_at: str
) -> None:
    before = tree(directory)
    child = spawn_new(directory, environment)
    for prompt, keys in answered:
        child.expect(prompt)
        child.send(keys)
    child.expect(waiting_at)  # the next prompt is on screen, not the echo of the last one
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "cancelled, nothing written" in str(child.before)
    assert "Traceback" not in str(child.before)
    assert tree(directory) == before
    assert not any(Path(environment["HOME"]).iterdir())


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wheelhouse = tmp_path_factory.mktemp("wheelhouse")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(REPOSITORY),
         "-w", str(wheelhouse)],
        check=True,
    )
    (built,) = wheelhouse.glob("casestudy_kit-*.whl")
    return built


def test_the_wheel_carries_the_template_inside_the_package(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "casestudy/template/bundled/cookiecutter.json" in names
    assert "casestudy/template/bundled/hooks/post_gen_project.py" in names
    skeleton = "{{casestudy_folder(cookiecutter)}}/{{casestudy_skeleton(cookiecutter)}}"
    assert f"casestudy/template/bundled/{skeleton}" in names


def test_the_wheel_answers_to_both_names(wheel: Path) -> None:
    """`pipx run casestudy-kit` and `uvx casestudy-kit` run the script named like the
    distribution; `casestudy` stays the everyday name."""
    archive = zipfile.ZipFile(wheel)
    (entry_points,) = [name for name in archive.namelist() if name.endswith("entry_points.txt")]
    scripts = archive.read(entry_points).decode()
    assert "casestudy = casestudy.cli:main" in scripts
    assert "casestudy-kit = casestudy.cli:main" in scripts


def test_new_works_from_a_wheel_installed_in_a_fresh_virtualenv(
    wheel: Path, tmp_path: Path, directory: Path, environment: dict[str, str]
) -> None:
    """The wheel alone, no checkout: `casestudy new` must find its bundled template."""
    fresh = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(fresh)
    python = fresh / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)],
        check=True,
    )
    site_packages = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    scratch = tmp_path / "elsewhere"  # not the checkout, so nothing can come from it
    scratch.mkdir()
    result = subprocess.run(
        [python, "-m", "casestudy", "new", "--no-input", "-o", str(directory),
         "--name", "Fraud Feature Store", "--focus-area", "Feature stores",
         "--metric", "1.8M features/sec", "--metric", "8.2ms p95 latency"],
        capture_output=True, text=True, cwd=scratch, check=False,
        env={key: value for key, value in environment.items() if key != "PYTHONPATH"},
    )
    assert result.returncode == 0, result.stderr
    alias = subprocess.run(
        [fresh / "bin" / "casestudy-kit", "--version"], capture_output=True, text=True,
        check=False,
    )
    assert alias.returncode == 0 and alias.stdout.startswith("casestudy "), alias.stderr
    located = subprocess.run(
        [python, "-c", "from casestudy.template.location import template_dir; "
         "print(template_dir())"],
        capture_output=True, text=True, check=True, cwd=scratch,
    ).stdout.strip()
    assert located == str(Path(site_packages, "casestudy", "template", "bundled"))
    row = (DATA / "expected_row.md").read_text(encoding="utf-8")
    assert row in (directory / "README.md").read_text(encoding="utf-8")
