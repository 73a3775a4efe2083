"""Classifier settings, read from CLASSIFIER_* environment variables by entry points only."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from classifier.prediction_cache import DEFAULT_SIZE

DEFAULT_MODEL_DIR = Path(__file__).with_name("model")


class ClassifierSettings(BaseSettings):
    """`model_path` None means the model shipped in classifier/model/.

    `review_threshold` overrides per-field review thresholds of classifier.labels.Thresholds,
    e.g. CLASSIFIER_REVIEW_THRESHOLD='{"kind": 0.8}'.
    """

    model_config = SettingsConfigDict(
        env_prefix="CLASSIFIER_", env_file=".env", extra="ignore", protected_namespaces=()
    )

    model_path: Path | None = None
    device: str = "auto"
    batch_size: int = 64
    max_length: int = 256
    threads: int = 2
    # Recent predictions kept by exact text, so word-for-word cross-posts are classified once.
    cache_size: int = Field(default=DEFAULT_SIZE, ge=0)
    review_threshold: dict[str, float] = {}

    def resolved_model_path(self) -> Path:
        return self.model_path or DEFAULT_MODEL_DIR
