"""What the `casestudy new` conversation asks, independent of how it is asked.

A question's validator and its live status line are one source of truth: the line under the
answer shows the validator's own message while the answer is bad, and what the answer will do
(the parsed metric, the folder to create) only while it is good. Two askers put questions on
screen: a full-terminal one (prompt_toolkit) and a plain line-by-line one for terminals without
cursor control (TERM=dumb); both re-ask until the answer passes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

Check = Callable[[str], "bool | str"]

# Problems carry a marker as well as a colour, so NO_COLOR and TERM=dumb terminals still tell
# them apart.
PROBLEM_MARK = "✗ "
# Terminals that cannot move the cursor or colour text: plain line prompts instead.
DUMB_TERMS = frozenset({"", "dumb", "unknown"})


@dataclass(frozen=True)
class TextQuestion:
    message: str
    check: Check
    default: str = ""
    hint: str = ""  # shown while nothing is typed: the example, or what Enter does
    describe: Callable[[str], str] | None = None  # what a good answer will do

    def status(self, text: str, *, submitted: bool = False) -> tuple[str, bool]:
        """The line under the answer, and whether it reports a problem. An empty answer shows
        the hint until Enter is pressed on it."""
        verdict = self.check(text)
        if verdict is not True:
            if not text.strip() and not submitted:
                return self.hint, False
            return str(verdict), True
        if self.describe is not None and text.strip():
            return self.describe(text), False
        return (self.hint if not text.strip() else ""), False


@dataclass(frozen=True)
class AreaPick:
    """The focus-area list's answer: a listed area, a typed new one, or "Other…"."""

    value: str
    kind: str  # "listed", "new" or "other"


class Asker(Protocol):
    def text(self, question: TextQuestion) -> str: ...

    def choose(self, message: str, choices: Sequence[str], default: str | None = None) -> str: ...

    def confirm(self, message: str, *, default: bool) -> bool: ...

    def pick_area(
        self, message: str, areas: Sequence[str], other: str, default: str | None,
        check: Check,
    ) -> AreaPick: ...


def wants_plain_prompts(environ: dict[str, str] | None = None) -> bool:
    """TERM=dumb (Emacs shells, some CI consoles) or no TERM at all: no escape sequences."""
    term = (os.environ if environ is None else environ).get("TERM", "")
    return term.strip().lower() in DUMB_TERMS


def filter_areas(areas: Sequence[str], typed: str) -> list[str]:
    """The areas containing what was typed, ignoring case (all of them for nothing typed)."""
    wanted = typed.strip().casefold()
    return [area for area in areas if wanted in area.casefold()]


def say_wrapped(text: str, *, columns: int | None = None) -> None:
    """Print what the conversation tells the author, its prose broken between words at the
    terminal's width. Indented lines (front matter, the index row) are left whole: they are
    shown to be compared with the file, and the terminal wraps them where it must."""
    import shutil
    import textwrap

    width = max((columns or shutil.get_terminal_size((80, 24)).columns) - 1, 20)
    lines = []
    for line in text.split("\n"):
        if line.startswith(" ") or len(line) <= width:
            lines.append(line)
        else:
            lines.append(textwrap.fill(line, width=width, break_long_words=False,
                                       break_on_hyphens=False))
    print("\n".join(lines))
