"""The checks: one document at a time (structure, front matter, metrics, links, denylist),
then across the directory (index rows, shared numbers, slugs and metrics)."""

# os.path on purpose: plain str paths cost a fraction of Path objects, and a check
# handles thousands of them.
# ruff: noqa: PTH118, PTH120, PTH123

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator

from casestudy.check.findings import ERROR, UNFILLED_CODES, WARNING, Finding
from casestudy.check.scan import DocumentScan, link_place
from casestudy.directory.names import INDEX_NAME, link_key
from casestudy.format.sections import SECTIONS
from casestudy.format.yaml_subset import date

# typing is not imported at run time: it would cost every check a few milliseconds
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from casestudy.format.metrics import Metric
    from casestudy.index.lines import Index, Row

STATUSES = ("draft", "review", "published")
DENYLIST_NAME = ".casestudy-denylist"
_SCHEME_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_SLUG_RE = re.compile(r"[a-z0-9_]+")

# key -> (type test, what the message says it must be)
_REQUIRED_KEYS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "title": (lambda value: isinstance(value, str) and bool(value.strip()), "a non-empty text"),
    "number": (
        lambda value: isinstance(value, int) and not isinstance(value, bool) and value >= 0,
        "a whole number",
    ),
    "slug": (
        lambda value: isinstance(value, str) and _SLUG_RE.fullmatch(value) is not None,
        "lowercase letters, digits and _",
    ),
    "focus_area": (
        lambda value: isinstance(value, str) and bool(value.strip()),
        "a non-empty text",
    ),
    "key_metrics": (
        lambda value: isinstance(value, list)
        and bool(value)
        and all(isinstance(item, str) and item.strip() for item in value),
        "a list of one or more metrics, each a text",
    ),
    "status": (lambda value: isinstance(value, str), "one of draft, review, published"),
    "created": (
        lambda value: isinstance(value, date) or _is_iso_date(value),
        "an ISO date such as 2026-11-26",
    ),
}


