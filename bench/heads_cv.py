"""Cross-validation of the two linear heads over all 2,500 labels, repeated over fold seeds.

Run: .venv/bin/python -m bench.heads_cv [--seeds 13 14 15] [--folds 5] [--variants old navec …]
Writes bench/results/heads_cv.json (`--out NAME` for another name), its per-seed scores to
var/NAME_runs.json and each variant's out-of-fold roles probabilities to var/NAME_oof.npz.
Seeds can run as separate processes (one per core) and be summarised together:
`--merge var/a_runs.json var/b_runs.json --out heads_cv`.

Why: the full recipe (tokenizer + MLM + encoder) costs ~15 min a fold on the 2-core CPU, but the
linear heads that serving blends with the encoder (kind 0.5, roles 0.85) refit in seconds, so
their features can be decided on K-fold figures over every label. Every variant sees the same
folds (kinds stratified, bench/classifier_cv.py's `stratified_folds`) for each seed; a figure
is the mean over seeds of the pooled out-of-fold score (every post counted once per seed), the
spread the seeds' standard deviation.

- kind: the linear kind head alone (classifier/encoder/linear_kind.py), argmax then the offer
  cues as in serving; macro-F1 over the four kinds, and per kind.
- roles: the linear roles head alone (classifier/encoder/linear_roles.py) on the posts whose
  gold kind is not `other` (so only the roles decision is measured), at the shipped threshold
  0.7; micro-F1, and the F1 of fullstack and non_it.
- baseline: the TF-IDF + logistic regression baseline (classifier/baseline.py) on the same
  folds: its kind model and its roles head (fitted on all posts of the fold, threshold 0.5).
The encoder's side of both blends needs the full recipe per fold (a GPU), so it is not here.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.classifier_cv import stratified_folds  # noqa: E402
from bench.common import Figure, require_shared, write_results  # noqa: E402
from bench.heads_cv_variants import baseline_oof, fullstack_ruling, variants  # noqa: E402
from bench.roles_cv import SHIPPED_THRESHOLD, decide_roles, out_of_fold_roles  # noqa: E402

REPORTED_ROLES = ("fullstack", "non_it")


class Posts:
    """The labelled posts with what every variant reads, computed once."""

    def __init__(self, examples: Sequence[Any]) -> None:
        from classifier.assemble import parse_fields
        from classifier.encoder.hints import HINTED_HEADS, Hinter
        from classifier.encoder.linear_kind import rules_of
        from classifier.labels import clean_text

        self.examples = list(examples)
        self.raw = [e.text for e in examples]
        self.texts = [clean_text(t) for t in self.raw]
        hits = Hinter({h: () for h in HINTED_HEADS}).hits(self.texts)
        self.hits = hits["roles"]
        self.rules = rules_of(hits, [parse_fields(t) for t in self.raw])
        self.kinds = [e.labels.kind for e in examples]
        self.roles = [e.labels.roles for e in examples]
        self.has_roles = np.array([k != "other" for k in self.kinds])


def kind_oof(posts: Posts, fold: np.ndarray, params: Any) -> list[str]:
    from classifier.encoder.linear_kind import LinearKind
    from classifier.kind_cues import says_offer

    pred = [""] * len(posts.texts)
    for k in np.unique(fold):
        fit, held = np.nonzero(fold != k)[0], np.nonzero(fold == k)[0]
        head = LinearKind.fit([posts.texts[i] for i in fit], [posts.rules[i] for i in fit],
                              [posts.kinds[i] for i in fit], params)
        p = head.proba([posts.texts[i] for i in held], [posts.rules[i] for i in held],
                       head.classes)
        for i, row in zip(held, p, strict=True):
            kind = head.classes[int(row.argmax())]
            cued = kind in ("request", "other") and says_offer(posts.raw[i])
            pred[i] = "offer" if cued else kind
    return pred


def scores(posts: Posts, kinds: Sequence[str], roles: Sequence[set[str]]) -> dict[str, float]:
    from classifier.api import KINDS
    from classifier.metrics import score_kind, score_sets

    kind = score_kind(posts.kinds, list(kinds))
    keep = np.nonzero(posts.has_roles)[0].tolist()
    listed = score_sets([posts.roles[i] for i in keep], [roles[i] for i in keep])
    out = {"kind_macro_f1": kind.macro.f1, "roles_micro_f1": listed.micro.f1}
    out |= {f"kind_f1[{k}]": kind.per_kind[k].f1 for k in KINDS if k in kind.per_kind}
    out |= {f"roles_f1[{r}]": listed.per_label[r].f1 for r in REPORTED_ROLES
            if r in listed.per_label}
    return out


def run_variant(posts: Posts, fold: np.ndarray, name: str,
                params: tuple[Any, Any] | None,
                rulings: Callable[[str, set[str]], set[str]] | None) -> tuple[
                    dict[str, dict[str, float]], np.ndarray | None]:
    from classifier.api import ROLE_FAMILIES

    if params is None:
        return {name: scores(posts, *baseline_oof(posts, fold))}, None
    kinds = kind_oof(posts, fold, params[0])
    keep = np.nonzero(posts.has_roles)[0].tolist()
    probs = out_of_fold_roles([posts.texts[i] for i in keep], [posts.hits[i] for i in keep],
                              [posts.roles[i] for i in keep], fold[keep], ROLE_FAMILIES,
                              params[1])
    roles: list[set[str]] = [set() for _ in posts.texts]
    for i, chosen in zip(keep, decide_roles(probs, ROLE_FAMILIES, SHIPPED_THRESHOLD),
                         strict=True):
        roles[i] = chosen
    out = {name: scores(posts, kinds, roles)}
    if rulings is not None:
        ruled = [rulings(posts.texts[i], r) if posts.has_roles[i] else r
                 for i, r in enumerate(roles)]
        out[f"{name}+rulings"] = scores(posts, kinds, ruled)
    return out, probs


def summarise(runs: dict[str, dict[int, dict[str, float]]], folds: int) -> list[Figure]:
    """Variant → seed → scores, as mean over its seeds with their standard deviation."""
    figures = []
    for variant, by_seed in runs.items():
        seeds = sorted(by_seed)
        for metric in by_seed[seeds[0]]:
            values = [by_seed[s][metric] for s in seeds]
            spread = statistics.stdev(values) if len(values) > 1 else 0.0
            figures.append(Figure(
                f"{metric}[{variant}]", statistics.mean(values), "F1",
                f"sd {spread:.4f} over seeds {seeds} ({folds}-fold); "
                + " ".join(f"{v:.4f}" for v in values)))
    return figures


def merge(paths: Sequence[Path], out: str, folds: int) -> int:
    """One summary of runs made by separate processes (each on its own variants or seeds)."""
    runs: dict[str, dict[int, dict[str, float]]] = {}
    seconds = 0.0
    posts = 0
    for path in paths:
        saved = json.loads(path.read_text(encoding="utf-8"))
        seconds += saved["seconds"]
        posts = saved["posts"]
        for variant, per_seed in saved["runs"].items():
            runs.setdefault(variant, {}).update(zip(saved["seeds"], per_seed, strict=True))
    figures = [Figure("labelled posts", posts, "posts", "every label, once per seed")]
    figures += summarise(runs, folds)
    figures.append(Figure("heads_cv_seconds", seconds, "s",
                          f"{folds}-fold runs, wall clock summed over {len(paths)} processes"))
    write_results(out, figures)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.heads_cv")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seeds", type=int, nargs="+", default=[13, 14, 15])
    parser.add_argument("--variants", nargs="+", default=["baseline", "old", "navec", "lemmas",
                                                          "navec+lemmas"])
    parser.add_argument("--out", default="heads_cv")
    parser.add_argument("--limit", type=int, default=0, help="first N posts (a smoke run)")
    parser.add_argument("--merge", type=Path, nargs="+", default=None,
                        help="summarise these *_runs.json files instead of running")
    args = parser.parse_args(argv)
    annotations = require_shared("annotations/train.jsonl")
    if args.merge:
        return merge(args.merge, args.out, args.folds)

    from classifier.dataset import read_examples

    examples = read_examples(annotations)
    examples = examples[: args.limit] if args.limit else examples
    posts = Posts(examples)
    known = variants()
    runs: dict[str, list[dict[str, float]]] = {}
    oof: dict[str, np.ndarray] = {}
    started = time.perf_counter()
    for seed in args.seeds:
        index = {id(e): k for k, held in enumerate(stratified_folds(list(examples), args.folds,
                                                                    seed)) for e in held}
        fold = np.array([index[id(e)] for e in examples])
        for name in args.variants:
            t0 = time.process_time()
            params = None if name == "baseline" else known[name]
            out, probs = run_variant(posts, fold, name, params, fullstack_ruling)
            for key, value in out.items():
                runs.setdefault(key, []).append(value)
            if probs is not None:
                oof[f"{name}.s{seed}"] = probs
            print(f"seed {seed} {name}: {time.process_time() - t0:.0f} CPU s; " + "; ".join(
                f"{key} kind {v['kind_macro_f1']:.4f} roles {v['roles_micro_f1']:.4f}"
                for key, v in out.items()), flush=True)
    figures = [Figure("labelled posts", len(examples), "posts",
                      f"{int(posts.has_roles.sum())} not other (scored for roles)")]
    figures += summarise({v: dict(zip(args.seeds, per_seed, strict=True))
                          for v, per_seed in runs.items()}, args.folds)
    figures.append(Figure("heads_cv_seconds", time.perf_counter() - started, "s",
                          f"{len(args.seeds)} seeds x {args.folds} folds, wall clock"))
    (ROOT / "var").mkdir(exist_ok=True)
    np.savez_compressed(ROOT / "var" / f"{args.out}_oof.npz", **oof)  # type: ignore[arg-type]
    (ROOT / "var" / f"{args.out}_runs.json").write_text(json.dumps(
        {"seeds": args.seeds, "posts": len(examples), "runs": runs,
         "seconds": time.perf_counter() - started}), encoding="utf-8")
    if not args.limit:
        write_results(args.out, figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
