"""Headline metrics as typed figures, so two spellings of one figure compare equal.

"8.4 billion queries per month" and "8.4B queries/month" are the same figure; "87ms p99
latency" and "p99 latency of 87 ms" too. A figure is a value (scaled by K/M/B/T or number
words), a unit, an optional per-unit, an optional percentile and a label (the remaining words).

Stdlib only: the checker and hook-adjacent code import this and must start fast.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections.abc import Iterator

GOOD_METRIC_EXAMPLES = ("2.1B vectors", "87ms p99 latency", "$0.0012/query")


class MetricError(ValueError):
    """A headline metric that is not a figure; the message shows what a good one looks like."""


class Metric:
    """One figure, typed. A plain immutable class rather than a dataclass: the checker
    imports this module at start-up, and `dataclasses` would bring `inspect` with it."""

    __slots__ = ("label", "per", "percentile", "text", "unit", "value")
    _FIELDS = ("text", "value", "unit", "per", "percentile", "label")

    text: str  # as written
    value: float  # scaled: "2.1B" -> 2.1e9, "12,500" -> 12500, "87ms" -> 87.0
    unit: str  # canonical: "ms", "$", "%", "qps", "vectors", "ndcg@10", ... ("" when none)
    per: str | None  # canonical per-unit: "query", "month", "sec", ...
    percentile: str | None  # "p50", "p95", "p99", "p99.9"
    label: str  # the remaining words, e.g. "latency"

    def __init__(
        self,
        text: str,
        value: float,
        unit: str,
        per: str | None,
        percentile: str | None,
        label: str,
    ) -> None:
        # one call a field, not a loop: the checker builds thousands of these
        setter = object.__setattr__
        setter(self, "text", text)
        setter(self, "value", value)
        setter(self, "unit", unit)
        setter(self, "per", per)
        setter(self, "percentile", percentile)
        setter(self, "label", label)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Metric is immutable: cannot set {name}")

    def _key(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self._FIELDS)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Metric) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._FIELDS)
        return f"Metric({fields})"

    def same_figure(self, other: Metric) -> bool:
        """Same value, unit, per-unit and percentile, however each was spelled."""
        return _same_comparable(_comparable(self), _comparable(other))

    def describe(self) -> str:
        """How the figure was understood, for showing back to the author."""
        parts = [f"value {_format_value(self.value)}"]
        parts.append(f"unit {self.unit}" if self.unit else "no unit")
        if self.per:
            parts.append(f"per {self.per}")
        if self.percentile:
            parts.append(f"percentile {self.percentile}")
        if self.label:
            parts.append(f"label '{self.label}'")
        return ", ".join(parts)


# --- vocabulary -------------------------------------------------------------------------

_SCALE_LETTERS = {"k": 10**3, "m": 10**6, "b": 10**9, "bn": 10**9, "mn": 10**6, "t": 10**12}
_SCALE_WORDS = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}

_UNIT_ALIASES = {
    **dict.fromkeys(("ns", "nanosecond", "nanoseconds"), "ns"),
    **dict.fromkeys(("us", "µs", "μs", "microsecond", "microseconds"), "us"),
    **dict.fromkeys(("ms", "msec", "msecs", "millisecond", "milliseconds"), "ms"),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), "s"),
    **dict.fromkeys(("min", "mins", "minute", "minutes"), "min"),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), "h"),
    **dict.fromkeys(("%", "percent", "pct"), "%"),
    **dict.fromkeys(("x", "\u00d7", "times"), "x"),
    **dict.fromkeys(("usd", "dollar", "dollars"), "$"),
    **dict.fromkeys(("eur", "euro", "euros"), "€"),
    **dict.fromkeys(("gbp", "pound", "pounds"), "£"),
    **{name.lower(): name for name in ("KB", "MB", "GB", "TB", "PB")},
}
_CANONICAL_UNITS = frozenset(_UNIT_ALIASES.values())
_SECONDS = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0, "min": 60.0, "h": 3600.0}
_BYTES = {"KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12, "PB": 1e15}

_PER_ALIASES = {
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), "sec"),
    **dict.fromkeys(("min", "mins", "minute", "minutes"), "min"),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), "hour"),
    **dict.fromkeys(("d", "day", "days"), "day"),
    **dict.fromkeys(("wk", "week", "weeks"), "week"),
    **dict.fromkeys(("mo", "month", "months"), "month"),
    **dict.fromkeys(("yr", "year", "years"), "year"),
    **dict.fromkeys(("q", "query", "queries"), "query"),
    **dict.fromkeys(("req", "request", "requests"), "request"),
}
# "queries per second" is what QPS abbreviates: both spellings settle on the abbreviation.
_RATE_ABBREVIATIONS = {("query", "sec"): "qps", ("request", "sec"): "rps"}

# Words that follow a number without being its unit ("87 in", "120 to 87").
_NOT_UNITS = frozenset((
    "a", "an", "and", "are", "as", "at", "but", "by", "for", "from", "in", "into", "is", "of",
    "on", "or", "over", "per", "than", "the", "to", "under", "versus", "vs", "was", "were",
    "while", "with", "within", "across", "after", "before",
))
_CURRENCIES = frozenset("$€£")
_DISTRIBUTION_UNITS = frozenset(_SECONDS) | frozenset(_BYTES)

# --- patterns ---------------------------------------------------------------------------

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_FIGURE_RE = re.compile(
    rf"""
    (?=[\d$€£.\s])                         # what a figure starts with: most places fail here
    (?<![\w@.$€£])(?<![A-Za-z]-)          # not part of a name such as H100, GPT-4, NDCG@10
    (?P<currency>[$€£])?\s?
    (?P<number>{_NUMBER})(?![\d.]\d)
    (?:
        (?P<scale_letter>[KkMmBbTt]|bn|mn)(?!\w)
      | [ \t](?P<scale_spaced>[KMBT])(?!\w)
      | \s+(?P<scale_word>thousand|million|billion|trillion)\b
    )?
    (?:[ \t\u00a0]*(?!per\b)(?P<unit>%|\u00d7|[A-Za-zµμ][A-Za-z0-9]*(?:@\d+)?))?
    (?P<per_part>
        (?:[ \t]*/[ \t]*|[ \t]+per[ \t-]+)
        (?:(?P<per_number>\d+(?:\.\d+)?)[ \t]?(?P<per_scale>[KkMmBb])?[ \t]*)?
        (?P<per>[A-Za-z]+)\b
    )?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_PERCENTILE_RE = re.compile(
    r"""
    (?<![\w.])[pP](?P<short>\d{1,3}(?:\.\d+)?)(?!\w|\.\d)
  | (?<![\w.])(?P<ordinal>\d{1,2}(?:\.\d+)?)(?:st|nd|rd|th)[\s-]+percentile\b
  | \b(?P<median>median)\b
    """,
    re.VERBOSE | re.IGNORECASE,
)
_P_DIGIT_RE = re.compile(r"[pP]\d")
_AT_K_RE = re.compile(r"(?<![\w@])[A-Za-z][A-Za-z0-9_-]*@\d+\b")
# Where one clause ends: a percentile or metric name never reaches across these.
# A line break inside a wrapped paragraph is only a space; one that ends a table row or starts
# a blank line, list item, heading or quote ends the clause.
_BOUNDARY_RE = re.compile(
    r"""
    ;|,(?!\d)|\.(?=\s|$)|\s(?:and|but|while|whereas|versus|vs\.?)\s
  | \|[ \t]*\r?\n | \n(?=[ \t]*(?:\r?\n|[|\#>*+-]|\d+[.)]\s))
    """,
    re.IGNORECASE | re.VERBOSE,
)
# A label stops at another figure or percentile.
_FIGURE_STOP_RE = re.compile(r"\d+(?:[.,]\d+)*|(?<![\w.])[pP]\d")
_WORD_RE = re.compile(r"[^\W\d_][\w@.%-]*")


