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
    fix: str = ""  # how to fix it, as `casestudy check --explain` says it


REGISTRY: tuple[Code, ...] = (
    Code("CS001", "read", "file cannot be read",
         "the file cannot be read (missing, unreadable, not UTF-8)",
         fix=(
             "Make sure the file exists and can be read, and save it as UTF-8 text (most editors "
             "have an encoding choice under Save As)."
         )),
    Code("CS002", "read", "case-study folder has no README.md",
         "a case-study folder has no README.md (nor index.md)",
         fix=(
             "Put the case study's document in its folder as README.md (or index.md), or start the "
             "case study again with `casestudy new`."
         )),
    Code("CS101", "structure", "section missing", "one of the nine sections is missing",
         fix=(
             "Add the section as a `## ` heading with its content, in the format's order. "
             "When the directory's documents name the section in words of their own, list "
             "those in the `[headings]` table of its `.casestudy.toml`."
         )),
    Code("CS102", "structure", "section repeated", "a section appears more than once",
         fix=(
             "Merge the two sections into one, or rename the second heading to say what it adds (a "
             "heading that names none of the nine sections is an extra and is never checked)."
         )),
    Code("CS103", "structure", "section out of order", "a section is out of the format's order",
         fix=(
             "Move the section to its place in the format's order: Executive Summary, Business "
             "Context, Architecture Overview, Technical Implementation, Performance Metrics, "
             "Challenges & Solutions, Lessons Learned, Recommendations, Future Roadmap."
         )),
    Code("CS104", "structure", "section empty", "a section has no content",
         fix=(
             "Write the section's content under its heading, or remove the heading if the section "
             "does not apply (which CS101 then reports)."
         )),
    Code("CS105", "structure", "placeholder left", "a `[TODO: ...]` placeholder is left",
         fix="Replace the `[TODO: ...]` placeholder with the text it asks for."),
    Code("CS106", "structure", "guidance comment left",
         "a `<!-- guidance: ... -->` comment is left",
         fix="Delete the `<!-- guidance: ... -->` comment once the section is written."),
    Code("CS107", "structure", "no title heading", "the document has no `# Title` heading",
         fix="Start the document with a `# Title` heading naming the case study."),
    Code("CS201", "front matter", "front matter unreadable",
         "front matter is not valid YAML, not closed, or not a mapping",
         fix=(
             "Fix the front matter between the opening and closing `---` lines: `key: value` lines "
             "of YAML, closed by `---` or `...`. A document that opens with `---` followed by prose"
             " or a heading is read as a thematic break, not front matter."
         )),
    Code("CS202", "front matter", "front matter key missing", "a required key is missing",
         fix=(
             "Add the key to the front matter; the template writes title, number, slug, focus_area,"
             " key_metrics, status and created."
         )),
    Code("CS203", "front matter", "front matter value of the wrong type",
         "a key has the wrong type or an empty value",
         fix=(
             "Give the key a value of the type the message names (for example key_metrics as a list"
             " of texts, created as an ISO date such as 2026-11-26)."
         )),
    Code("CS204", "front matter", "unknown status", "`status` is not draft, review or published",
         fix="Set `status` to draft, review or published."),
    Code("CS205", "front matter", "number disagrees with the folder name",
         "`number` disagrees with the folder name",
         fix=(
             "Make `number` in the front matter the number in the folder's (or file's) name, or "
             "renumber with `casestudy renumber`."
         )),
    Code("CS206", "front matter", "slug disagrees with the folder name",
         "`slug` disagrees with the folder name",
         fix="Make `slug` in the front matter the slug in the folder's (or file's) name."),
    Code("CS207", "front matter", "front matter missing",
         "a template-style case study (`NN_slug/README.md`) has no front matter",
         fix=(
             "Add front matter (title, number, slug, focus_area, key_metrics, status, created) at "
             "the top of the document, as `casestudy new` writes it."
         )),
    Code("CS301", "index", "no index table",
         "no index README with a Case Study / Key Metrics / Focus Area table",
         fix=(
             "Give the directory an index (README.md or index.md) with a table whose header is | "
             "Case Study | Key Metrics | Focus Area |; `casestudy init` writes one."
         )),
    Code("CS302", "index", "case study missing from the index",
         "a case study has no row in the index",
         fix=(
             "Add the case study's row to the index table (`casestudy index --write` adds the rows "
             "of case studies with front matter)."
         )),
    Code("CS303", "index", "case study listed more than once",
         "a case study has more than one row in the index",
         fix="Keep one row per case study in the index: delete the other."),
    Code("CS304", "index", "index link does not resolve", "a row's link does not resolve",
         fix=(
             "Point the row's link at the case study's file (NN_slug/README.md or NN_slug.md), or "
             "remove the row of a case study that no longer exists."
         )),
    Code("CS305", "index", "index title disagrees",
         "a row's title disagrees with the front matter's `title`",
         fix=(
             "Make the row's title the front matter's `title`: `casestudy index --write` rewrites "
             "the row from it."
         )),
    Code("CS306", "index", "index metrics disagree",
         "a row's key metrics disagree with the front matter's `key_metrics`",
         fix=(
             "Make the row's key metrics the front matter's `key_metrics`, in order: `casestudy "
             "index --write` rewrites the row from them."
         )),
    Code("CS307", "index", "index focus area disagrees",
         "a row's focus area disagrees with the front matter's `focus_area`",
         fix=(
             "Make the row's focus area the front matter's `focus_area`: `casestudy index --write` "
             "rewrites the row from it."
         )),
    Code("CS308", "index", "number shared", "two case studies share a number",
         fix=(
             "Give one of the case studies a free number: `casestudy renumber` does it, links "
             "included."
         )),
    Code("CS309", "index", "slug shared", "two case studies share a slug",
         fix="Give one of the case studies another slug, in its name and its front matter."),
    Code("CS310", "index", "key metrics shared between rows",
         "two rows carry the same key metrics",
         fix=(
             "Give each row its own case study's key metrics: one was probably copied from another "
             "row."
         )),
    Code("CS311", "index", "index row without a case-study link", "a row links to no case study",
         fix=(
             "Link the row's title to its case study (NN_slug/README.md or NN_slug.md), or move the"
             " row out of the index table."
         )),
    Code("CS312", "index", "index is a list",
         "the index is a numbered list of links, not a table",
         fix=(
             "Run `casestudy index --write` to turn the list into the table, built from the case "
             "studies; everything else in the file stays as it is."
         )),
    Code("CS401", "metrics", "headline metric not in the body",
         "a headline metric does not appear in the document's body",
         fix=(
             "Write the headline metric's figure into the document's body (the Performance Metrics "
             "section, usually), or change the headline metric to one the body states."
         )),
    Code("CS402", "metrics", "headline metric unreadable",
         "a headline metric has no figure the metric parser can read",
         fix=(
             "Give the headline metric a figure the metric parser reads, such as \"87ms p99 "
             "latency\", \"2.1B vectors\" or \"$0.0012/query\"."
         )),
    Code("CS501", "links", "broken relative link", "a relative link does not resolve",
         fix="Correct the link's target (relative to the document), or add the file it points to."),
    Code("CS502", "links", "broken relative image", "a relative image does not resolve",
         fix="Correct the image's path (relative to the document), or add the image."),
    Code("CS601", "anonymisation", "denylisted term",
         "a term from the directory's `.casestudy-denylist` appears",
         fix=(
             "Replace the term with an anonymised one (\"a large retailer\"), or remove it from "
             "`.casestudy-denylist` if it may be named."
         )),
)
CODES: dict[str, Code] = {code.code: code for code in REGISTRY}

# Findings that say "not written yet": their severity follows the case study's status (a
# warning in a draft, an error in review or published). Everything else is an error, and every
# finding on an older flat case study without front matter is a warning unless --strict.
UNFILLED_CODES = frozenset({"CS101", "CS104", "CS105", "CS106", "CS401", "CS402"})


def explain(code: Code) -> str:
    """What `casestudy check --explain CODE` prints."""
    return (
        f"{code.code}: {code.name} ({code.rule} rule)\n\n"
        f"What it reports: {code.finding}.\n\n"
        f"How to fix it: {code.fix}\n\n"
        f"To turn it off for one document, write <!-- casestudy-disable {code.code} --> in it "
        f"(or <!-- casestudy-disable-next-line {code.code} --> above the line); for a "
        f"directory, set {code.code} = \"off\" (or \"warning\") in the [rules] table of "
        "its .casestudy.toml.\n"
    )


def markdown_table() -> str:
    """The README's table of codes, as the registry has it."""
    lines = ["| Code | Rule | Finding |", "|-------|------|---------|"]
    lines += [f"| {code.code} | {code.rule} | {code.finding} |" for code in REGISTRY]
    return "\n".join(lines)
