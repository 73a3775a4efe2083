"""A client's request history as of a moment → one feature vector.

Per characteristic: its share of the client's requests and a recency-weighted share (half-life
HALF_LIFE_DAYS); then log request count, days since the last request, days of history.
Characteristics no longer in the dictionary are ignored, new ones start at zero.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

HALF_LIFE_DAYS = 21.0
EXTRA = 3


@dataclass(frozen=True)
class Request:
    at: datetime
    characteristics: frozenset[str]


def vector(history: Sequence[Request], now: datetime, index: dict[str, int]) -> np.ndarray:
    size = len(index)
    out = np.zeros(2 * size + EXTRA, dtype=np.float32)
    past = [r for r in history if r.at < now]
    if not past:
        return out
    weights = 0.0
    for request in past:
        age = (now - request.at).total_seconds() / 86400
        weight = 0.5 ** (age / HALF_LIFE_DAYS)
        weights += weight
        for c in request.characteristics:
            i = index.get(c)
            if i is not None:
                out[i] += 1.0
                out[size + i] += weight
    out[:size] /= len(past)
    out[size:2 * size] /= max(weights, 1e-9)
    last, first = max(r.at for r in past), min(r.at for r in past)
    out[2 * size] = math.log1p(len(past))
    out[2 * size + 1] = (now - last).total_seconds() / 86400 / 30
    out[2 * size + 2] = (last - first).total_seconds() / 86400 / 30
    return out


def own_history(history: Sequence[Request], now: datetime, index: dict[str, int]) -> np.ndarray:
    """The "client's own history" score: recency-weighted shares (the second block)."""
    size = len(index)
    return vector(history, now, index)[size:2 * size]
