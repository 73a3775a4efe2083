"""Likely next needs of one client, grouped by category, from the shipped artifact.

A client with fewer than MIN_PAST requests gets the popular needs only. Characteristics the
dictionary no longer has are dropped from the answer at once; ones added since training wait
for the next `radar clients train`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from recommender import artifact
from recommender.dataset import MIN_PAST
from recommender.dictionary import Dictionary
from recommender.features import Request, own_history, vector

SHOWN_PER_CATEGORY = 3
POPULAR_SHOWN = 3


@dataclass(frozen=True)
class Need:
    category: str
    value: str
    probability: float


@dataclass(frozen=True)
class NextNeeds:
    source: str  # the scorer used: network | own_history | … | popular (too little history)
    version: str
    needs: tuple[Need, ...]


@cache
def _loaded(directory: Path) -> tuple[artifact.Artifact | None, Any]:
    found = artifact.load(directory)
    if found is None or found.default != "network":
        return found, None
    from safetensors.torch import load_file

    from recommender.network import NextNeeds as Net

    width = 2 * len(found.characteristics) + 3
    model = Net(width, len(found.characteristics), found.hidden)
    model.load_state_dict(load_file(str(found.weights_path)))
    model.eval()
    return found, model


def recommend(history: Sequence[Request], now: datetime,
              directory: Path = artifact.MODEL_DIR,
              dictionary: Dictionary | None = None) -> NextNeeds:
    shipped, model = _loaded(directory)
    if shipped is None:
        return NextNeeds("none", "", ())
    alive = set((dictionary or Dictionary.load()).ids)
    index = {c: i for i, c in enumerate(shipped.characteristics)}
    past = [r for r in history if r.at < now]
    if len(past) < MIN_PAST:
        order = np.argsort(-shipped.popular, kind="stable")
        top = [shipped.characteristics[i] for i in order if shipped.characteristics[i] in alive]
        popular = tuple(Need(c.split(":", 1)[0], c.split(":", 1)[1],
                             float(shipped.popular[index[c]])) for c in top[:POPULAR_SHOWN])
        return NextNeeds("popular", shipped.version, popular)
    if model is not None:
        from recommender.network import predict

        scores = predict(model, vector(past, now, index)[None, :])[0]
    else:
        scores = own_history(past, now, index)
    picked: dict[str, list[Need]] = {}
    for i in np.argsort(-scores, kind="stable"):
        cid = shipped.characteristics[i]
        category, value = cid.split(":", 1)
        if cid not in alive or scores[i] < shipped.thresholds.get(category, 0.5):
            continue
        group = picked.setdefault(category, [])
        if len(group) < SHOWN_PER_CATEGORY:
            group.append(Need(category, value, float(scores[i])))
    return NextNeeds(shipped.default, shipped.version,
                     tuple(n for group in picked.values() for n in group))
