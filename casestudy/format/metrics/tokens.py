"""A text as tokens (numbers, words, symbols), its statistics, and its clauses.

The tokens are kept as parallel lists indexed by token, so that a look-up around a place
("the word after this number") is one index into one list.
"""

from __future__ import annotations

import bisect
import itertools
import re

from casestudy.format import metric_words as words

_NUMBER, _WORD, _SYMBOL = 0, 1, 2
_TOKEN_RE = re.compile(
    r"(?P<n>\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?)(?P<version>(?:\.\d+)+)?"
    r"|(?P<w>[^\W\d_]+(?:@\d+)?)"
    r"|(?P<s>[^\w\s])"
)
# "2.1.3" is a version: a word, not a figure
_TOKEN_KINDS = {"n": _NUMBER, "version": _WORD, "w": _WORD, "s": _SYMBOL}

# Between two tokens read as one phrase: nothing, or one space of any kind but a newline.
_NEAR_GAPS = frozenset(("", " ", "\t", "\u00a0", "\u202f"))


class Phrases:
    """Phrases of a few words, looked up by their last or first word: most words start
    or end none, and are passed over at the cost of one dictionary look-up."""

    def __init__(self, phrases: tuple[str, ...]) -> None:
        self.by_last: dict[str, list[list[str]]] = {}
        self.by_first: dict[str, list[list[str]]] = {}
        for phrase in sorted(phrases, key=lambda phrase: -len(phrase.split())):
            parts = phrase.split()
            self.by_last.setdefault(parts[-1], []).append(parts)
            self.by_first.setdefault(parts[0], []).append(parts)


def scaled(value: float, factor: int) -> float:
    """value * 10**k, rounded as the decimal would be ("4.5e9", not 4.5 * 1e9)."""
    return float(f"{value!r}e{len(str(factor)) - 1}") if factor != 1 else value


class Tokens:
    """The tokens of one text. Beside each token's text and span: its lower-case text if it
    is a word, its text if it is a symbol or a number ("" otherwise, so that a look-up is one
    index), and the text between it and the token before."""

    def __init__(self, text: str) -> None:
        self.text = text
        matches = list(_TOKEN_RE.finditer(text))
        kinds = [_TOKEN_KINDS[match.lastgroup] for match in matches]  # type: ignore[index]
        self.texts = [match.group() for match in matches]
        spans = [match.span() for match in matches]
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]
        self.numbers = [
            value if kind == _NUMBER else "" for kind, value in zip(kinds, self.texts, strict=True)
        ]
        self.words = [
            value.lower() if kind == _WORD else ""
            for kind, value in zip(kinds, self.texts, strict=True)
        ]
        self.symbols = [
            value if kind == _SYMBOL else "" for kind, value in zip(kinds, self.texts, strict=True)
        ]
        self.gaps = [""] + [
            text[before[1] : after[0]] for before, after in itertools.pairwise(spans)
        ]
        self.count = len(self.texts)
        self.statistics: list[tuple[int, int, str]] = []  # (start, end, "p99")
        self.taken: set[int] = set()  # token indexes that are a statistic's
        self.at_k_names = [
            (start, end, word)
            for start, end, word in zip(self.starts, self.ends, self.words, strict=True)
            if "@" in word
        ] if "@" in text else []  # (start, end, "ndcg@10")
        self._find_statistics()
        self._clauses: Clauses | None = None

    @property
    def clauses(self) -> Clauses:
        if self._clauses is None:
            self._clauses = Clauses(self.text)
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

    def is_number(self, index: int) -> bool:
        return 0 <= index < self.count and self.numbers[index] != ""

    def number(self, index: int) -> float:
        """The value of the number token `index`: "12,500" -> 12500.0."""
        return float(self.numbers[index].replace(",", ""))

    def phrase_before(self, index: int, phrases: Phrases) -> int:
        """How many tokens before `index` spell one of `phrases` ("less than"), or 0."""
        for parts in phrases.by_last.get(self.word(index - 1), ()):
            first = index - len(parts)
            if first >= 0 and all(
                self.word(first + offset) == part and self.near(first + offset + 1)
                for offset, part in enumerate(parts)
            ):
                return len(parts)
        return 0

    def phrase_after(self, index: int, phrases: Phrases) -> int:
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
        lower = self.words
        for index in range(self.count):
            if lower[index]:
                if lower[index] in words.STATISTIC_WORDS:
                    self.statistics.append(
                        (self.starts[index], self.ends[index], words.STATISTIC_WORDS[lower[index]])
                    )
                elif lower[index] in ("p", "tp") and self.is_number(index + 1) and (
                    self.glued(index + 1)
                    and not (self.glued(index) and not self.symbols[index - 1])
                    and (index + 2 >= self.count or not self.glued(index + 2)
                         or self.symbols[index + 2])
                ):
                    # "p999" is the 99.9th percentile, "p9999" the 99.99th
                    name = self.numbers[index + 1]
                    if len(name) >= 3 and name.strip("9") == "" and "." not in name:
                        name = "99." + name[2:]
                    self.statistics.append((self.starts[index], self.ends[index + 1], "p" + name))
                    self.taken.add(index + 1)
            elif self.numbers[index] and self.word(index + 1) in ("th", "st", "nd", "rd") and (
                self.glued(index + 1)
            ):
                after = index + 2
                if self.symbol(after) == "-":
                    after += 1
                if self.word(after) == "percentile":
                    self.statistics.append(
                        (self.starts[index], self.ends[after], "p" + self.numbers[index])
                    )
                self.taken.add(index)


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


class Clauses:
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
