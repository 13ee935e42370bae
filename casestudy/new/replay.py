"""Answers from a cookiecutter replay file (`casestudy new --replay FILE`), read so that a
crafted or damaged file is a clear message, never a traceback.

The file is the JSON cookiecutter writes to ~/.cookiecutter_replay/ after a generation,
`{"cookiecutter": {"system_name": ..., ...}}`. Only the answers are taken from it: settings
such as `_extensions` or `_template` are the template's own and are never read from a file.
Each value then passes the same validation as every other answer (a list where text belongs
is refused there, by name).
"""

from __future__ import annotations

import json
from pathlib import Path

from casestudy.errors import CaseStudyError
from casestudy.template.validation import QUESTIONS

ANSWER_KEYS = tuple(question.name for question in QUESTIONS)
_SHAPE = (
    "A replay file is the JSON cookiecutter writes to ~/.cookiecutter_replay/ after a "
    'generation: {"cookiecutter": {"system_name": "...", "focus_area": "...", '
    '"metric_1": "...", ...}}. Nothing was created.'
)


def read_replay(path: Path) -> dict[str, object]:
    """The answers the replay file holds (only the keys a case study asks for)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CaseStudyError(f"The replay file {path} is not UTF-8 text. {_SHAPE}") from None
    except OSError as error:
        raise CaseStudyError(
            f"Cannot read the replay file {path}: {error.strerror or error}. {_SHAPE}"
        ) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise CaseStudyError(
            f"The replay file {path} is not valid JSON ({error.msg} at line {error.lineno}, "
            f"column {error.colno}). {_SHAPE}"
        ) from None
    context = document.get("cookiecutter") if isinstance(document, dict) else None
    if not isinstance(context, dict):
        raise CaseStudyError(
            f'The replay file {path} has no "cookiecutter" object holding the answers. {_SHAPE}'
        )
    return {key: context[key] for key in ANSWER_KEYS if key in context}
