"""Front-matter rules: readable, complete, well typed, and agreeing with the file name
(CS201 to CS207)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from casestudy.check.context import STATUSES, Findings
from casestudy.check.scan import DocumentScan
from casestudy.directory.names import NAMED_SLUG_RE

# key -> (type test, what the message says it must be)
_REQUIRED_KEYS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "title": (lambda value: isinstance(value, str) and bool(value.strip()), "a non-empty text"),
    "number": (
        lambda value: isinstance(value, int) and not isinstance(value, bool) and value >= 0,
        "a whole number",
    ),
    "slug": (
        lambda value: isinstance(value, str) and NAMED_SLUG_RE.fullmatch(value) is not None,
        "lowercase letters, digits, _ and -",
    ),
    "focus_area": (
        lambda value: isinstance(value, str) and bool(value.strip()),
        "a non-empty text",
    ),
    "key_metrics": (
        lambda value: isinstance(value, list)
        and bool(value)
        and all(isinstance(item, str) and item.strip() for item in value),
        "a list of one or more metrics, each a text",
    ),
    "status": (lambda value: isinstance(value, str), "one of draft, review, published"),
    "created": (
        lambda value: isinstance(value, dt.date) or _is_iso_date(value),
        "an ISO date such as 2026-11-26",
    ),
}


def _is_iso_date(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True



def front_line(scan: DocumentScan, key: str) -> int:
    position = scan.front_text.find(f"{key}:")
    while position > 0 and scan.front_text[position - 1] != "\n":
        position = scan.front_text.find(f"{key}:", position + 1)
    return 2 + scan.front_text.count("\n", 0, position) if position >= 0 else 1


def check_front_matter(scan: DocumentScan, out: Findings) -> None:
    if scan.front_error is not None:
        message, line = scan.front_error
        out.add(scan, "CS201", message, line)
        return
    if scan.front is None:
        if not scan.flat:
            out.add(
                scan, "CS207",
                "the case study has no front matter (title, number, slug, focus_area, "
                "key_metrics, status, created); start it from the template",
            )
        return
    front = scan.front
    for key, (is_valid, expected) in _REQUIRED_KEYS.items():
        if key not in front:
            out.add(scan, "CS202", f"front matter has no '{key}' ({expected})")
        elif not is_valid(front[key]):
            out.add(
                scan, "CS203",
                f"front matter '{key}' is {front[key]!r}; it must be {expected}",
                front_line(scan, key),
            )
    status = front.get("status")
    if isinstance(status, str) and status not in STATUSES:
        out.add(
            scan, "CS204",
            f"status '{status}' is not one of {', '.join(STATUSES)}",
            front_line(scan, "status"),
        )
    number = front.get("number")
    if isinstance(number, int) and not isinstance(number, bool) and number != scan.number:
        out.add(
            scan, "CS205",
            f"front matter number {number} disagrees with the name {scan.name} "
            f"(number {scan.number})",
            front_line(scan, "number"),
        )
    slug = front.get("slug")
    if isinstance(slug, str) and slug != scan.slug:
        out.add(
            scan, "CS206",
            f"front matter slug '{slug}' disagrees with the name {scan.name} "
            f"(slug '{scan.slug}')",
            front_line(scan, "slug"),
        )

