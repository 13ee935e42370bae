"""Shell completion (argcomplete): subcommands, options and the directory's focus areas, asked
the way the shell asks, and in a real bash."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pytest

from casestudy.cli import run
from casestudy.completion import install

BIN = Path(sys.executable).parent
COMMAND = BIN / "casestudy"
pytestmark = pytest.mark.skipif(not COMMAND.exists(), reason="the casestudy script is installed")


def completions(line: str, cwd: Path, tmp_path: Path) -> list[str]:
    """What `casestudy` answers when the shell asks to complete `line` (argcomplete's protocol:
    the command line in COMP_LINE, the answers written to a file, separated by \\v)."""
    import subprocess

    answers = tmp_path / "completions"
    subprocess.run(
        [str(COMMAND)], cwd=cwd, check=True, timeout=30,
        env={**os.environ, "_ARGCOMPLETE": "1", "COMP_LINE": line,
             "COMP_POINT": str(len(line)), "_ARGCOMPLETE_STDOUT_FILENAME": str(answers)},
    )
    return [answer.strip() for answer in answers.read_text().split("\v") if answer.strip()]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("casestudy n", ["new"], id="a-subcommand"),
        pytest.param("casestudy-kit ch", ["check"], id="the-alias-too"),
        pytest.param("casestudy new --foc", ["--focus-area"], id="an-option"),
        pytest.param("casestudy new --focus-area Gr", [r"Graph\ analytics"],
                     id="an-area-the-index-uses"),
        pytest.param("casestudy new --focus-area Fea", [r"Feature\ stores"],
                     id="a-seed-area"),
    ],
)
def test_the_shell_is_offered(
    directory: Path, tmp_path: Path, line: str, expected: list[str]
) -> None:
    assert completions(line, directory, tmp_path) == expected


def test_focus_areas_come_from_the_output_directory(directory: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    line = f"casestudy new -o {directory} --focus-area Gr"
    assert completions(line, elsewhere, tmp_path) == [r"Graph\ analytics"]


@pytest.mark.e2e
def test_tab_completes_in_a_real_bash(directory: Path, home: Path) -> None:
    shell = pexpect.spawn(
        "bash", ["--norc", "--noprofile"], cwd=str(directory), encoding="utf-8", timeout=60,
        env={"PATH": f"{BIN}:{os.environ['PATH']}", "HOME": str(home), "PS1": "$ ",
             "TERM": "dumb"},
    )
    shell.sendline('eval "$(casestudy --completion bash)"; echo ready')
    shell.expect("ready")
    shell.send("casestudy ne\t")
    shell.expect("casestudy new ")
    shell.send("--focus-area Gr\t")
    shell.expect(r"Graph\\ analytics")
    shell.sendcontrol("c")
    shell.sendline("exit")
    shell.expect(pexpect.EOF)


def test_install_writes_where_bash_and_zsh_load_it(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    said = install("bash", home)
    folder = home / ".local" / "share" / "bash-completion" / "completions"
    assert sorted(path.name for path in folder.iterdir()) == ["casestudy", "casestudy-kit"]
    assert "complete " in (folder / "casestudy").read_text()
    assert str(folder) in said
    said = install("zsh", home)
    assert (home / ".zfunc" / "_casestudy").read_text().startswith(
        "#compdef casestudy casestudy-kit")
    assert "fpath+=(~/.zfunc)" in said


def test_the_completion_script_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--completion", "zsh"]) == 0
    assert capsys.readouterr().out.startswith("#compdef casestudy casestudy-kit")
