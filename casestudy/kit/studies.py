"""The case studies of one directory, as the kit's commands need them.

One small adapter, so that `index`, `renumber` and `catalog` read case studies the same way.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casestudy.directory import list_case_studies
from casestudy.errors import CaseStudyError
from casestudy.fileio import read_text_exact
from casestudy.frontmatter import FrontMatterError, split_front_matter
from casestudy.index_table import IndexEntry

_NUMBERED_RE = re.compile(r"(\d{2,})_")


@dataclass(frozen=True)
class Study:
    name: str  # folder name (NN_slug) or, for an older flat case study, file name (NN_slug.md)
    number: int
    slug: str
    flat: bool
    path: Path  # the case study's document
    front_matter: dict[str, Any] | None  # None: no front matter (or it could not be read)
    problem: str | None = None  # why the document or its front matter could not be read

    @property
    def link(self) -> str:
        return self.name if self.flat else f"{self.name}/README.md"

    @property
    def title(self) -> str | None:
        return _text(self.front_matter, "title")

    @property
    def focus_area(self) -> str | None:
        return _text(self.front_matter, "focus_area")

    @property
    def status(self) -> str | None:
        return _text(self.front_matter, "status")

    @property
    def created(self) -> str | None:
        value = (self.front_matter or {}).get("created")
        # PyYAML reads an unquoted ISO date as a date object.
        if isinstance(value, dt.date):
            return value.isoformat()
        return None if value is None else str(value)

    @property
    def metrics(self) -> tuple[str, ...]:
        value = (self.front_matter or {}).get("key_metrics")
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list):
            return ()
        return tuple(str(metric) for metric in value if metric is not None and str(metric))

    def index_entry(self) -> IndexEntry | None:
        """The row the front matter asks for; None when there is none to derive it from."""
        if self.front_matter is None or self.title is None:
            return None
        # A table row is one line: a line break inside a YAML value becomes a space.
        return IndexEntry(
            _one_line(self.title),
            self.link,
            tuple(_one_line(metric) for metric in self.metrics),
            _one_line(self.focus_area or ""),
        )


def _text(data: dict[str, Any] | None, key: str) -> str | None:
    value = (data or {}).get(key)
    return None if value is None else str(value)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def number_in_link(key: str) -> int | None:
    """The number a link key (as `link_key` gives it) starts with, if it names a case study."""
    match = _NUMBERED_RE.match(key)
    return int(match.group(1)) if match else None


def load_studies(root: Path) -> list[Study]:
    """Every case study on disk, ordered by number then name. A document that cannot be read
    is still listed, with its problem, so no command silently skips it."""
    studies = []
    for found in list_case_studies(root):
        path = root / found.name if found.flat else root / found.name / "README.md"
        front_matter: dict[str, Any] | None = None
        problem = None
        try:
            front = split_front_matter(read_text_exact(path))
            front_matter = None if front is None else front.data
        except FileNotFoundError:
            problem = f"{path} does not exist"
        except (FrontMatterError, CaseStudyError, OSError) as error:
            problem = f"{path}: {error}"
        studies.append(
            Study(found.name, found.number, found.slug, found.flat, path, front_matter, problem)
        )
    return studies
