"""Inline suppression, in the comment style markdownlint users know:

    <!-- casestudy-disable CS401 CS402 -->          the whole file (no code: every code)
    <!-- casestudy-disable-next-line CS501 -->      the line right after the comment

A case-study document's comments are found by its scan (`check.scan`); the index's, here,
only when its text mentions the marker at all. Either way a file's comments cover the findings
placed in that file.
"""

from __future__ import annotations

import re

MARKER = "casestudy-disable"
_COMMENT_RE = re.compile(
    r"<!--\s*casestudy-disable(?P<next>-next-line)?(?P<codes>(?:[\s,]+[A-Za-z]+\d+)*)[\s,]*-->"
)
WHOLE_FILE = 0  # the line key of a suppression for the whole file

# Codes turned off, by the line they cover (WHOLE_FILE: all of it); an empty set is every code.
Disabled = dict[int, frozenset[str]]


def note(disabled: Disabled | None, comment: str, last_line: int) -> Disabled | None:
    """`disabled` with what one HTML comment (ending on line `last_line`) turns off; as it
    was when the comment is no suppression."""
    match = _COMMENT_RE.fullmatch(comment.strip())
    if match is None:
        return disabled
    codes = frozenset(match.group("codes").replace(",", " ").upper().split())
    line = last_line + 1 if match.group("next") else WHOLE_FILE
    disabled = disabled if disabled is not None else {}
    known = disabled.get(line)
    if not codes or (known is not None and not known):  # every code, once any comment says so
        disabled[line] = frozenset()
    else:
        disabled[line] = codes | (known or frozenset())
    return disabled


def suppresses(disabled: Disabled | None, code: str, line: int) -> bool:
    if disabled is None:
        return False
    for key in (WHOLE_FILE, line):
        codes = disabled.get(key)
        if codes is not None and (not codes or code in codes):
            return True
    return False


def in_markdown(text: str) -> Disabled | None:
    """The suppression comments of a markdown file (the index): HTML blocks as markdown-it
    reads them, so a comment inside a code fence is none."""
    if MARKER not in text:
        return None
    from casestudy.index.table import markdown_parser

    disabled: Disabled | None = None
    for token in markdown_parser().parse(text):
        if token.type == "html_block" and token.map and MARKER in token.content:
            lines = token.content.rstrip("\n").split("\n")
            for offset, line in enumerate(lines):
                if MARKER in line:
                    disabled = note(disabled, line, token.map[0] + offset + 1)
    return disabled
