"""A settled case study: what the skeleton, the folder name and the index row are made of."""

from __future__ import annotations

from dataclasses import dataclass, field

from casestudy.index.model import IndexEntry
from casestudy.template.validation import METRIC_KEYS


@dataclass(frozen=True)
class CaseStudy:
    title: str
    number: int
    slug: str
    focus_area: str
    metrics: tuple[str, ...]
    created: str  # ISO date
    flat: bool = False  # written as NN_slug.md rather than NN_slug/README.md
    # The number was 'auto': whoever writes the case study settles it again under the
    # directory's lock, since another generation may take this one first.
    auto_number: bool = field(default=False, compare=False)

    @property
    def folder(self) -> str:
        """The folder cookiecutter renders (for a flat case study, only on the way)."""
        return f"{self.number:02d}_{self.slug}"

    @property
    def link(self) -> str:
        """The document, relative to the directory: how the index links to it."""
        return f"{self.folder}.md" if self.flat else f"{self.folder}/README.md"

    def index_entry(self) -> IndexEntry:
        return IndexEntry(self.title, self.link, self.metrics, self.focus_area)

    def as_answers(self) -> dict[str, str]:
        """The cookiecutter answers that render this very case study again."""
        answers = {
            "system_name": self.title,
            "focus_area": self.focus_area,
            "slug": self.slug,
            "number": str(self.number),
            "created": self.created,
            "layout": "flat" if self.flat else "folder",
        }
        for position, key in enumerate(METRIC_KEYS):
            answers[key] = self.metrics[position] if position < len(self.metrics) else ""
        return answers
