from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings


class TestServices(BaseSettings):
    """Where the real services for tests are; CI starts them on these defaults."""

    __test__ = False

    pg_admin_url: str = Field(
        default="postgresql://postgres@127.0.0.1:5432/postgres", alias="TEST_PG_ADMIN_URL"
    )
    redis_url: str = Field(default="redis://127.0.0.1:6379/15", alias="TEST_REDIS_URL")
