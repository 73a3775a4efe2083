"""5-fold cross-validation of the linear roles head on the train split, with and without the
role-word columns: the figure classifier/role_words.py quotes, without touching the dev split.

Run: .venv/bin/python -m bench.roles_cv [--folds 5]
Scores roles micro-F1 over the request/offer/digest posts of the train split (gold kinds, so
only the roles decision is measured), at the shipped threshold and at the best of a small grid.
`decide_roles` and `out_of_fold_roles` are what bench/heads_cv.py (the CV over all labels,
repeated over seeds) shares with it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

import numpy as np

from bench.common import Figure, require_shared, write_results

THRESHOLDS = (0.5, 0.6, 0.7, 0.8)
SHIPPED_THRESHOLD = 0.7


def decide_roles(probs: np.ndarray, roles: Sequence[str], threshold: float) -> list[set[str]]:
    """Roles at p >= threshold, else the likeliest one: every non-other post names a role."""
    return [{roles[i] for i in np.nonzero(p >= threshold)[0].tolist()}
            or {roles[int(p.argmax())]}
            for p in probs]


def out_of_fold_roles(texts: Sequence[str], hits: Sequence[Sequence[str]],
                      gold: Sequence[Sequence[str]], fold: np.ndarray, roles: Sequence[str],
                      params: Any) -> np.ndarray:
    """(len(texts), len(roles)) probabilities, each row from the head fitted without its fold."""
    from classifier.encoder.linear_roles import LinearRoles

    probs = np.zeros((len(texts), len(roles)), dtype=np.float32)
    for k in np.unique(fold):
        fit, held = np.nonzero(fold != k)[0].tolist(), np.nonzero(fold == k)[0].tolist()
        head = LinearRoles.fit([texts[i] for i in fit], [hits[i] for i in fit],
                               [gold[i] for i in fit], roles, params)
        probs[held] = head.proba([texts[i] for i in held], [hits[i] for i in held])
    return probs


def micro_f1(gold: Sequence[Sequence[str]], probs: np.ndarray, roles: Sequence[str],
             threshold: float) -> float:
    tp = fp = fn = 0
    for want, chosen in zip(gold, decide_roles(probs, roles, threshold), strict=True):
        tp += len(chosen & set(want))
        fp += len(chosen - set(want))
        fn += len(set(want) - chosen)
    return 2 * tp / (2 * tp + fp + fn)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.roles_cv")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    annotations = require_shared("annotations/train.jsonl")

    from classifier.api import ROLE_FAMILIES
    from classifier.dataset import read_examples, train_dev_split
    from classifier.encoder.linear_roles import LinearRolesParams
    from classifier.labels import clean_text
    from classifier.taxonomy import Taxonomy

    taxonomy = Taxonomy.load()
    train = [e for e in train_dev_split(read_examples(annotations))[0] if e.labels.kind != "other"]
    texts = [clean_text(e.text) for e in train]
    hits = [tuple(taxonomy.role_families_for(taxonomy.find_stack(t))) for t in texts]
    gold = [e.labels.roles for e in train]
    fold = np.arange(len(train)) % args.folds
    variants = {
        "with role words": LinearRolesParams(),
        "without role words": LinearRolesParams(title_words_weight=0.0, body_words_weight=0.0),
    }
    figures = [Figure("train posts (not other)", len(train), "posts", f"{args.folds}-fold")]
    for name, params in variants.items():
        probs = out_of_fold_roles(texts, hits, gold, fold, ROLE_FAMILIES, params)
        scores = {t: micro_f1(gold, probs, ROLE_FAMILIES, t) for t in THRESHOLDS}
        best = max(scores, key=scores.__getitem__)
        figures += [
            Figure(f"roles micro-F1, {name}, p >= {SHIPPED_THRESHOLD}",
                   scores[SHIPPED_THRESHOLD], "F1", "CV on train"),
            Figure(f"roles micro-F1, {name}, best p >= {best}", scores[best], "F1",
                   f"grid {THRESHOLDS}"),
        ]
    write_results("roles_cv", figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
