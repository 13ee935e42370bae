"""Case-study names and index links, as every reader of a directory understands them."""

from __future__ import annotations

from pathlib import Path

import pytest

from casestudy.directory.names import CASE_STUDY_NAME_RE, Naming, link_key, list_entries
from casestudy.directory.records import load_case_studies


@pytest.mark.parametrize(
    ("href", "key"),
    [
        ("06_x/README.md", "06_x"),
        ("./06_x/README.md", "06_x"),
        ("06_x/", "06_x"),
        ("06_x", "06_x"),
        ("06_x/readme.md#top", "06_x"),
        ("06_x/index.md", "06_x"),
        ("./06-x/INDEX.md", "06-x"),
        ("01_a.md", "01_a.md"),
        (" ././02_b/ ", "02_b"),
    ],
)
def test_every_spelling_of_a_link_names_one_case_study(href: str, key: str) -> None:
    assert link_key(href) == key


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("06_fraud_feature_store", ("06", "fraud_feature_store", None)),
        ("123_big", ("123", "big", None)),
        ("01_rag_system_production.md", ("01", "rag_system_production", ".md")),
        ("02-vector-database-scale.md", ("02", "vector-database-scale", ".md")),
        ("03-feature-store", ("03", "feature-store", None)),
    ],
)
def test_case_study_names(name: str, parts: tuple[str, str, str | None]) -> None:
    match = CASE_STUDY_NAME_RE.fullmatch(name)
    assert match is not None and match.group("number", "slug", "flat") == parts


@pytest.mark.parametrize(
    "name", ["6_short_number", "README.md", "index.md", "06 space", "_06_x", "06.md"]
)
def test_other_names_are_not_case_studies(name: str) -> None:
    assert CASE_STUDY_NAME_RE.fullmatch(name) is None


def test_the_four_shapes_of_a_case_study_and_what_is_not_one(tmp_path: Path) -> None:
    for name in ("01_flat.md", "02-dashed.md", "guide.md", "README.md", "index.md"):
        (tmp_path / name).write_text("# x\n", encoding="utf-8")
    for folder, document in (("03_folder", "README.md"), ("04_folder", "index.md"),
                             ("05_both", "README.md"), ("notes", "README.md")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / document).write_text("# x\n", encoding="utf-8")
    (tmp_path / "05_both" / "index.md").write_text("# other\n", encoding="utf-8")
    (tmp_path / "images").mkdir()
    entries, others = Naming().survey(str(tmp_path))
    assert [entry.name for entry in entries] == [
        "01_flat.md", "02-dashed.md", "03_folder", "04_folder", "05_both"
    ]
    # the listing names a folder's README.md without looking; reading it finds index.md
    records = load_case_studies(tmp_path)
    found = [(record.name, record.path.relative_to(tmp_path).as_posix()) for record in records]
    assert found == [
        ("01_flat.md", "01_flat.md"),
        ("02-dashed.md", "02-dashed.md"),
        ("03_folder", "03_folder/README.md"),
        ("04_folder", "04_folder/index.md"),
        ("05_both", "05_both/README.md"),  # README.md first when a folder has both
    ]
    assert others == ["guide.md", "notes/"]
    assert [record.link for record in records][2:4] == ["03_folder/README.md", "04_folder/index.md"]
    assert [entry.name for entry in list_entries(str(tmp_path))] == [e.name for e in entries]
