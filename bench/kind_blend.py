"""How much the linear kind head adds to the encoder's, measured without touching dev.

Run: .venv/bin/python -m bench.kind_blend [--oof var/classifier_cv_oof_kind.jsonl]
Writes bench/results/kind_blend.json (about 2 minutes on the 2-core CPU).

The encoder side is read from out-of-fold probabilities: `python -m bench.classifier_cv
--save-oof FILE` trains the whole recipe once per fold (a GPU makes that minutes) and writes
each labelled post's kind probabilities from the fold that never saw it (into var/, not the
repository: 1,500 lines of probabilities are an input, and kind_blend.json is their summary).
Here the linear kind head (classifier/encoder/linear_kind.py, the product's own features) is
fitted on the same folds,
and the two are blended at each weight of a grid; the offer cues apply as in serving. The
pooled kind macro-F1 counts every labelled post once.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.classifier_cv import stratified_folds  # noqa: E402
from bench.common import Figure, require_shared, write_results  # noqa: E402

WEIGHTS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 1.0)  # share of the linear head


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.kind_blend")
    parser.add_argument("--oof", type=Path, default=ROOT / "var" / "classifier_cv_oof_kind.jsonl")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    annotations = require_shared("annotations/train.jsonl")
    if not args.oof.exists():
        print(f"SKIP: {args.oof} is absent; make it with "
              "`python -m bench.classifier_cv --save-oof FILE` (a GPU run)")
        return 0

    from classifier.assemble import parse_fields
    from classifier.dataset import read_examples
    from classifier.encoder.hints import HINTED_HEADS, Hinter
    from classifier.encoder.linear_kind import LinearKind, rules_of
    from classifier.kind_cues import says_offer
    from classifier.labels import clean_text
    from classifier.metrics import score_kind

    hinter = Hinter({h: () for h in HINTED_HEADS})  # hits() needs no vocabulary
    examples = read_examples(annotations)
    oof = {}
    for line in args.oof.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        oof[row["key"]] = row
    kinds = list(next(iter(oof.values()))["kind"])
    encoder: list[np.ndarray] = []
    linear: list[np.ndarray] = []
    gold: list[str] = []
    texts: list[str] = []
    started = time.perf_counter()
    for k, held_out in enumerate(stratified_folds(examples, args.folds, args.seed)):
        held = {id(e) for e in held_out}
        train_set = [e for e in examples if id(e) not in held]
        if any(oof[e.key]["fold"] != k for e in held_out):
            raise SystemExit(f"{args.oof}: its folds are not these (--folds/--seed differ)")

        def rules(rows: list) -> tuple[list[str], list]:
            cleaned = [clean_text(e.text) for e in rows]
            return cleaned, rules_of(hinter.hits(cleaned), [parse_fields(e.text) for e in rows])

        model = LinearKind.fit(*rules(train_set), [e.labels.kind for e in train_set])
        linear += list(model.proba(*rules(held_out), kinds))
        encoder += [np.array([oof[e.key]["kind"][c] for c in kinds]) for e in held_out]
        gold += [e.labels.kind for e in held_out]
        texts += [e.text for e in held_out]
        print(f"fold {k + 1}/{args.folds}", flush=True)
    figures = []
    for w in WEIGHTS:
        pred = []
        for enc, lin, text in zip(encoder, linear, texts, strict=True):
            kind = kinds[int(np.argmax(w * lin + (1 - w) * enc))]
            pred.append("offer" if kind in ("request", "other") and says_offer(text) else kind)
        scores = score_kind(gold, pred)
        figures.append(Figure(
            f"kind_macro_f1[linear weight {w}]", scores.macro.f1, "F1",
            ">= 0.95; per kind " + " ".join(
                f"{k} {scores.per_kind[k].f1:.3f}" for k in kinds if k in scores.per_kind)))
    figures.append(Figure("kind_blend_seconds", time.perf_counter() - started, "s",
                          f"{len(gold)} posts, {args.folds} folds"))
    write_results("kind_blend", figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
