"""Render a planned case study through cookiecutter's API: the same template and hooks a plain
`cookiecutter` run uses, with the answers as extra context and no prompts."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from casestudy.directory.fileio import atomic_write_text, directory_lock, read_text_exact
from casestudy.errors import CaseStudyError
from casestudy.template.plan import CaseStudy


def render_case_study(
    case_study: CaseStudy, output_dir: Path, template: Path, *, replay_dir: Path | None = None
) -> Path:
    """Write the case study (its folder, or its flat file) and index row; return the folder
    or the file. Interrupted or failing half-way (Ctrl-C, a full disk), it takes back what it
    wrote, so the directory is left as it was.

    An 'auto' number goes to cookiecutter as 'auto': the template settles it again under the
    directory's lock, since another generation may have taken the previewed one meanwhile.
    Cookiecutter's API always writes a replay file; it goes to `replay_dir` when the author
    asked for one, else to a scratch directory removed afterwards, so ~ stays clean."""
    from casestudy.template.extension import settled_case_study

    answers = case_study.as_answers()
    if case_study.auto_number:
        answers["number"] = "auto"
    # Flat files already there: a flat case study taken back removes only its own.
    flat_before = {path.name for path in output_dir.glob("*.md")}
    settled_case_study(output_dir, forget=True)
    try:
        with tempfile.TemporaryDirectory(prefix="casestudy-") as scratch:
            created = _cookiecutter(
                answers, output_dir, template, Path(scratch), replay_dir or Path(scratch)
            )
    except CaseStudyError:
        _take_back_settled(output_dir, flat_before)
        raise
    except OSError as error:
        _take_back_settled(output_dir, flat_before)
        raise CaseStudyError(
            f"Could not write {error.filename or output_dir}: {error.strerror or error}. "
            f"Nothing was created in {output_dir}; free the space or fix the permission and "
            "run again."
        ) from None
    except BaseException:
        _take_back_settled(output_dir, flat_before)
        raise
    # A flat case study's folder was only the way to its file (the hook moved it up).
    return output_dir / case_study.link if case_study.flat else Path(created)


def _cookiecutter(
    answers: dict[str, str], output_dir: Path, template: Path, scratch: Path, replay_dir: Path
) -> str:
    from cookiecutter.exceptions import CookiecutterException
    from cookiecutter.main import cookiecutter

    # A config of our own rather than the user's ~/.cookiecutterrc (whose default_context or
    # abbreviations must not change what the preview promised), naming where replay goes.
    config = scratch / "cookiecutterrc.yaml"
    config.write_text(
        f"default_context: {{}}\nreplay_dir: {json.dumps(str(replay_dir.absolute()))}\n",
        encoding="utf-8",
    )
    try:
        return str(cookiecutter(
            str(template),
            no_input=True,
            extra_context=answers,
            output_dir=str(output_dir),
            config_file=str(config),
        ))
    except CookiecutterException as error:
        if isinstance(error.__cause__, CaseStudyError):
            raise error.__cause__ from None  # the template's own message, as it was raised
        raise CaseStudyError(
            f"cookiecutter could not create the case study: {error} "
            f"Nothing was created in {output_dir}; correct the answer and run again."
        ) from None


def _take_back_settled(output_dir: Path, flat_before: set[str]) -> None:
    from casestudy.template.extension import planned_index_edit, settled_case_study

    settled = settled_case_study(output_dir)
    if settled is not None:
        case_study, folder_existed = settled
        if case_study.flat and case_study.link not in flat_before:
            (output_dir / case_study.link).unlink(missing_ok=True)
        _take_back(output_dir / case_study.folder, folder_existed,
                   planned_index_edit(output_dir))


def _take_back(folder: Path, folder_existed: bool, index_edit: dict[str, object] | None) -> None:
    """Undo this run's own writes only: a row someone else added meanwhile stays. The row
    comes out through the index edit the template planned (which holds the row and what it
    replaced), so no copy of the whole README is kept while the generation runs."""
    from casestudy.index.apply import text_before_edit

    if not folder_existed and folder.exists():
        shutil.rmtree(folder, ignore_errors=True)
    if index_edit is None or index_edit["action"] == "unchanged":
        return
    index_path = Path(str(index_edit["index"]))
    if not index_path.is_file():
        return
    # The template holds this directory's lock only until the folder exists, before the hook
    # edits the index: by now it is free again, and other writers wait on it.
    with directory_lock(index_path.parent):
        now = read_text_exact(index_path)
        if index_edit["action"] == "created":
            if now == index_edit["text"]:
                index_path.unlink()
            return
        before = text_before_edit(index_edit, now)
        if before is not None:
            atomic_write_text(index_path, before)
