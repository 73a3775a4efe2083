"""`classifier train`: tokenizer → masked-LM pretraining → multi-task fine-tuning → dev eval.

Every figure is on the fixed dev split of classifier.dataset; dev posts never reach fine-tuning
(they do reach the unsupervised tokenizer/MLM corpus, which has no labels).
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import torch
from torch import nn
from tqdm.auto import tqdm
from transformers import AutoModel, AutoTokenizer, BertModel

from classifier.corrections import apply_corrections, read_corrections
from classifier.dataset import (
    ANNOTATIONS,
    DATA_DIR,
    TG_RECORDS,
    Example,
    read_examples,
    train_dev_split,
)
from classifier.encoder.corpus import corpus_files, iter_texts, sha256
from classifier.encoder.finetune import FinetuneParams, Target, finetune
from classifier.encoder.hints import HINTED_HEADS, Hinter
from classifier.encoder.multitask import HeadsMeta, MultiTaskModel
from classifier.encoder.pretrain import EncoderShape, pretrain_mlm
from classifier.encoder.runtime import limit_threads, resolve_device
from classifier.encoder.tokenizer import train_tokenizer
from classifier.encoder.weak import hashtag_targets
from classifier.labels import clean_text
from classifier.train_linear import (  # noqa: F401  (refit_linear_roles: the CLI's entry)
    evaluate_dir,
    fit_linear_kind,
    fit_linear_roles,
    refit_linear_roles,
)

log = logging.getLogger(__name__)

VERSION = "radar-encoder-1.0"
# Roles at 0.3: recall was the weaker side on dev (F1 0.698 at 0.3, 0.676 at 0.5); the stack
# head only adds names to the dictionary's, so it must be sure.
DECISION_THRESHOLDS = {"roles": 0.3, "stack": 0.6}
STACK_MIN_COUNT = 3  # rarer names are left to the taxonomy's dictionary alone


@dataclass(frozen=True)
class Plan:
    """Sizes of one run; `quick()` is the seconds-long variant tests use."""

    vocab_size: int = 12_000
    shape: EncoderShape = field(default_factory=EncoderShape)
    # Windows of 128 tokens: twice the optimizer steps of 256 for the same compute, and the
    # heads read the first 128 tokens anyway (rules read the whole post).
    mlm_max_len: int = 128
    mlm_epochs: float = 2.0
    mlm_lr: float = 1e-3
    # A safety net for a slow or shared host; radar.json records the steps actually done.
    mlm_max_seconds: float = 20 * 60
    max_corpus: int | None = None
    max_train: int | None = None
    finetune: FinetuneParams = field(default_factory=FinetuneParams)
    fp16: bool = True
    use_weak: bool = True

    @classmethod
    def quick(cls) -> Plan:
        return cls(
            vocab_size=1500, shape=EncoderShape(layers=1, hidden=32, heads=2, intermediate=64,
                                                max_position=64),
            mlm_max_len=64, mlm_epochs=1.0, mlm_max_seconds=10, max_corpus=300, max_train=60,
            finetune=FinetuneParams(epochs=2, batch_size=16, max_length=64), fp16=False,
            use_weak=False,
        )


def _bar(desc: str) -> Any:
    bar = tqdm(desc=desc, unit="step")

    def update(step: int, total: int, loss: float) -> None:
        bar.total = total
        bar.update(step - bar.n)
        bar.set_postfix(loss=f"{loss:.3f}")
        if step >= total:
            bar.close()

    return update


def _pretrained_encoder(
    plan: Plan, out_dir: Path, seed: int, device: torch.device, texts: list[str]
) -> tuple[Any, Any, dict[str, Any]]:
    texts = texts[: plan.max_corpus]
    tokenizer = train_tokenizer(texts, out_dir, plan.vocab_size, plan.shape.max_position)
    run = pretrain_mlm(
        texts, tokenizer, plan.shape, seed=seed, device=device, epochs=plan.mlm_epochs,
        max_seconds=plan.mlm_max_seconds, max_len=plan.mlm_max_len, lr=plan.mlm_lr,
        progress=_bar("masked-LM"),
    )
    # A plain BertModel (with a pooler) so AutoModel reloads it without "newly initialised" noise.
    encoder = BertModel(run.model.config)
    encoder.load_state_dict(run.model.bert.state_dict(), strict=False)
    nn.Module.to(encoder, device)
    stats = {"corpus_texts": len(texts), "mlm_steps": run.steps,
             "mlm_planned_steps": run.planned_steps, "mlm_seconds": run.seconds,
             "mlm_last_loss": round(run.last_loss, 3)}
    return encoder, tokenizer, stats


def train(
    out_dir: Path,
    data: Path = ANNOTATIONS,
    weak: Sequence[Path] = (TG_RECORDS,),
    corpus_dir: Path | None = DATA_DIR,
    seed: int = 13,
    epochs: int | None = None,
    device: str = "auto",
    base_model: Path | None = None,
    quick: bool = False,
    threads: int = 2,
    split: tuple[list[Example], list[Example]] | None = None,
    corrections: Path | None = None,
) -> dict[str, Any]:
    """Build a model directory at `out_dir`; returns (and writes) its dev-split evaluation.

    `split` replaces the fixed train/dev split of `data` (cross-validation folds);
    `corrections` (`radar classifier corrections export`) outweigh the hand labels."""
    started = time.monotonic()
    limit_threads(threads)
    torch_device = resolve_device(device)
    plan = Plan.quick() if quick else Plan()
    if epochs is not None:
        plan = replace(plan, finetune=replace(plan.finetune, epochs=epochs))
    examples = read_examples(data)
    train_set, dev = split or train_dev_split(examples)
    train_set = train_set[: plan.max_train]
    corrected: list[Target] = []
    if corrections is not None:
        train_set, corrected = apply_corrections(train_set, read_corrections(corrections))
    corpus = corpus_files(corpus_dir) if corpus_dir is not None else []
    # Without the unlabelled sources the annotated texts (labels unused) are the MLM corpus.
    texts = list(iter_texts(corpus_dir)) if corpus_dir is not None and corpus else list(
        dict.fromkeys(clean_text(e.text) for e in examples))
    out_dir.mkdir(parents=True, exist_ok=True)
    mlm_stats: dict[str, Any] = {}
    if base_model is None:
        encoder, tokenizer, mlm_stats = _pretrained_encoder(
            plan, out_dir, seed, torch_device, texts)
    else:
        encoder = AutoModel.from_pretrained(str(base_model))
        nn.Module.to(encoder, torch_device)
        tokenizer = AutoTokenizer.from_pretrained(str(base_model))
    max_length = min(plan.finetune.max_length, int(encoder.config.max_position_embeddings))
    counts = Counter(s for e in train_set for s in e.labels.stack)
    meta = HeadsMeta(
        version=VERSION,
        stack=sorted(n for n, c in counts.items() if c >= STACK_MIN_COUNT),
        hinted=list(HINTED_HEADS), max_length=max_length, seed=seed,
        thresholds=dict(DECISION_THRESHOLDS),
    )
    targets = [Target.from_labels(clean_text(e.text), e.labels) for e in train_set]
    targets += corrected
    seen = {e.text for e in examples}
    targets += [
        replace(t, text=clean_text(t.text))
        for path in weak if plan.use_weak and path.exists()
        for t in hashtag_targets(path, seen)
    ]
    hinter = Hinter({h: meta.vocab(h) for h in HINTED_HEADS})
    model = MultiTaskModel(encoder, meta).to(torch_device)
    params = replace(plan.finetune, max_length=max_length)
    finetune(model, tokenizer, hinter, targets, params, seed=seed, device=torch_device,
             progress=_bar("fine-tune"))
    files = [data, *[p for p in (corrections,) if p is not None], *[p for p in weak if p.exists()],
             *corpus]
    meta.data = {str(p.relative_to(DATA_DIR.parent) if p.is_relative_to(DATA_DIR.parent)
                     else p): sha256(p) for p in dict.fromkeys(files)}
    meta.version = f"{VERSION}+{sha256(data)[:8]}.s{seed}"
    meta.training = {
        "plan": {"vocab_size": plan.vocab_size, "shape": plan.shape.__dict__,
                 "mlm_epochs": plan.mlm_epochs, "mlm_max_len": plan.mlm_max_len,
                 "mlm_lr": plan.mlm_lr, "finetune": params.__dict__},
        "base_model": str(base_model) if base_model else None, **mlm_stats,
        "train_targets": len(targets), "device": str(torch_device),
        "torch": torch.__version__, "seconds": round(time.monotonic() - started, 1),
    }
    model.save(out_dir, tokenizer, fp16=plan.fp16)
    fit_linear_roles(out_dir, train_set, dev, device=device)
    fit_linear_kind(out_dir, train_set)
    report = evaluate_dir(out_dir, dev, device=device)
    report["train_seconds"] = meta.training["seconds"]
    (out_dir / "eval.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    return report
