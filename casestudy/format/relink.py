"""Rewrite the targets of a document's relative links and images, touching nothing else.

markdown-it-py says which lines hold which links (a `](x.md)` inside a code fence, an indented
code block or an inline code span is text, not a link); the target is then replaced on those
lines as written, so every other byte of the document stays as it was. Reference definitions
(`[name]: target`) are found on the lines no block claims.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from casestudy.index.table import markdown_parser, split_lines

# A target as written after `](`: optionally in angle brackets.
_INLINE_TARGET_RE = re.compile(r"(\]\(\s*)(<[^>\n]*>|[^\s()<>]+)")
_REFERENCE_RE = re.compile(r"^( {0,3}\[(?:[^\]\\\n]|\\.)+\]:[ \t]*)(<[^>\n]*>|\S+)")
_CODE_BLOCKS = ("fence", "code_block", "html_block")
_LINK_ATTRIBUTE = {"link_open": "href", "image": "src"}

Rewrite = Callable[[str], "str | None"]


def is_relative(href: str) -> bool:
    """A link to a file beside or below this one: not a URL, an anchor or an absolute path."""
    if not href or href.startswith(("#", "/", "\\")):
        return False
    head = re.split(r"[/?#]", href, maxsplit=1)[0]
    return ":" not in head


def _targets_by_line(text: str) -> tuple[dict[int, set[str]], set[int]]:
    """Line -> the link targets markdown-it found in the block starting there, and the lines
    that belong to some block (reference definitions are the lines no block claims)."""
    found: dict[int, set[str]] = {}
    claimed: set[int] = set()
    for token in markdown_parser().parse(text):
        if token.map is None:
            continue
        begin, end = token.map
        if token.type in _CODE_BLOCKS or token.type.endswith("_open") or token.type == "inline":
            claimed.update(range(begin, end))
        if token.type != "inline" or not token.children:
            continue
        for child in token.children:
            if child.type not in _LINK_ATTRIBUTE:
                continue
            attribute = _LINK_ATTRIBUTE[child.type]
            target = str(child.attrs.get(attribute, ""))
            for line in range(begin, end):
                found.setdefault(line, set()).add(target)
    return found, claimed


def relink(text: str, rewrite: Rewrite) -> str:
    """`text` with each relative link or image target `t` for which `rewrite(t)` gives a new
    target replaced by it; unchanged when no target needs changing."""
    if "](" not in text and "]:" not in text:
        return text
    # What markdown-it hands back is normalised (percent-encoded); compare like with like.
    from markdown_it.common.normalize_url import normalizeLink as normalise

    found, claimed = _targets_by_line(text)
    lines = split_lines(text)
    changed = False

    def replace(match: re.Match[str], known: set[str] | None) -> str:
        nonlocal changed
        written = match.group(2)
        bracketed = written.startswith("<")
        target = written[1:-1] if bracketed else written
        if known is not None and normalise(target) not in known:
            return match.group(0)  # text inside a code span, not a link
        if not is_relative(target):
            return match.group(0)
        new = rewrite(target)
        if new is None or new == target:
            return match.group(0)
        changed = True
        return match.group(1) + (f"<{new}>" if bracketed else new)

    for number, line in enumerate(lines):
        known = found.get(number)
        if known is not None:
            lines[number] = _INLINE_TARGET_RE.sub(partial(replace, known=known), line)
        elif number not in claimed and "]:" in line:
            lines[number] = _REFERENCE_RE.sub(partial(replace, known=None), line)
    return "".join(lines) if changed else text
