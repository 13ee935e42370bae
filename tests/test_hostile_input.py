"""Every hostile answer in tests/data/hostile/payloads.json, on every way an answer arrives:
the real `cookiecutter` command's extra context, a default in the user's ~/.cookiecutterrc, a
replay file, a pytest-cookies bake, `casestudy new` flags and `--replay`, and (for a
representative few) the interactive prompts in a real pseudo-terminal.

No answer ever runs code; an answer is either refused with a clear message and nothing
created, or accepted and carried as text: its index row is the pinned one, holds no live link,
image or HTML, and the checker agrees with it on the fresh skeleton.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pexpect
import pytest
import yaml
from conftest import DATA, REPO_ROOT
from markdown_it import MarkdownIt

from casestudy.check.engine import check_paths
from casestudy.cli import run
from casestudy.format.frontmatter import read_front_matter
from casestudy.index.sync import compare_index
from casestudy.new.answers import default_slug

PAYLOADS: list[dict[str, Any]] = json.loads(
    (DATA / "hostile" / "payloads.json").read_text(encoding="utf-8")
)
GOOD = {
    "system_name": "Fraud Feature Store",
    "focus_area": "Feature stores",
    "metric_1": "2.1B vectors",
}
# Typed at the prompts in a real pseudo-terminal: one payload per kind (code, markdown, NFC).
PROMPTED = ("jinja-os-system-naming-cookiecutter", "markdown-link-in-area",
            "decomposed-accent-in-title")
FIELD_FLAGS = {"system_name": "--name", "focus_area": "--focus-area", "metric_1": "--metric"}


@dataclass
class Outcome:
    error: str | None  # the message the user saw, None when the case study was created
    printed: str = ""  # everything a command printed, to look for a traceback


@dataclass
class Run:
    answers: dict[str, str]
    output: Path  # the case-study directory (empty before the run)
    scratch: Path  # a private place for HOME, config and replay files


def _answers(payload: dict[str, Any], marker: Path) -> dict[str, str]:
    return {**GOOD, payload["field"]: payload["value"].replace("PWNED_PATH", str(marker))}


def _config(scratch: Path, default_context: dict[str, str] | None = None) -> Path:
    """A cookiecutter user config of our own: replays stay in the scratch directory."""
    config = scratch / "cookiecutterrc.yaml"
    settings: dict[str, Any] = {
        "replay_dir": str(scratch / "replay"),
        "cookiecutters_dir": str(scratch / "cookiecutters"),
    }
    if default_context is not None:
        settings["default_context"] = default_context
    config.write_text(yaml.safe_dump(settings, allow_unicode=False), encoding="utf-8")
    return config


def _in_process(**options: Any) -> Outcome:
    from cookiecutter.main import cookiecutter

    try:
        cookiecutter(str(REPO_ROOT), **options)
    except Exception as error:  # what the cookiecutter command would print, cleanly
        return Outcome(f"{type(error).__name__}: {error}")
    return Outcome(None)


def _command(run_: Run) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "cookiecutter", str(REPO_ROOT), "--no-input",
         "-o", str(run_.output), *(f"{key}={value}" for key, value in run_.answers.items())],
        env={**os.environ, "HOME": str(run_.scratch)},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        stdin=subprocess.DEVNULL, cwd=run_.scratch,
    )


@pytest.fixture(scope="module")
def command_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Run, Outcome]]:
    """Every payload through the real `cookiecutter` command, the processes started together
    (a few at a time) so that the module costs about one process start per core."""
    pending: list[tuple[str, Run]] = []
    for payload in PAYLOADS:
        root = tmp_path_factory.mktemp(payload["id"])
        (root / "scratch").mkdir()
        (root / "case-studies").mkdir()
        marker = root / "PWNED"
        pending.append((payload["id"], Run(_answers(payload, marker), root / "case-studies",
                                           root / "scratch")))
    done: dict[str, tuple[Run, Outcome]] = {}
    at_once = max(2, os.cpu_count() or 2)
    for start in range(0, len(pending), at_once):
        batch = [(name, run_, _command(run_)) for name, run_ in pending[start:start + at_once]]
        for name, run_, process in batch:
            printed, _ = process.communicate(timeout=120)
            done[name] = (run_, Outcome(None if process.returncode == 0 else printed, printed))
    return done


def via_user_config_default(run_: Run, request: pytest.FixtureRequest) -> Outcome:
    return _in_process(
        no_input=True, output_dir=str(run_.output),
        config_file=str(_config(run_.scratch, run_.answers)),
    )


def via_replay_file(run_: Run, request: pytest.FixtureRequest) -> Outcome:
    context = json.loads((REPO_ROOT / "cookiecutter.json").read_text(encoding="utf-8"))
    context.update(run_.answers, slug=default_slug(run_.answers["system_name"]))
    replay = run_.scratch / "crafted.json"
    replay.write_text(json.dumps({"cookiecutter": context}), encoding="utf-8")
    return _in_process(
        replay=str(replay), output_dir=str(run_.output), config_file=str(_config(run_.scratch))
    )


def via_pytest_cookies(run_: Run, request: pytest.FixtureRequest) -> Outcome:
    cookies = request.getfixturevalue("cookies")
    result = cookies.bake(extra_context=run_.answers)
    baked = Path(cookies._output_factory.__self__)
    # pytest-cookies bakes into a folder of its own: look at it as the output directory.
    run_.output.rmdir()
    (bake,) = baked.iterdir()
    run_.output = bake
    if result.exception is not None:
        return Outcome(f"{type(result.exception).__name__}: {result.exception}")
    return Outcome(None)


def _casestudy(argv: list[str], run_: Run, request: pytest.FixtureRequest) -> Outcome:
    capsys = request.getfixturevalue("capsys")
    monkeypatch = request.getfixturevalue("monkeypatch")
    monkeypatch.setenv("HOME", str(run_.scratch))
    status = run([*argv, "-o", str(run_.output)])
    captured = capsys.readouterr()
    printed = captured.out + captured.err
    return Outcome(None if status == 0 else captured.err, printed)


def via_casestudy_new_flags(run_: Run, request: pytest.FixtureRequest) -> Outcome:
    argv = ["new", "--no-input"]
    for key, flag in FIELD_FLAGS.items():
        argv += [flag, run_.answers[key]]
    return _casestudy(argv, run_, request)


def via_casestudy_new_replay(run_: Run, request: pytest.FixtureRequest) -> Outcome:
    replay = run_.scratch / "answers.json"
    replay.write_text(json.dumps({"cookiecutter": run_.answers}), encoding="utf-8")
    return _casestudy(["new", "--replay", str(replay)], run_, request)


PATHS: dict[str, Callable[[Run, pytest.FixtureRequest], Outcome]] = {
    "cookiecutterrc-default": via_user_config_default,
    "replay-file": via_replay_file,
    "pytest-cookies": via_pytest_cookies,
    "casestudy-new-flags": via_casestudy_new_flags,
    "casestudy-new-replay": via_casestudy_new_replay,
}


def _live_markdown(index_text: str) -> list[str]:
    """Every link, image and piece of HTML markdown-it finds in the index's rows."""
    tokens = MarkdownIt("commonmark").enable("table").parse(index_text)
    found = []
    for token in tokens:
        for child in token.children or []:
            if child.type == "link_open":
                found.append(f"link {child.attrGet('href')}")
            elif child.type in ("image", "html_inline"):
                found.append(f"{child.type} {child.content}")
    return found


