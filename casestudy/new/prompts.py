"""The conversation behind `casestudy new` in a terminal.

Cookiecutter's own prompts abort on a bad answer; here each answer is checked as it is typed,
against its rule and against the directory (a taken slug or number), and a bad one is asked
again; the focus area is a filtered list that also takes a new area; metrics are shown as
parsed; nothing is written until the author has seen the preview and chosen to generate.
How questions reach the screen is the asker's business (casestudy.new.asking).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from casestudy.directory.state import DirectoryState, read_directory
from casestudy.errors import CancelledByChoice, CaseStudyError, IndexTableError
from casestudy.format.controls import escape_controls
from casestudy.new.answers import (
    MAX_METRICS,
    check_field,
    check_metric,
    check_number_in,
    check_slug_in,
    default_slug,
    index_titles,
    known_focus_areas,
    parsed_metric,
    plan_new_case_study,
    raw_answers,
    same_title,
    similar_title,
)
from casestudy.new.asking import Asker, TextQuestion, wants_plain_prompts
from casestudy.new.preview import build_preview
from casestudy.template.plan import CaseStudy

OTHER_AREA = "Other…"
GENERATE, EDIT, CANCEL = "Generate the case study", "Edit a field", "Cancel"
ANOTHER_NAME, STOP = "Choose another name", "Stop (nothing is written)"
ADD_TABLE = "Add the index table to the README"
# Examples from the seed directory's index, one per metric prompt.
METRIC_EXAMPLES = ("8.4B queries/month", "87ms p99 latency", "$0.0012/query")
FIELDS = {
    "System name": "system_name",
    "Focus area": "focus_area",
    "Headline metrics": "metrics",
    "Slug": "slug",
    "Number": "number",
}


def default_asker(prompt_options: Mapping[str, Any] | None = None) -> Asker:
    """Plain line prompts where the terminal cannot move its cursor, else prompt_toolkit."""
    if wants_plain_prompts() and not prompt_options:
        from casestudy.new.lines import LineAsker

        return LineAsker()
    from casestudy.new.terminal import TerminalAsker

    return TerminalAsker(prompt_options)


class NewCaseStudyFlow:
    """Asks for what `given` (the command-line flags) leaves open, then previews.

    `prompt_options` go to the terminal asker (tests pass a pipe input and a dummy output);
    `asker` replaces it outright; `say` shows the author what was understood.
    """

    def __init__(
        self,
        state: DirectoryState,
        template: Path,
        given: Mapping[str, Any],
        *,
        prompt_options: Mapping[str, Any] | None = None,
        asker: Asker | None = None,
        say: Callable[[str], None] = print,
    ) -> None:
        self.state = state
        self.template = template
        self.ask = asker or default_asker(prompt_options)
        self.say = say
        self.name: str = given.get("system_name") or ""
        self.focus_area: str = given.get("focus_area") or ""
        self.metrics: list[str] = list(given.get("metrics") or [])
        self.slug: str | None = given.get("slug")
        self.number: str = given.get("number") or "auto"
        self.layout: str = given.get("layout") or "auto"

    # --- the conversation ---------------------------------------------------------------

    def run(self, *, confirm: bool = True) -> CaseStudy:
        """The case study the author chose to generate (or, without `confirm`, the one the
        preview showed). Raises Cancelled on Ctrl-C, CancelledByChoice on "Cancel"."""
        self.settle_index_table(may_write=confirm)
        if not self.name:
            self.ask_name()
        if not self.focus_area:
            self.ask_focus_area()
        if not self.metrics:
            self.ask_metrics()
        if self.slug is None:
            self.ask_slug()
        return self.preview_until_decided(confirm=confirm)

    def settle_index_table(self, *, may_write: bool) -> None:
        """A README without an index table can take no row: say so before the first
        question, and offer to add the table (shown first, then appended atomically)."""
        from casestudy.index.edit import add_index_table, index_table_addition

        state = self.state
        if state.index_text is None or state.index is not None:
            return
        problem = (
            f"{state.index_path} has no index table (a table whose header is Case Study | "
            "Key Metrics | Focus Area), so a new case study's row has nowhere to go."
        )
        if not may_write:
            raise IndexTableError(
                f"{problem} A dry run writes nothing: add the table (or run without --dry-run "
                "and let casestudy new add it), then run again."
            )
        addition = index_table_addition(state.index_text)
        shown = "\n".join("    " + line for line in addition.strip("\r\n").splitlines())
        self.say(f"{problem}\nAdding it appends these lines to the end of the README; "
                 f"nothing else in it changes:\n{shown}\n")
        if self.ask.choose("Add the index table?", [ADD_TABLE, STOP]) == STOP:
            raise IndexTableError(
                f"{problem} Nothing was written. Add the table by hand (or let casestudy new "
                "add it) and run again."
            )
        add_index_table(state.index_path, state.index_text)
        self.state = read_directory(state.root)
        self.say(f"  added the index table to {state.index_path}")

    def ask_name(self) -> None:
        old_default_slug = default_slug(self.name) if self.name else None
        while True:
            name = self.ask.text(TextQuestion(
                "System name (the case study's title):",
                check=lambda value: check_field("system_name", value),
                default=self.name,
                hint="e.g. Fraud Feature Store",
            )).strip()
            titles = index_titles(self.state)
            existing = same_title(name, titles)
            if existing is not None:
                self.say(f'"{escape_controls(existing)}" is already a case study in '
                         f"{self.state.index_path}.")
                if self.ask.choose("What now?", [ANOTHER_NAME, STOP]) == STOP:
                    raise CancelledByChoice
                self.name = name
                continue
            twin = similar_title(name, titles)
            if twin is None or self.ask.confirm(
                # The twin is an index row's text, written by whoever edited the README.
                f'"{name}" closely resembles "{escape_controls(twin)}", already in '
                f"{self.state.index_path}. "
                "Start a separate case study with this name anyway?",
                default=False,
            ):
                break
            self.name = name
        self.name = name
        if self.slug is not None and self.slug == old_default_slug:
            self.slug = default_slug(name)  # it followed the old name, so it follows the new

    def ask_focus_area(self) -> None:
        areas = known_focus_areas(self.state)
        current = next((area for area in areas if area.casefold() == self.focus_area.casefold()),
                       None)
        check = functools.partial(check_field, "focus_area")
        while True:
            pick = self.ask.pick_area("Focus area:", areas, OTHER_AREA, current, check)
            if pick.kind == "listed":
                self.focus_area = pick.value
                return
            if pick.kind == "new":
                if self.ask.confirm(f'New focus area "{pick.value}"?', default=True):
                    self.focus_area = pick.value.strip()
                    return
                continue
            self.focus_area = self.ask.text(TextQuestion(
                "Focus area (a new one):",
                check=check,
                default="" if current else self.focus_area,
                hint="e.g. Graph databases for fraud detection",
            )).strip()
            return

    def ask_metrics(self) -> None:
        previous, self.metrics = self.metrics, []
        for position in range(1, MAX_METRICS + 1):
            required = position == 1
            example = METRIC_EXAMPLES[position - 1]
            text = self.ask.text(TextQuestion(
                f"Headline metric {position}"
                + (" (required):" if required else " (optional, Enter to finish):"),
                check=functools.partial(check_metric, required=required),
                default=previous[position - 1] if position <= len(previous) else "",
                hint=f"a figure with its unit, e.g. {example}"
                + ("" if required else "; Enter with nothing typed to finish"),
                describe=_understood_as,
            )).strip()
            if not text:
                break
            self.say(f"  {_understood_as(text)}")
            self.metrics.append(text)

    def ask_slug(self) -> None:
        offered = self.slug if self.slug is not None else default_slug(self.name)
        self.slug = self.ask.text(TextQuestion(
            "Slug (the folder's name after its number):",
            check=lambda value: check_slug_in(self.state, value),
            default=offered,
            hint="lowercase letters, digits and _",
            describe=lambda value: f"will create {self.folder_for(value)}",
        ))
        self.say(f"  {'file' if self._flat() else 'folder'}: {self.folder_for(self.slug)}")

    def ask_number(self) -> None:
        self.number = self.ask.text(TextQuestion(
            "Number ('auto' takes the next free one):",
            check=lambda value: check_number_in(self.state, value, self.slug),
            default=self.number,
            hint=f"'auto' or a whole number; the next free one is {self.state.next_number()}",
            describe=lambda value: f"will create {self._folder(value, self.slug or '')}",
        )).strip()

    def preview_until_decided(self, *, confirm: bool) -> CaseStudy:
        while True:
            try:
                case_study = plan_new_case_study(
                    self.answers(), self.state.root, self.template, state=self.state
                )
            except CaseStudyError as error:
                self.say(f"Cannot generate this yet: {error}")
                if not confirm:
                    raise
                self.edit_a_field()
                continue
            self.say("\n" + build_preview(case_study, self.state, self.template).render() + "\n")
            if not confirm:
                return case_study
            decision = self.ask.choose("Generate it?", [GENERATE, EDIT, CANCEL])
            if decision == GENERATE:
                return case_study
            if decision == CANCEL:
                raise CancelledByChoice
            self.edit_a_field()

    def edit_a_field(self) -> None:
        # Cancel is offered here too: when the preview could not be built, this menu is the
        # only way on, and every field might lead back to the same refusal.
        choice = self.ask.choose("Which field?", [*FIELDS, CANCEL])
        if choice == CANCEL:
            raise CancelledByChoice
        field = FIELDS[choice]
        {
            "system_name": self.ask_name,
            "focus_area": self.ask_focus_area,
            "metrics": self.ask_metrics,
            "slug": self.ask_slug,
            "number": self.ask_number,
        }[field]()

    # --- helpers ------------------------------------------------------------------------

    def answers(self) -> dict[str, str]:
        return raw_answers(
            self.name, self.focus_area, self.metrics, self.slug, self.number, self.layout
        )

    def folder_for(self, slug: str) -> str:
        """What the case study will be, as shown: `…/06_slug/`, or `…/06_slug.md` when flat."""
        return self._folder(self.number, slug)

    def _flat(self) -> bool:
        return (self.state.layout() if self.layout == "auto" else self.layout) == "flat"

    def _folder(self, number_text: str, slug: str) -> str:
        existing = self.state.with_slug(slug)
        if existing:
            return f"{self.state.root / existing[0].name}{'' if existing[0].flat else '/'}"
        number = number_text.strip()
        settled = int(number) if number.isdigit() else self.state.next_number()
        name = self.state.root / f"{settled:02d}_{slug}"
        return f"{name}.md" if self._flat() else f"{name}/"


def _understood_as(text: str) -> str:
    """How a metric that passed its rule is read (the rule asked the same parser)."""
    metric = parsed_metric(text)
    return f"understood as {metric.describe()}" if metric else ""
