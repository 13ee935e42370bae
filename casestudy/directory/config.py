"""A case-study directory's own settings: `.casestudy.toml` in the directory, or the
`[tool.casestudy]` table of the nearest `pyproject.toml` above it (the directory's own
included). The first found is the one used; nothing is merged.

    index = "index.md"                          # the index file's name
    case-study-pattern = '(?P<number>\\d{3})-(?P<slug>[a-z0-9-]+)'
    [headings]                                  # more names for a section's heading
    "Lessons Learned" = ["What We Learned", "Retrospective"]
    [rules]                                     # per finding code: off, warning or error
    CS401 = "off"

Read once per directory, strictly: an unknown key or a wrong value is a `ConfigError`
(exit 2) naming the file, the key and what is allowed.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from casestudy.directory.names import DEFAULT_NAMING, Naming, compile_name_pattern
from casestudy.errors import UsageError

CONFIG_NAME = ".casestudy.toml"
PYPROJECT = "pyproject.toml"
SEVERITIES = ("off", "warning", "error")
_KEYS = ("index", "case-study-pattern", "headings", "rules")


class ConfigError(UsageError):
    """The directory's configuration cannot be used; nothing was checked or written."""


@dataclass(frozen=True)
class DirectoryConfig:
    """What a directory's configuration says; the defaults when it has none.

    headings: more names per section, by the section's title as `SECTIONS` writes it (the
        mapping the heading matcher takes).
    rules: finding code -> "off", "warning" or "error".
    """

    source: str | None = None  # the file read (and table, for pyproject.toml)
    naming: Naming = DEFAULT_NAMING
    headings: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    rules: Mapping[str, str] = field(default_factory=dict)


DEFAULT_CONFIG = DirectoryConfig()


def find_config(root: str) -> tuple[str, bool] | None:
    """(path, whether it is a pyproject.toml) of the file that configures `root`, if any."""
    root = os.path.abspath(root)
    own = os.path.join(root, CONFIG_NAME)
    if os.path.isfile(own):
        return own, False
    folder = root
    while True:
        candidate = os.path.join(folder, PYPROJECT)
        if os.path.isfile(candidate):
            return candidate, True
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def load_config(root: str) -> DirectoryConfig:
    """The configuration of the case-study directory `root` (ConfigError when it is bad)."""
    found = find_config(root)
    if found is None:
        return DEFAULT_CONFIG
    path, in_pyproject = found
    path = _shown(path)
    document = _read_toml(path)
    if in_pyproject:
        tool = document.get("tool")
        table = tool.get("casestudy") if isinstance(tool, dict) else None
        if table is None:
            return DEFAULT_CONFIG  # a project that does not configure casestudy
        where = f"{path} [tool.casestudy]"
        if not isinstance(table, dict):
            raise config_error(where, "tool.casestudy", "must be a table")
    else:
        table, where = document, path
    return _parse(table, where)


