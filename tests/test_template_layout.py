"""New case studies in the directory's own layout: `layout` auto, folder or flat.

The flat directory is the fictional seed-shaped one of tests/data/adopt/documents (five flat
`NN_slug.md` files); the folder directory holds the same five as `NN_slug/README.md`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO_ROOT, CookiecutterRun, tree

from casestudy.cli import run
from casestudy.format.frontmatter import read_front_matter
from casestudy.index.table import find_index_table

DATA = Path(__file__).parent / "data" / "adopt"
ANSWERS = {
    "system_name": "Fraud Feature Store",
    "focus_area": "Feature stores",
    "metric_1": "2.1B vectors",
}


def _flat_directory(tmp_path: Path) -> Path:
    root = tmp_path / "flat"
    shutil.copytree(DATA / "documents", root)
    shutil.copyfile(DATA / "index-table.md", root / "README.md")
    return root


def _folder_directory(tmp_path: Path) -> Path:
    root = tmp_path / "folders"
    root.mkdir()
    index = (DATA / "index-table.md").read_text(encoding="utf-8")
    for document in sorted((DATA / "documents").glob("*.md")):
        (root / document.stem).mkdir()
        shutil.copyfile(document, root / document.stem / "README.md")
        index = index.replace(f"({document.name})", f"({document.stem}/README.md)")
    (root / "README.md").write_text(index, encoding="utf-8")
    return root


def _empty_directory(tmp_path: Path) -> Path:
    root = tmp_path / "empty"
    root.mkdir()
    return root


def _rows_linking(root: Path, link: str) -> int:
    table = find_index_table((root / "README.md").read_text(encoding="utf-8"))
    assert table is not None
    return sum(1 for row in table.rows if link in row.links)


@pytest.mark.parametrize(
    ("make", "layout", "expected"),
    [
        pytest.param(_flat_directory, "auto", "06_fraud_feature_store.md", id="flat-dir-auto"),
        pytest.param(_flat_directory, "folder", "06_fraud_feature_store/README.md",
                     id="flat-dir-folder"),
        pytest.param(_folder_directory, "auto", "06_fraud_feature_store/README.md",
                     id="folder-dir-auto"),
        pytest.param(_folder_directory, "flat", "06_fraud_feature_store.md", id="folder-dir-flat"),
        pytest.param(_empty_directory, "auto", "01_fraud_feature_store/README.md",
                     id="empty-dir-auto"),
        pytest.param(_empty_directory, "flat", "01_fraud_feature_store.md", id="empty-dir-flat"),
    ],
)
def test_the_real_cookiecutter_command_follows_the_directory_or_the_layout_answer(
    tmp_path: Path, run_cookiecutter: CookiecutterRun, make: Any, layout: str, expected: str
) -> None:
    root = make(tmp_path)
    before = set(tree(root))
    answers = [f"{key}={value}" for key, value in {**ANSWERS, "layout": layout}.items()]

    result = run_cookiecutter(str(REPO_ROOT), "--no-input", "-o", str(root), *answers)

    assert result.returncode == 0, result.stderr
    # a folder case study adds its folder; a flat one leaves no folder behind
    created = {expected, expected.split("/")[0]}
    assert set(tree(root)) - before == created | ({"README.md"} - before)
    document = root / expected
    meta = read_front_matter(document.read_text(encoding="utf-8"))
    assert (meta["number"], meta["slug"]) == (int(expected[:2]), "fraud_feature_store")
    assert _rows_linking(root, expected) == 1
    assert f"Created {document}" in result.stdout
    # A flat case study leaves no folder behind.
    folder = root / expected.split("/")[0].removesuffix(".md")
    assert folder.is_dir() == expected.endswith("/README.md")
    assert run(["index", "--check", str(root)]) == 0


def test_a_flat_generation_run_again_is_the_same_file_and_the_same_row(
    tmp_path: Path, run_cookiecutter: CookiecutterRun
) -> None:
    root = _flat_directory(tmp_path)
    answers = [f"{key}={value}" for key, value in ANSWERS.items()]
    assert run_cookiecutter(str(REPO_ROOT), "--no-input", "-o", str(root), *answers).returncode == 0
    after_first = tree(root)

    again = run_cookiecutter(str(REPO_ROOT), "--no-input", "-o", str(root), *answers)

    assert again.returncode == 0, again.stderr
    assert tree(root) == after_first
    assert "already up to date" in again.stdout


def test_an_edited_flat_case_study_is_never_overwritten(
    tmp_path: Path, run_cookiecutter: CookiecutterRun
) -> None:
    root = _flat_directory(tmp_path)
    answers = [f"{key}={value}" for key, value in ANSWERS.items()]
    assert run_cookiecutter(str(REPO_ROOT), "--no-input", "-o", str(root), *answers).returncode == 0
    with (root / "06_fraud_feature_store.md").open("a", encoding="utf-8") as handle:
        handle.write("\nThe author's own words.\n")
    before = tree(root)

    again = run_cookiecutter(str(REPO_ROOT), "--no-input", "-o", str(root), *answers)

    assert again.returncode != 0
    said = again.stdout + again.stderr
    assert "has been edited since it was generated" in said
    assert "Traceback" not in said
    assert tree(root) == before


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        pytest.param({**ANSWERS, "metric_1": "fast"}, "metric_1 'fast' must contain a number",
                     id="bad-metric"),
        pytest.param({**ANSWERS, "layout": "sideways"}, "layout 'sideways' must be 'auto'",
                     id="bad-layout"),
        pytest.param({**ANSWERS, "slug": "rag_system_production", "layout": "folder"},
                     "already holds a case study with the slug", id="slug-of-a-flat-one"),
    ],
)
def test_a_bad_answer_is_refused_before_anything_is_created(
    tmp_path: Path, run_cookiecutter: CookiecutterRun, answers: dict[str, str], message: str
) -> None:
    root = _flat_directory(tmp_path)
    before = tree(root)

    result = run_cookiecutter(
        str(REPO_ROOT), "--no-input", "-o", str(root),
        *(f"{key}={value}" for key, value in answers.items()),
    )

    assert result.returncode != 0
    said = result.stdout + result.stderr
    assert message in said and "Traceback" not in said
    assert tree(root) == before


def test_a_flat_slug_taken_by_a_folder_case_study_is_refused(
    tmp_path: Path, run_cookiecutter: CookiecutterRun
) -> None:
    root = _folder_directory(tmp_path)
    before = tree(root)

    result = run_cookiecutter(
        str(REPO_ROOT), "--no-input", "-o", str(root),
        *(f"{key}={value}" for key, value in ANSWERS.items()),
        "slug=vector_database_scale", "layout=flat",
    )

    assert result.returncode != 0
    assert "02_vector_database_scale/README.md already holds a case study" in result.stdout
    assert tree(root) == before


def test_flat_generations_running_at_once_each_take_their_own_number_and_row(
    tmp_path: Path, home: Path
) -> None:
    root = _flat_directory(tmp_path)
    names = ["Alpha Store", "Beta Store", "Gamma Store"]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "cookiecutter", str(REPO_ROOT), "--no-input", "-o",
             str(root), f"system_name={name}", "focus_area=Feature stores",
             "metric_1=2.1B vectors"],
            env={"HOME": str(home), "PATH": "/usr/bin:/bin"},
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for name in names
    ]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err

    created = sorted(path.name for path in root.glob("0[6-8]_*"))
    assert [name[:3] for name in created] == ["06_", "07_", "08_"]
    assert all(name.endswith(".md") for name in created)
    for name in created:
        assert _rows_linking(root, name) == 1


def test_bake_with_pytest_cookies_makes_a_flat_file_when_asked(cookies: Any) -> None:
    result = cookies.bake(extra_context={**ANSWERS, "layout": "flat"})

    assert result.exception is None, result.exception
    output = Path(result.project_path).parent
    assert sorted(path.name for path in output.iterdir()) == [
        "01_fraud_feature_store.md", "README.md",
    ]
    assert _rows_linking(output, "01_fraud_feature_store.md") == 1


def test_bake_with_pytest_cookies_makes_a_folder_by_default(cookies: Any) -> None:
    result = cookies.bake(extra_context=ANSWERS)

    assert result.exception is None, result.exception
    assert (Path(result.project_path) / "README.md").is_file()


def test_casestudy_new_follows_the_directory_and_previews_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _flat_directory(tmp_path)
    flags = ["new", "--no-input", "-o", str(root), "--name", "Fraud Feature Store",
             "--focus-area", "Feature stores", "--metric", "2.1B vectors"]

    assert run([*flags, "--dry-run"]) == 0
    assert f"File:         {root / '06_fraud_feature_store.md'}" in capsys.readouterr().out
    assert run(flags) == 0

    assert (root / "06_fraud_feature_store.md").is_file()
    assert not (root / "06_fraud_feature_store").exists()
    assert run([*flags[:-6], "--name", "Another One", "--focus-area", "Feature stores",
                "--metric", "1 x", "--layout", "folder"]) == 0
    assert (root / "07_another_one" / "README.md").is_file()
