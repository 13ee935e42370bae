"""Apply an index edit planned in the cookiecutter process (`index_file.plan_index_edit`).

This is the post-generation hook's whole job on the usual path, so it imports nothing beyond
what Python starts with: no markdown parser, no dataclasses, no pathlib. When the README is
no longer the text the edit was planned on (someone else wrote it in between), it says so and
the caller plans again with the parser.
"""

from __future__ import annotations

import hashlib
import os

from casestudy.directory.fileio import atomic_write_text, directory_lock, read_text_and_digest


class StaleIndex(Exception):
    """The README changed after the edit was planned."""


def fingerprint(*pieces: str) -> str:
    """The SHA-256 of the UTF-8 text `pieces` make when joined (without joining them): what
    `read_text_and_digest` gives for a file that holds it."""
    digest = hashlib.sha256()
    for piece in pieces:
        digest.update(piece.encode("utf-8"))
    return digest.hexdigest()


def apply_planned_edit(plan: dict[str, object]) -> str:
    """Apply the planned edit under the directory lock; return what was done."""
    path = str(plan["index"])
    action = str(plan["action"])
    with directory_lock(os.path.dirname(path)):
        if action == "created":
            try:
                atomic_write_text(path, str(plan["text"]), exclusive=True)
            except FileExistsError:
                raise StaleIndex(path) from None
            return action
        if not os.path.exists(path):
            raise StaleIndex(path)
        text, digest = read_text_and_digest(path)
        if digest != plan["fingerprint"]:
            raise StaleIndex(path)
        if action != "unchanged":
            start, end = int(str(plan["start"])), int(str(plan["end"]))
            atomic_write_text(path, (text[:start], str(plan["replacement"]), text[end:]))
        return action


def text_before_edit(plan: dict[str, object], text: str) -> tuple[str, str, str] | None:
    """The README as it was before the planned splice was applied, in three pieces, given
    `text`, what it holds now; None unless `text` is exactly what the splice made of it (the
    planned row where the plan put it, and around it the bytes the plan was made on).

    This is how a failed generation takes its row back without keeping a copy of a README
    that may be megabytes long: the plan holds the row and what it replaced."""
    if plan["action"] not in ("added", "updated"):
        return None
    start, replacement = int(str(plan["start"])), str(plan["replacement"])
    end = start + len(replacement)
    if text[start:end] != replacement:
        return None
    pieces = text[:start], str(plan["replaced"]), text[end:]
    return pieces if fingerprint(*pieces) == plan["fingerprint"] else None
