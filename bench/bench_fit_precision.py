"""Precision of bench-fit pushes on real posts: of the pairs the current rules push for 100
real requests against a bench of real CV/offer posts, how many a person judged sensible
(tests/data/bench_fit_judged.jsonl; how it was judged: README, "Bench-fit pushes").

Run: .venv/bin/python -m bench.bench_fit_precision [--threshold 0.75] [--unjudged]
"""

from __future__ import annotations

import argparse

from bench.common import Figure, require_shared, write_results
from bench.fit_judged import dataset, judged, precision, pushed_pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--unjudged", action="store_true",
                        help="list pushed pairs nobody judged yet, with both posts' labels")
    args = parser.parse_args()
    require_shared("annotations/train.jsonl")
    if args.unjudged:
        requests, bench = dataset()
        verdicts = judged()
        for pair in pushed_pairs(args.threshold):
            if (pair.request_key, pair.developer_key) not in verdicts:
                print(pair.request_key, requests[pair.request_key]["text"][:200])
                print("  →", pair.developer_key, bench[pair.developer_key]["text"][:200])
        return
    found = precision(args.threshold)
    requests, bench = dataset()
    write_results("bench_fit_precision", [
        Figure("bench_fit_precision", found.value, "ratio", "informational (judged)"),
        Figure("bench_fit_pushed_pairs", float(found.pushed), "count", "informational"),
        Figure("bench_fit_sensible_pairs", float(found.sensible), "count", "informational"),
        Figure("bench_fit_unjudged_pairs", float(found.unjudged), "count", "== 0"),
        Figure("bench_fit_precision_requests", float(len(requests)), "count", "100"),
        Figure("bench_fit_precision_bench", float(len(bench)), "count", "informational"),
    ])


if __name__ == "__main__":
    main()
