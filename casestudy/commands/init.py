"""`casestudy init DIR`: bootstrap a new case-study directory."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "directory",
        type=Path,
        metavar="DIR",
        help="where to set up the directory (created if missing; nothing in it is overwritten)",
    )


def run(args: argparse.Namespace) -> int:
    from casestudy.kit.init import PRE_COMMIT_CONFIG_NAME, init_directory

    root: Path = args.directory
    result = init_directory(root)
    print(f"Set up the case-study directory {root}:")
    for path in result.written:
        print(f"  {path}")
    absolute = root.absolute()
    print("Next:")
    if result.git_root is None:
        print(f"  git init {root}    # pre-commit and pull requests need a git repository")
        print(f"  cd {root} && pre-commit install")
    elif result.git_root == absolute:
        print(f"  cd {root} && pre-commit install")
    else:
        config = absolute / PRE_COMMIT_CONFIG_NAME
        print(
            f"  pre-commit reads its configuration from the repository root {result.git_root}: "
            f"merge the hooks of {config} into its .pre-commit-config.yaml (they already name "
            f"this directory), or run `pre-commit install -c {config.relative_to(result.git_root)}`"
            " there."
        )
    print(f"  cd {root} && casestudy new    # start the first case study")
    return 0
