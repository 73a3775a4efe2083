"""The shipped recommender: network weights (safetensors) + a JSON of what serving needs and
the evaluation that chose the default. Versioned by a digest of both, like the classifier's."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

MODEL_DIR = Path(__file__).with_name("model")
WEIGHTS, META = "next_needs.safetensors", "next_needs.json"
FORMAT = 1


@dataclass(frozen=True)
class Artifact:
    version: str
    default: str  # network | own_history | most_popular | logistic_regression
    characteristics: tuple[str, ...]
    thresholds: dict[str, float]
    popular: np.ndarray
    hidden: tuple[int, ...]
    meta: dict[str, Any]
    weights_path: Path


def save(directory: Path, state: dict[str, Any], meta: dict[str, Any]) -> str:
    from safetensors.torch import save_file

    directory.mkdir(parents=True, exist_ok=True)
    weights = directory / WEIGHTS
    save_file({k: v.contiguous() for k, v in state.items()}, str(weights))
    digest = hashlib.sha256(weights.read_bytes())
    body = {**meta, "format": FORMAT}
    digest.update(json.dumps(body, sort_keys=True).encode())
    version = "nn-" + digest.hexdigest()[:12]
    (directory / META).write_text(json.dumps({**body, "version": version}, indent=1,
                                             ensure_ascii=False) + "\n", encoding="utf-8")
    return version


def load(directory: Path = MODEL_DIR) -> Artifact | None:
    """None when no model was trained yet (the card then offers the popular needs)."""
    path = directory / META
    if not path.exists():
        return None
    meta = json.loads(path.read_text(encoding="utf-8"))
    if meta.get("format") != FORMAT:
        raise ValueError(f"{path}: format {meta.get('format')}, this code reads {FORMAT}")
    return Artifact(
        version=meta["version"], default=meta["default"],
        characteristics=tuple(meta["characteristics"]), thresholds=dict(meta["thresholds"]),
        popular=np.asarray(meta["popular"], dtype=np.float32), hidden=tuple(meta["hidden"]),
        meta=meta, weights_path=directory / WEIGHTS,
    )
