"""`CaseStudyRecord`: one case study's identity and metadata, as `load_case_studies` gives it.

A stable, documented shape for the commands that list case studies (`casestudy index`,
`catalog`): fields are only ever added, never renamed or removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from casestudy.check.scan import DocumentScan
    from casestudy.index.lines import Row


@dataclass(frozen=True)
class CaseStudyRecord:
    """One case study in a directory.

    path: the case study's markdown file (`NN_slug/README.md`, or `NN_slug.md` when flat).
    name: its folder name (`06_fraud_feature_store`) or, when flat, its file name.
    number, slug: as its name gives them.
    flat: an older single-file case study that predates the template.
    front_matter: the parsed front matter, or None when it has none or it is broken.
    title, metrics, focus_area, status: from the front matter; for a case study without
        front matter, from its index row (title falling back to the document's `# Title`),
        status None.
    metadata_source: where title/metrics/focus area came from: "front matter", "index",
        "heading" or "none".
    problem: why the document could not be read or its front matter parsed, else None.
    """

    path: Path
    name: str
    number: int
    slug: str
    flat: bool
    front_matter: dict[str, Any] | None
    title: str | None
    metrics: tuple[str, ...]
    focus_area: str | None
    status: str | None
    metadata_source: str
    problem: str | None


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def record_for(scan: DocumentScan, row: Row | None) -> CaseStudyRecord:
    front = scan.front
    problem = scan.read_error[0] if scan.read_error else None
    if problem is None and scan.front_error is not None:
        problem = scan.front_error[0]
    if front is not None:
        raw_metrics = front.get("key_metrics")
        metrics = (
            tuple(str(metric).strip() for metric in raw_metrics)
            if isinstance(raw_metrics, list)
            else ()
        )
        title, focus, source = _text(front.get("title")), _text(front.get("focus_area")), (
            "front matter"
        )
        status = _text(front.get("status"))
    elif row is not None:
        title = row.title.strip() or scan.title
        metrics, focus = tuple(row.metrics()), _text(row.cells.get("focus area"))
        source, status = "index", None
    else:
        title, metrics, focus, status = scan.title, (), None, None
        source = "heading" if scan.title else "none"
    return CaseStudyRecord(
        path=Path(scan.path),
        name=scan.name,
        number=scan.number,
        slug=scan.slug,
        flat=scan.flat,
        front_matter=front,
        title=title,
        metrics=metrics,
        focus_area=focus,
        status=status,
        metadata_source=source,
        problem=problem,
    )
