"""Honest confidences for the rule-decided fields: how often each rule outcome (a value found,
or nothing found) is right on the hand labels, fitted and scored by 5-fold cross-validation,
and the expected calibration error (ECE, 10 bins) of every field beside the fixed 0.9 it had.

Run: .venv/bin/python -m bench.confidence_calibration [--write-table]
Writes bench/results/confidence_calibration.json; --write-table also writes the table fitted
on all 2,500 labels to classifier/rule_confidence.json (what the classifier ships).

The shipped model labels every post once. Rule fields (grades, format: taxonomy rules; rate,
location, duration, headcount: parsers) do not learn from the labels, so all 2,500 posts count
for them; the head fields (kind, roles, stack, employment) are scored on lines 1,501-2,500,
which the shipped model never saw (issue 18).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.common import ROOT, Figure, require_shared, write_results

RULE_FIELDS = ("grades", "format", "rate", "location", "duration_months", "headcount")
HEAD_FIELDS = ("kind", "roles", "stack", "employment")
FIXED = 0.9
FOLDS = 5
BINS = 10
HELD_OUT_FROM = 1500  # 0-based line where the labels the shipped model never saw begin
TABLE = ROOT / "classifier" / "rule_confidence.json"


def _value(labels: Any, field: str) -> Any:
    value = getattr(labels, field)
    if isinstance(value, tuple):
        return tuple(sorted(value))
    if isinstance(value, str):
        return value.strip().lower()
    return value


def outcome(value: Any) -> str:
    return "found" if value not in (None, (), "") else "none"


def ece(confidences: Sequence[float], correct: Sequence[bool]) -> float:
    bins: dict[int, list[tuple[float, bool]]] = defaultdict(list)
    for c, ok in zip(confidences, correct, strict=True):
        bins[min(int(c * BINS), BINS - 1)].append((c, ok))
    total = len(confidences)
    return sum(len(b) / total * abs(sum(c for c, _ in b) / len(b) - sum(ok for _, ok in b)
                                    / len(b)) for b in bins.values())


def _fit(rows: Sequence[tuple[str, bool]]) -> dict[str, float]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for out, ok in rows:
        counts[out][0] += ok
        counts[out][1] += 1
    # Laplace-smoothed: an outcome seen rarely is not called certain.
    return {out: (right + 1) / (seen + 2) for out, (right, seen) in counts.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write-table", action="store_true")
    args = parser.parse_args()
    path = require_shared("annotations/train.jsonl")
    from classifier.dataset import read_examples
    from classifier.transformers_model import TransformersClassifier

    examples = read_examples(Path(path))
    clf = TransformersClassifier.load(device="cpu")
    preds = asyncio.run(clf.classify([e.text for e in examples]))
    figures, table = [], {}
    order = list(range(len(examples)))
    random.Random(5).shuffle(order)
    fold_of = {i: n % FOLDS for n, i in enumerate(order)}
    for field in RULE_FIELDS:
        rows = [(outcome(_value(p.labels, field)),
                 _value(p.labels, field) == _value(e.labels, field))
                for e, p in zip(examples, preds, strict=True)]
        oof = []
        for fold in range(FOLDS):
            fitted = _fit([r for i, r in enumerate(rows) if fold_of[i] != fold])
            oof += [(fitted.get(out, 0.5), ok) for i, (out, ok) in enumerate(rows)
                    if fold_of[i] == fold]
        table[field] = _fit(rows)
        ok = [o for _, o in oof]
        figures += [
            Figure(f"ece.{field}.calibrated_cv", ece([c for c, _ in oof], ok), "ece",
                   "<= 0.05 (5-fold, per-outcome accuracy)"),
            Figure(f"ece.{field}.fixed_0.9", ece([FIXED] * len(ok), ok), "ece", "before"),
            Figure(f"accuracy.{field}", sum(ok) / len(ok), "share", "exact match, all labels"),
        ]
    held = range(HELD_OUT_FROM, len(examples))
    for field in HEAD_FIELDS:
        conf = [preds[i].confidences.get(field, FIXED) for i in held]
        ok = [_value(preds[i].labels, field) == _value(examples[i].labels, field) for i in held]
        figures.append(Figure(f"ece.{field}.head_held_out", ece(conf, ok), "ece",
                              f"lines 1,501-{len(examples)}, model never saw them"))
    from classifier.labels import REVIEW_ACCURACY, Thresholds

    rule_low = Thresholds()
    flagged = [any(p.confidences.get(f, 1.0) < getattr(rule_low, f) for f in RULE_FIELDS)
               for p in preds]
    figures += [
        Figure("review.share_of_posts", sum(p.needs_review for p in preds) / len(preds),
               "share", "informational: posts the admins' review queue gets"),
        Figure("review.share_by_rule_fields", sum(flagged) / len(preds), "share",
               f"rule outcomes right < {REVIEW_ACCURACY} of the time"),
    ]
    write_results("confidence_calibration", figures)
    if args.write_table:
        TABLE.write_text(json.dumps({"fitted_on": "annotations/train.jsonl, 2,500 labels",
                                     "bench": "bench/confidence_calibration.py",
                                     "fields": table}, indent=1) + "\n", encoding="utf-8")
        print(json.dumps(table, indent=1))


if __name__ == "__main__":
    main()
