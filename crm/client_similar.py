"""Clients like this one also needed: the characteristics a client's nearest neighbours asked
for that it never did (cosine over request shares), computed with the nightly recompute."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

NEIGHBOURS = 10
SHOWN = 3
CHUNK = 1000
MIN_SIMILARITY = 0.2


def also_needed(
    counts: Sequence[tuple[int, str, int]], known: set[str]
) -> dict[int, list[tuple[str, float]]]:
    """client → up to SHOWN (characteristic, score) its neighbours asked and it did not."""
    clients = sorted({c for c, _, _ in counts})
    names = sorted({n for _, n, _ in counts if n in known})
    if len(clients) < 2 or not names:
        return {}
    row, col = {c: i for i, c in enumerate(clients)}, {n: i for i, n in enumerate(names)}
    matrix = np.zeros((len(clients), len(names)), dtype=np.float32)
    for client, name, n in counts:
        if name in col:
            matrix[row[client], col[name]] = n
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    unit = matrix / np.maximum(norms, 1e-9)
    found: dict[int, list[tuple[str, float]]] = {}
    for start in range(0, len(clients), CHUNK):
        sims = unit[start:start + CHUNK] @ unit.T
        for offset in range(sims.shape[0]):
            sims[offset, start + offset] = 0.0  # not its own neighbour
        k = min(NEIGHBOURS, len(clients) - 1)
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        for offset, neighbours in enumerate(top):
            weights = sims[offset, neighbours]
            keep = weights >= MIN_SIMILARITY
            if not keep.any():
                continue
            mine = start + offset
            votes = (weights[keep, None] * (unit[neighbours[keep]] > 0)).sum(axis=0)
            votes /= weights[keep].sum()
            votes[matrix[mine] > 0] = 0.0
            best = np.argsort(-votes, kind="stable")[:SHOWN]
            picks = [(names[i], round(float(votes[i]), 3)) for i in best if votes[i] > 0]
            if picks:
                found[clients[mine]] = picks
    return found
