"""What the template's hooks do, so the hook files stay a few lines each.

Validation, numbering and the index edit were all worked out in the cookiecutter process
(see casestudy.template.extension); the post-generation hook receives the planned edit as data and
applies it, so its start-up stays as light as a Python process can be.
"""

from __future__ import annotations

import os
import sys

from casestudy.errors import CaseStudyError, exit_code_for
from casestudy.format.controls import escape_lines
from casestudy.index.apply import StaleIndex, apply_planned_edit

_DONE = {
    "created": "The directory had no README.md: created {path} with an index table holding "
    "this case study's row.",
    "added": "Added the case study's row to {path}.",
    "updated": "Updated the case study's existing row in {path}.",
    "unchanged": "The case study's row in {path} is already up to date.",
}


def describe_update(action: str, path: object) -> str:
    return _DONE[action].format(path=path)


def _replan_and_apply(plan: dict[str, object]) -> str:
    """The README changed since the edit was planned: edit it afresh through the parser."""
    from pathlib import Path

    from casestudy.index.edit import add_to_index
    from casestudy.index.model import IndexEntry

    entry = plan["entry"]
    if not isinstance(entry, dict):
        raise CaseStudyError(f"The hook was given no index entry to add: {plan!r}")
    update = add_to_index(
        Path(str(plan["index"])).parent,
        IndexEntry(entry["title"], entry["link"], tuple(entry["metrics"]), entry["focus_area"]),
    )
    return update.action


def flat_document(plan: dict[str, object], project_dir: str) -> str | None:
    """Where a flat case study goes (`NN_slug.md` beside the folder cookiecutter rendered),
    as its index row links to it; None for a folder case study."""
    entry = plan.get("entry")
    link = str(entry.get("link", "")) if isinstance(entry, dict) else ""
    if not link.endswith(".md") or "/" in link:
        return None
    return os.path.join(os.path.dirname(project_dir), link)


def move_up(project_dir: str, document: str) -> None:
    """Move the rendered README up to the flat file and remove the folder. The file appears
    whole (a hard link to the finished README), and never replaces another: an existing one
    was found to be an untouched skeleton of this very case study before anything was
    rendered, and only then is it replaced, by a rename, which is atomic too."""
    readme = os.path.join(project_dir, "README.md")
    if os.path.exists(document):
        os.replace(readme, document)
    else:
        try:
            os.link(readme, document)
        except FileExistsError:
            raise CaseStudyError(
                f"{document} appeared while the case study was being generated; it was left "
                f"as it is, and the new skeleton is in {readme}."
            ) from None
        except OSError:  # a file system without hard links
            os.rename(readme, document)
        else:
            os.unlink(readme)
    try:
        os.rmdir(project_dir)
    except OSError:
        pass  # something else was put in the folder meanwhile: leave it


def post_gen_project(plan: dict[str, object], project_dir: str | None = None) -> int:
    """Add the new case study's row to its directory's index; return the exit status."""
    project_dir = os.path.abspath(project_dir or os.getcwd())
    document = flat_document(plan, project_dir)
    try:
        if document is not None:
            move_up(project_dir, document)
        try:
            action = apply_planned_edit(plan)
        except StaleIndex:
            action = _replan_and_apply(plan)
    except CaseStudyError as error:
        print(f"Error: {escape_lines(str(error))}", file=sys.stderr)
        return exit_code_for(error)
    except KeyboardInterrupt as interrupt:
        # The index edit is one rename: it happened or it did not. Cookiecutter removes the
        # new folder when the hook fails, and `casestudy new` takes back its row.
        return exit_code_for(interrupt)
    readme = document or os.path.join(project_dir, "README.md")
    print(f"Created {readme}")
    print(describe_update(action, plan["index"]))
    print(next_steps(readme, document or project_dir))
    return 0


def check_command(project_dir: str) -> str:
    """How to run the checker here: `casestudy` when it is on PATH; else the one-off runner a
    cookiecutter-only user can use without installing anything."""
    import shutil

    if shutil.which("casestudy"):
        return f"`casestudy check {project_dir}`"
    # Installed in a virtualenv that is not activated: the command beside this interpreter.
    beside = os.path.join(os.path.dirname(sys.executable), "casestudy")
    if os.path.isfile(beside) and os.access(beside, os.X_OK):
        return f"`{beside} check {project_dir}`"
    return (
        f"`pipx run --spec casestudy-kit casestudy check {project_dir}` (the `casestudy` "
        "command is not installed here; `pipx install casestudy-kit` or "
        "`pip install casestudy-kit` installs it)"
    )


def next_steps(readme: str, project_dir: str) -> str:
    return (
        f"Next: fill in {readme} (replace every [TODO: ...]), then run "
        f"{check_command(project_dir)}. Its front matter says `status: draft`: unfilled parts "
        "are reported as warnings while you write. Set `status: review` when you open the "
        "pull request and `status: published` once it is merged; from then on they are errors."
    )
