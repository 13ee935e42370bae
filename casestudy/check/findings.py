"""What `casestudy check` reports: findings with stable codes, and their severities.

Codes never change meaning once released; new checks get new codes.

| Code  | Rule | Finding |
|-------|------|---------|
| CS001 | read | the file cannot be read (missing, unreadable, not UTF-8) |
| CS002 | read | a case-study folder has no README.md |
| CS101 | structure | one of the nine sections is missing |
| CS102 | structure | a section appears more than once |
| CS103 | structure | a section is out of the format's order |
| CS104 | structure | a section has no content |
| CS105 | structure | a `[TODO: ...]` placeholder is left |
| CS106 | structure | a `<!-- guidance: ... -->` comment is left |
| CS107 | structure | the document has no `# Title` heading |
| CS201 | front matter | front matter is not valid YAML, not closed, or not a mapping |
| CS202 | front matter | a required key is missing |
| CS203 | front matter | a key has the wrong type or an empty value |
| CS204 | front matter | `status` is not draft, review or published |
| CS205 | front matter | `number` disagrees with the folder name |
| CS206 | front matter | `slug` disagrees with the folder name |
| CS207 | front matter | a template-style case study (`NN_slug/README.md`) has no front matter |
| CS301 | index | no index README with a Case Study / Key Metrics / Focus Area table |
| CS302 | index | a case study has no row in the index |
| CS303 | index | a case study has more than one row in the index |
| CS304 | index | a row's link does not resolve |
| CS305 | index | a row's title disagrees with the front matter's `title` |
| CS306 | index | a row's key metrics disagree with the front matter's `key_metrics` |
| CS307 | index | a row's focus area disagrees with the front matter's `focus_area` |
| CS308 | index | two case studies share a number |
| CS309 | index | two case studies share a slug |
| CS310 | index | two rows carry the same key metrics |
| CS311 | index | a row links to no case study |
| CS401 | metrics | a headline metric does not appear in the document's body |
| CS402 | metrics | a headline metric has no figure the metric parser can read |
| CS501 | links | a relative link does not resolve |
| CS502 | links | a relative image does not resolve |
| CS601 | anonymisation | a term from the directory's `.casestudy-denylist` appears |

Severity: unfilled-ness (CS101 and CS104 to CS106, CS401, CS402) follows the case study's
status: a warning in a draft, an error in review or published. Everything else is an error.
Every finding on an older flat case study (`NN_slug.md`, no front matter) is a warning unless
`--strict` is given.
"""

from __future__ import annotations

ERROR = "error"
WARNING = "warning"

CODES: dict[str, str] = {
    "CS001": "file cannot be read",
    "CS002": "case-study folder has no README.md",
    "CS101": "section missing",
    "CS102": "section repeated",
    "CS103": "section out of order",
    "CS104": "section empty",
    "CS105": "placeholder left",
    "CS106": "guidance comment left",
    "CS107": "no title heading",
    "CS201": "front matter unreadable",
    "CS202": "front matter key missing",
    "CS203": "front matter value of the wrong type",
    "CS204": "unknown status",
    "CS205": "number disagrees with the folder name",
    "CS206": "slug disagrees with the folder name",
    "CS207": "front matter missing",
    "CS301": "no index table",
    "CS302": "case study missing from the index",
    "CS303": "case study listed more than once",
    "CS304": "index link does not resolve",
    "CS305": "index title disagrees",
    "CS306": "index metrics disagree",
    "CS307": "index focus area disagrees",
    "CS308": "number shared",
    "CS309": "slug shared",
    "CS310": "key metrics shared between rows",
    "CS311": "index row without a case-study link",
    "CS401": "headline metric not in the body",
    "CS402": "headline metric unreadable",
    "CS501": "broken relative link",
    "CS502": "broken relative image",
    "CS601": "denylisted term",
}

# Findings that say "not written yet": their severity follows the case study's status.
UNFILLED_CODES = frozenset({"CS101", "CS104", "CS105", "CS106", "CS401", "CS402"})


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

    def as_tuple(self) -> tuple[str, int, int, str, str, str, str | None]:
        """The fields in the constructor's order: `Finding(*finding.as_tuple())` is equal."""
        return (
            self.path, self.line, self.col, self.code, self.message, self.severity, self.subject
        )

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
