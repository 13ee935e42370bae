"""Where does `casestudy check` spend its time per document? An in-process breakdown.

`bench_check.py` times the check as users run it, a cold subprocess; this script asks which
part of the per-document work to make cheaper next. On the same corpus (`corpus.py`), in one
process and in CPU time (the machine is often shared, and CPU time is what the work costs),
it runs in alternation, round after round:

- floor: read every case study and iterate its lines (as bench_check.py's floor does);
- scan: `scan_entry` for every case study (reading, front matter, the event scan);
- check: `check_paths` on the directory in this process (`jobs=1`), everything the command
  does but printing;
- check without one per-document rule (each rule of `check_document` in turn made a no-op):
  the rule's share of the check is 1 minus this run's time over the whole check's.

Every figure is a median over the rounds of a ratio taken within one round, so that load on
the machine hits both sides of it alike. Nothing here is asserted by the tests.

    python benchmarks/bench_check_parts.py [--count 1000] [--rounds 7] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from corpus import cached

from casestudy.check import document
from casestudy.check.engine import check_paths, resolve_targets
from casestudy.check.scan import h2_reader, scan_entry

RULES = ("check_structure", "check_front_matter", "check_metrics", "check_links")


def _variants(root: Path) -> dict[str, Callable[[], object]]:
    target = resolve_targets([str(root)])[0]
    entries, _ = target.config.naming.survey(str(root))
    h2 = h2_reader(target.config.headings)

    def floor() -> None:
        for entry in entries:
            with Path(entry.path).open(encoding="utf-8") as lines:
                for _ in lines:
                    pass

    def scan() -> None:
        for entry in entries:
            scan_entry(entry, entry.name, h2)

    def check() -> None:
        check_paths([str(root)], jobs=1)

    def without(rule: str) -> Callable[[], None]:
        def run() -> None:
            kept = getattr(document, rule)
            setattr(document, rule, lambda *args: None)
            try:
                check_paths([str(root)], jobs=1)
            finally:
                setattr(document, rule, kept)

        return run

    variants: dict[str, Callable[[], object]] = {"floor": floor, "scan": scan, "check": check}
    variants.update({f"check without {rule}": without(rule) for rule in RULES})
    return variants


def _cpu_seconds(run: Callable[[], object]) -> float:
    start = time.process_time()
    run()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="case studies in the corpus")
    parser.add_argument("--rounds", type=int, default=7, help="timed rounds (after a warm-up)")
    parser.add_argument("--corpus", type=Path, help="keep (and reuse) the corpus under DIR")
    options = parser.parse_args()
    work = options.corpus or Path(tempfile.mkdtemp(prefix="bench-check-parts-"))
    try:
        root = cached(work, options.count).root
        variants = _variants(root)
        for run in variants.values():  # warm-up: page cache, imports, compiled patterns
            run()
        times: dict[str, list[float]] = {name: [] for name in variants}
        names = list(variants)
        for round_number in range(options.rounds):
            shift = round_number % len(names)  # rotate the order from round to round
            for name in names[shift:] + names[:shift]:
                times[name].append(_cpu_seconds(variants[name]))
    finally:
        if options.corpus is None:
            shutil.rmtree(work, ignore_errors=True)

    def ratio(name: str, base: str) -> float:
        return statistics.median(
            mine / theirs for mine, theirs in zip(times[name], times[base], strict=True)
        )

    print(f"{options.count:,} case studies, CPU time, median over {options.rounds} rounds")
    for name, seconds in times.items():
        print(f"  {name:32} {statistics.median(seconds) * 1000:7.0f} ms")
    print(f"check / floor: {ratio('check', 'floor'):.2f}x; "
          f"scan / floor: {ratio('scan', 'floor'):.2f}x; "
          f"scan / check: {ratio('scan', 'check'):.2f}")
    print("share of the check per rule (1 - check without it / check):")
    for rule in RULES:
        print(f"  {rule:20} {1 - ratio(f'check without {rule}', 'check'):6.1%}")


if __name__ == "__main__":
    main()