def _shown(path: str) -> str:
    """A path as messages show it: relative to the working directory when under it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive
        return path
    return path if relative.startswith(os.pardir) else relative


def _read_toml(path: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        with open(path, "rb") as handle:
            document: dict[str, Any] = tomllib.load(handle)
            return document
    except OSError as error:
        raise ConfigError(
            f"{path} cannot be read ({error.strerror or error}). Fix its permissions or "
            "remove it."
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(
            f"{path} is not valid TOML: {error}. Fix it (see the README's \"Configuration\" "
            "section for the keys); nothing was checked or written."
        ) from None


def config_error(where: str, key: str, problem: str) -> ConfigError:
    """The error for one setting: the file (and table), the key, what is wrong and allowed."""
    return ConfigError(
        f"{where}: '{key}' {problem}. Fix the configuration (see the README's "
        "\"Configuration\" section); nothing was checked or written."
    )


def _toml(value: object) -> str:
    """A value as TOML writes it: a text as a literal string (as a pattern is best written),
    anything else in JSON's spelling, which is TOML's for lists, numbers and booleans."""
    if isinstance(value, str) and "'" not in value and "\n" not in value:
        return f"'{value}'"
    import json

    return json.dumps(value, ensure_ascii=False, default=str)


def _allowed(names: tuple[str, ...] | list[str]) -> str:
    return ", ".join(names)


def _parse(table: dict[str, Any], where: str) -> DirectoryConfig:
    for key in table:
        if key not in _KEYS:
            raise config_error(where, key, f"is not a setting; the settings are {_allowed(_KEYS)}")
    index = table.get("index")
    if index is not None and not _is_file_name(index):
        raise config_error(
            where, "index",
            f"is {_toml(index)}; it must be the index file's name in the directory, such as "
            "\"README.md\" or \"index.md\" (a text ending in .md, no folder)",
        )
    pattern = _pattern(table.get("case-study-pattern"), where)
    if pattern is None and index is None:
        naming = DEFAULT_NAMING
    elif pattern is None:
        naming = Naming(None, index)
    else:
        forms = f"the case-study-pattern in {where}"
        naming = Naming(pattern, index, forms)
    return DirectoryConfig(
        where, naming, _headings(table.get("headings"), where), _rules(table.get("rules"), where)
    )


def _is_file_name(value: object) -> bool:
    return (
        isinstance(value, str)
        and value.lower().endswith(".md")
        and len(value) > 3
        and "/" not in value
        and "\\" not in value
        and not value.startswith(".")
    )


def _pattern(value: object, where: str) -> re.Pattern[str] | None:
    if value is None:
        return None
    key = "case-study-pattern"
    if not isinstance(value, str):
        raise config_error(
            where, key, f"is {_toml(value)}; it must be a regular expression, as text"
        )
    try:
        compiled = compile_name_pattern(value)
    except re.error as error:
        raise config_error(
            where, key, f"is not a regular expression Python can read ({error})"
        ) from None
    if not {"number", "slug"} <= set(compiled.groupindex):
        raise config_error(
            where, key,
            f"is {_toml(value)}; it must name two groups, (?P<number>...) for the digits and "
            "(?P<slug>...); it is matched against a folder's name, or a file's name without "
            ".md",
        )
    return compiled


def _headings(value: object, where: str) -> dict[str, tuple[str, ...]]:
    from casestudy.format.sections import SECTION_TITLES

    if value is None:
        return {}
    if not isinstance(value, dict):
        raise config_error(where, "headings", "must be a table of section title = [names]")
    by_folded = {_folded(title): title for title in SECTION_TITLES}
    headings: dict[str, tuple[str, ...]] = {}
    for section, names in value.items():
        title = by_folded.get(_folded(section))
        if title is None:
            raise config_error(
                where, f"headings.{section}",
                f"is not one of the nine sections; they are {_allowed(list(SECTION_TITLES))}",
            )
        if (
            not isinstance(names, list)
            or not names
            or not all(isinstance(name, str) and name.strip() for name in names)
        ):
            raise config_error(
                where, f"headings.{section}",
                f"is {_toml(names)}; it must be a list of one or more heading names, each a "
                "non-empty text",
            )
        headings[title] = headings.get(title, ()) + tuple(name.strip() for name in names)
    return headings


def _folded(title: str) -> str:
    """"Challenges & Solutions" and "challenges and solutions" name the same section."""
    return " ".join(title.replace("&", " and ").split()).casefold()


def _rules(value: object, where: str) -> dict[str, str]:
    from casestudy.check.codes import CODES

    if value is None:
        return {}
    if not isinstance(value, dict):
        raise config_error(where, "rules", 'must be a table of code = "off", "warning" or "error"')
    rules: dict[str, str] = {}
    for code, setting in value.items():
        if code.upper() not in CODES:
            raise config_error(
                where, f"rules.{code}",
                f"is not a finding code; the codes are {_allowed(list(CODES))} "
                "(`casestudy check --explain CODE` says what each one means)",
            )
        if setting not in SEVERITIES:
            raise config_error(
                where, f"rules.{code}",
                f"is {_toml(setting)}; it must be one of {_allowed(SEVERITIES)}",
            )
        rules[code.upper()] = setting
    return rules
