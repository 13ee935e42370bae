"""The fast document scan: what counts as a heading, a section, content, a placeholder or a
link, on the markdown shapes real case studies use; and `load_case_studies`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casestudy.check import scan as scan_module
from casestudy.check.scan import (
    DocumentScan,
    link_place,
    read_document,
    scan_body,
)
from casestudy.directory.records import load_case_studies
from casestudy.format.headings import section_for
from casestudy.format.sections import SECTION_TITLES

DATA = Path(__file__).parent / "data" / "check"


def scanned(body: str) -> DocumentScan:
    document = DocumentScan("x.md", "x.md", "01_x", 1, "x", False)
    document.src = "\n" + body
    scan_body(document)
    return document


def headings(document: DocumentScan) -> list[tuple[str | None, int]]:
    return [(region.title, document.line_of(region.position)) for region in document.regions[1:]]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("## Executive Summary\n", [("Executive Summary", 1)], id="plain"),
        pytest.param("## Executive Summary ##\n", [("Executive Summary", 1)], id="closing-hashes"),
        pytest.param("   ## Executive Summary\n", [("Executive Summary", 1)], id="indented-3"),
        pytest.param("    ## Code block\n", [], id="indented-4-is-code"),
        pytest.param("##Executive Summary\n", [], id="no-space-is-text"),
        pytest.param("```\n## In a fence\n```\n## After\n", [("After", 4)], id="backtick-fence"),
        pytest.param(
            "~~~~\n## In\n~~~\n## Still in\n~~~~\n## Out\n", [("Out", 6)], id="tilde-fence"
        ),
        pytest.param("``` js `x`\n## Not a fence\n", [("Not a fence", 2)], id="backtick-in-info"),
        pytest.param("<!--\n## Commented\n-->\n## Real\n", [("Real", 4)], id="comment"),
        pytest.param("## A\r\n\r\n## B\r\n", [("A", 1), ("B", 3)], id="crlf"),
        pytest.param("# Title\n### Sub\n## Two\n", [("Two", 3)], id="only-h2-splits"),
    ],
)
def test_headings(body: str, expected: list[tuple[str, int]]) -> None:
    assert headings(scanned(body)) == expected


@pytest.mark.parametrize(
    ("title", "section"),
    [
        ("Executive Summary", 0),
        ("executive summary", 0),
        ("1. Executive Summary", 0),
        ("**Business Context and Requirements**", 1),
        ("Architecture Evolution", 2),
        ("Challenges and Solutions", 5),
        ("Scaling Challenges & Solutions", 5),
        ("Recommendations for Other Teams", 7),
        ("Conclusion", None),
        ("Appendix A: Glossary", None),
    ],
)
def test_section_names_and_aliases(title: str, section: int | None) -> None:
    assert section_for(title) == section


@pytest.mark.parametrize(
    ("section_text", "content"),
    [
        pytest.param("Text.\n", True, id="text"),
        pytest.param("\n\n   \n", False, id="blank"),
        pytest.param("<!-- guidance: write here -->\n", False, id="only-comment"),
        pytest.param("### Sub\n\n#### Subsub\n", False, id="only-subheadings"),
        pytest.param("```\n```\n", True, id="code-fence-counts"),
        pytest.param("<!-- a -->\n### Sub\nWords\n", True, id="text-after-both"),
        pytest.param("| a |\n|---|\n", True, id="table"),
        pytest.param("  ### Sub\n###\n", False, id="indented-and-empty-subheadings"),
        pytest.param("### Sub <!-- c -->\n<!-- a\n-->\n", False, id="comments-across-lines"),
        pytest.param("    # indented code\n", True, id="four-spaces-in-is-code"),
        pytest.param("\t# tabbed\n", True, id="a-tab-in-is-code"),
        pytest.param("#hashtag\n", True, id="no-space-after-the-marks"),
        pytest.param("####### seven\n", True, id="seven-marks-is-text"),
        pytest.param("<!-- a --> ### Sub\n", True, id="marks-after-a-comment"),
        pytest.param("<!--\n# -->#\n", True, id="marks-after-a-comment-on-a-heading-like-line"),
        pytest.param("### Sub\n[TODO: fill]\n", True, id="a-placeholder-is-text"),
    ],
)
def test_section_content(section_text: str, content: bool) -> None:
    document = scanned(f"# T\n\n## Executive Summary\n{section_text}## Business Context\nx\n")
    assert document.regions[1].content is content
    assert document.regions[2].content is True


def test_a_comment_opened_on_the_heading_line_is_not_the_sections_text() -> None:
    document = scanned("# T\n\n## Executive Summary <!-- a\nb -->\n## Business Context\nx\n")
    assert [region.content for region in document.regions[1:]] == [False, True]


def test_placeholders_and_guidance_are_found_where_they_are() -> None:
    body = (
        "## Executive Summary\n"
        "<!-- guidance: mention [TODO: inside a comment] -->\n"
        "Intro [TODO: outcome] and [TODO: numbers].\n"
        "```mermaid\nA[TODO: client] --> B\n```\n"
    )
    document = scanned(body)
    region = document.regions[1]
    assert [document.line_col(position) for position in region.guidance] == [(2, 1)]
    assert [(*document.line_col(at), text) for at, text in region.placeholders] == [
        (3, 7, "[TODO: outcome]"),
        (3, 27, "[TODO: numbers]"),
        (5, 2, "[TODO: client]"),
    ]
    assert not region.filled


def test_links_images_and_what_is_skipped() -> None:
    body = (
        "See [the index](../README.md), ![diagram](img/a.png \"title\") and "
        "[a site](https://example.org), [an anchor](#top), [mail](mailto:a@example.org).\n"
        "`[in code](missing.md)` and\n"
        "```\n[in a fence](missing.md)\n```\n"
        "<!-- [in a comment](missing.md) -->\n"
        "[ref]: docs/ref.md\n"
        "[spaced](<my file.md>)\n"
    )
    document = scanned(body)
    places = [(href, link_place(document, href, at, inline)) for href, at, inline in document.links]
    assert [
        (href, *document.line_col(start), image) for href, (start, image) in places if start >= 0
    ] == [
        ("../README.md", 1, 5, False),
        ("img/a.png", 1, 32, True),
        ("docs/ref.md", 7, 1, False),
        ("my file.md", 8, 1, False),
    ]


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        pytest.param(
            "[a](1.md)\n```\n[b](2.md)\n```\n[c](3.md)\n", ["1.md", "3.md"], id="around-a-fence"
        ),
        pytest.param(
            "<!-- [a](1.md) -->[b](2.md)<!--\n[c](3.md) -->\n[d]: 4.md\n",
            ["2.md", "4.md"],
            id="between-comments",
        ),
        pytest.param(
            "<!--\n```\n-->\n[a](1.md)\n```\n<!-- [b](2.md)\n```\n[c](3.md)\n",
            ["1.md", "3.md"],
            id="fence-in-comment-then-comment-in-fence",
        ),
        pytest.param("~~~\n[a](1.md)\n[r]: 2.md\n", [], id="a-fence-never-closed"),
        pytest.param("<!-- [a](1.md)\n[b](2.md)\n", [], id="a-comment-never-closed"),
    ],
)
def test_a_link_in_code_or_a_comment_is_none(body: str, kept: list[str]) -> None:
    assert [href for href, _, _ in scanned(body).links] == kept


def test_front_matter_with_crlf_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    text = "\ufeff---\r\ntitle: \"T\"\r\nnumber: 3\r\n---\r\n# T\r\n## Executive Summary\r\n"
    path.write_bytes(text.encode("utf-8"))
    document = read_document(str(path), "README.md", "03_t", 3, "t", False)
    assert document.front == {"title": "T", "number": 3}
    assert document.body_line == 5
    assert document.title == "T"
    assert headings(document) == [("Executive Summary", 6)]


def test_front_matter_parse_errors_point_at_the_line(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text("---\ntitle: ok\nkey_metrics: [unclosed\n---\n# T\n", encoding="utf-8")
    document = read_document(str(path), "README.md", "03_t", 3, "t", False)
    assert document.front is None
    assert document.front_error is not None
    assert document.front_error[0].startswith("front matter is not valid YAML")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(b"\xff\xfe", "the file is not UTF-8 text", id="not-utf8"),
        pytest.param(None, "the file cannot be read", id="a-directory"),
    ],
)
def test_unreadable_documents_are_reported_not_raised(
    tmp_path: Path, content: bytes | None, expected: str
) -> None:
    path = tmp_path / "README.md"
    if content is None:
        path.mkdir()
    else:
        path.write_bytes(content)
    document = read_document(str(path), "README.md", "03_t", 3, "t", False)
    assert document.read_error is not None
    assert document.read_error[0].startswith(expected)


@pytest.mark.parametrize("size", [0, 1 << 16, 3 * (1 << 16) + 5], ids=["empty", "64k", "200k"])
def test_a_document_is_read_whole_whatever_its_size(tmp_path: Path, size: int) -> None:
    path = tmp_path / "README.md"
    filler = ("x" * 63 + "\n") * (size // 64) + "y" * (size % 64)
    path.write_text(filler + "\n## Executive Summary\n\n[end](missing.md)\n", encoding="utf-8")
    document = read_document(str(path), "README.md", "03_t", 3, "t", False)
    assert headings(document) == [("Executive Summary", size // 64 + 2)]
    assert [href for href, _, _ in document.links] == ["missing.md"]


def test_load_case_studies_reads_front_matter(tmp_path: Path) -> None:
    shutil.copytree(DATA / "filled", tmp_path / "dir")
    (record,) = load_case_studies(tmp_path / "dir")
    assert record.path == tmp_path / "dir" / "01_vector_search_platform" / "README.md"
    assert (record.name, record.number, record.slug, record.flat) == (
        "01_vector_search_platform", 1, "vector_search_platform", False
    )
    assert record.title == "Vector Search Platform"
    assert record.metrics == ("2.1B vectors", "87ms p99 latency", "$0.0012/query")
    assert record.focus_area == "Scaling vector databases"
    assert (record.status, record.metadata_source, record.problem) == (
        "published", "front matter", None
    )
    assert record.front_matter is not None and record.front_matter["number"] == 1


def test_the_nine_sections_come_from_the_shared_list() -> None:
    assert [section_for(title) for title in SECTION_TITLES] == list(range(9))


# --- the event scan against a plain whole-text search --------------------------------------

# What `_events` finds, as straightforward whole-text searches: the scan must find exactly
# these, however it gets there. Texts are made of the pieces that start or end an event.
_PIECES = (
    "\n", " ", "   ", "    ", "\t", "#", "##", "```", "~~~", "`", "[", "]", "(", ")", "<",
    ">", "<!--", "-->", "[TODO:", "[TOD", "O", "TODO:", "](", "]:", "\\", "x", "a.md",
    "https://e.org", "*",
)


def _events_by_search(src: str) -> list[tuple[int, int, tuple[int, int] | None]]:
    import re

    found: list[tuple[int, int, tuple[int, int] | None]] = []
    kinds = scan_module._KIND_OF_LAST_GROUP
    for match in scan_module._BLOCK_LINE_RE.finditer(src):
        found.append((match.start() + 1, kinds[match.lastgroup or ""], match.span()))
    found += [(m.start(), scan_module._COMMENT, None) for m in re.finditer("<!--", src)]
    found += [(m.start(), scan_module._TODO, None) for m in re.finditer(r"\[TODO:", src)]
    found += [(m.start(), scan_module._LINK, m.span()) for m in scan_module._LINK_RE.finditer(src)]
    return sorted(found)


@settings(max_examples=500)
@given(st.lists(st.sampled_from(_PIECES), max_size=60))
def test_the_event_scan_finds_what_a_whole_text_search_finds(pieces: list[str]) -> None:
    src = "\n" + "".join(pieces)
    events = [
        (position, kind, match.span() if match is not None else None)
        for position, kind, match in _all_events(src)
    ]
    assert events == _events_by_search(src)


def _all_events(src: str) -> list[scan_module.Event]:
    events, links = scan_module._events(src, 0)
    return sorted(events + links)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("   # Three spaces\n    # Four spaces\n", id="indentation"),
        pytest.param("## A ## B\n```py\n````\n~~~\n", id="runs-of-marks"),
        pytest.param("[ref]: ./a.md\n  [ref2]: <b c.md>\n[TODO: x][TODO: y]\n", id="brackets"),
        pytest.param("[a](b)[c](<d e>)](f) ]( [x](https://e.org) [y](#z)\n", id="links"),
        pytest.param("[x](<a](b>) [y](c](d)\n", id="a-link-inside-a-link"),
        pytest.param("[a](b]: c\n[d\\](e]: f\n", id="a-reference-definition-behind-a-link"),
        pytest.param("<!-- a --><!--b\n<p>\n", id="comments"),
    ],
)
def test_the_event_scan_on_the_shapes_that_matter(text: str) -> None:
    src = "\n" + text
    events = [
        (position, kind, match.span() if match is not None else None)
        for position, kind, match in _all_events(src)
    ]
    assert events == _events_by_search(src)
    assert events  # each shape yields something to compare


# --- content: what `_has_text` sees against a line-by-line reading -------------------------

_CONTENT_PIECES = ("\n", " ", "    ", "\t", "#", "###", "x", "<!--", "-->", "\u00a0")


def _has_text_by_lines(text: str) -> bool:
    """A section has text when some line, with its comments blanked out, is not blank, and
    is not an ATX heading (as written, and starting outside a comment)."""
    import re

    blanked = re.sub(r"<!--.*?(?:-->|\Z)", lambda m: re.sub(r"[^\n]", "\0", m.group()), text,
                     flags=re.DOTALL)
    return any(
        left.replace("\0", " ").strip()
        and (left.startswith("\0") or not re.fullmatch(r" {0,3}#{1,6}(?:[ \t\r].*)?", line))
        for left, line in zip(blanked.split("\n"), text.split("\n"), strict=True)
    )


@settings(max_examples=500)
@given(st.lists(st.sampled_from(_CONTENT_PIECES), max_size=40))
def test_section_content_matches_a_line_by_line_reading(pieces: list[str]) -> None:
    src = "\n" + "".join(pieces)
    comments = []
    position = src.find("<!--")
    while position != -1:
        close = src.find("-->", position + 4)
        comments.append((position, len(src) if close == -1 else close + 3))
        position = src.find("<!--", comments[-1][1])
    assert scan_module._has_text(src, 0, len(src), comments) == _has_text_by_lines(src)
