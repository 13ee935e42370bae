"""The Jinja extension the cookiecutter template loads (`_extensions` in cookiecutter.json).

Cookiecutter creates the case study's folder (rendering its name, `../` included) before any
pre-generation hook runs, and prints a traceback when a hook fails. So every check runs here,
while the folder's *name* is rendered: a bad answer becomes FailedHookException, which the
cookiecutter command prints as one clean message, and no folder is ever made.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import shutil
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.ext import Extension
from jinja2.runtime import Context

from casestudy.directory.fileio import DirectoryLock, atomic_write_text
from casestudy.directory.state import DirectoryState, read_directory
from casestudy.errors import CaseStudyError
from casestudy.format.controls import escape_lines
from casestudy.index.model import escape_cell, escape_text
from casestudy.template.plan import (
    CaseStudy,
    check_safe_to_generate,
    interrupted_generation,
    plan_case_study,
)
from casestudy.template.unfinished import install_once

TEMPLATE_DIR_NAME = "{{casestudy_folder(cookiecutter)}}"
# The skeleton's template file: its name renders empty once `casestudy_skeleton` has written
# the skeleton, and cookiecutter writes no file whose name renders empty.
SKELETON_TEMPLATE_NAME = "{{casestudy_skeleton(cookiecutter)}}"
SKELETON_NAME = "README.md"

# Output directory -> the lock that reserves the number just chosen there, held until
# cookiecutter has created the folder (the next template call sees it and lets go), so two
# generations running at once never pick the same number.
_reservations: dict[Path, DirectoryLock] = {}

# Output directory -> the case study this process last settled there, and whether its folder
# already existed then: what `casestudy new` must take back if the generation fails.
_settled: dict[Path, tuple[CaseStudy, bool]] = {}

# Output directory -> the index edit this process last planned there for the hook to apply:
# what `casestudy new` must take back out of the README if the generation fails after it.
_planned: dict[Path, dict[str, object]] = {}

# Output directory -> the template's root (the folder holding cookiecutter.json), made
# absolute while cookiecutter still runs in the directory it was started from.
_template_roots: dict[Path, Path] = {}


def settled_case_study(output_dir: Path, *, forget: bool = False) -> tuple[CaseStudy, bool] | None:
    """The case study the template settled in `output_dir` in this process, if it got that
    far; `forget` clears it, before a generation."""
    key = output_dir.absolute()
    if forget:
        _planned.pop(key, None)
        return _settled.pop(key, None)
    return _settled.get(key)


def planned_index_edit(output_dir: Path) -> dict[str, object] | None:
    """The index edit the template last planned in `output_dir` in this process, if it got
    that far (see casestudy.index.edit.plan_index_edit)."""
    return _planned.get(output_dir.absolute())


def _fail(error: CaseStudyError) -> Exception:
    from cookiecutter.exceptions import FailedHookException

    # cookiecutter prints the message as it is; what it quotes must not drive the terminal.
    failure: Exception = FailedHookException(escape_lines(error.message))
    return failure


def _output_dir(cookiecutter: Mapping[str, Any]) -> Path:
    return Path(str(cookiecutter.get("_output_dir") or ".")).absolute()


def _release_once_created(output_dir: Path, folder: str) -> None:
    if (output_dir / folder).exists():
        lock = _reservations.pop(output_dir, None)
        if lock is not None:
            lock.release()


def render_skeleton(template_root: Path, output_dir: Path, case_study: CaseStudy) -> str:
    """Render the template's README for `case_study`, as cookiecutter would; `template_root`
    is the folder holding cookiecutter.json."""
    environment = Environment(
        loader=FileSystemLoader(str(template_root / TEMPLATE_DIR_NAME)),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        extensions=[CaseStudyExtension],
    )
    # The case study is settled already: the skeleton shows it as it is, without planning it
    # again against the directory (where a half-finished generation may stand in the way).
    environment.globals["casestudy"] = lambda cookiecutter: case_study
    answers = {**case_study.as_answers(), "_output_dir": str(output_dir)}
    return environment.get_template(SKELETON_TEMPLATE_NAME).render(cookiecutter=answers)


def check_safe_to_render(case_study: CaseStudy, state: DirectoryState, template_root: Path) -> None:
    """`plan.check_safe_to_generate`, telling an untouched skeleton by rendering this template."""
    check_safe_to_generate(
        case_study,
        state,
        lambda original: render_skeleton(template_root, state.root, original),
    )


def _clear_interrupted(case_study: CaseStudy, state: DirectoryState, template_root: Path) -> None:
    """A folder a killed generation of this very case study left (no row, nothing but the
    template's own work) is removed, so that cookiecutter creates it afresh, whole."""
    if not interrupted_generation(
        case_study, state, lambda original: render_skeleton(template_root, state.root, original)
    ):
        return
    folder = state.root / case_study.folder
    print(
        f"{folder} was left by an interrupted generation (it has no index row and holds only "
        "the template's skeleton); completing it.",
        file=sys.stderr,
    )
    shutil.rmtree(folder)


@pass_context
def casestudy_folder(context: Context, cookiecutter: Mapping[str, Any]) -> str:
    """Validate every answer, settle the number and return the folder's name (NN_slug)."""
    output_dir = _output_dir(cookiecutter)
    lock = _reservations.setdefault(output_dir, DirectoryLock(output_dir))
    try:
        lock.acquire()
        state = read_directory(output_dir)
        case_study = plan_case_study(
            cookiecutter,
            output_dir,
            raw_before_rendering=context.get("_cookiecutter"),
            state=state,
        )
        template_root = Path(str(cookiecutter.get("_repo_dir") or ".")).absolute()
        _template_roots[output_dir] = template_root
        check_safe_to_render(case_study, state, template_root)
        _clear_interrupted(case_study, state, template_root)
        # Its first rendering settles it; later ones find the folder already made.
        _settled.setdefault(output_dir, (case_study, (output_dir / case_study.folder).exists()))
    except CaseStudyError as error:
        _reservations.pop(output_dir, None)
        lock.release()
        raise _fail(error) from None
    _release_once_created(output_dir, case_study.folder)
    return case_study.folder


def casestudy(cookiecutter: Mapping[str, Any]) -> CaseStudy:
    """The settled case study, for the skeleton's text."""
    output_dir = _output_dir(cookiecutter)
    try:
        case_study = plan_case_study(
            cookiecutter, output_dir, state=read_directory(output_dir)
        )
    except CaseStudyError as error:
        raise _fail(error) from None
    _release_once_created(output_dir, case_study.folder)
    return case_study


def casestudy_skeleton(cookiecutter: Mapping[str, Any]) -> str:
    """Write the skeleton whole or not at all, and return an empty name so that cookiecutter
    (whose own write could leave it empty or cut short, on a kill or a full disk) writes
    nothing more. On a failure to write, the folder this generation created goes again."""
    output_dir = _output_dir(cookiecutter)
    case_study = casestudy(cookiecutter)
    template_root = _template_roots.get(output_dir) or Path(
        str(cookiecutter.get("_repo_dir") or ".")).absolute()
    folder = output_dir / case_study.folder
    text = render_skeleton(template_root, output_dir, case_study)
    try:
        atomic_write_text(folder / SKELETON_NAME, text)
    except CaseStudyError as error:
        settled = _settled.get(output_dir)
        if settled is not None and not settled[1] and not any(folder.iterdir()):
            folder.rmdir()
            error = CaseStudyError(
                f"{error.message} The case study was not created: {folder} was removed "
                "again and the index was not touched.")
        raise _fail(error) from error
    return ""


def _take_back_unfinished() -> list[Path]:
    """Remove the folders this process's generations created and left unfinished (see
    casestudy.template.unfinished); return them."""
    removed = []
    for output_dir, (settled, existed) in list(_settled.items()):
        template_root = _template_roots.get(output_dir)
        if existed or template_root is None:
            continue
        render = functools.partial(render_skeleton, template_root, output_dir)
        # The layout is settled again once the folder exists, and may come out the other way
        # then: whichever of the two the index links to, the generation finished.
        in_folder, flat = (dataclasses.replace(settled, flat=value) for value in (False, True))
        try:
            state = read_directory(output_dir)
            if state.links_to(in_folder.link) or state.links_to(flat.link):
                continue
            if interrupted_generation(in_folder, state, render):
                shutil.rmtree(output_dir / in_folder.folder)
                removed.append(output_dir / in_folder.folder)
            flat_file = output_dir / flat.link
            if (
                flat_file.is_file()
                and not flat_file.is_symlink()
                and flat_file.read_bytes() == render(flat).encode("utf-8")
            ):  # the hook moved the skeleton up, and was stopped before the index edit
                flat_file.unlink()
                removed.append(flat_file)
        except Exception:  # at exit, in doubt, leave it: the next generation finds it
            continue
    return removed


def casestudy_index_plan(cookiecutter: Mapping[str, Any]) -> dict[str, object]:
    """The index edit for the post-generation hook to apply, planned here where markdown-it
    is already loaded (see casestudy.index.edit.plan_index_edit)."""
    from casestudy.index.edit import plan_index_edit

    case_study = casestudy(cookiecutter)
    output_dir = _output_dir(cookiecutter)
    try:
        plan = plan_index_edit(output_dir, case_study.index_entry())
    except CaseStudyError as error:
        raise _fail(error) from None
    _planned[output_dir] = plan
    return plan


def casestudy_import_root() -> str:
    """Where the hooks find this package, as an absolute path: hooks run from a temporary
    copy, in the new folder, and `_repo_dir` is relative when the template path was."""
    return str(Path(__file__).resolve().parents[2])


def yaml_string(value: object) -> str:
    # A JSON string is a valid YAML double-quoted scalar; ensure_ascii=False keeps it legible.
    return json.dumps(str(value), ensure_ascii=False)


# Plain words YAML 1.1 reads as booleans or null (the slug rule already keeps out '~', '.inf'
# and upper case).
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})


