"""The plain asker: one line in, one line out, no escape sequences, for TERM=dumb and other
terminals without cursor control. Same questions, same checks, same re-asking as the terminal
asker; problems are wrapped to the terminal's width."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable, Sequence

from casestudy.errors import Cancelled
from casestudy.new.asking import PROBLEM_MARK, AreaPick, Check, TextQuestion, filter_areas


class LineAsker:
    def __init__(
        self,
        read: Callable[[str], str] = input,
        write: Callable[[str], None] = print,
        width: int | None = None,
    ) -> None:
        self.read = read
        self.write = write
        self.width = width

    def _wrapped(self, text: str, indent: str = "  ", hanging: str | None = None) -> str:
        width = self.width or shutil.get_terminal_size((80, 24)).columns
        return textwrap.fill(
            text, width=max(width - 1, 20), initial_indent=indent,
            subsequent_indent=indent if hanging is None else hanging, break_on_hyphens=False,
        )

    def _line(self, prompt: str) -> str:
        try:
            return self.read(prompt)
        except (KeyboardInterrupt, EOFError):
            raise Cancelled from None

    def text(self, question: TextQuestion) -> str:
        default = f" [{question.default}]" if question.default else ""
        self.write(f"? {question.message}{default}")
        if question.hint:
            self.write(self._wrapped(question.hint))
        while True:
            answer = self._line("> ") or question.default
            line, is_problem = question.status(answer, submitted=True)
            if not is_problem:
                return answer  # what it will do is said by the conversation itself
            self.write(self._wrapped(PROBLEM_MARK + line, hanging="    "))

    def choose(self, message: str, choices: Sequence[str], default: str | None = None) -> str:
        start = choices.index(default) + 1 if default in choices else 1
        self.write(f"? {message}")
        for position, choice in enumerate(choices, start=1):
            self.write(f"  {position}) {choice}")
        while True:
            answer = self._line(f"Choose 1-{len(choices)} [{start}]: ").strip() or str(start)
            if answer.isdigit() and 1 <= int(answer) <= len(choices):
                return choices[int(answer) - 1]
            named = [choice for choice in choices if choice.casefold() == answer.casefold()]
            if named:
                return named[0]
            self.write(self._wrapped(
                f"{PROBLEM_MARK}'{answer}' is not one of the choices: give a number from 1 "
                f"to {len(choices)}."
            ))

    def confirm(self, message: str, *, default: bool) -> bool:
        shown = "Y/n" if default else "y/N"
        while True:
            answer = self._line(f"? {message} ({shown}) ").strip().lower()
            if not answer:
                return default
            if answer in ("y", "yes", "n", "no"):
                return answer.startswith("y")
            self.write(self._wrapped(f"{PROBLEM_MARK}answer y or n."))

    def pick_area(
        self, message: str, areas: Sequence[str], other: str, default: str | None,
        check: Check,
    ) -> AreaPick:
        """Numbers pick from the list; typed text naming an area picks it; text matching
        some areas lists them again beside the text as a new area; text matching none is a
        new area."""
        entries = [AreaPick(area, "listed") for area in areas]
        self.write(f"? {message}")
        while True:
            entries = [entry for entry in entries if entry.kind != "other"]
            entries.append(AreaPick(other, "other"))
            for position, entry in enumerate(entries, start=1):
                label = f'New area: "{entry.value}"' if entry.kind == "new" else entry.value
                self.write(f"  {position}) {label}")
            fallback = f" [{default}]" if default else ""
            answer = self._line(f"Number, or type an area{fallback}: ").strip()
            answer = answer or (default or "")
            if answer.isdigit() and 1 <= int(answer) <= len(entries):
                return entries[int(answer) - 1]
            exact = [area for area in areas if area.casefold() == answer.casefold()]
            if exact:
                return AreaPick(exact[0], "listed")
            verdict = check(answer)
            if verdict is not True:
                self.write(self._wrapped(PROBLEM_MARK + str(verdict), hanging="    "))
                continue
            matches = filter_areas(areas, answer)
            if not matches:
                return AreaPick(answer, "new")
            self.write(self._wrapped(f"'{answer}' is part of these areas; choose by number:"))
            entries = [*(AreaPick(area, "listed") for area in matches), AreaPick(answer, "new")]
