from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class MiniAppSettings(BaseSettings):
    """The Mini App's API (env prefix MINIAPP_); the page's URL is BOT_WEBAPP_URL."""

    model_config = SettingsConfigDict(env_prefix="MINIAPP_", env_file=".env", extra="ignore")

    # initData older than this is refused (Telegram signs it once, when the app opens).
    init_data_max_age: int = Field(default=3600, ge=60)
    # Moves, notes, proposals… per user per minute before the API answers 429.
    mutations_per_minute: int = Field(default=60, ge=1)
    # Where the bot serves the Mini App when it polls (with a webhook it shares that server).
    host: str = "127.0.0.1"
    port: int = Field(default=8090, ge=0, le=65535)