def yaml_slug(slug: object) -> str:
    """A slug as a YAML string: plain when YAML can only read it as text, quoted when it would
    read as a number, boolean or null (7, 1_000, 0x10, true, on, null). Anything starting with
    a digit is quoted, so a YAML 1.2 reader (1e3) agrees too."""
    text = str(slug)
    if text[:1].isalpha() and text not in _YAML_WORDS:
        return text
    return yaml_string(text)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@functools.cache
def template_texts() -> frozenset[str]:
    """Every string of the template's own that cookiecutter renders from memory: the values
    in its cookiecutter.json (the slug's default is a template), its file and folder names,
    and its hooks. Anything else cookiecutter renders from memory is an answer."""
    from casestudy.template.location import template_dir

    root = template_dir()
    texts = set(_strings(json.loads((root / "cookiecutter.json").read_text(encoding="utf-8"))))
    texts.add(TEMPLATE_DIR_NAME)
    folder = root / TEMPLATE_DIR_NAME
    for path in folder.rglob("*"):
        texts.update((path.name, str(path.relative_to(folder))))
    hooks = root / "hooks"
    if hooks.is_dir():
        texts.update(
            hook.read_text(encoding="utf-8") for hook in hooks.iterdir() if hook.is_file()
        )
    return frozenset(texts)


