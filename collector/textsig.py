"""Text signatures for cross-post detection, stored the way PostgreSQL holds them."""

from __future__ import annotations

from classifier import dedup, minhash

_BITS = 64


def fingerprint(text: str) -> str:
    return dedup.fingerprint(text)


def simhash(text: str) -> int:
    """classifier.dedup's 64-bit simhash as a signed BIGINT (XOR distance is unchanged)."""
    value = int(dedup.simhash(text)) & (2**_BITS - 1)
    return value - 2**_BITS if value >= 2 ** (_BITS - 1) else value


def band_keys(text: str) -> tuple[int, ...]:
    """classifier.minhash's band keys, already signed BIGINTs."""
    return minhash.band_keys(text)
