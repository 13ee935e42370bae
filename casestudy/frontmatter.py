"""YAML front matter: the block between a leading `---` line and the next `---` (or `...`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_OPENING_RE = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
_CLOSING_RE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.MULTILINE)


class FrontMatterError(ValueError):
    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class FrontMatter:
    data: dict[str, Any]
    body_start: int  # offset of the first character after the closing delimiter
    body_line: int  # 1-based line number where the body starts


def split_front_matter(text: str) -> FrontMatter | None:
    """None when the document has no front matter; FrontMatterError when it is broken."""
    opening = _OPENING_RE.match(text)
    if opening is None:
        return None
    closing = _CLOSING_RE.search(text, opening.end())
    if closing is None:
        raise FrontMatterError("front matter opened with '---' is never closed")
    import yaml  # deferred: only documents with front matter pay for PyYAML

    try:
        data = yaml.safe_load(text[opening.end() : closing.start()])
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = 2 + mark.line if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error)
        raise FrontMatterError(f"front matter is not valid YAML: {problem}", line) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError("front matter must be a mapping of keys to values")
    body_line = text.count("\n", 0, closing.end()) + 1
    return FrontMatter(data, closing.end(), body_line)


def read_front_matter(text: str) -> dict[str, Any]:
    """The front matter's mapping; FrontMatterError when there is none or it is broken."""
    front = split_front_matter(text)
    if front is None:
        raise FrontMatterError("the document has no front matter")
    return front.data
