"""How case studies are named on disk and linked from the index: shared by every reader.

Imports nothing but `os` and `re`, so that the checker's start-up can use it as cheaply as
the template's Jinja extension.
"""

from __future__ import annotations

import os
import re

INDEX_NAME = "README.md"

# The one slug rule: what a new case study's slug may be, and what front matter's `slug` holds.
SLUG_RE = re.compile(r"[a-z0-9][a-z0-9_]*")
MAX_SLUG = 60

# `NN_slug/` (a folder holding README.md) or `NN_slug.md` (an older flat case study).
CASE_STUDY_NAME_RE = re.compile(r"(?P<number>\d{2,})_(?P<slug>[A-Za-z0-9_\-]+?)(?P<flat>\.md)?")


_NUMBERED_RE = re.compile(r"(\d{2,})_")


def number_in_link(key: str) -> int | None:
    """The number a link key (as `link_key` gives it) starts with, if it names a case study."""
    match = _NUMBERED_RE.match(key)
    return int(match.group(1)) if match else None


def link_key(href: str) -> str:
    """`./06_x/README.md`, `06_x/` and `06_x` all name the case study in folder `06_x`."""
    key = href.strip().split("#", 1)[0]
    while key.startswith("./"):
        key = key[2:]
    if key.lower().endswith("/readme.md"):
        key = key[: -len("/README.md")]
    return key.rstrip("/")


class Entry:
    """A case study on disk, by name: `NN_slug/` (README.md inside) or a flat `NN_slug.md`."""

    __slots__ = ("flat", "name", "number", "path", "slug")

    def __init__(self, path: str, name: str, number: int, slug: str, flat: bool) -> None:
        self.path = path
        self.name = name
        self.number = number
        self.slug = slug
        self.flat = flat


def list_entries(root: str) -> list[Entry]:
    """Every case study in a directory, by number then name; hidden names are skipped."""
    found: list[Entry] = []
    try:
        listing = list(os.scandir(root))
    except OSError:
        return found
    for item in listing:
        match = CASE_STUDY_NAME_RE.fullmatch(item.name)
        if match is None or item.name.startswith("."):
            continue
        flat = match.group("flat") is not None
        if flat != item.is_file() or (not flat and not item.is_dir()):
            continue
        document = item.path if flat else os.path.join(item.path, "README.md")
        found.append(
            Entry(document, item.name, int(match.group("number")), match.group("slug"), flat)
        )
    found.sort(key=lambda entry: (entry.number, entry.name))
    return found
