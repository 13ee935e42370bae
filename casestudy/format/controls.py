"""Characters that must never reach a terminal, a spreadsheet or a reader raw, and how they are
shown instead.

A case study's text is written by whoever opened the pull request. Printed as it is, an ESC
sequence can rewrite the terminal (move the cursor, hide the lines above, set the window title),
a line or paragraph separator can forge a line of output, and a bidirectional control can make
text read in an order other than the one it is stored in. Every command prints such characters
as visible escapes instead, through `escape_controls`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

# Control (C0, DEL, C1), format (zero-width, bidirectional, soft hyphen, tags), surrogate and
# private-use characters, and the line and paragraph separators.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})


def is_unsafe(char: str) -> bool:
    return unicodedata.category(char) in _UNSAFE_CATEGORIES


def python_escape(char: str) -> str:
    """`\\x1b`, `\\u202e`, `\\U000e0001`: as Python writes the character in a string."""
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def json_escape(char: str) -> str:
    """`\\u001b`, or a surrogate pair above the BMP: valid inside a JSON string."""
    import json  # only the catalog's JSON needs it

    return json.dumps(char, ensure_ascii=True)[1:-1]


def escape_controls(text: str, escape: Callable[[str], str] = python_escape) -> str:
    """`text` with every unsafe character replaced by its visible escape."""
    if text.isprintable():  # no control, format or separator character: the usual case
        return text
    return "".join(escape(char) if is_unsafe(char) else char for char in text)


def escape_lines(text: str, escape: Callable[[str], str] = python_escape) -> str:
    """`escape_controls`, keeping the text's own line breaks (a message of several lines)."""
    return "\n".join(escape_controls(line, escape) for line in text.split("\n"))
