"""Benchmark for `casestudy new` (issue 3). Prints figures; asserts nothing.

`casestudy new --no-input ...` against plain `cookiecutter --no-input` on the same template
with the same answers, each into a fresh copy of one case-study directory, run alternately
(which goes first swaps every round) under the same Python. Target: median ratio <= 1.2x,
which holds only while the --no-input path never imports questionary.

Run: python benchmarks/bench_new.py [--rounds N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from installed_env import installed_env  # noqa: E402

DIRECTORY_README = REPO_ROOT / "tests" / "data" / "new" / "index_README.md"

NAME, FOCUS_AREA = "Fraud Feature Store", "Feature stores"
METRICS = ("1.8M features/sec", "8.2ms p95 latency", "$0.0012/query")


def casestudy_new(output_dir: Path) -> list[str]:
    metrics = [option for metric in METRICS for option in ("--metric", metric)]
    return [sys.executable, "-m", "casestudy", "new", "--no-input", "-o", str(output_dir),
            "--name", NAME, "--focus-area", FOCUS_AREA, *metrics]


def plain_cookiecutter(output_dir: Path) -> list[str]:
    answers = [f"metric_{n}={metric}" for n, metric in enumerate(METRICS, start=1)]
    return [sys.executable, "-m", "cookiecutter", "--no-input", str(REPO_ROOT),
            "-o", str(output_dir), f"system_name={NAME}", f"focus_area={FOCUS_AREA}", *answers]


def fresh_directory(work: Path, name: str) -> Path:
    directory = work / name
    directory.mkdir()
    shutil.copy(DIRECTORY_README, directory / "README.md")
    return directory


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        env = installed_env(work)
        ours: list[float] = []
        theirs: list[float] = []
        for round_number in range(args.rounds + 1):  # round 0 warms caches and is dropped
            runs = [
                (ours, casestudy_new(fresh_directory(work, f"new-{round_number}"))),
                (theirs, plain_cookiecutter(fresh_directory(work, f"cc-{round_number}"))),
            ]
            if round_number % 2:
                runs.reverse()
            for times, command in runs:
                elapsed = timed(command, env)
                if round_number:
                    times.append(elapsed)
    ratios = [mine / baseline for mine, baseline in zip(ours, theirs, strict=True)]
    print(f"casestudy new vs cookiecutter ({args.rounds} alternating rounds, --no-input):")
    print(f"  cookiecutter --no-input   median {statistics.median(theirs) * 1000:7.1f} ms")
    print(f"  casestudy new --no-input  median {statistics.median(ours) * 1000:7.1f} ms")
    print(f"  ratio                     median {statistics.median(ratios):7.2f}x  "
          "(target <= 1.2x)")


if __name__ == "__main__":
    main()
