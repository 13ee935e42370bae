"""One set of rules for every answer, however it arrived: prompts, --no-input, extra context,
replay, or `casestudy new`.

Each rule is a validator that returns True or a message (copier's convention), so interactive
front ends can re-ask one field while batch paths collect every problem at once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from casestudy.directory.names import MAX_SLUG, SLUG_RE
from casestudy.errors import AnswerError
from casestudy.format.controls import is_unsafe, python_escape
from casestudy.format.sections import SEED_FOCUS_AREAS

Validator = Callable[[str], "bool | str"]

MAX_NAME = 80
MAX_FOCUS_AREA = 80
MAX_METRIC = 60
# Six digits: room for very large directories, and folder names that still read at a glance.
MAX_NUMBER = 999_999
METRIC_KEYS = ("metric_1", "metric_2", "metric_3")
FREE_TEXT_KEYS = frozenset({"system_name", "focus_area", *METRIC_KEYS})

_TEMPLATE_SYNTAX_RE = re.compile(r"\{\{|\{%|\{#|%\}|\}\}|#\}")
_HTML_TAG_RE = re.compile(r"<\s*/?\s*[A-Za-z!?]")
# What GitHub turns into a link even in escaped text (its autolink extension runs after
# backslash escapes are read): a scheme's `://` or a `www.` host.
_WEB_ADDRESS_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://|\bwww\.", re.IGNORECASE)
_DIGIT_RE = re.compile(r"\d")


def _text_problem(value: str, max_length: int) -> str | None:
    """Rules shared by every free-text answer: one line of plain text."""
    if "\n" in value or "\r" in value or any(
        unicodedata.category(char) in ("Zl", "Zp") for char in value
    ):
        return "must be one line (no line or paragraph separators)"
    unsafe = next((char for char in value if is_unsafe(char)), None)
    if unsafe is not None:
        return (
            f"must not contain control or invisible characters (it holds "
            f"{python_escape(unsafe)}: zero-width, bidirectional and other format characters "
            "change how the text reads without showing)"
        )
    if _TEMPLATE_SYNTAX_RE.search(value):
        return "must not contain template syntax such as '{{', '{%' or '{#'"
    if _HTML_TAG_RE.search(value):
        return "must be plain text, not an HTML tag"
    if _WEB_ADDRESS_RE.search(value):
        return "must be plain text, not a web address (it would become a link in the index)"
    if len(value) > max_length:
        return f"must be at most {max_length} characters (it has {len(value)})"
    return None


def validate_system_name(value: str) -> bool | str:
    if not value.strip():
        return "is required: the case study's title, e.g. 'Fraud Feature Store'"
    return _text_problem(value.strip(), MAX_NAME) or True


def validate_focus_area(value: str) -> bool | str:
    if not value.strip():
        return "is required, e.g. 'Feature stores'"
    return _text_problem(value.strip(), MAX_FOCUS_AREA) or True


def validate_metric(value: str, *, required: bool = False) -> bool | str:
    text = value.strip()
    if not text:
        return "is required, e.g. '2.1B vectors'" if required else True
    problem = _text_problem(text, MAX_METRIC)
    if problem:
        return problem
    if not _DIGIT_RE.search(text):
        return "must contain a number, e.g. '2.1B vectors', '87ms p99 latency' or '$0.0012/query'"
    # The typed parser is the judge (shared with `casestudy new` and the checker): a digit
    # that only names a percentile (p99) or a measure (NDCG@10) is not a figure.
    from casestudy.format.metrics import MetricError, parse_metric

    try:
        parse_metric(text)
    except MetricError:
        return (
            "must contain a figure, not only a percentile such as p99 or a name such as "
            "NDCG@10, e.g. '87ms p99 latency' or '0.78 NDCG@10'"
        )
    return True


def validate_required_metric(value: str) -> bool | str:
    return validate_metric(value, required=True)


def validate_slug(value: str) -> bool | str:
    if not value:
        return (
            "is empty: the system name has no letters or digits to make one from; "
            "give one such as 'fraud_feature_store'"
        )
    if len(value) > MAX_SLUG:
        return f"must be at most {MAX_SLUG} characters (it has {len(value)})"
    if not SLUG_RE.fullmatch(value):
        return (
            "may hold only lowercase ASCII letters, digits and '_', starting with a letter "
            "or digit (no '/', '.' or spaces), e.g. 'fraud_feature_store'"
        )
    return True


def validate_number(value: str) -> bool | str:
    text = value.strip()
    if text.lower() == "auto":
        return True
    if not text.isdigit() or not text.isascii():
        return "must be 'auto' or a whole number such as 6"
    return number_problem(int(text)) or True


def number_problem(number: int) -> str | None:
    """The one numbering rule, for a number given and for one chosen by 'auto' alike."""
    if not 1 <= number <= MAX_NUMBER:
        return f"must be between 1 and {MAX_NUMBER}"
    return None


LAYOUTS = ("auto", "folder", "flat")


def validate_layout(value: str) -> bool | str:
    """`auto` follows the directory's own case studies; `folder` makes NN_slug/README.md,
    `flat` NN_slug.md."""
    if value.strip().lower() in ("", *LAYOUTS):  # empty: not given, so auto
        return True
    return "must be 'auto' (the layout the directory already uses), 'folder' or 'flat'"


@dataclass(frozen=True)
class Question:
    """One answer a case study needs: how to ask for it and how to check it."""

    name: str
    prompt: str
    example: str
    validate: Validator


QUESTIONS: tuple[Question, ...] = (
    Question("system_name", "System name (the case study's title)", "Fraud Feature Store",
             validate_system_name),
    Question("focus_area", "Focus area", "Feature stores", validate_focus_area),
    Question("metric_1", "Headline metric 1 (required)", "2.1B vectors",
             validate_required_metric),
    Question("metric_2", "Headline metric 2 (optional)", "87ms p99 latency", validate_metric),
    Question("metric_3", "Headline metric 3 (optional)", "$0.0012/query", validate_metric),
    Question("slug", "Slug (folder name after the number)", "fraud_feature_store",
             validate_slug),
    Question("number", "Number ('auto' takes the next free one)", "auto", validate_number),
    Question("layout", "Layout (auto, folder or flat)", "auto", validate_layout),
)
QUESTIONS_BY_NAME: dict[str, Question] = {question.name: question for question in QUESTIONS}


@dataclass(frozen=True)
class Answers:
    """Answers that passed every rule, trimmed and with the focus area's spelling settled."""

    system_name: str
    focus_area: str
    metrics: tuple[str, ...]
    slug: str
    number: int | None  # None: 'auto', settled against the output directory later
    layout: str = "auto"  # auto, folder or flat


