"""A fast, line-aware scan of case-study documents: no full markdown parse.

`casestudy check` reads a thousand 13 KB documents in well under a second, so a document is
never tokenised in Python character by character nor run through markdown-it. Instead a few
C-speed searches (`str.find`, regular expressions anchored on a literal such as a newline or
`](`) collect the handful of places that matter (ATX headings, code fences, HTML comments,
`[TODO:` placeholders, links and images), and a short loop over those places, in order, works
out which of them sit inside a code fence or a comment. Only the front matter goes through
PyYAML (libyaml's CSafeLoader where it is built in), and only when it is not in the plain
shape the template writes (see `yaml_subset`).
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from casestudy.check import suppression
from casestudy.directory.fileio import NotReadable, read_bytes_bounded
from casestudy.directory.names import Entry, other_document
from casestudy.format.frontmatter import FrontMatterError, split_front_matter
from casestudy.format.headings import (
    HeadingMatch,
    HeadingReader,
    assign_sections,
    read_heading,
)
from casestudy.format.sections import GUIDANCE_MARKER, PLACEHOLDER_PREFIX, SECTION_TITLES

# Anchored on a newline, so the regex engine only tries at line starts. Only H1 and H2
# headings are events (the title, the sections); a deeper heading matters only as a line
# that is not content, which `_has_text` sees for itself in the few sections that need it.
_BLOCK_LINE_RE = re.compile(
    r"\n {0,3}(?:"
    r"(?P<hashes>#{1,2})(?=[ \t\r\n]|\Z)(?P<heading>[^\n]*)"
    r"|(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)"
    r"|\[(?:[^\]\n\\]|\\.)+\]:[ \t]*(?P<reference><[^>\n]*>|\S+))"
)
# Links to URLs and anchors are skipped by the regex itself: nothing on disk to check.
_LINK_RE = re.compile(r"\]\((?!https?:|mailto:|#)(?P<href><[^>\n]*>|[^\s)]*)")
_CLOSING_HASHES_RE = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_ANY_HEADING_RE = re.compile(r" {0,3}#{1,6}(?=[ \t\r\n]|\Z)[^\n]*")
_NOT_BLANK_RE = re.compile(r"\S")

_NOT_LOCAL = ("http://", "https://", "mailto:", "#")
_HEADING, _FENCE, _COMMENT, _TODO, _LINK, _REFERENCE = range(6)
# (offset, kind, the match that found it: None for comments and placeholders)
Event = tuple[int, int, "Any"]
# The last group a block-line match closes tells which alternative matched.
_KIND_OF_LAST_GROUP = {"heading": _HEADING, "info": _FENCE, "reference": _REFERENCE}


# A heading line as written -> its text and what it names: the same few dozen headings
# come back in every document of a directory.
_h2_cache: dict[str, tuple[str, HeadingMatch]] = {}
_H2_CACHE_LIMIT = 4096


# Reads an H2 heading line as written: its text, and what it names.
H2Reader = Callable[[str], tuple[str, HeadingMatch]]


def _h2(raw: str) -> tuple[str, HeadingMatch]:
    try:
        return _h2_cache[raw]
    except KeyError:
        if len(_h2_cache) >= _H2_CACHE_LIMIT:
            _h2_cache.clear()
        title = _heading_text(raw)
        found = _h2_cache[raw] = (title, read_heading(title))
        return found


def h2_reader(extra_names: Mapping[str, Sequence[str]] | None = None) -> H2Reader:
    """How one directory's H2 headings are read: the format's vocabulary, and the directory's
    own extra names per section (section title -> names, as its configuration gives them),
    taken as that section's own names. Built once per directory; ValueError when a name is
    already the vocabulary's for another section or for the extras."""
    if not extra_names:
        return _h2
    reader = HeadingReader(
        {SECTION_TITLES.index(title): names for title, names in extra_names.items()}
    )
    cache: dict[str, tuple[str, HeadingMatch]] = {}

    def read(raw: str) -> tuple[str, HeadingMatch]:
        found = cache.get(raw)
        if found is None:
            title = _heading_text(raw)
            found = cache[raw] = (title, reader.read(title))
        return found

    return read


MISSING = "the file does not exist"  # the read error of a document that is not there


class Region:
    """The text under one H2 heading (or, with `title` None, before the first one).

    Places are offsets into the scanned text; `DocumentScan.line_col` turns one into a line
    and column when a finding needs it (most never do, so most lines are never counted).
    """

    __slots__ = ("content", "guidance", "placeholders", "position", "section", "title")

    def __init__(self, title: str | None, position: int, section: int | None) -> None:
        self.title = title
        self.position = position  # of the heading (of the body, for the introduction)
        self.section = section  # position in SECTIONS, or None for extras and the preamble
        self.content = False  # any text besides headings, comments and whitespace
        self.placeholders: list[tuple[int, str]] = []  # (offset, "[TODO: ...]")
        self.guidance: list[int] = []  # offsets of guidance comments

    @property
    def filled(self) -> bool:
        return self.content and not self.placeholders and not self.guidance


