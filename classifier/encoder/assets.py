"""Which of the dependencies' assets (navec vectors, pymorphy3 lemmas) the linear heads use.

Both are loaded once per process and may fail (a broken wheel, a missing dictionary): the heads
then run without them, at lower quality, and the classifier's version must say so, since its
labels are no longer those of the model as trained.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from classifier.encoder.lemmas import load_lemmatiser
from classifier.encoder.word_vectors import load_word_vectors


def wanted_assets(params: Iterable[Any]) -> list[str]:
    """The assets any of the heads' params ask for, in a fixed order."""
    params = list(params)
    wanted = []
    if any(getattr(p, "navec_weight", 0.0) for p in params):
        wanted.append("navec")
    if any(getattr(p, "lemmas", False) for p in params):
        wanted.append("lemmas")
    return wanted


def asset_status(params: Iterable[Any]) -> dict[str, bool]:
    """Asset → loaded, for each asset the heads ask for (loading it now if need be)."""
    loaders = {"navec": load_word_vectors, "lemmas": load_lemmatiser}
    return {name: loaders[name]() is not None for name in wanted_assets(params)}


def asset_label(status: dict[str, bool]) -> str:
    """The version suffix: "+navec+lemmas" when both load, "+navec-off+lemmas" without navec."""
    return "".join(f"+{name}" if ok else f"+{name}-off" for name, ok in status.items())
