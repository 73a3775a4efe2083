"""Benchmark of the shipped classifier: posts/s over the 9,630 real posts, peak RSS, dev figures.

Run: .venv/bin/python bench/classifier_model.py [--device cuda] [--model DIR] [--limit N]
Writes bench/results/classifier_model.json: a list of {name, value, unit, goal, commit}.
The CPU run always comes first: the goals are for a 2-core CPU; `--device cuda` adds a GPU run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import Figure, peak_rss_mb, require_shared, write_results  # noqa: E402

COLLECTOR_BATCH = 512  # the collector hands the classifier a few hundred posts at a time


class RssSampler:
    """Sampled VmRSS of this process: unlike ru_maxrss it can be read per phase."""

    def __init__(self, every_s: float = 0.05) -> None:
        self.every_s = every_s
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            for line in Path("/proc/self/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    self.peak_mb = max(self.peak_mb, int(line.split()[1]) / 1024)
            self._stop.wait(self.every_s)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def measure(device: str, model_dir: Path, texts: list[str], dev: list) -> list[Figure]:
    from classifier.metrics import evaluate
    from classifier.transformers_model import TransformersClassifier

    figures: list[Figure] = []
    with RssSampler() as rss:
        started = time.perf_counter()
        clf = TransformersClassifier.load(model_dir, device=device)
        figures.append(Figure(f"load_time[{device}]", time.perf_counter() - started, "s", ""))

        async def classify_all() -> None:
            for start in range(0, len(texts), COLLECTOR_BATCH):
                await clf.classify(texts[start:start + COLLECTOR_BATCH])

        started = time.perf_counter()
        asyncio.run(classify_all())
        elapsed = time.perf_counter() - started
        # Word-for-word cross-posts are answered from the prediction cache: say how many.
        from_cache = clf.cache.hits
        preds = asyncio.run(clf.classify([e.text for e in dev]))
        clf.close()
    figures += [
        Figure(f"posts_per_s[{device}]", len(texts) / elapsed, "posts/s", ">= 150 (2-core CPU)"),
        Figure(f"classify_seconds[{device}]", elapsed, "s", f"{len(texts)} posts"),
        Figure(f"peak_rss_sampled[{device}]", rss.peak_mb, "MB", "<= 1536"),
        Figure(f"served_from_cache[{device}]", 100 * from_cache / len(texts), "%",
               f"CLASSIFIER_CACHE_SIZE={clf.cache.size}"),
    ]
    if device != "cpu":
        return figures
    report = evaluate([e.labels for e in dev], [p.labels for p in preds])
    figures.append(Figure("kind_macro_f1", report.kind.macro.f1, "F1", ">= 0.95"))
    goals = {"roles": ">= 0.93", "stack": ">= 0.92", "grades": ">= 0.95"}
    for name, scores in report.lists.items():
        figures.append(Figure(f"{name}_micro_f1", scores.micro.f1, "F1", goals.get(name, "")))
    for name, value in report.exact.items():
        figures.append(Figure(f"{name}_exact", value, "accuracy", ""))
    figures.append(Figure("dev_posts", len(dev), "posts", "fixed dev split"))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/classifier_model.py")
    parser.add_argument("--device", default="cpu", help="cpu, or cuda to add a GPU run")
    parser.add_argument("--model", type=Path, default=None, help="model dir (default: shipped)")
    parser.add_argument("--limit", type=int, default=None, help="classify only N posts")
    args = parser.parse_args(argv)
    records = require_shared("tg_jobs_wudmc/records.jsonl")
    annotations = require_shared("annotations/train.jsonl")

    import torch

    from classifier.dataset import read_examples, train_dev_split
    from classifier.settings import DEFAULT_MODEL_DIR

    model_dir = args.model or DEFAULT_MODEL_DIR
    with records.open(encoding="utf-8") as fh:
        texts = [json.loads(line).get("text") or "" for line in fh][: args.limit]
    _, dev = train_dev_split(read_examples(annotations))
    size_mb = sum(p.stat().st_size for p in model_dir.rglob("*") if p.is_file()) / 2**20
    figures = [Figure("artifact_size", size_mb, "MiB", "<= 25")]
    figures += measure("cpu", model_dir, texts, dev)
    figures.append(Figure("peak_rss[cpu]", peak_rss_mb(), "MB", "<= 1536"))
    if args.device.startswith("cuda"):
        if torch.cuda.is_available():
            figures += measure(args.device, model_dir, texts, dev)
        else:
            print("SKIP cuda: torch.cuda.is_available() is False on this host")
    write_results("classifier_model", figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
