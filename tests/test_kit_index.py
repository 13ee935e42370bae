"""`casestudy index`: the table's rows follow the case studies' front matter, nothing else moves.

Each case under tests/data/kit/index/ is a directory (`before/`) and the index README expected
after `--write` (`after.md`). Every case runs in several byte shapes of the same README (CRLF,
a BOM, no final newline), applied alike to the input and the expected output.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from casestudy.cli import run
from casestudy.errors import IndexTableError
from casestudy.index.model import IndexEntry
from casestudy.index.sync import DerivedRow, rewrite_rows
from casestudy.index.table import find_index_table

DATA = Path(__file__).parent / "data" / "kit" / "index"
CASES = sorted(path.name for path in DATA.iterdir())

SHAPES: dict[str, Callable[[str], str]] = {
    "lf": lambda text: text,
    "crlf": lambda text: text.replace("\n", "\r\n"),
    "bom": lambda text: "\ufeff" + text,
    "no-final-newline": lambda text: text.removesuffix("\n"),
    "bom-crlf-no-final-newline": lambda text: "\ufeff" + text.replace("\n", "\r\n")[:-2],
}


def _directory(tmp_path: Path, case: str, shape: str) -> tuple[Path, bytes]:
    root = tmp_path / case
    shutil.copytree(DATA / case / "before", root)
    readme = root / "README.md"
    readme.write_bytes(SHAPES[shape](readme.read_text(encoding="utf-8")).encode())
    expected = SHAPES[shape]((DATA / case / "after.md").read_text(encoding="utf-8"))
    return root, expected.encode()


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("case", CASES)
def test_write_gives_the_expected_index_then_check_passes(
    tmp_path: Path, case: str, shape: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root, expected = _directory(tmp_path, case, shape)
    in_step = (root / "README.md").read_bytes() == expected

    assert run(["index", "--check", str(root)]) == (0 if in_step else 1)
    assert run(["index", "--write", str(root)]) == 0
    assert (root / "README.md").read_bytes() == expected
    assert run(["index", "--check", str(root)]) == 0
    capsys.readouterr()


@pytest.mark.parametrize("case", CASES)
def test_write_twice_is_a_no_op(tmp_path: Path, case: str) -> None:
    root, _ = _directory(tmp_path, case, "crlf")
    assert run(["index", "--write", str(root)]) == 0
    once = (root / "README.md").read_bytes()
    stat = (root / "README.md").stat()
    assert run(["index", "--write", str(root)]) == 0
    assert (root / "README.md").read_bytes() == once
    assert (root / "README.md").stat().st_mtime_ns == stat.st_mtime_ns  # not even rewritten


def test_check_prints_a_unified_diff_of_the_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, _ = _directory(tmp_path, "drifted", "lf")
    before = (root / "README.md").read_bytes()

    assert run(["index", "--check", str(root)]) == 1

    out, err = capsys.readouterr()
    assert (root / "README.md").read_bytes() == before  # --check never writes
    assert out.startswith(f"--- {root / 'README.md'} (as it is)\n+++ ")
    assert "-| **[Vector Cache](02_vector_cache/README.md)**" in out
    assert "+| **[Vector Cache v2](02_vector_cache/README.md)**" in out
    assert "-| **[Gone](05_removed/README.md)** | 1 thing | Nowhere |\n" in out
    assert "casestudy index --write" in err


def test_a_case_study_whose_front_matter_is_broken_keeps_its_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, _ = _directory(tmp_path, "in_step", "lf")
    study = root / "01_ranker" / "README.md"
    study.write_text(study.read_text().replace("title: ", "title: [unclosed "))
    before = (root / "README.md").read_bytes()

    assert run(["index", "--write", str(root)]) == 0

    assert (root / "README.md").read_bytes() == before
    assert "01_ranker/README.md" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("readme", "message"),
    [
        pytest.param(None, "has no README.md", id="no-readme"),
        pytest.param("# Notes\n\nNo table here.\n", "has no index table", id="no-table"),
    ],
)
def test_a_directory_without_an_index_table_is_a_clear_error(
    tmp_path: Path, readme: str | None, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if readme is not None:
        (tmp_path / "README.md").write_text(readme)

    assert run(["index", "--write", str(tmp_path)]) == 1

    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    if readme is not None:
        assert (tmp_path / "README.md").read_text() == readme


def test_rewrite_rows_is_verified_by_reparsing() -> None:
    text = "| Case Study | Key Metrics | Focus Area |\n|---|---|---|\n"
    entry = IndexEntry("Only", "01_only/README.md", ("1 row",), "Tests")

    result = rewrite_rows(text, [DerivedRow(1, "01_only", entry)])

    table = find_index_table(result)
    assert table is not None
    assert [row.links for row in table.rows] == [["01_only/README.md"]]
    assert result == text + "| **[Only](01_only/README.md)** | 1 row | Tests |\n"


def test_rewrite_rows_without_a_table_raises() -> None:
    with pytest.raises(IndexTableError, match="no index table"):
        rewrite_rows("# Just a title\n", [])


@pytest.mark.e2e
def test_the_real_command_in_a_subprocess(tmp_path: Path) -> None:
    root, expected = _directory(tmp_path, "drifted", "crlf")
    command = [sys.executable, "-m", "casestudy", "index"]

    check = subprocess.run([*command, "--check", str(root)], capture_output=True, text=True)
    write = subprocess.run([*command, "--write", str(root)], capture_output=True, text=True)
    again = subprocess.run([*command, "--check", str(root)], capture_output=True, text=True)

    assert (check.returncode, write.returncode, again.returncode) == (1, 0, 0)
    assert "+| **[Fraud Features](04_fraud_features/README.md)**" in check.stdout
    assert (root / "README.md").read_bytes() == expected