_KIND_NAMES = {list: "a list", dict: "an object", float: "a number", type(None): "null"}


def describe_problem(name: str, value: object, message: str) -> str:
    return f"{name} {_quote(value)} {message}."


def _quote(value: object) -> str:
    text = str(value)
    if len(text) > 100:
        text = text[:97] + "..."
    return repr(text)


def _comparable(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip()).casefold()


def canonical_focus_area(value: str, known_areas: Iterable[str]) -> str:
    """An area the directory already uses (or one of the seed's five) keeps its spelling."""
    wanted = _comparable(value)
    for area in (*known_areas, *SEED_FOCUS_AREAS):
        if _comparable(area) == wanted:
            return area.strip()
    return value.strip()


def validate_answers(
    raw: Mapping[str, object],
    *,
    known_focus_areas: Iterable[str] = (),
    raw_before_rendering: Mapping[str, object] | None = None,
) -> Answers:
    """Check every answer; raise AnswerError naming each bad variable, value and rule.

    `raw_before_rendering` is what the user supplied before cookiecutter rendered it (its
    `_cookiecutter` copy). The template's extension renders answers as themselves, so the
    two agree; comparing them still refuses template syntax should an answer ever arrive
    rendered (a cookiecutter that bypasses the extension's rule).
    """
    problems: list[str] = []
    values: dict[str, str] = {}
    for question in QUESTIONS:
        value = raw.get(question.name, "")
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            # A crafted replay file can hold a list or an object where text belongs.
            problems.append(describe_problem(
                question.name, value,
                f"must be text, not {_KIND_NAMES.get(type(value), type(value).__name__)}"))
            continue
        # NFC: a name typed with a combining accent is the same name as the precomposed one.
        text = unicodedata.normalize("NFC", str(value))
        values[question.name] = text
        verdict = question.validate(text)
        if verdict is not True:
            problems.append(describe_problem(question.name, text, str(verdict)))
            continue
        original = (raw_before_rendering or {}).get(question.name)
        # The slug's default is itself a template, and whatever it renders to has just
        # passed the slug rule; free text must never have been a template.
        if (
            question.name in FREE_TEXT_KEYS
            and isinstance(original, str)
            and _TEMPLATE_SYNTAX_RE.search(original)
        ):
            problems.append(describe_problem(
                question.name, original,
                "must not contain template syntax such as '{{', '{%' or '{#'"))
    if problems:
        raise AnswerError(problems)
    number_text = values["number"].strip().lower()
    return Answers(
        system_name=values["system_name"].strip(),
        focus_area=canonical_focus_area(values["focus_area"], known_focus_areas),
        metrics=tuple(values[key].strip() for key in METRIC_KEYS if values[key].strip()),
        slug=values["slug"],
        number=None if number_text == "auto" else int(number_text),
        layout=values["layout"].strip().lower() or "auto",
    )
