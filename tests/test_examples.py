"""The example directory shipped in examples/ is what a finished directory looks like."""

from __future__ import annotations

import pytest
from conftest import EXAMPLE_DIR

from casestudy.cli import run


def test_the_example_directory_passes_the_strict_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", "--strict", "--format", "plain", str(EXAMPLE_DIR)]) == 0
    assert capsys.readouterr().out.endswith("0 errors, 0 warnings in 2 case studies\n")


def test_the_example_index_agrees_with_its_case_studies() -> None:
    assert run(["index", "--check", str(EXAMPLE_DIR)]) == 0
