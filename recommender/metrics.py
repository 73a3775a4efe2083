"""Ranking quality of next-needs scores: precision@k, recall@k, mean average precision."""

from __future__ import annotations

import numpy as np


def _ranked(scores: np.ndarray) -> np.ndarray:
    # Stable: ties keep the dictionary's order, so a baseline is not flattered by luck.
    return np.argsort(-scores, axis=1, kind="stable")


def precision_at(scores: np.ndarray, truth: np.ndarray, k: int) -> float:
    top = _ranked(scores)[:, :k]
    return float(np.mean(np.take_along_axis(truth, top, axis=1).sum(axis=1) / k))


def recall_at(scores: np.ndarray, truth: np.ndarray, k: int) -> float:
    top = _ranked(scores)[:, :k]
    hits = np.take_along_axis(truth, top, axis=1).sum(axis=1)
    return float(np.mean(hits / np.maximum(truth.sum(axis=1), 1)))


def mean_average_precision(scores: np.ndarray, truth: np.ndarray) -> float:
    order = _ranked(scores)
    rel = np.take_along_axis(truth, order, axis=1)
    hits = np.cumsum(rel, axis=1)
    ranks = np.arange(1, truth.shape[1] + 1)
    ap = (rel * hits / ranks).sum(axis=1) / np.maximum(truth.sum(axis=1), 1)
    return float(np.mean(ap))


def report(scores: np.ndarray, truth: np.ndarray) -> dict[str, float]:
    return {"precision_at_3": precision_at(scores, truth, 3),
            "recall_at_5": recall_at(scores, truth, 5),
            "map": mean_average_precision(scores, truth)}
