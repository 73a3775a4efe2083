"""The next-needs recommender on a time split of the real posts: precision@3, recall@5 and MAP
of the network against "most popular overall", "the client's own history" and a logistic
regression (the same evaluation `radar clients train` runs; nothing is saved here).

Run: .venv/bin/python -m bench.client_recommender [--seed 13]
Writes bench/results/client_recommender.json.
"""

from __future__ import annotations

import argparse

from bench.common import Figure, require_shared, write_results
from scripts.clients_train import evaluate_posts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    require_shared("tg_jobs_wudmc")
    result = evaluate_posts(args.seed)
    figures = [
        Figure(f"next_needs_{name}_{metric}", value, "", "network > own_history to ship it")
        for name, scores in result.figures.items() for metric, value in scores.items()
    ]
    figures += [Figure(f"next_needs_{part}_clients", float(n), "clients", "informational")
                for part, n in result.sizes.items()]
    write_results("client_recommender", figures)
    print(f"default: {result.default}")


if __name__ == "__main__":
    main()
