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
# (The slug cannot hold a dot, so it is matched greedily: a lazy match retried the rest of the
# pattern at every character, which a hundred-thousand-row index felt.)
CASE_STUDY_NAME_RE = re.compile(r"(?P<number>\d{2,})_(?P<slug>[A-Za-z0-9_\-]+)(?P<flat>\.md)?")


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

    __slots__ = ("flat", "name", "number", "root", "slug")

    def __init__(self, root: str, name: str, number: int, slug: str, flat: bool) -> None:
        self.root = root
        self.name = name
        self.number = number
        self.slug = slug
        self.flat = flat

    @property
    def path(self) -> str:
        """The case study's document (worked out when asked: an index links to many more
        case studies than anyone opens)."""
        if self.flat:
            return os.path.join(self.root, self.name)
        return os.path.join(self.root, self.name, INDEX_NAME)


def entry_named(root: str, name: str) -> Entry | None:
    """The case study a name stands for in `root` (`06_x` or `01_x.md`), whether or not it
    is on disk; None when the name is not a case study's."""
    match = CASE_STUDY_NAME_RE.fullmatch(name)
    if match is None:
        return None
    flat = match.group("flat") is not None
    return Entry(root, name, int(match.group("number")), match.group("slug"), flat)


def list_entries(root: str) -> list[Entry]:
    """Every case study in a directory, by number then name; hidden names are skipped."""
    found: list[Entry] = []
    try:
        listing = list(os.scandir(root))
    except OSError:
        return found
    for item in listing:
        entry = None if item.name.startswith(".") else entry_named(root, item.name)
        # A flat name is a case study whatever it is (a FIFO, a device link, a loop), so
        # that readers report it rather than pass it over; a folder name must be a folder.
        if entry is None or entry.flat == _is_dir(item):
            continue
        found.append(entry)
    found.sort(key=lambda entry: (entry.number, entry.name))
    return found


def _is_dir(item: os.DirEntry[str]) -> bool:
    try:
        return item.is_dir()
    except OSError:  # a symlink loop: no folder
        return False


def case_study_entry(path: str) -> Entry | None:
    """The case study a path names: its folder, the README.md in it, or a flat file."""
    path = os.path.abspath(path)
    name = os.path.basename(path)
    if name.lower() == INDEX_NAME.lower():
        folder = os.path.dirname(path)
        entry = entry_named(os.path.dirname(folder), os.path.basename(folder))
        return entry if entry is not None and not entry.flat else None
    entry = entry_named(os.path.dirname(path), name)
    if entry is None or entry.flat == os.path.isdir(path):
        return None
    return entry


def has_entries(root: str) -> bool:
    """Whether the directory holds any case study (stops at the first)."""
    try:
        with os.scandir(root) as listing:
            return any(
                CASE_STUDY_NAME_RE.fullmatch(item.name) and not item.name.startswith(".")
                for item in listing
            )
    except OSError:
        return False
