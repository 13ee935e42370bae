"""Putting each figure of a text together from the tokens around its number: what comes
before the number (currency, sign, bound, "between"), its scale ("2.1B", "8.4 billion") and
the top of a range ("50-100ms"). What comes after the number is read in `units`.

A lower-case "m" after a number is a million only when a counted thing follows ("1m users",
"5m vectors") and no time word comes before ("for 10m pages the on-call" is ten minutes);
with a length word after it ("50m range") it is metres; otherwise it is minutes ("every
5m", "for: 1m"). An upper-case "M" is always a million, and so is "m" after a currency
("$5m").
"""

from __future__ import annotations

from casestudy.format import metric_words as words
from casestudy.format.metrics import units
from casestudy.format.metrics.tokens import Phrases, Tokens, scaled

# The words before a number that make it approximate ("about 2 ms" is 2 ms) or a bound.
_BEFORE_NUMBER = Phrases({
    "~": words.APPROXIMATE_WORDS, "<": words.UPPER_BOUND_WORDS, ">": words.LOWER_BOUND_WORDS,
})


class Draft:
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

    def take(self, tokens: Tokens, index: int) -> None:
        """The figure reaches to token `index`."""
        self.last = index
        self.end = tokens.ends[index]


def read_figures(tokens: Tokens) -> list[Draft]:
    """Every figure of the text, in order."""
    found = []
    index = 0
    while index < tokens.count:
        if tokens.numbers[index] and index not in tokens.taken and not _in_a_name(tokens, index):
            figure = _figure(tokens, index)
            found.append(figure)
            index = figure.last + 1
        else:
            index += 1
    return found


def _in_a_name(tokens: Tokens, index: int) -> bool:
    """H100, GPT-4, system_21, NDCG@10, #3: digits that name, not count."""
    if not tokens.glued[index]:
        return False
    if tokens.words[index - 1] or tokens.symbols[index - 1] in ("_", "@", "#"):
        return True
    if tokens.symbols[index - 1] in ("-", ".") and tokens.glued[index - 1]:
        return tokens.words[index - 2] != "" and tokens.words[index - 2] != "sub"
    return False


def _figure(tokens: Tokens, index: int) -> Draft:
    figure = Draft(index, tokens.number(index), tokens.starts[index], tokens.ends[index])
    _read_prefix(tokens, figure)
    _read_scale(tokens, figure)
    _read_range(tokens, figure)
    _read_plus(tokens, figure)
    if figure.unit_from != -1:
        # the unit of "87ms" in "from 120 to 87ms" is read by its own figure, then borrowed
        shared = _figure(tokens, figure.unit_from)
        if shared.unit and not figure.currency:
            figure.unit, figure.dimension, figure.size = shared.unit, shared.dimension, (
                shared.size
            )
    else:
        units.read_unit(tokens, figure)
    if figure.dimension == "time":
        units.read_duration_parts(tokens, figure)
    units.read_per(tokens, figure)
    units.read_suffix(tokens, figure)
    return figure


def _read_prefix(tokens: Tokens, figure: Draft) -> None:
    """Currency, sign, bound and "between" before the number."""
    index = figure.first
    before = index - 1
    symbol = tokens.symbols[before]
    if symbol in words.CURRENCY_SYMBOLS and tokens.near[index]:
        figure.currency = words.CURRENCY_SYMBOLS[symbol]
        figure.start = tokens.starts[before]
        before -= 1
        symbol = tokens.symbols[before]
    elif tokens.words[before] in words.CURRENCY_CODES and tokens.near[index]:
        figure.currency = words.CURRENCY_CODES[tokens.words[before]]
        figure.start = tokens.starts[before]
        before -= 1
        symbol = tokens.symbols[before]
    if symbol in ("-", "\u2212", "+") and tokens.glued[before + 1] and (
        before == 0 or not tokens.glued[before] or tokens.symbols[before - 1] in ("(", "|", ":")
    ):
        figure.sign = 1 if symbol == "+" else -1
        figure.start = tokens.starts[before]
        before -= 1
        symbol = tokens.symbols[before]
    if symbol in ("~", "\u2248"):
        figure.start = tokens.starts[before]
        return
    length, meaning = tokens.phrase_before(before + 1, _BEFORE_NUMBER)
    if length:
        # a phrase is words, so no symbol before the number is read below
        if meaning != "~":
            figure.bound = meaning
        figure.used.append((tokens.starts[before + 1 - length], tokens.ends[before]))
        return
    if symbol == "=" and tokens.symbols[before - 1] in ("<", ">") and tokens.glued[before]:
        symbol = tokens.symbols[before - 1] + "="
        before -= 1
    if symbol in words.BOUND_SYMBOLS:
        figure.bound = words.BOUND_SYMBOLS[symbol]
        figure.start = tokens.starts[before]
        return
    if symbol == "-" and tokens.words[before - 1] == "sub" and tokens.glued[before]:
        figure.bound = "<"
        figure.start = tokens.starts[before - 1]
        return
    if tokens.words[before] == "between" and tokens.near[before + 1]:
        figure.used.append((tokens.starts[before], tokens.ends[before]))
        figure.between = True


