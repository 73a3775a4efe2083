"""Where the classify step spends its time, stage by stage, in ms per post.

Run: .venv/bin/python -m bench.classifier_stages [--limit 2000]
Times the stages TransformersClassifier._predict runs, one at a time, over the first posts of
the shared Telegram set in batches of 512 (as the collector hands them over), plus the encoder
forward on one thread, so a change to any stage can be weighed against the whole.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict

from bench.common import Figure, require_shared, write_results

BATCH = 512


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.classifier_stages")
    parser.add_argument("--limit", type=int, default=2000)
    args = parser.parse_args(argv)
    records = require_shared("tg_jobs_wudmc/records.jsonl")

    import torch

    from classifier.api import KINDS
    from classifier.assemble import parse_fields
    from classifier.encoder.decode import decode_row
    from classifier.encoder.finetune import encode, probs_from_encoded
    from classifier.encoder.linear_kind import rules_of
    from classifier.encoder.runtime import limit_threads
    from classifier.labels import clean_text
    from classifier.transformers_model import TransformersClassifier

    with records.open(encoding="utf-8") as fh:
        texts = [t for t in (json.loads(line).get("text") for line in fh) if t][: args.limit]
    clf = TransformersClassifier.load(device="cpu")
    assert clf.linear_roles is not None
    seconds: dict[str, float] = defaultdict(float)

    def timed(stage: str, started: float) -> None:
        seconds[stage] += time.perf_counter() - started

    with torch.inference_mode():
        for threads in (2, 1):
            limit_threads(threads)
            for start in range(0, len(texts), BATCH):
                raw = texts[start:start + BATCH]
                t = time.perf_counter()
                cleaned = [clean_text(x) for x in raw]
                enc = encode(cleaned, clf.tokenizer, clf.hinter, clf.max_length)
                timed("tokenizer and rule hints", t)
                t = time.perf_counter()
                probs = probs_from_encoded(
                    clf.runtime_model, enc, clf._pad_id, clf.device, clf.batch_size)
                timed(f"encoder forward, {threads} thread(s)", t)
                if threads == 1:
                    continue
                t = time.perf_counter()
                clf.linear_roles.proba(cleaned, enc.hits["roles"])
                timed("linear roles head", t)
                t = time.perf_counter()
                for row in range(len(raw)):
                    decode_row(probs, row, clf._decode_meta, enc.hits)
                timed("decode", t)
                t = time.perf_counter()
                fields = [parse_fields(text) for text in raw]
                timed("rate, place, duration, headcount parsers", t)
                if clf.linear_kind is not None:
                    t = time.perf_counter()
                    clf.linear_kind.proba(cleaned, rules_of(enc.hits, fields), KINDS)
                    timed("linear kind head", t)
    clf.close()
    seconds["tokenizer and rule hints"] /= 2  # it ran once per thread setting
    figures = [Figure(stage, 1000 * s / len(texts), "ms/post", f"{len(texts)} posts")
               for stage, s in seconds.items()]
    write_results("classifier_stages", figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
