"""Serving-time TF-IDF transform equal to a fitted scikit-learn `TfidfVectorizer.transform`.

sklearn counts n-grams in a Python loop over every n-gram of every post (~4,500 char n-grams for
1,500 chars), which made the roles head the slowest Python stage of serving. The char n-grams of
`char_wb` depend on one word alone, so each distinct word is analysed once and kept as the int32
vocabulary columns of its n-grams; a post is then a join of cached byte strings, and counting,
tf-idf and the row norms are numpy over the whole batch.

The arithmetic follows sklearn step by step in the same dtypes (counts → dtype, log in dtype,
× idf_ in idf_'s dtype, squares in dtype summed in float64), so the matrix is the same to the
bit on the shipped model's data; fitting stays with sklearn.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from itertools import chain, islice, repeat
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

ANALYZERS = ("word", "char_wb")
NORMS = ("l1", "l2", None)
COLUMN = np.dtype(np.int32)  # how cached columns are stored (bytes of int32)


class _WordColumns(dict[str, bytes]):
    """Word → int32 vocabulary columns of its n-grams (with repeats) as bytes, filled on a miss.

    Bytes rather than arrays: `b"".join` of a post's words is about twice as fast as
    `np.concatenate` of small arrays, and a bytes object is a third the size of an ndarray.
    A dict subclass with `__missing__` keeps hits on the C path of `dict.__getitem__`. Cleared
    when full rather than evicted one by one: an endless stream of posts keeps bringing new words
    (numbers, names), and refilling the common ones costs a few posts' worth of misses.
    """

    def __init__(self, analyse: Callable[[str], bytes], max_words: int) -> None:
        super().__init__()
        self._analyse = analyse
        self.max_words = max_words

    def __missing__(self, word: str) -> bytes:
        if len(self) >= self.max_words:
            self.clear()
        columns = self[word] = self._analyse(word)
        return columns


def _check_supported(vec: TfidfVectorizer) -> None:
    # Anything else changes the analysis; better to refuse than to differ silently.
    unsupported = {
        "analyzer": vec.analyzer not in ANALYZERS, "input": vec.input != "content",
        "preprocessor": vec.preprocessor is not None, "tokenizer": vec.tokenizer is not None,
        "stop_words": vec.stop_words is not None, "strip_accents": vec.strip_accents is not None,
        "norm": vec.norm not in NORMS,
    }
    bad = [name for name, is_bad in unsupported.items() if is_bad]
    if bad:
        raise ValueError(f"FastTfidf does not support these TfidfVectorizer settings: {bad}")
    if not hasattr(vec, "vocabulary_"):
        raise ValueError("FastTfidf needs a fitted (or vocabulary-loaded) TfidfVectorizer")


def _columns(ids: Iterator[int]) -> np.ndarray:
    """Vocabulary columns from lookups that give -1 for a term outside the vocabulary."""
    out = np.fromiter(ids, dtype=COLUMN)
    return out[out >= 0]


class FastTfidf:
    """`transform(texts)` of a fitted `TfidfVectorizer` (analyzer "word" or "char_wb").

    A cached word costs ~210 bytes (measured on the shipped char vocabulary), so the default bound
    is ~21 MB per char_wb vectorizer; the 9,300 posts of shared/data hold ~93,000 distinct words.
    """

    def __init__(self, vec: TfidfVectorizer, max_cached_words: int = 100_000) -> None:
        _check_supported(vec)
        self.analyzer: str = vec.analyzer
        self.ngram_range: tuple[int, int] = (int(vec.ngram_range[0]), int(vec.ngram_range[1]))
        self.lowercase = bool(vec.lowercase)
        self.binary = bool(vec.binary)
        self.sublinear_tf = bool(vec.sublinear_tf)
        self.norm: str | None = vec.norm
        self.dtype = np.dtype(vec.dtype)
        self.vocabulary: dict[str, int] = dict(vec.vocabulary_)
        self.n_features = len(self.vocabulary)
        # Kept in its own dtype: `X.data *= idf_[indices]` rounds through it.
        self.idf: np.ndarray | None = np.asarray(vec.idf_) if vec.use_idf else None
        self._findall = re.compile(vec.token_pattern).findall if vec.token_pattern else None
        # Word n-grams by token tuple: zip() makes the tuples in C, where " ".join would build
        # and hash a new string per n-gram. Exact while no token holds a space (checked per post).
        self._ngram_ids = {tuple(term.split(" ")): i
                           for term, i in self.vocabulary.items() if " " in term}
        self.words = _WordColumns(self._char_wb_columns, max_cached_words)

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """(len(texts), n_features) csr_matrix of `dtype`, sorted indices, as sklearn's."""
        doc_columns = self._word_doc if self.analyzer == "word" else self._char_wb_doc
        per_doc = [doc_columns(t) for t in texts]
        n_docs = len(per_doc)
        lengths = np.fromiter(map(len, per_doc), dtype=np.int64, count=n_docs) // COLUMN.itemsize
        flat = np.frombuffer(b"".join(per_doc), dtype=COLUMN)
        # One sort of (row, column) keys gives the counts in CSR order for the whole batch.
        keys = np.repeat(np.arange(n_docs, dtype=np.int64), lengths) * self.n_features + flat
        unique, counts = np.unique(keys, return_counts=True)
        rows = unique // self.n_features
        indices = (unique - rows * self.n_features).astype(np.int32)
        indptr = np.zeros(n_docs + 1, dtype=np.int32)
        np.cumsum(np.bincount(rows, minlength=n_docs), out=indptr[1:])
        data = self._weights(counts, rows, indices, n_docs)
        out = sparse.csr_matrix((data, indices, indptr), shape=(n_docs, self.n_features))
        out.has_sorted_indices = True
        return out

    def _weights(self, counts: np.ndarray, rows: np.ndarray, indices: np.ndarray,
                 n_docs: int) -> np.ndarray:
        # The order and dtypes of TfidfTransformer.transform and sklearn's row normalisers.
        data = np.ones(len(counts), self.dtype) if self.binary else counts.astype(self.dtype)
        if self.sublinear_tf:
            np.log(data, out=data)
            data += 1.0
        if self.idf is not None:
            data *= self.idf[indices]
        if self.norm is not None:
            # Squares in the data dtype, sums in float64: what the Cython normaliser does.
            mass = np.abs(data) if self.norm == "l1" else np.square(data)
            sums = np.bincount(rows, weights=mass, minlength=n_docs)
            if self.norm == "l2":
                sums = np.sqrt(sums)
            sums[sums == 0.0] = 1.0  # empty rows stay empty
            data /= sums[rows]
        return data

    def _word_doc(self, text: str) -> bytes:
        assert self._findall is not None
        tokens: list[str] = self._findall(text.lower() if self.lowercase else text)
        if " " in "".join(tokens):  # a custom token_pattern: n-grams by string, as sklearn
            grams = map(self.vocabulary.get, self._word_ngrams(tokens), repeat(-1))
            return _columns(grams).tobytes()
        # The n-gram order of sklearn's _word_ngrams; only the counts matter anyway.
        min_n, max_n = self.ngram_range
        parts: list[Iterator[int]] = []
        if min_n == 1 or max_n == 1:
            parts.append(map(self.vocabulary.get, tokens, repeat(-1)))
        for n in range(max(min_n, 2), min(max_n + 1, len(tokens) + 1)):
            # The k-th shifted copy is k shorter; zip stops at the last whole n-gram.
            shifted = [islice(tokens, k, None) for k in range(n)]
            parts.append(map(self._ngram_ids.get, zip(*shifted, strict=False), repeat(-1)))
        return _columns(chain.from_iterable(parts)).tobytes()

    def _word_ngrams(self, tokens: list[str]) -> list[str]:
        # sklearn's _VectorizerMixin._word_ngrams without stop words.
        min_n, max_n = self.ngram_range
        if max_n == 1:
            return tokens
        out = list(tokens) if min_n == 1 else []
        for n in range(max(min_n, 2), min(max_n + 1, len(tokens) + 1)):
            out += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
        return out

    def _char_wb_doc(self, text: str) -> bytes:
        # sklearn collapses whitespace runs before str.split(), which changes nothing here:
        # split() with no argument already splits on runs of the same (unicode) whitespace.
        words = (text.lower() if self.lowercase else text).split()
        return b"".join(map(self.words.__getitem__, words))

    def _char_wb_columns(self, word: str) -> bytes:
        # sklearn's _VectorizerMixin._char_wb_ngrams for one word, quirk included: a padded word
        # no longer than n is one n-gram and ends the loop over n.
        padded = f" {word} "
        size = len(padded)
        min_n, max_n = self.ngram_range
        grams = []
        for n in range(min_n, max_n + 1):
            if size <= n:
                grams.append(padded)
                break
            grams += [padded[i : i + n] for i in range(size - n + 1)]
        return _columns(map(self.vocabulary.get, grams, repeat(-1))).tobytes()


def vectorizer_spec(vec: TfidfVectorizer) -> tuple[dict[str, Any], np.ndarray]:
    """A fitted vectorizer as plain JSON (vocabulary in column order) and its float32 idf."""
    vocab = sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__)
    spec = {"analyzer": vec.analyzer, "ngram_range": list(vec.ngram_range),
            "token_pattern": vec.token_pattern if vec.analyzer == "word" else None,
            "vocabulary": vocab}
    return spec, vec.idf_.astype(np.float32)


def vectorizer_from_spec(spec: dict[str, Any], idf: np.ndarray) -> TfidfVectorizer:
    """The inverse of `vectorizer_spec`: ready for `transform` (and for FastTfidf)."""
    vec = TfidfVectorizer(
        analyzer=spec["analyzer"], ngram_range=tuple(spec["ngram_range"]),
        sublinear_tf=True, lowercase=True, dtype=np.float32,
        vocabulary={term: i for i, term in enumerate(spec["vocabulary"])},
        **({"token_pattern": spec["token_pattern"]} if spec["token_pattern"] else {}),
    )
    vec.idf_ = idf.astype(np.float64)
    return vec