class _Span:
    """Where a piece of a figure stands in the text, and what it read as."""

    __slots__ = ("end", "start", "value")

    def __init__(self, start: int, end: int, value: str) -> None:
        self.start = start
        self.end = end
        self.value = value


# --- parsing ----------------------------------------------------------------------------


def parse_metric(text: str) -> Metric:
    """The first figure in `text`, its label being all the other words."""
    figures = _scan(text)
    if not figures:
        raise MetricError(_no_number_message(text))
    metric, used = figures[0]
    rest = text
    for span in sorted(used, key=lambda span: span.start, reverse=True):
        rest = rest[: span.start] + " " + rest[span.end :]
    label = _trim_label(rest)
    return Metric(text, metric.value, metric.unit, metric.per, metric.percentile, label)


def parse_figure(text: str) -> Metric | None:
    """The first figure in `text` without its label, or None when there is none: all that
    comparing two figures needs, at a fraction of `parse_metric`'s cost."""
    figures = _scan(text, labels=False)
    return figures[0][0] if figures else None


def find_metrics(text: str) -> list[Metric]:
    """Every figure mentioned in a line or paragraph of prose, in order."""
    return [metric for metric, _ in _scan(text)]


def metric_in_text(metric: Metric, text: str) -> bool:
    """Is this headline figure mentioned in `text`, in any spelling?"""
    wanted = _comparable(metric)  # `same_figure`, with this side worked out once
    return any(_same_comparable(wanted, theirs) for theirs in _comparables_in(text))


