"""Posts bench.dedup merged into a card first seen as another distinct text, side by side for
a hand review (bench/results/dedup_review.md): a fixed-seed sample of them, or those whose
texts contain a given string (to re-check the pairs of an earlier review)."""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Mapping

from bench.dedup_ingest import LABELS_CACHE, WRONG_MERGES, _key
from classifier.dedup import fingerprint, similar, titles_agree, words

SEED = 2026
HEAD_LINES = 3
ONLY_WORDS = 15


def _labels() -> dict[str, Mapping[str, list[str]]]:
    if not LABELS_CACHE.exists():
        return {}
    return {row["key"]: row["labels"]
            for row in map(json.loads, LABELS_CACHE.open(encoding="utf-8"))}


def _head(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " | ".join(lines[:HEAD_LINES])[:300]


def show(n: int, row: Mapping[str, str], labels: Mapping[str, Mapping[str, list[str]]]) -> str:
    post, card = row["post"], row["card_of"]
    wp, wc = set(words(post)), set(words(card))
    lab_p, lab_c = labels.get(_key(post), {}), labels.get(_key(card), {})
    return "\n".join([
        f"#{n} similar={similar(post, card):.2f} exact={fingerprint(post) == fingerprint(card)}"
        f" titles_agree={titles_agree(post, card)}",
        f"  post: {_head(post)}",
        f"  card: {_head(card)}",
        f"  roles {lab_p.get('roles')} / {lab_c.get('roles')}; grades {lab_p.get('grades')} /"
        f" {lab_c.get('grades')}; stack {lab_p.get('stack')} / {lab_c.get('stack')}",
        f"  only post: {' '.join(sorted(wp - wc)[:ONLY_WORDS])}",
        f"  only card: {' '.join(sorted(wc - wp)[:ONLY_WORDS])}",
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--find", action="append", default=[],
                        help="show every merge whose texts contain this (repeatable)")
    args = parser.parse_args()
    rows = [json.loads(line) for line in WRONG_MERGES.open(encoding="utf-8")]
    labels = _labels()
    print(f"{len(rows)} posts merged into a card of another distinct text")
    if args.find:
        for needle in args.find:
            hits = [r for r in rows if needle in r["post"] or needle in r["card_of"]]
            print(f"\n== {needle!r}: {len(hits)} merges")
            for n, row in enumerate(hits, start=1):
                print(show(n, row, labels))
        return
    rng = random.Random(args.seed)
    for n, row in enumerate(rng.sample(rows, min(args.sample, len(rows))), start=1):
        print(show(n, row, labels))


if __name__ == "__main__":
    main()
