"""Apply an index edit planned in the cookiecutter process (`index_file.plan_index_edit`).

This is the post-generation hook's whole job on the usual path, so it imports nothing beyond
what Python starts with: no markdown parser, no dataclasses, no pathlib. When the README is
no longer the text the edit was planned on (someone else wrote it in between), it says so and
the caller plans again with the parser.
"""

from __future__ import annotations

import os
import zlib

from casestudy.directory.fileio import atomic_write_text, directory_lock, read_text_exact


class StaleIndex(Exception):
    """The README changed after the edit was planned."""


def fingerprint(text: str) -> str:
    data = text.encode("utf-8")
    return f"{len(data)}:{zlib.crc32(data):08x}"


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
        text = read_text_exact(path) if os.path.exists(path) else None
        if text is None or fingerprint(text) != plan["fingerprint"]:
            raise StaleIndex(path)
        if action != "unchanged":
            start, end = int(str(plan["start"])), int(str(plan["end"]))
            atomic_write_text(path, (text[:start], str(plan["replacement"]), text[end:]))
        return action