class DocumentScan:
    """Everything the checker needs from one case-study document."""

    __slots__ = (
        "body_line", "disabled", "display", "filled", "flat", "front", "front_error",
        "front_text", "headings", "hidden", "links", "name", "number", "path", "read_error",
        "regions", "slug", "src", "start", "title", "title_position",
    )

    def __init__(self, path: str, display: str, name: str, number: int, slug: str, flat: bool):
        self.path = path
        self.display = display
        self.name = name  # folder name, or file name for a flat case study
        self.number = number
        self.slug = slug
        self.flat = flat
        self.read_error: tuple[str, int, int] | None = None  # (message, line, col)
        self.front: dict[str, Any] | None = None
        self.front_error: tuple[str, int] | None = None
        self.front_text = ""
        # The markdown body is src[start + 1:]; src[start] is a newline (the one ending the
        # front matter, or one put in front of a document without it), so that every line
        # of the body, the first included, starts right after a newline.
        self.src = "\n"
        self.start = 0
        self.body_line = 1
        self.title: str | None = None
        self.title_position = 0
        self.regions: list[Region] = []
        self.filled = 0  # how many of the nine sections are present and written
        # (line, heading, section or None) of each H2, once `note_headings` has run: what
        # the checker understood, for --verbose and the JSON output
        self.headings: list[tuple[int, str, int | None]] | None = None
        # (href, offset of its "](" or reference definition, inline link rather than reference)
        self.links: list[tuple[str, int, bool]] = []
        # (start, end) offsets into src of the code fences and HTML comments, in order
        self.hidden: list[tuple[int, int]] = []
        # What suppression comments turn off (see `check.suppression`); None: there are none
        self.disabled: suppression.Disabled | None = None

    def suppresses(self, code: str, line: int) -> bool:
        """Whether a suppression comment turns off this finding at this line."""
        return suppression.suppresses(self.disabled, code, line)

    @property
    def body(self) -> str:
        return self.src[self.start + 1 :]

    def line_col(self, position: int) -> tuple[int, int]:
        """1-based line and column in the file of an offset into `src`."""
        line = self.body_line + self.src.count("\n", self.start + 1, position)
        return line, position - self.src.rfind("\n", 0, position)

    def line_of(self, position: int) -> int:
        return self.line_col(position)[0]

    def note_headings(self) -> None:
        """Keep, past `forget_text`, which heading was taken for which section."""
        noted = []
        line, counted_to = self.body_line, self.start + 1
        for region in self.regions[1:]:
            line += self.src.count("\n", counted_to, region.position)
            counted_to = region.position
            noted.append((line, region.title or "", region.section))
        self.headings = noted

    def forget_text(self) -> None:
        """Drop what only the per-document rules read: a check of thousands of documents
        keeps only what the directory-wide rules need."""
        self.src = "\n"
        self.start = 0
        self.front_text = ""
        self.regions = []
        self.links = []
        self.hidden = []

    @property
    def has_front_matter(self) -> bool:
        return self.front is not None or self.front_error is not None

    @property
    def sections(self) -> list[Region]:
        return [region for region in self.regions if region.section is not None]


def _split_front_matter(scan: DocumentScan, text: str) -> int:
    """Fill in the front matter; return the offset where the body starts."""
    try:
        front = split_front_matter(text)
    except FrontMatterError as error:
        scan.front_error = (error.message, error.line)
        if error.body_start:
            scan.body_line = text.count("\n", 0, error.body_start) + 1
        return error.body_start
    if front is None:
        return 0
    scan.front_text = front.source
    scan.body_line = front.body_line
    scan.front = front.data
    return front.body_start