def _judge(payload: dict[str, Any], outcome: Outcome, output: Path, marker: Path) -> None:
    assert not marker.exists(), "an answer ran a shell command"
    assert "Traceback" not in outcome.printed
    if "refused" in payload:
        assert outcome.error is not None, "the hostile answer was accepted"
        for word in payload["refused"]:
            assert word in outcome.error
        assert "Traceback" not in outcome.error
        assert list(output.iterdir()) == [], "a refused answer left files behind"
        return
    assert outcome.error is None, outcome.error
    index_text = (output / "README.md").read_text(encoding="utf-8")
    assert payload["row"] in index_text.splitlines()
    folder = payload["row"].split("](", 1)[1].split("/", 1)[0]
    assert _live_markdown(index_text) == [f"link {folder}/README.md"]
    meta = read_front_matter((output / folder / "README.md").read_text(encoding="utf-8"))
    stored = {"system_name": meta["title"], "focus_area": meta["focus_area"],
              "metric_1": meta["key_metrics"][0]}
    assert stored[payload["field"]] == payload.get("stored", payload["value"])
    # What the template wrote, the checker accepts: the row agrees with the front matter.
    codes = {finding.code for finding in check_paths([str(output)]).findings}
    assert not codes & {"CS302", "CS303", "CS305", "CS306", "CS307"}, codes
    assert compare_index(output).in_step


