"""TF-IDF + logistic-regression baseline behind the Classifier protocol, with rules and parsers."""

from __future__ import annotations

import asyncio
import pickle
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from classifier.api import EMPLOYMENTS, FORMATS, GRADES, KINDS, ROLE_FAMILIES, Labels, Prediction
from classifier.assemble import (
    RULE_CONFIDENCE,
    RULE_FIELDS,
    ParsedFields,
    apply_kind_rules,
    as_kind,
    ordered,
    parse_fields,
    rule_confidences,
    unreadable_labels,
)
from classifier.dataset import Example
from classifier.digest import split_digest
from classifier.features import Parsed, TextFeatures, parse_all
from classifier.kind_cues import says_offer
from classifier.labels import Thresholds, is_unreadable, needs_review
from classifier.taxonomy import Taxonomy

VERSION = "baseline-tfidf-lr-1"
MODEL_FILE = "baseline.pkl"
LIST_HEADS: dict[str, tuple[str, ...]] = {
    "roles": ROLE_FAMILIES, "grades": GRADES, "format": FORMATS, "employment": EMPLOYMENTS,
}
DECISION = 0.5


# One binary decision per label; a label never seen positive in training stays constant.
@dataclass
class _Head:

    models: dict[str, LogisticRegression]
    constant: dict[str, float]

    def proba(self, x: sparse.csr_matrix) -> dict[str, np.ndarray]:
        out = {lab: m.predict_proba(x)[:, 1] for lab, m in self.models.items()}
        out |= {lab: np.full(x.shape[0], v) for lab, v in self.constant.items()}
        return out


def _fit_head(x: sparse.csr_matrix, rows: list[tuple[str, ...]], vocab: tuple[str, ...],
              c: float) -> _Head:
    models: dict[str, LogisticRegression] = {}
    constant: dict[str, float] = {}
    for lab in vocab:
        y = np.array([lab in r for r in rows], dtype=int)
        if y.min() == y.max():
            constant[lab] = float(y[0])
            continue
        # Dual liblinear: the same L2 logistic regression, ten times faster with far more
        # features than posts.
        models[lab] = LogisticRegression(
            C=c, solver="liblinear", dual=True, max_iter=1000, class_weight="balanced",
            random_state=0,
        ).fit(x, y)
    return _Head(models, constant)


