"""MinHash band keys: an index-friendly signature for finding near copies among many cards.

Two texts share a band key when the minimum hashes of one band (ROWS of them) all agree, which
happens with probability J**ROWS for word 3-shingle Jaccard J. With BANDS bands a repost at
J 0.75 shares at least one key 99.99% of the time, two unrelated openings at J 0.1 about 2%.
A key is a candidate, not a verdict: `dedup.similar` decides on the texts.
"""

from __future__ import annotations

import hashlib

import numpy as np

from classifier.dedup import shingles, words

BANDS = 20
ROWS = 3
_SEED = 7
_rng = np.random.default_rng(_SEED)
# Multiply-shift hashing over one 64-bit shingle hash: odd multipliers, wrapping uint64.
_MUL = _rng.integers(1, 2**62, BANDS * ROWS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
_ADD = _rng.integers(0, 2**62, BANDS * ROWS, dtype=np.uint64)
_SHIFT = np.uint64(32)


def _h64(item: str) -> int:
    return int.from_bytes(hashlib.blake2b(item.encode("utf-8"), digest_size=8).digest(), "big")


def _signed(value: int) -> int:
    """An unsigned 64-bit value as PostgreSQL's BIGINT holds it."""
    return value - 2**64 if value >= 2**63 else value


def band_keys(text: str) -> tuple[int, ...]:
    """BANDS signed 64-bit keys (each names its band too); () for a text without words."""
    items = shingles(words(text))
    if not items:
        return ()
    base = np.fromiter((_h64(s) for s in items), dtype=np.uint64, count=len(items))
    with np.errstate(over="ignore"):
        mins = ((base[:, None] * _MUL[None, :] + _ADD[None, :]) >> _SHIFT).min(axis=0)
    rows = mins.reshape(BANDS, ROWS)
    return tuple(
        _signed(_h64(f"{band}:" + ",".join(str(int(v)) for v in rows[band])))
        for band in range(BANDS)
    )
