"""Benchmark for a generation into a very large directory (issue 11). Prints figures; asserts
nothing.

`casestudy new --no-input` and plain `cookiecutter --no-input` into a directory whose index
has 100,000 rows, against the same command into one whose index has 100 rows, each into a
fresh copy, run alternately (which goes first swaps every round) under the same Python.
Compared: CPU time (user + system, of the command and the hook processes it waited for, from
wait4), wall time, and peak resident memory. CPU time is the figure that holds on a busy
machine, where wall time also counts the time spent waiting for a core. Target: at most 3x.

The indexes are fictional, written by this script: rows in the seed's shape, numbered in
order, with case studies that are only listed (not on disk), as in a partial checkout.

Run: python benchmarks/bench_scale.py [--rounds N] [--rows N]
"""

from __future__ import annotations

import argparse
import os
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

AREAS = ("Scaling vector databases", "Feature stores", "Graph analytics", "Streaming ETL")
NAME, FOCUS_AREA, METRIC = "Fraud Feature Store", "Feature stores", "2.1B vectors"


def index_text(rows: int) -> str:
    lines = [
        "# AI/ML Case Studies (fictional benchmark directory)\n\n## Available Case Studies\n\n",
        "| Case Study | Key Metrics | Focus Area |\n|------------|-------------|------------|\n",
    ]
    lines += [
        f"| **[Bench System {n}]({n:02d}_bench_system_{n}/README.md)** | {n % 97 + 1}.{n % 10}B "
        f"vectors, {n % 89 + 3}ms p99 latency | {AREAS[n % len(AREAS)]} |\n"
        for n in range(1, rows + 1)
    ]
    lines.append("\n## Case Study Format\n\nEach case study follows the nine-section format.\n")
    return "".join(lines)


def casestudy_new(output_dir: Path) -> list[str]:
    return [sys.executable, "-m", "casestudy", "new", "--no-input", "-o", str(output_dir),
            "--name", NAME, "--focus-area", FOCUS_AREA, "--metric", METRIC]


def plain_cookiecutter(output_dir: Path) -> list[str]:
    return [sys.executable, "-m", "cookiecutter", "--no-input", str(REPO_ROOT),
            "-o", str(output_dir), f"system_name={NAME}", f"focus_area={FOCUS_AREA}",
            f"metric_1={METRIC}"]


def measured(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """CPU time, wall time and peak RSS (KB) of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed: {process.stderr.read().decode()}")
    return usage.ru_utime + usage.ru_stime, elapsed, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--rows", type=int, default=100_000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        env = installed_env(work)
        sources = {}
        for rows in (100, options.rows):
            source = work / f"source-{rows}"
            source.mkdir()
            (source / "README.md").write_text(index_text(rows), encoding="utf-8")
            sources[rows] = source
        for label, command in (("casestudy new", casestudy_new),
                               ("plain cookiecutter", plain_cookiecutter)):
            results: dict[int, list[tuple[float, float, int]]] = {rows: [] for rows in sources}
            for round_number in range(options.rounds + 1):
                order = list(sources) if round_number % 2 == 0 else list(sources)[::-1]
                for rows in order:
                    target = work / f"run-{rows}"
                    shutil.rmtree(target, ignore_errors=True)
                    shutil.copytree(sources[rows], target)
                    figures = measured(command(target), env)
                    if round_number:  # the first round fills the bytecode cache
                        results[rows].append(figures)
            small, large = results[100], results[options.rows]
            print(f"{label}: a {options.rows:,}-row index against a 100-row one (target <= 3x)")
            for position, what, unit, scale in ((0, "CPU time", "s", 1.0),
                                                (1, "wall time", "s", 1.0),
                                                (2, "peak RSS", "MB", 1 / 1024)):
                low = statistics.median(figures[position] for figures in small)
                high = statistics.median(figures[position] for figures in large)
                print(f"  {what}: {high * scale:.2f} {unit} / {low * scale:.2f} {unit} = "
                      f"{high / low:.2f}x")


if __name__ == "__main__":
    main()
