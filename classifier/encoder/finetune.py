"""Multi-task fine-tuning: annotated posts label every head, weak sources only some."""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import torch
from torch import nn
from transformers import PreTrainedTokenizerBase

from classifier.api import Labels
from classifier.encoder.hints import Hinter
from classifier.encoder.multitask import MULTI_LABEL_HEADS, MultiTaskModel


@dataclass
class Target:
    """One training text; a head whose field is None is not trained on this text."""

    text: str
    kind: str | None = None
    roles: tuple[str, ...] | None = None
    grades: tuple[str, ...] | None = None
    format: tuple[str, ...] | None = None
    employment: tuple[str, ...] | None = None
    stack: tuple[str, ...] | None = None
    weight: float = 1.0

    @classmethod
    def from_labels(cls, text: str, labels: Labels) -> Target:
        return cls(
            text=text, kind=labels.kind, roles=labels.roles, grades=labels.grades,
            format=labels.format, employment=labels.employment, stack=labels.stack,
        )


@dataclass
class Encoded:
    input_ids: list[list[int]]
    hits: dict[str, list[tuple[str, ...]]]
    hints: dict[str, torch.Tensor]


def encode(
    texts: Sequence[str], tokenizer: PreTrainedTokenizerBase, hinter: Hinter, max_length: int,
) -> Encoded:
    ids = tokenizer(list(texts), truncation=True, max_length=max_length)["input_ids"]
    hits = hinter.hits(texts)
    return Encoded(input_ids=ids, hits=hits, hints=hinter.tensors(hits))


def pad(rows: Sequence[Sequence[int]], pad_id: int) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(len(r) for r in rows)
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    for i, row in enumerate(rows):
        ids[i, :len(row)] = torch.tensor(row, dtype=torch.long)
    return ids, (ids != pad_id).long()


def _targets(model: MultiTaskModel, targets: Sequence[Target]) -> dict[str, torch.Tensor]:
    meta = model.meta
    kinds = meta.vocab("kind")
    out: dict[str, torch.Tensor] = {
        "kind": torch.tensor([kinds.index(t.kind) if t.kind in kinds else -100 for t in targets])
    }
    for head in MULTI_LABEL_HEADS:
        vocab = {name: i for i, name in enumerate(meta.vocab(head))}
        y = torch.zeros((len(targets), len(vocab)))
        known = torch.zeros(len(targets))
        for row, t in enumerate(targets):
            values = getattr(t, head)
            if values is None:
                continue
            known[row] = 1.0
            for v in values:
                if v in vocab:
                    y[row, vocab[v]] = 1.0
        out[head] = y
        out[f"{head}_known"] = known
    return out


@dataclass(frozen=True)
class FinetuneParams:
    epochs: int = 10
    batch_size: int = 16
    lr: float = 5e-4
    head_lr: float = 2e-3
    max_length: int = 128
    # Offers and digests are 1-3 % of posts: without weights the kind head never says them.
    kind_weights: tuple[float, ...] = (1.0, 4.0, 3.0, 1.5)
    head_weights: tuple[tuple[str, float], ...] = (("stack", 2.0),)


def finetune(
    model: MultiTaskModel,
    tokenizer: PreTrainedTokenizerBase,
    hinter: Hinter,
    targets: Sequence[Target],
    params: FinetuneParams,
    *,
    seed: int,
    device: torch.device,
    progress: Callable[[int, int, float], None] | None = None,
) -> MultiTaskModel:
    torch.manual_seed(seed)
    rng = random.Random(seed)
    enc = encode([t.text for t in targets], tokenizer, hinter, params.max_length)
    ys = _targets(model, targets)
    weights = torch.tensor([t.weight for t in targets])
    pad_id = int(tokenizer.pad_token_id or 0)
    order = sorted(range(len(targets)), key=lambda i: len(enc.input_ids[i]))
    # Batches of similar length, shuffled as whole batches: little padding, still random order.
    batches = [order[i:i + params.batch_size] for i in range(0, len(order), params.batch_size)]
    total = len(batches) * params.epochs
    head_params = [p for n, p in model.named_parameters() if not n.startswith("encoder.")]
    opt = torch.optim.AdamW([
        {"params": list(model.encoder.parameters()), "lr": params.lr},
        {"params": head_params, "lr": params.head_lr},
    ], weight_decay=0.01)
    warmup = max(1, total // 15)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warmup, 0.5 * (1 + math.cos(math.pi * s / total)))
    )
    kind_loss = nn.CrossEntropyLoss(
        weight=torch.tensor(params.kind_weights, device=device), reduction="none",
        ignore_index=-100, label_smoothing=0.05,
    )
    head_weight = dict(params.head_weights)
    model.train()
    step = 0
    for _ in range(params.epochs):
        rng.shuffle(batches)
        for batch in batches:
            ids, mask = pad([enc.input_ids[i] for i in batch], pad_id)
            idx = torch.tensor(batch)
            hints = {k: v[idx].to(device) for k, v in enc.hints.items()}
            logits = model(ids.to(device), mask.to(device), hints)
            w = weights[idx].to(device)
            y_kind = ys["kind"][idx].to(device)
            loss = (kind_loss(logits["kind"], y_kind) * w).sum() / w.sum().clamp(min=1e-6)
            for head in MULTI_LABEL_HEADS:
                known = ys[f"{head}_known"][idx].to(device) * w
                if known.sum() == 0:
                    continue
                per_row = nn.functional.binary_cross_entropy_with_logits(
                    logits[head], ys[head][idx].to(device), reduction="none"
                ).mean(-1)
                loss = loss + head_weight.get(head, 1.0) * (per_row * known).sum() / known.sum()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad(set_to_none=True)
            step += 1
            if progress is not None:
                progress(step, total, float(loss.detach()))
    return model.eval()


@torch.inference_mode()
def predict_probs(
    model: MultiTaskModel, tokenizer: PreTrainedTokenizerBase, hinter: Hinter,
    texts: Sequence[str], *, device: torch.device, batch_size: int = 64, max_length: int = 256,
) -> dict[str, torch.Tensor]:
    """Per-head probabilities (softmax for kind, sigmoid for the rest), in input order."""
    enc = encode(texts, tokenizer, hinter, max_length)
    return probs_from_encoded(model, enc, int(tokenizer.pad_token_id or 0), device, batch_size)


@torch.inference_mode()
def probs_from_encoded(
    model: MultiTaskModel, enc: Encoded, pad_id: int, device: torch.device, batch_size: int,
) -> dict[str, torch.Tensor]:
    n = len(enc.input_ids)
    order = sorted(range(n), key=lambda i: len(enc.input_ids[i]))
    sizes = model.meta.sizes()
    out = {head: torch.zeros((n, size)) for head, size in sizes.items()}
    for start in range(0, n, batch_size):
        chunk = order[start:start + batch_size]
        ids, mask = pad([enc.input_ids[i] for i in chunk], pad_id)
        idx = torch.tensor(chunk)
        hints = {k: v[idx].to(device) for k, v in enc.hints.items()}
        logits = model(ids.to(device), mask.to(device), hints)
        for head, value in logits.items():
            value = value.float()
            prob = value.softmax(-1) if head == "kind" else value.sigmoid()
            out[head][idx] = prob.cpu()
    return out
