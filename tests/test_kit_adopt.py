"""`casestudy adopt`: an older directory taken into the template's shape, nothing lost.

tests/data/adopt/ holds a fictional directory in the seed's shape: five flat case studies
(`documents/`, no final newline, long section names, an extra "Conclusion", one with CRLF
endings, one with a placeholder left, links between them and an image beside one), and three
index READMEs: the seed's table, an older numbered list of links, and a table missing one
case study. The list holds the same case studies as the table, so it must become that table.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import tree

from casestudy.cli import run
from casestudy.format.frontmatter import split_front_matter
from casestudy.kit.adopt import plan_adoption
from casestudy.kit.adopt_apply import JOURNAL_NAME, Journal, _move, _write

GIT = frozenset({".git"})  # the repository adopt commits to is not the case studies


DATA = Path(__file__).parent / "data" / "adopt"
DOCUMENTS = sorted(path.name for path in (DATA / "documents").glob("*.md"))
MTIME = 1_700_000_000  # 2023-11-14 (UTC)



def make_directory(tmp_path: Path, index: str = "index-table.md") -> Path:
    root = tmp_path / "case-studies"
    shutil.copytree(DATA / "documents", root)
    shutil.copyfile(DATA / index, root / "README.md")
    for path in root.iterdir():
        os.utime(path, (MTIME, MTIME))
    return root


def _body(text: bytes) -> bytes:
    """What follows the front matter, as bytes."""
    decoded = text.decode("utf-8")
    front = split_front_matter(decoded)
    assert front is not None, "no front matter"
    return decoded[front.body_start :].encode("utf-8")


def _front(path: Path) -> dict[str, object]:
    front = split_front_matter(path.read_text(encoding="utf-8"))
    assert front is not None
    return front.data


def _codes(root: Path, capsys: pytest.CaptureFixture[str]) -> set[tuple[str, str]]:
    capsys.readouterr()
    run(["check", "--strict", "--format", "json", str(root)])
    report = json.loads(capsys.readouterr().out)
    return {
        (Path(finding["path"]).relative_to(root).as_posix(), finding["code"])
        for finding in report["findings"]
    }


# What `check --strict` still reports after adoption: only real problems of the fixture.
REAL_PROBLEMS = {
    # rows 01 and 04 carry the same metrics (as in the seed directory)
    ("README.md", "CS310"),
    # 04 still has a placeholder
    ("04_multi_modal_search.md", "CS105"),
}


@pytest.mark.parametrize(
    ("index", "extra_problems"),
    [
        pytest.param("index-table.md", set(), id="table-index"),
        pytest.param("index-list.md", set(), id="list-index"),
        pytest.param(
            "index-missing-one.md",
            {("05_real_time_inference_db.md", "CS203")},  # no focus area to be found
            id="one-missing-from-the-index",
        ),
    ],
)
def test_adoption_keeps_every_body_and_the_directory_then_works_with_every_command(
    tmp_path: Path,
    index: str,
    extra_problems: set[tuple[str, str]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = make_directory(tmp_path, index)

    assert run(["adopt", str(root)]) == 0
    out = capsys.readouterr().out
    assert "file's modification date" in out

    for name in DOCUMENTS:
        original = (DATA / "documents" / name).read_bytes()
        assert _body((root / name).read_bytes()) == original, name
    assert _front(root / "01_rag_system_production.md") == {
        "title": "RAG System Production",
        "number": 1,
        "slug": "rag_system_production",
        "focus_area": "Production RAG systems",
        "key_metrics": ["8.4B queries/month", "142ms p50 latency", "0.78 NDCG@10"],
        "status": "published",
        "created": __import__("datetime").date.fromtimestamp(MTIME),
    }
    assert _front(root / "04_multi_modal_search.md")["status"] == "draft"
    # A CRLF document gets its front matter in CRLF too.
    assert (root / "03_feature_store_production.md").read_bytes().startswith(b"---\r\ntitle:")

    assert run(["index", "--check", str(root)]) == 0
    capsys.readouterr()
    assert _codes(root, capsys) == REAL_PROBLEMS | extra_problems

    assert run(["catalog", "--format", "json", str(root)]) == 0
    catalog = json.loads(capsys.readouterr().out)["case_studies"]
    assert [study["number"] for study in catalog] == [1, 2, 3, 4, 5]
    assert all(study["source"] == "front matter" for study in catalog)
    assert all(study["metrics"] and study["metrics"][0]["value"] for study in catalog)


def test_a_case_study_missing_from_the_index_takes_its_h1_and_summary_figures_and_gets_a_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_directory(tmp_path, "index-missing-one.md")

    assert run(["adopt", str(root)]) == 0

    out = capsys.readouterr().out
    assert "05_real_time_inference_db.md: front matter: no index row; title from its H1; " \
        "key metrics from its Executive Summary's figures (3); no focus area" in out
    front = _front(root / "05_real_time_inference_db.md")
    assert front["title"] == "Real-Time Inference DB"
    # Bold spans are the metrics as the author wrote them, words and all.
    assert front["key_metrics"] == [
        "2.4B requests/day", "8.7ms p99 latency", "99.998% availability"
    ]
    index = (root / "README.md").read_text(encoding="utf-8")
    assert (
        "| **[Real-Time Inference DB](05_real_time_inference_db.md)** | 2.4B requests/day, "
        "8.7ms p99 latency, 99.998% availability |  |" in index
    )


@pytest.mark.parametrize(
    ("document", "front_lines", "metrics"),
    [
        pytest.param(
            b"\xef\xbb\xbf# BOM and CRLF\r\n\r\n## Executive Summary\r\n\r\nServes 40K QPS at "
            b"9ms p99 latency.\r\n",
            b"\xef\xbb\xbf---\r\n", ["40K QPS", "9ms p99"], id="bom-crlf-plain-figures",
        ),
        pytest.param(
            b"# Old Mac endings\r\r## Executive Summary\r\rCut cost by **35% per query**.",
            b"---\n", ["35% per query"], id="cr-only-no-final-newline",
        ),
        pytest.param(b"", b"---\n", [], id="empty-file"),
        pytest.param(
            b"# Fenced\n\n## Executive Summary\n\n```\n99 bottles\n```\n\n"
            b"## Performance Metrics\n\n12ms p50\n",
            b"---\n", [], id="figures-only-in-code-or-other-sections",
        ),
    ],
)
def test_any_body_stays_byte_for_byte_under_front_matter_in_its_own_line_endings(
    tmp_path: Path, document: bytes, front_lines: bytes, metrics: list[str]
) -> None:
    """Fictional one-off documents without an index (so the summary's figures are used)."""
    root = tmp_path / "case-studies"
    root.mkdir()
    (root / "01_odd_one.md").write_bytes(document)

    assert run(["adopt", str(root)]) == 0

    after = (root / "01_odd_one.md").read_bytes()
    assert after.startswith(front_lines)
    bom = b"\xef\xbb\xbf"
    assert _body(after.removeprefix(bom)) == document.removeprefix(bom)
    assert _front(root / "01_odd_one.md")["key_metrics"] == metrics
    assert not (root / "README.md").exists()  # no index to keep in step, and none invented


def test_a_list_index_becomes_the_seed_style_table(tmp_path: Path) -> None:
    root = make_directory(tmp_path, "index-list.md")

    assert run(["adopt", str(root)]) == 0

    assert (root / "README.md").read_bytes() == (DATA / "index-table.md").read_bytes()


def test_dry_run_prints_the_plan_and_every_diff_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_directory(tmp_path, "index-list.md")
    before = tree(root, skip=GIT)

    assert run(["adopt", "--dry-run", "--layout", "folder", "--rename-sections", str(root)]) == 0

    assert tree(root, skip=GIT) == before
    out = capsys.readouterr().out
    assert "README.md: the list of case studies becomes the index table" in out
    assert "section 'Business Context and Requirements' -> 'Business Context' (line 9)" in out
    assert "--- a/01_rag_system_production.md\n+++ b/01_rag_system_production/README.md" in out
    assert "+title: \"RAG System Production\"" in out
    assert out.rstrip().endswith("Nothing was changed (dry run); run without --dry-run to apply.")


@pytest.mark.parametrize(
    "options",
    [
        pytest.param([], id="keep"),
        pytest.param(["--layout", "folder", "--rename-sections"], id="folder-renamed"),
    ],
)
def test_a_second_run_changes_nothing_and_says_so(
    tmp_path: Path, options: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_directory(tmp_path)
    assert run(["adopt", *options, str(root)]) == 0
    after = tree(root, skip=GIT)
    capsys.readouterr()

    assert run(["adopt", *options, str(root)]) == 0

    assert tree(root, skip=GIT) == after
    assert "Nothing to adopt" in capsys.readouterr().out


def test_rename_sections_renames_only_the_nine_and_only_their_heading_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_directory(tmp_path)

    assert run(["adopt", "--rename-sections", str(root)]) == 0

    original = (DATA / "documents" / "01_rag_system_production.md").read_text(encoding="utf-8")
    body = _body((root / "01_rag_system_production.md").read_bytes()).decode("utf-8")
    expected = original
    for old, new in [
        ("## Business Context and Requirements\n", "## Business Context\n"),
        ("\n## Performance Metrics and Benchmarks\n\n|", "\n## Performance Metrics\n\n|"),
        ("## Challenges and Solutions\n", "## Challenges & Solutions\n"),
        ("## Recommendations for Other Teams\n", "## Recommendations\n"),
    ]:
        assert expected.count(old) == 1
        expected = expected.replace(old, new)
    assert body == expected
    # The heading inside a code fence and the extra "Conclusion" stay as written.
    assert "```markdown\n## Performance Metrics and Benchmarks\n```" in body
    assert body.endswith("## Conclusion\n\nThe system met its targets and the team now "
                         "maintains it with four engineers.")


def test_folder_layout_moves_each_file_and_rewrites_every_link_to_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_directory(tmp_path)

    assert run(["adopt", "--layout", "folder", str(root)]) == 0

    assert sorted(path.name for path in root.iterdir()) == [
        "01_rag_system_production", "02_vector_database_scale", "03_feature_store_production",
        "04_multi_modal_search", "05_real_time_inference_db", "README.md",
        "feature_pipeline.svg",
    ]
    second = (root / "02_vector_database_scale" / "README.md").read_text(encoding="utf-8")
    assert (
        "[RAG case study](../01_rag_system_production/README.md#technical-implementation); "
        "see also [the feature store](../03_feature_store_production/README.md)." in second
    )
    third = (root / "03_feature_store_production" / "README.md").read_bytes()
    assert b"![Feature pipeline](../feature_pipeline.svg)\r\n" in third
    assert b"[Vector Database Scale](../02_vector_database_scale/README.md).\r\n" in third
    index = (root / "README.md").read_text(encoding="utf-8")
    assert "(01_rag_system_production/README.md)" in index
    assert ".md)**" not in index.replace("/README.md)**", "")
    # Every link resolves: the checker finds no broken link, only the fixture's real problems.
    assert _codes(root, capsys) == {
        ("README.md", "CS310"), ("04_multi_modal_search/README.md", "CS105")
    }
    assert run(["index", "--check", str(root)]) == 0
    # Bodies without links to other files stay byte for byte.
    original = (DATA / "documents" / "05_real_time_inference_db.md").read_bytes()
    assert _body((root / "05_real_time_inference_db" / "README.md").read_bytes()) == original


def test_renumber_works_on_adopted_case_studies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_directory(tmp_path)
    assert run(["adopt", str(root)]) == 0
    # Another pull request brought a second number 2, adopted alike.
    text = (root / "05_real_time_inference_db.md").read_text(encoding="utf-8")
    (root / "02_late_arrival.md").write_text(
        text.replace("number: 5", "number: 2").replace(
            "slug: real_time_inference_db", "slug: late_arrival"
        ).replace("created: 2023-11-14", "created: 2026-01-01"),
        encoding="utf-8",
    )
    assert run(["index", "--write", str(root)]) == 0
    capsys.readouterr()

    assert run(["renumber", str(root)]) == 0

    assert "Moved 02_late_arrival.md -> 06_late_arrival.md" in capsys.readouterr().out
    assert _front(root / "06_late_arrival.md")["number"] == 6
    assert run(["index", "--check", str(root)]) == 0


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        pytest.param(
            lambda root: (root / "02_vector_database_scale.md").write_bytes(b"# Caf\xe9\n"),
            "is not UTF-8 text",
            id="not-utf8",
        ),
        pytest.param(
            lambda root: (root / "02_vector_database_scale.md").write_text(
                "---\ntitle: [unclosed\n---\n# X\n", encoding="utf-8"
            ),
            "has front matter that cannot be read",
            id="broken-front-matter",
        ),
        pytest.param(
            lambda root: (root / "README.md").write_text("# Case studies\n\nNone yet.\n"),
            "has neither an index table",
            id="index-without-table-or-list",
        ),
    ],
)
def test_refuses_what_it_cannot_read_and_writes_nothing(
    tmp_path: Path, damage: object, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_directory(tmp_path)
    damage(root)  # type: ignore[operator]
    before = tree(root, skip=GIT)

    assert run(["adopt", str(root)]) == 1

    assert tree(root, skip=GIT) == before
    err = capsys.readouterr().err
    assert message in err
    assert "nothing was changed" in err.lower()
    assert "Traceback" not in err


# --- git --------------------------------------------------------------------------------

GIT_DATE = "2024-03-05T12:00:00+00:00"


def _git(root: Path, *args: str) -> str:
    env = {
        **os.environ, "GIT_AUTHOR_DATE": GIT_DATE, "GIT_COMMITTER_DATE": GIT_DATE,
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull,
    }
    return subprocess.run(
        ["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    root = make_directory(tmp_path)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "the case studies as they were")
    return root


def test_in_git_created_is_the_first_commit_and_folder_layout_moves_with_git_mv(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["adopt", "--layout", "folder", str(repository)]) == 0

    assert "created 2024-03-05 from the file's first commit in git" in capsys.readouterr().out
    status = _git(repository, "status", "--porcelain")
    # Each move is staged as a rename, the edits after it left for the author to review.
    assert "RM 01_rag_system_production.md -> 01_rag_system_production/README.md" in status
    front = _front(repository / "01_rag_system_production" / "README.md")
    assert str(front["created"]) == "2024-03-05"


def test_a_dirty_git_tree_is_refused_unless_allowed(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with (repository / "02_vector_database_scale.md").open("a", encoding="utf-8") as handle:
        handle.write("\nAn edit not yet committed.")
    before = tree(repository, skip=GIT)

    assert run(["adopt", "--dry-run", str(repository)]) == 0
    assert "a run without --dry-run would refuse" in capsys.readouterr().err

    assert run(["adopt", str(repository)]) == 1

    assert tree(repository, skip=GIT) == before
    err = capsys.readouterr().err
    assert "uncommitted changes in git (02_vector_database_scale.md)" in err
    assert "--allow-dirty" in err
    assert run(["adopt", "--allow-dirty", str(repository)]) == 0
    assert _front(repository / "02_vector_database_scale.md")["number"] == 2


# --- a kill at any moment converges -----------------------------------------------------


@pytest.mark.parametrize("layout", ["keep", "folder"])
def test_an_adoption_cut_short_after_any_step_is_finished_by_the_next_run(
    tmp_path: Path, layout: str
) -> None:
    reference = make_directory(tmp_path / "reference")
    assert run(["adopt", "--layout", layout, str(reference)]) == 0
    expected = tree(reference, skip=GIT)

    plan = plan_adoption(make_directory(tmp_path / "probe"), layout=layout)  # type: ignore[arg-type]
    steps = len(plan.moves) + len(plan.changes)
    for done in range(steps + 1):
        root = make_directory(tmp_path / f"cut-{done}")
        plan = plan_adoption(root, layout=layout)  # type: ignore[arg-type]
        journal = Journal.from_plan(plan)
        (root / JOURNAL_NAME).write_text(journal.to_json(), encoding="utf-8")
        remaining = done
        for old, new in journal.moves:
            if remaining:
                _move(root, None, old, new)
                remaining -= 1
        for name, text in journal.writes:
            if remaining:
                _write(root, name, text)
                remaining -= 1

        assert run(["adopt", "--layout", layout, str(root)]) == 0

        assert tree(root, skip=GIT) == expected, f"cut after {done} step(s)"


def test_a_real_kill_at_several_moments_then_a_rerun_converges(tmp_path: Path) -> None:
    """SIGKILL the real command at moments spread over an uninterrupted run's duration."""

    command = [sys.executable, "-m", "casestudy", "adopt", "--layout", "folder"]
    reference = make_directory(tmp_path / "reference")
    started = time.monotonic()
    subprocess.run([*command, str(reference)], check=True, capture_output=True)
    duration = time.monotonic() - started
    expected = tree(reference, skip=GIT)

    for step in range(4):
        root = make_directory(tmp_path / f"killed-{step}")
        process = subprocess.Popen([*command, str(root)], stdout=subprocess.DEVNULL)
        time.sleep(duration * step / 3)
        process.kill()
        process.wait()
        rerun = subprocess.run([*command, str(root)], capture_output=True, text=True)
        assert rerun.returncode == 0, rerun.stderr
        assert tree(root, skip=GIT) == expected, f"killed after {duration * step / 3:.2f} s"


def test_ctrl_c_leaves_the_directory_untouched_or_adopted_never_half(tmp_path: Path) -> None:
    """SIGINT the real command at moments spread over an uninterrupted run's duration."""
    command = [sys.executable, "-m", "casestudy", "adopt", "--layout", "folder"]
    reference = make_directory(tmp_path / "reference")
    untouched = tree(reference, skip=GIT)
    started = time.monotonic()
    subprocess.run([*command, str(reference)], check=True, capture_output=True)
    duration = time.monotonic() - started
    adopted = tree(reference, skip=GIT)

    for step in range(4):
        root = make_directory(tmp_path / f"interrupted-{step}")
        process = subprocess.Popen(
            [*command, str(root)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        time.sleep(duration * step / 3)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate()
        left = tree(root, skip=GIT)
        assert left in (untouched, adopted), f"half done at {duration * step / 3:.2f} s"
        if process.returncode == -signal.SIGINT:
            # Interrupted in the interpreter's own start-up or shut-down, outside the CLI.
            continue
        assert "Traceback" not in err
        assert process.returncode in (0, 130), err


# Runs adopt with an audit hook that presses Ctrl-C (a real SIGINT) just before its Nth change
# under the directory, or only counts the changes with N = -1.
_CTRL_C_AT = """
import os, signal, sys
from casestudy.cli import run
watched, at = os.path.abspath(sys.argv[1]) + os.sep, int(sys.argv[2])
seen = [0]
def hook(event, args):
    writing = event == "open" and isinstance(args[1], str) and any(c in args[1] for c in "wax+")
    if (writing or event in ("os.rename", "os.mkdir", "os.link", "os.remove")) and str(
        args[0]
    ).startswith(watched):
        if seen[0] == at:
            os.kill(os.getpid(), signal.SIGINT)
        seen[0] += 1
sys.addaudithook(hook)
code = run(["adopt", "--layout", "folder", sys.argv[1]])
print(seen[0], file=sys.stderr)
sys.exit(code)
"""


def test_ctrl_c_before_any_change_finishes_the_adoption_then_exits_130(tmp_path: Path) -> None:
    reference = make_directory(tmp_path / "reference")
    untouched = tree(reference, skip=GIT)
    counted = subprocess.run(
        [sys.executable, "-c", _CTRL_C_AT, str(reference), "-1"],
        capture_output=True, text=True, check=True,
    )
    total = int(counted.stderr.split()[-1])
    adopted = tree(reference, skip=GIT)
    assert total > 10

    for moment in range(0, total, max(1, total // 8)):
        root = make_directory(tmp_path / f"ctrl-c-{moment}")
        result = subprocess.run(
            [sys.executable, "-c", _CTRL_C_AT, str(root), str(moment)],
            capture_output=True, text=True,
        )
        assert result.returncode == 130, (moment, result.stderr)
        assert "Traceback" not in result.stderr
        assert "cancelled" in result.stderr
        left = tree(root, skip=GIT)
        assert left in (untouched, adopted), f"half done after Ctrl-C at change {moment}"
        assert left == adopted, "a change had begun, so the adoption was finished"


def test_a_directory_whose_index_is_index_md_is_adopted_through_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_directory(tmp_path, "index-list.md")
    (root / "README.md").rename(root / "index.md")

    assert run(["adopt", str(root)]) == 0

    assert "index.md: the list of case studies becomes the index table" in capsys.readouterr().out
    assert not (root / "README.md").exists()
    assert (root / "index.md").read_bytes() == (DATA / "index-table.md").read_bytes()
    assert run(["index", "--check", str(root)]) == 0
