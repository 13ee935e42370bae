"""Every finding code `casestudy check` reports, in one registry: the README's code table, the
rule each belongs to, and which ones say "not written yet".

Codes never change meaning once released; new checks get new codes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    code: str
    rule: str  # the group it belongs to, as the README's table names it
    name: str  # a few words, for listings
    finding: str  # what it reports, as the README's table says it


REGISTRY: tuple[Code, ...] = (
    Code("CS001", "read", "file cannot be read",
         "the file cannot be read (missing, unreadable, not UTF-8)"),
    Code("CS002", "read", "case-study folder has no README.md",
         "a case-study folder has no README.md"),
    Code("CS101", "structure", "section missing", "one of the nine sections is missing"),
    Code("CS102", "structure", "section repeated", "a section appears more than once"),
    Code("CS103", "structure", "section out of order", "a section is out of the format's order"),
    Code("CS104", "structure", "section empty", "a section has no content"),
    Code("CS105", "structure", "placeholder left", "a `[TODO: ...]` placeholder is left"),
    Code("CS106", "structure", "guidance comment left",
         "a `<!-- guidance: ... -->` comment is left"),
    Code("CS107", "structure", "no title heading", "the document has no `# Title` heading"),
    Code("CS201", "front matter", "front matter unreadable",
         "front matter is not valid YAML, not closed, or not a mapping"),
    Code("CS202", "front matter", "front matter key missing", "a required key is missing"),
    Code("CS203", "front matter", "front matter value of the wrong type",
         "a key has the wrong type or an empty value"),
    Code("CS204", "front matter", "unknown status", "`status` is not draft, review or published"),
    Code("CS205", "front matter", "number disagrees with the folder name",
         "`number` disagrees with the folder name"),
    Code("CS206", "front matter", "slug disagrees with the folder name",
         "`slug` disagrees with the folder name"),
    Code("CS207", "front matter", "front matter missing",
         "a template-style case study (`NN_slug/README.md`) has no front matter"),
    Code("CS301", "index", "no index table",
         "no index README with a Case Study / Key Metrics / Focus Area table"),
    Code("CS302", "index", "case study missing from the index",
         "a case study has no row in the index"),
    Code("CS303", "index", "case study listed more than once",
         "a case study has more than one row in the index"),
    Code("CS304", "index", "index link does not resolve", "a row's link does not resolve"),
    Code("CS305", "index", "index title disagrees",
         "a row's title disagrees with the front matter's `title`"),
    Code("CS306", "index", "index metrics disagree",
         "a row's key metrics disagree with the front matter's `key_metrics`"),
    Code("CS307", "index", "index focus area disagrees",
         "a row's focus area disagrees with the front matter's `focus_area`"),
    Code("CS308", "index", "number shared", "two case studies share a number"),
    Code("CS309", "index", "slug shared", "two case studies share a slug"),
    Code("CS310", "index", "key metrics shared between rows",
         "two rows carry the same key metrics"),
    Code("CS311", "index", "index row without a case-study link", "a row links to no case study"),
    Code("CS401", "metrics", "headline metric not in the body",
         "a headline metric does not appear in the document's body"),
    Code("CS402", "metrics", "headline metric unreadable",
         "a headline metric has no figure the metric parser can read"),
    Code("CS501", "links", "broken relative link", "a relative link does not resolve"),
    Code("CS502", "links", "broken relative image", "a relative image does not resolve"),
    Code("CS601", "anonymisation", "denylisted term",
         "a term from the directory's `.casestudy-denylist` appears"),
)
CODES: dict[str, Code] = {code.code: code for code in REGISTRY}

# Findings that say "not written yet": their severity follows the case study's status (a
# warning in a draft, an error in review or published). Everything else is an error, and every
# finding on an older flat case study without front matter is a warning unless --strict.
UNFILLED_CODES = frozenset({"CS101", "CS104", "CS105", "CS106", "CS401", "CS402"})


def markdown_table() -> str:
    """The README's table of codes, as the registry has it."""
    lines = ["| Code | Rule | Finding |", "|-------|------|---------|"]
    lines += [f"| {code.code} | {code.rule} | {code.finding} |" for code in REGISTRY]
    return "\n".join(lines)
