from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class DbSettings(BaseSettings):
    """Where PostgreSQL is. Unset means: start an embedded server (make demo)."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: SecretStr | None = Field(default=None, alias="DATABASE_URL")
    pool_size: int = Field(default=10, alias="DB_POOL_SIZE", ge=1)
    echo: bool = Field(default=False, alias="DB_ECHO")
    embedded_dir: str = Field(default="var/pgdata", alias="DB_EMBEDDED_DIR")


class RedisSettings(BaseSettings):
    """Where Redis is. Unset means: an in-process stand-in (make demo only)."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    redis_url: SecretStr | None = Field(default=None, alias="REDIS_URL")
