"""Errors the user can act on, and the one place that turns them into exit codes."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_CANCELLED = 130


class CaseStudyError(Exception):
    """A problem the user can fix; its message is one paragraph saying what and how."""

    exit_code = EXIT_FAILURE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class AnswerError(CaseStudyError):
    """One or more answers break their rules; nothing has been written."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(
            "Cannot start the case study: "
            + " ".join(problems)
            + " Nothing was created; correct the answer and run again."
        )


class IndexTableError(CaseStudyError):
    """The directory's index README cannot take the new row."""


class NoIndexTable(IndexTableError):
    """The text has no Case Study | Key Metrics | Focus Area table at all."""


class ExistingCaseStudyError(CaseStudyError):
    """Generating would overwrite or duplicate an author's case study."""


class UsageError(CaseStudyError):
    exit_code = EXIT_USAGE


class CommandLineError(UsageError):
    """A command line that cannot be read: its message is the parser's, and says where the
    options are described, so it is shown as it is."""


class Cancelled(CaseStudyError):
    """Interrupted (Ctrl-C, end of input) before anything was written."""

    exit_code = EXIT_CANCELLED

    def __init__(self) -> None:
        super().__init__("cancelled, nothing written")


class CancelledByChoice(Cancelled):
    """The author chose to stop ("Cancel", "Stop"): a decision, not an interrupt, so the
    ordinary failure status, which scripts can tell from 130."""

    exit_code = EXIT_FAILURE


def exit_code_for(error: BaseException | None) -> int:
    """Map an outcome to the process exit status; every command and hook uses this."""
    if error is None:
        return EXIT_OK
    if isinstance(error, KeyboardInterrupt):
        return EXIT_CANCELLED
    if isinstance(error, BrokenPipeError):
        return EXIT_OK  # the reader closed the pipe: it had what it wanted
    if isinstance(error, CaseStudyError):
        return error.exit_code
    return EXIT_FAILURE
