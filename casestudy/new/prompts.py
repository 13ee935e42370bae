"""The questionary conversation behind `casestudy new` in a terminal.

Cookiecutter's own prompts abort on a bad answer; here each answer is checked as it is typed
and a bad one is asked again, the focus area is a filtered choice, metrics are shown as parsed,
and nothing is written until the author has seen the preview and chosen to generate.
Only this module imports questionary, so the --no-input path never pays for it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import questionary
from prompt_toolkit.application import get_app

from casestudy.directory.state import DirectoryState
from casestudy.errors import Cancelled, CaseStudyError
from casestudy.format.controls import escape_controls
from casestudy.new.answers import (
    MAX_METRICS,
    check_field,
    check_metric,
    default_slug,
    index_titles,
    known_focus_areas,
    parsed_metric,
    plan_new_case_study,
    raw_answers,
    similar_title,
)
from casestudy.new.preview import build_preview
from casestudy.template.plan import CaseStudy

OTHER_AREA = "Other…"
GENERATE, EDIT, CANCEL = "Generate the case study", "Edit a field", "Cancel"
# Examples from the seed directory's index, one per metric prompt.
METRIC_EXAMPLES = ("8.4B queries/month", "87ms p99 latency", "$0.0012/query")
FIELDS = {
    "System name": "system_name",
    "Focus area": "focus_area",
    "Headline metrics": "metrics",
    "Slug": "slug",
    "Number": "number",
}


def _current_text() -> str:
    return str(get_app().current_buffer.text)


class NewCaseStudyFlow:
    """Asks for what `given` (the command-line flags) leaves open, then previews.

    `prompt_options` go to every questionary prompt (tests pass a pipe input and a dummy
    output); `say` shows the author what was understood.
    """

    def __init__(
        self,
        state: DirectoryState,
        template: Path,
        given: Mapping[str, Any],
        *,
        prompt_options: Mapping[str, Any] | None = None,
        say: Callable[[str], None] = print,
    ) -> None:
        self.state = state
        self.template = template
        self.options = dict(prompt_options or {})
        self.say = say
        self.name: str = given.get("system_name") or ""
        self.focus_area: str = given.get("focus_area") or ""
        self.metrics: list[str] = list(given.get("metrics") or [])
        self.slug: str | None = given.get("slug")
        self.number: str = given.get("number") or "auto"

    # --- the conversation ---------------------------------------------------------------

    def run(self, *, confirm: bool = True) -> CaseStudy:
        """The case study the author chose to generate (or, without `confirm`, the one the
        preview showed). Raises Cancelled on Ctrl-C or "Cancel"."""
        if not self.name:
            self.ask_name()
        if not self.focus_area:
            self.ask_focus_area()
        if not self.metrics:
            self.ask_metrics()
        if self.slug is None:
            self.ask_slug()
        return self.preview_until_decided(confirm=confirm)

    def ask_name(self) -> None:
        old_default_slug = default_slug(self.name) if self.name else None
        while True:
            name = self._ask(questionary.text(
                "System name (the case study's title):",
                default=self.name,
                validate=lambda value: check_field("system_name", value),
                instruction="e.g. Fraud Feature Store",
                **self.options,
            )).strip()
            twin = similar_title(name, index_titles(self.state))
            if twin is None or self._ask(questionary.confirm(
                f'"{name}" closely resembles "{escape_controls(twin)}", already in '
                f"{self.state.index_path}. "
                "Start a separate case study with this name anyway?",
                default=False,
                **self.options,
            )):
                break
            self.name = name
        self.name = name
        if self.slug is not None and self.slug == old_default_slug:
            self.slug = default_slug(name)  # it followed the old name, so it follows the new

    def ask_focus_area(self) -> None:
        areas = known_focus_areas(self.state)
        current = next((area for area in areas if area.casefold() == self.focus_area.casefold()),
                       None)
        choice = self._ask(questionary.select(
            "Focus area:",
            choices=[*areas, OTHER_AREA],
            default=current,
            use_search_filter=True,
            use_jk_keys=False,
            instruction="(type to filter, arrows to move, Enter to choose)",
            **self.options,
        ))
        if choice != OTHER_AREA:
            self.focus_area = choice
            return
        self.focus_area = self._ask(questionary.text(
            "Focus area (a new one):",
            default="" if current else self.focus_area,
            validate=lambda value: check_field("focus_area", value),
            instruction="e.g. Graph databases for fraud detection",
            **self.options,
        )).strip()

    def ask_metrics(self) -> None:
        previous, self.metrics = self.metrics, []
        for position in range(1, MAX_METRICS + 1):
            required = position == 1
            text = self._ask(questionary.text(
                f"Headline metric {position}"
                + (" (required):" if required else " (optional, Enter to finish):"),
                default=previous[position - 1] if position <= len(previous) else "",
                validate=lambda value, required=required: check_metric(value, required=required),
                instruction=f"e.g. {METRIC_EXAMPLES[position - 1]}",
                bottom_toolbar=_live_parse,
                **self.options,
            )).strip()
            if not text:
                break
            metric = parsed_metric(text)
            if metric is not None:
                self.say(f"  understood as {metric.describe()}")
            self.metrics.append(text)

    def ask_slug(self) -> None:
        offered = self.slug if self.slug is not None else default_slug(self.name)
        self.slug = self._ask(questionary.text(
            "Slug (the folder's name after its number):",
            default=offered,
            validate=lambda value: check_field("slug", value),
            instruction=f"lowercase letters, digits and _; as offered: {self.folder_for(offered)}/",
            bottom_toolbar=lambda: f"will create {self.folder_for(_current_text())}/",
            **self.options,
        ))
        self.say(f"  folder: {self.folder_for(self.slug)}/")

    def ask_number(self) -> None:
        self.number = self._ask(questionary.text(
            "Number ('auto' takes the next free one):",
            default=self.number,
            validate=lambda value: check_field("number", value),
            **self.options,
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
            decision = self._ask(questionary.select(
                "Generate it?", choices=[GENERATE, EDIT, CANCEL], **self.options
            ))
            if decision == GENERATE:
                return case_study
            if decision == CANCEL:
                raise Cancelled
            self.edit_a_field()

    def edit_a_field(self) -> None:
        field = FIELDS[self._ask(questionary.select(
            "Which field?", choices=list(FIELDS), **self.options
        ))]
        {
            "system_name": self.ask_name,
            "focus_area": self.ask_focus_area,
            "metrics": self.ask_metrics,
            "slug": self.ask_slug,
            "number": self.ask_number,
        }[field]()

    # --- helpers ------------------------------------------------------------------------

    def answers(self) -> dict[str, str]:
        return raw_answers(self.name, self.focus_area, self.metrics, self.slug, self.number)

    def folder_for(self, slug: str) -> Path:
        existing = self.state.with_slug(slug)
        if existing:
            return self.state.root / existing[0].name
        number = self.number.strip()
        settled = int(number) if number.isdigit() else self.state.next_number()
        return self.state.root / f"{settled:02d}_{slug}"

    def _ask(self, question: questionary.Question) -> Any:
        # unsafe_ask: questionary's ask() would print its own notice on Ctrl-C and return
        # None; the CLI's one message and exit status (130) come from Cancelled.
        try:
            answer = question.unsafe_ask()
        except (KeyboardInterrupt, EOFError):
            raise Cancelled from None
        if answer is None:
            raise Cancelled
        return answer


def _live_parse() -> str:
    """The bottom line under a metric prompt: how the text typed so far is understood."""
    text = _current_text().strip()
    if not text:
        return "a figure with its unit: value, unit, per-unit, percentile"
    metric = parsed_metric(text)
    return f"understood as {metric.describe()}" if metric else "no number yet"
