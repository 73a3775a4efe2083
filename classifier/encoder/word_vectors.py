"""Pooled navec word vectors of a post's title and body: dense columns for the linear heads.

navec (250K Russian words × 300 dimensions, trained on news) ships inside the `natasha` wheel,
so it costs the model directory nothing and needs no network. A post's vector is the mean of its
known words' vectors, L2-normalised; the title (first 160 characters) and the body get one each.

navec stores vectors product-quantised (100 sub-vectors of 3 dimensions, one byte each); a batch
rebuilds only the distinct words it holds, once, and pools them with one sparse product, so
serving pays a dict lookup per word rather than a Python-level vector per word.

`load_word_vectors()` never raises: a missing or broken asset is logged and gives None, and the
heads then run with these columns at zero (their version says so, see `assets_label`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy import sparse

log = logging.getLogger(__name__)

NAVEC_FILE = "navec_news_v1_1B_250K_300d_100q.tar"
DIM = 300
# navec's vocabulary is lower-case words (with ё); digits and punctuation carry nothing here.
TOKEN = re.compile(r"[a-zа-яё]+(?:-[a-zа-яё]+)*")


def navec_path() -> Path:
    import natasha  # only to find the file inside its wheel

    return Path(natasha.__file__).resolve().parent / "data" / "emb" / NAVEC_FILE


class WordVectors:
    """Mean-pooled navec vectors of texts: `pooled(texts)` → (len(texts), DIM) float32."""

    def __init__(self, word_ids: dict[str, int], indexes: np.ndarray, codes: np.ndarray) -> None:
        self.word_ids = word_ids
        self.indexes = indexes  # (words, sub-vectors) uint8 centroid ids
        self.codes = codes  # (sub-vectors, centroids, sub-dim) float32
        self._sub = np.arange(codes.shape[0])
        self.dim = int(codes.shape[0] * codes.shape[2])

    @classmethod
    def load(cls, path: Path | None = None) -> WordVectors:
        from navec import Navec

        navec = Navec.load(str(path or navec_path()))
        return cls(navec.vocab.word_ids, navec.pq.indexes, navec.pq.codes)

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        """(len(ids), dim) float32 vectors of vocabulary ids, rebuilt from the codes."""
        return self.codes[self._sub, self.indexes[ids]].reshape(len(ids), self.dim)

    def pooled(self, texts: Sequence[str]) -> np.ndarray:
        get = self.word_ids.get
        rows: list[int] = []
        ids: list[int] = []
        for row, text in enumerate(texts):
            found = [i for i in map(get, TOKEN.findall(text.lower())) if i is not None]
            ids += found
            rows += [row] * len(found)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not ids:
            return out
        unique, column = np.unique(np.asarray(ids, dtype=np.int64), return_inverse=True)
        counts = sparse.csr_matrix(
            (np.ones(len(ids), dtype=np.float32), (np.asarray(rows), column)),
            shape=(len(texts), len(unique)))
        out[:] = counts @ self.vectors(unique)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0.0] = 1.0  # a post with no known word stays at zero
        return out / norms


@lru_cache(maxsize=1)
def load_word_vectors() -> WordVectors | None:
    """The process's one navec (~0.6 s, ~60 MB); None, logged, when it cannot be read."""
    try:
        return WordVectors.load()
    except Exception as exc:  # any failure of a dependency's asset must not stop classifying
        log.warning("navec word vectors unavailable, their columns stay at zero: %r", exc)
        return None


def pooled_block(texts: Sequence[str], title_chars: int, max_chars: int, weight: float,
                 vectors: WordVectors | None) -> sparse.csr_matrix:
    """[title mean; body mean] × weight as sparse columns (2·DIM); zeros without `vectors`."""
    if vectors is None:
        return sparse.csr_matrix((len(texts), 2 * DIM), dtype=np.float32)
    title = vectors.pooled([t[:title_chars] for t in texts])
    body = vectors.pooled([t[:max_chars] for t in texts])
    return sparse.csr_matrix(np.hstack([title, body]) * np.float32(weight))
