"""Which of the nine sections a heading names, by meaning rather than by exact title.

Reading one heading:

1. Normalise: links and inline markup keep their text; bold, italic and code markers,
   emoji and other symbols, parentheticals ("Performance Metrics (2025)") and leading
   numbering ("1.", "2)", "1.2", "IV.", "B.", "Part 2:", "Section 3 -") go; case, plurals,
   "&"/"+"/"/" against "and", hyphens inside words and the vocabulary's stopwords stop
   mattering.
2. A subtitle after ":", " - ", " | " or a spaced en or em dash is read apart: "Technical
   Implementation: Indexing Pipeline" is the Technical Implementation section, "Appendix
   B: Performance Data" an extra.
3. Find the vocabulary's phrases in the words, longest first (`heading_vocabulary`). The
   sections whose phrases appear are the candidates; one whose words all serve as
   qualifiers of another candidate is dropped ("Technical Implementation Overview").
4. A heading is *firm* when a candidate's own name is there and every other word is a
   qualifier ("Key Lessons Learned", "Scaling Challenges and Solutions"); *loose* when it
   needs a synonym ("Key Takeaways") or carries words the vocabulary does not know
   ("Vector Index Architecture"). A heading with no section phrase is an extra.

Then, within one document, `assign_sections` decides which heading stands for which
section (the rule the checker's findings follow):

- A firm heading with one candidate is that section, however often it comes (so a section
  written twice is reported as repeated).
- Then, in document order, a firm heading with several candidates ("Challenges and Lessons
  Learned"), and after those every loose heading, takes the first of its candidates, in
  the format's order, that no heading has taken yet and that fits where the heading
  stands: after the sections of the headings above it and before those of the headings
  below it. That is the section expected next.
- A firm heading with several candidates that fits none takes the first one not yet
  taken (and is reported out of order); when every candidate is taken, and for a loose
  heading that fits no free candidate, the heading is an extra: "Key Takeaways" under a
  document that already has "Lessons Learned" is a further section, not a repeated one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from casestudy.format import heading_vocabulary as vocabulary
from casestudy.format.sections import SECTIONS

_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG_RE = re.compile(r"</?[A-Za-z][^>]*>")
_MARKER_RE = re.compile(r"[*_`~]")
_PARENTHETICAL_RE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_LEADING_SYMBOLS_RE = re.compile(r"^[\W_]+")
_NUMBERING_RE = re.compile(
    r"^(?:(?:part|section|chapter)\s+)?"
    r"(?:\d+(?:\.\d+)*\.?|[ivxlc]+[.)]|[a-z][.)])"
    r"(?:[\s.):\-\u2013\u2014]+|$)",
    re.IGNORECASE,
)
_SUBTITLE_RE = re.compile(r":|\s[-\u2013\u2014|]\s")
_APOSTROPHE_RE = re.compile(r"['`\u2018\u2019]")
_AND_RE = re.compile(r"[&+/]")
_INNER_HYPHEN_RE = re.compile(r"(?<=\w)[-\u2010\u2011](?=\w)")
_WORD_RE = re.compile(r"[^\W_]+")

NAME, SYNONYM, EXTRA = "name", "synonym", "extra"


def strip_decoration(text: str) -> str:
    """The heading's words as written, without markup, symbols, parentheticals or
    numbering: "**1. 🎓 Lessons Learned (2025):**" -> "Lessons Learned:"."""
    text = _LINK_RE.sub(r"\1", text)
    text = _TAG_RE.sub("", text)
    text = _MARKER_RE.sub("", text)
    text = _PARENTHETICAL_RE.sub(" ", text)
    while True:
        stripped = _NUMBERING_RE.sub("", _LEADING_SYMBOLS_RE.sub("", text))
        if stripped == text:
            return " ".join(text.split())
        text = stripped


def _stem(word: str) -> str:
    """Plural to singular, roughly: it only has to treat headings and vocabulary alike."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


_STOPWORDS = frozenset(vocabulary.STOPWORDS)


