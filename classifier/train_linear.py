"""The linear heads' half of `classifier train`: fit them beside a saved encoder, record their
blends in radar.json, and score the directory end to end.

`--only-linear-roles` refits just these on an existing directory (seconds, no encoder training).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import torch

from classifier.dataset import ANNOTATIONS, Example, read_examples, train_dev_split
from classifier.encoder.hints import HINTED_HEADS, Hinter
from classifier.encoder.linear_kind import LinearKind, LinearKindParams, rules_of
from classifier.encoder.linear_roles import LinearRoles, LinearRolesParams, choose_blend
from classifier.encoder.multitask import METADATA_FILE
from classifier.encoder.runtime import limit_threads
from classifier.labels import clean_text

log = logging.getLogger(__name__)

# Share of the linear kind head in the kind blend: the best pooled out-of-fold kind macro-F1 over
# the 1,500 labelled posts on the grid 0.3–0.7 (`python -m bench.kind_blend`).
KIND_LINEAR_WEIGHT = 0.5
# The heads' features, decided by K-fold CV over all labels (`python -m bench.heads_cv`).
ROLES_PARAMS = LinearRolesParams()
KIND_PARAMS = LinearKindParams()
# The roles blend kept when dev is among the posts fitted (`--all-labels`): the last blend
# chosen on dev while it was held out (radar.json), else this one.
DEFAULT_ROLES_BLEND = {"weight": 0.85, "threshold": 0.7}


def fit_linear_roles(
    model_dir: Path, train_set: Sequence[Example], dev: Sequence[Example],
    device: str = "auto", params: LinearRolesParams | None = None,
    blend: dict[str, float] | None = None,
) -> dict[str, Any]:
    """Fit the linear roles head on the train split next to a saved model directory, pick its
    blend with the encoder's roles head on dev, and record both in radar.json. A given `blend`
    is kept as it is (dev is then among the posts fitted, so it cannot choose one)."""
    from classifier.encoder.decode import decode_row
    from classifier.encoder.finetune import encode, probs_from_encoded
    from classifier.metrics import score_sets
    from classifier.transformers_model import TransformersClassifier

    started = time.monotonic()
    params = params or ROLES_PARAMS
    clf = TransformersClassifier.load(model_dir, device=device)
    try:
        clf.set_linear_roles(None, {})  # the encoder head alone, whatever the directory holds
        meta = clf.model.meta
        roles = meta.vocab("roles")
        train_texts = [clean_text(e.text) for e in train_set]
        linear = LinearRoles.fit(
            train_texts, clf.hinter.hits(train_texts)["roles"],
            [e.labels.roles for e in train_set], roles, params,
        )
        linear.save(model_dir)
        if blend is not None:
            return _record_roles_blend(model_dir, blend, {
                "params": params.__dict__, "train_posts": len(train_set),
                "features": int(linear.coef.shape[1]), "blend": "kept (dev was fitted)",
                "blend_chosen_on": _blend_record(model_dir),
                "seconds": round(time.monotonic() - started, 1)})
        linear = LinearRoles.load(model_dir)  # choose on exactly what serving will read
        dev_texts = [clean_text(e.text) for e in dev]
        enc = encode(dev_texts, clf.tokenizer, clf.hinter, clf.max_length)
        probs = probs_from_encoded(
            clf.runtime_model, enc, clf._pad_id, clf.device, clf.batch_size)
        lin = torch.from_numpy(linear.proba(dev_texts, enc.hits["roles"]))
        gold = [e.labels.roles for e in dev]

        def score(p: torch.Tensor, threshold: float) -> float:
            cut = replace(meta, thresholds={**meta.thresholds, "roles": threshold})
            decoded = [decode_row({**probs, "roles": p}, row, cut, enc.hits).roles
                       for row in range(len(dev))]
            return score_sets(gold, decoded).micro.f1

        blend, grid = choose_blend(lin, probs["roles"], score)
    finally:
        clf.close()
    log.info("linear roles: blend %s (dev roles micro-F1 grid %s)", blend, grid)
    return _record_roles_blend(model_dir, blend, {
        "params": params.__dict__, "train_posts": len(train_set),
        "features": int(linear.coef.shape[1]),
        "encoder_alone_dev_f1": round(score(probs["roles"], meta.thresholds.get("roles", 0.5)), 4),
        "grid_weight_threshold_dev_f1": grid,
        "seconds": round(time.monotonic() - started, 1),
    })


def _blend_record(model_dir: Path) -> dict[str, Any]:
    """How the kept blend was chosen: the record of the last fit that chose it on dev."""
    raw = json.loads((model_dir / METADATA_FILE).read_text(encoding="utf-8"))
    previous = raw.get("training", {}).get("roles_linear", {})
    if "blend_chosen_on" in previous:
        return dict(previous["blend_chosen_on"])
    keep = ("train_posts", "encoder_alone_dev_f1", "grid_weight_threshold_dev_f1")
    return {k: previous[k] for k in keep if k in previous}


def _record_roles_blend(model_dir: Path, blend: dict[str, float],
                        training: dict[str, Any]) -> dict[str, Any]:
    path = model_dir / METADATA_FILE
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["roles_linear"] = blend
    raw.setdefault("training", {})["roles_linear"] = training
    path.write_text(json.dumps(raw, ensure_ascii=False, indent=1), encoding="utf-8")
    return training


def fit_linear_kind(model_dir: Path, train_set: Sequence[Example],
                    params: LinearKindParams | None = None) -> dict[str, Any]:
    """Fit the linear kind head on the train split next to a saved model directory and record
    its blend weight (fixed, chosen by cross-validation: KIND_LINEAR_WEIGHT) in radar.json."""
    from classifier.assemble import parse_fields

    started = time.monotonic()
    texts = [clean_text(e.text) for e in train_set]
    hits = Hinter({h: () for h in HINTED_HEADS}).hits(texts)  # hits() needs no vocabulary
    rules = rules_of(hits, [parse_fields(e.text) for e in train_set])
    linear = LinearKind.fit(texts, rules, [e.labels.kind for e in train_set],
                            params or KIND_PARAMS)
    linear.save(model_dir)
    path = model_dir / METADATA_FILE
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["kind_linear"] = {"weight": KIND_LINEAR_WEIGHT}
    raw.setdefault("training", {})["kind_linear"] = {
        "params": linear.params.__dict__, "train_posts": len(train_set),
        "features": int(linear.coef.shape[1]), "seconds": round(time.monotonic() - started, 1),
    }
    path.write_text(json.dumps(raw, ensure_ascii=False, indent=1), encoding="utf-8")
    return dict(raw["training"]["kind_linear"])


def refit_linear_roles(
    model_dir: Path, data: Path = ANNOTATIONS, device: str = "auto", threads: int = 2,
    all_labels: bool = False,
) -> dict[str, Any]:
    """`--only-linear-roles`: refit the linear heads (roles, kind) of an existing model directory
    and rescore it into eval.json (the encoder and its heads are left as they are).

    `all_labels` fits them on every labelled post, dev included: the heads' figures then come
    from `bench.heads_cv`, the roles blend stays as radar.json has it, and eval.json is a smoke
    check (`"dev_fitted": true`), no longer a held-out figure."""
    limit_threads(threads)
    examples = read_examples(data)
    train_set, dev = train_dev_split(examples)
    if all_labels:
        raw = json.loads((model_dir / METADATA_FILE).read_text(encoding="utf-8"))
        blend = raw.get("roles_linear") or DEFAULT_ROLES_BLEND
        fit_linear_roles(model_dir, examples, dev, device=device, blend=blend)
        fit_linear_kind(model_dir, examples)
    else:
        fit_linear_roles(model_dir, train_set, dev, device=device)
        fit_linear_kind(model_dir, train_set)
    report = evaluate_dir(model_dir, dev, device=device)
    report["dev_fitted"] = all_labels
    eval_path = model_dir / "eval.json"
    if eval_path.exists():
        old = json.loads(eval_path.read_text(encoding="utf-8"))
        if "train_seconds" in old:
            report["train_seconds"] = old["train_seconds"]
    eval_path.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return report


def evaluate_dir(model_dir: Path, dev: Sequence[Any], device: str = "auto") -> dict[str, Any]:
    """Score the saved directory end to end, through the same classify() the product serves."""
    import asyncio

    from classifier.metrics import evaluate, report_json
    from classifier.transformers_model import TransformersClassifier

    clf = TransformersClassifier.load(model_dir, device=device)
    try:
        preds = asyncio.run(clf.classify([e.text for e in dev]))
    finally:
        clf.close()
    return report_json(evaluate([e.labels for e in dev], [p.labels for p in preds]))
