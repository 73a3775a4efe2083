"""Train the baseline on the train split, score it on dev, time it on the real channel posts.

Run: .venv/bin/python bench/classifier_baseline.py [--limit N] [--no-weak]
Writes bench/results/classifier_baseline.json: a list of {name, value, unit, goal, commit}.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from classifier.baseline import BaselineClassifier  # noqa: E402
from classifier.dataset import read_examples, train_dev_split  # noqa: E402
from classifier.metrics import evaluate  # noqa: E402
from classifier.weak import weak_offers  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
ANNOTATIONS = DATA / "annotations" / "train.jsonl"
RECORDS = DATA / "tg_jobs_wudmc" / "records.jsonl"
OUT = ROOT / "bench" / "results" / "classifier_baseline.json"
BATCH = 64


def commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                             capture_output=True, text=True, check=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return "uncommitted"
    return out.stdout.strip() or "uncommitted"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0, help="time only the first N posts")
    parser.add_argument("--no-weak", action="store_true",
                        help="leave out the CV-tagged channel posts that train `offer`")
    args = parser.parse_args()
    if not ANNOTATIONS.exists() or not RECORDS.exists():
        print(f"data not found under {DATA}; nothing to benchmark")
        return 2
    examples = read_examples(ANNOTATIONS)
    train, dev = train_dev_split(examples)
    extra = [] if args.no_weak else weak_offers(RECORDS, examples)
    start = time.perf_counter()
    model = BaselineClassifier().fit(train, weak_offers=extra)
    fit_s = time.perf_counter() - start
    preds = model.predict([e.text for e in dev])
    report = evaluate([e.labels for e in dev], [p.labels for p in preds])

    texts = [json.loads(line).get("text") or "" for line in RECORDS.open(encoding="utf-8")]
    texts = texts[: args.limit] if args.limit else texts
    start = time.perf_counter()
    for i in range(0, len(texts), BATCH):
        model.predict(texts[i: i + BATCH])
    speed = len(texts) / (time.perf_counter() - start)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    sha = commit()
    rows = [
        ("dev kind macro-F1", report.kind.macro.f1, "F1", 0.95),
        ("dev roles micro-F1", report.lists["roles"].micro.f1, "F1", 0.93),
        ("dev stack micro-F1", report.lists["stack"].micro.f1, "F1", 0.92),
        ("dev grades micro-F1", report.lists["grades"].micro.f1, "F1", 0.95),
        ("dev rate exact", report.exact["rate"], "share", 0.92),
        ("dev format micro-F1", report.lists["format"].micro.f1, "F1", None),
        ("dev employment micro-F1", report.lists["employment"].micro.f1, "F1", None),
        ("dev location exact", report.exact["location"], "share", None),
        ("dev duration exact", report.exact["duration_months"], "share", None),
        ("dev headcount exact", report.exact["headcount"], "share", None),
        ("train time", fit_s, "s", None),
        (f"throughput ({len(texts)} real posts, 1 thread)", speed, "posts/s", None),
        ("peak RSS", rss_mb, "MiB", None),
    ]
    results = [{"name": n, "value": round(v, 4), "unit": u, "goal": g, "commit": sha}
               for n, v, u, g in rows]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"{'metric':<44}{'value':>12}  {'unit':<8}{'goal':>6}")
    for r in results:
        goal = "" if r["goal"] is None else f"{r['goal']:.2f}"
        print(f"{r['name']:<44}{r['value']:>12.3f}  {r['unit']:<8}{goal:>6}")
    print(f"train {len(train)} (+{len(extra)} weak offers), dev {len(dev)}, commit {sha}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