def words(text: str) -> tuple[str, ...]:
    """The words that carry a heading's meaning: "Challenges & Their Solutions" ->
    ("challenge", "solution")."""
    text = _APOSTROPHE_RE.sub("", text.casefold())
    text = _INNER_HYPHEN_RE.sub("", _AND_RE.sub(" and ", text))
    return tuple(
        _stem(word) for word in _WORD_RE.findall(text) if word not in _STOPWORDS
    )


def normalise_heading(text: str) -> str:
    """What is compared: "**2. Challenges & Solutions:**" -> "challenge solution"."""
    return " ".join(words(strip_decoration(text)))


class HeadingMatch:
    """What one heading names: the candidate sections (positions in SECTIONS, in the
    format's order; none for an extra) and whether it names them firmly."""

    __slots__ = ("candidates", "firm", "settled", "sole")

    def __init__(self, candidates: tuple[int, ...], firm: bool) -> None:
        self.candidates = candidates
        self.firm = firm
        # The section it is in any document, when that needs no look at the others: most
        # headings are these, and a document of only these skips `assign_sections`.
        self.sole = candidates[0] if firm and len(candidates) == 1 else None
        self.settled = self.sole is not None or not candidates

    @property
    def extra(self) -> bool:
        return not self.candidates

    def __repr__(self) -> str:
        if self.extra:
            return "HeadingMatch(extra)"
        names = ", ".join(SECTIONS[c].title for c in self.candidates)
        return f"HeadingMatch({names}, {'firm' if self.firm else 'loose'})"


EXTRA_MATCH = HeadingMatch((), False)
_CACHE_LIMIT = 4096  # distinct heading texts kept; a directory repeats a few dozen


class HeadingReader:
    """Reads headings against a vocabulary, remembering each distinct text's answer: the
    same few dozen headings come back in every document of a directory."""

    def __init__(self, extra_names: Mapping[int, Sequence[str]] | None = None) -> None:
        """`extra_names`: more names per section (position in SECTIONS), taken as that
        section's own names, e.g. from a directory's configuration."""
        # phrase (tuple of words) -> (section, or None for an extra; NAME/SYNONYM/EXTRA)
        self._phrases: dict[tuple[str, ...], tuple[int | None, str]] = {}
        self._qualifiers: list[frozenset[str]] = []
        self._general = frozenset(_words_of(vocabulary.GENERAL_QUALIFIERS))
        for position, section in enumerate(SECTIONS):
            table = vocabulary.SECTION_VOCABULARY[section.title]
            extra = tuple(extra_names.get(position, ())) if extra_names else ()
            for phrase in (section.title, *section.aliases, *table["names"], *extra):
                self._add(phrase, position, NAME)
            for phrase in table["synonyms"]:
                self._add(phrase, position, SYNONYM)
            self._qualifiers.append(frozenset(_words_of(table["qualifiers"])))
        for phrase in vocabulary.EXTRAS:
            self._add(phrase, None, EXTRA)
        self._longest = max(len(phrase) for phrase in self._phrases)
        self._cache: dict[str, HeadingMatch] = {}

    def _add(self, phrase: str, section: int | None, kind: str) -> None:
        key = words(phrase)
        if not key:
            raise ValueError(f"heading vocabulary: {phrase!r} is made of stopwords only")
        known = self._phrases.get(key)
        if known is not None and known[0] != section:
            raise ValueError(
                f"heading vocabulary: {phrase!r} is listed for two places "
                f"({_place(known[0])} and {_place(section)})"
            )
        if known is None or (kind == NAME and known[1] != NAME):
            self._phrases[key] = (section, kind)

    def read(self, heading: str) -> HeadingMatch:
        """What a heading's text names (cached by the text)."""
        found = self._cache.get(heading)
        if found is None:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            found = self._cache[heading] = self._read(heading)
        return found

    def _read(self, heading: str) -> HeadingMatch:
        text = strip_decoration(heading)
        separator = _SUBTITLE_RE.search(text)
        if separator is not None:
            head = self._classify(words(text[: separator.start()]))
            if head is not None and (head.extra or head.firm):
                return head
        return self._classify(words(text)) or EXTRA_MATCH

    def _classify(self, heading_words: tuple[str, ...]) -> HeadingMatch | None:
        """None for no words at all (a heading of numbers and symbols)."""
        if not heading_words:
            return None
        found: dict[int, list[tuple[str, ...]]] = {}  # section -> its phrases found
        kinds: set[str] = set()
        loose_words: list[str] = []
        index, count = 0, len(heading_words)
        while index < count:
            for length in range(min(self._longest, count - index), 0, -1):
                phrase = heading_words[index : index + length]
                entry = self._phrases.get(phrase)
                if entry is not None:
                    section, kind = entry
                    kinds.add(kind)
                    if section is not None:
                        found.setdefault(section, []).append(phrase)
                    index += length
                    break
            else:
                loose_words.append(heading_words[index])
                index += 1
        if not found:
            return EXTRA_MATCH
        candidates = self._without_qualifier_only(found)
        known = set(self._general)
        for section in candidates:
            known |= self._qualifiers[section]
        named = any(
            self._phrases[phrase][1] == NAME for section in candidates for phrase in found[section]
        )
        firm = (
            named
            and EXTRA not in kinds
            and all(word in known or word.isdigit() for word in loose_words)
        )
        return HeadingMatch(tuple(sorted(candidates)), firm)

    def _without_qualifier_only(self, found: dict[int, list[tuple[str, ...]]]) -> list[int]:
        """Drop a candidate whose words all qualify another candidate: in "Technical
        Implementation Overview" the "Overview" is no Executive Summary."""
        kept = []
        for section, phrases in found.items():
            others = set(self._general)
            for other in found:
                if other != section:
                    others |= self._qualifiers[other]
            if not all(word in others for phrase in phrases for word in phrase):
                kept.append(section)
        return kept or list(found)


