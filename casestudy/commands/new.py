"""`casestudy new`: ask (or take from flags) a case study's answers, preview them, and render
the template through cookiecutter's API.

Top-level imports stay light: the CLI imports this module to build its parser, and
`--no-input` must never pay for questionary.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from casestudy.directory.state import DirectoryState
    from casestudy.template.plan import CaseStudy

MAX_METRIC_FLAGS = 3
REQUIRED_FLAGS = {"system_name": "--name", "focus_area": "--focus-area", "metrics": "--metric"}
EXAMPLE_INVOCATION = (
    "casestudy new --name 'Fraud Feature Store' --focus-area 'Feature stores' "
    "--metric '2.1B vectors' --metric '87ms p99 latency' -o DIR"
)


EXIT_STATUSES = """\
In a terminal, each answer is checked as it is typed and asked again until it passes; with
TERM=dumb the questions are plain lines, checked the same way.

exit status:
  0    the case study was created (or, with --dry-run, previewed)
  1    an answer or the directory was refused, or you chose Cancel (or Stop):
       "cancelled, nothing written"
  2    the command line was wrong
  130  interrupted with Ctrl-C: "cancelled, nothing written"
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EXIT_STATUSES
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("-o", "--output-dir", default=".", metavar="DIR",
                        help="the case-study directory (holding the index README.md); default: .")
    parser.add_argument("--name", help="the system name, the case study's title")
    parser.add_argument("--focus-area", help="e.g. 'Feature stores'")
    parser.add_argument("--metric", action="append", metavar="METRIC",
                        help="a headline metric such as '2.1B vectors' (repeat, up to three)")
    parser.add_argument("--slug", help="the folder's name after its number "
                        "(default: the name, slugified with _)")
    parser.add_argument("--number", help="the case study's number (default: auto, the next free)")
    parser.add_argument("--replay", type=Path, metavar="FILE",
                        help="take the answers from a cookiecutter replay file (flags given "
                        "as well override it); never prompts")
    parser.add_argument("--no-input", action="store_true",
                        help="never prompt: every required value comes from the flags")
    parser.add_argument("--dry-run", action="store_true",
                        help="show the folder, front matter and index row; write nothing")
    parser.add_argument("--replay-dir", type=Path, metavar="DIR",
                        help="keep cookiecutter's replay file in DIR, for `cookiecutter "
                        "--replay-file`; by default none is kept (~ stays untouched)")


def run(args: argparse.Namespace) -> int:
    from casestudy.errors import CaseStudyError, UsageError

    metrics = list(args.metric or [])
    if len(metrics) > MAX_METRIC_FLAGS:
        raise UsageError(
            f"--metric was given {len(metrics)} times; a case study has at most "
            f"{MAX_METRIC_FLAGS} headline metrics. Keep the three that matter most."
        )
    output_dir = Path(args.output_dir)
    if not output_dir.is_dir():
        raise CaseStudyError(
            f"The output directory {output_dir} does not exist (or is not a directory). "
            "Give -o the case-study directory that holds the index README.md, or create it first."
        )
    given = {
        "system_name": args.name,
        "focus_area": args.focus_area,
        "metrics": metrics,
        "slug": args.slug,
        "number": args.number,
    }
    if args.replay is not None:
        return _from_replay(output_dir, args.replay, given, dry_run=args.dry_run,
                            replay_dir=args.replay_dir)
    if not args.no_input and sys.stdin.isatty() and sys.stdout.isatty():
        return _interactive(output_dir, given, dry_run=args.dry_run, replay_dir=args.replay_dir)
    return _from_flags(output_dir, given, dry_run=args.dry_run, no_input=args.no_input,
                       replay_dir=args.replay_dir)


