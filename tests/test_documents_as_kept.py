"""Documents as people keep them: a `---` at the top that is a thematic break, not front
matter; suppression comments; `casestudy check --explain`."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from casestudy.check.codes import CODES, REGISTRY
from casestudy.check.scan import DocumentScan, read_document
from casestudy.cli import run
from casestudy.format.frontmatter import FrontMatterError, split_front_matter


@pytest.mark.parametrize(
    ("text", "data"),
    [
        pytest.param("---\ntitle: x\n---\n# X\n", {"title": "x"}, id="front-matter"),
        pytest.param("---\ntitle: x\n...\n# X\n", {"title": "x"}, id="closed-by-dots"),
        pytest.param('---\n"odd key": 1\n---\n', {"odd key": 1}, id="quoted-key"),
        pytest.param("---\n\ntitle: x\n---\n", {"title": "x"}, id="blank-line-first"),
        pytest.param("---\r\ntitle: x\r\n---\r\n", {"title": "x"}, id="crlf"),
        pytest.param("---\n---\n# X\n", {}, id="empty-block"),
        pytest.param("---\n# Title\n\nProse.\n", None, id="break-then-heading"),
        pytest.param("---\n\n# Title\n---\n", None, id="break-blank-heading"),
        pytest.param("---\nFirst posted on a wiki.\n---\n", None, id="break-then-prose"),
        pytest.param("---\n- a list\n", None, id="break-then-list"),
        pytest.param("---\n", None, id="break-alone"),
        pytest.param("# Title\n---\nkey: value\n", None, id="no-dashes-at-the-top"),
    ],
)
def test_front_matter_is_a_block_of_key_value_lines(text: str, data: object) -> None:
    front = split_front_matter(text)
    assert (front.data if front is not None else None) == data


def test_key_value_lines_never_closed_are_broken_front_matter() -> None:
    with pytest.raises(FrontMatterError, match="never closed"):
        split_front_matter("---\ntitle: x\n\n# Title\n")


def _scan(tmp_path: Path, text: str, name: str = "01_x.md") -> DocumentScan:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_document(str(path), name, name, 1, "x", True)


def test_a_thematic_break_keeps_the_document_legacy(tmp_path: Path) -> None:
    scan = _scan(tmp_path, "---\n\n# Title\n\n## Executive Summary\n\nText.\n")
    assert not scan.has_front_matter
    assert scan.title == "Title" and scan.line_of(scan.title_position) == 3


@pytest.mark.parametrize(
    ("comment", "disabled"),
    [
        pytest.param("<!-- casestudy-disable CS401 -->", {0: {"CS401"}}, id="one-code"),
        pytest.param(
            "<!-- casestudy-disable CS401 CS402 -->", {0: {"CS401", "CS402"}}, id="two-codes"
        ),
        pytest.param("<!--casestudy-disable cs401,CS501-->", {0: {"CS401", "CS501"}},
                     id="lowercase-and-commas"),
        pytest.param("<!-- casestudy-disable -->", {0: set()}, id="every-code"),
        pytest.param("<!-- casestudy-disable-next-line CS501 -->", {4: {"CS501"}},
                     id="next-line"),
        pytest.param("<!-- casestudy-disable-for-now CS401 -->", None, id="not-a-directive"),
        pytest.param("<!-- see casestudy-disable in the README -->", None, id="a-mention"),
        pytest.param("```\n<!-- casestudy-disable CS401 -->\n```", None, id="inside-code"),
    ],
)
def test_suppression_comments(tmp_path: Path, comment: str, disabled: object) -> None:
    scan = _scan(tmp_path, f"# Title\n\n{comment}\nA [link](missing.md).\n")
    found = None if scan.disabled is None else {k: set(v) for k, v in scan.disabled.items()}
    assert found == disabled


def test_suppression_covers_the_codes_and_lines_it_names(tmp_path: Path) -> None:
    scan = _scan(tmp_path, "# T\n\n<!-- casestudy-disable-next-line CS501 -->\nx\n"
                 "<!-- casestudy-disable CS401 -->\n")
    assert scan.suppresses("CS401", 1) and scan.suppresses("CS401", 99)
    assert scan.suppresses("CS501", 4)
    assert not scan.suppresses("CS501", 5) and not scan.suppresses("CS502", 4)


def _explain(code: str) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        status = run(["check", "--explain", code])
    return status, stdout.getvalue(), stderr.getvalue()


@pytest.mark.parametrize("code", list(CODES))
def test_explain_says_what_a_code_means_and_how_to_fix_it(code: str) -> None:
    status, out, err = _explain(code.lower())
    known = CODES[code]
    assert (status, err) == (0, "")
    assert out.startswith(f"{code}: {known.name} ({known.rule} rule)\n")
    assert f"What it reports: {known.finding}.\n" in out
    assert f"How to fix it: {known.fix}\n" in out
    assert f"<!-- casestudy-disable {code} -->" in out


def test_explain_output_is_pinned() -> None:
    assert _explain("CS312")[1] == (
        "CS312: index is a list (index rule)\n\n"
        "What it reports: the index is a numbered list of links, not a table.\n\n"
        "How to fix it: Run `casestudy index --write` to turn the list into the table, built "
        "from the case studies; everything else in the file stays as it is.\n\n"
        "To turn it off for one document, write <!-- casestudy-disable CS312 --> in it (or "
        "<!-- casestudy-disable-next-line CS312 --> above the line); for a directory, set "
        'CS312 = "off" (or "warning") in the [rules] table of its .casestudy.toml.\n'
    )


def test_explaining_an_unknown_code_is_a_usage_error_listing_the_codes() -> None:
    status, out, err = _explain("CS999")
    assert (status, out) == (2, "")
    assert err.startswith("Error: --explain: 'CS999' is not a finding code. The codes are CS001,")
    assert all(code.code in err for code in REGISTRY)


def test_every_code_says_how_to_fix_it() -> None:
    assert all(code.fix.strip() and code.fix.endswith(".") for code in REGISTRY)
