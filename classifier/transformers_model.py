"""The default Classifier: the in-house encoder's heads + the parsers, on one worker thread."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import warnings
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import torch

from classifier.api import Labels, Prediction
from classifier.assemble import (
    RULE_CONFIDENCE,
    apply_kind_rules,
    parse_fields,
    rule_confidences,
    unreadable_labels,
)
from classifier.digest import split_digest
from classifier.encoder.assets import asset_label, asset_status
from classifier.encoder.decode import decode_row
from classifier.encoder.finetune import encode, probs_from_encoded
from classifier.encoder.hints import HINTED_HEADS, Hinter
from classifier.encoder.linear_kind import rules_of
from classifier.encoder.linear_roles import LinearRoles
from classifier.encoder.multitask import MultiTaskModel, has_heads
from classifier.encoder.runtime import limit_threads, resolve_device
from classifier.kind_cues import says_offer
from classifier.labels import Thresholds, clean_text, is_unreadable, needs_review
from classifier.prediction_cache import DEFAULT_SIZE, PredictionCache
from classifier.settings import DEFAULT_MODEL_DIR, ClassifierSettings

SplitDigest = Callable[[str], Sequence[str]]
log = logging.getLogger(__name__)


class ModelDirError(FileNotFoundError):
    """A model directory without our task heads (e.g. a bare Hugging Face encoder)."""


class TransformersClassifier:
    """Loads once; `classify` runs batches on one dedicated thread, never on the event loop."""

    def __init__(
        self, model: MultiTaskModel, tokenizer: Any, *, device: torch.device,
        batch_size: int = 64, max_length: int | None = None, threads: int = 2,
        thresholds: Thresholds | None = None, linear_roles: LinearRoles | None = None,
        int8: bool = True, cache_size: int = DEFAULT_SIZE,
    ) -> None:
        self.model = model
        self.cache = PredictionCache(cache_size)
        # What classify runs: on a CPU the encoder's Linear layers in dynamic int8 (2-3× faster
        # forward; every dev figure unchanged), `model` itself stays fp32 for saving.
        self.runtime_model = quantized(model) if int8 and device.type == "cpu" else model
        self.tokenizer = tokenizer
        self.device = device
        self.batch_size = batch_size
        # Never longer than the heads were trained on: positions past it were never learnt.
        self.max_length = min(max_length or model.meta.max_length, model.meta.max_length)
        self.thresholds = thresholds or Thresholds()
        self.hinter = Hinter({h: model.meta.vocab(h) for h in HINTED_HEADS})
        self.linear_kind = model.linear_kind if model.meta.kind_linear else None
        self.kind_weight = float(model.meta.kind_linear.get("weight", 0.0))
        self.set_linear_roles(linear_roles or model.linear_roles, model.meta.roles_linear)
        self._split: SplitDigest = split_digest
        self._pad_id = int(tokenizer.pad_token_id or 0)
        self._executor = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="classifier",
            initializer=limit_threads, initargs=(threads,),
        )

    @classmethod
    def load(
        cls, model_dir: Path | None = None, device: str = "auto", batch_size: int = 64,
        max_length: int | None = None, threads: int = 2,
        review_threshold: Mapping[str, float] | None = None, int8: bool = True,
        cache_size: int = DEFAULT_SIZE,
    ) -> TransformersClassifier:
        """Read a model directory (default: the shipped classifier/model/)."""
        path = Path(model_dir or DEFAULT_MODEL_DIR)
        if not has_heads(path):
            raise ModelDirError(
                f"{path} has no task heads; train them on this encoder with "
                f"`radar classifier train --base-model {path} --out NEW_DIR`"
            )
        limit_threads(threads)
        torch_device = resolve_device(device)
        model, tokenizer = MultiTaskModel.load(path, torch_device)
        thresholds = replace(Thresholds(), **dict(review_threshold or {}))
        return cls(model, tokenizer, device=torch_device, batch_size=batch_size,
                   max_length=max_length, threads=threads, thresholds=thresholds, int8=int8,
                   cache_size=cache_size)

    @classmethod
    def from_settings(cls, settings: ClassifierSettings) -> TransformersClassifier:
        return cls.load(
            settings.resolved_model_path(), device=settings.device,
            batch_size=settings.batch_size, max_length=settings.max_length,
            threads=settings.threads, review_threshold=settings.review_threshold,
            cache_size=settings.cache_size,
        )

    def set_linear_roles(self, linear: LinearRoles | None, blend: Mapping[str, float]) -> None:
        """Use `linear` for roles: p = weight·linear + (1 − weight)·encoder, cut at threshold."""
        self.cache.clear()  # what it holds came from the previous roles head
        self.linear_roles = linear if blend else None
        self.roles_weight = float(blend.get("weight", 0.0)) if linear is not None else 0.0
        meta = self.model.meta
        self._decode_meta = meta
        # A refit of either linear head must read as a new model (see `version`).
        weights = b""
        if self.linear_roles is not None:
            weights += self.linear_roles.coef.tobytes() + repr(sorted(blend.items())).encode()
            cut = float(blend.get("threshold", meta.thresholds.get("roles", 0.5)))
            self._decode_meta = replace(meta, thresholds={**meta.thresholds, "roles": cut})
        if self.linear_kind is not None:
            weights += self.linear_kind.coef.tobytes() + repr(self.kind_weight).encode()
        self._linear_digest = hashlib.sha256(weights).hexdigest()[:8] if weights else ""
        # navec / lemmas the heads were trained with, and whether this process could load them.
        status = asset_status(h.params for h in (self.linear_roles, self.linear_kind) if h)
        self._assets = asset_label(status)
        if not all(status.values()):
            log.warning("linear heads run without %s (see the warnings above); version %s",
                        [name for name, ok in status.items() if not ok], self.version)

    @property
    def version(self) -> str:
        # Stored with every classification: a linear head refit must read as a new model.
        if not self._linear_digest:
            return self.model.meta.version
        return f"{self.model.meta.version}+linear-{self._linear_digest}{self._assets}"

    async def classify(self, texts: Sequence[str]) -> list[Prediction]:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self.classify_sync, list(texts))

    def close(self) -> None:
        self._executor.shutdown(wait=True)

    def classify_sync(self, texts: Sequence[str], split: bool = True) -> list[Prediction]:
        """Blocking classification; call through `classify` from async code. A text seen
        recently (a cross-post, or twice in one batch) is classified once."""
        out: list[Prediction | None] = [None] * len(texts)
        todo: dict[str, list[int]] = {}
        for i, text in enumerate(texts):
            known = self.cache.get(text, split)
            if known is not None:
                out[i] = known
            else:
                todo.setdefault(text, []).append(i)
        fresh = self._classify_distinct(list(todo), split) if todo else []
        for text, pred in zip(todo, fresh, strict=True):
            self.cache.put(text, split, pred)
            for i in todo[text]:
                out[i] = pred
        return [p for p in out if p is not None]

    def _classify_distinct(self, texts: Sequence[str], split: bool) -> list[Prediction]:
        out: list[Prediction | None] = [None] * len(texts)
        readable = [i for i, t in enumerate(texts) if not is_unreadable(t)]
        for i in set(range(len(texts))) - set(readable):
            labels, conf = unreadable_labels()
            out[i] = Prediction(labels, conf, self.version, unreadable=True)
        cleaned = [clean_text(texts[i]) for i in readable]
        for i, pred in zip(readable, self._predict(cleaned, [texts[i] for i in readable]),
                           strict=True):
            out[i] = self._with_items(pred, texts[i]) if split else pred
        return [p for p in out if p is not None]

    @torch.inference_mode()
    def _predict(self, cleaned: Sequence[str], raw: Sequence[str]) -> list[Prediction]:
        if not cleaned:
            return []
        enc = encode(cleaned, self.tokenizer, self.hinter, self.max_length)
        probs = probs_from_encoded(
            self.runtime_model, enc, self._pad_id, self.device, self.batch_size)
        parsed_rows = [parse_fields(text) for text in raw]
        if self.linear_kind is not None:
            linear_kind = self.linear_kind.proba(
                cleaned, rules_of(enc.hits, parsed_rows), self.model.meta.vocab("kind"))
            w = self.kind_weight
            probs["kind"] = w * torch.from_numpy(linear_kind) + (1.0 - w) * probs["kind"]
        if self.linear_roles is not None:
            linear = torch.from_numpy(self.linear_roles.proba(cleaned, enc.hits["roles"]))
            w = self.roles_weight
            probs["roles"] = w * linear + (1.0 - w) * probs["roles"]
        preds = []
        for row, (text, parsed) in enumerate(zip(raw, parsed_rows, strict=True)):
            d = decode_row(probs, row, self._decode_meta, enc.hits, says_offer(text))
            labels = apply_kind_rules(Labels(
                kind=d.kind,  # type: ignore[arg-type]
                roles=d.roles, stack=d.stack, grades=d.grades, format=d.format,
                employment=d.employment, rate=parsed.rate, location=parsed.location,
                duration_months=parsed.duration_months, headcount=parsed.headcount,
            ))
            conf = ({f.name: RULE_CONFIDENCE for f in fields(Labels)} | d.confidences
                    | rule_confidences(labels))
            preds.append(Prediction(labels, conf, self.version,
                                    needs_review=needs_review(conf, self.thresholds)))
        return preds

    def _with_items(self, pred: Prediction, text: str) -> Prediction:
        if pred.labels.kind != "digest":
            return pred
        parts = [p for p in self._split(text) if p.strip()]
        if len(parts) < 2:
            return pred
        items = self.classify_sync(parts, split=False)
        return replace(pred, items=tuple(items), item_texts=tuple(parts))


def quantized(model: MultiTaskModel) -> MultiTaskModel:
    """A copy of `model` whose encoder Linear layers run in dynamic int8 (CPU); the heads are
    shared. Falls back to `model` where this torch build has no quantized engine."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # torch.ao's deprecation notice, once per load
            encoder = torch.ao.quantization.quantize_dynamic(
                model.encoder, {torch.nn.Linear}, dtype=torch.qint8)
    except (RuntimeError, AssertionError):
        return model
    fast = MultiTaskModel(encoder, model.meta)
    fast.heads, fast.gains, fast.linear_roles = model.heads, model.gains, model.linear_roles
    fast.linear_kind = model.linear_kind
    return fast.eval()
