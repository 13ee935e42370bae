"""How fast and how lean is `casestudy check` on directories that look like real ones?

The corpus comes from `corpus.py`: an index README in the shape of a real directory's, flat
legacy case studies and template folders mixed, sections named the way authors name them,
code fences, tables, lists and links, headline metrics restated in other words in some
documents and left out of the body in about one in five (the checker's most expensive path).
Two corpora are generated per run, `--count` and `--large` case studies, in a temporary
directory (or in `--keep DIR`, where they are reused by later runs).

Every timed command is a cold subprocess, as an installed tool runs. Python's bytecode cache
is allowed, in a temporary PYTHONPYCACHEPREFIX (see installed_env.py), and warmed with the
page cache by one untimed round. The commands alternate within each round, in an order that
rotates from round to round, so that machine noise hits all of them alike; figures are medians
over the rounds. Four figures, each a ratio against a baseline timed in the same run:

1. Start-up and total cost: the wall time of `casestudy check DIR --format plain` on the
   `--count` corpus, and its ratio to the floor, a Python process that only reads every
   markdown file of the directory (the index and each case study, found by listing it) and
   iterates its lines.
2. Marginal cost per document: the slope of the check's time between the `--count` and the
   `--large` corpus, in ms per 1,000 documents, against the floor's slope. Start-up cancels
   out, so this shows whether the per-document work stays within a small factor of reading.
3. Peak memory: the check's maximum resident set size on the `--large` corpus, from `os.wait4`
   (ru_maxrss), as a ratio to the size of the markdown it reads. On Linux, ru_maxrss is the
   largest of the process and the children it waited for (a forked worker), not their sum.
4. Against a linter a team might otherwise run in CI: `markdownlint-cli2` on the same files of
   the `--count` corpus, installed with npm into a temporary prefix that later runs reuse. It
   exits non-zero when it finds lint, which is expected. Skipped with a message when npm is
   absent or the install fails, or with `--skip-markdownlint`.

Prints the raw medians, every figure as a ratio, and a PASS or MISS line per target. The
targets are the issue's, kept in TARGETS below. Nothing here is asserted by the tests.

    python benchmarks/bench_check.py [--count 1000] [--large 10000] [--rounds 5]
        [--keep DIR] [--skip-markdownlint]

Corpus generation writes about 13 KB a document; on a slow disk, TMPDIR=/dev/shm makes it
quicker (the timed commands read from the page cache either way).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import Corpus, cached
from installed_env import installed_env

TARGETS = {
    "check_seconds": 1.0,  # 1. a cold check of --count documents: under this many seconds
    "slope_ratio": 3.0,  # 2. marginal cost per document: at most this many times the floor's
    "rss_ratio": 2.0,  # 3. peak RSS at --large: at most this many times the markdown's size
    "markdownlint_ratio": 10.0,  # 4. markdownlint-cli2 / check: at least this
}

# Reads the index and every case study the way a checker must find them (listing the
# directory: NN_slug.md files and NN_slug/README.md folders) and iterates their lines.
FLOOR_SCRIPT = """
import os, sys
root = sys.argv[1]
paths = [os.path.join(root, "README.md")]
for entry in os.scandir(root):
    if entry.name[:1].isdigit():
        if entry.is_dir():
            paths.append(os.path.join(entry.path, "README.md"))
        elif entry.name.endswith(".md"):
            paths.append(entry.path)
for path in paths:
    for line in open(path, encoding="utf-8"):
        pass
