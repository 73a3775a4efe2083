"""The classify step on a GPU host: the encoder alone, and the whole step over N worker processes.

Run: .venv/bin/python -m bench.classifier_gpu [--device cuda] [--workers 1,8,16] [--repeats 3]
Writes bench/results/classifier_gpu.json. Without CUDA it prints SKIP and writes nothing, so
`make bench` on the 2-core CPU host keeps the figures of the last GPU run (their commit says
which build they were measured on).

Why worker processes: on a GPU the encoder is the small part of the step; the tokenizer, the rule
hints, the linear roles head and the parsers run on the CPU, in Python, one core per process. So
the step scales with processes (each with its own model and prediction cache), sharded by a hash
of the text so that word-for-word cross-posts still meet in one worker's cache.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import statistics
import sys
import time
import zlib
from dataclasses import asdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import Figure, require_shared, write_results  # noqa: E402

COLLECTOR_BATCH = 512


def shard_of(text: str, workers: int) -> int:
    return zlib.crc32(text.encode("utf-8", "surrogatepass")) % workers


def _worker(
    rank: int, workers: int, texts: list[str], options: dict[str, Any],
    barrier: Any, results: Any,
) -> None:
    if workers > 1:
        # One core per process: the Rust tokenizer's own thread pool would oversubscribe them.
        os.environ["TOKENIZERS_PARALLELISM"] = "false"
    import asyncio

    from classifier.transformers_model import TransformersClassifier

    mine = [i for i, t in enumerate(texts) if shard_of(t, workers) == rank]
    clf = TransformersClassifier.load(
        Path(options["model"]), device=options["device"], batch_size=options["batch_size"],
        threads=options["threads"])

    async def classify_shard() -> list[Any]:
        preds = []
        for start in range(0, len(mine), COLLECTOR_BATCH):
            preds += await clf.classify([texts[i] for i in mine[start:start + COLLECTOR_BATCH]])
        return preds

    for _ in range(options["repeats"]):
        barrier.wait()
        started = time.perf_counter()
        preds = asyncio.run(classify_shard())
        elapsed = time.perf_counter() - started
        labels = {i: json.dumps(asdict(p.labels), sort_keys=True, default=list)
                  for i, p in zip(mine, preds, strict=True)}
        results.put((rank, elapsed, labels))
        clf.cache.clear()  # every repeat starts as cold as the first
    clf.close()


def whole_step(
    texts: list[str], workers: int, options: dict[str, Any],
) -> tuple[list[float], dict[int, str]]:
    """Wall seconds per repeat (all workers loaded before the clock starts), and the labels."""
    ctx = mp.get_context("spawn")  # CUDA cannot be used in a forked child
    barrier = ctx.Barrier(workers + 1)
    results = ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(r, workers, texts, options, barrier, results))
             for r in range(workers)]
    for p in procs:
        p.start()
    walls: list[float] = []
    labels: dict[int, str] = {}
    for _ in range(options["repeats"]):
        barrier.wait(timeout=600)
        started = time.perf_counter()
        for _ in range(workers):
            _, _, part = results.get(timeout=600)
            labels.update(part)
        walls.append(time.perf_counter() - started)
    for p in procs:
        p.join(timeout=120)
    return walls, labels


def encoder_only(texts: list[str], options: dict[str, Any]) -> list[Figure]:
    """Tokenize once on the CPU, then time the encoder and heads alone on the device."""
    import torch

    from classifier.encoder.finetune import encode, probs_from_encoded
    from classifier.labels import clean_text
    from classifier.transformers_model import TransformersClassifier

    device = options["device"]
    clf = TransformersClassifier.load(Path(options["model"]), device=device,
                                      batch_size=options["batch_size"], threads=16)
    cleaned = [clean_text(t) for t in texts]
    started = time.perf_counter()
    enc = encode(cleaned, clf.tokenizer, clf.hinter, clf.max_length)
    tokenize_s = time.perf_counter() - started
    def sync() -> None:
        if device.startswith("cuda"):
            torch.cuda.synchronize()

    runs = []
    with torch.inference_mode():
        for _ in range(options["repeats"] + 1):  # the first warms kernels and the allocator
            sync()
            started = time.perf_counter()
            probs_from_encoded(clf.runtime_model, enc, clf._pad_id, clf.device,
                               options["encoder_batch"])
            sync()
            runs.append(time.perf_counter() - started)
    dev_figures = dev_quality(clf, device)
    clf.close()
    tokens = sum(len(row) for row in enc.input_ids)
    best = statistics.median(runs[1:])
    return [
        Figure(f"encoder_posts_per_s[{device}]", len(texts) / best, "posts/s",
               f"encoder + heads alone, batch {options['encoder_batch']}, {tokens} tokens"),
        Figure("tokenize_hints_posts_per_s[cpu]", len(texts) / tokenize_s, "posts/s",
               "tokenizer (all cores) + rule hints, one process"),
        *dev_figures,
    ]


def dev_quality(clf: Any, device: str) -> list[Figure]:
    """The dev figures on this device: fp32 here, int8 on a CPU; they should barely move."""
    from classifier.dataset import read_examples, train_dev_split
    from classifier.metrics import evaluate

    _, dev = train_dev_split(read_examples(require_shared("annotations/train.jsonl")))
    preds = clf.classify_sync([e.text for e in dev])
    report = evaluate([e.labels for e in dev], [p.labels for p in preds])
    return [
        Figure(f"kind_macro_f1[{device}]", report.kind.macro.f1, "F1", "as on the CPU"),
        Figure(f"roles_micro_f1[{device}]", report.lists["roles"].micro.f1, "F1",
               "as on the CPU"),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.classifier_gpu")
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--model", type=Path, default=None, help="model dir (default: shipped)")
    parser.add_argument("--workers", default="1,4,8,12,16",
                        help="comma-separated worker-process counts to measure")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--encoder-batch", type=int, default=1024)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    records = require_shared("tg_jobs_wudmc/records.jsonl")

    import torch

    from classifier.settings import DEFAULT_MODEL_DIR

    if args.device.startswith("cuda") and not torch.cuda.is_available():
        print("SKIP: no CUDA device on this host; classifier_gpu.json keeps its last GPU run")
        return 0
    with records.open(encoding="utf-8") as fh:
        texts = [json.loads(line).get("text") or "" for line in fh][: args.limit]
    options = {"model": str(args.model or DEFAULT_MODEL_DIR), "device": args.device,
               "batch_size": args.batch_size, "encoder_batch": args.encoder_batch,
               "threads": 1, "repeats": args.repeats}
    name = torch.cuda.get_device_name(0) if args.device.startswith("cuda") else "cpu"
    host = f"{name}, {os.cpu_count()} CPU cores"
    figures: list[Figure] = []
    figures += encoder_only(texts, options)
    reference: dict[int, str] | None = None
    for workers in (int(w) for w in args.workers.split(",")):
        walls, labels = whole_step(texts, workers, options)
        rate = len(texts) / statistics.median(walls)
        spread = f"runs {', '.join(f'{len(texts) / w:.0f}' for w in walls)}"
        figures.append(Figure(f"posts_per_s[{args.device}, {workers} workers]", rate, "posts/s",
                              f">= 10000 on one H100; {host}; {spread}"))
        if reference is None:
            reference = labels
        else:
            same = sum(labels[i] == reference[i] for i in reference) / len(reference)
            figures.append(Figure(f"same_labels_as_1_worker[{workers} workers]", 100 * same,
                                  "%", "sharding must not change the labels"))
        print(f"{workers} workers: {rate:.0f} posts/s ({spread})", flush=True)
    write_results("classifier_gpu", figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
