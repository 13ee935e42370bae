"""A settled case study: what the skeleton, the folder name and the index row are made of.

Its own small module because the post-generation hook imports it, and the hook's start-up is
paid on every generation.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from casestudy.index_table import IndexEntry


@dataclass(frozen=True)
class CaseStudy:
    title: str
    number: int
    slug: str
    focus_area: str
    metrics: tuple[str, ...]
    created: str  # ISO date

    @property
    def folder(self) -> str:
        return f"{self.number:02d}_{self.slug}"

    @property
    def link(self) -> str:
        return f"{self.folder}/README.md"

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
        }
        for position in range(3):
            metric = self.metrics[position] if position < len(self.metrics) else ""
            answers[f"metric_{position + 1}"] = metric
        return answers

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CaseStudy:
        return cls(**{**data, "metrics": tuple(data["metrics"])})
