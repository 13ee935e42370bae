"""How case studies are named on disk and linked from the index: shared by every reader.

The one place that knows the name patterns. A directory names its case studies `NN_slug.md`,
`NN-slug.md` (flat files) or `NN_slug/` holding `README.md` or `index.md`; its index is
`README.md` or `index.md`. A directory's `.casestudy.toml` may give its own file-name pattern
and index name: a `Naming` carries them, and the module-level functions use the default one.

Imports nothing but `os` and `re`, so that the checker's start-up can use it as cheaply as
the template's Jinja extension.
"""

from __future__ import annotations

import os
import re

# The name new index files and case-study folders are given.
INDEX_NAME = "README.md"
# The names an index, or a case-study folder's document, may have, in the order looked for.
INDEX_NAMES = ("README.md", "index.md")
_DOCUMENT_SUFFIXES = tuple("/" + name.lower() for name in INDEX_NAMES)

# The one slug rule: what a new case study's slug may be, and what front matter's `slug` holds.
SLUG_RE = re.compile(r"[a-z0-9][a-z0-9_]*")
MAX_SLUG = 60
# What front matter's `slug` may hold: the slug rule, or the hyphens of a name such as
# `02-vector-search.md`, which an older directory keeps.
NAMED_SLUG_RE = re.compile(r"[a-z0-9][a-z0-9_\-]*")

# A case study's name without `.md`: a number of two digits or more, `_` or `-`, a slug.
# (The slug cannot hold a dot, so it is matched greedily: a lazy match retried the rest of the
# pattern at every character, which a hundred-thousand-row index felt.)
DEFAULT_NAME_PATTERN = r"(?P<number>\d{2,})[_-](?P<slug>[A-Za-z0-9_\-]+)"
# What every pattern can name: `NN_slug/` (a folder holding README.md or index.md) or a flat
# `NN_slug.md`.
NAME_FORMS = "NN_slug.md, NN-slug.md, NN_slug/README.md or NN_slug/index.md"


def compile_name_pattern(pattern: str) -> re.Pattern[str]:
    """A name pattern (groups `number` and `slug`) as matched against folder and file names;
    re.error when it does not compile."""
    return re.compile(rf"(?:{pattern})(?P<flat>\.md)?")


CASE_STUDY_NAME_RE = compile_name_pattern(DEFAULT_NAME_PATTERN)


class Entry:
    """A case study on disk, by name: `NN_slug/` (README.md or index.md inside) or a flat
    `NN_slug.md`."""

    __slots__ = ("flat", "name", "number", "path", "slug")

    def __init__(self, path: str, name: str, number: int, slug: str, flat: bool) -> None:
        self.path = path  # its document
        self.name = name
        self.number = number
        self.slug = slug
        self.flat = flat


def folder_document(folder: str) -> str:
    """A case-study folder's document: README.md, or index.md when only that is there."""
    readme = os.path.join(folder, INDEX_NAME)
    if os.path.isfile(readme):
        return readme
    return other_document(readme) or readme


def other_document(readme: str) -> str | None:
    """For a folder's README.md that is not there, the folder's index.md when it is."""
    folder = os.path.dirname(readme)
    for name in INDEX_NAMES[1:]:
        other = os.path.join(folder, name)
        if os.path.isfile(other):
            return other
    return None


def link_key(href: str) -> str:
    """`./06_x/README.md`, `06_x/index.md`, `06_x/` and `06_x` all name the case study in
    folder `06_x`."""
    key = href.strip().split("#", 1)[0]
    while key.startswith("./"):
        key = key[2:]
    lowered = key.lower()
    for suffix in _DOCUMENT_SUFFIXES:
        if lowered.endswith(suffix):
            key = key[: -len(suffix)]
            break
    return key.rstrip("/")


