"""The front matter `casestudy adopt` gives a case study that has none, built from what its
directory already says: its index row, else its H1 and its Executive Summary's figures; its
name; whether placeholders or guidance are left; when git first saw it. And the one edit of
a body adoption may make, on request: the nine sections' headings renamed to their
canonical titles.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from casestudy.directory.names import SLUG_RE, Entry
from casestudy.format.sections import SECTIONS
from casestudy.index.model import IndexRow
from casestudy.kit import git

MAX_SUMMARY_METRICS = 3
EXECUTIVE_SUMMARY = 0  # its position in SECTIONS


def h2_sections(tokens: Sequence[Any]) -> dict[int, tuple[str, int | None, bool]]:
    """Each H2 heading of a parsed document, by its token's position: its text, the section
    it stands for in this document (the checker's own rule), and whether it names it firmly
    (the section's own name, perhaps qualified) rather than loosely (a synonym)."""
    from casestudy.format.headings import assign_sections, read_heading

    headings = [
        (position, tokens[position + 1].content)
        for position, token in enumerate(tokens)
        if token.type == "heading_open" and token.tag == "h2"
    ]
    matches = [read_heading(text) for _, text in headings]
    return {
        position: (text, section, match.firm)
        for (position, text), match, section in zip(
            headings, matches, assign_sections(matches), strict=True
        )
    }


def newline_of(text: str) -> str:
    """The line ending front matter takes in this text: CRLF when its first line ends so,
    else LF (front-matter readers, ours included, know no lone-CR lines)."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def _quoted(value: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(value, ensure_ascii=False)


def render_front_matter(front: dict[str, Any], newline: str) -> str:
    """In the template's own shape, so the checker reads it without PyYAML."""
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


# Where an older list item's text after its link splits: a hyphen, en or em dash or a bar
# between spaces, or a colon ("[RAG](01_rag.md) - 8.4B queries/month - Production RAG").
_DASHES = "-\u2013\u2014|"
_PARTS_RE = re.compile(rf"\s+[{_DASHES}]\s+|:\s+|^\s*[{_DASHES}:]\s*")


def item_details(item: str) -> tuple[tuple[str, ...], str]:
    """What a list item says after its first link: the part holding figures gives the key
    metrics ("a, b"), the first part without any the focus area."""
    from casestudy.format.metrics import find_metrics
    from casestudy.index.table import markdown_parser

    inline = markdown_parser().parseInline(item)
    rest: list[str] = []
    state = "before"  # before the link, inside it, after it
    for child in (inline[0].children or []) if inline else []:
        if state == "before" and child.type == "link_open":
            state = "inside"
        elif state == "inside" and child.type == "link_close":
            state = "after"
        elif state == "after" and child.type in ("text", "code_inline", "softbreak"):
            rest.append(child.content or " ")
    metrics: tuple[str, ...] = ()
    focus = ""
    for part in _PARTS_RE.split("".join(rest).strip()):
        part = part.strip().strip("*_").strip()
        if not part:
            continue
        if not metrics and find_metrics(part):
            metrics = tuple(metric.strip() for metric in part.split(", ") if metric.strip())
        elif not focus and not find_metrics(part):
            focus = part.rstrip(".")
    return metrics, focus


def with_item_details(row: IndexRow) -> IndexRow:
    """A row read from a list item, with the metrics and focus area its text gives."""
    metrics, focus = item_details(row.cells.get("case study", ""))
    cells = {**row.cells, "key metrics": ", ".join(metrics), "focus area": focus}
    return dataclasses.replace(row, cells=cells)


def _phrases(children: list[Any]) -> Iterator[tuple[str, bool]]:
    """An inline token's text in pieces: each **bold** span whole (True), the rest as runs of
    plain text (False). Authors bold their headline figures with the words that go with them
    ("**8.7ms p99 latency**"), so a bold span is a metric as the author wrote it."""
    plain: list[str] = []
    bold: list[str] | None = None
    for child in children:
        if child.type == "strong_open":
            yield "".join(plain), False
            plain, bold = [], []
        elif child.type == "strong_close" and bold is not None:
            yield "".join(bold), True
            bold = None
        elif child.type in ("text", "code_inline"):
            (plain if bold is None else bold).append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            (plain if bold is None else bold).append(" ")
    yield "".join(plain), False


def _summary_figures(body: str) -> list[str]:
    """The first distinct figures the Executive Summary states: a bold span holding one as
    written, else the figure alone."""
    from casestudy.format.metrics import find_metrics
    from casestudy.index.table import markdown_parser

    found: list[tuple[Any, str]] = []  # (its figure, the metric's text)
    section: int | None = None
    tokens = markdown_parser().parse(body)
    sections = h2_sections(tokens)
    for position, token in enumerate(tokens):
        if position in sections:
            section = sections[position][1]
        elif token.type == "inline" and section == EXECUTIVE_SUMMARY:
            if tokens[position - 1].type == "heading_open":
                continue
            for text, bold in _phrases(token.children or []):
                figures = find_metrics(text)
                pieces = [(figures[0], " ".join(text.split()))] if bold and figures else [
                    (figure, figure.text) for figure in figures
                ]
                for figure, written in pieces:
                    if not any(figure.same_figure(seen) for seen, _ in found):
                        found.append((figure, written))
    return [written for _, written in found[:MAX_SUMMARY_METRICS]]


def rename_sections(body: str) -> tuple[str, list[tuple[int, str, str]]]:
    """`body` with each H2 that firmly names one of the nine by another name ("Business
    Context and Requirements") renamed to the canonical title (that heading line only); and
    what was renamed, by 1-based line of the body. A heading that names its section only
    loosely ("Key Takeaways") keeps its words: renaming it would lose what the author meant."""
    from casestudy.index.table import markdown_parser, split_lines

    tokens = markdown_parser().parse(body)
    lines = split_lines(body)
    renamed = []
    for position, (title, section, firm) in h2_sections(tokens).items():
        token = tokens[position]
        if section is None or not firm or not token.markup.startswith("#"):
            continue
        canonical = SECTIONS[section].title
        if title == canonical:
            continue
        assert token.map is not None
        line = lines[token.map[0]]
        ending = line[len(line.rstrip("\r\n")) :]
        indent = line[: len(line) - len(line.lstrip(" "))]
        lines[token.map[0]] = f"{indent}## {canonical}{ending}"
        renamed.append((token.map[0] + 1, title, canonical))
    return ("".join(lines) if renamed else body), renamed


def _created(entry: Entry, git_top: Path | None) -> tuple[str, str]:
    if git_top is not None:
        date = git.first_commit_date(git_top, Path(entry.path))
        if date is not None:
            return date, "the file's first commit in git"
    modified = Path(entry.path).stat().st_mtime
    return dt.date.fromtimestamp(modified).isoformat(), "the file's modification date"


def derive_front(
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
    if not SLUG_RE.fullmatch(entry.slug):
        told.append(
            f"slug '{entry.slug}' breaks the slug rule (lowercase letters, digits and _): "
            "rename the file to fix it"
        )
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
