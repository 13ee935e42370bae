"""From the paths given on the command line to sorted findings and a per-case-study summary."""

from __future__ import annotations

import os

from casestudy.check import parallel
from casestudy.check.context import Context, Findings, status_of
from casestudy.check.denylist import read_denylist
from casestudy.check.directory_rules import (
    check_index_table,
    check_rows_against_documents,
    check_shared_names,
)
from casestudy.check.document import check_document
from casestudy.check.findings import ERROR, Finding
from casestudy.check.scan import DocumentScan, H2Reader, h2_reader, scan_entry
from casestudy.directory.config import DirectoryConfig, config_error, load_config
from casestudy.directory.names import INDEX_NAMES, Entry
from casestudy.errors import UsageError
from casestudy.format.sections import SECTIONS


class Summary:
    __slots__ = ("errors", "filled", "headings", "path", "status", "warnings")

    def __init__(
        self,
        path: str,
        filled: int,
        status: str,
        errors: int,
        warnings: int,
        headings: list[tuple[int, str, int | None]] | None = None,
    ) -> None:
        self.path = path
        self.filled = filled  # sections present, with content, no placeholder or guidance
        self.status = status
        self.errors = errors
        self.warnings = warnings
        # (line, heading, section or None for an extra), when asked for
        self.headings = headings

    def as_dict(self) -> dict[str, object]:
        summary: dict[str, object] = {
            "path": self.path,
            "sections_filled": self.filled,
            "sections_total": len(SECTIONS),
            "status": self.status,
            "errors": self.errors,
            "warnings": self.warnings,
        }
        if self.headings is not None:
            summary["headings"] = [
                {
                    "line": line,
                    "heading": heading,
                    "section": SECTIONS[section].title if section is not None else None,
                }
                for line, heading, section in self.headings
            ]
        return summary


class Result:
    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.summaries: list[Summary] = []
        # markdown files (and folders with a README) no name pattern takes for a case study,
        # as shown, and the names that are taken (in words); listed by --verbose
        self.not_taken: list[tuple[str, str]] = []

    @property
    def errors(self) -> int:
        return sum(finding.severity == ERROR for finding in self.findings)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors


class Target:
    """One directory to check, and which of its case studies (None: all of them)."""

    def __init__(self, root: str, config: DirectoryConfig) -> None:
        self.root = root
        self.config = config
        self.selected: set[str] | None = set()

    def select(self, entry: Entry | None) -> None:
        if entry is None:
            self.selected = None
        elif self.selected is not None:
            self.selected.add(entry.path)


def _display_base(root: str) -> str:
    """Paths are shown relative to the working directory when they are under it."""
    here = os.getcwd()
    if root == here:
        return ""
    try:
        relative = os.path.relpath(root, here)
    except ValueError:  # another drive
        return root
    parts = relative.split(os.sep)
    climbing = [part for part in parts if part == os.pardir]
    # under the working directory, or one of its parents ("..", "../.."): relative
    return relative if not climbing or len(climbing) == len(parts) else root


_INDEX_NAMES_LOWER = tuple(name.lower() for name in INDEX_NAMES)


class _Configs:
    """Each directory's configuration, read once per check (a bad one raises ConfigError)."""

    def __init__(self) -> None:
        self._known: dict[str, DirectoryConfig] = {}

    def __call__(self, root: str) -> DirectoryConfig:
        config = self._known.get(root)
        if config is None:
            config = self._known[root] = load_config(root)
        return config


def _enclosing_case_study(path: str, configs: _Configs) -> Entry | None:
    """The case study a path is, or lies inside (a folder's image, its README), walking up."""
    candidate = path
    while True:
        parent = os.path.dirname(candidate)
        if parent == candidate:
            return None
        # a folder's README.md or index.md is named by the directory above the folder
        is_document = os.path.basename(candidate).lower() in _INDEX_NAMES_LOWER
        root = os.path.dirname(parent) if is_document else parent
        entry = configs(root).naming.case_study_entry(candidate)
        # above the path itself, only a folder that really holds a case study counts
        if entry is not None and (candidate == path or os.path.isfile(entry.path)):
            return entry
        candidate = parent


def _is_directory(path: str, configs: _Configs) -> bool:
    """A case-study directory: it holds case studies, or an index and is not itself one
    case study's folder."""
    if not os.path.isdir(path):
        return False
    naming = configs(path).naming
    if naming.has_entries(path):
        return True
    parent_naming = configs(os.path.dirname(path)).naming
    return parent_naming.case_study_entry(path) is None and os.path.isfile(
        naming.index_path(path)
    )


