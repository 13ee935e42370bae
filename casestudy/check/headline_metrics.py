"""Metric rules: each headline metric is a figure (CS402) that the body states, in its own
words or others (CS401).

The body is read only where a metric could be: first where its number is written as the
metric writes it, then wherever a number has the significant digits the metric has in some
unit of its dimension ("2 weeks" looks for 2, 14, 336, ...; "87ms" for 87 and 0.087). Around
each such number the sentence (a table row or list item whole) is parsed once per document,
whichever metric asked for it, and never inside code (fenced, indented or inline), a URL or
an HTML comment. There is no whole-body fallback: a metric that is absent costs about what
one that is present does, the same few sentences.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from casestudy.check.context import Context, Findings
from casestudy.check.front_matter import front_line
from casestudy.check.scan import DocumentScan

if TYPE_CHECKING:
    from casestudy.format.metrics import Metric, TextFigures


def headline_metrics(scan: DocumentScan, context: Context) -> tuple[list[str], bool]:
    """The metrics the body must show, and whether they come from the front matter."""
    if scan.front is not None:
        metrics = scan.front.get("key_metrics")
        if isinstance(metrics, list):
            return [m.strip() for m in metrics if isinstance(m, str) and m.strip()], True
        return [], True
    rows = context.rows_by_name.get(scan.name)
    return (rows[0].metrics() if rows else []), False


def check_metrics(scan: DocumentScan, context: Context, out: Findings) -> None:
    metrics, from_front = headline_metrics(scan, context)
    if not metrics:
        return
    where = "front matter" if from_front else "index row"
    body: BodyFigures | None = None
    for metric in metrics:
        line = _metric_line(scan, metric) if from_front else 1
        if not any(map(str.isdigit, metric)):
            out.add(scan, "CS402", f"headline metric '{metric}' ({where}) has no figure", line)
            continue
        body = body or BodyFigures(scan)
        if body.states_literally(metric):
            continue  # a figure written as the metric is, parsed or not
        known = _parsed_metric(metric)
        if known is None:
            out.add(
                scan, "CS402",
                f"headline metric '{metric}' ({where}) has no figure the metric parser can read",
                line,
            )
            continue
        found, instead = body.find(*known)
        if found:
            continue
        message = f"headline metric '{metric}' ({where}) does not appear in the text"
        if instead is None:
            message += ", in these words or others"
        else:
            described, position = instead
            message += f"; found {described} on line {scan.line_of(position)}"
        out.add(scan, "CS401", message, line)


def _metric_line(scan: DocumentScan, metric: str) -> int:
    position = scan.front_text.find(metric)
    return 2 + scan.front_text.count("\n", 0, position) if position >= 0 else front_line(
        scan, "key_metrics"
    )


# metric text -> (its parse, its number as written, the significant digits of its
# spellings, its own first), or None when it does not parse: directories repeat headline
# metrics ("99.9% uptime").
_parsed_metrics: dict[str, tuple[Metric, str, tuple[str, ...]] | None] = {}
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")


def _parsed_metric(metric: str) -> tuple[Metric, str, tuple[str, ...]] | None:
    try:
        return _parsed_metrics[metric]
    except KeyError:
        pass
    from casestudy.format.metrics import digit_spellings, parse_figure, significant_digits

    parsed = parse_figure(metric)
    known = None
    if parsed is not None:
        own = significant_digits(parsed.value)
        others = sorted(digit_spellings(parsed) - {own})
        # the number in the metric that is the figure's ("87" of "p99 latency 87ms")
        written = next(
            (number for number in _NUMBER_RE.findall(metric) if _digits_of(number) == own), ""
        )
        known = (parsed, written, (own, *others) if own else tuple(others))
    _parsed_metrics[metric] = known
    return known


_INLINE_CODE_RE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_URL_RE = re.compile(r"<?(?:https?|ftp)://[^\s)>]*>?|\]\([^)\s]*\)")
_LIST_ITEM_RE = re.compile(r"[ \t]*(?:[-*+]|\d+[.)])[ \t]")
_BLOCK_START_RE = re.compile(r"[ \t]*(?:[|#>]|[-*+][ \t]|\d+[.)][ \t]|`{3}|~{3})")


class BodyFigures:
    """The figures of one document's body, read line by line as metrics ask for them."""

    def __init__(self, scan: DocumentScan) -> None:
        self.src = scan.src
        self.start = scan.start + 1
        self.hidden = scan.hidden
        self.hidden_starts = [start for start, _ in scan.hidden]
        # (start, end) of a sentence, row or item -> the figures read there
        self.windows: dict[tuple[int, int], TextFigures] = {}
        self.places: dict[str, list[int]] = {}  # significant digits -> number offsets

    # -- where text may count

    def _is_hidden(self, position: int) -> bool:
        index = bisect.bisect_right(self.hidden_starts, position) - 1
        return index >= 0 and position < self.hidden[index][1]

    def _line_start(self, position: int) -> int:
        return self.src.rfind("\n", 0, position) + 1

    def _line_end(self, position: int) -> int:
        end = self.src.find("\n", position)
        return len(self.src) if end == -1 else end

    def _is_indented_code(self, line_start: int) -> bool:
        """An indented code block: four spaces or a tab in, after a blank line, and not
        the continuation of a list item."""
        src = self.src
        if not src.startswith(("    ", "\t"), line_start):
            return False
        position = line_start
        seen_blank = False
        while position > self.start:
            previous = self._line_start(position - 1)
            line = src[previous : position - 1]
            position = previous
            if not line.strip():
                seen_blank = True
                continue
            if line.startswith(("    ", "\t")):
                continue
            return seen_blank and not _LIST_ITEM_RE.match(line)
        return seen_blank

    def _readable(self, line_start: int) -> bool:
        return not self._is_hidden(line_start) and not self._is_indented_code(line_start)

    # -- the metric as written

    def states_literally(self, metric: str) -> bool:
        """The metric written out as is, in readable text, not inside a longer figure or
        word: "2.1B vectors" is not found in "12.1B vectors"."""
        src = self.src
        position = src.find(metric, self.start)
        while position != -1:
            before = src[position - 1]
            end = position + len(metric)
            after = src[end] if end < len(src) else " "
            glued = (before.isalnum() or (before == "." and metric[0].isdigit())) or (
                after.isalnum() and metric[-1].isalnum()
            )
            if not glued and self._plain_text_at(position):
                return True
            position = src.find(metric, position + 1)
        return False

    def _plain_text_at(self, position: int) -> bool:
        line_start = self._line_start(position)
        if self._is_hidden(position) or not self._readable(line_start):
            return False
        line = self.src[line_start : self._line_end(position)]
        masked = _mask(line)
        offset = position - line_start
        return masked[offset : offset + 1] == line[offset : offset + 1]

    # -- the metric in any spelling

    def find(
        self, metric: Metric, written: str, spellings: tuple[str, ...]
    ) -> tuple[bool, tuple[str, int] | None]:
        """(found, instead): whether the body states the figure; if not, a figure with its
        number in the same dimension that differs in what it measures, its statistic or
        its per-unit, described, with its offset.

        Text is first read without labels, which is all but "what is measured"; only a
        figure that agrees on everything else has its text read again for its label."""
        from casestudy.format.metrics import comparer, measure_of

        compare = comparer(metric)
        names_a_measure = measure_of(metric.label) is not None
        instead = None
        seen: set[tuple[int, int]] = set()
        for window in self._windows(written, spellings):
            if window in seen:
                continue
            seen.add(window)
            reading = self._reading(window)
            for index, (position, bare) in enumerate(reading.figures):
                same, near = compare(bare)
                if same and not names_a_measure:
                    return True, None  # what the figure measures cannot matter
                if not (same or near):
                    continue
                figure = reading.labelled(index)
                if compare(figure)[0]:
                    return True, None
                if instead is None:
                    instead = (_described(figure), window[0] + position)
        return False, instead

    def _windows(self, written: str, spellings: tuple[str, ...]) -> Iterator[tuple[int, int]]:
        """The windows to read: first where the metric's number is written as the metric
        writes it ("2.1" of "2.1B vectors", found as "2.1 billion vectors"), a plain text
        search; then where any spelling of its digits is, the metric's own first. A metric
        found is mostly found in the first, and the search stops there."""
        src = self.src
        position = src.find(written, self.start) if written else -1
        while position != -1:
            end = position + len(written)
            if not _inside_a_number(src, position) and not src[end : end + 1].isdigit() and (
                self._readable(self._line_start(position))
            ):
                yield self._window(position)
            position = src.find(written, end)
        for digits in spellings:
            for position in self._places(digits):
                yield self._window(position)

    def _places(self, digits: str) -> list[int]:
        """Where, in readable lines, a number with these significant digits starts ("21"
        finds "2.1", "2,100", "0.0021")."""
        try:
            return self.places[digits]
        except KeyError:
            pass
        src = self.src
        places: list[int] = []
        for match in _digits_pattern(digits).finditer(src, self.start):
            position = match.start()
            if _inside_a_number(src, position) or _digits_of(match.group()) != digits:
                continue
            if self._readable(self._line_start(position)):
                places.append(position)
        self.places[digits] = places
        return places

    def _window(self, position: int) -> tuple[int, int]:
        """The text to read for a number: its sentence (a table row or list item whole),
        with the paragraph line before or after when the sentence runs over to it."""
        src = self.src
        line_start, line_end = self._line_start(position), self._line_end(position)
        if src.startswith("|", line_start) or (
            _BLOCK_START_RE.match(src, line_start) and line_end - line_start <= _SHORT_LINE
        ):
            return line_start, line_end
        begin = max(src.rfind(mark, line_start, position) for mark in _SENTENCE_ENDS) + 2
        begin = line_start if begin < line_start + 2 else begin
        ends = [
            end for mark in _SENTENCE_ENDS if (end := src.find(mark, position, line_end)) != -1
        ]
        end = min(ends) + 1 if ends else line_end
        if begin == line_start and position - line_start < _EDGE and begin > self.start and not (
            _BLOCK_START_RE.match(src, line_start)
        ):
            previous = self._line_start(begin - 1)
            before = src[previous : begin - 1]
            if before.strip() and self._readable(previous) and not before.lstrip().startswith(
                "|"
            ):
                begin = previous
        if end == line_end and line_end - position < _EDGE and end < len(src):
            following_end = self._line_end(end + 1)
            following = src[end + 1 : following_end]
            if following.strip() and not _BLOCK_START_RE.match(following) and self._readable(
                end + 1
            ):
                end = following_end
        return begin, end

    def _reading(self, window: tuple[int, int]) -> TextFigures:
        """The figures of a window (see `_window`), read once per document."""
        try:
            return self.windows[window]
        except KeyError:
            pass
        from casestudy.format.metrics import TextFigures

        begin, end = window
        text = _mask(self.src[begin:end])
        for hidden_start, hidden_end in self.hidden:  # a comment inside the paragraph
            if hidden_start < end and hidden_end > begin:
                left, right = max(hidden_start, begin) - begin, min(hidden_end, end) - begin
                text = text[:left] + " " * (right - left) + text[right:]
        reading = self.windows[window] = TextFigures(text)
        return reading


