"""What every rule of one check shares: the directory's context (its index, denylist and
existence cache) and the collector that gives each finding its severity."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from casestudy.check.codes import UNFILLED_CODES
from casestudy.check.findings import ERROR, WARNING, Finding
from casestudy.check.scan import DocumentScan
from casestudy.check.suppression import Disabled, in_markdown, suppresses
from casestudy.directory.names import DEFAULT_NAMING, Naming

if TYPE_CHECKING:
    from casestudy.index.model import IndexRow
    from casestudy.index.read import IndexFile

STATUSES = ("draft", "review", "published")


class Context:
    """What every document's checks share within one directory."""

    def __init__(
        self,
        root: str,
        index: IndexFile | None,
        strict: bool,
        denylist: list[str],
        *,
        naming: Naming = DEFAULT_NAMING,
        rules: Mapping[str, str] | None = None,
        index_display: str = "",
    ) -> None:
        """`index` None: read the index when a check first asks for it (a forked worker
        whose documents all have front matter never does). `naming` and `rules` come from
        the directory's configuration: how it names things, and code -> off/warning/error.
        `index_display`: the index as findings show it (its suppression comments cover them)."""
        self.root = root
        self.strict = strict
        self.naming = naming
        self.rules: Mapping[str, str] = rules or {}
        self.index_display = index_display
        self._index_disabled: Disabled | None = None
        self._index_disabled_read = False
        self._index = index
        self._row_case_studies: list[tuple[IndexRow, list[str]]] | None = None
        self._rows_by_name: dict[str, list[IndexRow]] | None = None
        self.denylist = denylist
        self.denylist_lower = [term.lower() for term in denylist]
        self._denylist_re: re.Pattern[str] | None = None
        self._exists: dict[str, bool] = {}

    @property
    def index(self) -> IndexFile:
        if self._index is None:
            # imported here: in a forked worker, whose documents mostly have front matter,
            # the index reader is never needed, nor its patterns compiled
            from casestudy.index.read import read_index_file

            self._index = read_index_file(self.root, self.naming)
        return self._index

    @property
    def row_case_studies(self) -> list[tuple[IndexRow, list[str]]]:
        """Each index row with the case studies it links to, worked out once for all the
        rules that ask (on a long index, resolving every link is most of their work)."""
        if self._row_case_studies is None:
            naming = self.naming
            self._row_case_studies = [(row, row.case_studies(naming)) for row in self.index.rows]
        return self._row_case_studies

    @property
    def rows_by_name(self) -> dict[str, list[IndexRow]]:
        if self._rows_by_name is None:
            from casestudy.index.model import rows_by_name

            self._rows_by_name = rows_by_name(self.row_case_studies)
        return self._rows_by_name

    def index_suppresses(self, code: str, line: int) -> bool:
        """Whether a suppression comment in the index turns off this finding placed in it."""
        return suppresses(self._index_suppressions(), code, line)

    def _index_suppressions(self) -> Disabled | None:
        if not self._index_disabled_read:
            text = self.index.text
            self._index_disabled = in_markdown(text) if text is not None else None
            self._index_disabled_read = True
        return self._index_disabled

    def read_ahead(self) -> None:
        """Read now what the rules otherwise read when they first need it (the index's rows
        and its suppression comments), so that worker processes forked from this one inherit
        it instead of each reading it again."""
        self.rows_by_name  # noqa: B018 (read for its side effect: the rows are kept)
        self._index_suppressions()

    def exists(self, path: str) -> bool:
        known = self._exists.get(path)
        if known is None:
            known = self._exists[path] = os.path.exists(path)
        return known

    def exists_from(self, folder: str, target: str) -> bool:
        """Whether `target`, relative to `folder`, exists (memoised by the pair: sibling case
        studies link to the same few files)."""
        key = folder + "\0" + target
        known = self._exists.get(key)
        if known is None:
            known = self._exists[key] = os.path.exists(os.path.join(folder, target))
        return known

    def denylist_re(self) -> re.Pattern[str]:
        if self._denylist_re is None:
            terms = sorted(self.denylist, key=len, reverse=True)
            alternatives = "|".join(re.escape(term) for term in terms)
            self._denylist_re = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
        return self._denylist_re



def status_of(scan: DocumentScan) -> str | None:
    if scan.front is None:
        return None
    status = scan.front.get("status")
    return status if isinstance(status, str) else None


def is_legacy(scan: DocumentScan) -> bool:
    """An older flat case study that predates front matter (NN_slug.md without it)."""
    return scan.flat and not scan.has_front_matter


def severity_for(
    code: str, scan: DocumentScan | None, legacy: bool, strict: bool, setting: str | None = None
) -> str:
    """`setting`: what the directory's configuration says for the code ("warning" or
    "error"), which replaces the format's default; an older case study's findings stay
    warnings unless --strict, whatever it says."""
    if setting == "warning" or (legacy and not strict):
        return WARNING
    if setting == "error":
        return ERROR
    if code in UNFILLED_CODES and scan is not None and status_of(scan) == "draft":
        return WARNING
    return ERROR


class Findings:
    """Collects findings about one case study, with its severity rules applied."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self.items: list[Finding] = []

    def add(
        self,
        scan: DocumentScan | None,
        code: str,
        message: str,
        line: int = 1,
        col: int = 1,
        *,
        path: str | None = None,
        subject: str | None = None,
        flat: bool | None = None,
    ) -> None:
        setting = self.context.rules.get(code)
        if setting == "off":
            return
        shown = path if path is not None else (scan.display if scan is not None else "")
        # a suppression comment covers the findings placed in its own file
        if scan is not None and shown == scan.display and scan.suppresses(code, line):
            return
        if shown == self.context.index_display and self.context.index_suppresses(code, line):
            return
        # a row pointing at a flat file that is not there is about a legacy case study too
        legacy = flat if flat is not None else (is_legacy(scan) if scan is not None else False)
        if subject is None and scan is not None:
            subject = scan.path
        severity = severity_for(code, scan, legacy, self.context.strict, setting)
        self.items.append(Finding(shown, line, col, code, message, severity, subject or None))