def _events(src: str, start: int) -> tuple[list[Event], list[Event]]:
    """(offset, kind, match-or-None) of everything that matters, in document order: the
    links (inline, and reference definitions) apart from the rest, as whether a link counts
    depends only on where the code fences and comments are, not on anything in between.

    Each kind is found by one search over the text that starts on a literal the C search
    skips ahead to (a newline for the block lines, "](" for links, "[TODO:", "<"), so the
    scan's cost follows the handful of places that matter, not every character."""
    kinds = _KIND_OF_LAST_GROUP
    events: list[Event] = []
    links: list[Event] = []
    for match in _BLOCK_LINE_RE.finditer(src, start):
        kind = kinds[match.lastgroup]  # type: ignore[index]
        (links if kind == _REFERENCE else events).append((match.start() + 1, kind, match))
    links += [(match.start(), _LINK, match) for match in _LINK_RE.finditer(src, start)]
    find = src.find
    position = find(PLACEHOLDER_PREFIX, start)
    while position != -1:
        events.append((position, _TODO, None))
        position = find(PLACEHOLDER_PREFIX, position + 1)
    position = find("<", start)  # one character: a far quicker search than "<!--"
    while position != -1:
        if src.startswith("<!--", position):
            events.append((position, _COMMENT, None))
        position = find("<", position + 1)
    events.sort()  # (offset, kind) never ties, so matches are never compared
    links.sort()  # a definition can start its line before a link on it: [a\](b]: c
    return events, links


def _heading_text(raw: str) -> str:
    raw = raw.strip()
    return _CLOSING_HASHES_RE.sub("", raw).strip() if raw.endswith("#") else raw


def scan_body(scan: DocumentScan, h2: H2Reader = _h2) -> None:
    """Headings, sections, placeholders, guidance, suppression comments and links of the
    markdown body."""
    src, start = scan.src, scan.start
    regions = [Region(None, start + 1, None)]
    region = regions[0]
    matches: list[HeadingMatch] = []  # what each H2 names, before the document decides
    settled = True  # every H2 is an extra or firmly one section: no rule to apply
    comments: list[tuple[int, int]] = []  # (start, end) of each comment: not content
    boundaries: list[int] = [start + 1]  # where each region's text starts
    hidden: list[tuple[int, int]] = []  # code fences and comments: where no link is one
    fence: tuple[str, int] | None = None
    fence_start = -1
    comment_end = -1

    events, links = _events(src, start)
    for position, kind, match in events:
        if position < comment_end:
            continue
        if kind == _FENCE:
            marker = match.group("fence")
            if fence is None:
                if not (marker[0] == "`" and "`" in match.group("info")):
                    fence, fence_start = (marker[0], len(marker)), position
            elif (
                marker[0] == fence[0]
                and len(marker) >= fence[1]
                and not match.group("info").strip()
            ):
                fence = None
                hidden.append((fence_start, position))
        elif kind == _TODO:
            line_end = src.find("\n", position)
            end = src.find("]", position, len(src) if line_end == -1 else line_end)
            text = src[position : end + 1] if end != -1 else src[position : position + 40]
            region.placeholders.append((position, text if len(text) <= 60 else text[:59] + "…"))
        elif fence is not None:
            continue
        elif kind == _COMMENT:
            close = src.find("-->", position + 4)
            comment_end = len(src) if close == -1 else close + 3
            comments.append((position, comment_end))
            hidden.append((position, comment_end))
            if src.startswith(GUIDANCE_MARKER, position):
                region.guidance.append(position)
            elif src.find(suppression.MARKER, position, comment_end) != -1:
                scan.disabled = suppression.note(
                    scan.disabled, src[position:comment_end], scan.line_of(comment_end)
                )
        elif kind == _HEADING:
            hashes, raw = match.group("hashes", "heading")
            if len(hashes) == 2:
                title, named = h2(raw)
                region = Region(title, position, named.sole)
                regions.append(region)
                matches.append(named)
                settled = settled and named.settled
                boundaries.append(match.end())
            elif len(hashes) == 1 and scan.title is None:
                scan.title, scan.title_position = _heading_text(raw), position
    if fence is not None:  # never closed: code to the end
        hidden.append((fence_start, len(src)))
    scan.hidden = hidden
    if links:
        _keep_links(scan, links, hidden)

    boundaries.append(len(src))
    if not settled:
        for heading_region, section in zip(regions[1:], assign_sections(matches), strict=True):
            heading_region.section = section
    for index, region in enumerate(regions):
        region.content = _has_text(src, boundaries[index], boundaries[index + 1], comments)
    scan.regions = regions
    scan.filled = len({r.section for r in regions if r.section is not None and r.filled})


_BEYOND = (1 << 62, 1 << 62)  # a range after any text


def _keep_links(scan: DocumentScan, links: list[Event], hidden: list[tuple[int, int]]) -> None:
    """Record the links outside the `hidden` ranges (in order, none overlapping): a link in a
    code fence or a comment is none."""
    ranges = iter(hidden)
    begin, end = next(ranges, _BEYOND)
    for position, kind, match in links:
        while end <= position:  # past this range: on to the next
            begin, end = next(ranges, _BEYOND)
        if begin < position:  # inside it
            continue
        href = match.group("href" if kind == _LINK else "reference")
        if not href.startswith(_NOT_LOCAL):
            if href.startswith("<"):
                href = href[1:-1]
            scan.links.append((href, position, kind == _LINK))


