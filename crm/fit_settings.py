"""Bench-fit knobs: who counts as a fit, how pushes are bundled, when the bench goes stale."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class FitSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BENCH_FIT_", env_file=".env", extra="ignore")

    # A fit scores at least this (0..1); each user may pick their own in /fits.
    threshold: float = Field(default=0.75, ge=0.3, le=1.0)
    # A developer free within this many days of the request counts as available.
    available_within_days: int = Field(default=14, ge=0, le=365)
    # Cards first seen longer ago than this are history (an import, a replay): never pushed.
    max_card_age_hours: int = Field(default=72, ge=1)
    # More than `burst` fits for one owner within `digest_minutes` become one digest message,
    # and an owner gets at most one digest per `digest_minutes`.
    burst: int = Field(default=3, ge=1)
    digest_minutes: int = Field(default=15, ge=1)
    # A digest waits until its oldest fit is this old, so one burst (a digest post's items
    # arrive over several classify batches) is one message, not a digest and a remainder.
    digest_settle_seconds: int = Field(default=10, ge=0)
    # Bench freshness: availability passed this many days ago, or no update for this many days.
    stale_available_days: int = Field(default=7, ge=1)
    stale_update_days: int = Field(default=30, ge=1)
    freshness_check_minutes: int = Field(default=60, ge=1)
