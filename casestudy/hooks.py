"""What the template's hooks do, so the hook files stay a few lines each.

Validation and numbering already ran in the cookiecutter process, while the folder's name was
rendered; the hook receives the settled case study as data and only edits the index, so its
start-up imports no more than the index editor needs.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from casestudy.errors import CaseStudyError, exit_code_for
from casestudy.index_file import IndexUpdate, add_to_index
from casestudy.model import CaseStudy

_DONE = {
    "created": "The directory had no README.md: created {path} with an index table holding "
    "this case study's row.",
    "added": "Added the case study's row to {path}.",
    "updated": "Updated the case study's existing row in {path}.",
    "unchanged": "The case study's row in {path} is already up to date.",
}


def describe_update(update: IndexUpdate) -> str:
    return _DONE[update.action].format(path=update.path)


def post_gen_project(case_study: dict[str, Any], project_dir: Path | None = None) -> int:
    """Add the new case study's row to its directory's index; return the exit status."""
    project_dir = (project_dir or Path.cwd()).absolute()
    settled = CaseStudy.from_dict(case_study)
    try:
        if project_dir.name != settled.folder:
            raise CaseStudyError(
                f"The hook ran in {project_dir}, not in the case study's folder "
                f"{settled.folder}; the index was left untouched. Add this row by hand: "
                f"{settled.link}"
            )
        update = add_to_index(project_dir.parent, settled.index_entry())
    except CaseStudyError as error:
        print(f"Error: {error}", file=sys.stderr)
        return exit_code_for(error)
    print(describe_update(update))
    print(f"Next: fill in {project_dir / 'README.md'}, then run `casestudy check {project_dir}`.")
    return 0