class BaselineClassifier:
    """Kind/roles/grades/format/employment from a linear model; stack, pay, place from rules."""

    def __init__(self, taxonomy: Taxonomy | None = None,
                 thresholds: Thresholds | None = None) -> None:
        self.taxonomy = taxonomy or Taxonomy.load()
        self.thresholds = thresholds or Thresholds()
        self.features = TextFeatures()
        self.kind_model: LogisticRegression | None = None
        self.heads: dict[str, _Head] = {}
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="baseline")

    @property
    def version(self) -> str:
        return f"{VERSION}+{self.taxonomy.version}"

    def fit(self, examples: Sequence[Example],
            weak_offers: Sequence[str] = ()) -> BaselineClassifier:
        """Train on labelled posts; `weak_offers` are extra texts known only to be offers."""
        texts = [e.text for e in examples] + list(weak_offers)
        kinds = [e.labels.kind for e in examples] + ["offer"] * len(weak_offers)
        parsed = [parse_all(t, self.taxonomy) for t in texts]
        x = self.features.fit_transform(texts, parsed)
        weights = np.array([1.0] * len(examples) + [0.5] * len(weak_offers))
        self.kind_model = LogisticRegression(C=20, max_iter=3000, class_weight="balanced")
        self.kind_model.fit(x, kinds, sample_weight=weights)
        xl = x[: len(examples)]
        self.heads = {
            name: _fit_head(xl, [getattr(e.labels, name) for e in examples], vocab, c=10)
            for name, vocab in LIST_HEADS.items()
        }
        return self

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        """Synchronous prediction (one Prediction per text, in order)."""
        if self.kind_model is None:
            raise RuntimeError("BaselineClassifier is not fitted; call fit() or load()")
        readable = [i for i, t in enumerate(texts) if not is_unreadable(t)]
        out: list[Prediction | None] = [None] * len(texts)
        for i in set(range(len(texts))) - set(readable):
            labels, conf = unreadable_labels()
            out[i] = Prediction(labels, conf, self.version, needs_review=False, unreadable=True)
        if readable:
            batch = [texts[i] for i in readable]
            for i, pred in zip(readable, self._predict_readable(batch), strict=True):
                out[i] = pred
        return [p for p in out if p is not None]

    def _predict_readable(self, texts: list[str], split: bool = True) -> list[Prediction]:
        assert self.kind_model is not None
        parsed = [parse_all(t, self.taxonomy) for t in texts]
        x = self.features.transform(texts, parsed)
        kind_p = self.kind_model.predict_proba(x)
        classes = list(self.kind_model.classes_)
        head_p = {name: head.proba(x) for name, head in self.heads.items()}
        preds = []
        for row, (text, p) in enumerate(zip(texts, parsed, strict=True)):
            k = int(np.argmax(kind_p[row]))
            kind = classes[k] if classes[k] in KINDS else "other"
            cued = kind in ("request", "other") and says_offer(text)
            kind = "offer" if cued else kind
            labels, conf = self._labels(text, p, kind, {
                name: {lab: float(v[row]) for lab, v in probs.items()}
                for name, probs in head_p.items()
            })
            conf["kind"] = RULE_CONFIDENCE if cued else float(kind_p[row][k])
            pred = Prediction(labels, conf, self.version,
                              needs_review=needs_review(conf, self.thresholds))
            if split and labels.kind == "digest":
                pred = self._with_items(pred, text)
            preds.append(pred)
        return preds

    def _with_items(self, pred: Prediction, text: str) -> Prediction:
        # Each opening of a digest is labelled on its own, as a request (ANNOTATION.md ruling 1).
        item_texts = [t for t in split_digest(text) if not is_unreadable(t)]
        if len(item_texts) < 2:
            return pred
        items = tuple(
            replace(p, labels=replace(p.labels, kind="request"))
            if p.labels.kind == "digest" else p
            for p in self._predict_readable(item_texts, split=False)
        )
        return replace(pred, items=items, item_texts=tuple(item_texts))

    def _labels(self, text: str, parsed: Parsed, kind: str,
                probs: dict[str, dict[str, float]]) -> tuple[Labels, dict[str, float]]:
        chosen: dict[str, tuple[str, ...]] = {}
        conf: dict[str, float] = {}
        for name, vocab in LIST_HEADS.items():
            p = probs[name]
            picked = {lab for lab, v in p.items() if v >= DECISION}
            if name == "roles" and not picked and kind != "other":
                picked = {max(p, key=p.__getitem__)}  # every opening has some family
            chosen[name] = ordered(picked, vocab)
            conf[name] = min((max(v, 1 - v) for v in p.values()), default=1.0)
        fields = parse_fields(text) if kind in ("request", "offer") else ParsedFields()
        labels = apply_kind_rules(Labels(
            kind=as_kind(kind), roles=chosen["roles"], stack=parsed.stack,
            grades=chosen["grades"], format=chosen["format"], employment=chosen["employment"],
            rate=fields.rate, location=fields.location,
            duration_months=fields.duration_months, headcount=fields.headcount,
        ))
        calibrated = rule_confidences(labels)
        conf |= {f: calibrated.get(f, RULE_CONFIDENCE) for f in RULE_FIELDS}
        return labels, conf

    async def classify(self, texts: Sequence[str]) -> list[Prediction]:
        """The Classifier protocol: CPU work runs on this model's single worker thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self.predict, list(texts))

    def save(self, directory: Path) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / MODEL_FILE
        # Pickle, unlike the linear heads' npz: the state is fitted sklearn objects (vectorisers
        # and one LogisticRegression per label), rebuilt by hand only at the cost of a second
        # copied transform; the baseline is trained on this machine and never downloaded.
        state = {"version": VERSION, "features": self.features, "kind": self.kind_model,
                 "heads": self.heads}
        with path.open("wb") as fh:
            pickle.dump(state, fh, protocol=pickle.HIGHEST_PROTOCOL)
        return path

    @classmethod
    def load(cls, directory: Path, taxonomy: Taxonomy | None = None) -> BaselineClassifier:
        """Load a model saved by `save`; refuses a file written by another baseline version."""
        with (directory / MODEL_FILE).open("rb") as fh:
            state = pickle.load(fh)
        if state.get("version") != VERSION:
            raise ValueError(f"{directory}: baseline {state.get('version')}, expected {VERSION}")
        model = cls(taxonomy)
        model.features, model.kind_model, model.heads = (
            state["features"], state["kind"], state["heads"])
        return model