@functools.lru_cache(maxsize=4)
def _comparables_in(text: str) -> tuple[tuple[float, str, str, str], ...]:
    # A checker asks about each of a case study's headline metrics in turn, against one long
    # body: scan it once. Only what `same_figure` compares is kept: no label, no Metric.
    return tuple(
        _comparable_parts(value, unit, per, percentile)
        for value, unit, per, percentile, _, _, _ in _figures(text, labels=False)
    )


def _no_number_message(text: str) -> str:
    examples = ", ".join(f"'{example}'" for example in GOOD_METRIC_EXAMPLES)
    shown = text.strip() or "(empty)"
    return (
        f"'{shown}' has no number, so it is not a metric (a percentile such as p99 or a "
        f"name such as NDCG@10 does not count): write the figure with its unit, e.g. {examples}."
    )


class _Clauses:
    """Where the text's clauses end, so each figure looks only at its own clause: linear in
    the length of the text, however many figures a long case study holds."""

    def __init__(self, text: str) -> None:
        self.text = text
        bounds = [(match.start(), match.end()) for match in _BOUNDARY_RE.finditer(text)]
        self.starts = [start for start, _ in bounds]
        self.ends = [end for _, end in bounds]

    def around(self, start: int, end: int) -> tuple[int, int]:
        """The clause holding text[start:end]: from the last boundary before it to the next."""
        before = bisect.bisect_right(self.ends, start)
        after = bisect.bisect_left(self.starts, end)
        left = self.ends[before - 1] if before else 0
        right = self.starts[after] if after < len(self.starts) else len(self.text)
        return left, right


class _Spans:
    """Percentiles or metric names found in the text, in order, looked up by position."""

    def __init__(self, spans: list[_Span]) -> None:
        self.spans = spans
        self.starts = [span.start for span in spans]

    def within(self, left: int, right: int) -> list[_Span]:
        first = bisect.bisect_left(self.starts, left)
        last = bisect.bisect_right(self.starts, right)
        return [span for span in self.spans[first:last] if span.end <= right]

    def overlapping(self, start: int, end: int) -> bool:
        index = bisect.bisect_right(self.starts, end) - 1
        return index >= 0 and self.spans[index].end > start and self.spans[index].start < end


_NO_SPANS = _Spans([])  # never changed: shared by every text without percentiles or @k names


# value, unit, per-unit, percentile, the spans read, and the clause (start, end) around them
_Figure = tuple[float, str, str | None, str | None, list[_Span], int, int]


def _scan(text: str, *, labels: bool = True) -> list[tuple[Metric, list[_Span]]]:
    """Each figure with the spans of text that make it up (number, unit, per-unit, and the
    percentile or metric name it borrows from its clause)."""
    results = []
    for value, unit, per, percentile, used, left, right in _figures(text, labels=labels):
        if len(used) > 1:
            used.sort(key=lambda span: span.start)
            written = text[used[0].start : max(span.end for span in used)]
        else:
            written = text[used[0].start : used[0].end]
        label = _label_near(text, used, left, right) if labels else ""
        results.append((Metric(written, value, unit, per, percentile, label), used))
    return results


