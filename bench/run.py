"""`make bench`: run every benchmark, each in its own process (peak RSS stays per benchmark),
then print one table from their JSON files under bench/results/."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

from bench.common import RESULTS, ROOT, print_table

# (module, extra arguments for a --quick run)
BENCHMARKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("bench.migrations", ("--rounds", "1")),
    ("bench.sandbox_roundtrip", ("--messages", "50")),
    ("bench.collector_replay", ()),
    ("bench.classifier_baseline", ()),
    ("bench.classifier_model", ("--limit", "1000")),
    ("bench.classifier_stages", ("--limit", "500")),
    # These two need CUDA (they print SKIP and keep their last GPU figures without it).
    ("bench.classifier_gpu", ("--workers", "1,4", "--repeats", "1")),
    ("bench.classifier_cv", ("--folds", "2")),
    ("bench.roles_cv", ("--folds", "3")),
    ("bench.kind_blend", ()),
    ("bench.dedup", ("--edited", "300", "--random-pairs", "1000")),
    ("bench.feed_query", ("--cards", "100000")),
    ("bench.text_search", ("--cards", "100000", "--runs", "15")),
    ("bench.client_links", ("--posts", "2000", "--name", "client_links_quick")),
    ("bench.client_recompute", ("--clients", "1000", "--cards", "100000")),
    ("bench.client_churn", ()),
    ("bench.client_recommender", ()),
    ("bench.outreach_sampler", ("--runs", "5")),
    ("bench.matching", ("--developers", "2000", "--runs", "30")),
    ("bench.analytics", ("--cards", "100000", "--runs", "5", "--managers", "50")),
    ("bench.push_latency", ("--seconds", "30")),
    # 100× load; --quick writes *_quick.json, so the recorded full-size figures stay.
    ("bench.day_load", ("--quick",)),
    ("bench.peak_hour", ("--quick",)),
    ("bench.bench_fit_latency", ("--seconds", "20")),
    ("bench.bench_fit_precision", ()),
    ("bench.miniapp_api", ("--cards", "100000", "--runs", "20")),
    ("bench.miniapp_paint", ("--loads", "5")),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    parser.add_argument("--only", nargs="*", help="modules to run, e.g. bench.migrations")
    args = parser.parse_args()
    failed = []
    for module, quick_args in BENCHMARKS:
        if args.only and module not in args.only:
            continue
        print(f"\n== {module}", flush=True)
        started = time.perf_counter()
        command = [sys.executable, "-m", module, *(quick_args if args.quick else ())]
        if subprocess.run(command, cwd=ROOT, check=False).returncode != 0:
            failed.append(module)
        print(f"   ({time.perf_counter() - started:.1f} s)")
    rows = []
    for path in sorted(RESULTS.glob("*.json")):
        rows.extend(json.loads(path.read_text(encoding="utf-8")))
    print("\n== all figures (bench/results/*.json)")
    print_table(rows)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