def _from_flags(
    output_dir: Path,
    given: dict[str, Any],
    *,
    dry_run: bool,
    no_input: bool,
    replay_dir: Path | None,
) -> int:
    from casestudy.errors import UsageError
    from casestudy.new.answers import raw_answers

    missing = [flag for key, flag in REQUIRED_FLAGS.items() if not given[key]]
    if missing:
        why = "--no-input was given" if no_input else "there is no terminal to ask in"
        raise UsageError(
            f"casestudy new cannot ask for answers because {why}, and "
            f"{_join(missing)} {'is' if len(missing) == 1 else 'are'} missing. Give --name, "
            "--focus-area and at least one --metric (up to three), optionally --slug and "
            f"--number, e.g. {EXAMPLE_INVOCATION}"
        )
    raw = raw_answers(
        given["system_name"], given["focus_area"], given["metrics"], given["slug"],
        given["number"],
    )
    return _plan_and_generate(output_dir, raw, dry_run=dry_run, replay_dir=replay_dir)


def _from_replay(
    output_dir: Path,
    replay: Path,
    given: dict[str, Any],
    *,
    dry_run: bool,
    replay_dir: Path | None,
) -> int:
    from casestudy.errors import CaseStudyError
    from casestudy.new.answers import default_slug
    from casestudy.new.replay import read_replay

    raw = read_replay(replay)
    for key in ("system_name", "focus_area", "slug", "number"):
        if given[key]:
            raw[key] = given[key]
    for position, metric in enumerate(given["metrics"]):
        raw[f"metric_{position + 1}"] = metric
    missing = [key for key in ("system_name", "focus_area", "metric_1") if key not in raw]
    if missing:
        raise CaseStudyError(
            f"The replay file {replay} has no answer for {_join(missing)}. Add "
            f"{'it' if len(missing) == 1 else 'them'} to the file, or give the answer with "
            "--name, --focus-area or --metric. Nothing was created."
        )
    # What cookiecutter.json's defaults would give for an answer the file leaves out.
    raw.setdefault("number", "auto")
    if "slug" not in raw and isinstance(raw["system_name"], str):
        raw["slug"] = default_slug(raw["system_name"])
    return _plan_and_generate(output_dir, raw, dry_run=dry_run, replay_dir=replay_dir)


def _plan_and_generate(
    output_dir: Path, raw: dict[str, Any], *, dry_run: bool, replay_dir: Path | None
) -> int:
    from casestudy.directory.state import read_directory
    from casestudy.new.answers import plan_new_case_study
    from casestudy.template.location import template_dir

    template = template_dir()
    state = read_directory(output_dir)
    case_study = plan_new_case_study(raw, output_dir, template, state=state)
    _note_similar_title(case_study.title, state)
    if dry_run:
        from casestudy.new.preview import build_preview

        print(build_preview(case_study, state, template).render())
        print("Dry run: nothing was written.")
        return 0
    return _generate(case_study, output_dir, template, replay_dir)


def _interactive(
    output_dir: Path, given: dict[str, Any], *, dry_run: bool, replay_dir: Path | None
) -> int:
    from casestudy.directory.state import read_directory
    from casestudy.new.asking import say_wrapped
    from casestudy.new.prompts import NewCaseStudyFlow
    from casestudy.template.location import template_dir

    template = template_dir()
    flow = NewCaseStudyFlow(read_directory(output_dir), template, given, say=say_wrapped)
    case_study = flow.run(confirm=not dry_run)
    if dry_run:
        print("Dry run: nothing was written.")
        return 0
    return _generate(case_study, output_dir, template, replay_dir)


def _generate(
    case_study: CaseStudy, output_dir: Path, template: Path, replay_dir: Path | None
) -> int:
    from casestudy.new.render import render_case_study

    render_case_study(case_study, output_dir, template, replay_dir=replay_dir)
    # The template's hook has already said what it created, where the row went, and what
    # to do next.
    return 0


def _note_similar_title(title: str, state: DirectoryState) -> None:
    """Scripts cannot be asked to confirm, but they can be told."""
    from casestudy.new.answers import index_titles, similar_title

    titles = [existing for existing in index_titles(state) if existing != title]
    twin = similar_title(title, titles)
    if twin is not None:
        from casestudy.format.controls import escape_controls

        # The twin is an index row's text, written by whoever edited the README.
        print(f'Note: "{title}" closely resembles "{escape_controls(twin)}", already in '
              f"{state.index_path}.",
              file=sys.stderr)


def _join(flags: list[str]) -> str:
    return flags[0] if len(flags) == 1 else ", ".join(flags[:-1]) + " and " + flags[-1]
