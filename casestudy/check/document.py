"""Every rule that looks at one document on its own."""

from __future__ import annotations

from casestudy.check.context import Context, Findings
from casestudy.check.denylist import check_denylist
from casestudy.check.front_matter import check_front_matter
from casestudy.check.headline_metrics import check_metrics
from casestudy.check.links import check_links
from casestudy.check.scan import MISSING, DocumentScan
from casestudy.check.structure import check_structure


def check_document(scan: DocumentScan, context: Context, out: Findings) -> None:
    if scan.read_error is not None:
        message, line, col = scan.read_error
        if not scan.flat and message == MISSING:
            out.add(
                scan, "CS002", f"the case-study folder {scan.name}/ has no README.md (nor index.md)"
            )
        else:
            out.add(scan, "CS001", message, line, col)
        return
    check_structure(scan, out)
    check_front_matter(scan, out)
    check_metrics(scan, context, out)
    check_links(scan, context, out)
    if context.denylist:
        check_denylist(scan, context, out)
