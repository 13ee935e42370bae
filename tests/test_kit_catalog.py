"""`casestudy catalog`: one record per case study, each metric parsed, valid against the schema.

tests/data/kit/catalog/ holds a directory (a legacy flat case study known only from its index
row, a published one, one with a metric that holds no figure) and the expected JSON and CSV.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest

from casestudy.cli import run

DATA = Path(__file__).parent / "data" / "kit" / "catalog"
DIRECTORY = DATA / "directory"


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    text = (resources.files("casestudy.kit") / "catalog.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(loaded)
    return loaded


def _catalog(fmt: str, capsys: pytest.CaptureFixture[str], root: Path = DIRECTORY) -> str:
    assert run(["catalog", "--format", fmt, str(root)]) == 0
    return capsys.readouterr().out


def test_json_is_the_expected_records_and_valid_against_the_schema(
    schema: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads(_catalog("json", capsys))

    jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)
    assert document == json.loads((DATA / "expected.json").read_text())


def test_csv_is_one_line_per_case_study(capsys: pytest.CaptureFixture[str]) -> None:
    out = _catalog("csv", capsys)

    rows = list(csv.DictReader(io.StringIO(out)))
    expected = list(csv.DictReader(io.StringIO((DATA / "expected.csv").read_text())))
    assert rows == expected
    # Sortable as the issue asks: the lowest p99 latency among the case studies.
    p99 = [row for row in rows if row["metric_2_percentile"] == "p99"]
    assert min(p99, key=lambda row: float(row["metric_2_value"]))["slug"] == "vector_cache"


@pytest.mark.parametrize(
    "mutation",
    [
        pytest.param(lambda record: record.update(number="2"), id="number-as-text"),
        pytest.param(lambda record: record.pop("link"), id="missing-link"),
        pytest.param(lambda record: record["metrics"][0].update(value="2.1B"), id="unparsed-value"),
        pytest.param(lambda record: record.update(extra=True), id="unknown-field"),
    ],
)
def test_the_schema_rejects_malformed_records(
    schema: dict[str, Any], mutation: Any
) -> None:
    document = json.loads((DATA / "expected.json").read_text())
    mutation(document["case_studies"][1])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)


def test_an_empty_directory_has_an_empty_catalog(
    tmp_path: Path, schema: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads(_catalog("json", capsys, tmp_path))
    jsonschema.validate(document, schema)
    assert document == {"catalog_version": 1, "case_studies": []}


def test_a_missing_directory_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["catalog", str(tmp_path / "nowhere")]) == 1
    assert "is not a directory" in capsys.readouterr().err


@pytest.mark.e2e
def test_the_real_command_in_a_subprocess(schema: dict[str, Any]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "casestudy", "catalog", "--format", "json", str(DIRECTORY)],
        capture_output=True,
        text=True,
        check=True,
    )
    jsonschema.validate(json.loads(result.stdout), schema)
