"""What does the headline-metric rule (CS401/CS402) cost a document, when its metrics are
stated in the body, and when they are absent, against the floor of reading the document?

Generates fictional case studies of about 13 KB (the nine sections, prose full of figures,
tables, lists, code fences, a mermaid diagram, links), each in two versions that differ only
in their front matter's `key_metrics`: three metrics the body states (one as written, two in
other spellings: "2.1 billion vectors" for "2.1B vectors", "p99 latency of 87 ms" for "87ms
p99 latency"), or three it does not state. Then times, in this process, interleaved:

- the floor: reading each file and decoding it;
- the scan every check starts with (`read_document`);
- the metric rule on the scanned documents, with their metrics present, then absent.

Prints the median per-document cost of each and the ratios: the rule with absent metrics
should cost about what it does with present ones, both small against the floor.

    python benchmarks/bench_metrics.py [--count 300] [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from casestudy.check.context import Context, Findings
from casestudy.check.headline_metrics import check_metrics
from casestudy.check.scan import DocumentScan, read_document
from casestudy.index.read import IndexFile

SECTIONS = (
    "Executive Summary", "Business Context", "Architecture Overview",
    "Technical Implementation", "Performance Metrics", "Challenges & Solutions",
    "Lessons Learned", "Recommendations", "Future Roadmap",
)
NOUNS = ("index", "shard", "replica", "embedding", "pipeline", "cache", "partition", "tenant")
VERBS = ("reduced", "rebalanced", "batched", "sharded", "replicated", "compacted", "cached")


def _sentence(rng: random.Random) -> str:
    """A line of prose holding two or three figures, as case studies are full of them."""
    figure = rng.choice((
        lambda: f"{rng.randint(2, 400)} {rng.choice(NOUNS)}s",
        lambda: f"{rng.randint(5, 900)}ms",
        lambda: f"p{rng.choice((50, 95, 99))} latency of {rng.randint(3, 700)} ms",
        lambda: f"{rng.randint(1, 99)}.{rng.randint(1, 9)}% hit rate",
        lambda: f"{rng.randint(1, 90)}K QPS",
        lambda: f"${rng.randint(1, 900)}K per month",
        lambda: f"{rng.randint(2, 60)} GB",
    ))
    words = [rng.choice(VERBS), "the", rng.choice(NOUNS), "to", figure(), "while", "holding",
             figure(), "across", figure()]
    return "We " + " ".join(words) + "."


def _body(rng: random.Random, present: list[str]) -> str:
    parts = []
    for position, section in enumerate(SECTIONS):
        parts.append(f"## {section}\n")
        for _ in range(6):
            parts.append(" ".join(_sentence(rng) for _ in range(3)) + "\n")
        if position == 0:
            parts.append(present[0] + "\n")
        if section == "Performance Metrics":
            parts.append("| Metric | Before | After |\n|---|---|---|")
            for _ in range(8):
                parts.append(
                    f"| p99 {rng.choice(NOUNS)} latency | {rng.randint(100, 900)}ms "
                    f"| {rng.randint(5, 99)}ms |"
                )
            parts.append("\n" + "\n".join(f"- {spelling}" for spelling in present[1:]) + "\n")
        if section == "Technical Implementation":
            parts.append("```python\nBATCH = 4096\nTIMEOUT_MS = 250\nshards = 64\n```\n")
            parts.append("```mermaid\ngraph LR\n  A[1200 req/s] --> B[64 shards]\n```\n")
        parts.append(f"See [the runbook](https://example.com/runbook/{rng.randint(1, 999)}).\n")
    return "\n".join(parts)


def _metrics(rng: random.Random, latencies: tuple[int, int]) -> tuple[list[str], list[str]]:
    """Three headline metrics and how the body spells them."""
    vectors = rng.randint(11, 99) / 10
    latency = rng.randint(*latencies)
    cost = rng.randint(11, 99)
    return (
        [f"{vectors}B vectors", f"{latency}ms p99 latency", f"${cost / 10000}/query"],
        [f"{vectors}B vectors", f"p99 latency of {latency} ms", f"${cost / 10:.2f} per 1K queries"],
    )


def _document(metrics: list[str], body: str) -> str:
    listed = "\n".join(f'  - "{metric}"' for metric in metrics)
    return f"---\ntitle: Bench\nkey_metrics:\n{listed}\n---\n\n# Bench\n\n{body}"


def _write(root: Path, count: int, seed: int) -> tuple[list[Path], list[Path]]:
    rng = random.Random(seed)
    present, absent = [], []
    for number in range(1, count + 1):
        metrics, spellings = _metrics(rng, (11, 99))
        body = _body(rng, spellings)
        # other figures, never written in this body (whose random latencies stay below 901)
        missing = metrics
        while missing[0] == metrics[0] or missing[2] == metrics[2]:
            missing, _ = _metrics(rng, (901, 999))
        for paths, headline, kind in ((present, metrics, "present"), (absent, missing, "absent")):
            path = root / f"{kind}_{number:04d}.md"
            path.write_text(_document(headline, body), encoding="utf-8")
            paths.append(path)
    return present, absent


def _read_floor(paths: list[Path]) -> None:
    for path in paths:
        descriptor = os.open(path, os.O_RDONLY)
        try:
            os.read(descriptor, 1 << 20).decode("utf-8")
        finally:
            os.close(descriptor)


def _scan(paths: list[Path]) -> list[DocumentScan]:
    return [read_document(str(path), path.name, path.stem, 1, "bench", True) for path in paths]


def _rule(scans: list[DocumentScan], context: Context) -> int:
    out = Findings(context)
    for scan in scans:
        check_metrics(scan, context, out)
    return len(out.items)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        present, absent = _write(root, args.count, seed=13)
        context = Context(str(root), IndexFile(str(root / "README.md")), False, [])
        present_scans, absent_scans = _scan(present), _scan(absent)
        found_present = _rule(present_scans, context)  # warms caches, checks the corpus
        found_absent = _rule(absent_scans, context)
        assert found_present == 0, f"{found_present} findings where every metric is stated"
        assert found_absent == 3 * args.count, f"{found_absent} findings, expected 3 a document"
        timings: dict[str, list[float]] = {"floor": [], "scan": [], "present": [], "absent": []}
        for _ in range(args.runs):
            for name, work in (
                ("floor", lambda: _read_floor(present)),
                ("scan", lambda: _scan(present)),
                ("present", lambda: _rule(present_scans, context)),
                ("absent", lambda: _rule(absent_scans, context)),
            ):
                started = time.perf_counter()
                work()
                timings[name].append((time.perf_counter() - started) / args.count)
    median = {name: statistics.median(values) for name, values in timings.items()}
    print(f"{args.count} documents of about 13 KB, median of {args.runs} runs, per document:")
    for name, label in (
        ("floor", "read and decode (floor)"), ("scan", "read_document (scan)"),
        ("present", "metric rule, metrics present"), ("absent", "metric rule, metrics absent"),
    ):
        cost, ratio = median[name] * 1e6, median[name] / median["floor"]
        print(f"  {label:32} {cost:8.1f} us  {ratio:6.2f}x floor")
    print(f"absent / present: {median['absent'] / median['present']:.2f}x")


if __name__ == "__main__":
    main()
