"""Structure rules: the title, the nine sections (missing, repeated, out of order, empty),
placeholders and guidance comments left (CS101 to CS107)."""

from __future__ import annotations

from casestudy.check.context import Findings
from casestudy.check.scan import DocumentScan
from casestudy.format.sections import SECTIONS


def _region_name(title: str | None) -> str:
    return f"section '{title}'" if title is not None else "the introduction"


def check_structure(scan: DocumentScan, out: Findings) -> None:
    # Lines are counted only for findings: a clean document never pays for them.
    if scan.title is None:
        out.add(scan, "CS107", "the document has no '# Title' heading", scan.body_line)
    first_at: dict[int, int] = {}  # section -> offset of its first heading
    furthest = -1  # the furthest section in the format's order met so far
    for region in scan.regions:
        order = region.section  # its place in the format, or None
        if order is not None:
            if order in first_at:
                first_line = scan.line_of(first_at[order])
                out.add(
                    scan, "CS102",
                    f"section '{SECTIONS[order].title}' appears again "
                    f"(first at line {first_line})",
                    scan.line_of(region.position),
                )
                continue
            first_at[order] = region.position
            if order < furthest:
                out.add(
                    scan, "CS103",
                    f"section '{SECTIONS[order].title}' comes after "
                    f"'{SECTIONS[furthest].title}'; the format puts it before",
                    scan.line_of(region.position),
                )
            else:
                furthest = order
            if not region.content:
                out.add(
                    scan, "CS104",
                    f"section '{SECTIONS[order].title}' is empty",
                    scan.line_of(region.position),
                )
        if region.placeholders:
            position, text = region.placeholders[0]
            line, col = scan.line_col(position)
            count = len(region.placeholders)
            more = f" (and {count - 1} more)" if count > 1 else ""
            out.add(
                scan, "CS105",
                f"{_region_name(region.title)} still has a placeholder to fill: {text}{more}",
                line, col,
            )
        if region.guidance:
            line, col = scan.line_col(region.guidance[0])
            out.add(
                scan, "CS106",
                f"{_region_name(region.title)} still has a guidance comment; "
                "delete it once the section is written",
                line, col,
            )
    if len(first_at) < len(SECTIONS):
        line = scan.line_of(scan.title_position) if scan.title is not None else scan.body_line
        for position, section in enumerate(SECTIONS):
            if position not in first_at:
                aliases = ", ".join(repr(alias) for alias in section.aliases)
                aliases = f" (or {aliases})" if aliases else ""
                out.add(scan, "CS101", f"section '{section.title}'{aliases} is missing", line)

