"""Follow-up chain knobs: how much a userbot may write to strangers, and how fast."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from crm.outreach_chains import DEFAULT_CHAINS_FILE
from crm.outreach_sampler import EXPLORATION_FLOOR


class OutreachSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OUTREACH_", env_file=".env", extra="ignore")

    chains_file: Path = DEFAULT_CHAINS_FILE
    # First messages to strangers per userbot account: Telegram bans accounts that spam.
    first_messages_per_hour: int = Field(default=5, ge=0, le=100)
    first_messages_per_day: int = Field(default=20, ge=0, le=500)
    pacing_seconds: int = Field(default=120, ge=0, le=86_400)
    exploration_floor: float = Field(default=EXPLORATION_FLOOR, ge=0.0, le=1.0)
    # E-mail replies go here; a manager marks them in the bot.
    reply_to: str | None = None
    # A reply this long after the last step still counts for the chain and its template.
    reply_window_days: int = Field(default=30, ge=1, le=365)
    # A claimed DM whose outcome was never recorded is taken as sent after this.
    lease_seconds: int = Field(default=60, ge=5, le=3600)
    poll_seconds: float = Field(default=5.0, gt=0, le=600)
