"""Link rules: relative links and images resolve (CS501, CS502)."""

from __future__ import annotations

import os
import re

from casestudy.check.context import Context, Findings
from casestudy.check.scan import DocumentScan, link_place

_SCHEME_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


def check_links(scan: DocumentScan, context: Context, out: Findings) -> None:
    if not scan.links:
        return
    folder = os.path.dirname(scan.path)
    fine: set[str] = set()  # a document links to the same few targets again and again
    for href, position, inline in scan.links:
        if href in fine:
            continue
        target = local_target(href)
        if target is None or context.exists_from(folder, target):
            fine.add(href)
            continue
        start, image = link_place(scan, href, position, inline)
        if start >= 0:
            code, kind = ("CS502", "image") if image else ("CS501", "link")
            line, col = scan.line_col(start)
            out.add(scan, code, f"{kind} target '{href}' does not exist", line, col)


def local_target(href: str) -> str | None:
    """The file a relative link points to; None for anchors, URLs and site-absolute paths."""
    if not href or href.startswith(("#", "/", "\\")) or _SCHEME_RE.match(href):
        return None
    target = href.split("#", 1)[0].split("?", 1)[0]
    if "%" in target:
        from urllib.parse import unquote

        target = unquote(target)
    return target or None

