"""A text as tokens (numbers, words, symbols), its statistics, and its clauses.

The tokens are kept as parallel lists indexed by token, so that a look-up around a place
("the word after this number") is one index into one list.
"""

from __future__ import annotations

import bisect
import itertools
import re

from casestudy.format import metric_words as words

# One match per token: the gap before it, the token, and the token as a word, a number
# (with the rest of a version: "2.1.3" is a word, not a figure) or a symbol (words first:
# most tokens are). Between tokens there is only what no token holds (white space and "_"),
# so gaps and tokens, end to end, are the text. The end of the text matches without a token.
_TOKEN_RE = re.compile(
    r"([\s_]*)"
    r"(?:(([^\W\d_]+(?:@\d+)?)"
    r"|(\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?)((?:\.\d+)+)?"
    r"|([^\w\s]))|\Z)"
)
# The words a statistic is spelled with: "median", "p" of "p99", "th" of "99th percentile".
_STATISTIC_CUES = frozenset((*words.STATISTIC_WORDS, "p", "tp", "th", "st", "nd", "rd"))
_ORDINALS = ("th", "st", "nd", "rd")

# Between two tokens read as one phrase: nothing, or one space of any kind but a newline.
_NEAR_GAPS = frozenset(("", " ", "\t", "\u00a0", "\u202f"))
# The reader looks a few tokens past a number or a word and stops at the first blank; this
# many blanks after the last token leave room to spare.
_MARGIN = 8
_BLANKS = ("",) * _MARGIN
_NOES = (False,) * _MARGIN


class Phrases:
    """Phrases of a few words, each with what it means, looked up by their last or first
    word: most words start or end none, and are passed over at the cost of one dictionary
    look-up. Where phrases share a word, the meaning given first wins, then the longer
    phrase."""

    def __init__(self, meanings: dict[str, tuple[str, ...]]) -> None:
        self.by_last: dict[str, list[tuple[list[str], str]]] = {}
        self.by_first: dict[str, list[tuple[list[str], str]]] = {}
        for meaning, phrases in meanings.items():
            for phrase in sorted(phrases, key=lambda phrase: -len(phrase.split())):
                parts = phrase.split()
                self.by_last.setdefault(parts[-1], []).append((parts, meaning))
                self.by_first.setdefault(parts[0], []).append((parts, meaning))


def scaled(value: float, factor: int) -> float:
    """value * 10**k, rounded as the decimal would be ("4.5e9", not 4.5 * 1e9)."""
    return float(f"{value!r}e{len(str(factor)) - 1}") if factor != 1 else value


class Tokens:
    """The tokens of one text, as columns: each token's text and span; its lower-case text
    if it is a word, its text if it is a number or a symbol ("" otherwise); whether it is
    glued to the token before, and whether it is near it (on the same line, at most a space
    apart). Each column but the spans ends in `_MARGIN` blank entries, so that a look-up a
    few tokens past either end (a negative index wraps round to them) reads a blank, with no
    bounds to check."""

    def __init__(self, text: str) -> None:
        self.text = text
        found = _TOKEN_RE.findall(text)
        found.pop()  # the empty match at the end of the text
        if found and not found[-1][1]:
            found.pop()  # the gap after the last token
        columns = list(zip(*found, strict=True)) or [(), (), (), (), (), ()]
        gaps, self.texts, words, numbers, versions, symbols = columns
        self.count = len(self.texts)
        self.words: list[str] = [*map(str.lower, words), *_BLANKS]
        self.numbers: list[str] = [*numbers, *_BLANKS]
        self.symbols: tuple[str, ...] = (*symbols, *_BLANKS)
        # the first token follows none
        self.glued = [False, *[gap == "" for gap in gaps[1:]], *_NOES]
        self.near = [False, *[gap in _NEAR_GAPS for gap in gaps[1:]], *_NOES]
        # each token's start and end: the lengths of gaps and tokens, added up in turn
        edges = list(itertools.accumulate(
            map(len, itertools.chain.from_iterable(zip(gaps, self.texts, strict=True)))
        ))
        self.starts, self.ends = edges[0::2], edges[1::2]
        if any(versions):
            for index, version in enumerate(versions):
                if version:  # "2.1.3" is a version: a word, not a figure
                    self.numbers[index] = ""
                    self.words[index] = self.texts[index].lower()
        self.statistics: list[tuple[int, int, str]] = []  # (start, end, "p99")
        self.taken: set[int] = set()  # token indexes that are a statistic's
        if not _STATISTIC_CUES.isdisjoint(self.words):
            self._find_statistics()
        self.at_k_names = [
            (start, end, word)
            for start, end, word in zip(self.starts, self.ends, self.words, strict=False)
            if "@" in word
        ] if "@" in text else []  # (start, end, "ndcg@10")
        self._clauses: Clauses | None = None

    @property
    def clauses(self) -> Clauses:
        if self._clauses is None:
            self._clauses = Clauses(self.text)
        return self._clauses

    # -- tokens around a place

    def number(self, index: int) -> float:
        """The value of the number token `index`: "12,500" -> 12500.0."""
        return float(self.numbers[index].replace(",", ""))

    def phrase_before(self, index: int, phrases: Phrases) -> tuple[int, str]:
        """The phrase ("less than") that ends right before token `index`: how many tokens
        it takes and what it means, or (0, "")."""
        for parts, meaning in phrases.by_last.get(self.words[index - 1], ()):
            first = index - len(parts)
            if first >= 0 and self._spells(first, parts) and self.near[index]:
                return len(parts), meaning
        return 0, ""

    def phrase_after(self, index: int, phrases: Phrases) -> tuple[int, str]:
        """The phrase that starts at token `index`: how many tokens it takes and what it
        means, or (0, "")."""
        for parts, meaning in phrases.by_first.get(self.words[index], ()):
            if self.near[index] and self._spells(index, parts):
                return len(parts), meaning
        return 0, ""

    def _spells(self, first: int, parts: list[str]) -> bool:
        """The words from token `first` on are `parts`, each near the one before."""
        end = first + len(parts)
        return self.words[first:end] == parts and all(self.near[first + 1 : end])

    # -- statistics: p99, P99.9, 99th percentile, median, average

    def _find_statistics(self) -> None:
        for index, word in enumerate(self.words):
            if word not in _STATISTIC_CUES:
                continue
            if word in words.STATISTIC_WORDS:
                self.statistics.append(
                    (self.starts[index], self.ends[index], words.STATISTIC_WORDS[word])
                )
            elif word in ("p", "tp") and self.numbers[index + 1] and (
                self.glued[index + 1]
                and not (self.glued[index] and not self.symbols[index - 1])
                and (index + 2 >= self.count or not self.glued[index + 2]
                     or self.symbols[index + 2])
            ):
                # "p999" is the 99.9th percentile, "p9999" the 99.99th
                name = self.numbers[index + 1]
                if len(name) >= 3 and name.strip("9") == "" and "." not in name:
                    name = "99." + name[2:]
                self.statistics.append((self.starts[index], self.ends[index + 1], "p" + name))
                self.taken.add(index + 1)
            elif word in _ORDINALS and self.numbers[index - 1] and self.glued[index]:
                number = index - 1
                after = index + 1
                if self.symbols[after] == "-":
                    after += 1
                if self.words[after] == "percentile":
                    self.statistics.append(
                        (self.starts[number], self.ends[after], "p" + self.numbers[number])
                    )
                self.taken.add(number)


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
