"""`casestudy adopt`: bring an existing directory's case studies into the template's shape.

Works out, in memory, every file the adoption changes (front matter prepended to each case
study that has none, sections renamed on request, flat files moved into folders with every
link to them rewritten, the index's rows in step), then hands the plan to `adopt_apply`,
which writes it so that a kill at any moment followed by a rerun ends in the same place.

The body of a document is never touched unless asked: the front matter goes in front of the
original bytes, in the document's own line endings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from casestudy.directory.fileio import read_text_exact
from casestudy.directory.names import INDEX_NAME, SLUG_RE, Entry, list_entries
from casestudy.directory.records import CaseStudyRecord, record_for
from casestudy.errors import CaseStudyError, IndexTableError
from casestudy.format.frontmatter import FrontMatterError, split_front_matter
from casestudy.format.relink import Rewrite, relink
from casestudy.format.sections import SECTIONS, Section
from casestudy.index.model import IndexRow, IndexTable
from casestudy.kit import git

Layout = Literal["keep", "folder"]
_BOM = "\ufeff"
MAX_SUMMARY_METRICS = 3


# --- the two questions the heading and index readers of other rooms may answer better ---


def section_named(heading: str) -> Section | None:
    """Which of the nine sections a heading's text names (long names included), if any."""
    from casestudy.check.scan import section_for

    position = section_for(heading)
    return None if position is None else SECTIONS[position]


def read_rows(index_text: str) -> tuple[str, IndexTable | None, bool]:
    """The index text (a list of links turned into the table), its table, and whether the
    list was converted. Raises IndexTableError when the list cannot become a table."""
    from casestudy.index.listing import list_to_table
    from casestudy.index.read import read_index_table

    table = read_index_table(index_text)
    if table is not None:
        return index_text, table, False
    converted = list_to_table(index_text)
    if converted is None:
        return index_text, None, False
    return converted, read_index_table(converted), True


# --- the plan ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileChange:
    """One file's text before and after; `source` is where it was before a move."""

    path: Path
    before: str
    after: str
    source: Path | None = None


@dataclass
class StudyPlan:
    name: str
    path: Path  # the document now
    target: Path  # the document after the adoption
    front: dict[str, Any] | None = None  # the front matter added; None when it had some
    told: list[str] = field(default_factory=list)  # where each value came from
    renamed: list[tuple[int, str, str]] = field(default_factory=list)  # (line, old, new)


@dataclass
class AdoptionPlan:
    root: Path
    studies: list[StudyPlan]
    changes: list[FileChange]
    notes: list[str]
    git_top: Path | None
    index_converted: bool = False  # the index was a list of links, and becomes the table

    @property
    def moves(self) -> list[tuple[Path, Path]]:
        return [(c.source, c.path) for c in self.changes if c.source is not None]

    @property
    def empty(self) -> bool:
        return not self.changes


def _newline(text: str) -> str:
    for position, character in enumerate(text):
        if character == "\n":
            return "\n"
        if character == "\r":
            return "\r\n" if text[position + 1 : position + 2] == "\n" else "\r"
    return "\n"