def _is_iso_date(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _exists(path: str) -> bool:
    """`os.path.exists`, at half the cost: access(2) only says whether the path is there,
    where stat(2) fills in a result object of a dozen fields first."""
    try:
        return os.access(path, os.F_OK)
    except ValueError:  # a NUL byte in the path, which os.path.exists also calls missing
        return False


class Context:
    """What every document's checks share within one directory."""

    def __init__(
        self, root: str, index: Index | None, strict: bool, denylist: list[str]
    ) -> None:
        """`index` None: read the index when a check first asks for it (a forked worker
        whose documents all have front matter never does)."""
        self.root = root
        self.strict = strict
        self._index = index
        self._rows_by_name: dict[str, list[Row]] | None = None
        self.denylist = denylist
        self.denylist_lower = [term.lower() for term in denylist]
        self._denylist_re: re.Pattern[str] | None = None
        self._exists: dict[str, bool] = {}

    @property
    def index(self) -> Index:
        if self._index is None:
            # imported here: in a forked worker, whose documents mostly have front matter,
            # the index reader is never needed, nor its patterns compiled
            from casestudy.index.lines import read_index

            self._index = read_index(self.root)
        return self._index

    @property
    def rows_by_name(self) -> dict[str, list[Row]]:
        if self._rows_by_name is None:
            self._rows_by_name = self.index.rows_by_name()
        return self._rows_by_name

    def exists(self, path: str) -> bool:
        known = self._exists.get(path)
        if known is None:
            known = self._exists[path] = _exists(path)
        return known

    def exists_from(self, folder: str, target: str) -> bool:
        """Whether `target`, relative to `folder`, exists (memoised by the pair: sibling case
        studies link to the same few files)."""
        key = folder + "\0" + target
        known = self._exists.get(key)
        if known is None:
            known = self._exists[key] = _exists(os.path.join(folder, target))
        return known

    def denylist_re(self) -> re.Pattern[str]:
        if self._denylist_re is None:
            terms = sorted(self.denylist, key=len, reverse=True)
            alternatives = "|".join(re.escape(term) for term in terms)
            self._denylist_re = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
        return self._denylist_re


def read_denylist(root: str, base: str = "") -> tuple[list[str], Finding | None]:
    """Terms from the directory's `.casestudy-denylist`: one a line, `#` starts a comment
    line, compared case-insensitively as whole words. `base` is how findings show `root`."""
    path = os.path.join(root, DENYLIST_NAME)
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except FileNotFoundError:
        return [], None
    except (OSError, UnicodeDecodeError) as error:
        shown = os.path.join(base, DENYLIST_NAME) if base else DENYLIST_NAME
        return [], Finding(shown, 1, 1, "CS001", f"the denylist cannot be read: {error}")
    terms = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    return terms, None


def status_of(scan: DocumentScan) -> str | None:
    if scan.front is None:
        return None
    status = scan.front.get("status")
    return status if isinstance(status, str) else None


def is_legacy(scan: DocumentScan) -> bool:
    """An older flat case study that predates front matter (NN_slug.md without it)."""
    return scan.flat and not scan.has_front_matter


def severity_for(code: str, scan: DocumentScan | None, legacy: bool, strict: bool) -> str:
    if legacy and not strict:
        return WARNING
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
        # a row pointing at a flat file that is not there is about a legacy case study too
        legacy = flat if flat is not None else (is_legacy(scan) if scan is not None else False)
        if subject is None and scan is not None:
            subject = scan.path
        shown = path if path is not None else (scan.display if scan is not None else "")
        severity = severity_for(code, scan, legacy, self.context.strict)
        self.items.append(Finding(shown, line, col, code, message, severity, subject or None))


# --- one document ------------------------------------------------------------------------


def check_document(scan: DocumentScan, context: Context, out: Findings) -> None:
    """Every per-document rule."""
    if scan.read_error is not None:
        message, line, col = scan.read_error
        if not scan.flat and message == "the file does not exist":
            out.add(scan, "CS002", f"the case-study folder {scan.name}/ has no README.md")
        else:
            out.add(scan, "CS001", message, line, col)
        return
    _check_structure(scan, out)
    _check_front_matter(scan, out)
    check_metrics(scan, context, out)
    _check_links(scan, context, out)
    if context.denylist:
        _check_denylist(scan, context, out)


def _region_name(title: str | None) -> str:
    return f"section '{title}'" if title is not None else "the introduction"


def _check_structure(scan: DocumentScan, out: Findings) -> None:
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


def _front_line(scan: DocumentScan, key: str) -> int:
    position = scan.front_text.find(f"{key}:")
    while position > 0 and scan.front_text[position - 1] != "\n":
        position = scan.front_text.find(f"{key}:", position + 1)
    return 2 + scan.front_text.count("\n", 0, position) if position >= 0 else 1


def _check_front_matter(scan: DocumentScan, out: Findings) -> None:
    if scan.front_error is not None:
        message, line = scan.front_error
        out.add(scan, "CS201", message, line)
        return
    if scan.front is None:
        if not scan.flat:
            out.add(
                scan, "CS207",
                "the case study has no front matter (title, number, slug, focus_area, "
                "key_metrics, status, created); start it from the template",
            )
        return
    front = scan.front
    for key, (is_valid, expected) in _REQUIRED_KEYS.items():
        if key not in front:
            out.add(scan, "CS202", f"front matter has no '{key}' ({expected})")
        elif not is_valid(front[key]):
            out.add(
                scan, "CS203",
                f"front matter '{key}' is {front[key]!r}; it must be {expected}",
                _front_line(scan, key),
            )
    status = front.get("status")
    if isinstance(status, str) and status not in STATUSES:
        out.add(
            scan, "CS204",
            f"status '{status}' is not one of {', '.join(STATUSES)}",
            _front_line(scan, "status"),
        )
    number = front.get("number")
    if isinstance(number, int) and not isinstance(number, bool) and number != scan.number:
        out.add(
            scan, "CS205",
            f"front matter number {number} disagrees with the name {scan.name} "
            f"(number {scan.number})",
            _front_line(scan, "number"),
        )
    slug = front.get("slug")
    if isinstance(slug, str) and slug != scan.slug:
        out.add(
            scan, "CS206",
            f"front matter slug '{slug}' disagrees with the name {scan.name} "
            f"(slug '{scan.slug}')",
            _front_line(scan, "slug"),
        )


def headline_metrics(scan: DocumentScan, context: Context) -> tuple[list[str], bool]:
    """The metrics the body must show, and whether they come from the front matter."""
    if scan.front is not None:
        metrics = scan.front.get("key_metrics")
        if isinstance(metrics, list):
            return [m.strip() for m in metrics if isinstance(m, str) and m.strip()], True
        return [], True
    rows = context.rows_by_name.get(scan.name)
    return (rows[0].metrics() if rows else []), False


def _literal_in(needle: str, text: str, start: int) -> bool:
    """The metric written out as is (from `start` on), not inside a longer figure or word:
    "2.1B vectors" is not found in "12.1B vectors"."""
    start = text.find(needle, start)
    while start != -1:
        before = text[start - 1] if start else " "
        end = start + len(needle)
        after = text[end] if end < len(text) else " "
        glued_before = before.isalnum() or (before == "." and needle[0].isdigit())
        glued_after = after.isalnum() and needle[-1].isalnum()
        if not glued_before and not glued_after:
            return True
        start = text.find(needle, start + 1)
    return False


def check_metrics(scan: DocumentScan, context: Context, out: Findings) -> None:
    metrics, from_front = headline_metrics(scan, context)
    if not metrics:
        return
    where = "front matter" if from_front else "index row"
    for metric in metrics:
        if not any(map(str.isdigit, metric)):
            out.add(
                scan, "CS402", f"headline metric '{metric}' ({where}) has no figure",
                _metric_line(scan, metric) if from_front else 1,
            )
            continue
        if _literal_in(metric, scan.src, scan.start + 1):
            continue
        found = _found_by_parser(metric, scan.src, scan.start + 1)
        # Written in other letter case ("8.4b vectors"): asked last, as lowering the whole
        # body costs more than the parser does when it finds the figure.
        if found is not True and _literal_in(metric.lower(), scan.body.lower(), 0):
            continue
        line = _metric_line(scan, metric) if from_front else 1
        if found is None:
            out.add(
                scan, "CS402",
                f"headline metric '{metric}' ({where}) has no figure the metric parser can read",
                line,
            )
        elif not found:
            out.add(
                scan, "CS401",
                f"headline metric '{metric}' ({where}) does not appear in the text, "
                "in these words or others",
                line,
            )


def _metric_line(scan: DocumentScan, metric: str) -> int:
    position = scan.front_text.find(metric)
    return 2 + scan.front_text.count("\n", 0, position) if position >= 0 else _front_line(
        scan, "key_metrics"
    )


_MAX_WINDOWS = 24


def _found_by_parser(metric: str, src: str, start: int) -> bool | None:
    """True/False: the typed comparison's verdict on the text src[start:]; None: the metric
    cannot be parsed.

    The parser reads every figure of the text it is given, which for a whole 13 KB case
    study takes milliseconds; so it is given single lines first. Prose mostly keeps the
    number as the metric writes it ("6.8B" as "6.8 billion"), so first the lines holding
    that number; then the line of each number that could be this figure (its significant
    digits, in any spelling: "2.1B", "2,100M", "2.1 billion"), then those lines with their
    neighbours (a figure wrapped over two lines), and the whole body only if none of them
    has it."""
    from casestudy.format.metrics import metric_in_text

    known = _parsed_metric(metric)
    if known is None:
        return None
    parsed, digits, written = known
    if written and any(
        metric_in_text(parsed, line) for line in _lines_holding(written, src, start)
    ):
        return True
    body = src[start:]
    places = _places(digits, body)
    for reach in (0, 1):
        # Shortest first: any window will do, and a short line (a list item, a table row)
        # is read much faster than a long paragraph full of other figures.
        windows = sorted(_windows(places, body, reach), key=len)
        if any(metric_in_text(parsed, window) for window in windows):
            return True
    return bool(metric_in_text(parsed, body))


# A line up to this long (a list item, a table row) is read as soon as it is found.
_SHORT_LINE = 160


def _lines_holding(text: str, src: str, start: int) -> Iterator[str]:
    """The lines of src[start:] where `text` is written (the first `_MAX_WINDOWS` of
    them). Short lines come as they are found, so that the search ends at the first one
    holding the figure, which in a case study is mostly near the top; long paragraphs,
    full of other figures to read, come last, shortest first. `src[start - 1]` must be a
    newline (see `DocumentScan.src`)."""
    paragraphs: list[tuple[int, int]] = []
    found = 0
    position = src.find(text, start)
    while position != -1 and found < _MAX_WINDOWS:
        found += 1
        line_start = src.rfind("\n", 0, position) + 1  # never before `start`
        end = src.find("\n", position)
        end = len(src) if end == -1 else end
        if end - line_start <= _SHORT_LINE:
            yield src[line_start:end]
        else:
            paragraphs.append((line_start, end))
        position = src.find(text, end)  # on to the next line
    yield from sorted((src[begin:end] for begin, end in paragraphs), key=len)


# metric text -> (its parse, its significant digits, its number as written), or None when
# it does not parse: directories repeat headline metrics ("99.9% uptime").
_parsed_metrics: dict[str, tuple[Metric, str, str] | None] = {}
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")


def _parsed_metric(metric: str) -> tuple[Metric, str, str] | None:
    try:
        return _parsed_metrics[metric]
    except KeyError:
        pass
    from casestudy.format.metrics import parse_figure

    parsed = parse_figure(metric)
    known = None
    if parsed is not None:
        digits = _significant_digits(parsed.value)
        # the number in the metric that is the figure's ("87" of "p99 latency 87ms")
        written = next(
            (
                number
                for number in _NUMBER_RE.findall(metric)
                if _digits_of(number) == digits
            ),
            "",
        )
        known = (parsed, digits, written)
    _parsed_metrics[metric] = known
    return known


def _significant_digits(value: float) -> str:
    """2.1e9 -> "21", 0.0012 -> "12", 87.0 -> "87" ("" for zero and oddities)."""
    mantissa = repr(value).partition("e")[0].replace(".", "").lstrip("-")
    text = mantissa.strip("0") if mantissa.isdigit() else ""
    return text if 0 < len(text) <= 12 else ""


def _digits_of(number: str) -> str:
    """The significant digits of a number as written: "2,100" -> "21", "0.0012" -> "12"."""
    return number.replace(".", "").replace(",", "").strip("0")


def _inside_a_number(body: str, position: int) -> bool:
    """Digits after a non-zero digit ("145", "1.45", "1,045") or glued to a word
    ("system_0051", "p99") cannot start a figure; after zeros and separators alone they
    can ("0.0012")."""
    before = position - 1
    while before >= 0 and body[before] in "0.,":
        before -= 1
    return before >= 0 and (body[before].isalnum() or body[before] == "_")


def _places(digits: str, body: str) -> list[int]:
    """Where the numbers with exactly these significant digits start ("2.1", "2,100",
    "0.0021" for "21"), found through their first two digits. Empty when there is none, or
    too many for narrowing to pay."""
    if not digits:
        return []
    # Starts with a literal digit, so the regex engine can skip ahead to it; takes in the
    # rest of the number, so that its digits can be compared at once.
    pattern = digits[0] + (rf"[.,]?{digits[1]}" if digits[1:] else "") + "[0-9.,]*"
    places: list[int] = []
    last_line = -1
    for match in re.finditer(pattern, body):
        position = match.start()
        if position < last_line or _inside_a_number(body, position):
            continue  # one place a line is enough: the window is the line
        end = match.end()
        if _digits_of(match.group()) == digits and body[end : end + 1] != "_":
            places.append(position)
            last_line = body.find("\n", position) % (len(body) + 1)
            if len(places) > _MAX_WINDOWS:
                return []
    return places


def _windows(places: list[int], body: str, reach: int) -> list[str]:
    """The lines holding `places`, each with `reach` lines either side."""
    spans: dict[tuple[int, int], None] = {}  # ordered, without repeats
    for place in places:
        start = place
        for _ in range(reach + 1):
            start = body.rfind("\n", 0, start) if start > 0 else -1
        end = place
        for _ in range(reach + 1):
            end = body.find("\n", end + 1) if end != -1 else -1
        spans[start + 1, len(body) if end == -1 else end] = None
    return [body[start:end] for start, end in spans]


def _check_links(scan: DocumentScan, context: Context, out: Findings) -> None:
    if not scan.links:
        return
    folder = os.path.dirname(scan.path)
    fine: set[str] = set()  # a document links to the same few targets again and again
    for href, position, inline in scan.links:
        if href in fine:
            continue
        target = _local_target(href)
        if target is None or context.exists_from(folder, target):
            fine.add(href)
            continue
        start, image = link_place(scan, href, position, inline)
        if start >= 0:
            code, kind = ("CS502", "image") if image else ("CS501", "link")
            line, col = scan.line_col(start)
            out.add(scan, code, f"{kind} target '{href}' does not exist", line, col)


def _local_target(href: str) -> str | None:
    """The file a relative link points to; None for anchors, URLs and site-absolute paths."""
    if not href or href.startswith(("#", "/", "\\")) or _SCHEME_RE.match(href):
        return None
    target = href.split("#", 1)[0].split("?", 1)[0]
    if "%" in target:
        from urllib.parse import unquote

        target = unquote(target)
    return target or None


def _check_denylist(scan: DocumentScan, context: Context, out: Findings) -> None:
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


# --- across the directory ------------------------------------------------------------------


def _same(left: str, right: str) -> bool:
    # equal as written is by far the common case, and needs no splitting
    return left == right or " ".join(left.split()) == " ".join(right.split())


def check_index(context: Context, out: Findings, index_display: str) -> None:
    """What the index says on its own: rows without a case-study link, links that do not
    resolve, rows that share their metrics. Needs no document, so it runs while a forked
    worker is still scanning."""
    index = context.index
    if index.error is not None:
        message, line, col = index.error
        out.add(None, "CS001", message, line, col, path=index_display)
    elif not index.has_table:
        what = "has no index table" if index.text is not None else "does not exist"
        out.add(
            None, "CS301",
            f"the index README {what}: it needs a table with the header "
            "| Case Study | Key Metrics | Focus Area | and one row per case study",
            path=index_display,
        )
    else:
        _check_row_links(context, out, index_display)
        _check_shared_metrics(context, out, index_display)


def check_rows(
    scans: list[DocumentScan], context: Context, out: Findings, index_display: str
) -> None:
    """Each case study against its row in the index (nothing when there is no table)."""
    if context.index.has_table:
        _check_rows_for_scans(scans, context, out, index_display)


def check_names(scans: list[DocumentScan], out: Findings) -> None:
    """Numbers and slugs across the directory's case studies."""
    _check_shared(scans, "number", lambda scan: f"{scan.number:02d}", "CS308", out)
    _check_shared(scans, "slug", lambda scan: scan.slug, "CS309", out)


def _row_subject(context: Context, key: str) -> tuple[str, bool]:
    flat = key.lower().endswith(".md")
    path = os.path.join(context.root, key)
    return (path if flat else os.path.join(path, "README.md")), flat


def _check_row_links(context: Context, out: Findings, shown: str) -> None:
    from casestudy.index.lines import is_case_study_link

    for row in context.index.rows:
        line = row.line + 1
        if not row.case_studies():
            out.add(
                None, "CS311",
                "this index row links to no case study (NN_slug/README.md or NN_slug.md)",
                line, path=shown,
            )
        for href in row.links:
            target = _local_target(href)
            if target is None or context.exists(os.path.join(context.root, target)):
                continue
            key = link_key(href)
            subject, flat = _row_subject(context, key) if is_case_study_link(key) else ("", False)
            out.add(
                None, "CS304",
                f"the row's link '{href}' does not resolve",
                line, path=shown, subject=subject, flat=flat,
            )


def _check_rows_for_scans(
    scans: list[DocumentScan], context: Context, out: Findings, shown: str
) -> None:
    rows_by_name = context.rows_by_name
    for scan in scans:
        rows = rows_by_name.get(scan.name, [])
        if not rows:
            out.add(scan, "CS302", f"the case study has no row in the index ({INDEX_NAME})")
            continue
        for extra in rows[1:]:
            out.add(
                scan, "CS303",
                f"{scan.name} has another row here (first at line {rows[0].line + 1})",
                extra.line + 1, path=shown,
            )
        if scan.front is not None:
            _compare_row(scan, rows[0], out, shown)


def _compare_row(scan: DocumentScan, row: Row, out: Findings, shown: str) -> None:
    front = scan.front or {}
    line = row.line + 1
    title = front.get("title")
    if isinstance(title, str) and not _same(row.title, title):
        out.add(
            scan, "CS305",
            f"the row's title '{row.title}' disagrees with the front matter's '{title}'",
            line, path=shown,
        )
    metrics = front.get("key_metrics")
    if isinstance(metrics, list) and all(isinstance(metric, str) for metric in metrics):
        wanted = ", ".join(metric.strip() for metric in metrics)
        if not _same(", ".join(row.metrics()), wanted):
            out.add(
                scan, "CS306",
                f"the row's key metrics '{row.cells.get('key metrics', '')}' disagree with "
                f"the front matter's '{wanted}'",
                line, path=shown,
            )
    focus = front.get("focus_area")
    cell = row.cells.get("focus area", "")
    if isinstance(focus, str) and not _same(cell, focus):
        out.add(
            scan, "CS307",
            f"the row's focus area '{cell}' disagrees with the front matter's '{focus}'",
            line, path=shown,
        )


def _check_shared(
    scans: Iterable[DocumentScan],
    what: str,
    key: Callable[[DocumentScan], str],
    code: str,
    out: Findings,
) -> None:
    groups: dict[str, list[DocumentScan]] = {}
    for scan in scans:
        groups.setdefault(key(scan), []).append(scan)
    for value, group in groups.items():
        if len(group) < 2:
            continue
        for scan in group:
            others = ", ".join(other.name for other in group if other is not scan)
            out.add(scan, code, f"{what} {value} is also used by {others}")


def _check_shared_metrics(context: Context, out: Findings, shown: str) -> None:
    groups: dict[tuple[str, ...], list[tuple[Row, str]]] = {}
    for row in context.index.rows:
        metrics = tuple(sorted(" ".join(m.split()).casefold() for m in row.metrics()))
        if metrics:
            case_keys = row.case_studies()
            groups.setdefault(metrics, []).append((row, case_keys[0] if case_keys else ""))
    for group in groups.values():
        if len({key for _, key in group}) < 2:
            continue  # one case study listed twice is CS303's finding, not a copy-paste
        for row, key in group:
            others = ", ".join(
                f"'{other.title}' (line {other.line + 1})"
                for other, other_key in group
                if other_key != key
            )
            subject, flat = _row_subject(context, key) if key else ("", False)
            out.add(
                None, "CS310",
                f"the row carries the same key metrics as {others}; copied by mistake?",
                row.line + 1, path=shown, subject=subject, flat=flat,
            )
