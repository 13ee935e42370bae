"""The real `cookiecutter` command, in a subprocess, against copies of case-study directories."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
from conftest import REPO_ROOT, CookiecutterRun, tree

from casestudy.index.table import find_index_table

pytestmark = pytest.mark.e2e

ANSWERS = [
    "system_name=Fraud Feature Store",
    "focus_area=feature stores",
    "metric_1=2.1B vectors",
    "metric_2=87ms p99 latency",
    "metric_3=$0.0012/query",
]
ROW = (
    "| **[Fraud Feature Store](03_fraud_feature_store/README.md)** | 2.1B vectors, 87ms p99 "
    "latency, $0.0012/query | Feature stores |"
)


def _generate(run: CookiecutterRun, output: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run(str(REPO_ROOT), "--no-input", "-o", str(output), *ANSWERS, *extra)


def _assert_clean_failure(result: subprocess.CompletedProcess[str], *words: str) -> None:
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    for word in words:
        assert word in output


def test_generation_adds_the_case_study_and_exactly_one_index_row(
    run_cookiecutter: CookiecutterRun, example_dir: Path
) -> None:
    before = tree(example_dir)
    result = _generate(run_cookiecutter, example_dir)
    assert result.returncode == 0, result.stderr
    assert f"Added the case study's row to {example_dir / 'README.md'}" in result.stdout

    after = tree(example_dir)
    assert set(after) - set(before) == {
        "03_fraud_feature_store", "03_fraud_feature_store/README.md"
    }
    lines = before["README.md"].decode().splitlines(keepends=True)
    last_row = next(i for i, line in enumerate(lines) if "02_feature_store_production" in line)
    lines.insert(last_row + 1, ROW + "\n")
    assert after["README.md"].decode() == "".join(lines)
    assert {name: data for name, data in after.items() if name in before} == {
        **before, "README.md": after["README.md"]
    }


def test_relative_template_path_from_the_repository_root(
    run_cookiecutter: CookiecutterRun, example_dir: Path
) -> None:
    result = run_cookiecutter(".", "--no-input", "-o", str(example_dir), *ANSWERS, cwd=REPO_ROOT)
    assert result.returncode == 0, result.stderr
    assert (example_dir / "03_fraud_feature_store" / "README.md").is_file()


def test_generations_running_at_once_each_land_their_own_number_and_row(
    home: Path, example_dir: Path
) -> None:
    names = ["Alpha Store", "Beta Index", "Gamma Cache", "Delta Graph", "Epsilon Lake"]
    env = {**os.environ, "HOME": str(home)}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "cookiecutter", str(REPO_ROOT), "--no-input", "-o",
             str(example_dir), f"system_name={name}", "focus_area=Feature stores",
             "metric_1=1.8M features/sec"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for name in names
    ]
    for process in processes:
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr
    folders = sorted(path.name for path in example_dir.iterdir() if path.is_dir())
    numbers = sorted(int(folder.split("_")[0]) for folder in folders)
    assert numbers == [1, 3, 4, 5, 6, 7]
    table = find_index_table((example_dir / "README.md").read_text(encoding="utf-8"))
    assert table is not None
    links = [link for row in table.rows for link in row.links]
    assert len(links) == 7 and len(set(links)) == 7
    for folder in folders[1:]:
        assert f"{folder}/README.md" in links


def test_force_never_overwrites_a_case_study_an_author_has_edited(
    run_cookiecutter: CookiecutterRun, example_dir: Path
) -> None:
    assert _generate(run_cookiecutter, example_dir).returncode == 0
    readme = example_dir / "03_fraud_feature_store" / "README.md"
    readme.write_text(readme.read_text() + "\nMy afternoon of writing.\n")
    before = tree(example_dir)

    result = _generate(run_cookiecutter, example_dir, "-f")
    _assert_clean_failure(result, "has been edited since it was generated", str(readme))
    assert tree(example_dir) == before


def test_force_over_an_untouched_skeleton_regenerates_it_and_updates_its_row(
    run_cookiecutter: CookiecutterRun, example_dir: Path
) -> None:
    assert _generate(run_cookiecutter, example_dir).returncode == 0
    result = run_cookiecutter(
        str(REPO_ROOT), "--no-input", "-f", "-o", str(example_dir), *ANSWERS[:-1],
        "metric_3=$0.0010/query",
    )
    assert result.returncode == 0, result.stderr
    assert "Updated the case study's existing row" in result.stdout
    index = (example_dir / "README.md").read_text()
    assert index.count("03_fraud_feature_store/README.md") == 1
    assert "$0.0010/query | Feature stores |" in index
    assert "$0.0010/query" in (example_dir / "03_fraud_feature_store" / "README.md").read_text()
    assert not (example_dir / "04_fraud_feature_store").exists()


def test_regenerating_without_force_stops_at_the_existing_folder(
    run_cookiecutter: CookiecutterRun, example_dir: Path
) -> None:
    assert _generate(run_cookiecutter, example_dir).returncode == 0
    before = tree(example_dir)
    result = _generate(run_cookiecutter, example_dir)
    _assert_clean_failure(result, "03_fraud_feature_store", "already exists")
    assert tree(example_dir) == before


def test_readme_without_an_index_table_is_left_untouched_with_the_row_to_add(
    run_cookiecutter: CookiecutterRun, tmp_path: Path
) -> None:
    output = tmp_path / "notes"
    output.mkdir()
    readme = output / "README.md"
    readme.write_bytes(b"# Our notes\r\n\r\nNo table here yet.")
    result = _generate(run_cookiecutter, output)
    _assert_clean_failure(
        result, f"{readme} has no index table",
        "| **[Fraud Feature Store](01_fraud_feature_store/README.md)** |",
    )
    assert tree(output) == {"README.md": b"# Our notes\r\n\r\nNo table here yet."}


def test_a_directory_without_a_readme_gets_a_new_index(
    run_cookiecutter: CookiecutterRun, tmp_path: Path
) -> None:
    output = tmp_path / "new-dir"
    result = _generate(run_cookiecutter, output)
    assert result.returncode == 0, result.stderr
    assert "The directory had no README.md: created" in result.stdout
    text = (output / "README.md").read_text()
    table = find_index_table(text)
    assert table is not None and [row.links for row in table.rows] == [
        ["01_fraud_feature_store/README.md"]
    ]
    assert "## Case Study Format" in text and "9. **Future Roadmap**" in text


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        pytest.param("slug=../../escape", ["slug '../../escape'"], id="parent-dir-slug"),
        pytest.param("system_name={{ 7*7 }}", ["system_name '{{ 7*7 }}'"], id="jinja-name"),
        pytest.param("system_name={% raw %}", ["system_name '{% raw %}'"], id="jinja-raw"),
        pytest.param("metric_1=fast", ["metric_1 'fast'", "number"], id="metric-no-number"),
        pytest.param("number=5", ["Number 5 is already taken"], id="taken-number-in-seed"),
    ],
)
def test_bad_answer_prints_one_clean_message_and_creates_nothing(
    run_cookiecutter: CookiecutterRun, seed_dir: Path, answer: str, words: list[str]
) -> None:
    before = tree(seed_dir)
    result = _generate(run_cookiecutter, seed_dir, answer)
    _assert_clean_failure(result, *words)
    assert tree(seed_dir) == before
    assert sorted(path.name for path in seed_dir.parent.iterdir()) == sorted(
        ["case-studies", "home"]
    )


def test_a_replayed_answer_is_validated_too(
    run_cookiecutter: CookiecutterRun, seed_dir: Path, tmp_path: Path
) -> None:
    context = json.loads((REPO_ROOT / "cookiecutter.json").read_text())
    context.update(system_name="Replayed", focus_area="Search", metric_1="1 thing",
                   slug="../replayed")
    replay = tmp_path / "replay.json"
    replay.write_text(json.dumps({"cookiecutter": context}))
    before = tree(seed_dir)
    result = run_cookiecutter(str(REPO_ROOT), "--replay-file", str(replay), "-o", str(seed_dir))
    _assert_clean_failure(result, "slug '../replayed'")
    assert tree(seed_dir) == before
    assert not (tmp_path / "replayed").exists()


def test_python_in_a_name_is_text_in_the_hook(
    run_cookiecutter: CookiecutterRun, tmp_path: Path
) -> None:
    name = '"""; import os; os.system("touch pwned"); """'
    output = tmp_path / "out"
    result = run_cookiecutter(
        str(REPO_ROOT), "--no-input", "-o", str(output), f"system_name={name}",
        "focus_area=Search", "metric_1=1 x",
    )
    assert result.returncode == 0, result.stderr
    assert not list(tmp_path.rglob("pwned"))
    assert name in (output / "README.md").read_text()


def test_interactive_prompts_in_a_pseudo_terminal(home: Path, seed_dir: Path) -> None:
    child = pexpect.spawn(
        sys.executable, ["-m", "cookiecutter", str(REPO_ROOT), "-o", str(seed_dir)],
        env={**os.environ, "HOME": str(home), "TERM": "dumb", "COLUMNS": "200"},
        encoding="utf-8", timeout=60,
    )
    for prompt, answer in [
        ("System name", "Streaming Embeddings"),
        ("Focus area", "production rag systems"),
        ("Headline metric 1", "8.4B queries/month"),
        ("Headline metric 2", "142ms p50 latency"),
        ("Headline metric 3", ""),
        ("Slug", ""),
        ("number", ""),
        ("Layout", ""),  # the default: auto, folders here (the directory has none on disk)
    ]:
        child.expect(prompt)
        child.sendline(answer)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    index = (seed_dir / "README.md").read_text()
    assert (
        "| **[Streaming Embeddings](06_streaming_embeddings/README.md)** | 8.4B queries/month, "
        "142ms p50 latency | Production RAG systems |"
    ) in index


@pytest.fixture(scope="module")
def bare_cookiecutter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtualenv holding cookiecutter and nothing else, like `pipx run cookiecutter`."""
    venv = tmp_path_factory.mktemp("bare-venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "cookiecutter"],
        check=True, capture_output=True, timeout=300,
    )
    return python


