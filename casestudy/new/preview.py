"""What `casestudy new` is about to write: the folder, the front matter and the exact index row,
rendered by the very template and index code that will write them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from casestudy.directory.state import DirectoryState
from casestudy.format.frontmatter import split_front_matter
from casestudy.index.model import SEED_COLUMNS, render_row
from casestudy.template.plan import CaseStudy


@dataclass(frozen=True)
class Preview:
    folder: Path  # the case study's folder, or its file when flat
    regenerating: bool  # the slug's folder exists already (an untouched skeleton)
    front_matter: str
    index_path: Path
    index_action: str
    row: str

    def render(self) -> str:
        folder_note = " (exists: its untouched skeleton is rendered again)" * self.regenerating
        flat = self.folder.suffix == ".md"
        document = self.folder if flat else self.folder / "README.md"
        return (
            f"{'File:  ' if flat else 'Folder:'}       {self.folder}{folder_note}\n"
            f"Front matter of {document}:\n"
            f"{_indent(self.front_matter)}\n"
            f"Index:        {self.index_action} {self.index_path}:\n"
            f"{_indent(self.row)}"
        )


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.rstrip("\n").splitlines())


def build_preview(case_study: CaseStudy, state: DirectoryState, template: Path) -> Preview:
    from casestudy.template.extension import render_skeleton

    skeleton = render_skeleton(template, state.root, case_study)
    front = split_front_matter(skeleton)
    front_matter = skeleton[: front.body_start] if front is not None else ""
    index = state.index
    if state.index_text is None:
        action = "create, with the index table and this row,"
    elif state.links_to(case_study.link):
        action = "update the case study's row in"
    else:
        action = "add this row to the index table in"
    columns = index.columns if index is not None else SEED_COLUMNS
    folder = state.root / (case_study.link if case_study.flat else case_study.folder)
    return Preview(
        folder=folder,
        regenerating=folder.exists(),
        front_matter=front_matter,
        index_path=state.index_path,
        index_action=action,
        row=render_row(columns, case_study.index_entry()),
    )
