"""A compact linear roles head on sparse text features, shipped inside the model directory.

The encoder's roles head reads 128 tokens of a small domain BERT; a TF-IDF + logistic regression
reads the whole head of the post (word and char n-grams) and is the stronger roles model on dev.
This keeps it small and pickle-free: a bounded vocabulary with its idf in `roles_linear.json`,
the coefficient matrix (fp16) and intercepts in `roles_linear.npz`. The taxonomy families of the
stack found in the post (the roles hint of Hinter) and the role words of the title and of the body
(classifier/role_words.py) are extra 0/1 columns.

Serving blends its probabilities with the encoder head's: p = w·linear + (1 − w)·encoder, then
the roles threshold; `w` and the threshold are chosen on the dev split and kept in radar.json
(`roles_linear`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from classifier.encoder.lemmas import load_lemmatiser, word_inputs
from classifier.encoder.linear_files import load_linear, save_linear
from classifier.encoder.sparse_text import FastTfidf
from classifier.encoder.word_vectors import load_word_vectors, pooled_block
from classifier.role_words import body_families, title_families

LINEAR_JSON = "roles_linear.json"
LINEAR_NPZ = "roles_linear.npz"
FORMAT = "radar-roles-linear-1"
TITLE_CHARS = 160  # the opening line names the role
WORD_PATTERN = r"(?u)[#\w][\w+#.-]*\w|\w"


@dataclass(frozen=True)
class LinearRolesParams:
    word_features: int = 12_000
    char_features: int = 20_000
    title_features: int = 6_000
    c: float = 10.0
    hint_weight: float = 1.0
    # The head of a post says what it is; the tail is perks and contacts.
    max_chars: int = 1500
    char_ngrams: tuple[int, int] = (3, 5)
    # Role words of the title and of the body (0 = no such columns, as in directories saved
    # before they existed).
    title_words_weight: float = 1.0
    body_words_weight: float = 0.5
    # Pooled navec vectors of title and body (classifier/encoder/word_vectors.py); 0 = none.
    navec_weight: float = 0.0
    # Word n-grams over lemmas (classifier/encoder/lemmas.py) rather than word forms.
    lemmas: bool = False


def _vectorizers(params: LinearRolesParams) -> dict[str, TfidfVectorizer]:
    return {
        "words": TfidfVectorizer(
            analyzer="word", ngram_range=(1, 2), min_df=2, max_features=params.word_features,
            sublinear_tf=True, lowercase=True, token_pattern=WORD_PATTERN, dtype=np.float32,
        ),
        "chars": TfidfVectorizer(
            analyzer="char_wb", ngram_range=params.char_ngrams, min_df=2,
            max_features=params.char_features,
            sublinear_tf=True, lowercase=True, dtype=np.float32,
        ),
        "title": TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), min_df=2, max_features=params.title_features,
            sublinear_tf=True, lowercase=True, dtype=np.float32,
        ),
    }


def _inputs(name: str, texts: Sequence[str], params: LinearRolesParams) -> list[str]:
    limit = TITLE_CHARS if name == "title" else params.max_chars
    cut = [t[:limit] for t in texts]
    if name == "words" and params.lemmas:
        return word_inputs(cut, load_lemmatiser())
    return cut


def _hint_matrix(hits: Sequence[Sequence[str]], roles: Sequence[str],
                 weight: float) -> sparse.csr_matrix:
    # Built as CSR arrays: through a dense matrix this cost more than the TF-IDF of a short batch.
    index = {name: i for i, name in enumerate(roles)}
    rows = [sorted({index[n] for n in names if n in index}) if weight else [] for names in hits]
    indptr = np.zeros(len(rows) + 1, dtype=np.int32)
    np.cumsum([len(r) for r in rows], out=indptr[1:])
    indices = np.array([i for r in rows for i in r], dtype=np.int32)
    data = np.full(len(indices), weight, dtype=np.float32)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(hits), len(roles)))


def _extra_blocks(texts: Sequence[str], roles: Sequence[str],
                  params: LinearRolesParams) -> list[sparse.csr_matrix]:
    """The column groups after the TF-IDF ones and the stack hints, in column order."""
    blocks = []
    if params.title_words_weight:
        blocks.append(_hint_matrix([title_families(t) for t in texts], roles,
                                   params.title_words_weight))
    if params.body_words_weight:
        blocks.append(_hint_matrix([body_families(t) for t in texts], roles,
                                   params.body_words_weight))
    if params.navec_weight:
        blocks.append(pooled_block(texts, TITLE_CHARS, params.max_chars, params.navec_weight,
                                   load_word_vectors()))
    return blocks


class LinearRoles:
    """TF-IDF (words, chars, title chars) + role-family hints → a logistic regression per role."""

    def __init__(self, roles: Sequence[str], vectorizers: dict[str, TfidfVectorizer],
                 coef: np.ndarray, intercept: np.ndarray, params: LinearRolesParams) -> None:
        self.roles = list(roles)
        self.vectorizers = vectorizers
        self.coef = coef  # (n_roles, n_features), any float dtype; used as float32
        self.intercept = intercept
        self.params = params
        self._w = np.ascontiguousarray(coef.astype(np.float32).T)
        # sklearn's transform counts n-grams in a Python loop; serving uses the same matrix
        # built from cached per-word columns (classifier/encoder/sparse_text.py).
        self._fast = {name: FastTfidf(vec) for name, vec in vectorizers.items()}

    def features(self, texts: Sequence[str], hits: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        """`texts` are clean_text() outputs, `hits` the roles hints (Hinter.hits()["roles"])."""
        blocks = [fast.transform(_inputs(name, texts, self.params))
                  for name, fast in self._fast.items()]
        blocks.append(_hint_matrix(hits, self.roles, self.params.hint_weight))
        blocks += _extra_blocks(texts, self.roles, self.params)
        return sparse.hstack(blocks, format="csr", dtype=np.float32)

    def proba(self, texts: Sequence[str], hits: Sequence[Sequence[str]]) -> np.ndarray:
        """(len(texts), len(roles)) probabilities, float32."""
        if not texts:
            return np.zeros((0, len(self.roles)), dtype=np.float32)
        logits = np.asarray(self.features(texts, hits) @ self._w) + self.intercept
        return (1.0 / (1.0 + np.exp(-logits))).astype(np.float32)

    @classmethod
    def fit(cls, texts: Sequence[str], hits: Sequence[Sequence[str]],
            rows: Sequence[Sequence[str]], roles: Sequence[str],
            params: LinearRolesParams | None = None) -> LinearRoles:
        params = params or LinearRolesParams()
        vectorizers = _vectorizers(params)
        blocks = [vec.fit_transform(_inputs(name, texts, params))
                  for name, vec in vectorizers.items()]
        blocks.append(_hint_matrix(hits, roles, params.hint_weight))
        blocks += _extra_blocks(texts, roles, params)
        x = sparse.hstack(blocks, format="csr", dtype=np.float32)
        coef = np.zeros((len(roles), x.shape[1]), dtype=np.float32)
        intercept = np.full(len(roles), -20.0, dtype=np.float32)  # never seen: never said
        for i, role in enumerate(roles):
            y = np.array([role in r for r in rows], dtype=int)
            if y.min() == y.max():
                intercept[i] = 20.0 if y[0] else -20.0
                continue
            # Dual liblinear: L2 logistic regression, fast with far more features than posts.
            model = LogisticRegression(
                C=params.c, solver="liblinear", dual=True, max_iter=2000,
                class_weight="balanced", random_state=0,
            ).fit(x, y)
            coef[i] = model.coef_[0]
            intercept[i] = model.intercept_[0]
        # Stored in fp16: the round trip is what serving uses, so fit returns the same thing.
        return cls(roles, vectorizers, coef.astype(np.float16), intercept, params)

    def save(self, model_dir: Path) -> list[Path]:
        meta = {"format": FORMAT, "roles": self.roles, "params": self.params.__dict__}
        arrays: dict[str, np.ndarray] = {"coef": self.coef.astype(np.float16),
                                         "intercept": self.intercept.astype(np.float32)}
        return save_linear(model_dir / LINEAR_JSON, model_dir / LINEAR_NPZ, meta, self.vectorizers,
                           arrays)

    @classmethod
    def load(cls, model_dir: Path) -> LinearRoles:
        meta, arrays, vectorizers = load_linear(
            model_dir / LINEAR_JSON, model_dir / LINEAR_NPZ, FORMAT)
        params = {"title_words_weight": 0.0, "body_words_weight": 0.0, **meta["params"]}
        if "char_ngrams" in params:
            params["char_ngrams"] = tuple(params["char_ngrams"])
        return cls(meta["roles"], vectorizers, arrays["coef"], arrays["intercept"],
                   LinearRolesParams(**params))


def has_linear_roles(model_dir: Path) -> bool:
    return (model_dir / LINEAR_JSON).exists() and (model_dir / LINEAR_NPZ).exists()


BLEND_WEIGHTS = (0.5, 0.7, 0.85, 1.0)
BLEND_THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)


def choose_blend(
    linear: Any, encoder: Any, score: Any,
) -> tuple[dict[str, float], list[list[float]]]:
    """The (weight, threshold) of the grid with the best `score(probs, threshold)` (dev roles
    micro-F1); ties go to the larger weight, then the higher threshold. Returns it and the grid."""
    grid: list[list[float]] = []
    for w in BLEND_WEIGHTS:
        for t in BLEND_THRESHOLDS:
            grid.append([w, t, round(float(score(w * linear + (1 - w) * encoder, t)), 4)])
    w, t, _ = max(grid, key=lambda g: (g[2], g[0], g[1]))
    return {"weight": w, "threshold": t}, grid
