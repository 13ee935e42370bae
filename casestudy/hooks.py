"""What the template's hooks do, so the hook files stay a few lines each."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

from casestudy.errors import CaseStudyError, exit_code_for
from casestudy.index_file import IndexUpdate, add_to_index
from casestudy.plan import plan_case_study

_DONE = {
    "created": "The directory had no README.md: created {path} with an index table holding "
    "this case study's row.",
    "added": "Added the case study's row to {path}.",
    "updated": "Updated the case study's existing row in {path}.",
    "unchanged": "The case study's row in {path} is already up to date.",
}


def describe_update(update: IndexUpdate) -> str:
    return _DONE[update.action].format(path=update.path)


def post_gen_project(answers: Mapping[str, object], project_dir: Path | None = None) -> int:
    """Add the new case study's row to its directory's index; return the exit status."""
    project_dir = (project_dir or Path.cwd()).absolute()
    try:
        case_study = plan_case_study(answers, project_dir.parent)
        update = add_to_index(project_dir.parent, case_study.index_entry())
    except CaseStudyError as error:
        print(f"Error: {error}", file=sys.stderr)
        return exit_code_for(error)
    print(describe_update(update))
    print(f"Next: fill in {project_dir / 'README.md'}, then run `casestudy check {project_dir}`.")
    return 0
