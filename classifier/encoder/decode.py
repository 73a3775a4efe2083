"""Head probabilities → label fields and per-field confidences (shared by train and serve)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import torch

from classifier.assemble import RULE_CONFIDENCE
from classifier.encoder.multitask import MULTI_LABEL_HEADS, HeadsMeta

DEFAULT_THRESHOLD = 0.5
# How each multi-label field combines the head with the rule hits, chosen on the dev split
# (micro-F1 of head / rule / union): grades 0.896 / 0.932 / 0.929, format 0.833 / 0.945 /
# 0.934, employment 0.739 / 0.791 / 0.805, stack: every dictionary hit kept (0.914) beats a
# head veto (0.901). Roles have no precise rule (taxonomy families alone: 0.45), so the head.
DECISIONS: dict[str, str] = {
    "roles": "head", "grades": "rule", "format": "rule", "employment": "union", "stack": "union",
}


@dataclass(frozen=True)
class Decoded:
    kind: str
    roles: tuple[str, ...]
    grades: tuple[str, ...]
    format: tuple[str, ...]
    employment: tuple[str, ...]
    stack: tuple[str, ...]
    confidences: dict[str, float]


def _certainty(p: torch.Tensor) -> float:
    # A set is as sure as its least sure yes/no decision.
    return float(torch.maximum(p, 1 - p).min()) if p.numel() else 1.0


def decode_row(
    probs: Mapping[str, torch.Tensor], row: int, meta: HeadsMeta,
    hits: Mapping[str, Sequence[Sequence[str]]], says_offer: bool = False,
) -> Decoded:
    """`says_offer`: the text presents a candidate (classifier.kind_cues), which outranks the
    kind head's request or other."""
    kinds = meta.vocab("kind")
    kind_p = probs["kind"][row]
    kind = kinds[int(kind_p.argmax())]
    conf = {"kind": float(kind_p.max())}
    if says_offer and kind in ("request", "other"):
        kind, conf["kind"] = "offer", RULE_CONFIDENCE
    fields: dict[str, tuple[str, ...]] = {}
    for head in MULTI_LABEL_HEADS:
        p = probs[head][row]
        vocab = meta.vocab(head)
        cut = meta.thresholds.get(head, DEFAULT_THRESHOLD)
        chosen = [vocab[i] for i in torch.nonzero(p >= cut).flatten().tolist()]
        found = list(hits[head][row]) if head in hits else []
        mode = DECISIONS.get(head, "head")
        if mode == "rule":
            chosen = [n for n in vocab if n in found]
        elif mode == "union":
            # Rule hits first, in the order they were found (stack keeps mention order).
            chosen = [*found, *(n for n in chosen if n not in found)]
        if head == "roles" and not chosen and kind != "other":
            # Every request, offer and digest names at least one specialist (ANNOTATION.md).
            chosen = [vocab[int(p.argmax())]]
        fields[head] = tuple(chosen)
        # A rule-decided field is as sure as the rules measured; a head's as its weakest call.
        conf[head] = RULE_CONFIDENCE if mode == "rule" else _certainty(p)
    if kind == "other":
        fields = dict.fromkeys(fields, ())
    elif kind == "digest":
        fields["format"] = ()
        fields["employment"] = ()
    return Decoded(kind=kind, confidences=conf, **fields)
