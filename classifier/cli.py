"""`classifier eval | predict | baseline-train`: subcommands the top-level `radar` CLI mounts."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from classifier.api import Classifier
from classifier.dataset import read_examples, train_dev_split
from classifier.loading import DEFAULT_BASELINE_DIR, load_model

log = logging.getLogger(__name__)

BATCH = 64


def add_commands(subparsers: Any) -> Any:
    """Register `classifier …` on a parent CLI's subparsers (argparse `add_subparsers()`);
    returns the `classifier` subparsers, so a layer above can mount commands that need the
    database (`classifier work`), which this package may not import."""
    parser = subparsers.add_parser("classifier", help="label job posts; train and score models")
    sub = parser.add_subparsers(dest="classifier_command", required=True)
    add_classifier_subcommands(sub)
    _mount_neural_train(sub)
    return sub


def _mount_neural_train(sub: Any) -> None:
    # The neural model's `train` lives in train_cli.py; both must hang off one `classifier`
    # parser, since argparse refuses a second subparser of the same name.
    try:
        from classifier import train_cli
    except ImportError:
        return
    train = sub.add_parser("train", help="build a neural model directory and score it on dev")
    train_cli._train_arguments(train)
    train.set_defaults(func=train_cli.run_train)


def add_classifier_subcommands(sub: Any) -> None:
    ev = sub.add_parser("eval", help="score a model on labelled posts")
    ev.add_argument("--data", type=Path, required=True, help="labelled JSONL (ANNOTATION.md)")
    ev.add_argument("--split", choices=("all", "dev", "train"), default="all",
                    help="score every post of --data, or only its fixed dev/train split")
    _model_args(ev)
    ev.add_argument("--json", type=Path, help="also write the report as JSON here")
    ev.set_defaults(func=cmd_eval)

    pr = sub.add_parser("predict", help="label posts: JSONL with key and text in, labels out")
    pr.add_argument("--in", dest="inp", type=Path, required=True)
    pr.add_argument("--out", type=Path, required=True)
    _model_args(pr)
    pr.set_defaults(func=cmd_predict)

    tr = sub.add_parser("baseline-train", help="train the TF-IDF + linear baseline")
    tr.add_argument("--data", type=Path, required=True)
    tr.add_argument("--out", type=Path, required=True)
    tr.add_argument("--split", choices=("all", "train"), default="all",
                    help="'train' holds the fixed dev split out, for honest dev figures")
    tr.add_argument("--weak-records", type=Path,
                    help="tg_jobs_wudmc/records.jsonl: CV-tagged posts become extra offers")
    tr.set_defaults(func=cmd_baseline_train)


def _model_args(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--model", type=Path, help="neural model dir (default: the shipped one)")
    group.add_argument("--baseline", type=Path, nargs="?", const=DEFAULT_BASELINE_DIR,
                       help=f"use the baseline (dir, default {DEFAULT_BASELINE_DIR})")


async def _classify_all(model: Classifier, texts: list[str]) -> list[Any]:
    out: list[Any] = []
    for start in range(0, len(texts), BATCH):
        out += await model.classify(texts[start: start + BATCH])
    return out


def cmd_eval(args: argparse.Namespace) -> int:
    from classifier.metrics import evaluate, report_json, report_text

    examples = read_examples(args.data)
    if args.split != "all":
        train, dev = train_dev_split(examples)
        examples = dev if args.split == "dev" else train
    model = load_model(args.model, args.baseline)
    preds = asyncio.run(_classify_all(model, [e.text for e in examples]))
    report = evaluate([e.labels for e in examples], [p.labels for p in preds])
    print(f"model: {model.version}  data: {args.data} ({args.split})")
    print(report_text(report))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {"model_version": model.version, "data": str(args.data), "split": args.split,
                   **report_json(report)}
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


def _read_posts(path: Path) -> Iterator[tuple[str, str]]:
    with path.open(encoding="utf-8", errors="replace") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                key, text = row["key"], row.get("text") or ""
                if not isinstance(text, str):
                    raise TypeError("text is not a string")
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                log.warning("%s:%d: skipped, not a post with key and text (%s)", path, number, exc)
                continue
            yield str(key), text


def cmd_predict(args: argparse.Namespace) -> int:
    posts = list(_read_posts(args.inp))
    model = load_model(args.model, args.baseline)
    preds = asyncio.run(_classify_all(model, [t for _, t in posts]))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for (key, _), pred in zip(posts, preds, strict=True):
            row = {"key": key, **pred.labels.to_annotation(),
                   "confidences": {k: round(v, 4) for k, v in pred.confidences.items()},
                   "needs_review": pred.needs_review, "model_version": pred.model_version}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    log.info("wrote %d predictions to %s", len(preds), args.out)
    return 0


def cmd_baseline_train(args: argparse.Namespace) -> int:
    from classifier.baseline import BaselineClassifier
    from classifier.weak import weak_offers

    examples = read_examples(args.data)
    train = train_dev_split(examples)[0] if args.split == "train" else examples
    extra = weak_offers(args.weak_records, examples) if args.weak_records else []
    model = BaselineClassifier().fit(train, weak_offers=extra)
    path = model.save(args.out)
    print(f"trained {model.version} on {len(train)} posts (+{len(extra)} weak offers): {path}")
    return 0


def run(args: argparse.Namespace) -> int:
    """Dispatch a parsed namespace (logging to stderr if the caller set none up)."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                            format="%(levelname)s %(name)s: %(message)s")
    result: int = args.func(args)
    return result
