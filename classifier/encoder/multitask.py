"""Task heads on an encoder, saved next to it as a Hugging Face style model directory.

Layout of a model directory (any HF encoder directory plus three files of ours):
config.json + model.safetensors (the encoder, `AutoModel`-loadable), tokenizer files,
heads.safetensors (the task heads) and radar.json (vocabularies, thresholds, provenance).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import torch
from safetensors.torch import load_file, save_file
from torch import nn
from transformers import AutoModel, AutoTokenizer, PreTrainedModel, PreTrainedTokenizerBase

from classifier.api import EMPLOYMENTS, FORMATS, GRADES, KINDS, ROLE_FAMILIES
from classifier.encoder.linear_kind import LinearKind, has_linear_kind
from classifier.encoder.linear_roles import LinearRoles, has_linear_roles

METADATA_FILE = "radar.json"
HEADS_FILE = "heads.safetensors"
MULTI_LABEL_HEADS = ("roles", "grades", "format", "employment", "stack")


@dataclass
class HeadsMeta:
    """Everything besides weights that inference needs, plus where the model came from."""

    version: str
    stack: list[str]
    kinds: list[str] = field(default_factory=lambda: list(KINDS))
    roles: list[str] = field(default_factory=lambda: list(ROLE_FAMILIES))
    grades: list[str] = field(default_factory=lambda: list(GRADES))
    format: list[str] = field(default_factory=lambda: list(FORMATS))
    employment: list[str] = field(default_factory=lambda: list(EMPLOYMENTS))
    thresholds: dict[str, float] = field(default_factory=dict)
    # Heads that take rule hits (dictionary/parsers) as per-class input features.
    hinted: list[str] = field(default_factory=list)
    max_length: int = 256
    seed: int = 0
    # The linear roles head (roles_linear.*) and how its probabilities blend with the encoder
    # head's: {"weight": w, "threshold": t}; empty: the encoder head alone.
    roles_linear: dict[str, float] = field(default_factory=dict)
    # The linear kind head (kind_linear.*): {"weight": w} of its probabilities in the blend with
    # the encoder's kind head; empty: the encoder head alone.
    kind_linear: dict[str, float] = field(default_factory=dict)
    data: dict[str, str] = field(default_factory=dict)
    training: dict[str, Any] = field(default_factory=dict)

    def vocab(self, head: str) -> list[str]:
        return list(getattr(self, "kinds" if head == "kind" else head))

    def sizes(self) -> dict[str, int]:
        return {head: len(self.vocab(head)) for head in ("kind", *MULTI_LABEL_HEADS)}


class MultiTaskModel(nn.Module):
    """Encoder → [CLS; mean; max] pooling → one linear head per field.

    A hinted head adds `gain ⊙ hint` to its logits, where `hint` is 1 for classes a rule found
    in the full post (the taxonomy for stack). The rule sees past the encoder's truncation and
    the gain learns per class how far to trust it: a learned gate instead of a fixed union.
    """

    def __init__(self, encoder: PreTrainedModel, meta: HeadsMeta, dropout: float = 0.1) -> None:
        super().__init__()
        self.encoder = encoder
        self.meta = meta
        width = 3 * int(encoder.config.hidden_size)
        self.dropout = nn.Dropout(dropout)
        self.heads = nn.ModuleDict(
            {name: nn.Linear(width, size) for name, size in meta.sizes().items()}
        )
        self.gains = nn.ParameterDict(
            {name: nn.Parameter(torch.full((meta.sizes()[name],), 4.0)) for name in meta.hinted}
        )
        # The sparse linear roles head (roles_linear.*), blended per meta.roles_linear.
        self.linear_roles: LinearRoles | None = None
        self.linear_kind: LinearKind | None = None

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
        hints: dict[str, torch.Tensor] | None = None,
    ) -> dict[str, torch.Tensor]:
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        peak = hidden.masked_fill(mask == 0, torch.finfo(hidden.dtype).min).max(1).values
        pooled = self.dropout(torch.cat([hidden[:, 0], mean, peak], dim=-1))
        out = {name: head(pooled) for name, head in self.heads.items()}
        for name, gain in self.gains.items():
            if hints is not None and name in hints:
                out[name] = out[name] + gain * hints[name].to(out[name].dtype)
        return out

    def save(self, out_dir: Path, tokenizer: PreTrainedTokenizerBase, fp16: bool = False) -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        encoder = self.encoder.half() if fp16 else self.encoder
        encoder.save_pretrained(str(out_dir), safe_serialization=True)
        tokenizer.save_pretrained(str(out_dir))
        tensors = {f"heads.{k}": v for k, v in self.heads.state_dict().items()}
        tensors |= {f"gains.{k}": v for k, v in self.gains.state_dict().items()}
        save_file(
            {k: (v.half() if fp16 else v).contiguous().cpu() for k, v in tensors.items()},
            str(out_dir / HEADS_FILE),
        )
        (out_dir / METADATA_FILE).write_text(
            json.dumps(asdict(self.meta), ensure_ascii=False, indent=1), encoding="utf-8"
        )
        if self.linear_roles is not None:
            self.linear_roles.save(out_dir)
        if self.linear_kind is not None:
            self.linear_kind.save(out_dir)
        if fp16:
            self.encoder.float()

    @classmethod
    def load(cls, model_dir: Path, device: torch.device) -> tuple[MultiTaskModel, Any]:
        """Read a model directory written by `save`; returns the model and its tokenizer."""
        meta = HeadsMeta(**json.loads((model_dir / METADATA_FILE).read_text(encoding="utf-8")))
        encoder = AutoModel.from_pretrained(str(model_dir), dtype=torch.float32)
        model = cls(encoder, meta)
        tensors = load_file(str(model_dir / HEADS_FILE))
        model.heads.load_state_dict(
            {k[len("heads."):]: v.float() for k, v in tensors.items() if k.startswith("heads.")}
        )
        model.gains.load_state_dict(
            {k[len("gains."):]: v.float() for k, v in tensors.items() if k.startswith("gains.")}
        )
        if meta.roles_linear and has_linear_roles(model_dir):
            model.linear_roles = LinearRoles.load(model_dir)
        if meta.kind_linear and has_linear_kind(model_dir):
            model.linear_kind = LinearKind.load(model_dir)
        tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
        return model.to(device).eval(), tokenizer


def has_heads(model_dir: Path) -> bool:
    return (model_dir / METADATA_FILE).exists() and (model_dir / HEADS_FILE).exists()
