"""How long does `casestudy adopt` take on a large older directory, against `casestudy check`
on the same directory in the same run?

Generates `--count` fictional flat case studies (the tests' five fictional documents of
tests/data/adopt/documents, renumbered and retitled, each linking to its neighbour) and an
index table listing them, then times, as cold subprocesses, interleaved so that machine noise
hits all alike:

- the baseline: `casestudy check DIR` (reads and scans every document once);
- `casestudy adopt --dry-run DIR` (plans and prints every diff, writes nothing);
- `casestudy adopt DIR` on a fresh copy (writes front matter and the index);
- `casestudy adopt --layout folder DIR` on a fresh copy (also moves every file and rewrites
  every link).

Prints each median and its ratio to the baseline.

    python benchmarks/bench_adopt.py [--count 500] [--runs 3]
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

REPO = Path(__file__).resolve().parent.parent
DOCUMENTS = sorted((REPO / "tests" / "data" / "adopt" / "documents").glob("*.md"))
HEADER = "| Case Study | Key Metrics | Focus Area |\n|------------|-------------|------------|\n"


def make_directory(root: Path, count: int) -> None:
    root.mkdir()
    rows = []
    for number in range(1, count + 1):
        source = DOCUMENTS[(number - 1) % len(DOCUMENTS)]
        text = source.read_text(encoding="utf-8")
        title = f"System {number}"
        name = f"{number:03d}_system_{number}.md"
        neighbour = f"{number % count + 1:03d}_system_{number % count + 1}.md"
        text = text.split("\n", 1)[1]
        text = f"# {title}\n\nSee also [the next one]({neighbour}).\n{text}"
        (root / name).write_text(text, encoding="utf-8")
        rows.append(
            f"| **[{title}]({name})** | 2.1B vectors, 87ms p99 latency | Feature stores |"
        )
    (root / "README.md").write_text("# Case studies\n\n" + HEADER + "\n".join(rows) + "\n")


def timed(command: list[str], *, findings_ok: bool = False) -> float:
    """Seconds the command took; `findings_ok`: exit status 1 (findings) is a success."""
    started = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    if result.returncode not in ((0, 1) if findings_ok else (0,)):
        raise SystemExit(f"{' '.join(command)} exited {result.returncode}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    casestudy = [sys.executable, "-m", "casestudy"]
    with tempfile.TemporaryDirectory() as work:
        pristine = Path(work) / "pristine"
        make_directory(pristine, args.count)
        times: dict[str, list[float]] = {
            "check": [], "adopt --dry-run": [], "adopt": [], "adopt --layout folder": []
        }
        for run in range(args.runs):
            times["check"].append(timed([*casestudy, "check", str(pristine)], findings_ok=True))
            times["adopt --dry-run"].append(
                timed([*casestudy, "adopt", "--dry-run", str(pristine)])
            )
            for options, label in (
                ([], "adopt"), (["--layout", "folder"], "adopt --layout folder")
            ):
                copy = Path(work) / f"copy-{run}-{len(options)}"
                shutil.copytree(pristine, copy)
                times[label].append(timed([*casestudy, "adopt", *options, str(copy)]))
        baseline = statistics.median(times["check"])
        print(f"{args.count} flat case studies, median of {args.runs} cold runs")
        for label, values in times.items():
            median = statistics.median(values)
            print(f"  {label:24} {median * 1000:8.0f} ms  {median / baseline:5.2f}x check")


if __name__ == "__main__":
    main()