def _words_of(entries: Sequence[str]) -> list[str]:
    return [word for entry in entries for word in words(entry)]


def _place(section: int | None) -> str:
    return "the extras" if section is None else f"'{SECTIONS[section].title}'"


# A document's headings -> their sections. Documents of one directory repeat the same few
# sequences; a match is compared by identity (each distinct heading text has one), which
# makes the lookup cheap.
_assigned_cache: dict[tuple[HeadingMatch, ...], tuple[int | None, ...]] = {}


def assign_sections(matches: Sequence[HeadingMatch]) -> tuple[int | None, ...]:
    """The section each of a document's headings stands for, None for extras; the rule is
    in this module's docstring."""
    key = tuple(matches)
    found = _assigned_cache.get(key)
    if found is None:
        if len(_assigned_cache) >= _CACHE_LIMIT:
            _assigned_cache.clear()
        found = _assigned_cache[key] = tuple(_assign(matches))
    return found


def _assign(matches: Sequence[HeadingMatch]) -> list[int | None]:
    assigned: list[int | None] = [match.sole for match in matches]
    unsettled = [index for index, match in enumerate(matches) if not match.settled]
    if not unsettled:
        return assigned
    taken = {section for section in assigned if section is not None}
    ambiguous = [index for index in unsettled if matches[index].firm]
    loose = [index for index in unsettled if not matches[index].firm]
    for index in (*ambiguous, *loose):
        before = max((s for s in assigned[:index] if s is not None), default=-1)
        after = min((s for s in assigned[index + 1 :] if s is not None), default=len(SECTIONS))
        free = [c for c in matches[index].candidates if c not in taken]
        fitting = [c for c in free if before < c < after]
        if fitting:
            chosen: int | None = fitting[0]
        elif matches[index].firm and free:
            chosen = free[0]
        else:
            chosen = None
        if chosen is not None:
            assigned[index] = chosen
            taken.add(chosen)
    return assigned


DEFAULT_READER = HeadingReader()


def read_heading(heading: str) -> HeadingMatch:
    return DEFAULT_READER.read(heading)


def section_for(heading: str) -> int | None:
    """The section a heading names on its own, outside any document (the first candidate
    in the format's order); None for an extra."""
    match = DEFAULT_READER.read(heading)
    return match.candidates[0] if match.candidates else None
