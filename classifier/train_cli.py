"""`classifier train`: `radar` mounts it; `python -m classifier.train_cli` runs it alone."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from classifier.settings import DEFAULT_MODEL_DIR


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register `classifier train …` on a parent parser's subparsers."""
    classifier = subparsers.add_parser("classifier", help="message classifier")
    commands = classifier.add_subparsers(dest="classifier_command", required=True)
    train = commands.add_parser("train", help="build a model directory and score it on dev")
    _train_arguments(train)
    train.set_defaults(func=run_train)


def _train_arguments(parser: argparse.ArgumentParser) -> None:
    from classifier.dataset import ANNOTATIONS

    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL_DIR, help="model directory")
    parser.add_argument("--data", type=Path, default=ANNOTATIONS, help="annotations JSONL")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--epochs", type=int, default=None, help="fine-tuning epochs")
    parser.add_argument("--device", default="auto", help="auto, cpu, cuda, cuda:1 …")
    parser.add_argument("--base-model", type=Path, default=None,
                        help="an existing HF encoder directory instead of pretraining one")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="a seconds-long run for tests")
    parser.add_argument("--corrections", type=Path, default=ANNOTATIONS.with_name(
        "corrections.jsonl"), help="managers' corrections (`radar classifier corrections "
        "export`), weighted over the hand labels; used when the file exists")
    parser.add_argument("--no-corrections", action="store_true",
                        help="train on the hand labels alone")
    parser.add_argument("--only-linear-roles", action="store_true",
                        help="refit only the linear heads (roles, kind) of the --out directory")
    parser.add_argument("--all-labels", action="store_true",
                        help="with --only-linear-roles: fit the linear heads on every label, dev "
                        "included (their figures come from `python -m bench.heads_cv`; the roles "
                        "blend is kept; dev becomes a smoke check)")


def run_train(args: argparse.Namespace) -> int:
    from classifier.train import refit_linear_roles, train

    if getattr(args, "only_linear_roles", False):
        report = refit_linear_roles(args.out, data=args.data, device=args.device,
                                    threads=args.threads,
                                    all_labels=getattr(args, "all_labels", False))
    else:
        corrections = getattr(args, "corrections", None)
        if getattr(args, "no_corrections", False) or not (corrections and corrections.exists()):
            corrections = None
        report = train(
            args.out, data=args.data, seed=args.seed, epochs=args.epochs, device=args.device,
            base_model=args.base_model, quick=args.quick, threads=args.threads,
            corrections=corrections,
        )
        report["corrections"] = str(corrections) if corrections else None
    summary = {
        "kind_macro_f1": report["kind"]["macro"]["f1"],
        **{f"{name}_micro_f1": v["micro"]["f1"] for name, v in report["lists"].items()},
        **{f"{name}_exact": v for name, v in report["exact"].items()},
        "train_seconds": report.get("train_seconds"),
        "corrections": report.get("corrections"),
    }
    print(json.dumps(summary, indent=1))
    return 0


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    parser = argparse.ArgumentParser(prog="python -m classifier.train_cli")
    _train_arguments(parser)
    return run_train(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