def _quoted(value: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(value, ensure_ascii=False)


def render_front_matter(front: dict[str, Any], newline: str) -> str:
    slug = front["slug"]
    metrics = front["key_metrics"]
    lines = [
        "---",
        f"title: {_quoted(front['title'])}",
        f"number: {front['number']}",
        f"slug: {slug if SLUG_RE.fullmatch(slug) else _quoted(slug)}",
        f"focus_area: {_quoted(front['focus_area'])}",
        "key_metrics:" + ("" if metrics else " []"),
        *(f"  - {_quoted(metric)}" for metric in metrics),
        f"status: {front['status']}",
        f"created: {front['created']}",
        "---",
    ]
    return newline.join(lines) + newline


def _summary_figures(body: str) -> list[str]:
    """The first distinct figures the Executive Summary states, as written."""
    from casestudy.format.metrics import find_metrics
    from casestudy.index.table import _parser

    figures: list[Any] = []
    section: Section | None = None
    tokens = _parser().parse(body)
    for position, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2":
            section = section_named(tokens[position + 1].content)
        elif token.type == "inline" and section is SECTIONS[0]:
            if tokens[position - 1].type == "heading_open":
                continue
            for metric in find_metrics(token.content):
                if not any(metric.same_figure(seen) for seen in figures):
                    figures.append(metric)
    return [metric.text for metric in figures[:MAX_SUMMARY_METRICS]]


def rename_sections(body: str) -> tuple[str, list[tuple[int, str, str]]]:
    """`body` with each H2 naming one of the nine by another name renamed to the canonical
    title (that heading line only); and what was renamed, by 1-based line of the body."""
    from casestudy.index.table import _parser, split_lines

    tokens = _parser().parse(body)
    lines = split_lines(body)
    renamed = []
    for position, token in enumerate(tokens):
        if token.type != "heading_open" or token.tag != "h2" or not token.markup.startswith("#"):
            continue
        assert token.map is not None
        title = tokens[position + 1].content
        section = section_named(title)
        if section is None or title == section.title:
            continue
        line = lines[token.map[0]]
        ending = line[len(line.rstrip("\r\n")) :]
        indent = line[: len(line) - len(line.lstrip(" "))]
        lines[token.map[0]] = f"{indent}## {section.title}{ending}"
        renamed.append((token.map[0] + 1, title, section.title))
    return ("".join(lines) if renamed else body), renamed


def _created(entry: Entry, git_top: Path | None) -> tuple[str, str]:
    if git_top is not None:
        date = git.first_commit_date(git_top, Path(entry.path))
        if date is not None:
            return date, "the file's first commit in git"
    modified = Path(entry.path).stat().st_mtime
    return dt.date.fromtimestamp(modified).isoformat(), "the file's modification date"


def _derive_front(
    entry: Entry, body: str, scan: Any, row: IndexRow | None, git_top: Path | None
) -> tuple[dict[str, Any], list[str]]:
    told: list[str] = []
    title = row.title.strip() if row is not None and row.title.strip() else None
    metrics = tuple(row.metrics()) if row is not None else ()
    focus = (row.cells.get("focus area") or "").strip() if row is not None else ""
    if row is None:
        told.append("no index row")
    if title is None:
        title = scan.title or entry.slug.replace("_", " ")
        told.append("title from its H1" if scan.title else "title from its file name")
    if not metrics:
        metrics = tuple(_summary_figures(body))
        told.append(
            f"key metrics from its Executive Summary's figures ({len(metrics)})"
            if metrics
            else "no key metrics found (add key_metrics by hand)"
        )
    if not focus:
        told.append("no focus area (set focus_area by hand)")
    if row is not None and len(told) == 0:
        told.append("title, key metrics and focus area from its index row")
    elif row is not None:
        told.insert(0, "from its index row")
    unfinished = any(region.placeholders or region.guidance for region in scan.regions)
    status = "draft" if unfinished else "published"
    told.append(
        "status draft (placeholders or guidance left)" if unfinished else "status published"
    )
    created, created_from = _created(entry, git_top)
    told.append(f"created {created} from {created_from}")
    front = {
        "title": " ".join(title.split()),
        "number": entry.number,
        "slug": entry.slug,
        "focus_area": " ".join(focus.split()),
        "key_metrics": [" ".join(metric.split()) for metric in metrics],
        "status": status,
        "created": created,
    }
    return front, told


def _read(path: Path) -> str:
    try:
        return read_text_exact(path)
    except OSError as error:
        raise CaseStudyError(
            f"Cannot read {path}: {error.strerror or error}. Nothing was changed; make it "
            "readable and run again."
        ) from None


def _unreadable(error: CaseStudyError) -> CaseStudyError:
    return CaseStudyError(f"{error.message} Nothing was changed.")


def _relative(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _moved_rewrite(old_dir: str, new_dir: str, moved: dict[str, str]) -> Rewrite:
    """Targets as seen from a document that moves from `old_dir` to `new_dir` (both relative
    to the case-study directory), pointing at files' new places."""

    def rewrite(href: str) -> str | None:
        cut = min((href.find(mark) for mark in "?#" if mark in href), default=len(href))
        path, suffix = href[:cut], href[cut:]
        if not path:
            return None
        target = posixpath.normpath(posixpath.join(old_dir, path))
        new_target = moved.get(target, target)
        if new_target == target and old_dir == new_dir:
            return None
        new = posixpath.relpath(new_target, new_dir or ".")
        if path.endswith("/") and not new.endswith("/"):
            new += "/"
        return new + suffix

    return rewrite


def plan_adoption(
    root: Path, *, layout: Layout = "keep", rename: bool = False
) -> AdoptionPlan:
    """Everything the adoption would change; reads, never writes."""
    from casestudy.check.scan import scan_entry
    from casestudy.index.sync import derive, rewrite_rows
    from casestudy.index.table import find_index_table

    if not root.is_dir():
        raise CaseStudyError(f"{root} is not a directory. Name a case-study directory.")
    git_top = git.work_tree(root)
    notes: list[str] = []
    index_path = root / INDEX_NAME
    index_before: str | None = None
    index_text: str | None = None
    table: IndexTable | None = None
    bom = ""
    converted = False
    if index_path.is_file():
        try:
            index_before = _read(index_path)
        except CaseStudyError as error:
            raise _unreadable(error) from None
        bom = _BOM if index_before.startswith(_BOM) else ""
        index_text, table, converted = read_rows(index_before[len(bom) :])
        if table is None:
            raise IndexTableError(
                f"{index_path} has neither an index table (Case Study | Key Metrics | Focus "
                "Area) nor a list of links to the case studies, so their titles, metrics and "
                "focus areas cannot be read. Add the table (see `casestudy init`) and run "
                "again; nothing was changed."
            )
    else:
        notes.append(
            f"{root} has no {INDEX_NAME}: front matter comes from each document's H1 and "
            "Executive Summary, and no index was written (`casestudy init` starts one)."
        )
    rows = table.rows_by_name() if table is not None else {}

    entries = list_entries(str(root))
    moving = layout == "folder"
    moved: dict[str, str] = {}
    for entry in entries:
        if moving and entry.flat:
            folder = entry.name[: -len(".md")]
            if (root / folder).exists():
                raise CaseStudyError(
                    f"Cannot move {root / entry.name} into {root / folder}/{INDEX_NAME}: "
                    f"{root / folder} already exists. Nothing was changed; move one of them "
                    "aside and run again."
                )
            moved[entry.name] = f"{folder}/{INDEX_NAME}"

    studies: list[StudyPlan] = []
    texts: dict[str, tuple[str, str]] = {}  # new relative path -> (before, after)
    sources: dict[str, str] = {}  # new relative path -> old relative path
    records: list[CaseStudyRecord] = []
    for entry in entries:
        path = Path(entry.path)
        try:
            before = _read(path)
        except CaseStudyError as error:
            raise _unreadable(error) from None
        old_relative = _relative(root, path)
        new_relative = moved.get(old_relative, old_relative)
        study = StudyPlan(entry.name, path, root / new_relative)
        scan = scan_entry(entry, entry.path)
        try:
            existing = split_front_matter(before.removeprefix(_BOM))
        except FrontMatterError as error:
            raise CaseStudyError(
                f"{path} has front matter that cannot be read ({error.message}, line "
                f"{error.line}). Nothing was changed; fix it and run again."
            ) from None
        after = before
        if rename:
            doc_bom = _BOM if after.startswith(_BOM) else ""
            start = len(doc_bom) + (existing.body_start if existing is not None else 0)
            renamed_body, study.renamed = rename_sections(after[start:])
            after = after[:start] + renamed_body
        if existing is None:
            doc_bom = _BOM if before.startswith(_BOM) else ""
            body = after[len(doc_bom) :]
            row = next(iter(rows.get(entry.name, [])), None)
            study.front, study.told = _derive_front(entry, body, scan, row, git_top)
            after = doc_bom + render_front_matter(study.front, _newline(before)) + body
            record = CaseStudyRecord(
                path=study.target, name=entry.name, number=entry.number, slug=entry.slug,
                flat=entry.flat, front_matter=study.front, title=study.front["title"],
                metrics=tuple(study.front["key_metrics"]),
                focus_area=study.front["focus_area"], status=study.front["status"],
                metadata_source="front matter",
            )
        else:
            record = record_for(scan, None)
        if moving and entry.flat:
            record = dataclasses.replace(
                record, path=study.target, name=entry.name[: -len(".md")], flat=False
            )
        records.append(record)
        old_dir = posixpath.dirname(old_relative)
        after = relink(after, _moved_rewrite(old_dir, posixpath.dirname(new_relative), moved))
        studies.append(study)
        texts[new_relative] = (before, after)
        if new_relative != old_relative:
            sources[new_relative] = old_relative

    if index_text is not None and index_before is not None:
        index_text = relink(index_text, _moved_rewrite("", "", moved))
        table = find_index_table(index_text)
        assert table is not None
        derived, drop, _ = derive(records, root, table)
        try:
            index_after = bom + rewrite_rows(index_text, derived, drop, table=table)
        except IndexTableError as error:
            raise IndexTableError(f"{index_path}: {error}. Nothing was changed.") from None
        texts[INDEX_NAME] = (index_before, index_after)

    changes = [
        FileChange(
            root / relative, before, after,
            root / sources[relative] if relative in sources else None,
        )
        for relative, (before, after) in texts.items()
        if before != after or relative in sources
    ]
    _verify_bodies(studies, changes, exact_bodies=not rename and not moved)
    return AdoptionPlan(root, studies, changes, notes, git_top, converted)


def _verify_bodies(
    studies: list[StudyPlan], changes: list[FileChange], *, exact_bodies: bool
) -> None:
    """Re-read each adopted document as the checker will: the front matter we meant, and
    (with no section renamed and no link moved) the original bytes after it."""
    by_target = {change.path: change for change in changes}
    for study in studies:
        change = by_target.get(study.target)
        if study.front is None or change is None:
            continue
        text = change.after.removeprefix(_BOM)
        front = split_front_matter(text)
        if front is None or {**front.data, "created": str(front.data.get("created"))} != {
            **study.front, "created": str(study.front["created"])
        }:
            raise CaseStudyError(
                f"The front matter planned for {study.path} does not read back as planned; "
                "nothing was changed. Please report this with the file."
            )
        if exact_bodies and (
            text[front.body_start :] != change.before.removeprefix(_BOM)
        ):
            raise CaseStudyError(
                f"The body of {study.path} would not stay byte for byte; nothing was changed. "
                "Please report this with the file."
            )
