"""An older index kept as a numbered list of links instead of a table:

    1. [Vector Database Scale](02_vector_database_scale.md)
    2. [Fraud Feature Store](03_fraud_feature_store/README.md) - real-time features

Its items read as rows of an `IndexTable` marked `listed` (only the "case study" cell: the
item's text), so the index rules run over them as over a table's; `casestudy check` says a
table is expected, and `casestudy index --write` turns the list into one (`index.sync`).
markdown-it decides what the list is; its line map says where each item stands.
"""

from __future__ import annotations

from casestudy.directory.names import DEFAULT_NAMING, Naming
from casestudy.index.model import IndexRow, IndexTable
from casestudy.index.table import inline_links_and_title, markdown_parser


def find_index_list(text: str, naming: Naming = DEFAULT_NAMING) -> IndexTable | None:
    """The first top-level numbered list in `text` (no BOM) with an item linking to a case
    study, its items as rows; None when there is none."""
    tokens = markdown_parser().parse(text)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "ordered_list_open" and token.level == 0 and token.map:
            end = _closing(tokens, index)
            rows = _items(tokens[index:end])
            if any(row.case_studies(naming) for row in rows):
                return IndexTable(token.map[0], token.map[1] - 1, ["case study"], rows, True)
            index = end
        index += 1
    return None


def _closing(tokens: list, start: int) -> int:  # type: ignore[type-arg]
    level = tokens[start].level
    for position in range(start + 1, len(tokens)):
        if tokens[position].type == "ordered_list_close" and tokens[position].level == level:
            return position
    return len(tokens) - 1


def _items(tokens: list) -> list[IndexRow]:  # type: ignore[type-arg]
    """One row per item of the list (its own items, not those of a list nested in it)."""
    rows: list[IndexRow] = []
    item_level = tokens[0].level + 1
    row: IndexRow | None = None
    for token in tokens[1:]:
        if token.type == "list_item_open" and token.level == item_level and token.map:
            row = IndexRow(token.map[0], {}, [], "")
            rows.append(row)
        elif token.type == "inline" and row is not None:
            links, title = inline_links_and_title(token.children or [])
            if "case study" not in row.cells:
                row.cells["case study"] = token.content
                row.title = title
            row.links.extend(links)
    return rows
