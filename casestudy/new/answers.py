"""The answers `casestudy new` collects, and every check they pass before anything is written.

Both front doors (the prompts and the flags) end here, so one set of rules applies: the shared
validation module, the typed metric parser, the directory's numbering, and the template's own
safety check (no edited case study overwritten, an index table ready for the row).
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path

from casestudy.directory.names import MAX_SLUG
from casestudy.directory.state import DirectoryState, read_directory
from casestudy.format.metrics import Metric, MetricError, parse_metric
from casestudy.template.plan import CaseStudy, plan_case_study
from casestudy.template.validation import (
    METRIC_KEYS,
    QUESTIONS_BY_NAME,
    validate_metric,
)

MAX_METRICS = len(METRIC_KEYS)
SIMILAR_TITLE_CUTOFF = 0.8


def default_slug(name: str) -> str:
    """The slug cookiecutter.json's default would give: the same slugify, the same options."""
    from slugify import slugify

    return str(slugify(name, separator="_", max_length=MAX_SLUG, word_boundary=True))


def raw_answers(
    name: str,
    focus_area: str,
    metrics: Sequence[str],
    slug: str | None = None,
    number: str | None = None,
    layout: str | None = None,
) -> dict[str, str]:
    """Answers under cookiecutter.json's variable names; a missing slug comes from the name."""
    answers = {
        "system_name": name,
        "focus_area": focus_area,
        "slug": default_slug(name) if slug is None else slug,
        "number": number or "auto",
        "layout": layout or "auto",
    }
    for position, key in enumerate(METRIC_KEYS):
        answers[key] = metrics[position] if position < len(metrics) else ""
    return answers


def check_field(name: str, value: str) -> bool | str:
    """One answer's verdict, worded to stand alone (for a prompt that re-asks just it)."""
    question = QUESTIONS_BY_NAME[name]
    if name in METRIC_KEYS:
        return check_metric(value, required=name == METRIC_KEYS[0])
    verdict = question.validate(value)
    if verdict is True:
        return True
    return f"{_NOUNS[name]} {verdict}"


_NOUNS = {
    "system_name": "The system name",
    "focus_area": "The focus area",
    "slug": "The slug",
    "number": "The number",
}


def check_metric(text: str, *, required: bool) -> bool | str:
    """The shared metric rule (which asks the typed parser), worded to stand alone."""
    verdict = validate_metric(text, required=required)
    return True if verdict is True else f"The metric {verdict}"


def parsed_metric(text: str) -> Metric | None:
    try:
        return parse_metric(text.strip())
    except MetricError:
        return None


def plan_new_case_study(
    raw: Mapping[str, object],
    output_dir: Path,
    template: Path,
    *,
    state: DirectoryState | None = None,
) -> CaseStudy:
    """Everything that can go wrong, found before a byte is written; raises CaseStudyError."""
    from casestudy.template.extension import check_safe_to_render

    state = state or read_directory(output_dir)
    case_study = plan_case_study(raw, output_dir, state=state)
    check_safe_to_render(case_study, state, template)
    return case_study


def _comparable_title(title: str) -> str:
    return comparable_titles([title])[0]


def comparable_titles(titles: Sequence[str]) -> list[str]:
    """Titles as they are compared: NFC first ("Café" typed with a combining accent is the
    title already listed), case folded, every run of punctuation and spacing one space.

    An index may hold a hundred thousand titles, so each step is one pass over all of them,
    joined by line feeds (a line feed inside a title is the space it would become anyway):
    normalising and folding leave line feeds as they are, and what is not a letter or digit
    becomes a space through a table of the characters the titles hold."""
    if not titles:
        return []
    joined = "\n".join(title.replace("\n", " ") for title in titles)
    folded = unicodedata.normalize("NFC", joined).casefold()
    spaces = {ord(char): " " for char in set(folded) if not char.isalnum() and char != "\n"}
    return [" ".join(line.split()) for line in folded.translate(spaces).split("\n")]


def similar_title(name: str, titles: Sequence[str]) -> str | None:
    """The existing title `name` most resembles ("Vector DB Scale" ~ "Vector Database
    Scale", "RAG Production System" ~ "RAG System Production"), if any comes close.

    A long index is mostly titles that share too few characters to come close: the ratio
    can be no higher than twice the characters the two have in common over their lengths
    (difflib's `quick_ratio` bound, the same for both word orders), which one pass over all
    the titles bounds from above, so the full comparison runs only for the few that could
    pass."""
    if not titles:
        return None
    wanted = _comparable_title(name)
    wanted_words = " ".join(sorted(wanted.split()))
    candidates = comparable_titles(titles)
    # Each candidate without the characters `wanted` has: what is left cannot be in common.
    unshared = "\n".join(candidates).translate(dict.fromkeys(map(ord, set(wanted))))
    best: tuple[float, str] | None = None
    for title, candidate, rest in zip(titles, candidates, unshared.split("\n"), strict=True):
        common = min(len(wanted), len(candidate) - len(rest))
        if 2.0 * common < SIMILAR_TITLE_CUTOFF * (len(wanted) + len(candidate)):
            continue
        candidate_words = " ".join(sorted(candidate.split()))
        score = max(
            difflib.SequenceMatcher(None, wanted, candidate).ratio(),
            difflib.SequenceMatcher(None, wanted_words, candidate_words).ratio(),
        )
        if score >= SIMILAR_TITLE_CUTOFF and (best is None or score > best[0]):
            best = (score, title)
    return None if best is None else best[1]


def index_titles(state: DirectoryState) -> list[str]:
    return state.index.titles if state.index is not None else []


def known_focus_areas(state: DirectoryState) -> list[str]:
    """The areas the index already uses, then the seed's five, each spelling once."""
    from casestudy.format.sections import SEED_FOCUS_AREAS

    areas: dict[str, str] = {}
    for area in (*state.focus_areas, *SEED_FOCUS_AREAS):
        areas.setdefault(area.strip().casefold(), area.strip())
    return list(areas.values())


def check_slug_in(state: DirectoryState, value: str) -> bool | str:
    """The slug rule, then the directory: a slug already used is refused as it is typed."""
    verdict = check_field("slug", value)
    if verdict is not True:
        return verdict
    existing = state.with_slug(value)
    if existing:
        return (
            f"The slug '{value}' is taken: {state.root / existing[0].name} already exists. "
            "Choose another slug."
        )
    return True


def check_number_in(state: DirectoryState, value: str, slug: str | None) -> bool | str:
    """The number rule, then the directory: a number another case study has is refused."""
    verdict = check_field("number", value)
    if verdict is not True:
        return verdict
    text = value.strip()
    if text.lower() == "auto":
        return True
    taken = [study for study in state.with_number(int(text)) if study.slug != slug]
    if taken:
        return (
            f"Number {int(text)} is taken by {state.root / taken[0].name}. Type 'auto' (the "
            f"next free one is {state.next_number()}) or another number."
        )
    return True


def same_title(name: str, titles: Sequence[str]) -> str | None:
    """The existing title `name` is, ignoring case, spacing and punctuation, if any."""
    wanted = _comparable_title(name)
    matches = zip(titles, comparable_titles(titles), strict=True)
    return next((title for title, candidate in matches if candidate == wanted), None)
