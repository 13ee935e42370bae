"""Benchmarks for the template (issue 2). Prints figures; asserts nothing.

1. `cookiecutter --no-input` on this template against a bare one-file template, under the
   same cookiecutter and Python, the two run alternately; target: median ratio <= 1.3x.
2. Adding a row to a 10,000-row index (read, locate, splice, re-parse check, atomic write,
   under the directory lock) against merely reading and writing that file; target <= 3x.

Run: python benchmarks/bench_template.py [--rounds N]
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
sys.path.insert(0, str(REPO_ROOT))

from casestudy.index.edit import add_to_index  # noqa: E402
from casestudy.index.model import IndexEntry  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from installed_env import installed_env  # noqa: E402

ANSWERS = [
    "system_name=Fraud Feature Store",
    "focus_area=Feature stores",
    "metric_1=2.1B vectors",
    "metric_2=87ms p99 latency",
    "metric_3=$0.0012/query",
]


def _bare_template(root: Path) -> Path:
    template = root / "bare-template"
    (template / "{{cookiecutter.name}}").mkdir(parents=True)
    (template / "cookiecutter.json").write_text('{"name": "bare"}')
    (template / "{{cookiecutter.name}}" / "README.md").write_text("# {{ cookiecutter.name }}\n")
    return template


def _timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def bench_generation(rounds: int, work: Path) -> None:
    bare = _bare_template(work)
    env = installed_env(work)
    cookiecutter = [sys.executable, "-m", "cookiecutter", "--no-input"]
    ours_times, bare_times = [], []
    for round_number in range(rounds + 1):  # round 0 warms the disk cache and is dropped
        target = work / f"ours-{round_number}"
        shutil.copytree(REPO_ROOT / "examples" / "case-studies", target)
        ours = _timed([*cookiecutter, str(REPO_ROOT), "-o", str(target), *ANSWERS], env)
        baseline = _timed([*cookiecutter, str(bare), "-o", str(work / f"bare-{round_number}")], env)
        if round_number:
            ours_times.append(ours)
            bare_times.append(baseline)
    ratios = [ours / base for ours, base in zip(ours_times, bare_times, strict=True)]
    print(f"generation ({rounds} alternating rounds, cookiecutter --no-input):")
    print(f"  bare one-file template  median {statistics.median(bare_times) * 1000:7.1f} ms")
    print(f"  case-study template     median {statistics.median(ours_times) * 1000:7.1f} ms")
    print(f"  ratio                   median {statistics.median(ratios):7.2f}x  (target <= 1.3x)")


def _index_of(rows: int) -> str:
    seed = (REPO_ROOT / "examples" / "case-studies" / "README.md").read_text()
    head, tail = seed.split("| **[Vector Search Platform]", 1)
    tail = tail.split("\n\n", 1)[1]
    body = "".join(
        f"| **[System {n}]({n:05d}_system_{n}/README.md)** | 8.4B queries/month, "
        f"142ms p50 latency, 0.78 NDCG@10 | Production RAG systems |\n"
        for n in range(1, rows + 1)
    )
    return head + body + "\n" + tail


def bench_index_edit(rounds: int, work: Path) -> None:
    root = work / "index"
    root.mkdir()
    readme = root / "README.md"
    original = _index_of(10_000)
    entry = IndexEntry(
        "Fraud Feature Store", "10001_fraud_feature_store/README.md",
        ("2.1B vectors", "87ms p99 latency"), "Feature stores",
    )
    edit_times, io_times = [], []
    for round_number in range(rounds + 1):
        readme.write_text(original, encoding="utf-8")
        start = time.perf_counter()
        text = readme.read_text(encoding="utf-8")
        readme.write_text(text, encoding="utf-8")
        io_time = time.perf_counter() - start

        start = time.perf_counter()
        update = add_to_index(root, entry)
        edit_time = time.perf_counter() - start
        assert update.action == "added"
        if round_number:
            io_times.append(io_time)
            edit_times.append(edit_time)
    ratios = [edit / io for edit, io in zip(edit_times, io_times, strict=True)]
    size = len(original.encode()) / 1e6
    print(f"index edit (10,000 rows, {size:.1f} MB, {rounds} alternating rounds):")
    print(f"  read + write the file   median {statistics.median(io_times) * 1000:7.2f} ms")
    print(f"  add the row             median {statistics.median(edit_times) * 1000:7.2f} ms")
    print(f"  ratio                   median {statistics.median(ratios):7.2f}x  (target <= 3x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        bench_generation(args.rounds, work)
        bench_index_edit(max(args.rounds, 30), work)


if __name__ == "__main__":
    main()
