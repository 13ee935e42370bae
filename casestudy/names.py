"""How case studies are named on disk and linked from the index: shared by every reader.

Imports nothing but `re`, so that the checker's start-up can use it as cheaply as the
template's Jinja extension.
"""

from __future__ import annotations

import re

INDEX_NAME = "README.md"

# `NN_slug/` (a folder holding README.md) or `NN_slug.md` (an older flat case study).
CASE_STUDY_NAME_RE = re.compile(r"(?P<number>\d{2,})_(?P<slug>[A-Za-z0-9_\-]+?)(?P<flat>\.md)?")


def link_key(href: str) -> str:
    """`./06_x/README.md`, `06_x/` and `06_x` all name the case study in folder `06_x`."""
    key = href.strip().split("#", 1)[0]
    while key.startswith("./"):
        key = key[2:]
    if key.lower().endswith("/readme.md"):
        key = key[: -len("/README.md")]
    return key.rstrip("/")
