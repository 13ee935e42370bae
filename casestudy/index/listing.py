"""An older index written as a list of links (`1. [Title](01_x.md) - figures - area`) turned
into the index table, in the seed's row style.

One function, `list_to_table`, so that a fuller list reader can replace it. The list is the
first top-level bullet or numbered list whose every item links to a case study; its lines,
and only those, are replaced by the table. An item's text after the link is split at ` - `,
` — `, ` | ` or `: `: the part holding figures gives the key metrics, the first part without
any gives the focus area. What an item does not say stays empty, for the case study's own
front matter to fill.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casestudy.directory.names import link_key
from casestudy.errors import IndexTableError
from casestudy.index.model import SEED_COLUMNS, IndexEntry, is_case_study_link, render_row
from casestudy.index.table import _parser, find_index_table, split_lines

# Hyphen, en dash, em dash or a bar between spaces; or a colon.
_DASHES = "-\u2013\u2014|"
_PARTS_RE = re.compile(rf"\s+[{_DASHES}]\s+|:\s+|^\s*[{_DASHES}:]\s*")
_DELIMITER = "|------------|-------------|------------|"


@dataclass(frozen=True)
class ListedCaseStudy:
    line: int  # 0-based line of the item
    entry: IndexEntry


def _describe(rest: str) -> tuple[tuple[str, ...], str]:
    from casestudy.format.metrics import find_metrics

    metrics: tuple[str, ...] = ()
    focus = ""
    for part in _PARTS_RE.split(rest.strip()):
        part = part.strip().strip("*_").strip()
        if not part:
            continue
        if not metrics and find_metrics(part):
            metrics = tuple(metric.strip() for metric in part.split(", ") if metric.strip())
        elif not focus and not find_metrics(part):
            focus = part.rstrip(".")
    return metrics, focus


def _item(children: list, line: int) -> ListedCaseStudy | None:  # type: ignore[type-arg]
    """The case study one list item links to, with what its text says about it."""
    href: str | None = None
    title: list[str] = []
    rest: list[str] = []
    inside = False
    for child in children:
        if child.type == "link_open" and href is None:
            candidate = str(child.attrs.get("href", ""))
            if is_case_study_link(link_key(candidate)):
                href, inside = candidate, True
                continue
        if child.type == "link_close" and inside:
            inside = False
            continue
        if child.type in ("text", "code_inline"):
            (title if inside else rest if href is not None else []).append(child.content)
        elif child.type == "softbreak" and href is not None and not inside:
            rest.append(" ")
    if href is None:
        return None
    metrics, focus = _describe("".join(rest))
    return ListedCaseStudy(line, IndexEntry("".join(title).strip(), href, metrics, focus))


def _list_items(text: str) -> tuple[int, int, list[ListedCaseStudy]] | None:
    """The first top-level list whose every item links to a case study: its line range and
    what each item says."""
    tokens = _parser().parse(text)
    position = 0
    while position < len(tokens):
        token = tokens[position]
        if token.level != 0 or token.type not in ("bullet_list_open", "ordered_list_open"):
            position += 1
            continue
        closing = token.type.replace("_open", "_close")
        items: list[ListedCaseStudy | None] = []
        end = position + 1
        while tokens[end].type != closing or tokens[end].level != 0:
            item = tokens[end]
            if item.type == "list_item_open" and item.level == 1 and item.map:
                inline = next(
                    (t for t in tokens[end:] if t.type == "inline"), None
                )
                found = _item(inline.children or [], item.map[0]) if inline else None
                items.append(found)
            end += 1
        if items and all(items) and token.map:
            return token.map[0], token.map[1], [item for item in items if item]
        position = end + 1
    return None


def _newline(text: str) -> str:
    match = re.search(r"\r\n|\r|\n", text)
    return match.group(0) if match else "\n"


def list_to_table(text: str) -> str | None:
    """`text` (no BOM) with its list of case-study links replaced by the index table; None
    when it has no such list. Raises IndexTableError when the table does not read back."""
    found = _list_items(text)
    if found is None:
        return None
    begin, end, items = found
    lines = split_lines(text)
    while end > begin and not lines[end - 1].strip():
        end -= 1  # the blank lines after the list stay where they are
    newline = _newline(text)
    ending = lines[end - 1][len(lines[end - 1].rstrip("\r\n")) :]
    header = "| Case Study | Key Metrics | Focus Area |"
    table = [header, _DELIMITER, *(render_row(SEED_COLUMNS, item.entry) for item in items)]
    block = newline.join(table) + ending
    before = "".join(lines[:begin])
    if before and before.strip() and lines[begin - 1].strip():
        before += newline  # a table needs a blank line after a paragraph
    result = before + block + "".join(lines[end:])
    parsed = find_index_table(result)
    if parsed is None or len(parsed.rows) != len(items):
        raise IndexTableError(
            "the list of case studies in the index could not be turned into a table that "
            "reads back; convert it by hand"
        )
    return result
