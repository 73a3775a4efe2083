from __future__ import annotations

from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class OpsSettings(BaseSettings):
    """How every process logs and reports its health."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    log_level: str = Field(default="INFO", alias="LOG_LEVEL")
    log_format: Literal["text", "json"] = Field(default="text", alias="LOG_FORMAT")
    health_host: str = Field(default="127.0.0.1", alias="HEALTH_HOST")
    # 0 turns the health/metrics endpoint off (tests, one-shot commands).
    health_port: int = Field(default=0, alias="HEALTH_PORT", ge=0, le=65535)
    metrics_enabled: bool = Field(default=False, alias="METRICS_ENABLED")
    # /healthz fails when the oldest due item of the process's queue has waited this long.
    queue_max_wait: float = Field(default=900.0, alias="HEALTH_QUEUE_MAX_WAIT_SECONDS", gt=0)


class DemoSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    port: int = Field(default=8081, alias="DEMO_PORT", ge=1, le=65535)
    host: str = Field(default="127.0.0.1", alias="DEMO_HOST")
    user_id: int = Field(default=1001, alias="DEMO_USER_ID")
    # Where the bot serves the Mini App in the demo (its menu button opens it).
    miniapp_port: int = Field(default=8082, alias="DEMO_MINIAPP_PORT", ge=1, le=65535)
    # Seconds between replayed demo posts, so a person sees pushes arrive live.
    post_interval: float = Field(default=3.0, alias="DEMO_POST_INTERVAL", ge=0)