class CaseStudyExtension(Extension):
    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        """Cookiecutter renders every answer given as extra context (or as a default in the
        user's ~/.cookiecutterrc) as a template, so `{{ 7*7 }}` would arrive as 49 and worse
        would run code. Only the template's own text is a template; any other string
        rendered from memory (name None) is an answer: it renders as itself, and validation
        then refuses the template syntax in it with a clear message."""
        if name is None and source not in template_texts():
            return self._as_literal(source)
        return source

    def _as_literal(self, text: str) -> str:
        """A template that renders `text` exactly: Jinja reads a string literal's escapes
        as unicode-escape, and every delimiter is this environment's own."""
        escaped = text.encode("unicode-escape").decode("ascii").replace('"', '\\"')
        environment = self.environment
        return (
            f'{environment.variable_start_string} "{escaped}" '
            f"{environment.variable_end_string}"
        )

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        install_once(_take_back_unfinished)
        environment.globals["casestudy_folder"] = casestudy_folder
        environment.globals["casestudy"] = casestudy
        environment.globals["casestudy_import_root"] = casestudy_import_root
        environment.globals["casestudy_index_plan"] = casestudy_index_plan
        environment.globals["casestudy_skeleton"] = casestudy_skeleton
        environment.filters["md_cell"] = escape_cell
        environment.filters["md_text"] = escape_text
        environment.filters["yaml_string"] = yaml_string
        environment.filters["yaml_slug"] = yaml_slug
