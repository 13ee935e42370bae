"""The anonymisation rule: no term of the directory's `.casestudy-denylist` (CS601)."""

from __future__ import annotations

import os

from casestudy.check.context import Context, Findings
from casestudy.check.findings import Finding
from casestudy.check.scan import DocumentScan

DENYLIST_NAME = ".casestudy-denylist"


def read_denylist(root: str, base: str = "") -> tuple[list[str], Finding | None]:
    """Terms from the directory's `.casestudy-denylist`: one a line, `#` starts a comment
    line, compared case-insensitively as whole words. `base` is how findings show `root`."""
    path = os.path.join(root, DENYLIST_NAME)
    from casestudy.directory.fileio import read_text_exact
    from casestudy.errors import CaseStudyError

    if not os.path.lexists(path):
        return [], None
    try:
        lines = read_text_exact(path).removeprefix("\ufeff").splitlines()
    except CaseStudyError as error:
        shown = os.path.join(base, DENYLIST_NAME) if base else DENYLIST_NAME
        return [], Finding(shown, 1, 1, "CS001", f"the denylist cannot be read: {error}")
    terms = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    return terms, None



def check_denylist(scan: DocumentScan, context: Context, out: Findings) -> None:
    parts = ((scan.front_text, 2), (scan.body, scan.body_line))
    for text, first_line in parts:
        lowered = text.lower()
        if not any(term in lowered for term in context.denylist_lower):
            continue
        for match in context.denylist_re().finditer(text):
            line = first_line + text.count("\n", 0, match.start())
            col = match.start() - text.rfind("\n", 0, match.start())
            out.add(
                scan, "CS601",
                f"'{match.group()}' is on the denylist ({DENYLIST_NAME}); anonymise it",
                line, col,
            )