def _read_scale(tokens: Tokens, figure: Draft, *, high: bool = False) -> None:
    index = figure.last + 1
    if tokens.symbols[index] == "+" and tokens.glued[index] and tokens.words[index + 1] in (
        words.SCALE_WORDS
    ):
        figure.bound = ">"
        index += 1
    word = tokens.words[index]
    if not word:
        return
    raw = tokens.texts[index]
    factor = 0
    if tokens.glued[index] and word in words.SCALE_LETTERS:
        if word in ("m", "mm") and raw.islower() and not figure.currency and (
            not _counted_follows(tokens, index + 1)
            or tokens.words[figure.first - 1] in words.TIME_CONTEXT
            or tokens.symbols[figure.first - 1] == ":"
        ):
            return  # minutes or metres: a unit, read next
        factor = words.SCALE_LETTERS[word]
    elif tokens.near[index] and raw in ("K", "M", "B", "T", "Bn", "MM", "bn", "mn"):
        factor = words.SCALE_LETTERS[word]
    elif tokens.near[index] and word in words.SCALE_WORDS:
        factor = words.SCALE_WORDS[word]
    if factor:
        if high:
            figure.high = scaled(figure.high or 0.0, factor)
        else:
            figure.value = scaled(figure.value, factor)
            if figure.high is not None:
                figure.high = scaled(figure.high, factor)
        figure.take(tokens, index)


def _counted_follows(tokens: Tokens, index: int) -> bool:
    if tokens.symbols[index] == "+":
        index += 1
    for ahead in range(index, index + 3):
        if tokens.words[ahead] in words.COUNTED:
            return True
        if not tokens.words[ahead] or tokens.words[ahead] in words.NOT_UNITS:
            return False
    return False


def _read_range(tokens: Tokens, figure: Draft) -> None:
    """"50-100ms", "2-3B", "between 50 and 100 ms": the top of the range, which gives
    the bottom its scale and unit; "from 120 to 87ms": the 120 takes the unit only."""
    index = figure.last + 1
    joiner = tokens.symbols[index]
    word = tokens.words[index]
    if not (
        (joiner in ("-", "\u2013", "\u2014") and tokens.near[index])
        or (word == "and" and figure.between)
        or word == "to"
    ):
        return
    number = index + 1
    if not tokens.numbers[number] or not tokens.near[number]:
        return
    if word == "to" and tokens.words[figure.first - 1] == "from":
        # "from 120 to 87ms": a change, not a range; the 120 shares the unit
        figure.unit_from = number
        return
    figure.high = tokens.number(number)
    scaled_before = figure.end != tokens.ends[figure.first]
    figure.take(tokens, number)
    if not scaled_before:
        low = figure.value
        _read_scale(tokens, figure, high=True)
        if figure.high is not None and figure.end != tokens.ends[number]:
            factor = figure.high / tokens.number(number)
            figure.value = scaled(low, round(factor)) if factor >= 1 else low
    else:
        _read_scale(tokens, figure, high=True)


def _read_plus(tokens: Tokens, figure: Draft) -> None:
    index = figure.last + 1
    if tokens.symbols[index] == "+" and tokens.glued[index]:
        figure.bound = ">"
        figure.take(tokens, index)
