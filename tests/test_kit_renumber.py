"""`casestudy renumber`: after two pull requests both took a number, the later case study moves.

tests/data/kit/renumber/merged_collision/ holds a directory as it looks after such merges
(`before/`), the whole tree expected afterwards (`after/`) and the dry run's output
(`plan.txt`).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import tree

from casestudy.cli import run
from casestudy.directory.records import CaseStudyRecord
from casestudy.kit.renumber import Holder, plan_renumbering, relink_row, set_front_matter_number

DATA = Path(__file__).parent / "data" / "kit" / "renumber" / "merged_collision"



@pytest.fixture
def merged(tmp_path: Path) -> Path:
    root = tmp_path / "case-studies"
    shutil.copytree(DATA / "before", root)
    return root


def test_the_later_case_studies_move_with_their_front_matter_and_index_rows(
    merged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["renumber", str(merged)]) == 0

    assert tree(merged) == tree(DATA / "after")
    out = capsys.readouterr().out
    assert "Moved 02_vector_cache -> 04_vector_cache" in out
    assert "Moved 03_alpha_ranker -> 05_alpha_ranker" in out
    # The index follows: its rows agree with the case studies, and a second run finds nothing.
    assert run(["index", "--check", str(merged)]) == 0
    assert run(["renumber", str(merged)]) == 0
    assert "nothing to move" in capsys.readouterr().out
    assert tree(merged) == tree(DATA / "after")


def test_dry_run_prints_the_plan_and_changes_nothing(
    merged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tree(merged)

    assert run(["renumber", "--dry-run", str(merged)]) == 0

    assert capsys.readouterr().out == (DATA / "plan.txt").read_text()
    assert tree(merged) == before


def _study(name: str, created: str | None) -> CaseStudyRecord:
    number, slug = name.split("_", 1)
    front_matter = None if created is None else {"created": created}
    return CaseStudyRecord(
        path=Path(name), name=name, number=int(number), slug=slug, flat=False,
        front_matter=front_matter,
    )


@pytest.mark.parametrize(
    ("studies", "holders", "expected"),
    [
        pytest.param(
            [_study("06_b", "2026-11-20"), _study("06_a", "2026-11-21")],
            [],
            {"06_a": 7},
            id="later-created-moves-whatever-its-name",
        ),
        pytest.param(
            [_study("06_b", "2026-11-20"), _study("06_a", "2026-11-20")],
            [],
            {"06_b": 7},
            id="same-day-the-name-decides",
        ),
        pytest.param(
            [_study("06_new", "2026-01-01"), _study("06_old", None)],
            [],
            {"06_new": 7},
            id="no-created-date-counts-as-older",
        ),
        pytest.param(
            [_study("06_undated", ""), _study("06_dated", "2026-11-20")],
            [],
            {"06_undated": 7},
            id="front-matter-without-a-date-counts-as-later",
        ),
        pytest.param(
            [
                _study("03_x", "2026-11-20"),
                _study("03_y", "2026-11-22"),
                _study("03_z", "2026-11-21"),
            ],
            [Holder("09_elsewhere.md", 9)],
            {"03_z": 10, "03_y": 11},
            id="three-way-after-the-highest-number-the-index-lists",
        ),
        pytest.param(
            [_study("05_here", "2026-11-20")],
            [Holder("05_listed_only.md", 5)],
            {"05_here": 6},
            id="a-case-study-only-the-index-lists-keeps-its-number",
        ),
        pytest.param(
            [_study("01_a", "2026-11-20"), _study("02_b", "2026-11-20")],
            [],
            {},
            id="no-collision",
        ),
    ],
)
def test_plan(
    studies: list[CaseStudyRecord], holders: list[Holder], expected: dict[str, int]
) -> None:
    moves = plan_renumbering(studies, holders)
    assert {move.study.name: move.new_number for move in moves} == expected


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        pytest.param("number: 6\n", "number: 12\n", id="plain"),
        pytest.param("number: '6'\r\n", "number: '12'\r\n", id="quoted-crlf"),
        pytest.param("number: 6   # took 6\n", "number: 12   # took 6\n", id="comment-kept"),
        pytest.param("slug: x\n", None, id="no-number-line"),
    ],
)
def test_only_the_number_changes(front_matter: str, expected: str | None) -> None:
    body = "\n# Title\n\nnumber: 6 in the body is not front matter.\n"
    text = "---\ntitle: T\n" + front_matter + "---\n" + body

    edited = set_front_matter_number(text, 12)

    assert edited == (None if expected is None else "---\ntitle: T\n" + expected + "---\n" + body)


@pytest.mark.e2e
def test_the_real_command_in_a_subprocess(merged: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "casestudy", "renumber", str(merged)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert tree(merged) == tree(DATA / "after")


@pytest.mark.parametrize(
    "link",
    ["06_b/README.md", "./06_b/README.md", "06_b/", "./06_b/README.md#results"],
)
def test_the_row_keeps_its_own_way_of_writing_the_link(link: str) -> None:
    index = "| Case Study | Key Metrics | Focus Area |\n|---|---|---|\n"
    row = f"| **[B]({link})** | 1 row | Tests |\n"

    relinked = relink_row(index + row + "\nAfter.", "06_b", "07_b")

    assert relinked == index + row.replace("06_b", "07_b") + "\nAfter."


def test_a_moved_case_study_whose_front_matter_is_broken_is_pointed_out(
    merged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = merged / "03_alpha_ranker" / "README.md"
    broken = readme.read_bytes().replace(b'title: "Alpha Ranker"', b'title: "Alpha Ranker')
    readme.write_bytes(broken)

    assert run(["renumber", str(merged)]) == 0

    moved = merged / "05_alpha_ranker" / "README.md"
    assert moved.read_bytes() == broken  # nothing guessed into a file it cannot read
    assert f"{moved}: front matter is not valid YAML" in capsys.readouterr().err