# How near a line's edge a number must be for its sentence to run over to the next line.
_EDGE = 40
# A list item or table row up to this long is read whole.
_SHORT_LINE = 240
_SENTENCE_ENDS = (". ", "? ", "! ")


def _mask(line: str) -> str:
    """The line with inline code and URLs blanked out, offsets kept."""
    if "`" in line:
        line = _INLINE_CODE_RE.sub(lambda match: " " * len(match.group()), line)
    if "://" in line or "](" in line:
        line = _URL_RE.sub(lambda match: " " * len(match.group()), line)
    return line


def _described(figure: Metric) -> str:
    """The figure as written, with the measure its label names ("99.999% consistency")."""
    from casestudy.format.metrics import measure_of

    text = " ".join(figure.text.split())
    measure = measure_of(figure.label)
    if measure is not None and figure.label.lower() not in text.lower():
        text = f"{text} {figure.label}"
    return text


_digit_patterns: dict[str, re.Pattern[str]] = {}


def _digits_pattern(digits: str) -> re.Pattern[str]:
    """A number starting with these digits' first two, and the rest of it (whose digits
    the caller compares): the regex engine skips ahead to the literal first digit, and at
    most a hundred patterns are ever compiled, whatever the metrics."""
    prefix = digits[:2]
    try:
        return _digit_patterns[prefix]
    except KeyError:
        pattern = prefix[0] + (rf"[.,]?{prefix[1]}" if prefix[1:] else "") + "[0-9.,]*"
        compiled = _digit_patterns[prefix] = re.compile(pattern)
        return compiled


def _digits_of(number: str) -> str:
    """The significant digits of a number as written: "2,100" -> "21", "0.0012" -> "12"."""
    return number.rstrip(".,").replace(".", "").replace(",", "").strip("0")


def _inside_a_number(src: str, position: int) -> bool:
    """Digits after a non-zero digit ("145", "1.45") or glued to a word ("system_0051",
    "p99") cannot start a figure; after zeros and separators alone they can ("0.0012")."""
    before = position - 1
    while before >= 0 and src[before] in "0.,":
        before -= 1
    return before >= 0 and (src[before].isalnum() or src[before] == "_")
