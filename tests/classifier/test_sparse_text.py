"""FastTfidf: the same matrix as TfidfVectorizer.transform, with a bounded word cache."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from classifier.api import ROLE_FAMILIES
from classifier.encoder.linear_roles import (
    WORD_PATTERN,
    LinearRoles,
    LinearRolesParams,
    _extra_blocks,
    _hint_matrix,
    _inputs,
)
from classifier.encoder.sparse_text import FastTfidf

CORPUS = [
    "Ищем Python разработчика Middle, удаленно, ЗП от 200 000 ₽",
    "Senior Java developer в банк, офис Москва, вилка 300-400к",
    "Нужен React frontend разработчик Junior, удаленка, 80 000 руб",
    "QA инженер (автотесты), middle, гибрид, C++ и C# приветствуются",
    "DevOps engineer Kubernetes senior remote $5000 🔥🔥",
    "Ищем python developer: a b c, удаленно, #вакансия #remote",
    "ΟΔΟΣ Σ σ ς İstanbul ǅ Ⅻ ß ﬁ",
]
TRICKY = [
    "",
    "   \n\t ",
    "a b c I i",  # words shorter than n
    "ab abc abcd",
    "PYTHON Python python pYtHoN",  # uppercase and repeats
    "python python python python разработчик разработчик",
    "Python-разработчик в Yandex.Cloud, C++/C#, node.js",  # mixed scripts and symbols
    "🔥 Ищем 🔥 разработчика 🚀🚀 remote",
    "zzzzqqq xyzzy плюмбус",  # outside the vocabulary
    "line one\nline two\r\n\ttabbed\u00a0nbsp\u2009thin\x1csep  double  spaces",
    "ΟΔΟΣ ΟΔΟΣ. İSTANBUL ǅungla ẞ",  # lower() that changes length or depends on context
    "#вакансия #remote\n$5000 300-400к",
]


def _vectorizers() -> list[TfidfVectorizer]:
    common: dict[str, Any] = {"sublinear_tf": True, "lowercase": True, "dtype": np.float32}
    return [
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), token_pattern=WORD_PATTERN,
                        **common),
        TfidfVectorizer(analyzer="word", ngram_range=(1, 3), **common),
        TfidfVectorizer(analyzer="word", ngram_range=(2, 2), **common),
        # Tokens with spaces in them: n-grams looked up by string, as sklearn does.
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), token_pattern=r"(?u)\w+ \w+|\w+",
                        **common),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), **common),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), **common),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3), sublinear_tf=False,
                        norm="l1", dtype=np.float64),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 3), use_idf=False, norm=None,
                        binary=True),
    ]


def _assert_same(expected: Any, got: sparse.csr_matrix) -> None:
    expected = sparse.csr_matrix(expected)
    expected.sort_indices()
    assert got.shape == expected.shape
    assert got.dtype == expected.dtype
    assert got.has_sorted_indices
    np.testing.assert_array_equal(got.indptr, expected.indptr)
    np.testing.assert_array_equal(got.indices, expected.indices)
    np.testing.assert_allclose(got.data, expected.data, rtol=0, atol=1e-6)


@pytest.mark.parametrize("vec", _vectorizers(),
                         ids=lambda v: f"{v.analyzer}{v.ngram_range}-{v.norm}")
def test_transform_equals_sklearn(vec: TfidfVectorizer) -> None:
    vec.fit(CORPUS)
    fast = FastTfidf(vec)
    _assert_same(vec.transform(TRICKY), fast.transform(TRICKY))
    _assert_same(vec.transform(CORPUS), fast.transform(CORPUS))
    for text in TRICKY:  # one at a time, as a live stream would, with a warm cache
        _assert_same(vec.transform([text]), fast.transform([text]))
    empty = fast.transform([])  # sklearn refuses an empty batch; serving may send one
    assert empty.shape == (0, len(vec.vocabulary_)) and empty.dtype == vec.dtype


def test_loaded_vocabulary_and_idf_as_linear_roles_loads_them() -> None:
    fitted = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                             dtype=np.float32).fit(CORPUS)
    vocab = sorted(fitted.vocabulary_, key=fitted.vocabulary_.__getitem__)
    loaded = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                             dtype=np.float32, vocabulary={t: i for i, t in enumerate(vocab)})
    loaded.idf_ = fitted.idf_.astype(np.float32).astype(np.float64)
    _assert_same(loaded.transform(TRICKY + CORPUS), FastTfidf(loaded).transform(TRICKY + CORPUS))


def test_word_cache_stays_bounded() -> None:
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5)).fit(CORPUS)
    fast = FastTfidf(vec, max_cached_words=5)
    texts = [f"word{i} other{i} python" for i in range(50)]
    for text in texts:
        fast.transform([text])
        assert len(fast.words) <= 5
    _assert_same(vec.transform(texts), fast.transform(texts))
    assert len(fast.words) <= 5


@pytest.mark.parametrize("options", [
    {"analyzer": "char"}, {"stop_words": ["a"]}, {"strip_accents": "unicode"},
    {"preprocessor": str.upper},
])
def test_refuses_settings_it_does_not_replicate(options: dict[str, Any]) -> None:
    vec = TfidfVectorizer(**options).fit(CORPUS)
    with pytest.raises(ValueError, match="does not support"):
        FastTfidf(vec)


def test_linear_roles_features_equal_the_sklearn_ones() -> None:
    rows = [("backend",), ("backend",), ("frontend",), ("qa",), ("qa",), ("devops",),
            ("backend",)]
    hits = [("backend", "backend"), (), ("frontend", "nonsense"), ("qa",), (), ("devops",), ()]
    params = LinearRolesParams(word_features=300, char_features=600, title_features=200)
    head = LinearRoles.fit(CORPUS, hits, rows, ROLE_FAMILIES, params)
    texts, probe_hits = CORPUS + TRICKY, hits + [("qa", "backend")] * len(TRICKY)
    blocks = [vec.transform(_inputs(name, texts, params))
              for name, vec in head.vectorizers.items()]
    blocks.append(sparse.csr_matrix(_dense_hints(probe_hits, params.hint_weight)))
    blocks += _extra_blocks(texts, ROLE_FAMILIES, params)
    _assert_same(sparse.hstack(blocks, format="csr", dtype=np.float32),
                 head.features(texts, probe_hits))


def _dense_hints(hits: list[tuple[str, ...]], weight: float) -> np.ndarray:
    out = np.zeros((len(hits), len(ROLE_FAMILIES)), dtype=np.float32)
    for row, names in enumerate(hits):
        for name in names:
            if name in ROLE_FAMILIES:
                out[row, ROLE_FAMILIES.index(name)] = weight
    return out


@pytest.mark.parametrize("weight", [1.0, 0.5, 0.0])
def test_hint_matrix_is_the_dense_one(weight: float) -> None:
    hits = [("qa", "backend", "qa"), (), ("nonsense",), ("devops",)]
    got = _hint_matrix(hits, ROLE_FAMILIES, weight)
    _assert_same(sparse.csr_matrix(_dense_hints(hits, weight)), got)
