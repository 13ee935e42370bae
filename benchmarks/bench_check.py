"""How fast is `casestudy check` on a large directory, against two baselines in the same run?

Generates 1,000 fictional case studies of about 13 KB each (front matter, the nine sections,
tables, code fences, lists, relative and external links, images; one in four writing its
headline metrics in prose, see `--paraphrase-every`; with `--real-headings-every N`, every Nth
titling its sections as real directories do; one in twenty an older flat one without
front matter), plus the index README listing them all, in a temporary directory.
Then times, as cold subprocesses, interleaved so that machine noise hits all three alike:

- `casestudy check DIR --format plain`;
- `mdformat --check` on the same files (what a team would otherwise run in CI);
- the floor: a process that only reads every case study and iterates its lines.

Prints the median of each and the ratios the issue sets as targets: check within 1 s, at
least 20x faster than mdformat, and within 4x of the floor.

"Cold" means a new process each time, as an installed tool runs: Python's bytecode cache is
allowed (in a temporary PYTHONPYCACHEPREFIX, warmed by one untimed run), as pip's install
step provides it for an installed package; mdformat already has it in site-packages. With
`--no-bytecode-cache` (as under PYTHONDONTWRITEBYTECODE=1) every run of the check also
compiles the package from source, about 25 ms more on the 2-core benchmark machine.

    python benchmarks/bench_check.py [--count 1000] [--runs 5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FOCUS_AREAS = (
    "Production RAG systems",
    "Scaling vector databases",
    "Feature stores",
    "Multi-modal search systems",
    "Real-time inference databases",
)
NOUNS = (
    "index", "shard", "replica", "embedding", "feature", "pipeline", "cache", "query",
    "partition", "snapshot", "compaction", "tenant", "vector", "model", "batch", "stream",
    "schema", "checkpoint", "consumer", "scheduler", "allocator", "segment", "manifest",
)
VERBS = (
    "reduced", "doubled", "rebalanced", "isolated", "batched", "prefetched", "sharded",
    "replicated", "throttled", "compacted", "cached", "migrated", "validated", "measured",
)
ADJECTIVES = (
    "hot", "cold", "stale", "skewed", "bursty", "regional", "tiered", "incremental",
    "approximate", "exact", "noisy", "sparse", "dense", "nightly", "online", "offline",
)
SECTION_TITLES = (
    "Executive Summary", "Business Context", "Architecture Overview",
    "Technical Implementation", "Performance Metrics", "Challenges & Solutions",
    "Lessons Learned", "Recommendations", "Future Roadmap",
)
LEGACY_TITLES = (
    "Executive Summary", "Business Context and Requirements", "Architecture Overview",
    "Technical Implementation", "Performance Metrics and Benchmarks",
    "Production Challenges and Solutions", "Lessons Learned and Key Insights",
    "Recommendations for Other Teams", "Future Roadmap and Upcoming Improvements",
)

# What real directories write instead (numbered, decorated, long, synonyms): the checker
# reads each distinct heading once, so these must cost no more per document than the above.
REAL_SHAPED_TITLES = (
    ("1. Executive Summary", "📋 Executive Summary:", "Executive Summary (TL;DR)"),
    ("2. Business Problem and Requirements", "**Business Context & Constraints**", "Background"),
    ("3. System Architecture Overview", "Architecture Evolution", "🏗️ High-Level Architecture"),
    ("4. Technical Implementation Details", "Technical Implementation: Write Path",
     "Implementation"),
    ("5. Performance Metrics (2025)", "Performance Metrics and Trade-offs", "Results and Impact"),
    ("6. Technical Challenges and Solutions", "Scaling Challenges & Solutions",
     "Challenges We Faced"),
    ("7. 🎓 Lessons Learned", "Key Lessons Learned", "Key Takeaways"),
    ("8. Recommendations for Other Teams", "**Recommendations**", "Best Practices"),
    ("9. Future Improvements and Roadmap", "Roadmap", "What's Next"),
)
REAL_SHAPED_EXTRAS = ("Conclusion", "References", "Appendix A: Benchmark Setup", "Timeline")


def _sentence(rng: random.Random) -> str:
    words = [
        f"the {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}",
        rng.choice(VERBS),
        f"{rng.choice(NOUNS)} latency by {rng.randint(2, 90)}%",
        f"across {rng.randint(3, 400)} {rng.choice(NOUNS)}s",
        f"while the {rng.choice(NOUNS)} {rng.choice(VERBS)} {rng.choice(ADJECTIVES)} traffic",
    ]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, sentences: int = 5) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def _metrics(rng: random.Random, number: int) -> list[str]:
    return [
        f"{rng.randint(1, 9)}.{rng.randint(1, 9)}B vectors",
        f"{rng.randint(5, 300)}ms p99 latency",
        f"${rng.randint(1, 9)}.00{rng.randint(1, 9)}{number % 10}/query",
    ]


def _paraphrased(metrics: list[str]) -> list[str]:
    """The same figures as authors often write them in prose ("3.2 billion vectors", "p99
    latency of 135 ms", "$2.0081 per query"), which only the typed metric parser matches."""
    vectors, latency, cost = metrics
    return [
        vectors.replace("B vectors", " billion vectors"),
        "p99 latency of " + latency.split("ms")[0] + " ms",
        cost.replace("/query", " per query"),
    ]


def _entry_link(number: int, *, from_folder: bool, legacy_every: int = 20) -> str:
    name = f"{number:02d}_system_{number:04d}"
    target = f"{name}.md" if number % legacy_every == 0 else f"{name}/README.md"
    return f"../{target}" if from_folder else target


def _section_body(
    rng: random.Random, position: int, number: int, metrics: list[str], legacy: bool
) -> str:
    parts = [_paragraph(rng, 4), _paragraph(rng, 3)]
    if position == 0:
        parts.append("**Headline results:**\n\n" + "\n".join(f"- **{m}** served" for m in metrics))
    if position == 2:
        parts.append(
            "```mermaid\nflowchart LR\n    client --> api[Serving API]\n"
            "    api --> store[(Vector store)]\n    ingest[Ingestion] --> store\n```"
        )
        if not legacy:
            parts.append("![Architecture diagram](diagram.svg)")
    if position == 3:
        parts.append(
            "```python\n# Fictional example: batch writes to the index\n"
            "def flush(batch, index):\n    for shard, rows in batch.by_shard():\n"
            "        index.write(shard, rows, timeout_ms=250)\n## not a heading\n```"
        )
        parts.append(_paragraph(rng, 6))
    if position == 4:
        rows = "\n".join(
            f"| {metric} | {rng.randint(100, 900)}ms before | 7-day window, p99 |"
            for metric in metrics
        )
        parts.append(
            "| Headline metric | Baseline before | How it was measured |\n"
            "|---|---|---|\n" + rows
        )
    if position == 5:
        for challenge in range(1, 4):
            parts.append(
                f"### Challenge {challenge}: {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}s\n\n"
                f"- **Problem:** {_sentence(rng)}\n- **Root cause:** {_sentence(rng)}\n"
                f"- **Solution:** {_sentence(rng)}\n- **Result:** {_sentence(rng)}"
            )
    if position in (6, 7):
        parts.append("\n".join(f"{i}. {_sentence(rng)}" for i in range(1, 6)))
    neighbour = max(1, number - 1)
    parts.append(
        f"See [case study {neighbour}]({_entry_link(neighbour, from_folder=not legacy)}) "
        "and [the public paper](https://example.org/papers/approximate-search)."
    )
    return "\n\n".join(parts)


def case_study_text(
    number: int,
    *,
    legacy: bool,
    paraphrase_every: int = 4,
    status: str = "published",
    real_headings: bool = False,
) -> str:
    rng = random.Random(number)
    title = f"Fictional System {number:04d}"
    metrics = _metrics(rng, number)
    focus = FOCUS_AREAS[number % len(FOCUS_AREAS)]
    titles = LEGACY_TITLES if legacy else SECTION_TITLES
    if real_headings:  # chosen apart, so the text under them stays the same
        pick = random.Random(-number)
        titles = tuple(pick.choice(variants) for variants in REAL_SHAPED_TITLES)
    head = "" if legacy else (
        "---\n"
        f'title: "{title}"\nnumber: {number}\nslug: system_{number:04d}\n'
        f'focus_area: "{focus}"\nkey_metrics:\n'
        + "".join(f'  - "{metric}"\n' for metric in metrics)
        + f"status: {status}\ncreated: 2026-0{1 + number % 9}-1{number % 10}\n---\n\n"
    )
    # some case studies write their figures in prose rather than as in the front matter
    paraphrased = paraphrase_every > 0 and number % paraphrase_every == 0
    written = _paraphrased(metrics) if paraphrased else metrics
    sections = [
        f"## {heading}\n\n{_section_body(rng, position, number, written, legacy)}"
        for position, heading in enumerate(titles)
    ]
    if legacy:
        sections.append(f"## Conclusion\n\n{_paragraph(rng)}")
    if real_headings:
        extra = REAL_SHAPED_EXTRAS[number % len(REAL_SHAPED_EXTRAS)]
        sections.append(f"## {extra}\n\n{_paragraph(rng, 2)}")
    text = head + f"# {title}\n\n> Fictional case study generated for a benchmark.\n\n"
    text += "\n\n".join(sections)
    return text if legacy else text + "\n"


def generate(
    root: Path,
    count: int,
    legacy_every: int = 20,
    paraphrase_every: int = 4,
    real_headings_every: int = 0,
) -> list[Path]:
    """Write `count` case studies and their index into `root`; return the case-study files."""
    rows = []
    files = []
    for number in range(1, count + 1):
        legacy = number % legacy_every == 0
        name = f"{number:02d}_system_{number:04d}"
        real_headings = real_headings_every > 0 and number % real_headings_every == 0
        text = case_study_text(
            number, legacy=legacy, paraphrase_every=paraphrase_every, real_headings=real_headings
        )
        if legacy:
            path = root / f"{name}.md"
        else:
            (root / name).mkdir()
            path = root / name / "README.md"
            (root / name / "diagram.svg").write_text("<svg/>\n", encoding="utf-8")
        path.write_text(text, encoding="utf-8")
        files.append(path)
        rng = random.Random(number)
        metrics = ", ".join(_metrics(rng, number))
        link = f"{name}.md" if legacy else f"{name}/README.md"
        focus = FOCUS_AREAS[number % len(FOCUS_AREAS)]
        rows.append(f"| **[Fictional System {number:04d}]({link})** | {metrics} | {focus} |")
    index = (
        "# Fictional Case Studies\n\nGenerated for a benchmark; every system is made up.\n\n"
        "## Available Case Studies\n\n| Case Study | Key Metrics | Focus Area |\n"
        "|------------|-------------|------------|\n" + "\n".join(rows) + "\n"
    )
    (root / "README.md").write_text(index, encoding="utf-8")
    return files


FLOOR_SCRIPT = """
import os, sys
for entry in os.scandir(sys.argv[1]):
    path = entry.path
    if entry.is_dir():
        path = os.path.join(path, "README.md")
    elif not entry.name.endswith(".md"):
        continue
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            pass
"""


def _console_script() -> str:
    script = Path(sys.executable).with_name("casestudy")
    return str(script) if script.exists() else shutil.which("casestudy") or "casestudy"


def _time(command: list[str], ok_codes: tuple[int, ...], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode not in ok_codes:
        raise SystemExit(f"{command[:4]} exited {done.returncode}: {done.stderr.decode()[-500:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--paraphrase-every",
        type=int,
        default=4,
        help="every Nth case study writes its metrics in prose, which only the typed metric "
        "parser matches (0: none)",
    )
    parser.add_argument(
        "--real-headings-every",
        type=int,
        default=0,
        help="every Nth case study titles its sections as real directories do (numbered, "
        "decorated, long, synonyms) and adds an extra section (0: none)",
    )
    parser.add_argument("--keep", type=Path, help="generate into this empty directory, keep it")
    parser.add_argument("--skip-mdformat", action="store_true", help="time only check and floor")
    parser.add_argument(
        "--no-bytecode-cache", action="store_true", help="compile from source on every run"
    )
    options = parser.parse_args()

    workdir = options.keep or Path(tempfile.mkdtemp(prefix="bench-check-"))
    pycache = Path(tempfile.mkdtemp(prefix="bench-check-pycache-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        files = generate(
            workdir,
            options.count,
            paraphrase_every=options.paraphrase_every,
            real_headings_every=options.real_headings_every,
        )
        size = sum(path.stat().st_size for path in files) / len(files) / 1024
        print(f"{len(files)} case studies, {size:.1f} KB each on average, in {workdir}")
        commands: dict[str, tuple[list[str], tuple[int, ...]]] = {
            "casestudy check": (
                # The installed command, as users and pre-commit run it (no runpy, unlike -m).
                [_console_script(), "check", str(workdir), "--format", "plain"],
                (0,),
            ),
            "floor (read + iterate lines)": (
                [sys.executable, "-c", FLOOR_SCRIPT, str(workdir)],
                (0,),
            ),
        }
        if not options.skip_mdformat:
            commands["mdformat --check"] = (
                [sys.executable, "-m", "mdformat", "--check", *map(str, files)],
                (0, 1),  # 1: some files would be reformatted; the time is what counts
            )
        env = dict(os.environ)
        if options.no_bytecode_cache:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        else:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(pycache)
        for command, ok_codes in commands.values():
            _time(command, ok_codes, env)  # warm-up: the bytecode cache and the page cache
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(options.runs):
            for name, (command, ok_codes) in commands.items():
                times[name].append(_time(command, ok_codes, env))
        medians = {name: statistics.median(values) for name, values in times.items()}
        for name, median in medians.items():
            runs = ", ".join(f"{value * 1000:.0f}" for value in times[name])
            print(f"{name:30} median {median * 1000:8.1f} ms   (runs: {runs})")
        check = medians["casestudy check"]
        floor = medians["floor (read + iterate lines)"]
        # Each round times the check and the floor back to back, so a round's ratio compares
        # like with like when the machine's speed drifts between rounds.
        per_round = statistics.median(
            mine / base
            for mine, base in zip(
                times["casestudy check"], times["floor (read + iterate lines)"], strict=True
            )
        )
        print(f"check / floor:    {check / floor:6.2f}x   (ratio of medians; target: at most 4x)")
        print(f"check / floor:    {per_round:6.2f}x   (median of per-round ratios)")
        if "mdformat --check" in medians:
            print(f"mdformat / check: {medians['mdformat --check'] / check:6.1f}x   "
                  "(target: at least 20x)")
        print(f"check wall time:  {check:6.3f} s   (target: at most 1 s)")
    finally:
        shutil.rmtree(pycache, ignore_errors=True)
        if options.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