def _figures(text: str, *, labels: bool) -> Iterator[_Figure]:
    """Value, unit, per-unit and percentile of each figure, with the spans it was read from
    and the clause around it (`labels`: always worked out; else only when a percentile or
    metric name may need it)."""
    # Both searches try every position of the text; a quick look for what any match must
    # hold (a literal the regex engine skips ahead to) spares most texts the full search.
    percentiles = _Spans([
        _Span(match.start(), match.end(), _percentile_name(match))
        for match in _PERCENTILE_RE.finditer(text)
    ]) if _may_hold_percentile(text) else _NO_SPANS
    at_k_names = _Spans([
        _Span(match.start(), match.end(), match.group(0).lower())
        for match in _AT_K_RE.finditer(text)
    ]) if "@" in text else _NO_SPANS
    clauses: _Clauses | None = None  # found when first needed: a comparison rarely needs them
    for match in _FIGURE_RE.finditer(text):
        if (percentiles.spans or at_k_names.spans) and (
            percentiles.overlapping(match.start(), match.end("number"))
            or at_k_names.overlapping(match.start(), match.end("number"))
        ):
            continue  # the "99" of "99th percentile"
        value, unit, per, used = _figure(match)
        start, end = used[0].start, used[-1].end
        left, right = 0, len(text)
        if (
            labels
            or (percentiles.spans and unit in _DISTRIBUTION_UNITS)
            or (at_k_names.spans and not unit)
        ):
            clauses = clauses or _Clauses(text)
            left, right = clauses.around(start, end)
        percentile = None
        if unit in _DISTRIBUTION_UNITS:
            nearest = _nearest(start, end, percentiles.within(left, right))
            if nearest is not None:
                percentile = nearest.value
                used.append(nearest)
        if not unit:
            nearest = _nearest(start, end, at_k_names.within(left, right))
            if nearest is not None:
                unit = nearest.value
                used.append(nearest)
        yield value, unit, per, percentile, used, left, right


def _may_hold_percentile(text: str) -> bool:
    """False when _PERCENTILE_RE cannot match: each match holds "p" and a digit, or
    "percent(ile)" or "med(ian)" in some case (no other character folds to those letters)."""
    if _P_DIGIT_RE.search(text):
        return True
    lowered = text.lower()
    return "percent" in lowered or "med" in lowered


def _figure(match: re.Match[str]) -> tuple[float, str, str | None, list[_Span]]:
    """Value, canonical unit, canonical per-unit, and the spans they were read from."""
    number = match.group("number").replace(",", "")
    end = match.end("number")
    scale_letter, scale_spaced, scale_word = match.group(
        "scale_letter", "scale_spaced", "scale_word"
    )
    scale = scale_letter or scale_spaced
    factor = (
        _SCALE_LETTERS[scale.lower()] if scale
        else _SCALE_WORDS[scale_word.lower()] if scale_word
        else 1
    )
    amount = _scaled(number, factor)
    if scale_word:
        end = match.end("scale_word")
    elif scale_spaced:
        end = match.end("scale_spaced")
    elif scale_letter:
        end = match.end("scale_letter")
    currency, word, per_word = match.group("currency", "unit", "per")
    currency = currency or ""
    word = word or ""
    if word and (word.lower() in _NOT_UNITS or _PERCENTILE_RE.fullmatch(word)):
        # "120 to 87ms", "87 p99": the word belongs to the sentence, not to the figure
        return amount, currency, None, [_Span(match.start(), end, "")]
    unit = currency
    if word:
        canonical = _canonical_unit(word)
        # "$2.1M savings": the currency is the unit and the word after it is the label.
        if not currency or canonical in _CURRENCIES:
            unit = currency or canonical
            end = match.end("unit")
    used = [_Span(match.start(), end, "")]
    per = None
    if per_word:
        per = _canonical_per(match)
        used.append(_Span(match.start("per_part"), match.end("per_part"), per))
        abbreviation = _RATE_ABBREVIATIONS.get((_singular(unit), per))
        if abbreviation:
            unit, per = abbreviation, None
    return amount, unit, per, used


