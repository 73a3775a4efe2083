"""The prediction cache: least recently used out, off at size 0, split and unsplit apart."""

from __future__ import annotations

import pytest

from classifier.api import Labels, Prediction
from classifier.prediction_cache import PredictionCache


def _pred(kind: str = "request") -> Prediction:
    return Prediction(Labels(kind=kind), {"kind": 0.9}, "v1")  # type: ignore[arg-type]


def test_returns_what_was_put_and_counts() -> None:
    cache = PredictionCache(2)
    assert cache.get("a", True) is None
    pred = _pred()
    cache.put("a", True, pred)
    assert cache.get("a", True) is pred
    assert (cache.hits, cache.misses) == (1, 1)


def test_evicts_the_least_recently_used() -> None:
    cache = PredictionCache(2)
    cache.put("a", True, _pred())
    cache.put("b", True, _pred())
    cache.get("a", True)  # "b" is now the oldest
    cache.put("c", True, _pred())
    assert cache.get("b", True) is None
    assert cache.get("a", True) is not None and cache.get("c", True) is not None
    assert len(cache) == 2


def test_a_split_digest_and_an_unsplit_one_are_different_entries() -> None:
    cache = PredictionCache(4)
    cache.put("digest", True, _pred("digest"))
    assert cache.get("digest", False) is None


def test_size_zero_keeps_nothing_and_negative_is_refused() -> None:
    cache = PredictionCache(0)
    cache.put("a", True, _pred())
    assert cache.get("a", True) is None and len(cache) == 0
    with pytest.raises(ValueError, match="cache size"):
        PredictionCache(-1)


def test_huge_texts_are_kept_as_digests() -> None:
    cache = PredictionCache(1)
    cache.put("x" * 100_000, True, _pred())
    assert cache.get("x" * 100_000, True) is not None
    assert cache.get("x" * 99_999, True) is None
