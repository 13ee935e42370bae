"""What a case study holds never reaches a terminal or a spreadsheet raw: control, invisible and
separator characters are shown as escapes in every output, and catalog CSV neutralises cells
a spreadsheet would run as formulas (OWASP's CSV injection guidance).

The hostile directory is a copy of tests/data/kit/catalog/directory (fictional case studies)
whose index row and front matter are given the characters below.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import Environment

from casestudy.cli import run
from casestudy.format.controls import escape_controls, is_unsafe, json_escape
from casestudy.kit.catalog import neutralise_cell
from casestudy.template.extension import CaseStudyExtension

CATALOG_DIRECTORY = Path(__file__).parent / "data" / "kit" / "catalog" / "directory"
CLEAR_SCREEN_AND_RETITLE = "\x1b[2J\x1b]0;owned\x07"
RIGHT_TO_LEFT_OVERRIDE = "\u202e"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        pytest.param("Fraud Feature Store", "Fraud Feature Store", id="plain-ascii"),
        pytest.param("Caf\u00e9 \U0001f680 检索", "Caf\u00e9 \U0001f680 检索",
                     id="printable-unicode"),
        pytest.param("a\x1b[31mb", r"a\x1b[31mb", id="escape-sequence"),
        pytest.param("a\x9bb", r"a\x9bb", id="c1-control-introducer"),
        pytest.param("a\x07b\x7f", r"a\x07b\x7f", id="bell-and-delete"),
        pytest.param("a\tb\nc\rd", r"a\x09b\x0ac\x0dd", id="tab-newline-return"),
        pytest.param("a\u2028b\u2029c", r"a\u2028b\u2029c", id="line-and-paragraph-separators"),
        pytest.param("a\u202eb\u2066c", r"a\u202eb\u2066c", id="bidirectional-controls"),
        pytest.param("a\u200bb\ufeffc", r"a\u200bb\ufeffc", id="zero-width"),
        pytest.param("a\U000e0041b", r"a\U000e0041b", id="tag-character"),
        pytest.param("a\ud800b", r"a\ud800b", id="lone-surrogate"),
    ],
)
def test_escape_controls(text: str, shown: str) -> None:
    assert escape_controls(text) == shown


def test_json_escapes_read_back_as_the_same_text() -> None:
    text = "x\x9b\u202e\U000e0041y"
    escaped = escape_controls(text, json_escape)
    assert escaped == r"x\u009b\u202e\udb40\udc41y"
    assert json.loads(f'"{escaped}"') == text


@given(st.text())
def test_an_answer_renders_as_itself_through_the_extension(text: str) -> None:
    environment = Environment(extensions=[CaseStudyExtension], keep_trailing_newline=True)
    assert environment.from_string(text).render() == text


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        pytest.param("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")", id="equals"),
        pytest.param("+1+2", "'+1+2", id="plus"),
        pytest.param("-2+3", "'-2+3", id="minus-formula"),
        pytest.param("-5 ms", "'-5 ms", id="minus-text"),
        pytest.param("@SUM(A1:A2)", "'@SUM(A1:A2)", id="at"),
        pytest.param("\t=1", r"'\x09=1", id="tab"),
        pytest.param("\r=1", r"'\x0d=1", id="carriage-return"),
        pytest.param("-12.5", "-12.5", id="negative-number-is-a-value"),
        pytest.param("-1.5e-06", "-1.5e-06", id="negative-exponent-number"),
        pytest.param("a=b", "a=b", id="equals-inside"),
        pytest.param("2.1B vectors", "2.1B vectors", id="plain"),
        pytest.param("", "", id="empty"),
    ],
)
def test_neutralise_cell(cell: str, written: str) -> None:
    assert neutralise_cell(cell) == written


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    root = tmp_path / "directory"
    shutil.copytree(CATALOG_DIRECTORY, root)
    index = root / "README.md"
    index.write_text(
        index.read_text(encoding="utf-8")
        .replace("[Legacy Search]", f"[Legacy Search{CLEAR_SCREEN_AND_RETITLE}]")
        .replace("8.4B queries/month", "=1+2 queries/month")
        .replace("| Production RAG", f"| {RIGHT_TO_LEFT_OVERRIDE}Production RAG"),
        encoding="utf-8",
    )
    document = root / "02_vector_cache" / "README.md"
    document.write_text(
        document.read_text(encoding="utf-8").replace(
            'title: "Vector Cache"', r'title: "Vector\u2028Cache\e[2J\e]0;owned\a"'
        ),
        encoding="utf-8",
    )
    return root


def _raw_controls(output: str) -> list[str]:
    return [char for char in output if is_unsafe(char) and char != "\n"]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    run(argv)
    captured = capsys.readouterr()
    return captured.out + captured.err


@pytest.mark.parametrize("output_format", ["plain", "github", "rich"])
def test_check_output_shows_escapes(
    hostile: Path, output_format: str, capsys: pytest.CaptureFixture[str]
) -> None:
    output = _run(["check", "--format", output_format, str(hostile)], capsys)
    assert "CS305" in output
    # rich wraps long lines to the console's width, so it is looked for in pieces there
    assert r"Vector\u2028Cache\x1b[2J" in output
    assert r"\x1b]0;owned\x07" in output
    assert _raw_controls(output) == []


def test_index_check_diff_shows_escapes(
    hostile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = _run(["index", "--check", str(hostile)], capsys)
    # (the row's title has its white space, U+2028 included, folded to single spaces)
    assert r"+| **[Vector Cache\x1b\[2J\x1b\]0;owned\x07](02_vector_cache/README.md)**" in (
        output
    )
    assert _raw_controls(output) == []


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_catalog_csv_neutralises_formulas_and_escapes_controls(
    hostile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = _run(["catalog", "--format", "csv", str(hostile)], capsys)
    assert _raw_controls(output.replace("\r\n", "\n")) == []
    legacy, vector_cache, _ = _csv_rows(output)
    assert legacy["title"] == r"Legacy Search\x1b[2J\x1b]0;owned\x07"
    assert legacy["focus_area"] == r"\u202eProduction RAG systems"
    assert legacy["metric_1"] == "'=1+2 queries/month"
    assert vector_cache["title"] == r"Vector\u2028Cache\x1b[2J\x1b]0;owned\x07"


def test_catalog_csv_raw_keeps_every_cell_as_written(
    hostile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = _run(["catalog", "--format", "csv", "--raw", str(hostile)], capsys)
    legacy, vector_cache, _ = _csv_rows(output)
    assert legacy["title"] == f"Legacy Search{CLEAR_SCREEN_AND_RETITLE}"
    assert legacy["metric_1"] == "=1+2 queries/month"
    assert vector_cache["title"] == f"Vector\u2028Cache{CLEAR_SCREEN_AND_RETITLE}"


def test_catalog_json_escapes_every_control_and_reads_back_exactly(
    hostile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = _run(["catalog", "--format", "json", str(hostile)], capsys)
    assert _raw_controls(output) == []
    titles = [study["title"] for study in json.loads(output)["case_studies"]]
    assert titles[:2] == [
        f"Legacy Search{CLEAR_SCREEN_AND_RETITLE}",
        f"Vector\u2028Cache{CLEAR_SCREEN_AND_RETITLE}",
    ]
