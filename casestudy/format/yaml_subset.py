"""Front matter in the exact shape the template writes, read without PyYAML.

PyYAML stays the authority on front matter. But importing it costs a check about 20 ms and
each document about 55 us even with libyaml, which alone would take up a third of the time
budget for a thousand case studies. The template writes a narrow, regular shape:

    title: "Fraud Feature Store"     a double-quoted string without escapes
    number: 6                        a decimal integer
    slug: fraud_feature_store        a plain word (not one YAML 1.1 reads as bool or null)
    key_metrics:                     a block list, items indented by two spaces
      - "2.1B vectors"
    created: 2026-11-26              an ISO date

`parse_simple` reads only that shape and returns None for anything else (escapes, comments,
flow collections, anchors, other indentation, numbers YAML might read as floats or octal,
words like `yes` or `null`, control characters...), and the caller then asks PyYAML. A
property test holds it to giving exactly what `yaml.safe_load` gives whenever it answers.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

_PLAIN_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_ ./-]*[A-Za-z0-9_./-]|[A-Za-z_]")
# Plain words YAML 1.1 (PyYAML) reads as booleans or null, compared in lower case.
_SPECIAL_WORDS = frozenset(
    {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "none"}
)


class _NotSimple(Exception):
    pass


def _scalar(text: str) -> Any:
    if text[:1] == '"':
        inner = text[1:-1]
        if text[-1:] != '"' or len(text) < 2 or '"' in inner or "\\" in inner:
            raise _NotSimple
        if not inner.isprintable():
            raise _NotSimple
        return inner
    if text.isdigit() and text.isascii() and len(text) <= 18 and (text[0] != "0" or text == "0"):
        return int(text)
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text.replace("-", "").isdigit():
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise _NotSimple from None
    if _PLAIN_RE.fullmatch(text) and text.lower() not in _SPECIAL_WORDS and "  " not in text:
        return text
    raise _NotSimple


def parse_simple(text: str) -> dict[str, Any] | None:
    """The mapping `yaml.safe_load(text)` gives, or None when `text` is not in the shape."""
    if not text:
        return {}
    if "\r" in text or text[-1] != "\n":
        return None
    data: dict[str, Any] = {}
    items: list[Any] | None = None
    try:
        for line in text[:-1].split("\n"):
            if line.startswith("  - "):
                if items is None:
                    return None
                items.append(_scalar(line[4:].rstrip(" ")))
                continue
            key, colon, rest = line.partition(":")
            if (
                not colon
                or not key.isidentifier()
                or not key.isascii()
                or key in data
                or key.lower() in _SPECIAL_WORDS
            ):
                return None
            value = rest.strip(" ")
            if value:
                if rest[0] != " ":
                    return None
                data[key] = _scalar(value)
                items = None
            else:
                items = data[key] = []
    except _NotSimple:
        return None
    for key, value in data.items():
        if value == []:
            data[key] = None  # a key with nothing after it is null in YAML, not a list
    return data