def resolve_targets(paths: list[str]) -> list[Target]:
    targets: dict[str, Target] = {}
    configs = _Configs()
    for given in paths or ["."]:
        path = os.path.abspath(given)
        if not os.path.exists(path):
            raise UsageError(
                f"{given} does not exist. Give a case-study directory (the folder with the "
                "index README), one case study's folder, or its markdown file."
            )
        folder = os.path.dirname(path)
        if configs(folder).naming.is_index_name(os.path.basename(path)) and _is_directory(
            folder, configs
        ):
            path = folder  # the index stands for its directory
        if _is_directory(path, configs):
            targets.setdefault(path, Target(path, configs(path))).select(None)
            continue
        entry = _enclosing_case_study(path, configs)
        if entry is None:
            raise UsageError(
                f"{given} is neither a case-study directory (a folder with the index README "
                f"or numbered case studies) nor in a case study ({configs(folder).naming.forms}). "
                "Run the check from the case-study directory, or give its path."
            )
        folder = entry.path if entry.flat else os.path.dirname(entry.path)
        root = os.path.dirname(folder)
        targets.setdefault(root, Target(root, configs(root))).select(entry)
    return list(targets.values())


def check_paths(
    paths: list[str],
    *,
    strict: bool = False,
    headings: bool = False,
    verbose: bool = False,
    jobs: int | None = None,
) -> Result:
    """`headings`: note in each summary which heading was taken for which section.
    `verbose`: note the markdown files not taken for a case study (`Result.not_taken`).
    `jobs`: how many processes check the documents (None: as many as pay, see
    `parallel.workers_for`)."""
    result = Result()
    for target in resolve_targets(paths):
        check_target(target, strict, result, headings, verbose, jobs)
    result.findings.sort(key=Finding.position_key)
    return result


def check_target(
    target: Target,
    strict: bool,
    result: Result,
    headings: bool = False,
    verbose: bool = False,
    jobs: int | None = None,
) -> None:
    root, config = target.root, target.config
    naming = config.naming
    base = _display_base(root)
    index_name = os.path.basename(naming.index_path(root))
    index_display = os.path.join(base, index_name) if base else index_name
    denylist, denylist_problem = read_denylist(root, base)
    # the index is read when first needed
    context = Context(
        root, None, strict, denylist,
        naming=naming, rules=config.rules, index_display=index_display,
    )
    out = Findings(context)
    if denylist_problem is not None and config.rules.get(denylist_problem.code) != "off":
        out.items.append(denylist_problem)
    entries, others = naming.survey(root)
    if verbose and target.selected is None:
        result.not_taken.extend(
            (os.path.join(base, name) if base else name, naming.forms) for name in others
        )
    check_index_table(context, out, index_display)
    try:
        h2 = h2_reader(config.headings)  # the directory's own heading names, compiled once
    except ValueError as error:
        raise config_error(config.source or "", "headings", f"cannot be read: {error}") from None
    scans = _scan_and_check(entries, base, target.selected, context, out, h2, headings, jobs)
    check_rows_against_documents(scans, context, out, index_display)
    check_shared_names(scans, out)
    # A check of some case studies shows their findings, and a missing index (which
    # concerns them all), but not what is wrong elsewhere in the directory.
    selected = target.selected
    kept = [
        finding
        for finding in out.items
        if selected is None
        or (finding.subject in selected if finding.subject is not None else finding.code == "CS301")
    ]
    result.findings.extend(kept)
    _summarise(scans, selected, kept, result)


def _scan_and_check(
    entries: list[Entry],
    base: str,
    selected: set[str] | None,
    context: Context,
    out: Findings,
    h2: H2Reader,
    headings: bool = False,
    jobs: int | None = None,
) -> list[DocumentScan]:
    """Scan every document and check the selected ones, in `jobs` processes (see
    `parallel.workers_for`); keep of each only what the directory-wide rules need, so memory
    stays flat however large the directory."""

    def check_run(run: list[Entry]) -> tuple[list[DocumentScan], list[Finding]]:
        found = Findings(context)
        scans = []
        for entry in run:
            shown = os.path.join(base, entry.name) if base else entry.name
            if not entry.flat:
                shown = os.path.join(shown, os.path.basename(entry.path))
            scan = scan_entry(entry, shown, h2)  # finds a folder's index.md (entry.path follows)
            if selected is None or entry.path in selected:
                check_document(scan, context, found)
                if headings:
                    scan.note_headings()
            scan.forget_text()
            scans.append(scan)
        return scans, found.items

    workers = parallel.workers_for(jobs, len(entries))
    if workers == 1:
        scans, findings = check_run(entries)
    else:
        context.read_ahead()
        scans, findings = parallel.check_in_workers(entries, workers, check_run)
    out.items += findings
    return scans


def _summarise(
    scans: list[DocumentScan], selected: set[str] | None, kept: list[Finding], result: Result
) -> None:
    counts: dict[str, list[int]] = {}
    for finding in kept:
        if finding.subject is not None:
            tally = counts.setdefault(finding.subject, [0, 0])
            tally[0 if finding.severity == ERROR else 1] += 1
    for scan in scans:
        if selected is not None and scan.path not in selected:
            continue
        filled = scan.filled
        if scan.read_error is not None:
            status = "unreadable"
        else:
            status = status_of(scan) or ("legacy" if scan.flat and not scan.has_front_matter
                                         else "unknown")
        errors, warnings = counts.get(scan.path, [0, 0])
        result.summaries.append(
            Summary(scan.display, filled, status, errors, warnings, scan.headings)
        )
