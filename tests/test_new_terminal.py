"""`casestudy new` as a person sees it: a real pseudo-terminal (pexpect) of a given size, its
output played into a terminal emulator (pyte), and the screen read back line by line."""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

import pexpect
import pyte
import pytest

from casestudy.new.answers import check_metric

DATA = Path(__file__).parent / "data" / "new"
ENTER, UP, DOWN, CLEAR_LINE, CTRL_C = "\r", "\x1b[A", "\x1b[B", "\x15", "\x03"
ROWS = 40

pytestmark = pytest.mark.e2e


class Terminal:
    """A `casestudy new` process in a pseudo-terminal `columns` wide, and its screen."""

    def __init__(self, directory: Path, home: Path, columns: int, *extra: str) -> None:
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "casestudy", "new", "-o", str(directory), *extra],
            env={**os.environ, "TERM": "xterm", "HOME": str(home), "NO_COLOR": "1",
                 # pexpect never answers cursor-position requests; prompt_toolkit would wait.
                 "PROMPT_TOOLKIT_NO_CPR": "1"},
            encoding="utf-8",
            timeout=20,
            dimensions=(ROWS, columns),
        )
        self.screen = pyte.Screen(columns, ROWS)
        self.stream = pyte.Stream(self.screen)
        self.transcript = ""

    def _pump(self, seconds: float) -> bool:
        """Feed what the process wrote into the screen; False once it has exited."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                chunk = self.child.read_nonblocking(100_000, timeout=0.05)
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                return False
            self.transcript += chunk
            self.stream.feed(chunk)
        return True

    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    def text(self) -> str:
        return "\n".join(self.lines())

    def prose(self) -> str:
        """The screen's lines joined with spaces: text as written, however it was wrapped."""
        return " ".join(line.strip() for line in self.lines() if line.strip())

    def wait_for(self, wanted: str, seconds: float = 15) -> None:
        """Until `wanted` is on screen (the screen, not the byte stream, so a redraw that
        moved the cursor over it does not count)."""
        deadline = time.monotonic() + seconds
        while wanted not in self.text():
            if time.monotonic() > deadline or not self._pump(0.1):
                if wanted in self.text():
                    return
                raise AssertionError(f"{wanted!r} never appeared on screen:\n{self.text()}")

    def send(self, keys: str, settle: float = 0.3) -> None:
        self.child.send(keys)
        self._pump(settle)

    def finish(self) -> int:
        while self._pump(0.5):
            pass
        self.child.close()
        return int(self.child.exitstatus if self.child.exitstatus is not None else -1)


def answer_name_and_area(terminal: Terminal) -> None:
    terminal.wait_for("System name")
    terminal.send("Fraud Feature Store" + ENTER)
    terminal.wait_for("Focus area")
    terminal.send("feature st")
    terminal.wait_for("» Feature stores")
    terminal.send(ENTER)


def answer_one_metric_and_default_slug(terminal: Terminal) -> None:
    """One headline metric, no second one, the slug as offered; then the confirmation waits."""
    terminal.wait_for("Headline metric 1")
    terminal.send("2.1B vectors" + ENTER)
    terminal.wait_for("Headline metric 2")
    terminal.send(ENTER)
    terminal.wait_for("Slug")
    terminal.send(ENTER)
    terminal.wait_for("Generate it")


def problem_shown(lines: list[str]) -> str:
    """The problem under the answer, its wrapped lines joined again."""
    start = next(index for index, line in enumerate(lines) if line.lstrip().startswith("✗ "))
    shown = [lines[start].strip()[2:]]
    for line in lines[start + 1:]:
        if not line.startswith("    ") or line.lstrip().startswith(("?", "✗")):
            break
        shown.append(line.strip())
    return " ".join(shown)


@pytest.mark.parametrize("columns", [40, 100], ids=["40-columns", "100-columns"])
def test_a_problem_is_shown_whole_under_the_answer_at_any_width(
    directory: Path, home: Path, columns: int
) -> None:
    terminal = Terminal(directory, home, columns)
    answer_name_and_area(terminal)
    terminal.wait_for("Headline metric 1")
    terminal.send("p99 latency")
    terminal.wait_for("✗")
    lines = terminal.lines()
    assert problem_shown(lines) == check_metric("p99 latency", required=True)
    assert all(len(line) <= columns for line in lines)
    problem_row = next(i for i, line in enumerate(lines) if "✗" in line)
    prompt_row = max(i for i, line in enumerate(lines) if "Headline metric 1" in line)
    assert problem_row <= prompt_row + 3  # next to the prompt, not on the bottom row
    assert problem_row < ROWS - 5
    terminal.send(CTRL_C)
    assert terminal.finish() == 130