"""

MARKDOWNLINT = "markdownlint-cli2"
NPM_CACHE = Path(tempfile.gettempdir()) / "casestudy-bench-markdownlint-cli2"


class Timed:
    """One command under test, and what each timed run of it measured."""

    def __init__(self, label: str, command: list[str], ok_codes: tuple[int, ...], cwd: Path):
        self.label = label
        self.command = command
        self.ok_codes = ok_codes
        self.cwd = cwd
        self.seconds: list[float] = []
        self.max_rss: list[int] = []  # bytes

    def run(self, env: dict[str, str], log: Path, *, record: bool = True) -> None:
        with log.open("wb") as out:
            start = time.perf_counter()
            child = subprocess.Popen(
                self.command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=self.cwd
            )
            _, status, usage = os.wait4(child.pid, 0)
            elapsed = time.perf_counter() - start
        child.returncode = code = os.waitstatus_to_exitcode(status)  # reaped: tell Popen
        output = log.read_bytes()
        if code not in self.ok_codes or b"Traceback (most recent call last)" in output:
            tail = output[-1500:].decode("utf-8", "replace")
            shown = " ".join(self.command[:4])
            raise SystemExit(f"{self.label}: {shown} ... exited {code}:\n{tail}")
        if record:
            self.seconds.append(elapsed)
            # kilobytes on Linux, bytes on macOS
            self.max_rss.append(usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024))

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def _console_script() -> str:
    """The installed `casestudy` command, as users and pre-commit run it."""
    script = Path(sys.executable).with_name("casestudy")
    return str(script) if script.exists() else shutil.which("casestudy") or "casestudy"


def _markdownlint() -> tuple[list[str] | None, str]:
    """The markdownlint-cli2 command and its version, installed with npm on first use; or
    None and the reason it is unavailable."""
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        return None, "npm or node is not on PATH"
    binary = NPM_CACHE / "node_modules" / ".bin" / MARKDOWNLINT
    if not binary.exists():
        print(f"installing {MARKDOWNLINT} with npm into {NPM_CACHE} ...", flush=True)
        try:
            done = subprocess.run(
                [npm, "install", "--prefix", str(NPM_CACHE), "--no-audit", "--no-fund",
                 "--loglevel=error", MARKDOWNLINT],
                capture_output=True, text=True, timeout=600,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            return None, f"npm install failed: {error}"
        if done.returncode != 0 or not binary.exists():
            return None, f"npm install failed ({done.returncode}): {done.stderr.strip()[-500:]}"
    manifest = NPM_CACHE / "node_modules" / MARKDOWNLINT / "package.json"
    version = json.loads(manifest.read_text(encoding="utf-8")).get("version", "?")
    return [str(binary)], version


def _describe(corpus: Corpus) -> str:
    files = corpus.files
    flat = sum(1 for path in files if path.name != "README.md")
    markdown = corpus.markdown_bytes
    return (
        f"{len(files):,} case studies ({flat:,} flat, {len(files) - flat:,} folders), "
        f"{markdown / len(files) / 1024:.1f} KB each on average, "
        f"{markdown / 1e6:.1f} MB of markdown with the index"
    )


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def _verdict(ok: bool, text: str) -> str:
    return f"{'PASS' if ok else 'MISS'}  {text}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="documents in the small corpus")
    parser.add_argument("--large", type=int, default=10000, help="documents in the large one")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds (after a warm-up)")
    parser.add_argument(
        "--keep", type=Path, help="generate the corpora into DIR and keep them (reused next time)"
    )
    parser.add_argument("--skip-markdownlint", action="store_true")
    options = parser.parse_args()
    if not 0 < options.count < options.large:
        parser.error("need 0 < --count < --large")
    if options.rounds < 1:
        parser.error("need --rounds >= 1")

    if options.keep:
        options.keep.mkdir(parents=True, exist_ok=True)
    work = options.keep or Path(tempfile.mkdtemp(prefix="bench-check-"))
    try:
        _run(options, work)
    finally:
        if options.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def _run(options: argparse.Namespace, work: Path) -> None:
    start = time.perf_counter()
    small = cached(work, options.count)
    large = cached(work, options.large)
    print(f"corpora in {work} (ready in {time.perf_counter() - start:.1f} s):")
    print(f"  small: {_describe(small)}")
    print(f"  large: {_describe(large)}")

    check = _console_script()
    commands = [
        Timed(f"check {options.count:,}", [check, "check", str(small.root), "--format", "plain"],
              (0, 1), small.root),
        Timed(f"floor {options.count:,}", [sys.executable, "-c", FLOOR_SCRIPT, str(small.root)],
              (0,), small.root),
        Timed(f"check {options.large:,}", [check, "check", str(large.root), "--format", "plain"],
              (0, 1), large.root),
        Timed(f"floor {options.large:,}", [sys.executable, "-c", FLOOR_SCRIPT, str(large.root)],
              (0,), large.root),
    ]
    markdownlint = None
    if options.skip_markdownlint:
        print("markdownlint-cli2: skipped (--skip-markdownlint)")
    else:
        command, version = _markdownlint()
        if command is None:
            print(f"markdownlint-cli2: SKIPPED, {version}")
        else:
            print(f"markdownlint-cli2 {version}, from {NPM_CACHE}")
            files = [str(small.index), *map(str, small.files)]
            markdownlint = Timed(f"markdownlint {options.count:,}", command + files, (0, 1),
                                 small.root)
            commands.append(markdownlint)
    print("commands (DIR: a corpus directory):")
    print(f"  {check} check DIR --format plain")
    print(f"  {sys.executable} -c FLOOR_SCRIPT DIR")
    if markdownlint is not None:
        print(f"  {markdownlint.command[0]} DIR/README.md DIR/NN_slug.md DIR/NN_slug/README.md ...")

    env = installed_env(work)
    log = work / "last-output.txt"
    for command in commands:  # warm-up: bytecode cache, page cache; not recorded
        command.run(env, log, record=False)
    for round_number in range(options.rounds):
        shift = round_number % len(commands)
        for command in commands[shift:] + commands[:shift]:
            command.run(env, log)
        print(f"  round {round_number + 1}/{options.rounds} done", flush=True)

    check_small, floor_small, check_large, floor_large = commands[:4]
    print(f"\nraw medians over {options.rounds} rounds (each run in ms):")
    for command in commands:
        runs = ", ".join(f"{value * 1000:.0f}" for value in command.seconds)
        print(f"  {command.label:20} {_ms(command.median):>10}   ({runs})")

    def per_round(mine: Timed, base: Timed) -> float:
        return statistics.median(a / b for a, b in zip(mine.seconds, base.seconds, strict=True))

    verdicts = []
    print(f"\n1. cold check of {options.count:,} documents")
    seconds = check_small.median
    print(f"   check {_ms(seconds)}, floor {_ms(floor_small.median)}: "
          f"{seconds / floor_small.median:.2f}x the floor "
          f"(median of per-round ratios {per_round(check_small, floor_small):.2f}x)")
    verdicts.append(_verdict(
        seconds < TARGETS["check_seconds"],
        f"cold check of {options.count:,} documents: {seconds:.3f} s "
        f"(target under {TARGETS['check_seconds']:g} s)",
    ))

    thousands = (options.large - options.count) / 1000
    check_slope = (check_large.median - check_small.median) / thousands
    floor_slope = (floor_large.median - floor_small.median) / thousands
    round_slopes = [
        ((cl - cs) / thousands, (fl - fs) / thousands)
        for cs, fs, cl, fl in zip(
            check_small.seconds, floor_small.seconds, check_large.seconds, floor_large.seconds,
            strict=True,
        )
    ]
    slope_ratio = check_slope / floor_slope if floor_slope > 0 else float("inf")
    print(f"\n2. marginal cost per 1,000 documents ({options.count:,} -> {options.large:,})")
    print(f"   check {_ms(check_slope)}, floor {_ms(floor_slope)} per 1,000 documents: "
          f"{slope_ratio:.2f}x the floor")
    print("   per round (check / floor, ms per 1,000): " + ", ".join(
        f"{c * 1000:.0f}/{f * 1000:.0f}" for c, f in round_slopes
    ))
    verdicts.append(_verdict(
        slope_ratio <= TARGETS["slope_ratio"],
        f"marginal cost per document: {slope_ratio:.2f}x the floor's "
        f"(target within {TARGETS['slope_ratio']:g}x)",
    ))

    peak = max(check_large.max_rss)
    markdown = large.markdown_bytes
    rss_ratio = peak / markdown
    print(f"\n3. peak memory at {options.large:,} documents")
    print(f"   check max RSS {peak / 2**20:,.0f} MiB (median over rounds "
          f"{statistics.median(check_large.max_rss) / 2**20:,.0f} MiB), markdown on disk "
          f"{markdown / 2**20:,.0f} MiB: {rss_ratio:.2f}x; the floor's max RSS "
          f"{max(floor_large.max_rss) / 2**20:,.0f} MiB")
    verdicts.append(_verdict(
        rss_ratio <= TARGETS["rss_ratio"],
        f"peak RSS at {options.large:,} documents: {rss_ratio:.2f}x the corpus "
        f"(target at most {TARGETS['rss_ratio']:g}x)",
    ))

    print(f"\n4. markdownlint-cli2 on the same {options.count:,} files")
    if markdownlint is None:
        print("   skipped")
        verdicts.append("SKIP  markdownlint-cli2 / check (markdownlint-cli2 not run)")
    else:
        ratio = markdownlint.median / check_small.median
        print(f"   markdownlint-cli2 {_ms(markdownlint.median)}, check {_ms(check_small.median)}: "
              f"markdownlint / check {ratio:.1f}x "
              f"(median of per-round ratios {per_round(markdownlint, check_small):.1f}x)")
        verdicts.append(_verdict(
            ratio >= TARGETS["markdownlint_ratio"],
            f"markdownlint-cli2 / check: {ratio:.1f}x "
            f"(target at least {TARGETS['markdownlint_ratio']:g}x)",
        ))

    print()
    for line in verdicts:
        print(line)


if __name__ == "__main__":
    main()
