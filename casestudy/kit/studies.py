"""The case studies of one directory, as the kit's commands need them.

Read through the checker's `load_case_studies`, so `index`, `renumber`, `catalog` and `check`
all see the same case studies with the same metadata; this adds what the kit needs on top
(the created date, the link the index uses, the row the front matter asks for).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casestudy.index.table import IndexEntry

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
    title: str | None = None
    metrics: tuple[str, ...] = ()
    focus_area: str | None = None
    status: str | None = None
    # Where title, metrics and focus area came from: "front matter", "index" (its row, for a
    # case study without front matter), "heading" or "none".
    metadata_source: str = "none"

    @property
    def link(self) -> str:
        return self.name if self.flat else f"{self.name}/README.md"

    @property
    def created(self) -> str | None:
        value = (self.front_matter or {}).get("created")
        # PyYAML reads an unquoted ISO date as a date object.
        if isinstance(value, dt.date):
            return value.isoformat()
        return None if value is None else str(value)

    def index_entry(self) -> IndexEntry | None:
        """The row the front matter asks for; None when there is none to derive it from."""
        if self.metadata_source != "front matter" or self.title is None:
            return None
        # A table row is one line: a line break inside a YAML value becomes a space.
        return IndexEntry(
            _one_line(self.title),
            self.link,
            tuple(_one_line(metric) for metric in self.metrics if metric.strip()),
            _one_line(self.focus_area or ""),
        )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def number_in_link(key: str) -> int | None:
    """The number a link key (as `link_key` gives it) starts with, if it names a case study."""
    match = _NUMBERED_RE.match(key)
    return int(match.group(1)) if match else None


def load_studies(root: Path) -> list[Study]:
    """Every case study on disk, ordered by number then name. A document that cannot be read
    is still listed, with its problem, so no command silently skips it."""
    from casestudy.check.scan import load_case_studies

    return [
        Study(
            name=record.name,
            number=record.number,
            slug=record.slug,
            flat=record.flat,
            path=record.path,
            front_matter=record.front_matter,
            problem=record.problem,
            title=record.title,
            metrics=record.metrics,
            focus_area=record.focus_area,
            status=record.status,
            metadata_source=record.metadata_source,
        )
        for record in load_case_studies(root)
    ]
