"""Headline metrics as typed figures, so two spellings of one figure compare equal.

"8.4 billion queries per month" and "8.4B queries/month" are one figure; so are "87ms p99
latency" and "p99 latency of 87 ms", "2 weeks" and "14 days", "$1.20 per 1K queries" and
"$0.0012/query". A figure is a value (scaled by K/M/B/T or number words, signed when a
change is written as one: "-40%", "40% lower"), a unit, an optional per-unit, an optional
statistic (p99, median, average), an optional bound ("sub-100ms", "5M+"), an optional range
top ("50-100ms") and a label: the other words, through which the thing measured is named
("99.999% availability" is not "99.999% consistency").

Text is read as tokens (numbers, words, symbols), and each figure is put together from the
tokens around a number. The words it knows are data, in `metric_words`.

A lower-case "m" after a number is a million only when a counted thing follows ("1m users",
"5m vectors") and no time word comes before ("for 10m pages the on-call" is ten minutes);
with a length word after it ("50m range") it is metres; otherwise it is minutes ("every
5m", "for: 1m"). An upper-case "M" is always a million, and so is "m" after a currency
("$5m").

Stdlib only: the checker and hook-adjacent code import this and must start fast.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
from collections.abc import Callable
from typing import NamedTuple

from casestudy.format import metric_words as words

GOOD_METRIC_EXAMPLES = ("2.1B vectors", "87ms p99 latency", "$0.0012/query")


class MetricError(ValueError):
    """A headline metric that is not a figure; the message shows what a good one looks like."""


class Metric(NamedTuple):
    """One figure, typed."""

    text: str  # as written
    value: float  # scaled: "2.1B" -> 2.1e9, "12,500" -> 12500; negative for "-40%", "40% lower"
    unit: str = ""  # canonical: "ms", "$", "%", "x", "query", "vector", "GB" ("" when none)
    per: str | None = None  # canonical per-unit: "query", "month", "s", "1000 query"
    percentile: str | None = None  # "p50", "p95", "p99", "p99.9", "mean"
    label: str = ""  # the remaining words, e.g. "latency"
    bound: str | None = None  # "<" for "sub-100ms", "under 100ms"; ">" for "5M+", "over 5M"
    high: float | None = None  # the top of a range: "50-100ms" -> value 50, high 100
    signed: bool = False  # a direction was written ("+40%", "-40%", "reduced by 40%")

    def same_figure(self, other: Metric) -> bool:
        """One figure however each was spelled: value in the same unit of one dimension,
        per-unit, statistic, bound, range and, where both name it, the thing measured."""
        return _same(_comparable(self), _comparable(other))

    def describe(self) -> str:
        """How the figure was understood, for showing back to the author."""
        parts = [f"value {_format_value(self.value)}"]
        if self.high is not None:
            parts[0] += f" to {_format_value(self.high)}"
        parts.append(f"unit {self.unit}" if self.unit else "no unit")
        if self.per:
            parts.append(f"per {_PER_NAMES.get(self.per, self.per)}")
        if self.percentile:
            parts.append(f"percentile {self.percentile}")
        if self.bound:
            parts.append("upper bound" if self.bound == "<" else "lower bound")
        if self.label:
            parts.append(f"label '{self.label}'")
        return ", ".join(parts)


_PER_NAMES = {"s": "second", "min": "minute", "h": "hour"}  # as `describe` says them


class _Phrases:
    """Phrases of a few words, looked up by their last or first word: most words start
    or end none, and are passed over at the cost of one dictionary look-up."""

    def __init__(self, phrases: tuple[str, ...]) -> None:
        self.by_last: dict[str, list[list[str]]] = {}
        self.by_first: dict[str, list[list[str]]] = {}
        for phrase in sorted(phrases, key=lambda phrase: -len(phrase.split())):
            parts = phrase.split()
            self.by_last.setdefault(parts[-1], []).append(parts)
            self.by_first.setdefault(parts[0], []).append(parts)


_UPPER_BOUND = _Phrases(words.UPPER_BOUND_WORDS)
_LOWER_BOUND = _Phrases(words.LOWER_BOUND_WORDS)
_APPROXIMATE = _Phrases(words.APPROXIMATE_WORDS)
_PERCENT_PHRASES = _Phrases(("per cent", "percentage points", "percentage point"))


# Between two tokens read as one phrase: nothing, or one space of any kind but a newline.
_NEAR_GAPS = frozenset(("", " ", "\t", "\u00a0", "\u202f"))


# --- tokens ---------------------------------------------------------------------------------

_NUMBER, _WORD, _SYMBOL = 0, 1, 2
_TOKEN_RE = re.compile(
    r"(?P<n>\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?)(?P<version>(?:\.\d+)+)?"
    r"|(?P<w>[^\W\d_]+(?:@\d+)?)"
    r"|(?P<s>[^\w\s])"
)


class _Token(NamedTuple):
    kind: int
    text: str
    start: int
    end: int


# "2.1.3" is a version: a word, not a figure
_TOKEN_KINDS = {"n": _NUMBER, "version": _WORD, "w": _WORD, "s": _SYMBOL}


# --- clauses: a percentile or a label never reaches across these --------------------------

_BOUNDARY_RE = re.compile(
    r"""
    ;|,(?!\d)|\.(?=\s|$)|\s(?:and|but|while|whereas|versus|vs\.?)\s
  | \|[ \t]*\r?\n | \n(?=[ \t]*(?:\r?\n|[|\#>*+-]|\d+[.)]\s))
    """,
    re.IGNORECASE | re.VERBOSE,
)
# "(p95: 287ms)": a parenthesis holding a figure of its own is a clause of its own.
_PARENTHESIS_RE = re.compile(r"\((?=[^()\n]*?(?<![pP\d.])\d)[^()\n]*\)")


class _Clauses:
    """Where the text's clauses end, so each figure looks only at its own clause."""

    def __init__(self, text: str) -> None:
        bounds = [(match.start(), match.end()) for match in _BOUNDARY_RE.finditer(text)]
        if "(" in text:
            for match in _PARENTHESIS_RE.finditer(text):
                bounds += [(match.start(), match.start() + 1), (match.end() - 1, match.end())]
            bounds.sort()
        self.length = len(text)
        self.starts = [start for start, _ in bounds]
        self.ends = [end for _, end in bounds]

    def around(self, start: int, end: int) -> tuple[int, int]:
        before = bisect.bisect_right(self.ends, start)
        after = bisect.bisect_left(self.starts, end)
        left = self.ends[before - 1] if before else 0
        right = self.starts[after] if after < len(self.starts) else self.length
        return left, right


# --- reading figures ------------------------------------------------------------------------


class _Figure:
    """A figure being put together from tokens."""

    __slots__ = (
        "between", "bound", "currency", "dimension", "end", "first", "high", "last",
        "modifiers", "per", "per_amount", "per_dimension", "per_size", "percentile", "sign",
        "size", "start", "unit", "unit_from", "used", "value",
    )

    def __init__(self, first: int, value: float, start: int, end: int) -> None:
        self.first = self.last = first  # token indexes
        self.start, self.end = start, end  # characters
        self.value = value
        self.high: float | None = None
        self.unit = ""
        self.dimension: str | None = None
        self.size = 1.0
        self.per: str | None = None
        self.per_amount = 1.0
        self.per_dimension: str | None = None
        self.per_size = 1.0
        self.percentile: str | None = None
        self.bound: str | None = None
        self.sign = 0
        self.currency = ""
        self.modifiers: list[str] = []  # words between the figure and what it counts
        self.used: list[tuple[int, int]] = []  # character spans read besides start:end
        self.between = False  # "between 50 and 100 ms": an "and" ends the range
        self.unit_from = -1  # "from 120 to 87ms": the token of the figure lending its unit


def _number(token: _Token) -> float:
    return float(token.text.replace(",", ""))


def _scaled(value: float, factor: int) -> float:
    """value * 10**k, rounded as the decimal would be ("4.5e9", not 4.5 * 1e9)."""
    return float(f"{value!r}e{len(str(factor)) - 1}") if factor != 1 else value


class _Reader:
    """Reads every figure of one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Each token, and beside it its lower-case text if it is a word, its text if it is
        # a symbol ("" otherwise, so that a look-up is one index) and the text between it
        # and the token before.
        matches = list(_TOKEN_RE.finditer(text))
        kinds = [_TOKEN_KINDS[match.lastgroup] for match in matches]  # type: ignore[index]
        texts = [match.group() for match in matches]
        spans = [match.span() for match in matches]
        self.tokens = [
            _Token(kind, value, start, end)
            for kind, value, (start, end) in zip(kinds, texts, spans, strict=True)
        ]
        self.words = [
            value.lower() if kind == _WORD else "" for kind, value in zip(kinds, texts, strict=True)
        ]
        self.symbols = [
            value if kind == _SYMBOL else "" for kind, value in zip(kinds, texts, strict=True)
        ]
        self.gaps = [""] + [
            text[before[1] : after[0]] for before, after in itertools.pairwise(spans)
        ]
        self.count = len(self.tokens)
        self.statistics: list[tuple[int, int, str]] = []  # (start, end, "p99")
        self.taken: set[int] = set()  # token indexes that are a statistic's
        self.at_k_names = [
            (token.start, token.end, token.text.lower())
            for token in self.tokens
            if token.kind == _WORD and "@" in token.text
        ] if "@" in text else []
        self._find_statistics()
        self._clauses: _Clauses | None = None

    @property
    def clauses(self) -> _Clauses:
        if self._clauses is None:
            self._clauses = _Clauses(self.text)
        return self._clauses

    # -- tokens around a place

    def glued(self, index: int) -> bool:
        """Token `index` touches the one before it."""
        return 0 < index < self.count and self.gaps[index] == ""

    def near(self, index: int) -> bool:
        """Token `index` follows the one before on the same line, at most a space apart."""
        return 0 < index < self.count and self.gaps[index] in _NEAR_GAPS

    def word(self, index: int) -> str:
        """The token's lower-case text when it is a word, else ""."""
        return self.words[index] if 0 <= index < self.count else ""

    def symbol(self, index: int) -> str:
        return self.symbols[index] if 0 <= index < self.count else ""

    def phrase_before(self, index: int, phrases: _Phrases) -> int:
        """How many tokens before `index` spell one of `phrases` ("less than"), or 0."""
        for parts in phrases.by_last.get(self.word(index - 1), ()):
            first = index - len(parts)
            if first >= 0 and all(
                self.word(first + offset) == part and self.near(first + offset + 1)
                for offset, part in enumerate(parts)
            ):
                return len(parts)
        return 0

    def phrase_after(self, index: int, phrases: _Phrases) -> int:
        """How many tokens from `index` on spell one of `phrases`, or 0."""
        for parts in phrases.by_first.get(self.word(index), ()):
            if all(
                self.word(index + offset) == part and self.near(index + offset)
                for offset, part in enumerate(parts)
            ):
                return len(parts)
        return 0

    # -- statistics: p99, P99.9, 99th percentile, median, average

    def _find_statistics(self) -> None:
        tokens, lower = self.tokens, self.words
        for index, token in enumerate(tokens):
            if token.kind == _WORD:
                if lower[index] in words.STATISTIC_WORDS:
                    self.statistics.append(
                        (token.start, token.end, words.STATISTIC_WORDS[lower[index]])
                    )
                elif lower[index] in ("p", "tp") and index + 1 < len(tokens) and (
                    tokens[index + 1].kind == _NUMBER and self.glued(index + 1)
                    and not (self.glued(index) and tokens[index - 1].kind != _SYMBOL)
                    and (index + 2 >= len(tokens) or not self.glued(index + 2)
                         or tokens[index + 2].kind == _SYMBOL)
                ):
                    number = tokens[index + 1]
                    # "p999" is the 99.9th percentile, "p9999" the 99.99th
                    name = number.text
                    if len(name) >= 3 and name.strip("9") == "" and "." not in name:
                        name = "99." + name[2:]
                    self.statistics.append((token.start, number.end, "p" + name))
                    self.taken.add(index + 1)
            elif token.kind == _NUMBER and self.word(index + 1) in ("th", "st", "nd", "rd") and (
                self.glued(index + 1)
            ):
                after = index + 2
                if self.symbol(after) == "-":
                    after += 1
                if self.word(after) == "percentile":
                    self.statistics.append((token.start, tokens[after].end, "p" + token.text))
                self.taken.add(index)

    # -- the figures

    def figures(self) -> list[_Figure]:
        found = []
        index = 0
        tokens = self.tokens
        while index < len(tokens):
            token = tokens[index]
            if token.kind == _NUMBER and index not in self.taken and not self._in_a_name(index):
                figure = self._figure(index)
                found.append(figure)
                index = figure.last + 1
            else:
                index += 1
        return found

    def _in_a_name(self, index: int) -> bool:
        """H100, GPT-4, system_21, NDCG@10, #3: digits that name, not count."""
        if not self.glued(index):
            return False
        before = self.tokens[index - 1]
        if before.kind == _WORD or before.text in "_@#":
            return True
        if before.text in "-." and self.glued(index - 1):
            return self.tokens[index - 2].kind == _WORD and self.word(index - 2) != "sub"
        return False

    def _figure(self, index: int) -> _Figure:
        tokens = self.tokens
        token = tokens[index]
        figure = _Figure(index, _number(token), token.start, token.end)
        self._read_prefix(figure)
        self._read_scale(figure)
        self._read_range(figure)
        self._read_plus(figure)
        self._read_unit(figure)
        if figure.dimension == "time":
            self._read_duration_parts(figure)
        self._read_per(figure)
        self._read_suffix(figure)
        return figure

    def _read_prefix(self, figure: _Figure) -> None:
        """Currency, sign, bound and "between" before the number."""
        index = figure.first
        before = index - 1
        symbol = self.symbol(before)
        if symbol in words.CURRENCY_SYMBOLS and self.near(index):
            figure.currency = words.CURRENCY_SYMBOLS[symbol]
            figure.start = self.tokens[before].start
            before -= 1
            symbol = self.symbol(before)
        elif self.word(before) in words.CURRENCY_CODES and self.near(index):
            figure.currency = words.CURRENCY_CODES[self.word(before)]
            figure.start = self.tokens[before].start
            before -= 1
            symbol = self.symbol(before)
        if symbol in ("-", "\u2212", "+") and self.glued(before + 1) and (
            before == 0 or not self.glued(before) or self.symbol(before - 1) in ("(", "|", ":")
        ):
            figure.sign = 1 if symbol == "+" else -1
            figure.start = self.tokens[before].start
            before -= 1
            symbol = self.symbol(before)
        if symbol in ("~", "\u2248"):
            figure.start = self.tokens[before].start
            return
        length = self.phrase_before(before + 1, _APPROXIMATE)
        if length:
            figure.used.append((self.tokens[before + 1 - length].start, self.tokens[before].end))
            return
        if symbol == "=" and self.symbol(before - 1) in ("<", ">") and self.glued(before):
            symbol = self.symbol(before - 1) + "="
            before -= 1
        if symbol in words.BOUND_SYMBOLS:
            figure.bound = words.BOUND_SYMBOLS[symbol]
            figure.start = self.tokens[before].start
            return
        if symbol == "-" and self.word(before - 1) == "sub" and self.glued(before):
            figure.bound = "<"
            figure.start = self.tokens[before - 1].start
            return
        for bound, phrases in (
            ("<", _UPPER_BOUND), (">", _LOWER_BOUND),
        ):
            length = self.phrase_before(before + 1, phrases)
            if length:
                figure.bound = bound
                figure.used.append((self.tokens[before + 1 - length].start,
                                    self.tokens[before].end))
                return
        if self.word(before) == "between" and self.near(before + 1):
            figure.used.append((self.tokens[before].start, self.tokens[before].end))
            figure.between = True
            return

    def _read_scale(self, figure: _Figure, *, high: bool = False) -> None:
        index = figure.last + 1
        if self.symbol(index) == "+" and self.glued(index) and self.word(index + 1) in (
            words.SCALE_WORDS
        ):
            figure.bound = ">"
            index += 1
        word = self.word(index)
        if not word:
            return
        raw = self.tokens[index].text
        factor = 0
        if self.glued(index) and word in words.SCALE_LETTERS:
            if word in ("m", "mm") and raw.islower() and not figure.currency and (
                not self._counted_follows(index + 1)
                or self.word(figure.first - 1) in words.TIME_CONTEXT
                or self.symbol(figure.first - 1) == ":"
            ):
                return  # minutes or metres: a unit, read next
            factor = words.SCALE_LETTERS[word]
        elif self.near(index) and raw in ("K", "M", "B", "T", "Bn", "MM", "bn", "mn"):
            factor = words.SCALE_LETTERS[word]
        elif self.near(index) and word in words.SCALE_WORDS:
            factor = words.SCALE_WORDS[word]
        if factor:
            if high:
                figure.high = _scaled(figure.high or 0.0, factor)
            else:
                figure.value = _scaled(figure.value, factor)
                if figure.high is not None:
                    figure.high = _scaled(figure.high, factor)
            figure.last = index
            figure.end = self.tokens[index].end

    def _counted_follows(self, index: int) -> bool:
        if self.symbol(index) == "+":
            index += 1
        for ahead in range(index, index + 3):
            if self.word(ahead) in words.COUNTED:
                return True
            if not self.word(ahead) or self.word(ahead) in words.NOT_UNITS:
                return False
        return False

    def _read_range(self, figure: _Figure) -> None:
        """"50-100ms", "2-3B", "between 50 and 100 ms": the top of the range, which gives
        the bottom its scale and unit; "from 120 to 87ms": the 120 takes the unit only."""
        index = figure.last + 1
        joiner = self.symbol(index)
        word = self.word(index)
        if not (
            (joiner in ("-", "\u2013", "\u2014") and self.near(index))
            or (word == "and" and figure.between)
            or word == "to"
        ):
            return
        number = index + 1
        if number >= len(self.tokens) or self.tokens[number].kind != _NUMBER or not self.near(
            number
        ):
            return
        if word == "to" and self.word(figure.first - 1) == "from":
            # "from 120 to 87ms": a change, not a range; the 120 shares the unit
            figure.unit_from = number
            return
        figure.high = _number(self.tokens[number])
        scaled_before = figure.end != self.tokens[figure.first].end
        figure.last = number
        figure.end = self.tokens[number].end
        if not scaled_before:
            low = figure.value
            self._read_scale(figure, high=True)
            if figure.high is not None and figure.end != self.tokens[number].end:
                factor = figure.high / _number(self.tokens[number])
                figure.value = _scaled(low, round(factor)) if factor >= 1 else low
        else:
            self._read_scale(figure, high=True)

    def _read_plus(self, figure: _Figure) -> None:
        index = figure.last + 1
        if self.symbol(index) == "+" and self.glued(index):
            figure.bound = ">"
            figure.last = index
            figure.end = self.tokens[index].end

    def _read_unit(self, figure: _Figure) -> None:
        index = figure.last + 1
        if figure.unit_from != -1:
            # the unit of "87ms" in "from 120 to 87ms" is read by its own figure, then borrowed
            shared = self._figure(figure.unit_from)
            if shared.unit and not figure.currency:
                figure.unit, figure.dimension, figure.size = shared.unit, shared.dimension, (
                    shared.size
                )
            return
        if figure.currency:
            figure.unit = figure.currency
            if self.word(index) in words.CURRENCY_CODES and self.near(index):
                self._take(figure, index)
            return
        symbol = self.symbol(index)
        if symbol and not self.near(index):
            return
        if symbol == "%":
            figure.unit = "%"
            self._take(figure, index)
            return
        if symbol == "\u00d7":
            figure.unit = "x"
            self._take(figure, index)
            return
        if symbol in words.CURRENCY_SYMBOLS:
            figure.unit = words.CURRENCY_SYMBOLS[symbol]
            self._take(figure, index)
            return
        if symbol == "-" and self.glued(index) and self.glued(index + 1):
            # "6-hour outage", "4-fold", "1536-dim vectors"
            word = self.word(index + 1)
            unit = words.UNITS.get(word)
            if word == "fold":
                figure.unit = "x"
            elif unit is not None and unit[1] is not None:
                figure.unit, figure.dimension, figure.size = unit
            elif word in words.COUNTED:
                figure.unit = words.COUNTED[word]
            else:
                return
            self._take(figure, index + 1)
            return
        word = self.word(index)
        if not word or not self.near(index):
            return
        if index + 1 < len(self.tokens) and self.tokens[index + 1].kind == _NUMBER and (
            self.glued(index + 1) and word not in words.UNITS and word not in ("m", "d")
        ):
            return  # "0.91 F1 score": the word names something, with its number
        raw = self.tokens[index].text
        glued = self.glued(index)
        two = self.phrase_after(index, _PERCENT_PHRASES)
        if two:
            figure.unit = "%" if word == "per" else "pp"
            self._take(figure, index + two - 1)
            return
        if word == "x" and (glued or raw == "x"):
            figure.unit = "x"
            self._take(figure, index)
            return
        rate = words.RATE_WORDS.get(word)
        if rate:
            figure.unit, figure.per = rate
            figure.per_dimension, figure.per_size = "time", words.UNITS[rate[1]][2]
            self._take(figure, index)
            return
        unit = None
        if raw in words.CASE_SENSITIVE_UNITS:
            unit = words.CASE_SENSITIVE_UNITS[raw]
        elif word in ("m", "mm") and raw.islower():
            unit = self._m_unit(index, word)
        elif glued and word in words.GLUED_ONLY_UNITS:
            unit = words.GLUED_ONLY_UNITS[word]
        elif word in words.UNITS:
            unit = words.UNITS[word]
        if unit is not None:
            figure.unit, figure.dimension, figure.size = unit
            if figure.dimension is None and figure.unit in ("$", "€", "£"):
                figure.currency = figure.unit
            self._take(figure, index)
            return
        self._read_counted(figure, index)

    def _m_unit(self, index: int, word: str) -> tuple[str, str | None, float]:
        """A lower-case "m" that is no million: metres before a length word, else minutes."""
        if word == "mm":
            return ("mm", "length", 1e-3)
        if self.word(index + 1) in words.LENGTH_CONTEXT:
            return ("m", "length", 1.0)
        return ("min", "time", 60.0)

    def _read_counted(self, figure: _Figure, index: int) -> None:
        """The thing counted, maybe a few words on: "8.4B search queries", "5M daily
        active users" (the last of a run of counted nouns is the head: "search queries"
        counts queries); else the first word, unless it is one that never counts."""
        counted, head, head_start = -1, "", -1
        for ahead in range(index, index + 4):
            word = self.word(ahead)
            if not word or (ahead > index and not self.near(ahead)):
                break
            pair = f"{word} {self.word(ahead + 1)}"
            if pair in words.COUNTED and self.near(ahead + 1):
                counted, head, head_start = ahead + 1, words.COUNTED[pair], ahead
                break
            if word in words.COUNTED:
                counted, head, head_start = ahead, words.COUNTED[word], ahead
                continue
            if counted != -1:
                break
            if word in words.PER_ADVERBS:
                following = self.word(ahead + 1)
                if following in words.NOT_A_RATE_AFTER or following in words.COUNTED:
                    continue  # "daily active users", "20M daily predictions"
                break
            if word in words.NOT_UNITS or word in words.MEASURES or word in _NEVER_UNITS:
                break
        if counted != -1:
            figure.unit = head
            self._take_modifiers(figure, index, head_start)
            self._take(figure, counted)
            return
        word = self.word(index)
        if word in words.NOT_UNITS or word in words.MEASURES or word in _NEVER_UNITS:
            return
        if word in words.PER_ADVERBS or word in words.SCALE_WORDS or "@" in word:
            return
        figure.unit = _singular(word)
        self._take(figure, index)

    def _take_modifiers(self, figure: _Figure, first: int, counted: int) -> None:
        for index in range(first, counted):
            word = self.word(index)
            if word in words.PER_ADVERBS and self.word(index + 1) not in words.NOT_A_RATE_AFTER:
                figure.per = words.PER_ADVERBS[word]
                figure.per_dimension, figure.per_size = _per_dimension(figure.per)
            elif word:
                figure.modifiers.append(self.tokens[index].text)

    def _take(self, figure: _Figure, index: int) -> None:
        figure.last = index
        figure.end = self.tokens[index].end

    def _read_duration_parts(self, figure: _Figure) -> None:
        """"4 hours 42 minutes", "1h30m", "2 days, 3 hours": one duration."""
        while True:
            index = figure.last + 1
            if self.symbol(index) == "," or self.word(index) == "and":
                index += 1
            if index >= len(self.tokens) or self.tokens[index].kind != _NUMBER or not (
                self.near(index)
            ):
                return
            unit_index = index + 1
            word = self.word(unit_index)
            raw = self.tokens[unit_index].text if unit_index < len(self.tokens) else ""
            if not self.near(unit_index):
                return
            unit: tuple[str, str | None, float] | None
            if word == "m" and raw == "m":
                unit = ("min", "time", 60.0)
            elif self.glued(unit_index) and word in words.GLUED_ONLY_UNITS:
                unit = words.GLUED_ONLY_UNITS[word]
            else:
                unit = words.UNITS.get(word) if word else None
            if unit is None or unit[1] != "time" or unit[2] >= figure.size:
                return
            part = _number(self.tokens[index])
            figure.value = (figure.value * figure.size + part * unit[2]) / unit[2]
            figure.unit, figure.size = unit[0], unit[2]
            figure.last = unit_index
            figure.end = self.tokens[unit_index].end

    def _read_per(self, figure: _Figure) -> None:
        """"/month", "per 1K queries", "a month", "daily", "per second": the per-unit,
        maybe after a label word or two ("$2.1M savings per year")."""
        if figure.per is not None:
            return
        index = figure.last + 1
        for skipped in range(3):
            found = self._per_at(figure, index)
            if found:
                return
            word = self.word(index)
            if (
                skipped == 2 or not word or not self.near(index)
                or (word in words.NOT_UNITS and word != "of")
            ):
                return
            counted = figure.unit and figure.dimension is None and (
                figure.unit not in ("$", "€", "£", "%", "x")
            )
            if counted and word not in words.PER_ADVERBS and word not in words.PER_ARTICLES:
                return  # a counted thing's rate comes right after it
            index += 1

    def _per_at(self, figure: _Figure, index: int) -> bool:
        symbol = self.symbol(index)
        word = self.word(index)
        if (symbol == "/" and self.near(index) and self.near(index + 1)) or (
            word == "per" and self.near(index) and self.near(index + 1)
        ):
            at = index + 1
            amount = 1.0
            if at < len(self.tokens) and self.tokens[at].kind == _NUMBER:
                amount = _number(self.tokens[at])
                at += 1
                scale = self.word(at)
                if scale in words.SCALE_LETTERS or scale in words.SCALE_WORDS:
                    amount = _scaled(amount, words.SCALE_LETTERS.get(
                        scale, words.SCALE_WORDS.get(scale, 1)))
                    at += 1
            elif self.word(at) in words.SCALE_WORDS:  # "per thousand queries"
                amount = float(words.SCALE_WORDS[self.word(at)])
                at += 1
            per_word = self.word(at)
            if not per_word or not self.near(at):
                return False
            if per_word == "annum":
                per_word = "year"
            name, dimension, size = _per_unit(per_word, self.tokens[at].text)
            if name is None:
                return False
            figure.per, figure.per_dimension, figure.per_size = name, dimension, size
            figure.per_amount = amount
            figure.used.append((self.tokens[index].start, self.tokens[at].end))
            if figure.last + 1 == index:
                self._take(figure, at)
            return True
        if word in words.PER_ADVERBS and self.near(index) and (
            self.word(index + 1) not in words.NOT_A_RATE_AFTER
        ):
            figure.per = words.PER_ADVERBS[word]
            figure.per_dimension, figure.per_size = _per_dimension(figure.per)
            figure.used.append((self.tokens[index].start, self.tokens[index].end))
            return True
        if word in words.PER_ARTICLES and self.near(index + 1):
            unit = words.UNITS.get(self.word(index + 1))
            if unit is not None and unit[1] in ("time", "calendar"):
                figure.per = unit[0]
                figure.per_dimension, figure.per_size = unit[1], unit[2]
                figure.used.append((self.tokens[index].start, self.tokens[index + 1].end))
                return True
        return False

    def _read_suffix(self, figure: _Figure) -> None:
        """"100ms or less", "5M or more"; "40% lower", "40% reduction": bounds and
        directions written after the figure."""
        index = figure.last + 1
        if self.word(index) == "or":
            if self.word(index + 1) in ("less", "fewer", "below", "lower", "under"):
                figure.bound = "<"
                figure.used.append((self.tokens[index].start, self.tokens[index + 1].end))
            elif self.word(index + 1) in ("more", "higher", "greater", "above"):
                figure.bound = ">"
                figure.used.append((self.tokens[index].start, self.tokens[index + 1].end))
        if figure.unit not in ("%", "pp") or figure.sign:
            return
        after = self.word(index)
        if after in words.DECREASE_WORDS and self.near(index):
            figure.sign = -1
            figure.used.append((self.tokens[index].start, self.tokens[index].end))
            return
        if after in words.INCREASE_WORDS and after != "up" and self.near(index):
            figure.sign = 1
            figure.used.append((self.tokens[index].start, self.tokens[index].end))
            return
        if (
            after and after not in words.NOT_UNITS and self.near(index)
            and self.word(index + 1) in _DIRECTION_NOUNS and self.near(index + 1)
        ):
            figure.sign = -1 if self.word(index + 1) in words.DECREASE_WORDS else 1
            figure.used.append((self.tokens[index + 1].start, self.tokens[index + 1].end))
            return
        before = figure.first - 1
        if figure.currency:
            before -= 1
        direction = self.word(before)
        if direction == "by":
            # "reduced p99 latency by 40%": the verb a few words back in the clause
            for back in range(before - 1, max(before - 6, -1), -1):
                word = self.word(back)
                if back in self.taken:
                    continue  # the 99 of "reduced p99 latency by 40%"
                if not word:
                    break
                if word in words.DECREASE_WORDS or word in words.INCREASE_WORDS:
                    figure.sign = -1 if word in words.DECREASE_WORDS else 1
                    figure.used.append((self.tokens[back].start, self.tokens[back].end))
                    return
        elif direction in words.DECREASE_WORDS or direction in words.INCREASE_WORDS:
            figure.sign = -1 if direction in words.DECREASE_WORDS else 1
            figure.used.append((self.tokens[before].start, self.tokens[before].end))


# "40% cost reduction": a change named after the thing that changed.
_DIRECTION_NOUNS = frozenset((
    "reduction", "reductions", "decrease", "drop", "decline", "cut", "increase", "growth",
    "gain", "rise", "jump",
))
# Words that follow a number without naming what it counts.
_NEVER_UNITS = frozenset((
    *words.DECREASE_WORDS, *words.INCREASE_WORDS, *words.STATISTIC_WORDS,
    *words.APPROXIMATE_WORDS, "faster", "slower", "better", "worse", "improvement",
    "improvements", "speedup", "th", "st", "nd", "rd", "percentile",
))


def _per_dimension(name: str) -> tuple[str | None, float]:
    unit = words.UNITS.get(name)
    return (unit[1], unit[2]) if unit else (None, 1.0)


def _per_unit(word: str, raw: str) -> tuple[str | None, str | None, float]:
    lowered = word.lower()
    if raw in words.CASE_SENSITIVE_UNITS:
        return words.CASE_SENSITIVE_UNITS[raw]
    unit = words.UNITS.get(lowered) or words.GLUED_ONLY_UNITS.get(lowered)
    if lowered == "m":
        unit = ("min", "time", 60.0)
    if unit is not None:
        if unit[1] is None:
            return None, None, 1.0
        return unit
    if lowered in words.COUNTED:
        return words.COUNTED[lowered], None, 1.0
    if lowered in words.NOT_UNITS:
        return None, None, 1.0
    return _singular(lowered), None, 1.0


@functools.lru_cache(maxsize=512)
def _singular(word: str) -> str:
    if word in words.COUNTED:
        return words.COUNTED[word]
    if not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 2:
        return word[:-1]
    return word


# --- from tokens to Metric -------------------------------------------------------------------


class _Found(NamedTuple):
    """A figure read from a text: the Metric, where it starts, and the spans it was read
    from (for the label of a headline metric)."""

    metric: Metric
    start: int
    spans: list[tuple[int, int]]
    clause: tuple[int, int] | None
    modifiers: list[str]


def _labelled(text: str, found: _Found, clauses: _Clauses | None = None) -> Metric:
    """The figure with its label: the words around it in its clause."""
    start, end = found.spans[0]
    clause = found.clause or (clauses or _Clauses(text)).around(start, end)
    return found.metric._replace(label=_label_near(text, found.spans, clause, found.modifiers))


class TextFigures:
    """The figures of a text, read once, each figure's label worked out only when asked
    for (it is what most comparisons never need)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._found = _read(text, labels=False)
        self.figures = [(found.start, found.metric) for found in self._found]

    def labelled(self, index: int) -> Metric:
        """The figure `self.figures[index]`, with its label."""
        return _labelled(self.text, self._found[index])


def _read(text: str, *, labels: bool) -> list[_Found]:
    reader = _Reader(text)
    found = []
    for figure in reader.figures():
        spans = [(figure.start, figure.end), *figure.used]
        percentile = None
        clause = None
        if figure.dimension in words.DISTRIBUTION_DIMENSIONS and reader.statistics:
            clause = reader.clauses.around(figure.start, figure.end)
            nearest = _nearest(figure.start, figure.end, reader.statistics, clause)
            if nearest is not None:
                percentile = nearest[2]
                spans.append((nearest[0], nearest[1]))
        unit = figure.unit
        if not unit and "@" in text:
            # "NDCG@10 of 0.78": a figure without a unit is the measure named in its clause
            clause = clause or reader.clauses.around(figure.start, figure.end)
            nearest = _nearest(figure.start, figure.end, reader.at_k_names, clause)
            if nearest is not None:
                unit = nearest[2]
                spans.append((nearest[0], nearest[1]))
        label = ""
        if labels:
            clause = clause or reader.clauses.around(figure.start, figure.end)
            label = _label_near(text, spans, clause, figure.modifiers)
        if not unit:
            # a bare figure after its name counts what is named: "| Vectors | 2.1B |",
            # "- Vectors: 2.1B"
            clause = clause or reader.clauses.around(figure.start, figure.end)
            unit = _counted_in_name(text[clause[0] : figure.start])
        per = figure.per
        if per is not None and figure.per_amount != 1:
            per = f"{_format_value(figure.per_amount).replace(',', '')} {per}"
        value = -figure.value if figure.sign < 0 else figure.value
        first, last = min(span[0] for span in spans), max(span[1] for span in spans)
        metric = Metric(
            text[first:last], value, unit, per, percentile, label, figure.bound,
            figure.high, figure.sign != 0,
        )
        found.append(_Found(metric, figure.start, spans, clause, figure.modifiers))
    return found


def _nearest(
    start: int, end: int, spans: list[tuple[int, int, str]], clause: tuple[int, int]
) -> tuple[int, int, str] | None:
    """The statistic in the figure's clause closest to it."""
    left, right = clause
    best: tuple[int, tuple[int, int, str]] | None = None
    for span in spans:
        if span[0] < left or span[1] > right:
            continue
        if span[1] <= start:
            distance = start - span[1]
        elif span[0] >= end:
            distance = span[0] - end
        else:
            continue
        if best is None or distance < best[0]:
            best = (distance, span)
    return None if best is None else best[1]


_FIGURE_STOP_RE = re.compile(r"\d+(?:[.,]\d+)*|(?<![\w.])[pP]\d")
_WORD_RE = re.compile(r"[^\W\d_][\w@.%-]*")


def _label_near(
    text: str, spans: list[tuple[int, int]], clause: tuple[int, int], modifiers: list[str]
) -> str:
    """The words between the figure's parts ("p99 latency of 87 ms"), else those right
    after it in its clause, else those right before it."""
    left, right = clause
    start, end = min(span[0] for span in spans), max(span[1] for span in spans)
    inside = _blank(text[start:end], spans, start)
    after = text[end:max(end, right)]
    before = text[min(left, start):start]
    found: list[str] = list(modifiers)
    for fragment, from_end in ((inside, False), (after, False), (before, True)):
        label = _label_words(fragment, from_end=from_end)
        if label:
            found += label
            break
    return " ".join(dict.fromkeys(found))


def _blank(fragment: str, spans: list[tuple[int, int]], offset: int) -> str:
    """`fragment` (which starts at `offset`) with the spans blanked out, once each."""
    merged: list[list[int]] = []
    for span_start, span_end in sorted(spans):
        begin, finish = max(span_start - offset, 0), min(span_end - offset, len(fragment))
        if begin >= finish:
            continue
        if merged and begin <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], finish)
        else:
            merged.append([begin, finish])
    for begin, finish in reversed(merged):
        fragment = fragment[:begin] + " " + fragment[finish:]
    return fragment


def _label_words(fragment: str, *, from_end: bool) -> list[str]:
    """Up to three words of `fragment` that touch the figure, not crossing another number."""
    pieces = _FIGURE_STOP_RE.split(fragment)
    piece = pieces[-1] if from_end else pieces[0]
    found = [word.rstrip(".-") for word in _WORD_RE.findall(piece)]
    found = _trim_words(found)
    return found[-3:] if from_end else found[:3]


def _trim_words(found: list[str]) -> list[str]:
    def idle(word: str) -> bool:
        return word.lower() in words.NOT_UNITS or not any(c.isalnum() for c in word)

    while found and idle(found[0]):
        found.pop(0)
    while found and idle(found[-1]):
        found.pop()
    return found


def _counted_in_name(before: str) -> str:
    """The counted thing named right before a figure, in a table cell or before a colon."""
    before = before.rstrip(" *_")
    if not before.endswith(("|", ":")):
        return ""
    name = before[:-1].rsplit("|", 1)[-1]
    for word in reversed(_WORD_RE.findall(name.lower())):
        if word in words.COUNTED:
            return words.COUNTED[word]
    return ""


# --- public reading --------------------------------------------------------------------------


def parse_metric(text: str) -> Metric:
    """The first figure in `text`, its label being all the other words."""
    found = _read(text, labels=False)
    if not found:
        raise MetricError(_no_number_message(text))
    metric, spans = found[0].metric, found[0].spans
    rest = _blank(text, spans, 0)
    label_words = [
        word for word in rest.split()
        if word.lower().strip(",.;:()") not in ("+", "-", "~", "|")
    ]
    label = " ".join(_trim_words(label_words)).strip(" ,;:()")
    return metric._replace(text=text, label=label)


def parse_figure(text: str) -> Metric | None:
    """The first figure in `text` (with the label parse_metric gives it), or None."""
    try:
        return parse_metric(text)
    except MetricError:
        return None


def find_metrics(text: str) -> list[Metric]:
    """Every figure mentioned in a line or paragraph of prose, in order."""
    return [found.metric for found in _read(text, labels=True)]


def metric_in_text(metric: Metric, text: str) -> bool:
    """Is this headline figure mentioned in `text`, in any spelling?"""
    return any(metric.same_figure(theirs) for theirs in find_metrics(text))


def _no_number_message(text: str) -> str:
    examples = ", ".join(f"'{example}'" for example in GOOD_METRIC_EXAMPLES)
    shown = text.strip() or "(empty)"
    return (
        f"'{shown}' has no number, so it is not a metric (a percentile such as p99 or a "
        f"name such as NDCG@10 does not count): write the figure with its unit, e.g. {examples}."
    )


# --- comparing -------------------------------------------------------------------------------


class _Comparable(NamedTuple):
    value: float  # in the base unit of its dimension, per one base per-unit
    high: float | None
    unit: str  # the dimension, or the unit itself
    per: str  # the per-unit's dimension, or the per-unit itself
    percentile: str
    bound: str
    signed: bool
    measure: str | None


def _comparable(metric: Metric) -> _Comparable:
    return _comparable_cached(metric.value, metric.unit, metric.per, metric.percentile,
                              metric.bound, metric.high, metric.signed, metric.label)


@functools.lru_cache(maxsize=4096)
def _comparable_cached(
    value: float, unit: str, per: str | None, percentile: str | None, bound: str | None,
    high: float | None, signed: bool, label: str,
) -> _Comparable:
    dimension, size = _unit_size(unit)
    per_key, per_size = "", 1.0
    if per:
        amount_text, _, per_name = per.rpartition(" ")
        amount = float(amount_text) if amount_text else 1.0
        per_dimension, per_unit_size = _unit_size(per_name)
        per_key, per_size = per_dimension, per_unit_size * amount
    scale = size / per_size
    return _Comparable(
        value * scale, None if high is None else high * scale, dimension, per_key,
        percentile or "", bound or "", signed, measure_of(label),
    )


def _unit_size(unit: str) -> tuple[str, float]:
    if unit in words.CASE_SENSITIVE_UNITS:
        _, dimension, size = words.CASE_SENSITIVE_UNITS[unit]
        return str(dimension), size
    known = words.UNITS.get(unit.lower())
    if unit == "m":
        return "length", 1.0
    if known is not None and known[1] is not None:
        return known[1], known[2]
    if known is not None:
        return known[0], 1.0
    return _singular(unit.lower()), 1.0


@functools.lru_cache(maxsize=1024)
def measure_of(label: str) -> str | None:
    """The thing a label names ("p99 search latency" -> "latency"), through synonyms."""
    found = re.findall(r"[a-z0-9][a-z0-9@-]*", label.lower())
    for length in range(words.MEASURE_MAX_WORDS, 0, -1):
        for first in range(len(found) - length + 1):
            measure = words.MEASURES.get(" ".join(found[first : first + length]))
            if measure is not None:
                return measure
    return None


def _close(first: float, second: float) -> bool:
    return math.isclose(first, second, rel_tol=1e-9, abs_tol=1e-15)


def _same(mine: _Comparable, theirs: _Comparable) -> bool:
    if mine[2:6] != theirs[2:6]:
        return False
    if mine.signed and theirs.signed:
        values_agree = _close(mine.value, theirs.value)
    else:
        values_agree = _close(abs(mine.value), abs(theirs.value))
    if not values_agree:
        return False
    if (mine.high is None) != (theirs.high is None) or (
        mine.high is not None and theirs.high is not None and not _close(mine.high, theirs.high)
    ):
        return False
    return mine.measure is None or theirs.measure is None or mine.measure == theirs.measure


def comparer(wanted: Metric) -> Callable[[Metric], tuple[bool, bool]]:
    """A test of figures against `wanted`, its side worked out once: (same figure, near
    miss) for each figure it is given."""
    mine = _comparable(wanted)
    value = abs(mine.value)

    def compare(found: Metric) -> tuple[bool, bool]:
        if not _close(value, abs(found.value) * _unit_size(found.unit)[1]) and not found.per:
            return False, False  # most figures: another number altogether
        theirs = _comparable(found)
        near = (
            mine.unit == theirs.unit or (_is_counted(mine.unit) and _is_counted(theirs.unit))
        ) and _close(value, abs(theirs.value))
        return _same(mine, theirs), near

    return compare


def _is_counted(unit: str) -> bool:
    """A unit that is a thing counted ("vector", "request"), not a measure."""
    return bool(unit) and unit.lower() not in words.UNITS and unit not in (
        "time", "calendar", "bytes", "bits", "length"
    )


# --- where to look ---------------------------------------------------------------------------


def significant_digits(value: float) -> str:
    """2.1e9 -> "21", 0.0012 -> "12", 87.0 -> "87" ("" for zero and oddities)."""
    text = f"{abs(value):.12g}"
    mantissa = text.partition("e")[0].replace(".", "")
    digits = mantissa.strip("0") if mantissa.isdigit() else ""
    return digits if 0 < len(digits) <= 12 else ""


_PER_SIZES = {
    "time": [size for _, size in words.DIMENSION_UNITS["time"] if size >= 1],
    "calendar": [1.0, 3.0, 12.0],
}
_COUNT_SIZES = [1.0, 1e3, 1e6, 1e9]  # "$1.20 per 1K queries"
_WRITTEN_DIGITS = 4


def digit_spellings(metric: Metric) -> frozenset[str]:
    """The significant digits the metric's number has in every unit of its dimension
    (and per every per-unit of the per's): "2 weeks" -> {"2", "14", "336", ...}. A text
    that holds none of them cannot state the metric."""
    comparable = _comparable(metric)
    unit_sizes = [size for _, size in words.DIMENSION_UNITS.get(comparable.unit, [])] or [1.0]
    if comparable.per in _PER_SIZES:
        per_sizes = _PER_SIZES[comparable.per]
    elif comparable.per:
        per_sizes = _COUNT_SIZES
    else:
        per_sizes = [1.0]
    spellings = {significant_digits(abs(metric.value))}  # as the metric writes it
    for unit_size in unit_sizes:
        for per_size in per_sizes:
            amount = abs(comparable.value) * per_size / unit_size
            digits = significant_digits(amount)
            # a figure someone would write: a few significant digits, not 0.00145 minutes
            if digits and len(digits) <= _WRITTEN_DIGITS and 1e-4 <= amount < 1e13:
                spellings.add(digits)
            if comparable.unit == "time" and amount >= 1:
                # the first part of a duration in parts: "4 hours 42 minutes"
                spellings.add(significant_digits(float(math.floor(amount))))
    spellings.discard("")
    return frozenset(spellings)


def _format_value(value: float) -> str:
    return format(value, ",.12g")
