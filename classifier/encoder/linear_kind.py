"""A linear kind head on sparse text features and rule findings, blended with the encoder's.

Cross-validated over the 1,500 labelled posts (`python -m bench.kind_blend`), the TF-IDF +
logistic regression kind model and the encoder's kind head make different mistakes: averaging
their probabilities scores higher than either alone. The rule columns (grades, format and
employment stated, the stack's role families, a rate, a place) are what separate a digest from
a request: without them the blend gained half as much.

Files: `kind_linear.json` (vocabularies in column order, classes, params) and `kind_linear.npz`
(idf, fp16 coefficients, intercepts), read with `allow_pickle=False`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from classifier.assemble import ParsedFields
from classifier.encoder.lemmas import load_lemmatiser, word_inputs
from classifier.encoder.linear_files import load_linear, save_linear
from classifier.encoder.sparse_text import FastTfidf
from classifier.encoder.word_vectors import load_word_vectors, pooled_block
from classifier.features import Parsed, rule_matrix

KIND_JSON = "kind_linear.json"
KIND_NPZ = "kind_linear.npz"
FORMAT = "radar-kind-linear-1"
WORD_PATTERN = r"(?u)[#\w][\w+#.-]*\w|\w"


@dataclass(frozen=True)
class LinearKindParams:
    max_chars: int = 1500
    title_chars: int = 160
    c: float = 20.0
    # Pooled navec vectors of title and body (classifier/encoder/word_vectors.py); 0 = none.
    navec_weight: float = 0.0
    # Word n-grams over lemmas (classifier/encoder/lemmas.py) rather than word forms.
    lemmas: bool = False


def _vectorizers() -> dict[str, TfidfVectorizer]:
    return {
        "chars": TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2,
                                 max_features=150_000, sublinear_tf=True, lowercase=True,
                                 dtype=np.float32),
        "words": TfidfVectorizer(analyzer="word", ngram_range=(1, 2), min_df=2,
                                 max_features=60_000, sublinear_tf=True, lowercase=True,
                                 token_pattern=WORD_PATTERN, dtype=np.float32),
        "title": TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2,
                                 max_features=40_000, sublinear_tf=True, lowercase=True,
                                 dtype=np.float32),
    }


def _inputs(name: str, texts: Sequence[str], params: LinearKindParams) -> list[str]:
    limit = params.title_chars if name == "title" else params.max_chars
    cut = [t[:limit] for t in texts]
    if name == "words" and params.lemmas:
        return word_inputs(cut, load_lemmatiser())
    return cut


def _extra_blocks(texts: Sequence[str], rules: Sequence[Parsed],
                  params: LinearKindParams) -> list[sparse.csr_matrix]:
    blocks = [rule_matrix(rules)]
    if params.navec_weight:
        blocks.append(pooled_block(texts, params.title_chars, params.max_chars,
                                   params.navec_weight, load_word_vectors()))
    return blocks


def rules_of(hits: Mapping[str, Sequence[Sequence[str]]],
             fields: Sequence[ParsedFields]) -> list[Parsed]:
    """What the rules found, from what serving computes anyway: the Hinter's hits on the clean
    text and the parsers' rate and place on the raw one."""
    return [
        Parsed(stack=tuple(hits["stack"][i]), grades=tuple(hits["grades"][i]),
               format=tuple(hits["format"][i]), employment=tuple(hits["employment"][i]),
               families=frozenset(hits["roles"][i]), has_rate=f.rate is not None,
               has_location=f.location is not None)
        for i, f in enumerate(fields)
    ]


class LinearKind:
    """TF-IDF (chars, words, title chars) + rule columns → one multinomial logistic regression."""

    def __init__(self, classes: Sequence[str], vectorizers: dict[str, TfidfVectorizer],
                 coef: np.ndarray, intercept: np.ndarray, params: LinearKindParams) -> None:
        self.classes = list(classes)
        self.vectorizers = vectorizers
        self.coef = coef
        self.intercept = intercept.astype(np.float32)
        self.params = params
        self._w = np.ascontiguousarray(coef.astype(np.float32).T)
        self._fast = {name: FastTfidf(vec) for name, vec in vectorizers.items()}

    def features(self, texts: Sequence[str], rules: Sequence[Parsed]) -> sparse.csr_matrix:
        """`texts` are clean_text() outputs, `rules` from `rules_of`."""
        blocks = [fast.transform(_inputs(name, texts, self.params))
                  for name, fast in self._fast.items()]
        blocks += _extra_blocks(texts, rules, self.params)
        return sparse.hstack(blocks, format="csr", dtype=np.float32)

    def proba(self, texts: Sequence[str], rules: Sequence[Parsed],
              order: Sequence[str]) -> np.ndarray:
        """(len(texts), len(order)) probabilities, columns in `order` (the encoder's kinds)."""
        if not texts:
            return np.zeros((0, len(order)), dtype=np.float32)
        logits = np.asarray(self.features(texts, rules) @ self._w) + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        out = np.zeros((len(texts), len(order)), dtype=np.float32)
        for j, name in enumerate(order):
            if name in self.classes:
                out[:, j] = p[:, self.classes.index(name)]
        return out

    @classmethod
    def fit(cls, texts: Sequence[str], rules: Sequence[Parsed], kinds: Sequence[str],
            params: LinearKindParams | None = None) -> LinearKind:
        params = params or LinearKindParams()
        vectorizers = _vectorizers()
        blocks = [vec.fit_transform(_inputs(name, texts, params))
                  for name, vec in vectorizers.items()]
        blocks += _extra_blocks(texts, rules, params)
        x = sparse.hstack(blocks, format="csr", dtype=np.float32)
        model = LogisticRegression(C=params.c, max_iter=3000, class_weight="balanced")
        model.fit(x, list(kinds))
        # Stored in fp16: the round trip is what serving uses, so fit returns the same thing.
        return cls([str(c) for c in model.classes_], vectorizers,
                   model.coef_.astype(np.float16), model.intercept_, params)

    def save(self, model_dir: Path) -> list[Path]:
        meta = {"format": FORMAT, "classes": self.classes, "params": self.params.__dict__}
        arrays: dict[str, np.ndarray] = {"coef": self.coef.astype(np.float16),
                                         "intercept": self.intercept.astype(np.float32)}
        return save_linear(model_dir / KIND_JSON, model_dir / KIND_NPZ, meta, self.vectorizers,
                           arrays)

    @classmethod
    def load(cls, model_dir: Path) -> LinearKind:
        meta, arrays, vectorizers = load_linear(
            model_dir / KIND_JSON, model_dir / KIND_NPZ, FORMAT)
        return cls(meta["classes"], vectorizers, arrays["coef"], arrays["intercept"],
                   LinearKindParams(**meta["params"]))


def has_linear_kind(model_dir: Path) -> bool:
    return (model_dir / KIND_JSON).exists() and (model_dir / KIND_NPZ).exists()
