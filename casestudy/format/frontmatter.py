"""YAML front matter: the block between a leading `---` line and the next `---` (or `...`).

Front matter is a block of `key: value` lines: a document whose opening `---` is followed
by prose or a heading (its first line that is not blank is no `key:` line) begins with a
thematic break, and has no front matter at all.

Read in the template's own plain shape without PyYAML when it can be (`yaml_subset`, proven to
agree with it), and through PyYAML (libyaml's loader where built in) otherwise. Imports only
`re` up front: the checker reads a thousand of these per run.
"""

from __future__ import annotations

import re
from typing import Any

from casestudy.format.yaml_subset import parse_simple

_OPENING_RE = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
# The closing line, found from the newline before it: a pattern starting with a newline lets
# the regex engine skip from one to the next rather than try every position of the text.
_CLOSING_RE = re.compile(r"\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\r?\Z)")
# What the first line that is not blank after the opening `---` must be for a block to be front
# matter: a `key:` line (a plain or quoted key, then a space or the line's end), or the closing
# line of an empty block.
_FIRST_LINE_RE = re.compile(
    r"(?:[ \t]*\r?\n)*(?:"
    r"[ \t]*(?:[A-Za-z_][\w.-]*|\"[^\"\n]*\"|'[^'\n]*')[ \t]*:(?:[ \t]|\r?\n|\Z)"
    r"|(?:---|\.\.\.)[ \t]*(?:\r?\n|\r?\Z))"
)


class FrontMatterError(ValueError):
    """Broken front matter: `line` is where (1-based), `body_start` where the body begins."""

    def __init__(self, message: str, line: int = 1, body_start: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.body_start = body_start


class FrontMatter:
    __slots__ = ("body_line", "body_start", "data", "source")

    def __init__(self, data: dict[str, Any], source: str, body_start: int, body_line: int):
        self.data = data
        self.source = source  # the YAML text between the delimiters
        self.body_start = body_start  # offset of the first character after the closing line
        self.body_line = body_line  # 1-based line number where the body starts


def split_front_matter(text: str) -> FrontMatter | None:
    """None when the document has no front matter; FrontMatterError when it is broken."""
    opening = _OPENING_RE.match(text)
    if opening is None or _FIRST_LINE_RE.match(text, opening.end()) is None:
        return None  # no `---` at the top, or a thematic break followed by prose
    closing = _CLOSING_RE.search(text, opening.end() - 1)  # the opening line's newline on
    if closing is None:
        raise FrontMatterError("front matter opened with '---' is never closed")
    source = text[opening.end() : closing.start() + 1]
    body_start = closing.end()
    data = parse_simple(source)
    if data is None:
        data = _load_yaml(source, body_start)
    return FrontMatter(data, source, body_start, text.count("\n", 0, body_start) + 1)


def _load_yaml(source: str, body_start: int) -> dict[str, Any]:
    import yaml  # deferred: documents in the template's plain shape never need it

    try:
        # libyaml's loader when PyYAML has it: the same results, at a fraction of the cost.
        data = yaml.load(source, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = 2 + mark.line if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise FrontMatterError(
            f"front matter is not valid YAML: {problem}", line, body_start
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError("front matter must be a mapping of keys to values", 2, body_start)
    return data


def read_front_matter(text: str) -> dict[str, Any]:
    """The front matter's mapping; FrontMatterError when there is none or it is broken."""
    front = split_front_matter(text)
    if front is None:
        raise FrontMatterError("the document has no front matter")
    return front.data
