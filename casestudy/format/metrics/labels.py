"""The words near a figure: its label ("p99 latency of 87 ms" is labelled "latency"), the
statistic or @k measure in its clause, and the counted thing a table cell or list item
names before it ("| Vectors | 2.1B |")."""

from __future__ import annotations

import re

from casestudy.format import metric_words as words

_FIGURE_STOP_RE = re.compile(r"\d+(?:[.,]\d+)*|(?<![\w.])[pP]\d")
_WORD_RE = re.compile(r"[^\W\d_][\w@.%-]*")


def nearest(
    start: int, end: int, spans: list[tuple[int, int, str]], clause: tuple[int, int]
) -> tuple[int, int, str] | None:
    """The span (a statistic, an @k name) in the figure's clause closest to it."""
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


def label_near(
    text: str, spans: list[tuple[int, int]], clause: tuple[int, int], modifiers: list[str]
) -> str:
    """The words between the figure's parts ("p99 latency of 87 ms"), else those right
    after it in its clause, else those right before it."""
    left, right = clause
    start, end = min(span[0] for span in spans), max(span[1] for span in spans)
    inside = blank(text[start:end], spans, start)
    after = text[end:max(end, right)]
    before = text[min(left, start):start]
    found: list[str] = list(modifiers)
    for fragment, from_end in ((inside, False), (after, False), (before, True)):
        label = _label_words(fragment, from_end=from_end)
        if label:
            found += label
            break
    return " ".join(dict.fromkeys(found))


def blank(fragment: str, spans: list[tuple[int, int]], offset: int) -> str:
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
    found = trim_words(found)
    return found[-3:] if from_end else found[:3]


def trim_words(found: list[str]) -> list[str]:
    """`found` without the words at either end that name nothing ("of", "the", "|")."""

    def idle(word: str) -> bool:
        return word.lower() in words.NOT_UNITS or not any(c.isalnum() for c in word)

    while found and idle(found[0]):
        found.pop(0)
    while found and idle(found[-1]):
        found.pop()
    return found


def counted_in_name(before: str) -> str:
    """The counted thing named right before a figure, in a table cell or before a colon."""
    before = before.rstrip(" *_")
    if not before.endswith(("|", ":")):
        return ""
    name = before[:-1].rsplit("|", 1)[-1]
    for word in reversed(_WORD_RE.findall(name.lower())):
        if word in words.COUNTED:
            return words.COUNTED[word]
    return ""