def test_the_answered_line_is_the_answer_alone(directory: Path, home: Path) -> None:
    terminal = Terminal(directory, home, 100)
    terminal.wait_for("e.g. Fraud Feature Store")  # the example, on its own line
    answer_name_and_area(terminal)
    terminal.wait_for("Headline metric 1")
    assert "? System name (the case study's title): Fraud Feature Store" in terminal.lines()
    assert "? Focus area: Feature stores" in terminal.lines()
    assert "e.g." not in "\n".join(line for line in terminal.lines() if "System name" in line)
    terminal.send(CTRL_C)
    assert terminal.finish() == 130


def test_the_line_under_the_answer_agrees_with_the_validator(
    directory: Path, home: Path
) -> None:
    terminal = Terminal(directory, home, 100)
    answer_name_and_area(terminal)
    terminal.wait_for("Headline metric 1")
    terminal.send("p99 latency")
    terminal.wait_for("✗ The metric must contain a figure")
    assert "no number yet" not in terminal.text()
    terminal.send(CLEAR_LINE + "2.1B vectors")
    terminal.wait_for("understood as value 2,100,000,000, unit vector")
    assert "✗" not in terminal.text()
    terminal.send(ENTER)
    terminal.wait_for("Headline metric 2")
    terminal.send(ENTER)
    terminal.wait_for("Slug")
    terminal.send(CLEAR_LINE + "Bad-Slug")
    terminal.wait_for("✗ The slug may hold only lowercase")
    assert "will create" not in terminal.text()
    terminal.send(CLEAR_LINE + "fraud_x")
    terminal.wait_for("will create")
    assert f"will create {directory / '03_fraud_x'}/" in " ".join(
        line.strip() for line in terminal.lines()
    )
    terminal.send(CTRL_C)
    assert terminal.finish() == 130


def test_a_taken_slug_is_refused_as_it_is_typed(directory: Path, home: Path) -> None:
    terminal = Terminal(directory, home, 100)
    answer_name_and_area(terminal)
    terminal.wait_for("Headline metric 1")
    terminal.send("2.1B vectors" + ENTER)
    terminal.wait_for("Headline metric 2")
    terminal.send(ENTER)
    terminal.wait_for("Slug")
    terminal.send(CLEAR_LINE + "graph_fraud_signals" + ENTER)
    terminal.wait_for("✗ The slug 'graph_fraud_signals' is taken")
    assert "will create" not in terminal.text()
    assert "Generate it" not in terminal.text()  # not let through to the preview
    terminal.send(CTRL_C)
    assert terminal.finish() == 130


def test_an_exact_title_is_said_plainly_with_another_name_or_stop(
    directory: Path, home: Path
) -> None:
    before = (directory / "README.md").read_bytes()
    terminal = Terminal(directory, home, 100)
    terminal.wait_for("System name")
    terminal.send("Graph Fraud Signals" + ENTER)
    terminal.wait_for("Stop (nothing is written)")
    text = terminal.prose()
    assert f'"Graph Fraud Signals" is already a case study in {directory / "README.md"}.' in text
    assert "Choose another name" in text
    assert "closely resembles" not in text
    terminal.send(DOWN + ENTER)
    assert terminal.finish() == 1
    assert "cancelled, nothing written" in terminal.transcript
    assert (directory / "README.md").read_bytes() == before


def test_a_new_focus_area_typed_into_the_list_is_offered_not_replaced(
    directory: Path, home: Path
) -> None:
    terminal = Terminal(directory, home, 100)
    terminal.wait_for("System name")
    terminal.send("Fraud Feature Store" + ENTER)
    terminal.wait_for("Focus area")
    terminal.send("feature st")
    terminal.wait_for("» Feature stores")
    assert "Other…" in terminal.text()  # still listed while filtering
    terminal.send(CLEAR_LINE + "Stream processing")
    terminal.wait_for('» New area: "Stream processing"')
    assert "Other…" in terminal.text()
    assert "Scaling vector databases" not in terminal.text()
    terminal.send(ENTER)
    terminal.wait_for('New focus area "Stream processing"?')
    terminal.send("y")
    answer_one_metric_and_default_slug(terminal)
    terminal.send(ENTER)
    assert terminal.finish() == 0
    readme = (directory / "03_fraud_feature_store" / "README.md").read_text(encoding="utf-8")
    assert 'focus_area: "Stream processing"' in readme


def test_cancel_exits_1_and_says_nothing_was_written(directory: Path, home: Path) -> None:
    before = (directory / "README.md").read_bytes()
    terminal = Terminal(directory, home, 100)
    answer_name_and_area(terminal)
    answer_one_metric_and_default_slug(terminal)
    terminal.send(DOWN + DOWN + ENTER)
    assert terminal.finish() == 1
    assert "cancelled, nothing written" in terminal.transcript
    assert "Traceback" not in terminal.transcript
    assert sorted(path.name for path in directory.iterdir()) == ["README.md"]
    assert (directory / "README.md").read_bytes() == before