def _scaled(number: str, factor: int) -> float:
    """float(Decimal(number) * factor) for a power of ten, without Decimal: "4.5e9" is read
    as the same correctly rounded double. Decimal rounds beyond 28 digits, so very long
    numbers still go through it."""
    if len(number) <= 28:
        return float(number if factor == 1 else f"{number}e{len(str(factor)) - 1}")
    from decimal import Decimal  # rarely needed: not worth its import at start-up

    return float(Decimal(number) * factor)


def _canonical_unit(unit: str) -> str:
    lowered = unit.lower()
    return _UNIT_ALIASES.get(lowered, _UNIT_ALIASES.get(unit, lowered))


def _canonical_per(match: re.Match[str]) -> str:
    word = match.group("per").lower()
    name = _PER_ALIASES.get(word, _singular(word))
    if match.group("per_number"):
        scale = match.group("per_scale")
        amount = _scaled(match.group("per_number"), _SCALE_LETTERS[scale.lower()] if scale else 1)
        name = f"{_format_value(amount).replace(',', '')} {name}"
    return name


@functools.lru_cache(maxsize=256)  # the same few unit words come back in every figure
def _singular(word: str) -> str:
    if word in _CANONICAL_UNITS or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 2:
        return word[:-1]
    return word


def _percentile_name(match: re.Match[str]) -> str:
    if match.group("median"):
        return "p50"
    return "p" + (match.group("short") or match.group("ordinal"))


def _nearest(start: int, end: int, spans: list[_Span]) -> _Span | None:
    """The span (all in the figure's clause) closest to the figure, outside it."""
    best: tuple[int, _Span] | None = None
    for span in spans:
        if span.end <= start:
            distance = start - span.end
        elif span.start >= end:
            distance = span.start - end
        else:
            continue
        if best is None or distance < best[0]:
            best = (distance, span)
    return None if best is None else best[1]


def _label_near(text: str, used: list[_Span], left: int, right: int) -> str:
    """The words between the figure's parts ("p99 latency of 87 ms"), else the words right
    after it in its clause, else those right before it."""
    start, end = used[0].start, max(span.end for span in used)
    inside = text[start:end]
    for span in sorted(used, key=lambda span: span.start, reverse=True):
        inside = inside[: span.start - start] + " " + inside[span.end - start :]
    after = text[end:max(end, right)]
    before = text[min(left, start):start]
    for fragment, from_end in ((inside, False), (after, False), (before, True)):
        words = _label_words(fragment, from_end=from_end)
        if words:
            return " ".join(words)
    return ""


def _label_words(fragment: str, *, from_end: bool) -> list[str]:
    """Up to three words of `fragment` that touch the figure, not crossing another number."""
    pieces = _FIGURE_STOP_RE.split(fragment)
    piece = pieces[-1] if from_end else pieces[0]
    words = [word.rstrip(".-") for word in _WORD_RE.findall(piece)]
    words = _trim_words(words)
    return words[-3:] if from_end else words[:3]


def _trim_words(words: list[str]) -> list[str]:
    while words and (words[0].lower() in _NOT_UNITS or not any(c.isalnum() for c in words[0])):
        words.pop(0)
    while words and (words[-1].lower() in _NOT_UNITS or not any(c.isalnum() for c in words[-1])):
        words.pop()
    return words


def _trim_label(rest: str) -> str:
    return " ".join(_trim_words(rest.split())).strip(" ,;:")


def _comparable(metric: Metric) -> tuple[float, str, str, str]:
    return _comparable_parts(metric.value, metric.unit, metric.per, metric.percentile)


def _comparable_parts(
    value: float, unit: str, per: str | None, percentile: str | None
) -> tuple[float, str, str, str]:
    """Time and byte units in one base unit (87 ms == 0.087 s); nouns singular."""
    if unit in _SECONDS:
        return value * _SECONDS[unit], "s", per or "", percentile or ""
    if unit in _BYTES:
        return value * _BYTES[unit], "B", per or "", percentile or ""
    return value, _singular(unit), per or "", percentile or ""


def _same_comparable(
    mine: tuple[float, str, str, str], theirs: tuple[float, str, str, str]
) -> bool:
    return math.isclose(mine[0], theirs[0], rel_tol=1e-9) and mine[1:] == theirs[1:]


def _format_value(value: float) -> str:
    return format(value, ",.12g")
