"""A finding: one problem at one place, with its code and severity (codes: `check.codes`)."""

from __future__ import annotations

ERROR = "error"
WARNING = "warning"

class Finding:
    """One problem at one place. `subject` is the case-study file the finding is about (so a
    check of one case study shows only its own findings, and legacy ones can be softened);
    None for findings about the directory as a whole."""

    __slots__ = ("code", "col", "line", "message", "path", "severity", "subject")

    def __init__(
        self,
        path: str,
        line: int,
        col: int,
        code: str,
        message: str,
        severity: str = ERROR,
        subject: str | None = None,
    ) -> None:
        self.path = path
        self.line = line
        self.col = col
        self.code = code
        self.message = message
        self.severity = severity
        self.subject = subject

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.col, self.code, self.message)

    def position_key(self) -> tuple[str, int, int, str]:
        """Sorting by this (a stable sort) keeps same-place findings in the order the checks
        made them: missing sections in the format's order, not alphabetically."""
        return (self.path, self.line, self.col, self.code)

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.col,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
        }

    def __repr__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message} [{self.severity}]"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Finding) and (
            self.sort_key(), self.severity, self.subject
        ) == (other.sort_key(), other.severity, other.subject)

    def __hash__(self) -> int:
        return hash(self.sort_key())
