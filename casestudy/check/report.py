"""Writing a check's result: plain text, rich (a terminal), JSON, or GitHub annotations."""

from __future__ import annotations

from typing import TextIO

from casestudy.check.engine import Result, Summary
from casestudy.check.findings import ERROR
from casestudy.directory.names import NAME_FORMS
from casestudy.format.controls import escape_controls
from casestudy.format.sections import SECTIONS

FORMATS = ("auto", "plain", "rich", "json", "github")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def totals_line(result: Result) -> str:
    return (
        f"{_plural(result.errors, 'error')}, {_plural(result.warnings, 'warning')} "
        f"in {_plural(len(result.summaries), 'case study')}".replace("studys", "studies")
    )


def summary_line(summary_path: str, filled: int, status: str, errors: int, warnings: int) -> str:
    return (
        f"{summary_path}: {filled}/{len(SECTIONS)} sections filled, {status}, "
        f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
    )


def not_taken_lines(result: Result) -> list[str]:
    """What --verbose adds: each markdown file no name pattern takes for a case study."""
    return [
        f"{name}: not taken for a case study (its name "
        + (f"is none of {forms})" if forms == NAME_FORMS else f"does not match {forms})")
        for name, forms in result.not_taken
    ]


def heading_lines(summary: Summary) -> list[str]:
    """What --verbose shows under a case study: which heading was taken for which section,
    and which were extras."""
    return [
        f"  line {line}: '{heading}' "
        + (f"taken for {SECTIONS[section].title}" if section is not None
           else "is an extra (names none of the nine sections)")
        for line, heading, section in summary.headings or ()
    ]


def write_plain(result: Result, stream: TextIO) -> None:
    lines = [
        f"{f.path}:{f.line}:{f.col}: {f.code} {f.message}"
        + ("" if f.severity == ERROR else " (warning)")
        for f in result.findings
    ]
    if lines:
        lines.append("")
    for s in result.summaries:
        lines.append(summary_line(s.path, s.filled, s.status, s.errors, s.warnings))
        lines.extend(heading_lines(s))
    lines.extend(not_taken_lines(result))
    lines.append(totals_line(result))
    # Paths and messages quote the case studies' own text: never let it drive the terminal.
    stream.write("\n".join(escape_controls(line) for line in lines) + "\n")


def write_json(result: Result, stream: TextIO) -> None:
    document = {
        "findings": [finding.as_dict() for finding in result.findings],
        "case_studies": [summary.as_dict() for summary in result.summaries],
        "errors": result.errors,
        "warnings": result.warnings,
    }
    if result.not_taken:  # with --verbose
        document["not_taken"] = [name for name, _ in result.not_taken]
    import json  # only this format needs it

    json.dump(document, stream, indent=2)
    stream.write("\n")


def _escape_data(text: str) -> str:
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return escape_controls(escaped)


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write_github(result: Result, stream: TextIO) -> None:
    """Workflow commands GitHub Actions turns into annotations on the pull request."""
    lines = [
        f"::{f.severity} file={_escape_property(f.path)},line={f.line},col={f.col},"
        f"title={_escape_property(f.code)}::{_escape_data(f.message)}"
        for f in result.findings
    ]
    for summary in result.summaries:  # with --verbose: plain log lines, not annotations
        if summary.headings is not None:
            lines.append(f"{summary.path}: headings")
            lines.extend(heading_lines(summary))
    # a plain log line that starts with a word: a file's name can never make it a command
    lines.extend(f"note: {escape_controls(line)}" for line in not_taken_lines(result))
    lines.append(totals_line(result))
    stream.write("\n".join(lines) + "\n")


def write_rich(result: Result, stream: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=stream, highlight=False)
    for finding in result.findings:
        style = "bold red" if finding.severity == ERROR else "yellow"
        line = Text()
        path = escape_controls(finding.path)
        line.append(f"{path}:{finding.line}:{finding.col}: ", style="bold")
        line.append(finding.code, style=style)
        line.append(f" {escape_controls(finding.message)}")
        if finding.severity != ERROR:
            line.append(" (warning)", style="dim")
        console.print(line)
    for summary in result.summaries:
        if summary.headings is not None:
            console.print(Text(f"{summary.path}: headings", style="bold"))
            for understood in heading_lines(summary):
                extra = understood.endswith("sections)")
                console.print(Text(understood, style="dim" if extra else ""))
    if result.summaries:
        table = Table(title=None, show_edge=False, pad_edge=False)
        table.add_column("Case study")
        table.add_column("Sections", justify="right")
        table.add_column("Status")
        table.add_column("Errors", justify="right")
        table.add_column("Warnings", justify="right")
        for summary in result.summaries:
            complete = summary.filled == len(SECTIONS)
            table.add_row(
                escape_controls(summary.path),
                Text(f"{summary.filled}/{len(SECTIONS)}", style="green" if complete else "yellow"),
                summary.status,
                Text(str(summary.errors), style="red" if summary.errors else "green"),
                Text(str(summary.warnings), style="yellow" if summary.warnings else ""),
            )
        console.print()
        console.print(table)
    for not_taken in not_taken_lines(result):
        console.print(Text(escape_controls(not_taken), style="dim"))
    style = "bold red" if result.errors else "bold green"
    console.print(Text(totals_line(result), style=style))


def write(result: Result, stream: TextIO, output_format: str) -> None:
    if output_format == "auto":
        output_format = "rich" if stream.isatty() else "plain"
    writers = {
        "plain": write_plain,
        "rich": write_rich,
        "json": write_json,
        "github": write_github,
    }
    writers[output_format](result, stream)
