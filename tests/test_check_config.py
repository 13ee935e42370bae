"""A directory's own configuration (`.casestudy.toml`, or `[tool.casestudy]` in the nearest
pyproject.toml), and what a bad one does: one paragraph naming the file, the key and what is
allowed, exit 2, nothing checked or written. Each bad configuration under
`tests/data/check/config/bad/` sits beside the exact message it gives."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from casestudy.cli import run
from casestudy.directory.config import DEFAULT_CONFIG, load_config

DATA = Path(__file__).parent / "data" / "check"
BAD = DATA / "config" / "bad"
BAD_CASES = sorted(path.stem for path in BAD.glob("*.toml"))


def _run(*argv: str) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = run(list(argv))
    return code, stdout.getvalue(), stderr.getvalue()


@pytest.fixture
def directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "case-studies"
    shutil.copytree(DATA / "filled", root)
    monkeypatch.chdir(root)
    return root


def _install(case: str, root: Path) -> Path:
    name = "pyproject.toml" if case.startswith("pyproject_") else ".casestudy.toml"
    shutil.copyfile(BAD / f"{case}.toml", root / name)
    return root / name


@pytest.mark.parametrize("case", BAD_CASES)
def test_a_bad_configuration_is_one_clear_paragraph(case: str, directory: Path) -> None:
    _install(case, directory)
    code, stdout, stderr = _run("check", "--format", "plain")
    expected = (BAD / f"{case}.txt").read_text(encoding="utf-8")
    assert (code, stdout, stderr) == (2, "", expected)
    assert "Traceback" not in stderr and stderr.count("\n") == 1


def test_every_setting_has_a_bad_case() -> None:
    from casestudy.directory.config import _KEYS

    for key in _KEYS:
        assert any(case.startswith(key.split("-")[-1]) for case in BAD_CASES), key


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["index", "--write"], id="index-write"),
        pytest.param(["index", "--check"], id="index-check"),
        pytest.param(["catalog"], id="catalog"),
    ],
)
def test_every_command_that_reads_the_directory_refuses_it(
    argv: list[str], directory: Path
) -> None:
    _install("rules_unknown_code", directory)
    before = (directory / "README.md").read_bytes()
    code, _, stderr = _run(*argv)
    assert code == 2
    assert stderr == (BAD / "rules_unknown_code.txt").read_text(encoding="utf-8")
    assert (directory / "README.md").read_bytes() == before


def test_no_configuration_is_the_default(tmp_path: Path) -> None:
    assert load_config(str(tmp_path)) == DEFAULT_CONFIG


def test_a_pyproject_without_the_table_configures_nothing(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (tmp_path / "docs").mkdir()
    assert load_config(str(tmp_path / "docs")) == DEFAULT_CONFIG


def test_the_directory_file_wins_over_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.casestudy.rules]\nCS401 = "off"\n', encoding="utf-8"
    )
    docs = tmp_path / "docs"
    docs.mkdir()
    assert load_config(str(docs)).rules == {"CS401": "off"}
    (docs / ".casestudy.toml").write_text('[rules]\nCS501 = "warning"\n', encoding="utf-8")
    assert load_config(str(docs)).rules == {"CS501": "warning"}  # never merged


def test_settings_are_read_as_the_checker_uses_them(tmp_path: Path) -> None:
    (tmp_path / ".casestudy.toml").write_text(
        'index = "index.md"\n'
        "case-study-pattern = '(?P<number>\\d{3})-(?P<slug>[a-z-]+)'\n"
        '[headings]\n"challenges and solutions" = ["War Stories"]\n'
        '[rules]\ncs401 = "off"\n',
        encoding="utf-8",
    )
    config = load_config(str(tmp_path))
    assert config.headings == {"Challenges & Solutions": ("War Stories",)}
    assert config.rules == {"CS401": "off"}
    assert config.naming.index_name == "index.md"
    assert config.naming.is_case_study("001-search.md")
    assert not config.naming.is_case_study("01_search.md")


@pytest.mark.parametrize(
    "heading",
    ["Hard-Won Knowledge", "7. Hard-Won Knowledge (2025):", "**🧭 Key Hard-Won Knowledge**"],
)
def test_a_configured_heading_name_is_the_section_s_own(heading: str) -> None:
    from casestudy.check.scan import h2_reader
    from casestudy.format.sections import SECTION_TITLES

    lessons = SECTION_TITLES.index("Lessons Learned")
    configured = h2_reader({"Lessons Learned": ("Hard-Won Knowledge",)})
    assert configured(heading)[1].sole == lessons
    assert h2_reader()(heading)[1].sole is None  # without it, an extra


def test_the_readme_example_is_a_valid_configuration(tmp_path: Path) -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Configuration") :]
    example = section[section.index("```toml\n") + 8 : section.index("```\n", 8)]
    (tmp_path / ".casestudy.toml").write_text(example, encoding="utf-8")
    config = load_config(str(tmp_path))
    assert config.naming.index_name == "index.md"
    assert set(config.headings) == {"Lessons Learned", "Challenges & Solutions"}
    assert config.rules == {"CS401": "off", "CS312": "warning"}
