"""`CaseStudyRecord`: one case study's identity and metadata, as `load_case_studies` gives it.

A stable, documented shape for the commands that list case studies (`casestudy index`,
`catalog`): fields are only ever added, never renamed or removed.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casestudy.index.model import IndexEntry

if TYPE_CHECKING:
    from casestudy.check.scan import DocumentScan
    from casestudy.directory.names import Naming
    from casestudy.index.model import IndexRow


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
    title: str | None = None
    metrics: tuple[str, ...] = ()
    focus_area: str | None = None
    status: str | None = None
    metadata_source: str = "none"
    problem: str | None = None

    @property
    def link(self) -> str:
        """How the index links to it: `NN_slug/README.md` (or `NN_slug/index.md`, when that
        is its document), or the flat file's name."""
        return self.name if self.flat else f"{self.name}/{self.path.name}"

    @property
    def created(self) -> str | None:
        value = (self.front_matter or {}).get("created")
        # YAML reads an unquoted ISO date as a date object.
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


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def record_for(scan: DocumentScan, row: IndexRow | None) -> CaseStudyRecord:
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


def load_case_studies(root: Path | str, naming: Naming | None = None) -> list[CaseStudyRecord]:
    """Every case study in the directory `root`, in number order, with its metadata: the one
    way every command lists a directory's case studies, so all of them see the same thing.

    Title, key metrics and focus area come from the front matter; for an older flat case
    study without front matter, from its row in the index (title falling back to its H1).
    A document that cannot be read still gets a record, with `problem` saying why.
    `naming`: how the directory names things (default: as its configuration says).
    """
    from casestudy.check.scan import scan_entry
    from casestudy.errors import CaseStudyError
    from casestudy.index.read import read_index_file

    root = os.fspath(root)
    if naming is None:
        from casestudy.directory.config import load_config

        naming = load_config(root).naming
    index = read_index_file(root, naming)
    if index.error is not None:
        # The rows hold the metadata of older case studies and the numbers of absent ones:
        # without them the listing would be quietly wrong.
        raise CaseStudyError(f"{index.path}: {index.error[0]}. Put it right and run again.")
    rows = index.rows_by_name(naming)
    records = []
    for entry in naming.list_entries(root):
        scan = scan_entry(entry, entry.path)
        row = rows.get(entry.name, [None])[0]
        records.append(record_for(scan, row))
    return records