def test_an_interactive_run_leaves_home_untouched(directory: Path, home: Path) -> None:
    terminal = Terminal(directory, home, 100)
    answer_name_and_area(terminal)
    answer_one_metric_and_default_slug(terminal)
    terminal.send(ENTER)
    assert terminal.finish() == 0
    assert (directory / "03_fraud_feature_store" / "README.md").is_file()
    assert not any(home.iterdir())  # no ~/.cookiecutter_replay/


@pytest.fixture
def tableless(directory: Path) -> Path:
    (directory / "README.md").write_text("# Our notes\n\nNo table yet.\n", encoding="utf-8")
    return directory


def test_a_readme_without_a_table_is_settled_before_the_first_question(
    tableless: Path, home: Path
) -> None:
    terminal = Terminal(tableless, home, 100)
    terminal.wait_for("Add the index table?")
    text = terminal.prose()
    assert "has no index table" in text
    assert "    | Case Study | Key Metrics | Focus Area |" in terminal.lines()
    assert "System name" not in text
    terminal.send(ENTER)
    terminal.wait_for("System name")
    assert (tableless / "README.md").read_text(encoding="utf-8") == (
        DATA / "readme_with_added_table.md"
    ).read_text(encoding="utf-8")
    terminal.send(CTRL_C)
    assert terminal.finish() == 130


def test_a_readme_without_a_table_can_be_left_alone(tableless: Path, home: Path) -> None:
    before = (tableless / "README.md").read_bytes()
    terminal = Terminal(tableless, home, 40)
    terminal.wait_for("Stop (nothing is written)")
    terminal.send(DOWN + ENTER)
    assert terminal.finish() == 1
    assert "has no index table" in terminal.transcript
    assert (tableless / "README.md").read_bytes() == before
    assert sorted(path.name for path in tableless.iterdir()) == ["README.md"]


# --- TERM=dumb: plain lines, same checks ---------------------------------------------------

ESCAPE = re.compile(r"\x1b")


def test_term_dumb_gets_plain_line_prompts_with_the_same_checks(
    directory: Path, home: Path
) -> None:
    child = pexpect.spawn(
        sys.executable, ["-m", "casestudy", "new", "-o", str(directory)],
        env={**os.environ, "TERM": "dumb", "HOME": str(home)},
        encoding="utf-8", timeout=20, dimensions=(24, 60),
    )
    child.logfile_read = log = _Collect()
    script = [
        ("System name", "Fraud <b>Store</b>"),
        ("must be plain text", "Fraud Feature Store"),
        ("Number, or type an area", "Stream processing"),
        (r'New focus area "Stream processing"\? \(Y/n\)', ""),
        ("Headline metric 1", "p99 latency"),
        ("must contain a figure", "2.1B vectors"),
        ("understood as value 2,100,000,000", None),
        ("Headline metric 2", ""),
        ("Slug", "graph_fraud_signals"),
        ("is taken", ""),
        ("folder: .*03_fraud_feature_store/", None),
        ("Front matter of", None),
        ("Choose 1-3", "1"),
    ]
    for expected, answer in script:
        child.expect(expected)
        if answer is not None:
            child.sendline(answer)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert not ESCAPE.search(log.text)
    readme = (directory / "03_fraud_feature_store" / "README.md").read_text(encoding="utf-8")
    assert 'focus_area: "Stream processing"' in readme


def test_term_dumb_sends_no_escape_sequence_at_all(directory: Path, home: Path) -> None:
    child = pexpect.spawn(
        sys.executable, ["-m", "casestudy", "new", "-o", str(directory)],
        env={**os.environ, "TERM": "dumb", "HOME": str(home)},
        encoding="utf-8", timeout=20, dimensions=(24, 40),
    )
    child.logfile_read = log = _Collect()
    child.expect("> ")
    child.sendline("Fraud Feature Store")
    child.expect("type an area")
    child.sendline("4")
    child.expect("> ")
    child.sendline("p99 latency")
    child.expect("> ")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert not ESCAPE.search(log.text), repr(log.text)
    problem = check_metric("p99 latency", required=True)
    shown = re.search(r"✗ (.*?)\r\n> ", log.text, re.DOTALL)
    assert shown is not None
    lines = ("  ✗ " + shown.group(1)).split("\r\n")
    assert all(len(line) < 40 for line in lines)
    assert " ".join(line.strip() for line in lines) == "✗ " + problem


class _Collect:
    def __init__(self) -> None:
        self.text = ""

    def write(self, data: str) -> None:
        self.text += data

    def flush(self) -> None:
        pass