@pytest.mark.e2e
@pytest.mark.parametrize("payload", [pytest.param(p, id=p["id"]) for p in PAYLOADS])
def test_every_payload_through_the_cookiecutter_command(
    payload: dict[str, Any], command_runs: dict[str, tuple[Run, Outcome]]
) -> None:
    run_, outcome = command_runs[payload["id"]]
    _judge(payload, outcome, run_.output, run_.scratch.parent / "PWNED")


@pytest.mark.e2e
@pytest.mark.parametrize("payload", [pytest.param(p, id=p["id"]) for p in PAYLOADS])
@pytest.mark.parametrize("path", list(PATHS))
def test_every_payload_on_every_other_path(
    path: str, payload: dict[str, Any], tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    marker = tmp_path / "PWNED"
    scratch = tmp_path / "scratch"
    output = tmp_path / "case-studies"
    scratch.mkdir()
    output.mkdir()
    run_ = Run(_answers(payload, marker), output, scratch)
    outcome = PATHS[path](run_, request)
    _judge(payload, outcome, run_.output, marker)


@pytest.mark.e2e
@pytest.mark.parametrize(
    "payload", [pytest.param(p, id=p["id"]) for p in PAYLOADS if p["id"] in PROMPTED]
)
def test_payload_typed_at_the_prompts(payload: dict[str, Any], tmp_path: Path) -> None:
    marker = tmp_path / "PWNED"
    home = tmp_path / "home"
    output = tmp_path / "case-studies"
    home.mkdir()
    output.mkdir()
    answers = _answers(payload, marker)
    child = pexpect.spawn(
        sys.executable, ["-m", "cookiecutter", str(REPO_ROOT), "-o", str(output)],
        env={**os.environ, "HOME": str(home), "TERM": "dumb", "COLUMNS": "400"},
        encoding="utf-8", timeout=60, cwd=str(tmp_path),
    )
    for prompt, answer in [
        ("System name", answers["system_name"]),
        ("Focus area", answers["focus_area"]),
        ("Headline metric 1", answers["metric_1"]),
        ("Headline metric 2", ""),
        ("Headline metric 3", ""),
        ("Slug", ""),
        ("number", ""),
    ]:
        child.expect(prompt)
        child.sendline(answer)
    child.expect(pexpect.EOF)
    child.close()
    printed = child.before or ""
    outcome = Outcome(None if child.exitstatus == 0 else printed, printed)
    _judge(payload, outcome, output, marker)


@pytest.mark.e2e
def test_casestudy_new_prompt_refuses_a_template_as_it_is_typed(tmp_path: Path) -> None:
    """`casestudy new`'s own prompts (questionary) judge the answer before anything else
    sees it, and re-ask; Ctrl-C then leaves nothing behind."""
    (payload,) = [p for p in PAYLOADS if p["id"] == "jinja-os-system-naming-cookiecutter"]
    marker = tmp_path / "PWNED"
    home = tmp_path / "home"
    output = tmp_path / "case-studies"
    home.mkdir()
    output.mkdir()
    child = pexpect.spawn(
        sys.executable, ["-m", "casestudy", "new", "-o", str(output)],
        env={**os.environ, "TERM": "xterm", "HOME": str(home), "PROMPT_TOOLKIT_NO_CPR": "1"},
        encoding="utf-8", timeout=30, dimensions=(40, 400), cwd=str(tmp_path),
    )
    child.expect("System name")
    child.send(_answers(payload, marker)["system_name"] + "\r")
    child.expect("template syntax")
    child.send("\x03")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert not marker.exists()
    assert list(output.iterdir()) == []