def link_place(scan: DocumentScan, href: str, position: int, inline: bool) -> tuple[int, bool]:
    """Where a recorded link starts (its `[`, or the `!` of an image) and whether it is an
    image; -1 when it sits in an inline code span and so is no link at all. Worked out
    only for links that do not resolve: the scan itself just notes where `](` was."""
    if not inline:
        return position, False
    src = scan.src
    line_start = src.rfind("\n", 0, position) + 1
    opening = src.rfind("[", line_start, position)
    if opening == -1 or src.count("`", line_start, opening) % 2:
        return -1, False
    image = opening > line_start and src[opening - 1] == "!"
    return (opening - 1 if image else opening), image


def _has_text(src: str, begin: int, stop: int, comments: list[tuple[int, int]]) -> bool:
    """Whether `src[begin:stop]` holds text besides heading lines, comments (in order, none
    overlapping) and white space.

    Most sections start with their text, so this mostly looks at one character: the first
    that is not white space. Headings and comments before it are stepped over. No region
    starts inside a code fence (a heading there is none), so a fence line met first is
    text, and a line of "#" after it is never reached."""
    search = _NOT_BLANK_RE.search
    while (found := search(src, begin, stop)) is not None:
        position = found.start()
        if comments:  # a comment can start on a heading's line and run on past it
            index = bisect.bisect_right(comments, (position, _BEYOND[1])) - 1
            if index >= 0 and position < comments[index][1]:
                begin = comments[index][1]
                continue
        if src[position] != "#":
            return True
        line_start = src.rfind("\n", 0, position) + 1
        # a heading starts its line: after a comment that ends on it, a "#" is text
        heading = _ANY_HEADING_RE.match(src, line_start)
        if heading is None or src[line_start:position].strip(" "):
            return True
        begin = heading.end()
    return False


# A case study is tens of kilobytes; anything past this is not one, and is not read.
MAX_DOCUMENT_BYTES = 4 * 1024 * 1024


def _outside(path: str, root: str) -> str | None:
    """Where `path` really is, when a symlink takes it out of `root`; None when it stays in
    (the usual case, settled without resolving anything when no symlink is involved)."""
    if not os.path.islink(path) and not os.path.islink(os.path.dirname(path)):
        return None
    real, real_root = os.path.realpath(path), os.path.realpath(root)
    return None if real.startswith(real_root + os.sep) else real


def read_document(
    path: str, display: str, name: str, number: int, slug: str, flat: bool, h2: H2Reader = _h2
) -> DocumentScan:
    """Scan one case-study file; a file that cannot be read is reported, never raised.
    `h2`: how the directory's headings are read (see `h2_reader`)."""
    scan = DocumentScan(path, display, name, number, slug, flat)
    root = os.path.dirname(path) if flat else os.path.dirname(os.path.dirname(path))
    outside = _outside(path, root)
    if outside is not None:
        scan.read_error = (
            f"the file is a symlink leading outside the directory (to {outside}), so it was "
            "not read",
            1,
            1,
        )
        return scan
    try:
        raw = read_bytes_bounded(path, MAX_DOCUMENT_BYTES)
    except NotReadable as why:
        problem = MISSING if why.missing else f"the file cannot be read: {why.reason}"
        scan.read_error = (problem, 1, 1)
        return scan
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        scan.read_error = (
            f"the file is not UTF-8 text ({error.reason} at byte {error.start}); "
            "save it as UTF-8",
            line,
            col,
        )
        return scan
    text = text.removeprefix("\ufeff")
    body_start = _split_front_matter(scan, text)
    if body_start and text[body_start - 1] == "\n":
        scan.src, scan.start = text, body_start - 1
    else:
        scan.src, scan.start = "\n" + text[body_start:], 0
    scan_body(scan, h2)
    return scan


def scan_entry(entry: Entry, display: str, h2: H2Reader = _h2) -> DocumentScan:
    """Scan a case study's document; a folder without README.md is read through its
    index.md when it has one (and `entry.path` and the display name follow)."""
    scan = read_document(entry.path, display, entry.name, entry.number, entry.slug, entry.flat, h2)
    if not entry.flat and scan.read_error is not None and scan.read_error[0] == MISSING:
        other = other_document(entry.path)
        if other is not None:
            entry.path = other
            display = os.path.join(os.path.dirname(display), os.path.basename(other))
            scan = read_document(other, display, entry.name, entry.number, entry.slug, False, h2)
    return scan
