"""Masked-LM pretraining of a compact BERT on unlabelled job posts (minutes on a CPU)."""

from __future__ import annotations

import logging
import math
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import torch
from torch import nn
from transformers import BertConfig, BertForMaskedLM, PreTrainedTokenizerFast

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EncoderShape:
    """Sized by measurement (ENVIRONMENT.md budget): 4×192 runs ≈200 posts/s on 2 CPU threads."""

    layers: int = 4
    hidden: int = 192
    heads: int = 4
    intermediate: int = 576
    max_position: int = 256

    def config(self, vocab_size: int, pad_id: int) -> BertConfig:
        return BertConfig(
            vocab_size=vocab_size,
            hidden_size=self.hidden,
            num_hidden_layers=self.layers,
            num_attention_heads=self.heads,
            intermediate_size=self.intermediate,
            max_position_embeddings=self.max_position,
            pad_token_id=pad_id,
            hidden_dropout_prob=0.1,
            attention_probs_dropout_prob=0.1,
        )


def chunk_ids(
    texts: Sequence[str], tokenizer: PreTrainedTokenizerFast, max_len: int
) -> list[list[int]]:
    """Posts cut into windows of max_len tokens, so long posts' tails are learnt from too."""
    body = max_len - 2
    cls_id, sep_id = tokenizer.cls_token_id, tokenizer.sep_token_id
    out: list[list[int]] = []
    encoded = tokenizer(list(texts), add_special_tokens=False, verbose=False)["input_ids"]
    for ids in encoded:
        for start in range(0, max(len(ids), 1), body):
            piece = ids[start:start + body]
            if len(piece) >= 8:
                out.append([cls_id, *piece, sep_id])
    return out


@dataclass
class MlmRun:
    model: BertForMaskedLM
    steps: int
    planned_steps: int
    seconds: float
    last_loss: float


def _mask(
    batch: torch.Tensor, special: torch.Tensor, tokenizer: PreTrainedTokenizerFast,
    vocab_size: int, gen: torch.Generator, rate: float = 0.15,
) -> tuple[torch.Tensor, torch.Tensor]:
    labels = batch.clone()
    prob = torch.full(batch.shape, rate)
    prob.masked_fill_(special, 0.0)
    chosen = torch.bernoulli(prob, generator=gen).bool()
    labels[~chosen] = -100
    inputs = batch.clone()
    # BERT's 80/10/10 recipe: the model must also judge tokens it sees unmasked.
    to_mask = torch.bernoulli(torch.full(batch.shape, 0.8), generator=gen).bool() & chosen
    inputs[to_mask] = int(tokenizer.mask_token_id)
    to_random = torch.bernoulli(torch.full(batch.shape, 0.5), generator=gen).bool()
    to_random &= chosen & ~to_mask
    inputs[to_random] = torch.randint(5, vocab_size, batch.shape, generator=gen)[to_random]
    return inputs, labels


def pretrain_mlm(
    texts: Sequence[str],
    tokenizer: PreTrainedTokenizerFast,
    shape: EncoderShape,
    *,
    seed: int,
    device: torch.device,
    epochs: float = 4.0,
    batch_size: int = 32,
    lr: float = 5e-4,
    max_len: int = 256,
    max_seconds: float | None = None,
    progress: Callable[[int, int, float], None] | None = None,
) -> MlmRun:
    """Train from scratch; stops after `epochs` passes or `max_seconds`, whichever comes first."""
    torch.manual_seed(seed)
    rng = random.Random(seed)
    gen = torch.Generator().manual_seed(seed)
    pad_id = int(tokenizer.pad_token_id)
    model = BertForMaskedLM(shape.config(len(tokenizer), pad_id))
    nn.Module.to(model, device)
    chunks = chunk_ids(texts, tokenizer, min(max_len, shape.max_position))
    # Length-bucketed batches: padding a 40-token post to 256 would waste most of the compute.
    chunks.sort(key=len)
    batches = [chunks[i:i + batch_size] for i in range(0, len(chunks), batch_size)]
    total = max(1, math.ceil(len(batches) * epochs))
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    warmup = max(1, total // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup)))
    )
    model.train()
    started = time.monotonic()
    step = 0
    loss = torch.zeros(())
    while step < total:
        order = list(range(len(batches)))
        rng.shuffle(order)
        for index in order:
            if step >= total:
                break
            rows = batches[index]
            width = max(len(r) for r in rows)
            batch = torch.full((len(rows), width), pad_id, dtype=torch.long)
            for i, r in enumerate(rows):
                batch[i, :len(r)] = torch.tensor(r)
            attention = (batch != pad_id).long()
            special = (batch == pad_id) | (batch == tokenizer.cls_token_id) | (
                batch == tokenizer.sep_token_id)
            inputs, labels = _mask(batch, special, tokenizer, len(tokenizer), gen)
            # Only masked positions go through the 12k-way decoder: on all positions it costs
            # more than the encoder itself.
            hidden = model.bert(
                input_ids=inputs.to(device), attention_mask=attention.to(device)
            ).last_hidden_state
            chosen = labels.to(device) != -100
            logits = model.cls(hidden[chosen])
            loss = torch.nn.functional.cross_entropy(logits, labels.to(device)[chosen])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad(set_to_none=True)
            step += 1
            if progress is not None:
                progress(step, total, float(loss.detach()))
            if max_seconds is not None and time.monotonic() - started > max_seconds:
                # A safety net for slow hosts; the run records how far it got.
                log.warning("MLM stopped by time budget at step %d/%d", step, total)
                total = step
    return MlmRun(model.eval(), step, math.ceil(len(batches) * epochs),
                  round(time.monotonic() - started, 1), float(loss.detach()))
