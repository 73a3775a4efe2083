from __future__ import annotations

import datetime as dt

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class BotSettings(BaseSettings):
    """The bot's configuration (env prefix BOT_); validated once at start-up."""

    model_config = SettingsConfigDict(env_prefix="BOT_", env_file=".env", extra="ignore")

    token: SecretStr
    admin_ids: list[int] = Field(default_factory=list)
    username: str = "radar_bot"
    # A local Bot API server or the sandbox emulator, e.g. http://127.0.0.1:8081.
    api_base: str | None = None
    webapp_url: str | None = None
    webhook_url: str | None = None
    webhook_host: str = "127.0.0.1"
    webhook_port: int = 8080
    default_language: str = "ru"
    invite_ttl_hours: int = Field(default=72, ge=1)
    # Updates per user per second before the throttling middleware drops them.
    throttle_rate: int = Field(default=5, ge=1)
    # Parallel senders; one shared pacer keeps them all under Telegram's ~30 messages/s.
    delivery_workers: int = Field(default=8, ge=1, le=64)
    # A send with no answer in this long may or may not have been delivered (counted).
    send_timeout_seconds: float = Field(default=10.0, gt=0, le=60)
    # Pushes that Telegram or SMTP keep refusing with transient errors die after this.
    delivery_horizon_hours: float = Field(default=24.0, gt=0)
    # Sent with setWebhook and checked on every webhook request; random per start if unset.
    webhook_secret: SecretStr | None = None


class DigestSettings(BaseSettings):
    """The weekly chart digest (env prefix DIGEST_): when, in each user's own time zone."""

    model_config = SettingsConfigDict(env_prefix="DIGEST_", env_file=".env", extra="ignore")

    enabled: bool = True
    weekday: int = Field(default=0, ge=0, le=6)  # 0 = Monday
    time: dt.time = dt.time(9, 0)
    # How often the sweep looks for digests that came due (and retries failed builds).
    check_minutes: int = Field(default=10, ge=1, le=60)


class SmtpSettings(BaseSettings):
    """Outgoing mail (env prefix SMTP_); an empty host turns email pushes off."""

    model_config = SettingsConfigDict(env_prefix="SMTP_", env_file=".env", extra="ignore")

    host: str = ""
    port: int = 25
    user: str | None = None
    password: SecretStr | None = None
    sender: str = "radar@localhost"
    starttls: bool = False
