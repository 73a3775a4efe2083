"""How the linear heads live in a model directory: JSON for vocabularies and settings, a
pickle-free .npz for numbers. Shared so that both heads read and refuse files the same way."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from classifier.encoder.sparse_text import vectorizer_from_spec, vectorizer_spec


def save_linear(
    json_path: Path, npz_path: Path, meta: dict[str, Any],
    vectorizers: dict[str, TfidfVectorizer], arrays: dict[str, np.ndarray],
) -> list[Path]:
    """Write `meta` (+ each vectorizer's spec) as JSON, `arrays` (+ each idf) as .npz."""
    meta = {**meta, "vectorizers": {}}
    arrays = dict(arrays)
    for name, vec in vectorizers.items():
        meta["vectorizers"][name], arrays[f"idf_{name}"] = vectorizer_spec(vec)
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(meta, ensure_ascii=False, separators=(",", ":")),
                         encoding="utf-8")
    with npz_path.open("wb") as fh:
        np.savez_compressed(fh, **arrays)  # type: ignore[arg-type]
    return [json_path, npz_path]


def load_linear(
    json_path: Path, npz_path: Path, expected_format: str,
) -> tuple[dict[str, Any], dict[str, np.ndarray], dict[str, TfidfVectorizer]]:
    """The inverse of `save_linear`; a file of another format is refused, never guessed at."""
    meta = json.loads(json_path.read_text(encoding="utf-8"))
    if meta.get("format") != expected_format:
        raise ValueError(f"{json_path}: {meta.get('format')}, expected {expected_format}")
    with np.load(npz_path, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    vectorizers = {name: vectorizer_from_spec(spec, arrays[f"idf_{name}"])
                   for name, spec in meta["vectorizers"].items()}
    return meta, arrays, vectorizers
