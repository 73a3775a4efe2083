"""Collector settings, read by entry points only (radar CLI, collector.app)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from collector.pacing import FLOOD_SLEEP_THRESHOLD


class TelethonSettings(BaseSettings):
    """TELEGRAM_API_ID / TELEGRAM_API_HASH from my.telegram.org; one session file per account."""

    model_config = SettingsConfigDict(env_prefix="TELEGRAM_", env_file=".env", extra="ignore")

    api_id: int
    api_hash: SecretStr
    session_dir: Path = Path("var/sessions")
    flood_sleep_threshold: int = Field(default=FLOOD_SLEEP_THRESHOLD, ge=0)

    def session_path(self, account: str) -> Path:
        """Telethon appends `.session` to this path."""
        return self.session_dir / account


class CollectorSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="COLLECTOR_", env_file=".env", extra="ignore")

    # The account `radar collector run` uses when --account is not given.
    account: str = "main"
    gap_fill_seconds: float = Field(default=300.0, gt=0)
    # Re-read and compared on start and after a reconnect: offline edits and deletions.
    recent_window_hours: float = Field(default=48.0, ge=0)
