"""Every setting any process reads is documented in .env.example, and nothing stale is."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic_settings import BaseSettings

from bot.settings import BotSettings, DigestSettings, SmtpSettings
from bot.webapp.settings import MiniAppSettings
from classifier.settings import ClassifierSettings
from collector.settings import CollectorSettings, TelethonSettings
from crm.fit_settings import FitSettings
from crm.outreach_settings import OutreachSettings
from crm.settings import CrmSettings
from db.settings import DbSettings, RedisSettings
from scripts.settings import DemoSettings, OpsSettings

ALL_SETTINGS: tuple[type[BaseSettings], ...] = (
    BotSettings, SmtpSettings, ClassifierSettings, CollectorSettings, TelethonSettings,
    CrmSettings, FitSettings, DbSettings, RedisSettings, DemoSettings, OpsSettings,
    DigestSettings, MiniAppSettings, OutreachSettings,
)
ENV_EXAMPLE = Path(__file__).resolve().parents[2] / ".env.example"


def env_names(settings: type[BaseSettings]) -> set[str]:
    prefix = settings.model_config.get("env_prefix", "") or ""
    return {
        (field.alias or f"{prefix}{name}").upper()
        for name, field in settings.model_fields.items()
    }


def documented() -> set[str]:
    text = ENV_EXAMPLE.read_text(encoding="utf-8")
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", text, flags=re.M))


class TestEnvExample:
    def test_every_setting_is_documented(self) -> None:
        wanted = set().union(*(env_names(s) for s in ALL_SETTINGS))
        missing = sorted(wanted - documented())
        assert not missing, f".env.example lacks {missing}"

    def test_nothing_stale_is_documented(self) -> None:
        wanted = set().union(*(env_names(s) for s in ALL_SETTINGS))
        stale = sorted(documented() - wanted - {"TEST_PG_ADMIN_URL", "TEST_REDIS_URL"})
        assert not stale, f".env.example documents settings nothing reads: {stale}"

    def test_service_urls_are_left_unset(self) -> None:
        # Copied as it is, .env must keep the embedded stand-ins the header promises.
        text = ENV_EXAMPLE.read_text(encoding="utf-8")
        for name in ("DATABASE_URL", "REDIS_URL"):
            assert re.search(rf"^# {name}=", text, flags=re.M), f"{name} is not documented"
            assert not re.search(rf"^\s*{name}=", text, flags=re.M), f"{name} is set"
