"""What follows a figure's number: its unit or the thing it counts ("8.4B search
queries"), the rest of a duration ("4 hours 42 minutes"), its per-unit ("/month", "per 1K
queries", "daily") and bounds or directions written after it ("or less", "40% lower")."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from casestudy.format import metric_words as words
from casestudy.format.metrics.tokens import Phrases, Tokens, scaled

if TYPE_CHECKING:
    from casestudy.format.metrics.reading import Draft

_PERCENT_PHRASES = Phrases({"%": ("per cent",), "pp": ("percentage points", "percentage point")})
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


def read_unit(tokens: Tokens, figure: Draft) -> None:
    index = figure.last + 1
    if figure.currency:
        figure.unit = figure.currency
        if tokens.words[index] in words.CURRENCY_CODES and tokens.near[index]:
            figure.take(tokens, index)
        return
    symbol = tokens.symbols[index]
    if symbol and not tokens.near[index]:
        return
    if symbol == "%":
        figure.unit = "%"
        figure.take(tokens, index)
        return
    if symbol == "\u00d7":
        figure.unit = "x"
        figure.take(tokens, index)
        return
    if symbol in words.CURRENCY_SYMBOLS:
        figure.unit = words.CURRENCY_SYMBOLS[symbol]
        figure.take(tokens, index)
        return
    if symbol == "-" and tokens.glued[index] and tokens.glued[index + 1]:
        # "6-hour outage", "4-fold", "1536-dim vectors"
        word = tokens.words[index + 1]
        unit = words.UNITS.get(word)
        if word == "fold":
            figure.unit = "x"
        elif unit is not None and unit[1] is not None:
            figure.unit, figure.dimension, figure.size = unit
        elif word in words.COUNTED:
            figure.unit = words.COUNTED[word]
        else:
            return
        figure.take(tokens, index + 1)
        return
    word = tokens.words[index]
    if not word or not tokens.near[index]:
        return
    if tokens.numbers[index + 1] and (
        tokens.glued[index + 1] and word not in words.UNITS and word not in ("m", "d")
    ):
        return  # "0.91 F1 score": the word names something, with its number
    raw = tokens.texts[index]
    glued = tokens.glued[index]
    length, percent = tokens.phrase_after(index, _PERCENT_PHRASES)
    if length:
        figure.unit = percent
        figure.take(tokens, index + length - 1)
        return
    if word == "x" and (glued or raw == "x"):
        figure.unit = "x"
        figure.take(tokens, index)
        return
    rate = words.RATE_WORDS.get(word)
    if rate:
        figure.unit, figure.per = rate
        figure.per_dimension, figure.per_size = "time", words.UNITS[rate[1]][2]
        figure.take(tokens, index)
        return
    unit = None
    if raw in words.CASE_SENSITIVE_UNITS:
        unit = words.CASE_SENSITIVE_UNITS[raw]
    elif word in ("m", "mm") and raw.islower():
        unit = _m_unit(tokens, index, word)
    elif glued and word in words.GLUED_ONLY_UNITS:
        unit = words.GLUED_ONLY_UNITS[word]
    elif word in words.UNITS:
        unit = words.UNITS[word]
    if unit is not None:
        figure.unit, figure.dimension, figure.size = unit
        if figure.dimension is None and figure.unit in ("$", "€", "£"):
            figure.currency = figure.unit
        figure.take(tokens, index)
        return
    _read_counted(tokens, figure, index)


def _m_unit(tokens: Tokens, index: int, word: str) -> tuple[str, str | None, float]:
    """A lower-case "m" that is no million: metres before a length word, else minutes."""
    if word == "mm":
        return ("mm", "length", 1e-3)
    if tokens.words[index + 1] in words.LENGTH_CONTEXT:
        return ("m", "length", 1.0)
    return ("min", "time", 60.0)


def _read_counted(tokens: Tokens, figure: Draft, index: int) -> None:
    """The thing counted, maybe a few words on: "8.4B search queries", "5M daily
    active users" (the last of a run of counted nouns is the head: "search queries"
    counts queries); else the first word, unless it is one that never counts."""
    counted, head, head_start = -1, "", -1
    for ahead in range(index, index + 4):
        word = tokens.words[ahead]
        if not word or (ahead > index and not tokens.near[ahead]):
            break
        pair = f"{word} {tokens.words[ahead + 1]}"
        if pair in words.COUNTED and tokens.near[ahead + 1]:
            counted, head, head_start = ahead + 1, words.COUNTED[pair], ahead
            break
        if word in words.COUNTED:
            counted, head, head_start = ahead, words.COUNTED[word], ahead
            continue
        if counted != -1:
            break
        if word in words.PER_ADVERBS:
            following = tokens.words[ahead + 1]
            if following in words.NOT_A_RATE_AFTER or following in words.COUNTED:
                continue  # "daily active users", "20M daily predictions"
            break
        if word in words.NOT_UNITS or word in words.MEASURES or word in _NEVER_UNITS:
            break
    if counted != -1:
        figure.unit = head
        _take_modifiers(tokens, figure, index, head_start)
        figure.take(tokens, counted)
        return
    word = tokens.words[index]
    if word in words.NOT_UNITS or word in words.MEASURES or word in _NEVER_UNITS:
        return
    if word in words.PER_ADVERBS or word in words.SCALE_WORDS or "@" in word:
        return
    figure.unit = singular(word)
    figure.take(tokens, index)


def _take_modifiers(tokens: Tokens, figure: Draft, first: int, counted: int) -> None:
    for index in range(first, counted):
        word = tokens.words[index]
        if word in words.PER_ADVERBS and tokens.words[index + 1] not in words.NOT_A_RATE_AFTER:
            figure.per = words.PER_ADVERBS[word]
            figure.per_dimension, figure.per_size = _per_dimension(figure.per)
        elif word:
            figure.modifiers.append(tokens.texts[index])


def read_duration_parts(tokens: Tokens, figure: Draft) -> None:
    """"4 hours 42 minutes", "1h30m", "2 days, 3 hours": one duration."""
    while True:
        index = figure.last + 1
        if tokens.symbols[index] == "," or tokens.words[index] == "and":
            index += 1
        if not tokens.numbers[index] or not tokens.near[index]:
            return
        unit_index = index + 1
        word = tokens.words[unit_index]
        raw = tokens.texts[unit_index] if unit_index < tokens.count else ""
        if not tokens.near[unit_index]:
            return
        unit: tuple[str, str | None, float] | None
        if word == "m" and raw == "m":
            unit = ("min", "time", 60.0)
        elif tokens.glued[unit_index] and word in words.GLUED_ONLY_UNITS:
            unit = words.GLUED_ONLY_UNITS[word]
        else:
            unit = words.UNITS.get(word) if word else None
        if unit is None or unit[1] != "time" or unit[2] >= figure.size:
            return
        part = tokens.number(index)
        figure.value = (figure.value * figure.size + part * unit[2]) / unit[2]
        figure.unit, figure.size = unit[0], unit[2]
        figure.take(tokens, unit_index)


def read_per(tokens: Tokens, figure: Draft) -> None:
    """"/month", "per 1K queries", "a month", "daily", "per second": the per-unit,
    maybe after a label word or two ("$2.1M savings per year")."""
    if figure.per is not None:
        return
    index = figure.last + 1
    for skipped in range(3):
        found = _per_at(tokens, figure, index)
        if found:
            return
        word = tokens.words[index]
        if (
            skipped == 2 or not word or not tokens.near[index]
            or (word in words.NOT_UNITS and word != "of")
        ):
            return
        counted = figure.unit and figure.dimension is None and (
            figure.unit not in ("$", "€", "£", "%", "x")
        )
        if counted and word not in words.PER_ADVERBS and word not in words.PER_ARTICLES:
            return  # a counted thing's rate comes right after it
        index += 1


def _per_at(tokens: Tokens, figure: Draft, index: int) -> bool:
    symbol = tokens.symbols[index]
    word = tokens.words[index]
    if (symbol == "/" or word == "per") and tokens.near[index] and tokens.near[index + 1]:
        at = index + 1
        amount = 1.0
        if tokens.numbers[at]:
            amount = tokens.number(at)
            at += 1
            scale = tokens.words[at]
            if scale in words.SCALE_LETTERS or scale in words.SCALE_WORDS:
                amount = scaled(amount, words.SCALE_LETTERS.get(
                    scale, words.SCALE_WORDS.get(scale, 1)))
                at += 1
        elif tokens.words[at] in words.SCALE_WORDS:  # "per thousand queries"
            amount = float(words.SCALE_WORDS[tokens.words[at]])
            at += 1
        per_word = tokens.words[at]
        if not per_word or not tokens.near[at]:
            return False
        if per_word == "annum":
            per_word = "year"
        name, dimension, size = _per_unit(per_word, tokens.texts[at])
        if name is None:
            return False
        figure.per, figure.per_dimension, figure.per_size = name, dimension, size
        figure.per_amount = amount
        figure.used.append((tokens.starts[index], tokens.ends[at]))
        if figure.last + 1 == index:
            figure.take(tokens, at)
        return True
    if word in words.PER_ADVERBS and tokens.near[index] and (
        tokens.words[index + 1] not in words.NOT_A_RATE_AFTER
    ):
        figure.per = words.PER_ADVERBS[word]
        figure.per_dimension, figure.per_size = _per_dimension(figure.per)
        figure.used.append((tokens.starts[index], tokens.ends[index]))
        return True
    if word in words.PER_ARTICLES and tokens.near[index + 1]:
        unit = words.UNITS.get(tokens.words[index + 1])
        if unit is not None and unit[1] in ("time", "calendar"):
            figure.per = unit[0]
            figure.per_dimension, figure.per_size = unit[1], unit[2]
            figure.used.append((tokens.starts[index], tokens.ends[index + 1]))
            return True
    return False


def read_suffix(tokens: Tokens, figure: Draft) -> None:
    """"100ms or less", "5M or more"; "40% lower", "40% reduction": bounds and
    directions written after the figure."""
    index = figure.last + 1
    if tokens.words[index] == "or":
        if tokens.words[index + 1] in ("less", "fewer", "below", "lower", "under"):
            figure.bound = "<"
            figure.used.append((tokens.starts[index], tokens.ends[index + 1]))
        elif tokens.words[index + 1] in ("more", "higher", "greater", "above"):
            figure.bound = ">"
            figure.used.append((tokens.starts[index], tokens.ends[index + 1]))
    if figure.unit not in ("%", "pp") or figure.sign:
        return
    after = tokens.words[index]
    if after in words.DECREASE_WORDS and tokens.near[index]:
        figure.sign = -1
        figure.used.append((tokens.starts[index], tokens.ends[index]))
        return
    if after in words.INCREASE_WORDS and after != "up" and tokens.near[index]:
        figure.sign = 1
        figure.used.append((tokens.starts[index], tokens.ends[index]))
        return
    if (
        after and after not in words.NOT_UNITS and tokens.near[index]
        and tokens.words[index + 1] in _DIRECTION_NOUNS and tokens.near[index + 1]
    ):
        figure.sign = -1 if tokens.words[index + 1] in words.DECREASE_WORDS else 1
        figure.used.append((tokens.starts[index + 1], tokens.ends[index + 1]))
        return
    before = figure.first - 1
    if figure.currency:
        before -= 1
    direction = tokens.words[before]
    if direction == "by":
        # "reduced p99 latency by 40%": the verb a few words back in the clause
        for back in range(before - 1, max(before - 6, -1), -1):
            word = tokens.words[back]
            if back in tokens.taken:
                continue  # the 99 of "reduced p99 latency by 40%"
            if not word:
                break
            if word in words.DECREASE_WORDS or word in words.INCREASE_WORDS:
                figure.sign = -1 if word in words.DECREASE_WORDS else 1
                figure.used.append((tokens.starts[back], tokens.ends[back]))
                return
    elif direction in words.DECREASE_WORDS or direction in words.INCREASE_WORDS:
        figure.sign = -1 if direction in words.DECREASE_WORDS else 1
        figure.used.append((tokens.starts[before], tokens.ends[before]))


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
    return singular(lowered), None, 1.0


@functools.lru_cache(maxsize=512)
def singular(word: str) -> str:
    """The singular of a plural noun ("queries" -> "query"), as counted things are named."""
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