class Naming:
    """How one directory names its case studies and its index."""

    __slots__ = ("forms", "index_name", "pattern")

    def __init__(
        self,
        pattern: re.Pattern[str] | None = None,
        index_name: str | None = None,
        forms: str = NAME_FORMS,
    ) -> None:
        self.pattern = pattern or CASE_STUDY_NAME_RE
        self.index_name = index_name  # None: README.md, or index.md when only that is there
        self.forms = forms  # the names it takes, in words, for messages

    def index_path(self, root: str) -> str:
        """The directory's index file (named by the configuration, or the first of
        INDEX_NAMES that is there; README.md when none is)."""
        if self.index_name is not None:
            return os.path.join(root, self.index_name)
        for name in INDEX_NAMES:
            path = os.path.join(root, name)
            if os.path.isfile(path):
                return path
        return os.path.join(root, INDEX_NAME)

    def is_index_name(self, name: str) -> bool:
        if self.index_name is not None:
            return name == self.index_name
        return name.lower() in (index.lower() for index in INDEX_NAMES)

    def parts(self, name: str) -> tuple[int, str, bool] | None:
        """The number, slug and flatness a case-study name (`06_x`, `01_x.md`) gives; None
        when the name is not a case study's."""
        match = self.pattern.fullmatch(name)
        if match is None:
            return None
        try:
            number = int(match.group("number"))
        except ValueError:  # a configured pattern whose number group took more than digits
            return None
        return number, match.group("slug"), match.group("flat") is not None

    def is_case_study(self, key: str) -> bool:
        """Whether a link key (as `link_key` gives it) names a case study."""
        return self.pattern.fullmatch(key) is not None

    def number_in(self, key: str) -> int | None:
        """The number of the case study a link key (or a path below one) names."""
        parts = self.parts(key.split("/", 1)[0])
        return parts[0] if parts is not None else None

    def entry_named(self, root: str, name: str, *, look: bool = True) -> Entry | None:
        """The case study a name stands for in `root` (`06_x` or `01_x.md`), whether or not
        it is on disk; None when the name is not a case study's. `look`: find which document
        a folder holds (README.md or index.md); without it, README.md."""
        parts = self.parts(name)
        if parts is None:
            return None
        number, slug, flat = parts
        if flat:
            document = os.path.join(root, name)
        elif look:
            document = folder_document(os.path.join(root, name))
        else:
            document = os.path.join(root, name, INDEX_NAME)
        return Entry(document, name, number, slug, flat)

    def list_entries(self, root: str) -> list[Entry]:
        """Every case study in a directory, by number then name; hidden names are skipped."""
        return self.survey(root)[0]

    def survey(self, root: str) -> tuple[list[Entry], list[str]]:
        """Every case study in a directory, and the names of the markdown files (and folders
        holding a README.md or index.md) that no pattern takes for one, both sorted.

        A folder's entry names its README.md without looking (one system call fewer per
        case study): reading it finds index.md instead when that is the folder's document
        (`check.scan.scan_entry`)."""
        found: list[Entry] = []
        others: list[str] = []
        try:
            listing = list(os.scandir(root))
        except OSError:
            return found, others
        for item in listing:
            if item.name.startswith("."):
                continue
            entry = self.entry_named(root, item.name, look=False)
            if entry is not None:
                # A flat name is a case study whatever it is (a FIFO, a device link, a loop),
                # so that readers report it rather than pass it over; a folder name must be
                # a folder.
                if entry.flat != _is_dir(item):
                    found.append(entry)
                continue
            lowered = item.name.lower()
            if lowered.endswith(".md") and not self.is_index_name(item.name):
                if item.is_file():
                    others.append(item.name)
            elif "." not in item.name and item.is_dir() and _holds_document(item.path):
                others.append(item.name + "/")
        found.sort(key=lambda entry: (entry.number, entry.name))
        return found, sorted(others)

    def case_study_entry(self, path: str) -> Entry | None:
        """The case study a path names: its folder, the document in it, or a flat file."""
        path = os.path.abspath(path)
        name = os.path.basename(path)
        if name.lower() in (index.lower() for index in INDEX_NAMES):
            folder = os.path.dirname(path)
            entry = self.entry_named(os.path.dirname(folder), os.path.basename(folder))
            # a folder's other markdown file (index.md beside its README.md) is not its document
            if entry is None or entry.flat or entry.path != path:
                return None
            return entry
        entry = self.entry_named(os.path.dirname(path), name)
        if entry is None or entry.flat == os.path.isdir(path):
            return None
        return entry

    def has_entries(self, root: str) -> bool:
        """Whether the directory holds any case study (stops at the first)."""
        try:
            with os.scandir(root) as listing:
                return any(
                    self.pattern.fullmatch(item.name) and not item.name.startswith(".")
                    for item in listing
                )
        except OSError:
            return False


def _holds_document(folder: str) -> bool:
    return any(os.path.isfile(os.path.join(folder, name)) for name in INDEX_NAMES)


DEFAULT_NAMING = Naming()


def number_in_link(key: str) -> int | None:
    """The number a link key (as `link_key` gives it) starts with, if it names a case study."""
    return DEFAULT_NAMING.number_in(key)


def entry_named(root: str, name: str) -> Entry | None:
    return DEFAULT_NAMING.entry_named(root, name)


def list_entries(root: str) -> list[Entry]:
    return DEFAULT_NAMING.list_entries(root)


def _is_dir(item: os.DirEntry[str]) -> bool:
    try:
        return item.is_dir()
    except OSError:  # a symlink loop: no folder
        return False


def case_study_entry(path: str) -> Entry | None:
    return DEFAULT_NAMING.case_study_entry(path)


def has_entries(root: str) -> bool:
    return DEFAULT_NAMING.has_entries(root)
