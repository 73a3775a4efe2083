"""Examples on a time split: features from everything before a cutoff, targets = the union of
the characteristics of the client's requests in the window after it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from recommender.features import Request, own_history, vector

MIN_PAST = 2  # one request is no history: such a client gets the popular needs


@dataclass(frozen=True)
class Examples:
    x: np.ndarray
    y: np.ndarray
    own: np.ndarray  # the own-history baseline's scores
    clients: tuple[int, ...]


def histories(events: Iterable[tuple[int, Request]]) -> dict[int, list[Request]]:
    by_client: dict[int, list[Request]] = defaultdict(list)
    for client, request in events:
        by_client[client].append(request)
    return by_client


def examples(
    by_client: dict[int, list[Request]], cutoff: datetime, until: datetime,
    index: dict[str, int],
) -> Examples:
    xs, ys, owns, ids = [], [], [], []
    for client, history in by_client.items():
        past = [r for r in history if r.at < cutoff]
        future = [r for r in history if cutoff <= r.at < until]
        if len(past) < MIN_PAST or not future:
            continue
        target = np.zeros(len(index), dtype=np.float32)
        for request in future:
            for c in request.characteristics:
                if c in index:
                    target[index[c]] = 1.0
        if not target.any():
            continue
        xs.append(vector(past, cutoff, index))
        owns.append(own_history(past, cutoff, index))
        ys.append(target)
        ids.append(client)
    width = 2 * len(index) + 3
    if not xs:
        empty = np.zeros((0, len(index)), dtype=np.float32)
        return Examples(np.zeros((0, width), dtype=np.float32), empty, empty, ())
    return Examples(np.stack(xs), np.stack(ys), np.stack(owns), tuple(ids))


def stack(parts: Sequence[Examples]) -> Examples:
    kept = [p for p in parts if len(p.clients)]
    return Examples(np.concatenate([p.x for p in kept]), np.concatenate([p.y for p in kept]),
                    np.concatenate([p.own for p in kept]),
                    tuple(c for p in kept for c in p.clients))


def popularity(by_client: dict[int, list[Request]], cutoff: datetime,
               index: dict[str, int]) -> np.ndarray:
    """How often each characteristic was asked before the cutoff: "most popular overall"."""
    counts = np.zeros(len(index), dtype=np.float32)
    for history in by_client.values():
        for request in history:
            if request.at < cutoff:
                for c in request.characteristics:
                    if c in index:
                        counts[index[c]] += 1
    return counts / max(float(counts.sum()), 1.0)


def next_request_examples(by_client: dict[int, list[Request]], until: datetime,
                          index: dict[str, int]) -> Examples:
    """One example per request before `until` that has MIN_PAST requests before it: features
    from those, target = that request's characteristics (many more examples than cutoffs)."""
    xs, ys, owns, ids = [], [], [], []
    for client, history in by_client.items():
        ordered = sorted((r for r in history if r.at < until), key=lambda r: r.at)
        for i in range(MIN_PAST, len(ordered)):
            target = np.zeros(len(index), dtype=np.float32)
            for c in ordered[i].characteristics:
                if c in index:
                    target[index[c]] = 1.0
            if not target.any():
                continue
            now = ordered[i].at
            xs.append(vector(ordered[:i], now, index))
            owns.append(own_history(ordered[:i], now, index))
            ys.append(target)
            ids.append(client)
    if not xs:
        return examples({}, until, until, index)
    return Examples(np.stack(xs), np.stack(ys), np.stack(owns), tuple(ids))