def test_template_works_where_only_cookiecutter_is_installed(
    bare_cookiecutter: Path, home: Path, example_dir: Path
) -> None:
    probe = subprocess.run(
        [str(bare_cookiecutter), "-c", "import casestudy"], capture_output=True, text=True,
        cwd=home,
    )
    assert probe.returncode != 0, "the bare environment must not have the package installed"
    result = subprocess.run(
        [str(bare_cookiecutter), "-m", "cookiecutter", ".", "--no-input", "-o",
         str(example_dir), *ANSWERS],
        cwd=REPO_ROOT, env={**os.environ, "HOME": str(home)}, capture_output=True, text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert ROW in (example_dir / "README.md").read_text()


def test_an_automatic_number_follows_the_one_numbering_rule(
    tmp_path: Path, run_cookiecutter: CookiecutterRun
) -> None:
    """'auto' past the highest number allowed is refused like a number given by hand, with
    nothing created; up to it, any size of number works."""
    from casestudy.template.validation import MAX_NUMBER

    for highest, works in ((9999, True), (MAX_NUMBER, False)):
        root = tmp_path / f"up-to-{highest}"
        root.mkdir()
        (root / f"{highest:02d}_last_one.md").write_text("# Last one (fictional)\n")
        result = run_cookiecutter(str(REPO_ROOT), "--no-input", "-o", str(root),
                                  "system_name=Next One", "focus_area=Feature stores",
                                  "metric_1=2.1B vectors")
        if works:
            assert result.returncode == 0, result.stderr
            assert (root / f"{highest + 1}_next_one" / "README.md").is_file()
        else:
            assert result.returncode != 0
            assert f"must be between 1 and {MAX_NUMBER}" in result.stdout + result.stderr
            assert "Traceback" not in result.stdout + result.stderr
            assert sorted(path.name for path in root.iterdir()) == [f"{highest}_last_one.md"]
