"""Metric rules: each headline metric is a figure (CS402) that the body states, in its own
words or others (CS401)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from casestudy.check.context import Context, Findings
from casestudy.check.front_matter import front_line
from casestudy.check.scan import DocumentScan

if TYPE_CHECKING:
    from casestudy.format.metrics import Metric


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
    return 2 + scan.front_text.count("\n", 0, position) if position >= 0 else front_line(
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

