"""The full-terminal asker: prompt_toolkit layouts where a problem is shown under the answer,
wrapped to the terminal's width and whole, rather than in a one-row toolbar at the bottom.

questionary's text prompt shows validation errors in prompt_toolkit's validation toolbar, one
row cut at the terminal's width, and its filtered select falls back to the whole list when the
filter matches nothing, so Enter picks the first item. These two prompts are built here; the
plain menus (Generate/Edit/Cancel, yes/no) stay questionary's.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from prompt_toolkit.application import Application, get_app
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.document import Document
from prompt_toolkit.filters import Condition, is_done
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent, merge_key_bindings
from prompt_toolkit.key_binding.defaults import load_key_bindings
from prompt_toolkit.layout import ConditionalContainer, HSplit, Layout, Window
from prompt_toolkit.layout.controls import BufferControl, FormattedTextControl
from prompt_toolkit.layout.processors import BeforeInput
from prompt_toolkit.styles import Style

from casestudy.errors import Cancelled
from casestudy.new.asking import PROBLEM_MARK, AreaPick, Check, TextQuestion, filter_areas

POINTER = "» "
STYLE = Style.from_dict({
    "question-mark": "fg:ansigreen bold",
    "question": "bold",
    "answer": "fg:ansicyan",
    "hint": "fg:ansibrightblack",
    "problem": "fg:ansired",
    "pointer": "fg:ansicyan bold",
    "new": "fg:ansiyellow",
})
AREA_HINT = "type to filter, or to name a new area; ↑/↓ to move, Enter to choose"


def _wrapped(text: str, indent: str = "  ", hanging: str | None = None) -> str:
    """`text` broken between words to fit the terminal's width as it is now, so a message is
    shown whole at any width, and re-wrapped when the terminal is resized."""
    columns = get_app().output.get_size().columns
    return "\n".join(textwrap.wrap(
        text,
        width=max(columns - 1, 20),
        initial_indent=indent,
        subsequent_indent=indent if hanging is None else hanging,
        break_on_hyphens=False,
    ))


def _list_rows() -> int:
    """How many list entries fit under the question, hint and scroll marks."""
    return max(get_app().output.get_size().rows - 8, 3)


def visible_range(count: int, pointed: int, rows: int) -> tuple[int, int]:
    """The slice of a list of `count` entries to show in `rows` rows, keeping the pointed
    entry in view (a directory with many focus areas must not push the question off
    screen)."""
    if count <= rows:
        return 0, count
    first = min(max(pointed - rows // 2, 0), count - rows)
    return first, first + rows


def _status_window(get_text: Callable[[], StyleAndTextTuples]) -> ConditionalContainer:
    """Lines under the answer; wrapped by `_wrapped`, and by the window should the terminal
    be narrower still, never cut at the edge."""
    window = Window(FormattedTextControl(get_text), wrap_lines=True, dont_extend_height=True)
    return ConditionalContainer(window, filter=~is_done & Condition(lambda: bool(get_text())))


def _question_line(message: str, buffer: Buffer) -> Window:
    prompt = BeforeInput([("class:question-mark", "? "), ("class:question", message + " ")])
    return Window(
        BufferControl(buffer, input_processors=[prompt]),
        wrap_lines=True,
        dont_extend_height=True,
        style="class:answer",
    )


def _interrupt_bindings() -> KeyBindings:
    bindings = KeyBindings()

    @bindings.add("c-c")
    def _interrupt(event: KeyPressEvent) -> None:
        event.app.exit(exception=KeyboardInterrupt())

    return bindings


class TerminalAsker:
    """Asks through prompt_toolkit; `options` (input, output) let tests drive it by pipe."""

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        self.options = dict(options or {})

    def _run(self, layout: HSplit, bindings: KeyBindings) -> Any:
        application: Application[Any] = Application(
            layout=Layout(layout),
            key_bindings=merge_key_bindings([load_key_bindings(), _interrupt_bindings(),
                                             bindings]),
            style=STYLE,
            **self.options,
        )
        try:
            return application.run()
        except (KeyboardInterrupt, EOFError):
            raise Cancelled from None

    # --- free text ----------------------------------------------------------------------

    def text(self, question: TextQuestion) -> str:
        buffer = Buffer(document=Document(question.default, len(question.default)),
                        multiline=False)
        submitted = [False]

        def typed(_: Buffer) -> None:
            submitted[0] = False

        buffer.on_text_changed += typed

        def status() -> StyleAndTextTuples:
            line, is_problem = question.status(buffer.text, submitted=submitted[0])
            if not line:
                return []
            if is_problem:
                return [("class:problem", _wrapped(PROBLEM_MARK + line, hanging="    "))]
            return [("class:hint", _wrapped(line))]

        bindings = KeyBindings()

        @bindings.add("enter")
        def _enter(event: KeyPressEvent) -> None:
            if question.check(buffer.text) is True:
                event.app.exit(result=buffer.text)
            else:
                submitted[0] = True

        layout = HSplit([_question_line(question.message, buffer), _status_window(status)])
        return str(self._run(layout, bindings))

    # --- the focus-area list ------------------------------------------------------------

    def pick_area(
        self, message: str, areas: Sequence[str], other: str, default: str | None,
        check: Check,
    ) -> AreaPick:
        """A list filtered by what is typed. "Other…" stays listed whatever the filter; typed
        text that is not an area already is offered as a new one (and is the choice when the
        filter matches nothing), never silently replaced by the first area."""
        buffer = Buffer(multiline=False)
        pointed = [areas.index(default) if default in areas else 0]

        def entries() -> list[AreaPick]:
            typed = buffer.text.strip()
            listed = [AreaPick(area, "listed") for area in filter_areas(areas, typed)]
            known = {area.casefold() for area in areas}
            new = [AreaPick(typed, "new")] if typed and typed.casefold() not in known else []
            return [*listed, *new, AreaPick(other, "other")]

        def moved(_: Buffer) -> None:
            pointed[0] = 0

        buffer.on_text_changed += moved

        def listing() -> StyleAndTextTuples:
            fragments: StyleAndTextTuples = [("class:hint", _wrapped(AREA_HINT))]
            shown = entries()
            here_at = pointed[0] % len(shown)
            first, last = visible_range(len(shown), here_at, _list_rows())
            if first > 0:
                fragments.append(("class:hint", f"\n    ↑ {first} more"))
            for position, entry in enumerate(shown[first:last], start=first):
                here = position == here_at
                label = f'New area: "{entry.value}"' if entry.kind == "new" else entry.value
                style = "class:pointer" if here else ("class:new" if entry.kind == "new" else "")
                marker = "  " + (POINTER if here else "  ")
                fragments.append((style, "\n" + _wrapped(label, marker, " " * len(marker))))
                verdict = check(entry.value) if entry.kind == "new" else True
                if verdict is not True:
                    fragments.append(("class:problem", "\n" + _wrapped(
                        PROBLEM_MARK + str(verdict), "      ", "        ")))
            if last < len(shown):
                fragments.append(("class:hint", f"\n    ↓ {len(shown) - last} more"))
            return fragments

        bindings = KeyBindings()

        @bindings.add("up")
        def _up(event: KeyPressEvent) -> None:
            pointed[0] = (pointed[0] - 1) % len(entries())

        @bindings.add("down")
        def _down(event: KeyPressEvent) -> None:
            pointed[0] = (pointed[0] + 1) % len(entries())

        @bindings.add("enter")
        def _enter(event: KeyPressEvent) -> None:
            choice = entries()[pointed[0] % len(entries())]
            if choice.kind == "new" and check(choice.value) is not True:
                return
            buffer.text = choice.value if choice.kind != "other" else buffer.text
            event.app.exit(result=choice)

        layout = HSplit([_question_line(message, buffer), _status_window(listing)])
        pick: AreaPick = self._run(layout, bindings)
        return pick

    # --- menus --------------------------------------------------------------------------

    def choose(self, message: str, choices: Sequence[str], default: str | None = None) -> str:
        import questionary

        return str(self._questionary(questionary.select(
            message, choices=list(choices), default=default, **self.options
        )))

    def confirm(self, message: str, *, default: bool) -> bool:
        import questionary

        return bool(self._questionary(questionary.confirm(
            message, default=default, **self.options
        )))

    @staticmethod
    def _questionary(question: Any) -> Any:
        # unsafe_ask: questionary's ask() would print its own notice on Ctrl-C and return
        # None; the CLI's one message and exit status come from Cancelled.
        try:
            answer = question.unsafe_ask()
        except (KeyboardInterrupt, EOFError):
            raise Cancelled from None
        if answer is None:
            raise Cancelled
        return answer
